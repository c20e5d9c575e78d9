//! Error answers in the contract's `ErrorResponse` shape (`{error, details}`), and request
//! extractors whose failures are such answers too (never axum's plain-text rejections).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::collections::HashMap;
use std::convert::Infallible;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: String,
    pub details: String,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: impl Into<String>, details: impl Into<String>) -> Self {
        ApiError {
            status,
            error: error.into(),
            details: details.into(),
            retry_after: None,
        }
    }
    pub fn bad_request(error: impl Into<String>, details: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error, details)
    }
    pub fn unauthorized(error: impl Into<String>, details: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, error, details)
    }
    pub fn too_many(
        retry_after: u64,
        error: impl Into<String>,
        details: impl Into<String>,
    ) -> Self {
        ApiError {
            retry_after: Some(retry_after.max(1)),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, error, details)
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!("database: {e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal server error",
            "database error",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(json!({ "error": self.error, "details": self.details })),
        )
            .into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON request body; a missing, non-JSON or wrongly shaped body is a 400 naming the problem.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::bad_request("Invalid request body", e.body_text()))?;
        let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        serde_json::from_slice(bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::bad_request("Invalid request body", e.to_string()))
    }
}

/// Query parameters, read by name with clear errors for bad values; a handler takes them as
/// an argument.
pub struct Params(pub HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Params::parse(parts.uri.query()))
    }
}

impl Params {
    pub fn parse(query: Option<&str>) -> Params {
        Params(
            url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
                .into_owned()
                .collect(),
        )
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// An integer in `min..=max`, or `default` when absent.
    pub fn int(&self, name: &str, default: i64, min: i64, max: i64) -> ApiResult<i64> {
        let Some(raw) = self.text(name) else {
            return Ok(default);
        };
        let value: i64 = raw.trim().parse().map_err(|_| {
            ApiError::bad_request(
                format!("Invalid {name}"),
                format!("{name} must be an integer, got {raw:?}"),
            )
        })?;
        if !(min..=max).contains(&value) {
            let range = if max == i64::MAX {
                format!("at least {min}")
            } else {
                format!("between {min} and {max}")
            };
            return Err(ApiError::bad_request(
                format!("Invalid {name}"),
                format!("{name} must be {range}, got {value}"),
            ));
        }
        Ok(value)
    }

    /// A page request: `page` (from 1, default 1) and its size under `size` (1–100, default 20),
    /// as the contract bounds both on every paged list.
    pub fn page(&self, size: &str) -> ApiResult<(i64, i64)> {
        Ok((
            self.int("page", 1, 1, i64::MAX)?,
            self.int(size, 20, 1, 100)?,
        ))
    }
}
