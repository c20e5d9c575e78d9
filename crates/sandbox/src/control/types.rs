//! Bodies of the control API, shared by its routes and its client.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A 3-D Secure record to add; unset fields get plausible values (now, 300 s, random code).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InjectPasscode {
    /// The owner; `None`: the demo user.
    pub email: Option<String>,
    pub merchant_name: Option<String>,
    /// Decimal string, e.g. `"100.00"`.
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub passcode: Option<String>,
    /// RFC 3339; default now.
    pub received_at: Option<String>,
    pub expires_after: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BulkRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkInserted {
    pub inserted: u32,
    pub first_id: i64,
    pub last_id: i64,
}

/// Moves a user's latest KYC record (or a new one, with `new_record`) to a state.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetKyc {
    pub email: Option<String>,
    /// Local status: pending_submit, pending, processing, approved, rejected, failed, not_completed, cancelled.
    pub status: Option<String>,
    /// PokePay review state, 1–6 (other numbers are stored as given).
    pub pokepay_status: Option<i64>,
    /// `Some("")` clears it.
    pub fail_reason: Option<String>,
    #[serde(default)]
    pub new_record: bool,
    /// The KYC fee: none, pending, processing, completed, failed.
    pub payment_status: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmailBody {
    pub email: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LatencyBody {
    pub ms: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub counts: HashMap<String, u64>,
    /// When the last calls of each key arrived, oldest first (Unix milliseconds; at most
    /// `TIMES_KEPT` of them).
    #[serde(default)]
    pub times_ms: HashMap<String, Vec<u64>>,
}

/// A transaction to add to a user's first card (by id), e.g. an old one that only a later page
/// of the history holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddTransaction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub merchant_name: String,
    /// Signed decimal in the card's currency: negative is money spent.
    pub amount: f64,
    /// How long ago it was made; 0: now.
    #[serde(default)]
    pub days_ago: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddedTransaction {
    pub transaction_id: String,
    pub public_token: String,
}

/// A message to add: a notification to the user, or an announcement to everyone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub kind: ccp_model::api::MessageKind,
    pub title: String,
    pub content: String,
}

impl AddMessage {
    /// A notification to the demo user.
    pub fn notification(title: &str, content: &str) -> AddMessage {
        AddMessage::of(ccp_model::api::MessageKind::Notification, title, content)
    }

    /// An announcement, to everyone.
    pub fn announcement(title: &str, content: &str) -> AddMessage {
        AddMessage::of(ccp_model::api::MessageKind::Announcement, title, content)
    }

    fn of(kind: ccp_model::api::MessageKind, title: &str, content: &str) -> AddMessage {
        let (title, content) = (title.to_owned(), content.to_owned());
        AddMessage {
            email: None,
            kind,
            title,
            content,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddedMessage {
    pub id: i64,
}

impl InjectPasscode {
    /// A record for the demo user at `merchant` with this code; the rest plausible.
    pub fn code(merchant: impl Into<String>, passcode: impl Into<String>) -> InjectPasscode {
        let (merchant_name, passcode) = (Some(merchant.into()), Some(passcode.into()));
        InjectPasscode {
            merchant_name,
            passcode,
            ..InjectPasscode::default()
        }
    }

    /// The payment's amount (a decimal string) and currency.
    pub fn paid(self, amount: &str, currency: &str) -> InjectPasscode {
        InjectPasscode {
            amount: Some(amount.into()),
            currency: Some(currency.into()),
            ..self
        }
    }
}
