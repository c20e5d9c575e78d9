//! KYC: eligibility, status (`GET /didit/status`) and starting a hosted Didit session.

use super::lenient::{flag, opt_int, opt_object, opt_text, text};
use serde::{Deserialize, Deserializer, Serialize};

open_enum!(KycPaymentStatus { None = "none", Pending = "pending", Processing = "processing", Completed = "completed", Failed = "failed" });
open_enum!(KycPaymentType { Kyc = "kyc", Virtual = "virtual", Physical = "physical" });
open_enum!(KycRequiredAction { CreateKycPayment = "create_kyc_payment", CompletePayment = "complete_payment" });

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KycEligibility {
    #[serde(default)]
    pub eligible: bool,
    pub payment_status: Option<KycPaymentStatus>,
    pub payment_type: Option<KycPaymentType>,
    pub reason: Option<String>,
    pub required_action: Option<KycRequiredAction>,
    pub status: Option<String>,
}

open_enum!(
    /// The user's overall KYC state: `none` = not verified, `pending` = under review.
    UserKycStatus { None = "none", Pending = "pending", Verified = "verified", Rejected = "rejected" }
);

open_enum!(
    /// The service's own state of one KYC record.
    KycLocalStatus {
        PendingSubmit = "pending_submit",
        Pending = "pending",
        Processing = "processing",
        Approved = "approved",
        Rejected = "rejected",
        Failed = "failed",
        NotCompleted = "not_completed",
        Cancelled = "cancelled",
    }
);

/// PokePay's review state of a KYC record (1–6); other numbers are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PokepayStatus(pub i64);

impl PokepayStatus {
    pub const NOT_REVIEWED: PokepayStatus = PokepayStatus(1);
    pub const APPROVED: PokepayStatus = PokepayStatus(2);
    pub const FAILED: PokepayStatus = PokepayStatus(3);
    pub const INFORMATION_MISMATCH: PokepayStatus = PokepayStatus(4);
    pub const MANUAL_REVIEW: PokepayStatus = PokepayStatus(5);
    pub const DUPLICATE_ID: PokepayStatus = PokepayStatus(6);
}

/// Every field optional; ids and numbers as numbers or text.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatestKyc {
    #[serde(default, deserialize_with = "opt_text")]
    pub agent_uid: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub fail_reason: Option<String>,
    /// A number or digits; other text is "not said".
    #[serde(default, deserialize_with = "opt_int")]
    pub id: Option<i64>,
    /// A number or digits (`3`, `"3"`).
    #[serde(default, deserialize_with = "pokepay_status")]
    pub pokepay_status: Option<PokepayStatus>,
    #[serde(default, deserialize_with = "local_status")]
    pub status: Option<KycLocalStatus>,
    #[serde(default, deserialize_with = "opt_text")]
    pub updated_at: Option<String>,
}

/// `GET /didit/status`. Nothing is required: the service's mobile client reads a missing
/// `user_kyc_status` as an empty string, and so do we (`Unknown("")`, shown as not said).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KycStatus {
    #[serde(default, deserialize_with = "flag")]
    pub can_submit_kyc: bool,
    #[serde(default, deserialize_with = "opt_object")]
    pub latest_kyc: Option<LatestKyc>,
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub message: Option<String>,
    #[serde(default = "unsaid", deserialize_with = "user_status")]
    pub user_kyc_status: UserKycStatus,
}

/// The status of a KYC answer that does not say it.
fn unsaid() -> UserKycStatus {
    UserKycStatus::Unknown(String::new())
}

fn user_status<'de, D: Deserializer<'de>>(d: D) -> Result<UserKycStatus, D::Error> {
    Ok(UserKycStatus::from(text(d)?.as_str()))
}

fn local_status<'de, D: Deserializer<'de>>(d: D) -> Result<Option<KycLocalStatus>, D::Error> {
    Ok(opt_text(d)?.map(|s| KycLocalStatus::from(s.as_str())))
}

