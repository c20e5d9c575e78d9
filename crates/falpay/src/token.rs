//! The access token and the reading of the token endpoint's answer: the seed's envelope
//! `{success, code, message, data}` and its `data {access_token, token_type, expires_in, scope}`.

use crate::Error;
use crate::clock::{Clock, Stamp};
pub(crate) use ccp_model::wire::Raw;
use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A bearer token and what the server said of it. Cheap to clone; `Debug` hides the token.
#[derive(Clone)]
pub struct AccessToken {
    secret: Arc<SecretString>,
    token_type: String,
    scope: Option<String>,
    lifetime: Duration,
    /// When it was asked for (its life started no earlier).
    pub(crate) issued: Stamp,
    /// Which token of this client it is (1, 2, …): a 401 on an older one does not renew again.
    pub(crate) generation: u64,
}

impl AccessToken {
    pub(crate) fn new(data: TokenData, issued: Stamp, generation: u64) -> Self {
        AccessToken {
            secret: Arc::new(data.access_token),
            token_type: data.token_type,
            scope: data.scope,
            lifetime: data.lifetime,
            issued,
            generation,
        }
    }

    /// The token itself.
    pub fn secret(&self) -> &SecretString {
        &self.secret
    }

    /// `Authorization: Bearer <token>` (RFC 6750, as `token_type: "bearer"` says), marked
    /// sensitive so HTTP logging leaves it out.
    pub fn bearer_header(&self) -> crate::Result<HeaderValue> {
        let mut value = HeaderValue::from_str(&format!("Bearer {}", self.secret.expose_secret()))
            .map_err(|_| {
            Error::Internal("the access token is not a valid header value".into())
        })?;
        value.set_sensitive(true);
        Ok(value)
    }

    /// `bearer`, as the server wrote it.
    pub fn token_type(&self) -> &str {
        &self.token_type
    }

    /// The scope the server granted, if it said.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// Its whole life (`expires_in`).
    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// Which token of its client this is: 1 for the first, then one more per renewal.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Time left by `clock` (zero once expired). Counted from the moment it was asked for, so
    /// it never overstates.
    pub fn remaining(&self, clock: &dyn Clock) -> Duration {
        self.lifetime.saturating_sub(self.issued.age(clock))
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &"[redacted]")
            .field("token_type", &self.token_type)
            .field("scope", &self.scope)
            .field("lifetime", &self.lifetime)
            .field("generation", &self.generation)
            .finish()
    }
}

/// The `data` of a successful token answer.
#[derive(Debug)]
pub(crate) struct TokenData {
    pub access_token: SecretString,
    pub token_type: String,
    pub scope: Option<String>,
    pub lifetime: Duration,
}

/// The envelope's verdict: success needs `success: true` (when present) and `code` "200"
/// (when present; a number 200 counts), and at least one of the two; anything else is a
/// failure with the envelope's `code` and `message`.
pub(crate) fn decode_token(raw: &Raw<'_>) -> Result<TokenData, Error> {
    let json: Option<Value> = serde_json::from_slice(raw.body).ok();
    let envelope = json
        .as_ref()
        .and_then(Value::as_object)
        .filter(|o| o.contains_key("success") || o.contains_key("code"));
    if !(200..300).contains(&raw.status) {
        return Err(match envelope {
            Some(env) => failure(raw, code_of(env), message_of(env)),
            None if raw.is_html() => html(raw),
            None => failure(raw, None, reason(raw.status).to_owned()),
        });
    }
    let Some(json) = json.as_ref() else {
        if raw.is_html() {
            return Err(html(raw));
        }
        return Err(decode_error(raw, raw.json_problem()));
    };
    let Some(env) = envelope else {
        return Err(decode_error(
            raw,
            format!(
                "not the FalPay envelope (no success or code), a JSON {}",
                kind(json)
            ),
        ));
    };
    let success = match env.get("success") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            return Err(decode_error(
                raw,
                format!("success is a {}, not true or false", kind(other)),
            ));
        }
    };
    let code = code_of(env);
    let ok = success != Some(false)
        && code.as_deref().is_none_or(|c| c == "200")
        && (success == Some(true) || code.is_some());
    if !ok {
        return Err(failure(raw, code, message_of(env)));
    }
    let data = match env.get("data") {
        Some(Value::Object(data)) => data,
        None | Some(Value::Null) => {
            return Err(decode_error(raw, "success without data".into()));
        }
        Some(other) => {
            return Err(decode_error(
                raw,
                format!("data is a {}, not an object", kind(other)),
            ));
        }
    };
    token_data(data).map_err(|problem| decode_error(raw, problem))
}

