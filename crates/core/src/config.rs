//! Where the core talks to, where it keeps its cache and how often it polls.

use crate::{Error, Result};
use std::path::PathBuf;
use std::time::Duration;
use url::Url;

#[derive(Debug, Clone)]
pub struct Config {
    /// Server root; the API lives under `/api/v1` below it.
    pub server: Url,
    pub data_dir: PathBuf,
    /// The keyring service name; the session's entries live under this name plus
    /// [`Config::session_scope`], so each server has its own.
    pub keyring_service: String,
    /// Which server a session belongs to: the server's origin (`https://host:port`). A session
    /// (its keyring entries and its cache directory) is only ever used with this scope, so a
    /// token is never sent to another server. Demo mode sets a fixed scope because its server's
    /// port changes at every start.
    pub session_scope: String,
    /// Sent as `Accept-Language` (the settings file's, when there is one).
    pub language: ccp_model::i18n::Lang,
    /// The user's settings (JSON); `None`: no settings file (the command line).
    pub settings_file: Option<PathBuf>,
    /// 3-D Secure poll interval (start to start) while the window is in front, and for
    /// `expect_window` after the user said a code is coming. Default 1 s: p95 of a new code
    /// = 0.95 s + request time (goal ≤ 1.5 s). The reasoning is in `sync/cadence.rs`.
    pub fast_poll: Duration,
    /// 3-D Secure poll interval for a while after a sign of a payment (user activity, the
    /// window losing focus, a new passcode). Default 2 s: p95 ≈ 2 s.
    pub likely_poll: Duration,
    /// 3-D Secure poll interval while the window is hidden or behind and nothing happens.
    /// Default 6 s: p95 5.7 s + request time (goal ≤ 6 s); 600 requests an hour.
    pub slow_poll: Duration,
    /// Each 3-D Secure wait is drawn from interval × [1 − jitter, 1 + jitter] (at most 0.5),
    /// so clients woken together drift apart; the mean stays the interval. Default 0.05: up to
    /// 5 % it leaves the p95 wait as without jitter.
    pub poll_jitter: f64,
    /// How long `likely_poll` lasts after user activity, the window losing focus or the
    /// user's "a code is coming" ([`crate::Core::expect_passcode`]). Default 5 min.
    pub activity_window: Duration,
    /// How long `fast_poll` lasts after [`crate::Core::expect_passcode`] (the user's global
    /// shortcut), window in front or not. Default 2 min.
    pub expect_window: Duration,
    /// How long `likely_poll` lasts after a new passcode arrived: a retry or a second
    /// challenge comes within minutes. Default 3 min.
    pub passcode_window: Duration,
    pub cards_poll: Duration,
    pub kyc_poll: Duration,
    /// KYC status poll interval for a while after KYC starts (at most `kyc_poll`).
    pub kyc_boost_poll: Duration,
    pub profile_poll: Duration,
    /// Notifications and announcements: news, not a code that expires.
    pub messages_poll: Duration,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Larger answers are refused (no real one comes near it).
    pub max_response_bytes: usize,
    /// First and largest delay of the error backoff (full jitter in between).
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    /// While offline, how often a TCP probe checks whether the server is back.
    pub offline_probe: Duration,
    /// `false`: never touch the OS keyring (memory-only session, no cache on disk).
    pub use_keyring: bool,
    /// 3-D Secure records per page; history pages are read only until a known id.
    pub passcode_page_size: u32,
    /// First sync: stop reading history older than this.
    pub passcode_history: Duration,
    /// Cached passcodes older than this are deleted after each passcode sync (never sooner
    /// than `passcode_history`, which would only fetch them again).
    pub passcode_retention: Duration,
}

impl Config {
    /// The server this build points at unless told otherwise: `CCP_DEFAULT_SERVER` when the
    /// app and `ccp` were compiled. Without it there is no default: the user must name one.
    pub const BUILD_DEFAULT_SERVER: Option<&'static str> = option_env!("CCP_DEFAULT_SERVER");

    /// Validates the server URL: https, or plain http only to a loopback address.
    pub fn new(server: &str, data_dir: impl Into<PathBuf>) -> Result<Config> {
        Self::build(validate_server(server, false)?, data_dir.into())
    }

    /// Like [`Config::new`], but plain http to another machine is accepted too: only after
    /// the user chose it, knowing that passwords, codes and tokens then travel unencrypted
    /// ([`Config::is_insecure`] says when to warn).
    pub fn with_insecure_http(server: &str, data_dir: impl Into<PathBuf>) -> Result<Config> {
        Self::build(validate_server(server, true)?, data_dir.into())
    }

    /// Plain http to another machine: everything sent can be read on the way.
    pub fn is_insecure(&self) -> bool {
        self.server.scheme() == "http" && !ccp_model::server_url::is_loopback(&self.server)
    }

