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

/// A browser family whose native-messaging manifests we write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    Chrome,
    Chromium,
    Edge,
    Firefox,
}

impl Browser {
    pub const ALL: [Browser; 4] = [
        Browser::Chrome,
        Browser::Chromium,
        Browser::Edge,
        Browser::Firefox,
    ];

    pub fn is_firefox(self) -> bool {
        self == Browser::Firefox
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Linux,
    MacOs,
    Windows,
}

/// Where a browser looks for our host's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `<dir>/com.comecomepay.desktop.json`.
    File(std::path::PathBuf),
    /// A registry key whose default value is the manifest's path (Windows), with the file the
    /// path names.
    Registry {
        key: String,
        manifest: std::path::PathBuf,
    },
}

impl Location {
    /// Our manifest's file in `dir` (the name every browser expects: the host's name).
    pub fn in_dir(dir: &std::path::Path) -> Location {
        Location::File(dir.join(manifest_file_name()))
    }
}

/// `com.comecomepay.desktop.json`: browsers find a host's manifest by its name.
fn manifest_file_name() -> String {
    format!("{HOST_NAME}.json")
}

/// Where `browser` reads our manifest on `os`: the user's own (`home`, and on Windows the
/// local app data directory for the file) or the whole machine's (`system`).
pub fn manifest_location(
    os: Os,
    browser: Browser,
    system: bool,
    home: &std::path::Path,
    app_data: &std::path::Path,
) -> Location {
    let file = manifest_file_name();
    let dir: std::path::PathBuf = match (os, browser, system) {
        (Os::Linux, Browser::Chrome, false) => {
            home.join(".config/google-chrome/NativeMessagingHosts")
        }
        (Os::Linux, Browser::Chrome, true) => "/etc/opt/chrome/native-messaging-hosts".into(),
        (Os::Linux, Browser::Chromium, false) => home.join(".config/chromium/NativeMessagingHosts"),
        (Os::Linux, Browser::Chromium, true) => "/etc/chromium/native-messaging-hosts".into(),
        (Os::Linux, Browser::Edge, false) => {
            home.join(".config/microsoft-edge/NativeMessagingHosts")
        }
        (Os::Linux, Browser::Edge, true) => "/etc/opt/edge/native-messaging-hosts".into(),
        (Os::Linux, Browser::Firefox, false) => home.join(".mozilla/native-messaging-hosts"),
        (Os::Linux, Browser::Firefox, true) => "/usr/lib/mozilla/native-messaging-hosts".into(),
        (Os::MacOs, b, system) => {
            let base = if system {
                std::path::PathBuf::from("/Library")
            } else {
                home.join("Library")
            };
            base.join(match b {
                Browser::Chrome => "Application Support/Google/Chrome/NativeMessagingHosts",
                Browser::Chromium => "Application Support/Chromium/NativeMessagingHosts",
                Browser::Edge => "Application Support/Microsoft Edge/NativeMessagingHosts",
                Browser::Firefox => "Application Support/Mozilla/NativeMessagingHosts",
            })
        }
        (Os::Windows, b, system) => {
            let hive = if system { "HKLM" } else { "HKCU" };
            let vendor = match b {
                Browser::Chrome => "Google\\Chrome",
                Browser::Chromium => "Chromium",
                Browser::Edge => "Microsoft\\Edge",
                Browser::Firefox => "Mozilla",
            };
            let key = format!("{hive}\\Software\\{vendor}\\NativeMessagingHosts\\{HOST_NAME}");
            let dir = app_data.join("ComeComePay").join("NativeMessagingHosts");
            let name = if b.is_firefox() {
                "firefox"
            } else {
                "chromium"
            };
            return Location::Registry {
                key,
                manifest: dir.join(format!("{HOST_NAME}.{name}.json")),
            };
        }
    };
    Location::File(dir.join(file))
}

/// The manifest that tells `browser` where the host is and which extensions may start it.
pub fn host_manifest(browser: Browser, host_path: &str) -> serde_json::Value {
    let mut manifest = serde_json::json!({
        "name": HOST_NAME,
        "description": "ComeComePay Desktop: 3-D Secure codes for the browser companion",
        "path": host_path,
        "type": "stdio",
    });
    if browser.is_firefox() {
        manifest["allowed_extensions"] = serde_json::json!(FIREFOX_IDS);
    } else {
        manifest["allowed_origins"] = serde_json::json!(CHROMIUM_ORIGINS);
    }
    manifest
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The Windows installer ships these (packaging/windows/installer.nsi): the host beside
    /// them, by a path relative to the manifest as Windows allows.
    #[test]
    fn the_windows_installers_manifests_are_the_hosts() {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packaging/windows/native-messaging");
        for (file, browser) in [
            ("chromium.json", Browser::Chromium),
            ("firefox.json", Browser::Firefox),
        ] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let shipped: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                shipped,
                host_manifest(browser, "ccp-browser-host.exe"),
                "{file}"
            );
        }
        let edge = host_manifest(Browser::Edge, "ccp-browser-host.exe");
        assert_eq!(
            edge,
            host_manifest(Browser::Chromium, "ccp-browser-host.exe"),
            "Edge reads Chrome's"
        );
    }

    #[test]
    fn each_browser_finds_the_manifest_where_it_looks() {
        let (home, data) = (Path::new("/home/u"), Path::new("C:/Users/u/AppData/Local"));
        let file = |os, b, system| match manifest_location(os, b, system, home, data) {
            Location::File(p) => p.display().to_string(),
            Location::Registry { key, .. } => key,
        };
        assert_eq!(
            file(Os::Linux, Browser::Chromium, false),
            "/home/u/.config/chromium/NativeMessagingHosts/com.comecomepay.desktop.json"
        );
        assert_eq!(
            file(Os::Linux, Browser::Firefox, true),
            "/usr/lib/mozilla/native-messaging-hosts/com.comecomepay.desktop.json"
        );
        assert_eq!(
            file(Os::Linux, Browser::Chrome, true),
            "/etc/opt/chrome/native-messaging-hosts/com.comecomepay.desktop.json"
        );
        assert_eq!(
            file(Os::MacOs, Browser::Chrome, false),
            "/home/u/Library/Application Support/Google/Chrome/NativeMessagingHosts/com.comecomepay.desktop.json"
        );
        assert_eq!(
            file(Os::Windows, Browser::Chrome, false),
            "HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\com.comecomepay.desktop"
        );
        assert_eq!(
            file(Os::Windows, Browser::Firefox, true),
            "HKLM\\Software\\Mozilla\\NativeMessagingHosts\\com.comecomepay.desktop"
        );
        let chromium = host_manifest(Browser::Chromium, "/usr/bin/ccp-browser-host");
        assert_eq!(chromium["allowed_origins"][0], CHROMIUM_ORIGINS[0]);
        assert!(chromium.get("allowed_extensions").is_none());
        let firefox = host_manifest(Browser::Firefox, "/usr/bin/ccp-browser-host");
        assert_eq!(firefox["allowed_extensions"][0], FIREFOX_IDS[0]);
        assert_eq!(firefox["type"], "stdio");
    }

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