/// `data`'s fields; a problem names the field, never its value.
fn token_data(data: &Map<String, Value>) -> Result<TokenData, String> {
    let access_token = match data.get("access_token") {
        Some(Value::String(t)) if !t.trim().is_empty() => t.trim(),
        Some(Value::String(_)) => return Err("data.access_token is empty".into()),
        None | Some(Value::Null) => return Err("data.access_token is missing".into()),
        Some(other) => return Err(format!("data.access_token is a {}", kind(other))),
    };
    if access_token.chars().any(|c| c.is_control()) {
        return Err("data.access_token holds control characters".into());
    }
    let token_type = match data.get("token_type") {
        // Not said: the seed's bearer.
        None | Some(Value::Null) => "bearer".to_owned(),
        Some(Value::String(t)) if t.eq_ignore_ascii_case("bearer") => t.clone(),
        Some(Value::String(t)) => {
            return Err(format!(
                "data.token_type is {:?}, not bearer",
                t.chars().take(20).collect::<String>()
            ));
        }
        Some(other) => return Err(format!("data.token_type is a {}", kind(other))),
    };
    // Whole seconds, as a number or as text.
    let seconds = match data.get("expires_in") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        None | Some(Value::Null) => return Err("data.expires_in is missing".into()),
        Some(other) => return Err(format!("data.expires_in is a {}", kind(other))),
    };
    let lifetime = match seconds {
        Some(s) if s > 0 => Duration::from_secs(s),
        _ => return Err("data.expires_in is not a positive whole number of seconds".into()),
    };
    let scope = match data.get("scope") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => return Err(format!("data.scope is a {}", kind(other))),
    };
    Ok(TokenData {
        access_token: SecretString::from(access_token),
        token_type,
        scope,
        lifetime,
    })
}

fn code_of(env: &Map<String, Value>) -> Option<String> {
    match env.get("code")? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => Some("(not a code)".to_owned()),
    }
}

fn message_of(env: &Map<String, Value>) -> String {
    env.get("message")
        .or_else(|| env.get("msg"))
        .and_then(Value::as_str)
        .map(|m| m.chars().take(300).collect())
        .unwrap_or_default()
}

/// A failure, by the HTTP status and the envelope's code (either may say 401/403/5xx).
fn failure(raw: &Raw<'_>, code: Option<String>, message: String) -> Error {
    let code_num = code.as_deref().and_then(|c| c.parse::<u16>().ok());
    let says = |n: u16| raw.status == n || code_num == Some(n);
    if says(401) || says(403) {
        return Error::CredentialsRefused {
            status: raw.status,
            code,
            message,
        };
    }
    let endpoint = raw.endpoint.to_owned();
    let status = raw.status;
    if status >= 500 || code_num.is_some_and(|c| (500..600).contains(&c)) {
        Error::Server {
            endpoint,
            status,
            code,
            message,
        }
    } else {
        Error::Refused {
            endpoint,
            status,
            code,
            message,
        }
    }
}

/// Who the errors name as the peer.
pub(crate) const PEER: &str = "the FalPay server";

fn html(raw: &Raw<'_>) -> Error {
    ccp_io::Error::html(PEER, raw).into()
}

