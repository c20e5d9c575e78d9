//! The bearer-token extractor every protected handler takes, and the lookup of a presented
//! token it shares with refresh.

use super::reply::ApiError;
use crate::clock::now_unix;
use crate::secret::sha256_hex;
use crate::state::Shared;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use sqlx::SqlitePool;

/// One row of `tokens`, found by the hash of a presented token.
#[derive(sqlx::FromRow)]
pub(super) struct TokenRow {
    pub user_id: i64,
    pub family: String,
    pub expires_at: i64,
    pub revoked: bool,
}

/// The stored token of this kind (`access` or `refresh`) with this hash.
pub(super) async fn find_token(
    db: &SqlitePool,
    hash: &str,
    kind: &str,
) -> Result<Option<TokenRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT user_id, family, expires_at, revoked FROM tokens WHERE hash = ? AND kind = ?",
    )
    .bind(hash)
    .bind(kind)
    .fetch_optional(db)
    .await
}

/// The signed-in user of a request (from a valid, unexpired access token).
pub struct AuthUser {
    pub id: i64,
    /// Token family: logout ends it.
    pub family: String,
}

impl FromRequestParts<Shared> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::unauthorized("Unauthorized", "missing bearer token"))?;
        let row = find_token(&state.db, &sha256_hex(token), "access").await?;
        match row {
            None => Err(ApiError::unauthorized(
                "Invalid token",
                "the access token is not valid",
            )),
            Some(t) if t.revoked => Err(ApiError::unauthorized(
                "Invalid token",
                "the session has ended",
            )),
            Some(t) if t.expires_at <= now_unix() => Err(ApiError::unauthorized(
                "Token expired",
                "the access token has expired",
            )),
            Some(t) => Ok(AuthUser {
                id: t.user_id,
                family: t.family,
            }),
        }
    }
}
