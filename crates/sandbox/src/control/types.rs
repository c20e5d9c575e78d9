//! Bodies of the control API, shared by its routes and its client.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A 3-D Secure record to add; unset fields get plausible values (now, 300 s, random code).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InjectPasscode {
    /// The owner; `None`: the demo user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    /// Decimal string, e.g. `"100.00"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passcode: Option<String>,
    /// RFC 3339; default now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetKyc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Local status: pending_submit, pending, processing, approved, rejected, failed, not_completed, cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// PokePay review state, 1–6 (other numbers are stored as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pokepay_status: Option<i64>,
    /// `Some("")` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    #[serde(default)]
    pub new_record: bool,
    /// The KYC fee: none, pending, processing, completed, failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
}
