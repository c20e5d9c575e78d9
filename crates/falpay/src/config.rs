//! Where the FalPay server is, and the client's limits.

use crate::{Error, Result};
use std::time::Duration;
use url::Url;

/// The token endpoint's path (seed 004), below the server root.
pub const TOKEN_PATH: &str = "/api/open/auth/token";

#[derive(Debug, Clone)]
pub struct FalPayConfig {
    /// Server root: https, or plain http to this machine only.
    pub server: Url,
    pub connect_timeout: Duration,
    /// For the whole exchange, answer included.
    pub request_timeout: Duration,
    /// Larger answers are refused (a token answer is a few hundred bytes).
    pub max_response_bytes: usize,
    /// A token is renewed once this share of its life has passed (0.8: at 48 s of 60 s, 12 s
    /// before it expires). Clamped to 0.1..=0.95.
    pub renew_fraction: f64,
}

impl FalPayConfig {
    /// Validates the server URL: https, or plain http only to a loopback address (127.0.0.1,
    /// ::1, localhost); no credentials, query or fragment in it.
    pub fn new(server: &str) -> Result<FalPayConfig> {
        Ok(FalPayConfig {
            server: validate_server(server)?,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_response_bytes: 64 * 1024,
            renew_fraction: 0.8,
        })
    }

    /// `https://host:port`: which server a keyring entry belongs to.
    pub fn origin(&self) -> String {
        self.server.origin().ascii_serialization()
    }

    /// The token endpoint's URL (server root + [`TOKEN_PATH`]), without the query.
    pub fn token_url(&self) -> Result<Url> {
        let url = format!("{}{TOKEN_PATH}", self.server.as_str().trim_end_matches('/'));
        Url::parse(&url).map_err(|e| Error::Config(format!("token URL: {e}")))
    }
}

fn validate_server(server: &str) -> Result<Url> {
    ccp_model::server_url::check(server, false).map_err(|e| match e {
        ccp_model::server_url::ServerUrlError::PlainHttp(_) => Error::Config(format!(
            "{e}: the client secret would travel unencrypted; use https"
        )),
        e => Error::Config(format!("FalPay server URL: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_http_only() {
        ccp_model::server_url::assert_applied(FalPayConfig::new);
        assert!(FalPayConfig::new("https://open.falpay.example").is_ok());
    }

    #[test]
    fn the_token_url_keeps_a_path_prefix_and_adds_the_path_once() {
        let c = FalPayConfig::new("https://h.example:8443/").unwrap();
        assert_eq!(
            c.token_url().unwrap().as_str(),
            "https://h.example:8443/api/open/auth/token"
        );
        assert_eq!(c.origin(), "https://h.example:8443");
        let c = FalPayConfig::new("https://h.example/gateway/").unwrap();
        assert_eq!(
            c.token_url().unwrap().as_str(),
            "https://h.example/gateway/api/open/auth/token"
        );
    }
}
