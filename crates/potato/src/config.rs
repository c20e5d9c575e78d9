//! Where the client talks to, and its limits.

use crate::{Error, Result};
use std::time::Duration;
use url::Url;

#[derive(Debug, Clone)]
pub struct Config {
    /// Server root; the methods live at `/api/<method>` below it.
    pub server: Url,
    /// The keyring service of this server's entries ([`Config::keyring_service_for`]).
    pub keyring_service: String,
    /// `false`: never touch the OS keyring (the token lives in memory only).
    pub use_keyring: bool,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Larger answers are refused (1000 keys a page is about 250 KB).
    pub max_response_bytes: usize,
}

impl Config {
    /// The service's own host (seed 003 and the platform's documentation).
    pub const DEFAULT_SERVER: &'static str = "https://api.potatocloud.cn";

    /// Validates the server URL: https, or plain http only to a loopback address (as the
    /// ComeComePay server's rule).
    pub fn new(server: &str) -> Result<Config> {
        let server = validate_server(server)?;
        Ok(Config {
            keyring_service: Self::keyring_service_for(ccp_io::keyring::BASE_SERVICE, &server),
            server,
            use_keyring: true,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_response_bytes: 4 * 1024 * 1024,
        })
    }

    /// `"<prefix> Potato Cloud https://api.potatocloud.cn"`: each server has its own entries,
    /// so a token is only ever sent to the server that issued it.
    pub fn keyring_service_for(prefix: &str, server: &Url) -> String {
        format!(
            "{prefix} Potato Cloud {}",
            server.origin().ascii_serialization()
        )
    }

    /// The same configuration with the keyring entries under another prefix (tests use their
    /// own, the CLI takes `--keyring-service`).
    pub fn with_keyring_prefix(mut self, prefix: &str) -> Config {
        self.keyring_service = Self::keyring_service_for(prefix, &self.server);
        self
    }

    pub(crate) fn url(&self, method: &str) -> String {
        format!(
            "{}/api/{method}",
            self.server.as_str().trim_end_matches('/')
        )
    }
}

fn validate_server(server: &str) -> Result<Url> {
    ccp_model::server_url::check(server, false)
        .map_err(|e| Error::Config(format!("Potato Cloud URL: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_http_only() {
        ccp_model::server_url::assert_applied(Config::new);
        assert!(Config::new(Config::DEFAULT_SERVER).is_ok());
    }

    #[test]
    fn methods_and_keyring_names() {
        let c = Config::new("http://127.0.0.1:9/").unwrap();
        assert_eq!(c.url("login"), "http://127.0.0.1:9/api/login");
        assert_eq!(
            c.keyring_service,
            "ComeComePay Desktop Potato Cloud http://127.0.0.1:9"
        );
        let c = c.with_keyring_prefix("test");
        assert_eq!(c.keyring_service, "test Potato Cloud http://127.0.0.1:9");
    }
}
