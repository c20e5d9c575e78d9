//! The daily update check: `GET /app-version?platform=<os>` on the chosen server. The contract
//! documents only `ios` and `android`; a desktop platform is our reading (`x-assumed`), so a
//! 400 or 404 means "nothing announced", never an error the user sees. The last answer is kept
//! in `update.json` (nothing secret), so a restart does not ask again within the day.

use crate::{Config, Core, Result, now_unix};
use ccp_io::private_fs;
use ccp_model::ipc::UpdateInfo;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;

/// How often the service is asked.
pub const EVERY: Duration = Duration::from_secs(24 * 3600);
const FILE: &str = "update.json";

/// This machine's platform as the service would name it.
pub fn platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "macos",
        "windows" => "windows",
        _ => "linux",
    }
}

/// What the last check found, for which server and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LastCheck {
    pub server: String,
    pub checked_at: i64,
    pub update: Option<UpdateInfo>,
}

impl LastCheck {
    pub fn load(data_dir: &Path) -> Option<LastCheck> {
        let bytes = std::fs::read(data_dir.join(FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn save(&self, data_dir: &Path) {
        let written = serde_json::to_vec_pretty(self)
            .map_err(std::io::Error::other)
            .and_then(|json| private_fs::write_private_atomically(&data_dir.join(FILE), &json));
        if let Err(e) = written {
            tracing::warn!("could not keep the update check's result: {e}");
        }
    }

    /// Still fresh for `server` at `now`.
    pub fn is_fresh(&self, server: &str, now: i64) -> bool {
        self.server == server && (0..EVERY.as_secs() as i64).contains(&(now - self.checked_at))
    }
}

/// Asks the server; `Ok(None)`: nothing newer than `running` (or nothing announced for this
/// platform). Network failures are errors (the caller tries again later).
pub(crate) async fn check(
    core: &Core,
    running: &str,
    download_hosts: &[String],
) -> Result<Option<UpdateInfo>> {
    let answer = match core.app_version(platform()).await {
        Ok(answer) => answer,
        // The documented platforms are phones: a desktop one may well be refused.
        Err(e)
            if matches!(
                e.kind(),
                ccp_model::ipc::ErrorKind::Invalid | ccp_model::ipc::ErrorKind::NotFound
            ) =>
        {
            tracing::debug!("no release announced for {}: {e}", platform());
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let data = answer.data;
    let Some(version) = data.version.as_deref().and_then(parse_version) else {
        return Ok(None);
    };
    let Some(current) = parse_version(running) else {
        return Ok(None);
    };
    if version <= current {
        return Ok(None);
    }
    let update = UpdateInfo {
        version: version.to_string(),
        download_url: data.download_url,
        release_notes: data.release_notes.map(|n| clean(&n)),
        checked_at: now_unix(),
    };
    Ok(Some(vetted(update, core.config(), download_hosts)))
}

/// The hosts a download link may point at in this build (`CCP_DOWNLOAD_HOSTS` when it was
/// compiled, comma-separated; a host also allows its subdomains), besides the server's own
/// origin. Fixed at build time so that no server can send the user anywhere else.
pub fn build_download_hosts() -> Vec<String> {
    option_env!("CCP_DOWNLOAD_HOSTS")
        .unwrap_or("comecomepay.com")
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect()
}

/// The update with its download link kept only when the user may follow it: see
/// [`download_allowed`].
pub(crate) fn vetted(mut update: UpdateInfo, config: &Config, hosts: &[String]) -> UpdateInfo {
    let allowed = |url: &String| download_allowed(url, &config.server, config.is_insecure(), hosts);
    update.download_url = update.download_url.filter(allowed);
    update
}

/// A download link is offered only over an encrypted connection to the server (over opted-in
/// plain http anyone on the path could answer `/app-version`), only as https, and only to a
/// host of this build's list or the server's own origin.
fn download_allowed(url: &str, server: &url::Url, insecure: bool, hosts: &[String]) -> bool {
    if insecure || !is_https(url) {
        return false;
    }
    let Ok(url) = url::Url::parse(url) else {
        return false;
    };
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let listed = hosts
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")));
    listed || url.origin() == server.origin()
}

/// `2.3.1`, `v2.3.1`, `2.3` (a missing patch is 0).
fn parse_version(text: &str) -> Option<semver::Version> {
    let text = text.trim().trim_start_matches(['v', 'V']);
    semver::Version::parse(text)
        .ok()
        .or_else(|| semver::Version::parse(&format!("{text}.0")).ok())
}

/// Only https links are offered: the download must not be open to tampering on the way.
fn is_https(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| u.scheme() == "https" && u.host_str().is_some())
}

/// The service's text without control characters (it is shown as plain text).
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !ccp_model::plain_text::is_unsafe(*c) || *c == '\n')
        .take(2000)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_versions_and_only_https_links_pass() {
        let v = |t| parse_version(t).unwrap();
        assert!(v("v0.10.0") > v("0.9.9"));
        assert_eq!(v("2.3"), v("2.3.0"));
        assert!(parse_version("latest").is_none());
        assert!(is_https("https://example.com/app.deb"));
        assert!(!is_https("http://example.com/app.deb"));
        assert!(!is_https("javascript:alert(1)"));
        assert!(!is_https("file:///etc/passwd"));
        assert_eq!(clean("a\u{1b}[31mb\nc\u{7}"), "a[31mb\nc");
    }

    /// Any https host was accepted from any server, also one reached over plain http, where
    /// anyone on the path can answer `/app-version`.
    #[test]
    fn download_links_only_to_listed_hosts_or_the_server_and_never_over_plain_http() {
        let server = url::Url::parse("https://api.comecomepay.example").unwrap();
        let hosts = ["comecomepay.com".to_owned()];
        let ok = |u: &str, insecure| download_allowed(u, &server, insecure, &hosts);
        assert!(ok("https://comecomepay.com/app.deb", false));
        assert!(ok("https://dl.comecomepay.com/app.deb", false));
        assert!(ok("https://api.comecomepay.example/dl/app.deb", false));
        assert!(!ok("https://evil.example/app.deb", false));
        assert!(!ok("https://comecomepay.com.evil.example/app.deb", false));
        assert!(!ok("https://evilcomecomepay.com/app.deb", false));
        assert!(!ok("http://comecomepay.com/app.deb", false));
        assert!(
            !ok("https://comecomepay.com/app.deb", true),
            "plain http to the server"
        );
        assert!(!build_download_hosts().is_empty());
    }

    #[test]
    fn a_check_is_fresh_for_a_day_and_for_its_server_only() {
        let last = LastCheck {
            server: "https://a.example".into(),
            checked_at: 1_000_000,
            update: None,
        };
        assert!(last.is_fresh("https://a.example", 1_000_000 + 3600));
        assert!(!last.is_fresh("https://a.example", 1_000_000 + 86_400));
        assert!(!last.is_fresh("https://b.example", 1_000_000 + 60));
        assert!(
            !last.is_fresh("https://a.example", 1_000_000 - 60),
            "clock went back"
        );
    }
}
