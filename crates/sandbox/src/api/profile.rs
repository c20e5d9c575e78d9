//! `GET /user/profile` and the public `GET /app-version`.

use super::bearer::AuthUser;
use super::kyc::user_kyc_status;
use super::reply::{ApiError, ApiResult, Params};
use crate::state::Shared;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use ccp_model::api::{ProfileResponse, User, UserKycStatus};
use serde_json::{Value, json};
use sqlx::SqlitePool;

/// The stored fields of a user the profile shows (the KYC fields are worked out).
#[derive(sqlx::FromRow)]
struct UserRow {
    email: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    account_type: String,
    status: String,
    wallet_id: String,
    referral_code: String,
    created_at: String,
}

pub async fn load_user(db: &SqlitePool, id: i64) -> Result<User, sqlx::Error> {
    let row: UserRow = sqlx::query_as(
        "SELECT email, first_name, last_name, phone, account_type, status, wallet_id, referral_code, created_at
         FROM users WHERE id = ?",
    )
    .bind(id)
    .fetch_one(db)
    .await?;
    let kyc = user_kyc_status(db, id).await?;
    Ok(User {
        id: Some(id),
        email: Some(row.email),
        first_name: Some(row.first_name),
        last_name: Some(row.last_name),
        phone: row.phone,
        account_type: Some(row.account_type),
        status: Some(row.status),
        wallet_id: Some(row.wallet_id),
        kyc_level: Some(i64::from(kyc == UserKycStatus::Verified)),
        kyc_status: Some(kyc.as_str().to_owned()),
        created_at: Some(row.created_at),
        referral_code: Some(row.referral_code),
    })
}

pub async fn profile(State(st): State<Shared>, user: AuthUser) -> ApiResult<Json<Value>> {
    let answer = serde_json::to_value(ProfileResponse {
        status: Some("success".into()),
        user: Some(load_user(&st.db, user.id).await?),
        data: None,
    })
    .unwrap_or_default();
    Ok(Json(match st.config.lenient_bodies {
        true => super::lenient::profile(answer),
        false => answer,
    }))
}

/// Release notes are localised by `Accept-Language` (en, zh, ar, id), as the service does.
pub async fn app_version(
    State(st): State<Shared>,
    headers: HeaderMap,
    params: Params,
) -> ApiResult<Json<Value>> {
    let platform = params.text("platform").ok_or_else(|| {
        ApiError::bad_request("Invalid platform", "platform is required: ios or android")
    })?;
    let (version, url) = match platform {
        "ios" => (
            "2.3.1",
            "https://apps.apple.com/app/comecomepay/id6450000000",
        ),
        "android" => (
            "2.3.2",
            "https://play.google.com/store/apps/details?id=com.comecomepay.app",
        ),
        "linux" | "windows" | "macos" if st.config.desktop_release.is_some() => {
            let (version, url) = st.config.desktop_release.as_ref().expect("checked");
            (version.as_str(), url.as_str())
        }
        other => {
            return Err(ApiError::bad_request(
                "Invalid platform",
                format!("unknown platform {other:?}: ios or android"),
            ));
        }
    };
    let language = headers
        .get("accept-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("en");
    let notes = match language.get(..2) {
        Some("zh") => "修复已知问题，提升稳定性。",
        Some("ar") => "إصلاحات للأخطاء وتحسينات في الأداء.",
        Some("id") => "Perbaikan bug dan peningkatan stabilitas.",
        _ => "Bug fixes and stability improvements.",
    };
    Ok(Json(json!({
        "status": "success",
        "data": {
            "platform": platform,
            "version": version,
            "download_url": url,
            "release_notes": notes,
            "force_update": false,
            "updated_at": "2026-10-28T09:00:00Z",
        }
    })))
}