    fn build(server: Url, data_dir: PathBuf) -> Result<Config> {
        Ok(Config {
            session_scope: server.origin().ascii_serialization(),
            server,
            data_dir,
            keyring_service: ccp_io::keyring::BASE_SERVICE.to_owned(),
            language: ccp_model::i18n::Lang::En,
            settings_file: None,
            fast_poll: Duration::from_secs(1),
            likely_poll: Duration::from_secs(2),
            slow_poll: Duration::from_secs(6),
            poll_jitter: 0.05,
            activity_window: Duration::from_secs(5 * 60),
            expect_window: Duration::from_secs(2 * 60),
            passcode_window: Duration::from_secs(3 * 60),
            cards_poll: Duration::from_secs(60),
            kyc_poll: Duration::from_secs(120),
            kyc_boost_poll: Duration::from_secs(15),
            profile_poll: Duration::from_secs(15 * 60),
            messages_poll: Duration::from_secs(5 * 60),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_response_bytes: 4 * 1024 * 1024,
            backoff_min: Duration::from_secs(1),
            backoff_max: Duration::from_secs(120),
            offline_probe: Duration::from_secs(3),
            use_keyring: true,
            passcode_page_size: 20,
            passcode_history: Duration::from_secs(24 * 3600),
            passcode_retention: Duration::from_secs(30 * 24 * 3600),
        })
    }

    /// `$XDG_DATA_HOME/comecomepay` (or the platform's equivalent).
    pub fn default_data_dir() -> PathBuf {
        directories::ProjectDirs::from("com", "ComeComePay", "comecomepay")
            .map(|d| d.data_dir().to_path_buf())
            .or_else(|| directories::BaseDirs::new().map(|b| b.data_dir().join("comecomepay")))
            .unwrap_or_else(|| PathBuf::from(".comecomepay"))
    }

    /// The keyring service that holds this server's session.
    pub fn session_keyring_service(&self) -> String {
        format!("{} {}", self.keyring_service, self.session_scope)
    }

    /// The directory of this server's session: its encrypted cache and the lock file that
    /// the app and `ccp` share. One directory per scope and one scope per directory: letters,
    /// digits, `.` and `-` stand for themselves, every other byte is `_` and two hex digits
    /// (`https://a:8443` → `https_3A_2F_2Fa_3A8443`), so `https://a_8443` gets another one.
    pub fn session_dir(&self) -> PathBuf {
        let mut name = String::with_capacity(self.session_scope.len() * 2);
        for b in self.session_scope.bytes() {
            if b.is_ascii_alphanumeric() || b == b'.' || b == b'-' {
                name.push(char::from(b));
            } else {
                name.push_str(&format!("_{b:02X}"));
            }
        }
        self.data_dir.join("sessions").join(name)
    }

    /// Where versions before the injective naming kept this session (every other character
    /// was `_`, so two scopes could share it): moved to [`Config::session_dir`] once, when
    /// that does not exist yet. A cache that turns out to be another session's cannot be read
    /// with this session's key and is replaced like any unreadable cache.
    pub(crate) fn adopt_legacy_session_dir(&self) {
        let legacy: String = self
            .session_scope
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let (legacy, current) = (
            self.data_dir.join("sessions").join(legacy),
            self.session_dir(),
        );
        if legacy != current
            && legacy.is_dir()
            && !current.exists()
            && let Err(e) = std::fs::rename(&legacy, &current)
        {
            tracing::warn!(
                "could not move {} to {}: {e}",
                legacy.display(),
                current.display()
            );
        }
    }

    /// The lock file that serializes this session's sign-in, refresh and sign-out across
    /// processes. It follows what the session is (the keyring entries: service and scope),
    /// not the data directory: `ccp --data-dir X` and the app use one session, so one rotating
    /// refresh token, whatever their data directories, and must take one lock. It lives in
    /// the user's runtime directory (private, per login) or else the user's cache directory.
    pub fn session_lock_path(&self) -> PathBuf {
        let base = directories::BaseDirs::new()
            .map(|b| b.runtime_dir().unwrap_or(b.cache_dir()).join("comecomepay"))
            .unwrap_or_else(|| self.data_dir.clone());
        let service = self.session_keyring_service();
        base.join("locks")
            .join(format!("session-{:016x}.lock", fnv1a(service.as_bytes())))
    }

    /// The encrypted cache of this server's session.
    pub fn cache_path(&self) -> PathBuf {
        self.session_dir().join("cache.db")
    }

    /// The API base: server root + `/api/v1`.
    pub(crate) fn api_base(&self) -> String {
        format!(
            "{}{}",
            self.server.as_str().trim_end_matches('/'),
            ccp_model::api::API_PREFIX
        )
    }
}

