//! 3-D Secure passcodes: `GET /3ds/my-records`.

use crate::Sensitive;
use serde::{Deserialize, Serialize};

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
