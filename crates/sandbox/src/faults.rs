//! Faults the control API arms and the API middleware plays: wrong statuses, HTML error
//! pages, broken or huge bodies, dropped connections, latency, page shifts and redirects.

use crate::state::{Shared, lock};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ccp_model::api::API_PREFIX;
use futures_util::StreamExt;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer `status` (500/502/503/429…) with a JSON error body; 429 and 503 carry `Retry-After`.
    #[default]
    Status,
    /// An HTML error page (status `status`, default 502) instead of JSON.
    Html,
    /// The real answer with its body cut in half (a complete HTTP message).
    Truncated,
    /// 200 with a body that is not JSON at all.
    Malformed,
    /// 200 with valid-looking JSON far larger than any real answer (`body_bytes`, default 64 MiB).
    Huge,
    /// Headers and a `Content-Length`, half of the body, then the connection is dropped.
    CloseMidBody,
    /// Wait `latency_ms` before answering normally.
    Latency,
    /// On a request for page >= 2 of `/3ds/my-records`, first add a new newest record.
    PageShift,
    /// A redirect (`status`, default 307) to `location`, sent verbatim (absolute or relative).
    Redirect,
}

/// What `POST /sandbox/faults` takes. Without `count` and `fraction` a fault stays until
/// cleared (page shifts default to once).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultSpec {
    /// Full path, e.g. `/api/v1/3ds/my-records`; `None`: every API path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// e.g. `PUT`; `None`: every method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default)]
    pub kind: FaultKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Seconds or an HTTP date, sent verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    /// The next N matching calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// This share of matching calls (drawn from the seeded RNG: repeatable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_bytes: Option<u64>,
    /// The `Location` of a redirect fault, e.g. `http://127.0.0.1:9/elsewhere`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl FaultSpec {
    pub fn new(kind: FaultKind) -> Self {
        FaultSpec {
            kind,
            ..Default::default()
        }
    }
    /// A `status` fault, e.g. `FaultSpec::status(503)`.
    pub fn status(code: u16) -> Self {
        FaultSpec {
            status: Some(code),
            ..Self::new(FaultKind::Status)
        }
    }
    pub fn on(mut self, path: &str) -> Self {
        self.path = Some(path.into());
        self
    }
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.into());
        self
    }
    pub fn times(mut self, n: u32) -> Self {
        self.count = Some(n);
        self
    }
    pub fn fraction(mut self, share: f64) -> Self {
        self.fraction = Some(share);
        self
    }
    pub fn retry_after(mut self, value: &str) -> Self {
        self.retry_after = Some(value.into());
        self
    }
    /// A `redirect` fault to `location`, e.g. `FaultSpec::redirect("http://127.0.0.1:9/x")`.
    pub fn redirect(location: &str) -> Self {
        FaultSpec {
            location: Some(location.into()),
            ..Self::new(FaultKind::Redirect)
        }
    }

    /// Rejects specs that could never work, with the reason.
    pub fn check(&self) -> Result<(), String> {
        if let Some(f) = self.fraction
            && !(0.0..=1.0).contains(&f)
        {
            return Err(format!("fraction must be within 0..=1, got {f}"));
        }
        if let Some(s) = self.status
            && !(100..=599).contains(&s)
        {
            return Err(format!("status must be an HTTP status, got {s}"));
        }
        if self.kind == FaultKind::Latency && self.latency_ms.is_none() {
            return Err("a latency fault needs latency_ms".into());
        }
        if self.kind == FaultKind::Redirect {
            let location = self.location.as_deref().unwrap_or_default();
            if location.is_empty() || HeaderValue::from_str(location).is_err() {
                return Err("a redirect fault needs a location (a header value)".into());
            }
            if self.status.is_some_and(|s| !(300..=399).contains(&s)) {
                return Err("a redirect fault's status must be 3xx".into());
            }
        }
        Ok(())
    }
}

struct Armed {
    spec: FaultSpec,
    left: Option<u32>,
}

pub struct Faults {
    rng: StdRng,
    armed: Vec<Armed>,
    /// Added to every API call (`POST /sandbox/latency`).
    pub latency: Duration,
}

impl Faults {
    pub fn new(seed: u64) -> Self {
        Faults {
            rng: StdRng::seed_from_u64(seed ^ 0xfa17),
            armed: Vec::new(),
            latency: Duration::ZERO,
        }
    }

    pub fn arm(&mut self, spec: FaultSpec) {
        let left = spec
            .count
            .or((spec.kind == FaultKind::PageShift).then_some(1));
        self.armed.push(Armed { spec, left });
    }

    pub fn clear(&mut self) {
        self.armed.clear();
        self.latency = Duration::ZERO;
    }

    /// The faults that fire for this call, each spending one of its count.
    fn fire(&mut self, method: &Method, path: &str, page_shift: bool) -> Vec<FaultSpec> {
        let mut fired = Vec::new();
        for a in &mut self.armed {
            let s = &a.spec;
            let kind_ok = (s.kind == FaultKind::PageShift) == page_shift;
            let path_ok = s.path.as_deref().is_none_or(|p| p == path);
            let method_ok = s
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()));
            if !(kind_ok && path_ok && method_ok) || a.left == Some(0) {
                continue;
            }
            if let Some(f) = s.fraction
                && !self.rng.random_bool(f)
            {
                continue;
            }
            if let Some(n) = &mut a.left {
                *n -= 1;
            }
            fired.push(a.spec.clone());
        }
        self.armed.retain(|a| a.left != Some(0));
        fired
    }

    /// Whether a page shift is due on this page request (spends it).
    pub fn take_page_shift(&mut self, path: &str) -> bool {
        !self.fire(&Method::GET, path, true).is_empty()
    }
}

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