/// FNV-1a, 64 bits: a stable name for a lock file (the same in every process and version; a
/// collision would only make two sessions share a lock, never two sessions one token).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn validate_server(server: &str, allow_insecure_http: bool) -> Result<Url> {
    ccp_model::server_url::check(server, allow_insecure_http).map_err(|e| match e {
        ccp_model::server_url::ServerUrlError::PlainHttp(_) => Error::Config(format!(
            "{e}; use https (or, knowing that passwords, codes and tokens would travel \
             unencrypted, allow insecure http)"
        )),
        e => Error::Config(format!("server URL: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_http_only() {
        ccp_model::server_url::assert_applied(|server| Config::new(server, "/tmp/x"));
        assert!(Config::new("https://api.comecomepay.example", "/tmp/x").is_ok());
    }

    #[test]
    fn plain_http_elsewhere_only_when_chosen_and_then_flagged() {
        assert!(Config::new("http://203.0.113.7:8080", "/tmp/x").is_err());
        let c = Config::with_insecure_http("http://203.0.113.7:8080", "/tmp/x").unwrap();
        assert!(c.is_insecure());
        let local = Config::with_insecure_http("http://127.0.0.1:1", "/tmp/x").unwrap();
        assert!(!local.is_insecure());
        assert!(
            !Config::new("https://a.example", "/tmp/x")
                .unwrap()
                .is_insecure()
        );
        assert!(Config::with_insecure_http("ftp://a.example", "/tmp/x").is_err());
    }

    #[test]
    fn each_server_has_its_own_session_place() {
        let a = Config::new("https://a.example:8443/", "/d").unwrap();
        let b = Config::new("http://127.0.0.1:9/", "/d").unwrap();
        assert_eq!(a.session_scope, "https://a.example:8443");
        assert_eq!(
            a.session_keyring_service(),
            "ComeComePay Desktop https://a.example:8443"
        );
        assert_eq!(
            a.cache_path(),
            PathBuf::from("/d/sessions/https_3A_2F_2Fa.example_3A8443/cache.db")
        );
        assert_eq!(
            b.session_dir(),
            PathBuf::from("/d/sessions/http_3A_2F_2F127.0.0.1_3A9")
        );
        assert_ne!(a.session_keyring_service(), b.session_keyring_service());
    }

    /// The lock followed the data directory while the session follows the keyring: two data
    /// directories with one keyring service were one session under two locks.
    #[test]
    fn the_session_lock_follows_the_keyring_session_not_the_data_directory() {
        let at = |server: &str, data: &str, service: &str| {
            let mut c = Config::new(server, data).unwrap();
            c.keyring_service = service.to_owned();
            c.session_lock_path()
        };
        let a = at("https://a.example", "/d1", "svc");
        assert_eq!(a, at("https://a.example", "/d2", "svc"));
        assert_ne!(a, at("https://b.example", "/d1", "svc"));
        assert_ne!(a, at("https://a.example", "/d1", "other"));
        assert!(a.file_name().unwrap().to_str().unwrap().ends_with(".lock"));
    }

    /// `:` and `_` both became `_` before: two servers shared one cache directory and lock.
    #[test]
    fn no_two_scopes_share_a_session_directory() {
        let dir = |scope: &str| {
            let mut c = Config::new("https://a.example", "/d").unwrap();
            c.session_scope = scope.to_owned();
            c.session_dir()
        };
        let scopes = [
            "https://a:8443",
            "https://a_8443",
            "https://a_3A8443",
            "https___a_8443",
            "demo",
            "https://a.example",
            "https://a-example",
        ];
        let dirs: std::collections::BTreeSet<_> = scopes.iter().map(|s| dir(s)).collect();
        assert_eq!(dirs.len(), scopes.len(), "{dirs:?}");
        assert_eq!(dir("demo"), PathBuf::from("/d/sessions/demo"));
    }

    #[test]
    fn a_session_directory_of_the_old_naming_is_moved_once() {
        let data = tempfile::tempdir().unwrap();
        let c = Config::new("https://a.example:8443", data.path()).unwrap();
        let legacy = data.path().join("sessions/https___a.example_8443");
        std::fs::create_dir_all(&legacy).unwrap();
        std::fs::write(legacy.join("cache.db"), b"x").unwrap();
        c.adopt_legacy_session_dir();
        assert!(!legacy.exists());
        assert_eq!(std::fs::read(c.cache_path()).unwrap(), b"x");
        // Once the new one exists, an old one (another server's, say) is left alone.
        std::fs::create_dir_all(&legacy).unwrap();
        c.adopt_legacy_session_dir();
        assert!(legacy.exists());
    }

    #[test]
    fn api_base_appends_prefix_once() {
        let c = Config::new("http://127.0.0.1:9/", "/tmp/x").unwrap();
        assert_eq!(c.api_base(), "http://127.0.0.1:9/api/v1");
    }
}
