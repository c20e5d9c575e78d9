//! Cards: the list, account details, and status (the service's own and Thredd's codes).

use serde::{Deserialize, Serialize};

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
    /// Missing: no cards (the service's mobile client reads it so).
    #[serde(default)]
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

/// Read from `data`, or from the top level when `data` is missing, as the service's mobile
/// client does (then the answer's `status` shadows the card's).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AccountDetailsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub data: CardAccountDetails,
}

impl<'de> Deserialize<'de> for AccountDetailsResponse {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            status: Option<String>,
            #[serde(default)]
            message: Option<String>,
            #[serde(default)]
            data: Option<CardAccountDetails>,
            #[serde(flatten)]
            top: CardAccountDetails,
        }
        let w = Wire::deserialize(d)?;
        Ok(AccountDetailsResponse {
            status: w.status,
            message: w.message,
            data: w.data.unwrap_or(w.top),
        })
    }
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
}
