//! Playing the armed faults on every API request (the middleware in front of the API).

use super::{FaultKind, FaultSpec};
use crate::state::{Shared, lock};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ccp_model::api::API_PREFIX;
use futures_util::StreamExt;
use std::time::Duration;

/// The ComeComePay API (`/api/v1`) or FalPay's (`/api/open`).
fn is_api(path: &str) -> bool {
    [API_PREFIX, crate::falpay::PREFIX].iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }) || crate::potato::is_potato(path)
}

/// Counts every API request, the Potato Cloud methods' too (before auth, faults included), then plays any due faults.
pub async fn middleware(State(st): State<Shared>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if !is_api(&path) {
        return next.run(req).await;
    }
    let method = req.method().clone();
    st.count(format!("{method} {path}"));
    let (latency, fired) = {
        let mut faults = lock(&st.faults);
        let fired = faults.fire(&method, &path, false);
        (faults.latency, fired)
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let mut terminal = None;
    for spec in fired {
        match spec.kind {
            FaultKind::Latency => {
                tokio::time::sleep(Duration::from_millis(spec.latency_ms.unwrap_or(0))).await
            }
            _ if terminal.is_none() => terminal = Some(spec),
            _ => {}
        }
    }
    let Some(spec) = terminal else {
        return next.run(req).await;
    };
    tracing::debug!(?spec.kind, %path, "playing fault");
    match spec.kind {
        FaultKind::Status => status_fault(&spec),
        FaultKind::Html => html_fault(&spec),
        FaultKind::Malformed => json_response(
            StatusCode::OK,
            Body::from(r#"{"status": "success", "data": {"records": [{"id": 1,, ]"#),
        ),
        FaultKind::Huge => huge(spec.body_bytes.unwrap_or(st.config.huge_body_bytes)),
        FaultKind::Truncated => {
            let (status, headers, body) = real_answer(req, next).await;
            let mut r = Response::new(Body::from(body.slice(..body.len() / 2)));
            *r.status_mut() = status;
            *r.headers_mut() = headers;
            r.headers_mut().remove(header::CONTENT_LENGTH);
            r
        }
        FaultKind::CloseMidBody => {
            let (status, mut headers, body) = real_answer(req, next).await;
            let full = body.len().max(64) as u64 * 2;
            let half = body.slice(..body.len() / 2);
            // The pause lets the headers and the first half reach the client before the
            // body fails, which makes the server drop the connection.
            let stream = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(half)]).chain(
                futures_util::stream::once(async {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        "fault: close mid-body",
                    ))
                }),
            );
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(full));
            let mut r = Response::new(Body::from_stream(stream));
            *r.status_mut() = status;
            *r.headers_mut() = headers;
            r
        }
        FaultKind::Redirect => redirect_fault(&spec),
        FaultKind::Latency | FaultKind::PageShift => next.run(req).await,
    }
}

async fn real_answer(req: Request, next: Next) -> (StatusCode, axum::http::HeaderMap, Bytes) {
    let (parts, body) = next.run(req).await.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    (parts.status, parts.headers, bytes)
}

fn json_response(status: StatusCode, body: Body) -> Response {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

fn status_fault(spec: &FaultSpec) -> Response {
    let status =
        StatusCode::from_u16(spec.status.unwrap_or(503)).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let error = status.canonical_reason().unwrap_or("Error");
    let body = serde_json::json!({ "error": error, "details": "injected by the sandbox" });
    let mut r = (status, axum::Json(body)).into_response();
    let retry = spec
        .retry_after
        .clone()
        .or_else(|| matches!(status.as_u16(), 429 | 503).then(|| "1".to_owned()));
    if let Some(value) = retry.and_then(|v| HeaderValue::from_str(&v).ok()) {
        r.headers_mut().insert(header::RETRY_AFTER, value);
    }
    r
}

/// A bare redirect, as a misconfigured proxy or a hostile server would send it.
fn redirect_fault(spec: &FaultSpec) -> Response {
    let status = StatusCode::from_u16(spec.status.unwrap_or(307))
        .ok()
        .filter(StatusCode::is_redirection)
        .unwrap_or(StatusCode::TEMPORARY_REDIRECT);
    let mut r = status.into_response();
    // `check` refused a spec without a usable location.
    if let Some(location) = spec
        .location
        .as_deref()
        .and_then(|l| HeaderValue::from_str(l).ok())
    {
        r.headers_mut().insert(header::LOCATION, location);
    }
    r
}

fn html_fault(spec: &FaultSpec) -> Response {
    let status =
        StatusCode::from_u16(spec.status.unwrap_or(502)).unwrap_or(StatusCode::BAD_GATEWAY);
    let reason = status.canonical_reason().unwrap_or("Error");
    let html = format!(
        "<html>\r\n<head><title>{0} {reason}</title></head>\r\n<body>\r\n<center><h1>{0} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        status.as_u16()
    );
    let mut r = (status, html).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    r
}

/// Valid JSON of about `size` bytes, streamed in 64 KiB chunks (never held in memory whole).
fn huge(size: u64) -> Response {
    const RECORD: &str = r#"{"id":1,"amount":"100.00","currency":"USD","expires_after":300,"merchant_name":"Huge Body Merchant","passcode":"000000","received_at":"2026-01-20T10:30:00Z"},"#;
    let head = r#"{"status":"success","data":{"page":1,"page_size":20,"total":1,"total_pages":1,"records":["#;
    let tail = &RECORD[..RECORD.len() - 1];
    let chunk: Bytes = RECORD.repeat(65_536 / RECORD.len()).into();
    let chunks =
        (size.saturating_sub((head.len() + tail.len() + 3) as u64) / chunk.len() as u64) as usize;
    let body = std::iter::once(Bytes::from(head))
        .chain(std::iter::repeat_n(chunk, chunks))
        .chain(std::iter::once(Bytes::from(format!("{tail}]}}}}"))))
        .map(Ok::<Bytes, std::io::Error>);
    json_response(
        StatusCode::OK,
        Body::from_stream(futures_util::stream::iter(body)),
    )
}
