//! The browser companion's protocol (v1), between the WebExtension and `ccp-browser-host`
//! over native messaging: one JSON object per frame, each request with an `id` that its reply
//! echoes. A code crosses to the browser only in the answer to `reveal`, which needs a record
//! handle from a `match` on the same connection.

use serde::{Deserialize, Serialize};

pub const VERSION: u32 = 1;
/// The host's name in the browsers' native-messaging manifests.
pub const HOST_NAME: &str = "com.comecomepay.desktop";
/// Requests larger than this are answered with an error and skipped.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// What a browser accepts from a host in one message.
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;
/// Only records received this recently can match a checkout.
pub const MATCH_WINDOW_SECS: i64 = 10 * 60;
/// How long a `watch` lasts at most.
pub const WATCH_SECS: u64 = 5 * 60;

/// The extension ids allowed to start the host: Chromium's `chrome-extension://ID/` origins
/// (the first is the id the test key in `browser/test-key.pub.b64` gives; store builds add
/// theirs here) and Firefox's add-on ids.
pub const CHROMIUM_ORIGINS: &[&str] = &["chrome-extension://penjgfobpnaidmpogdgmlhogmbnhelil/"];
pub const FIREFOX_IDS: &[&str] = &["companion@comecomepay.com"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub v: u32,
    pub id: String,
    #[serde(flatten)]
    pub op: Op,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Which pending record does this challenge page ask for?
    Match {
        frame_origin: String,
        page: PageFacts,
    },
    /// The code of a record a `match` on this connection returned (after the user's click).
    Reveal { record: String },
    /// Tell this connection about each new record for a while (a page waiting for its code).
    Watch,
}

/// What the challenge page shows, as the content script read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageFacts {
    #[serde(default)]
    pub merchant: Option<String>,
    /// Every amount text seen near the field, as shown (`US$52.95`, `52,95 €`).
    #[serde(default)]
    pub amounts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub v: u32,
    pub id: String,
    #[serde(flatten)]
    pub body: ReplyBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ReplyBody {
    /// One pending record matches: the chip shows *these* facts (ours, not the page's).
    Match(RecordFacts),
    /// No live pending record.
    None,
    /// Several records match: the chip offers a choice.
    Ambiguous {
        candidates: Vec<RecordFacts>,
    },
    /// A live record exists, but the page asks for something else: which facts differ.
    Mismatch {
        differs: Vec<Fact>,
        record: RecordFacts,
    },
    /// The app lock is on: nothing is told until it is unlocked in the app.
    Locked,
    /// Nobody is signed in to ComeComePay on this computer.
    LoginRequired,
    /// A `reveal`'s answer.
    Ok {
        code: String,
        expires_at: String,
    },
    /// A `watch` is open until then.
    Watching {
        until: String,
    },
    /// From a `watch`: a record arrived.
    New(RecordFacts),
    Error {
        message: String,
    },
}

/// A pending record as the chip shows it; never its code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordFacts {
    /// An opaque handle for `reveal`, valid on this connection only.
    pub record: String,
    pub merchant: String,
    pub amount: String,
    pub currency: String,
    /// RFC 3339 (UTC).
    pub expires_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    Amount,
    Currency,
    Merchant,
}

impl Reply {
    pub fn new(id: impl Into<String>, body: ReplyBody) -> Reply {
        Reply {
            v: VERSION,
            id: id.into(),
            body,
        }
    }

    pub fn error(id: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply::new(
            id,
            ReplyBody::Error {
                message: message.into(),
            },
        )
    }
}

/// Whether the browser that started the host is one of ours: Chromium passes the caller's
/// origin as the first argument (Windows adds `--parent-window=…` after it), Firefox the
/// manifest's path and then the add-on id.
pub fn caller_allowed(args: &[String]) -> bool {
    let chromium = args
        .first()
        .is_some_and(|a| CHROMIUM_ORIGINS.contains(&a.as_str()));
    let firefox = args
        .get(1)
        .is_some_and(|a| FIREFOX_IDS.contains(&a.as_str()));
    chromium || firefox
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_replies_read_and_write_as_the_extension_sends_them() {
        let r: Request = serde_json::from_str(
            r#"{"v":1,"id":"7","op":"match","frame_origin":"https://acs.example","page":{"merchant":"Axe Books","amounts":["US$52.95"]}}"#,
        )
        .unwrap();
        assert_eq!(r.id, "7");
        assert!(matches!(r.op, Op::Match { .. }));
        let r: Request = serde_json::from_str(r#"{"v":1,"id":"8","op":"watch"}"#).unwrap();
        assert_eq!(r.op, Op::Watch);
        let reply = Reply::new("9", ReplyBody::LoginRequired);
        assert_eq!(
            serde_json::to_string(&reply).unwrap(),
            r#"{"v":1,"id":"9","status":"login_required"}"#
        );
        let reply = Reply::new(
            "10",
            ReplyBody::Mismatch {
                differs: vec![Fact::Amount],
                record: RecordFacts {
                    record: "h".into(),
                    merchant: "Axe Books".into(),
                    amount: "52.95".into(),
                    currency: "USD".into(),
                    expires_at: "2026-12-03T10:05:00Z".into(),
                },
            },
        );
        let json = serde_json::to_value(&reply).unwrap();
        assert_eq!(json["status"], "mismatch");
        assert_eq!(json["differs"][0], "amount");
    }

    #[test]
    fn only_our_extensions_may_start_the_host() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(caller_allowed(&args(&[CHROMIUM_ORIGINS[0]])));
        assert!(caller_allowed(&args(&[
            CHROMIUM_ORIGINS[0],
            "--parent-window=0"
        ])));
        assert!(caller_allowed(&args(&[
            "/path/com.comecomepay.desktop.json",
            FIREFOX_IDS[0]
        ])));
        assert!(!caller_allowed(&args(&[
            "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"
        ])));
        assert!(!caller_allowed(&args(&[
            "/path/manifest.json",
            "evil@example.com"
        ])));
        assert!(!caller_allowed(&[]));
    }
}