fn pokepay_status<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PokepayStatus>, D::Error> {
    Ok(opt_int(d)?.map(PokepayStatus))
}

/// `POST /didit/initialize-token`; every field optional in the contract, but the service's
/// mobile client sends them all (see `ccp_model::ipc::KycApplicant`).
///
/// The names go twice: the contract calls them `first_en_name`/`last_en_name`, while the
/// service's own mobile client sends `first_name`/`last_name` — and it is the one known to
/// work against the live service. Sending both keeps the request right whichever the service
/// reads; an unknown key is ignored by a JSON binder.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditInitRequest {
    pub address: Option<String>,
    pub agent_uid: Option<String>,
    pub area_code: Option<String>,
    pub bill_country_code: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub first_en_name: Option<String>,
    pub first_name: Option<String>,
    pub last_en_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub post_code: Option<String>,
    pub return_url: Option<String>,
    pub state: Option<String>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditSession {
    pub session_id: Option<String>,
    pub url: Option<String>,
}

/// PokePay's envelope around the Didit session.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditToken {
    pub code: Option<i64>,
    pub errstr: Option<String>,
    pub request_id: Option<String>,
    pub data: Option<DiditSession>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditInitResponse {
    pub didit_token: Option<DiditToken>,
    pub user_kyc_id: Option<i64>,
    pub verification_id: Option<String>,
}

impl DiditInitResponse {
    /// The hosted verification page to open in the browser.
    pub fn url(&self) -> Option<&str> {
        self.didit_token.as_ref()?.data.as_ref()?.url.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kyc_status_seed_example_decodes() {
        let k: KycStatus = serde_json::from_str(
            r#"{"can_submit_kyc":true,"latest_kyc":{"agent_uid":"u1","created_at":"2024-01-15T10:30:00Z","fail_reason":"x","id":1,"pokepay_status":3,"status":"rejected","updated_at":"2024-01-15T12:00:00Z"},"message":"m","user_kyc_status":"pending"}"#,
        )
        .unwrap();
        let latest = k.latest_kyc.unwrap();
        assert_eq!(latest.pokepay_status, Some(PokepayStatus::FAILED));
        assert_eq!(latest.status, Some(KycLocalStatus::Rejected));
        assert_eq!(k.user_kyc_status, UserKycStatus::Pending);
    }

    #[test]
    fn kyc_status_reads_what_the_mobile_client_reads() {
        let k: KycStatus = serde_json::from_str(
            r#"{"can_submit_kyc":null,"message":null,"latest_kyc":{"id":"12","pokepay_status":"2",
                "status":null,"agent_uid":7,"fail_reason":null}}"#,
        )
        .unwrap();
        assert_eq!(k.user_kyc_status, UserKycStatus::Unknown(String::new()));
        assert!(!k.can_submit_kyc);
        let latest = k.latest_kyc.clone().unwrap();
        assert_eq!(latest.id, Some(12));
        assert_eq!(latest.pokepay_status, Some(PokepayStatus::APPROVED));
        assert_eq!(latest.agent_uid.as_deref(), Some("7"));
        assert_eq!((latest.status, latest.fail_reason), (None, None));
        // What we keep reads back the same (cache, IPC).
        let json = serde_json::to_string(&k).unwrap();
        assert_eq!(serde_json::from_str::<KycStatus>(&json).unwrap(), k);
        for body in [
            r#"{}"#,
            r#"{"user_kyc_status":null,"latest_kyc":"none"}"#,
            r#"{"latest_kyc":{"id":"x","pokepay_status":"three"}}"#,
        ] {
            let k: KycStatus = serde_json::from_str(body).unwrap();
            assert_eq!(k.user_kyc_status.as_str(), "", "{body}");
            assert!(
                k.latest_kyc
                    .is_none_or(|l| l.id.is_none() && l.pokepay_status.is_none())
            );
        }
    }
}
