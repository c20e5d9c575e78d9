//! What every HTTP client in the workspace (ComeComePay, Potato Cloud, FalPay) reads off an
//! answer before decoding it, written once: whether it is an HTML page (a proxy's or a web
//! server's error page, not the API), and how a JSON body broke — without quoting it.

use std::time::Duration;

/// What a finished HTTP exchange gave a client, handed to its decoder. No `Debug`: the body
/// may hold a token, a passcode or a card key.
#[derive(Clone, Copy)]
pub struct Raw<'a> {
    pub endpoint: &'a str,
    pub status: u16,
    pub content_type: Option<&'a str>,
    /// What a `Retry-After` header asked for (only the ComeComePay client reads it).
    pub retry_after: Option<Duration>,
    pub body: &'a [u8],
}

impl<'a> Raw<'a> {
    /// A JSON answer without `Retry-After`, as the decoders' tests make them.
    pub fn json(endpoint: &'a str, status: u16, body: &'a str) -> Raw<'a> {
        Raw {
            endpoint,
            status,
            content_type: Some("application/json"),
            retry_after: None,
            body: body.as_bytes(),
        }
    }

    /// An HTML page rather than the API's JSON (see [`looks_like_html`]).
    pub fn is_html(&self) -> bool {
        looks_like_html(self.content_type, self.body)
    }

    /// Why the body is not JSON: parsed again for the reason (line and column, never the
    /// content), after a lenient read already failed.
    pub fn json_problem(&self) -> String {
        match serde_json::from_slice::<serde_json::Value>(self.body) {
            Err(e) => describe_json_error(&e),
            Ok(_) => "invalid JSON".into(),
        }
    }
}

/// An HTML page: said so by its content type, or starting with `<`.
pub fn looks_like_html(content_type: Option<&str>, body: &[u8]) -> bool {
    if content_type.is_some_and(|c| c.to_ascii_lowercase().contains("html")) {
        return true;
    }
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    body[start..].first() == Some(&b'<')
}

/// Where and how the JSON broke (line and column), never its content: the body may hold a
/// token, a passcode or a card key.
pub fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "the JSON ends early (truncated)",
        Category::Syntax => "malformed JSON",
        Category::Data => "unexpected data",
        Category::Io => "read error",
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_by_type_or_by_its_first_byte_and_json_errors_without_content() {
        assert!(looks_like_html(Some("text/HTML; charset=utf-8"), b"{}"));
        assert!(looks_like_html(None, b"  \n<!doctype html>"));
        assert!(!looks_like_html(Some("application/json"), b"{\"a\":1}"));
        assert!(!looks_like_html(None, b""));
        let e = serde_json::from_slice::<serde_json::Value>(b"{\"token\":\"secret").unwrap_err();
        let said = describe_json_error(&e);
        assert!(said.starts_with("the JSON ends early"), "{said}");
        assert!(!said.contains("secret"));
    }
}