fn decode_error(raw: &Raw<'_>, problem: String) -> Error {
    ccp_io::Error::undecodable(PEER, raw.endpoint, problem).into()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("unexpected status")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = r#"{
        "success": true,
        "code": "200",
        "message": "操作成功",
        "data": {
            "access_token": "jVkLy9f8/vLAjeLu2tkkcbiPxQFLXPlMTmgKb+QxWDrmXwoDwWq/sHUvbUvtZX/ADod8AHnIoHBZQxzWlD020ZsviDlR4MTOf0IEmuIcd53kmwrjv5bQIGWw6VTppk+n",
            "token_type": "bearer",
            "expires_in": 60,
            "scope": "default"
        }
    }"#;

    fn raw(status: u16, body: &str) -> Raw<'_> {
        Raw::json("POST /api/open/auth/token", status, body)
    }

    fn token(status: u16, body: &str) -> Result<TokenData, Error> {
        decode_token(&raw(status, body))
    }

    const PLANTED: &str = "PLANTEDsecretTOKEN0123456789";

    proptest::proptest! {
        /// Any status and any bytes: an answer or an error, never a panic.
        #[test]
        fn any_body_decodes_or_fails_cleanly(status in 100u16..600, body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = decode_token(&Raw { endpoint: "e", status, content_type: None, retry_after: None, body: &body });
        }

        /// An envelope that carries a token but fails in some way (status, code, shape) never
        /// puts the token into its error.
        #[test]
        fn a_failure_never_names_the_token(
            status in proptest::sample::select(vec![200u16, 400, 401, 403, 429, 500, 502]),
            code in proptest::sample::select(vec!["\"200\"", "\"500\"", "401", "null", "\"x\""]),
            success in proptest::sample::select(vec!["true", "false", "\"yes\"", "null"]),
            expires in proptest::sample::select(vec!["60", "-1", "\"60\"", "null", "1e99", "{}"]),
        ) {
            let body = format!(
                r#"{{"success":{success},"code":{code},"message":"m","data":{{"access_token":"{PLANTED}","token_type":"bearer","expires_in":{expires}}}}}"#
            );
            if let Err(e) = token(status, &body) {
                let shown = format!("{e} {e:?}");
                proptest::prop_assert!(!shown.contains(PLANTED));
            }
        }
    }

    #[test]
    fn the_seed_example_reads() {
        let t = token(200, SEED).unwrap();
        assert!(t.access_token.expose_secret().starts_with("jVkLy9f8/"));
        assert_eq!(t.token_type, "bearer");
        assert_eq!(t.lifetime, Duration::from_secs(60));
        assert_eq!(t.scope.as_deref(), Some("default"));
        // Numbers as text, a numeric code, no scope, no token_type.
        let t = token(
            200,
            r#"{"success":true,"code":200,"data":{"access_token":"x","expires_in":"30"}}"#,
        )
        .unwrap();
        assert_eq!((t.lifetime.as_secs(), t.scope), (30, None));
        assert_eq!(t.token_type, "bearer");
    }

    #[test]
    fn success_and_code_must_both_agree() {
        let data = r#""data":{"access_token":"x","expires_in":60}"#;
        // Only one of the two present: that one decides.
        assert!(token(200, &format!(r#"{{"success":true,{data}}}"#)).is_ok());
        assert!(token(200, &format!(r#"{{"code":"200",{data}}}"#)).is_ok());
        // Either one saying no is a failure, data or not.
        for env in [
            r#""success":false,"code":"200""#,
            r#""success":true,"code":"500""#,
            r#""success":false"#,
            r#""code":"1001""#,
        ] {
            let body = format!(r#"{{{env},"message":"nope",{data}}}"#);
            assert!(token(200, &body).is_err(), "{body}");
        }
        let e = token(
            200,
            r#"{"success":true,"code":"1001","message":"余额不足","data":null}"#,
        )
        .unwrap_err();
        assert!(
            matches!(&e, Error::Refused { status: 200, code: Some(c), message, .. } if c == "1001" && message == "余额不足"),
            "{e:?}"
        );
        let e = token(200, r#"{"success":false,"code":"503","message":"busy"}"#).unwrap_err();
        assert!(matches!(e, Error::Server { .. }), "{e:?}");
    }

    #[test]
    fn refused_credentials_whether_in_the_status_or_the_code() {
        for (status, body) in [
            (
                200,
                r#"{"success":false,"code":"401","message":"bad client","data":null}"#,
            ),
            (
                401,
                r#"{"success":false,"code":"401","message":"bad client","data":null}"#,
            ),
            (401, ""),
            (403, r#"{"error":"forbidden"}"#),
        ] {
            let e = token(status, body).unwrap_err();
            assert!(
                matches!(e, Error::CredentialsRefused { .. }),
                "{status} {body}: {e:?}"
            );
        }
        let e = token(
            200,
            r#"{"success":false,"code":"401","message":"bad client","data":null}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "FalPay refused the client credentials (HTTP 200, code 401: bad client): check the \
             client id and secret"
        );
    }

    #[test]
    fn html_truncated_malformed_and_wrong_shapes_are_clear_and_secret_free() {
        let mut r = raw(502, "<html><body>Bad gateway</body></html>");
        r.content_type = Some("text/html");
        assert_eq!(
            decode_token(&r).unwrap_err().to_string(),
            "the FalPay server answered HTML, not JSON (status 502, POST /api/open/auth/token)"
        );
        let mut r = raw(200, "  <!doctype html><p>login");
        r.content_type = None;
        assert!(matches!(
            decode_token(&r),
            Err(Error::Io(ccp_io::Error::Html { status: 200, .. }))
        ));
        let cut = &SEED[..SEED.find("vLAj").unwrap()];
        let e = token(200, cut).unwrap_err().to_string();
        assert!(e.contains("truncated"), "{e}");
        assert!(!e.contains("jVkLy9f8"), "{e}");
        let e = token(200, r#"{"success": true,, }"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("malformed JSON"), "{e}");
        let e = token(200, "").unwrap_err().to_string();
        assert!(e.contains("truncated"), "{e}");
        let e = token(200, r#"{"access_token":"secret-abc"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not the FalPay envelope"), "{e}");
        assert!(!e.contains("secret-abc"), "{e}");
        let e = token(200, r#"{"success":true,"code":"200","data":null}"#).unwrap_err();
        assert!(e.to_string().contains("without data"), "{e}");
        for (data, want) in [
            (r#"{"expires_in":60}"#, "access_token is missing"),
            (
                r#"{"access_token":"","expires_in":60}"#,
                "access_token is empty",
            ),
            (r#"{"access_token":"t","expires_in":0}"#, "positive"),
            (r#"{"access_token":"t","expires_in":-5}"#, "positive"),
            (r#"{"access_token":"t","expires_in":"soon"}"#, "positive"),
            (r#"{"access_token":"t"}"#, "expires_in is missing"),
            (
                r#"{"access_token":"t","expires_in":60,"token_type":"mac"}"#,
                "not bearer",
            ),
            (r#"{"access_token":"t\nx","expires_in":60}"#, "control"),
        ] {
            let body = format!(r#"{{"success":true,"code":"200","data":{data}}}"#);
            let e = token(200, &body).unwrap_err().to_string();
            assert!(e.contains(want), "{data}: {e}");
        }
        let e = token(500, "oops").unwrap_err();
        assert!(
            matches!(&e, Error::Server { status: 500, message, .. } if message == "Internal Server Error"),
            "{e:?}"
        );
        let e = token(404, "").unwrap_err();
        assert!(matches!(e, Error::Refused { status: 404, .. }), "{e:?}");
    }

    #[test]
    fn debug_hides_the_token() {
        let t = token(200, SEED).unwrap();
        let clock = crate::ManualClock::new();
        let at = AccessToken::new(t, Stamp::now(&clock), 1);
        let shown = format!("{at:?}");
        assert!(!shown.contains("jVkLy9f8"), "{shown}");
        assert!(shown.contains("default"), "{shown}");
        assert_eq!(at.remaining(&clock), Duration::from_secs(60));
        clock.advance(Duration::from_secs(61));
        assert_eq!(at.remaining(&clock), Duration::ZERO);
        assert!(at.bearer_header().unwrap().is_sensitive());
    }
}
