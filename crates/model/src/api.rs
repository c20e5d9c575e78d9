//! Request and response bodies of the ComeComePay cardholder API (`/api/v1`), as written in
//! `shared/api/comecomepay.openapi.yaml`. Optional fields are `Option` and unknown enum
//! values are kept, because the live service is loose about both. Fields the contract marks
//! `x-assumed` say so in their doc comment.

use crate::Sensitive;
use serde::{Deserialize, Serialize};

/// Prefix the live service serves every path under.
pub const API_PREFIX: &str = "/api/v1";

/// Paths below [`API_PREFIX`], one place for client and sandbox alike.
pub mod path {
    pub const LOGIN: &str = "/auth/login";
    pub const VERIFY_LOGIN_OTP: &str = "/auth/verify-login-otp";
    pub const RESEND_OTP: &str = "/auth/resend-otp";
    pub const REFRESH: &str = "/auth/refresh";
    pub const LOGOUT: &str = "/auth/logout";
    pub const PROFILE: &str = "/user/profile";
    pub const CARD_LIST: &str = "/card/list";
    pub const CARD_ACCOUNT_DETAILS: &str = "/card/account-details";
    pub const CARD_STATUS: &str = "/card/status";
    pub const CARD_TRANSACTIONS: &str = "/card/transaction-history";
    pub const THREE_DS_RECORDS: &str = "/3ds/my-records";
    pub const KYC_ELIGIBILITY: &str = "/kyc/eligibility";
    pub const DIDIT_STATUS: &str = "/didit/status";
    pub const DIDIT_INITIALIZE: &str = "/didit/initialize-token";
    pub const APP_VERSION: &str = "/app-version";
}

// ---------------------------------------------------------------- auth

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub email: String,
    pub password: Sensitive,
}

