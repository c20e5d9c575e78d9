//! Faults the control API arms and the API middleware ([`play`]) plays: wrong statuses, HTML
//! error pages, broken or huge bodies, dropped connections, latency, page shifts and
//! redirects. What is armed lives in the shared state; playing it needs that state, so it is a
//! module of its own and the dependencies point one way: state -> faults <- play -> state.

pub mod play;

use axum::http::{HeaderValue, Method};
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultSpec {
    /// Full path, e.g. `/api/v1/3ds/my-records`; `None`: every API path.
    pub path: Option<String>,
    /// e.g. `PUT`; `None`: every method.
    pub method: Option<String>,
    #[serde(default)]
    pub kind: FaultKind,
    pub status: Option<u16>,
    /// Seconds or an HTTP date, sent verbatim.
    pub retry_after: Option<String>,
    /// The next N matching calls.
    pub count: Option<u32>,
    /// This share of matching calls (drawn from the seeded RNG: repeatable).
    pub fraction: Option<f64>,
    pub latency_ms: Option<u64>,
    pub body_bytes: Option<u64>,
    /// The `Location` of a redirect fault, e.g. `http://127.0.0.1:9/elsewhere`.
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
    pub(super) fn fire(&mut self, method: &Method, path: &str, page_shift: bool) -> Vec<FaultSpec> {
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
