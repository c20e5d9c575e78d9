//! The FalPay open API's token endpoint (seed 004), on the same server as the ComeComePay API
//! but under its own prefix, `/api/open` (no clash with `/api/v1`).
//!
//! Only `POST /api/open/auth/token?grant_type=client_credentials&client_id=…&client_secret=…`
//! is specified, so only it is served. Its answer is the seed's envelope
//! `{success, code: "200", message, data: {access_token, token_type: "bearer", expires_in,
//! scope}}`; the lifetime is [`Config::falpay_token_ttl`](crate::Config::falpay_token_ttl)
//! (the seed's 60 s by default). One seeded client: [`crate::FALPAY_CLIENT_ID`] /
//! [`crate::FALPAY_CLIENT_SECRET`]. The request counter of the control API counts these calls
//! (`POST /api/open/auth/token`), as it counts `/api/v1`.
//!
//! How FalPay answers a failure is not in the material: the sandbox answers with the same
//! envelope (`success: false`, `code` "400"/"401", a message, `data: null`) and, by default,
//! the matching HTTP status; [`Config::falpay_errors_as_200`](crate::Config::falpay_errors_as_200)
//! serves them as HTTP 200 instead (a service whose HTTP status does not reflect errors).
//!
//! TEST-ONLY, NOT FalPay's API: [`echo`] at `GET /sandbox/falpay/echo` (on the control API,
//! loopback only) checks a bearer token issued here, so tests can exercise "a 401 renews the
//! token once and retries once"; `POST /sandbox/falpay/revoke` makes every issued token invalid.

pub mod tokens;

use crate::state::{Shared, lock};
use crate::{FALPAY_CLIENT_ID, FALPAY_CLIENT_SECRET};
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::Duration;

/// The token endpoint's path (seed 004).
pub const TOKEN_PATH: &str = "/api/open/auth/token";
/// Every FalPay path starts with this (counted by the request counter like `/api/v1`).
pub const PREFIX: &str = "/api/open";
/// The scope the seed's example grants.
const SCOPE: &str = "default";

pub fn router() -> axum::Router<Shared> {
    axum::Router::new().route(TOKEN_PATH, post(token))
}

/// The seed's envelope for a failure: `code` is the HTTP status's number, and the HTTP status
/// is that one (or 200 with [`Config::falpay_errors_as_200`](crate::Config::falpay_errors_as_200)).
fn failure(st: &Shared, status: StatusCode, message: &str) -> Response {
    let body = json!({
        "success": false,
        "code": status.as_str(),
        "message": message,
        "data": null,
    });
    let status = if st.config.falpay_errors_as_200 {
        StatusCode::OK
    } else {
        status
    };
    (status, Json(body)).into_response()
}

/// `POST /api/open/auth/token?grant_type=client_credentials&client_id=…&client_secret=…`.
async fn token(State(st): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let params: HashMap<String, String> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or_default();
    if get("grant_type") != "client_credentials" {
        return failure(
            &st,
            StatusCode::BAD_REQUEST,
            "grant_type must be client_credentials",
        );
    }
    // Both compared whatever the first gave, and the message never says which was wrong.
    let id_ok = get("client_id") == FALPAY_CLIENT_ID;
    let secret_ok = get("client_secret") == FALPAY_CLIENT_SECRET;
    if !(id_ok && secret_ok) {
        return failure(
            &st,
            StatusCode::UNAUTHORIZED,
            "invalid client_id or client_secret",
        );
    }
    let ttl = Duration::from_secs(st.config.falpay_token_ttl.as_secs().max(1));
    let access_token = lock(&st.falpay).issue(ttl);
    Json(json!({
        "success": true,
        "code": "200",
        "message": "操作成功",
        "data": {
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": ttl.as_secs(),
            "scope": SCOPE,
        }
    }))
    .into_response()
}

/// TEST-ONLY (not part of FalPay's API): `GET /sandbox/falpay/echo` with
/// `Authorization: Bearer <token>` answers 200 and the token's scope and seconds left while the
/// token is live, else 401 in the envelope. Counted as `GET /sandbox/falpay/echo`.
pub async fn echo(State(st): State<Shared>, headers: HeaderMap) -> Response {
    st.count("GET /sandbox/falpay/echo".into());
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    let left = token.and_then(|t| lock(&st.falpay).accepts(t));
    match left {
        Some(left) => Json(json!({
            "success": true,
            "code": "200",
            "message": "ok",
            "data": { "scope": SCOPE, "seconds_left": left.as_secs() },
        }))
        .into_response(),
        None => (
            StatusCode::UNAUTHORIZED,
            Json(json!({
                "success": false,
                "code": "401",
                "message": "token invalid or expired",
                "data": null,
            })),
        )
            .into_response(),
    }
}

/// TEST-ONLY: `POST /sandbox/falpay/revoke` invalidates every issued FalPay token.
pub async fn revoke(State(st): State<Shared>) -> Json<Value> {
    let revoked = lock(&st.falpay).revoke_all();
    Json(json!({ "status": "success", "revoked": revoked }))
}
