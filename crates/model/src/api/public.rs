//! Public endpoints, no sign-in needed: `GET /app-version`.

use serde::{Deserialize, Serialize};

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppVersion {
    pub platform: Option<String>,
    pub version: Option<String>,
    pub download_url: Option<String>,
    pub release_notes: Option<String>,
    pub force_update: Option<bool>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppVersionResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub data: AppVersion,
}