open_enum!(
    /// What the client must do after a successful first sign-in step.
    NextStep { VerifyLoginOtp = "verify_login_otp" }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginChallenge {
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub next_step: NextStep,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Returned only by development environments (and the sandbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<Sensitive>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: Sensitive,
    pub refresh_token: Sensitive,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

/// `POST /auth/login` answers either a challenge (the normal case) or, on some servers,
/// tokens at once; both must be accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
// Built once per sign-in: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum LoginResponse {
    Tokens(TokenResponse),
    Challenge(LoginChallenge),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerifyOtpRequest {
    pub email: String,
    pub otp_code: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResendOtpRequest {
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefreshRequest {
    pub refresh_token: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogoutRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Sensitive>,
}

/// The plain `{status, message}` success body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OkBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

// ---------------------------------------------------------------- user

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kyc_level: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kyc_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_code: Option<String>,
}

/// `GET /user/profile`. x-assumed: the user is under `user` or `data`, both seen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<User>,
}

impl ProfileResponse {
    pub fn into_user(self) -> Option<User> {
        self.user.or(self.data)
    }
}

// ---------------------------------------------------------------- cards

open_enum!(
    /// The service's own card state.
    CardLocalStatus {
        Normal = "normal",
        Frozen = "frozen",
        Cancelled = "cancelled",
        Unactivate = "unactivate",
        Active = "active",
    }
);

impl CardLocalStatus {
    /// Normal and active cards can be frozen (the official client offers freeze on `normal`).
    pub fn can_freeze(&self) -> bool {
        matches!(self, Self::Normal | Self::Active)
    }
    pub fn can_unfreeze(&self) -> bool {
        matches!(self, Self::Frozen)
    }
    pub fn can_cancel(&self) -> bool {
        !matches!(self, Self::Cancelled | Self::Unknown(_))
    }
}

open_enum!(
    /// Thredd card status codes (the processor behind PokePay). Only `00`, `G1` and `99` may be
    /// requested by a cardholder.
    CardStatusCode {
        Active = "00",
        Inactive = "02",
        CaptureCard = "04",
        DoNotHonour = "05",
        InvalidCard = "14",
        Lost = "41",
        Stolen = "43",
        ClosedAccount = "46",
        Expired = "54",
        NotPermitted = "57",
        SuspectedFraud = "59",
        Restricted = "62",
        SecurityViolation = "63",
        ContactIssuer = "70",
        PinTriesExceeded = "75",
        Destroyed = "83",
        RefundGiven = "98",
        Voided = "99",
        ShortTermDebitBlock = "G1",
        ShortTermFullBlock = "G2",
        LongTermDebitBlock = "G3",
        LongTermFullBlock = "G4",
        FraudShortTermDebitBlock = "G5",
        FraudShortTermFullBlock = "G6",
        FraudLongTermDebitBlock = "G7",
        FraudLongTermFullBlock = "G8",
    }
);

impl CardStatusCode {
    /// A final status: the card can never change again.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Stolen | Self::Expired | Self::Destroyed | Self::Voided | Self::ClosedAccount
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardListItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub public_token: String,
    /// Masked by the server (`441353******1149`); never a full number.
    pub card_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_scheme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub status: CardLocalStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_physical: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kyc_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardListData {
    #[serde(default)]
    pub total: i64,
    #[serde(default)]
    pub cards: Vec<CardListItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardListResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub data: CardListData,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardAccountDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default)]
    pub public_token: String,
    #[serde(default)]
    pub card_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_scheme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CardLocalStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kyc_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<f64>,
    /// The card fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recharge_fee: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdraw_fee: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_fee: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_border_fee: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recharge_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recharge_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdraw_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdraw_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_quota: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_quota: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month_quota: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_recharge: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_withdraw: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_physical: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activate_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_time: Option<i64>,
    /// `YYYY-MM-DD HH:MM:SS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
    /// Months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_expiry: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountDetailsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub data: CardAccountDetails,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardStatusData {
    pub public_token: String,
    pub status: CardLocalStatus,
    #[serde(default)]
    pub card_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_recharge: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_withdraw: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<i64>,
}

/// `GET /card/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardStatusResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub data: CardStatusData,
}

/// `PUT /card/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeCardStatusRequest {
    pub public_token: String,
    pub card_status_code: CardStatusCode,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardStatusChange {
    /// Processor status name, e.g. `ShortTermDebitBlock`.
    pub card_status: String,
    pub card_status_code: CardStatusCode,
    pub description: String,
    pub public_token: String,
    /// e.g. `Frozen`.
    pub status_name: String,
    /// `YYYY-MM-DD`.
    pub updated: String,
    pub updated_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeCardStatusResponse {
    pub data: CardStatusChange,
    pub message: String,
    pub status: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionPage {
    #[serde(default)]
    pub page: i64,
    #[serde(default)]
    pub page_size: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_token: Option<String>,
    #[serde(default)]
    pub total: i64,
    #[serde(default)]
    pub transactions: Vec<Transaction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub data: TransactionPage,
}

// ---------------------------------------------------------------- 3-D Secure

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreeDsRecord {
    pub id: i64,
    /// A decimal string (`"100.00"`), unlike other amounts.
    pub amount: String,
    pub currency: String,
    /// Seconds the passcode stays valid after `received_at`.
    pub expires_after: i64,
    pub merchant_name: String,
    /// A string: leading zeros matter.
    pub passcode: Sensitive,
    /// RFC 3339.
    pub received_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreeDsPage {
    pub page: i64,
    pub page_size: i64,
    pub total: i64,
    pub total_pages: i64,
    #[serde(default)]
    pub records: Vec<ThreeDsRecord>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreeDsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub data: ThreeDsPage,
}

// ---------------------------------------------------------------- KYC

open_enum!(KycPaymentStatus { None = "none", Pending = "pending", Processing = "processing", Completed = "completed", Failed = "failed" });
open_enum!(KycPaymentType { Kyc = "kyc", Virtual = "virtual", Physical = "physical" });
open_enum!(KycRequiredAction { CreateKycPayment = "create_kyc_payment", CompletePayment = "complete_payment" });

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KycEligibility {
    #[serde(default)]
    pub eligible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<KycPaymentStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<KycPaymentType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_action: Option<KycRequiredAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

    /// English label; `None` for a number this client does not know.
    pub fn label(self) -> Option<&'static str> {
        Some(match self.0 {
            1 => "Not reviewed / incomplete",
            2 => "Approved",
            3 => "Failed",
            4 => "Information mismatch",
            5 => "Awaiting manual review",
            6 => "Duplicate ID number",
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatestKyc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_uid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pokepay_status: Option<PokepayStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<KycLocalStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// `GET /didit/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KycStatus {
    #[serde(default)]
    pub can_submit_kyc: bool,
    #[serde(default)]
    pub latest_kyc: Option<LatestKyc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub user_kyc_status: UserKycStatus,
}

/// `POST /didit/initialize-token`; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditInitRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_uid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_country_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_en_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_en_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditSession {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// PokePay's envelope around the Didit session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditToken {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errstr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DiditSession>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiditInitResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub didit_token: Option<DiditToken>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_kyc_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_id: Option<String>,
}

impl DiditInitResponse {
    /// The hosted verification page to open in the browser.
    pub fn url(&self) -> Option<&str> {
        self.didit_token.as_ref()?.data.as_ref()?.url.as_deref()
    }
}

// ---------------------------------------------------------------- public

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppVersion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_update: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppVersionResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub data: AppVersion,
}

// ---------------------------------------------------------------- errors

/// Any of the service's three error shapes, read leniently: `{error, details}`,
/// `{status: error|fail|failed, message}` and PokePay's `{code, data, errstr, request_id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// An integer in PokePay envelopes and `StatusError`s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errstr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ErrorBody {
    /// `{error, details}` as the sandbox writes it (the `ErrorResponse` shape).
    pub fn new(error: impl Into<String>, details: impl Into<String>) -> Self {
        ErrorBody {
            error: Some(error.into()),
            details: Some(details.into()),
            ..Default::default()
        }
    }

    /// A 200 whose `status` is error/fail/failed is a failure too.
    pub fn is_failure_status(status: Option<&str>) -> bool {
        matches!(status, Some("error" | "fail" | "failed"))
    }

    /// The most specific human text the body carries.
    pub fn message(&self) -> Option<String> {
        let main = self
            .message
            .as_deref()
            .or(self.error.as_deref())
            .or(self.errstr.as_deref().filter(|s| *s != "SUCCESS"))?;
        Some(match self.details.as_deref() {
            Some(d) if !d.is_empty() && d != main => format!("{main}: {d}"),
            _ => main.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_are_kept_raw() {
        let s: CardLocalStatus = serde_json::from_str("\"suspended\"").unwrap();
        assert_eq!(s, CardLocalStatus::Unknown("suspended".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"suspended\"");
        let c: CardStatusCode = serde_json::from_str("\"G1\"").unwrap();
        assert_eq!(c, CardStatusCode::ShortTermDebitBlock);
        assert!(CardStatusCode::from("99").is_final());
    }

    #[test]
    fn login_answers_challenge_or_tokens() {
        let c: LoginResponse = serde_json::from_str(
            r#"{"status":"success","message":"OTP sent to your email","next_step":"verify_login_otp","email":"u@e.x"}"#,
        )
        .unwrap();
        assert!(
            matches!(c, LoginResponse::Challenge(ref ch) if ch.next_step == NextStep::VerifyLoginOtp)
        );
        let t: LoginResponse =
            serde_json::from_str(r#"{"access_token":"a","refresh_token":"r"}"#).unwrap();
        assert!(matches!(t, LoginResponse::Tokens(ref tk) if tk.refresh_token.expose() == "r"));
    }

    #[test]
    fn error_body_reads_all_three_shapes() {
        let a: ErrorBody =
            serde_json::from_str(r#"{"error":"Invalid credentials","details":"wrong password"}"#)
                .unwrap();
        assert_eq!(a.message().unwrap(), "Invalid credentials: wrong password");
        let b: ErrorBody =
            serde_json::from_str(r#"{"status":"fail","message":"Card not found"}"#).unwrap();
        assert_eq!(b.message().unwrap(), "Card not found");
        let c: ErrorBody = serde_json::from_str(
            r#"{"code":500,"data":null,"errstr":"upstream down","request_id":"r1"}"#,
        )
        .unwrap();
        assert_eq!(c.message().unwrap(), "upstream down");
    }

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
}
