//! The one rule for a server address, shared by every client in the workspace (ComeComePay,
//! Potato Cloud, FalPay): https, or plain http only to this machine — unless the user chose
//! plain http knowing the cost. No credentials, query or fragment in it.

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerUrlError {
    #[error("{0:?} is not a URL: {1}")]
    NotAUrl(String, String),
    #[error("the URL must not carry credentials")]
    Credentials,
    #[error("the URL must not have a query or fragment")]
    QueryOrFragment,
    #[error("plain http is allowed only to this machine (127.0.0.1, ::1, localhost), not {0}")]
    PlainHttp(String),
    #[error("unsupported URL scheme {0:?}: use https")]
    Scheme(String),
}

/// Parses and checks `server`; `allow_insecure_http` also accepts plain http to other machines.
pub fn check(server: &str, allow_insecure_http: bool) -> Result<Url, ServerUrlError> {
    let url = Url::parse(server.trim())
        .map_err(|e| ServerUrlError::NotAUrl(server.to_owned(), e.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ServerUrlError::Credentials);
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ServerUrlError::QueryOrFragment);
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) || allow_insecure_http => Ok(url),
        "http" => Err(ServerUrlError::PlainHttp(
            url.host_str().unwrap_or_default().to_owned(),
        )),
        other => Err(ServerUrlError::Scheme(other.to_owned())),
    }
}

/// Addresses and whether [`check`] (without the insecure choice) accepts them.
const EXAMPLES: [(&str, bool); 16] = [
    ("https://a.example", true),
    ("https://h.example:8443/", true),
    ("http://127.0.0.1:8080", true),
    ("http://[::1]:8080", true),
    ("http://[::1]:8080/", true),
    ("http://localhost:1", true),
    ("http://LOCALHOST:1", true),
    ("http://example.com", false),
    ("http://203.0.113.7", false),
    ("ftp://127.0.0.1", false),
    ("ftp://a.example", false),
    ("not a url", false),
    ("https://u:p@host", false),
    ("https://id:secret@host", false),
    ("https://host/?askKey=1", false),
    ("https://host/?client_secret=x", false),
];

/// For each client's tests: runs its constructor over [`EXAMPLES`], so every client is seen
/// to apply this one rule (not a copy of it) and to say why plain http was refused.
#[doc(hidden)]
pub fn assert_applied<T, E: std::fmt::Display>(new: impl Fn(&str) -> Result<T, E>) {
    for (server, accepted) in EXAMPLES {
        assert_eq!(new(server).is_ok(), accepted, "{server}");
    }
    match new("http://example.com") {
        Err(e) => assert!(e.to_string().contains("plain http"), "{e}"),
        Ok(_) => panic!("plain http to another machine was accepted"),
    }
}

/// 127.0.0.0/8, ::1 or `localhost`: traffic that never leaves this machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_http_unless_chosen() {
        assert_applied(|server| check(server, false));
        assert!(check("http://[::1]:1/", false).is_ok());
        assert_eq!(
            check("http://203.0.113.7", false),
            Err(ServerUrlError::PlainHttp("203.0.113.7".into()))
        );
        assert!(check("http://203.0.113.7", true).is_ok());
        assert_eq!(
            check("https://u:p@a.example", false),
            Err(ServerUrlError::Credentials)
        );
        assert_eq!(
            check("https://a.example/?x=1", false),
            Err(ServerUrlError::QueryOrFragment)
        );
        assert_eq!(
            check("ftp://a.example", true),
            Err(ServerUrlError::Scheme("ftp".into()))
        );
        assert!(matches!(
            check("not a url", false),
            Err(ServerUrlError::NotAUrl(..))
        ));
    }
}
