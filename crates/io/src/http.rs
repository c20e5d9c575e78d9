//! HTTP clients as every client of the app builds them, and what their failures mean.
//!
//! House rules: rustls, timeouts on connecting and on the whole exchange, `Accept: application/
//! json`, plain http never through a proxy when it goes to this machine (a proxy would read
//! what loopback http carries in the clear), answers read up to a limit, and errors that name
//! the endpoint and the cause but never the URL (a query may hold a secret).

use crate::{Error, Result};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::redirect::Policy;
use std::time::Duration;
use url::Url;

/// Sent with every request.
pub const USER_AGENT: &str = concat!("ComeComePay-Desktop/", env!("CARGO_PKG_VERSION"));

/// How a client talks to one server.
#[derive(Debug, Clone)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// For the whole exchange, answer included.
    pub request_timeout: Duration,
}

/// A client for `server`: https only when `server` is https, following `redirects`.
pub fn client(server: &Url, limits: &Limits, redirects: Policy) -> Result<reqwest::Client> {
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    let https = server.scheme() == "https";
    let mut builder = reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(limits.connect_timeout)
        .timeout(limits.request_timeout)
        .user_agent(USER_AGENT)
        .https_only(https)
        .redirect(redirects);
    if !https && ccp_model::server_url::is_loopback(server) {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| Error::Client(e.without_url().to_string()))
}

/// A request that got no (whole) answer: too slow, cut off, or never connected. `peer` and
/// `endpoint` ("POST /auth/login") name what was called; the URL is left out.
pub fn transport_error(peer: &'static str, endpoint: &str, e: reqwest::Error) -> Error {
    let e = e.without_url();
    if e.is_timeout() {
        return Error::Timeout {
            peer,
            endpoint: endpoint.to_owned(),
        };
    }
    if !e.is_connect() {
        // Connected, but the exchange broke off (closed mid-answer, reset).
        return Error::Interrupted {
            endpoint: endpoint.to_owned(),
        };
    }
    // The innermost cause says what happened ("Connection refused").
    let mut cause: &dyn std::error::Error = &e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    Error::Offline {
        peer,
        detail: format!("{endpoint}: {cause}"),
    }
}

/// The answer's body, refused as soon as it is known to be over `limit` bytes (by its
/// `Content-Length`, or while it streams in) rather than held in memory.
pub async fn read_body(
    resp: &mut reqwest::Response,
    peer: &'static str,
    endpoint: &str,
    limit: usize,
) -> Result<Vec<u8>> {
    let too_large = || Error::TooLarge {
        endpoint: endpoint.to_owned(),
        limit,
    };
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| transport_error(peer, endpoint, e))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A header's value as text, if it is text.
pub fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Where a 3xx from `from` points (its `Location`, resolved), if it is readable.
pub fn redirect_target(from: &Url, headers: &HeaderMap) -> Option<Url> {
    let location = headers.get(header::LOCATION)?.to_str().ok()?;
    from.join(location).ok()
}

/// The error for a 3xx from `from` that was not followed: every client follows none to another
/// origin (its requests carry a token, a password or a secret meant for this one) and none of a
/// request that is not safe to send again; `repeatable` says the request was (a GET whose
/// same-origin hops ran out). The target is named by its origin only: a path or query may carry
/// a token or a code.
pub fn not_followed(
    peer: &'static str,
    endpoint: &str,
    status: u16,
    from: &Url,
    headers: &HeaderMap,
    repeatable: bool,
) -> Error {
    let target = match redirect_target(from, headers) {
        None => "an unreadable location".to_owned(),
        Some(to) => {
            let why = if to.origin() != from.origin() {
                "another origin"
            } else if !repeatable {
                "the request is not safe to send again"
            } else {
                "too many redirects"
            };
            format!("{} ({why})", origin_name(&to))
        }
    };
    Error::Redirected {
        peer,
        endpoint: endpoint.to_owned(),
        status,
        target,
    }
}

/// `https://host:port`, or `a data: URL`: how an error names where something pointed. Never the
/// path or query, which may carry a token or a code.
pub fn origin_name(to: &Url) -> String {
    match to.origin() {
        o @ url::Origin::Tuple(..) => o.ascii_serialization(),
        url::Origin::Opaque(_) => format!("a {}: URL", to.scheme()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_named_by_its_origin_only() {
        let from = Url::parse("http://127.0.0.1:8080/api/v1/auth/login").unwrap();
        let target = |location: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::LOCATION, HeaderValue::from_str(location).unwrap());
            redirect_target(&from, &headers).map(|to| origin_name(&to))
        };
        assert_eq!(
            target("https://u:pw@evil.example:8443/steal?otp=12345").as_deref(),
            Some("https://evil.example:8443")
        );
        assert_eq!(
            target("/again?code=1").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            target("data:text/plain,secret").as_deref(),
            Some("a data: URL")
        );
        assert_eq!(redirect_target(&from, &HeaderMap::new()), None);
    }

    #[test]
    fn a_redirect_not_followed_says_where_by_origin_and_why() {
        let from = Url::parse("http://127.0.0.1:8080/api/v1/auth/login").unwrap();
        let said = |location: Option<&str>, repeatable| {
            let mut headers = HeaderMap::new();
            if let Some(l) = location {
                headers.insert(header::LOCATION, HeaderValue::from_str(l).unwrap());
            }
            let e = not_followed(
                "the server",
                "POST /auth/login",
                307,
                &from,
                &headers,
                repeatable,
            );
            assert!(matches!(e, Error::Redirected { status: 307, .. }), "{e:?}");
            assert_eq!(e.kind(), ccp_model::ipc::ErrorKind::Invalid);
            e.to_string()
        };
        let cases = [
            (
                Some("https://u:pw@evil.example:8443/steal?otp=12345"),
                false,
                "https://evil.example:8443 (another origin)",
            ),
            (
                Some("/api/v1/auth/login?code=1"),
                false,
                "http://127.0.0.1:8080 (the request is not safe to send again)",
            ),
            (
                Some("/again"),
                true,
                "http://127.0.0.1:8080 (too many redirects)",
            ),
            (
                Some("http://127.0.0.1:8081/"),
                true,
                "http://127.0.0.1:8081 (another origin)",
            ),
            (
                Some("https://127.0.0.1:8080/"),
                true,
                "https://127.0.0.1:8080 (another origin)",
            ),
            (
                Some("data:text/plain,secret"),
                true,
                "a data: URL (another origin)",
            ),
            (None, false, "an unreadable location"),
        ];
        for (location, repeatable, target) in cases {
            assert_eq!(
                said(location, repeatable),
                format!("the server redirected POST /auth/login to {target}; not followed"),
                "{location:?}"
            );
        }
    }
}
