//! Opening the hosted KYC page. Over a plain-http connection (allowed only by the user's
//! explicit choice) anyone on the way could have written the link, so it is not opened at once:
//! the window names its host and asks, and only the link kept here is opened then (the window
//! never names a URL to open).

use crate::error::{Error, Result};
use crate::state::AppState;
use ccp_model::ipc::{ConnectionInfo, KycStarted};
use std::sync::Mutex;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

/// The last link that waits for the user's yes.
static KEPT: Mutex<Option<String>> = Mutex::new(None);

/// Whether a link from this connection must be confirmed before it opens.
pub fn ask_first(connection: Option<&ConnectionInfo>) -> bool {
    connection.is_none_or(|c| c.insecure)
}

/// Opens the page, or keeps it and asks first (see the module's comment).
pub fn started(app: &AppHandle, state: &AppState, url: String) -> KycStarted {
    if ask_first(state.launcher.connection().as_ref()) {
        let host = url::Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| url.clone());
        *KEPT.lock().unwrap_or_else(|e| e.into_inner()) = Some(url.clone());
        return KycStarted {
            url,
            ask_first: Some(host),
        };
    }
    // The session exists now; if no browser opens, the window still shows the link to open.
    if let Err(e) = app.opener().open_url(&url, None::<&str>) {
        tracing::warn!("could not open the browser: {e}");
    }
    KycStarted {
        url,
        ask_first: None,
    }
}

/// The user said yes to the kept link.
pub fn open_kept(app: &AppHandle) -> Result<()> {
    let url = KEPT.lock().unwrap_or_else(|e| e.into_inner()).take();
    let url = url.ok_or(Error::NoKycLink)?;
    Ok(app.opener().open_url(url, None::<&str>)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::ipc::AppMode;

    /// A link read over opted-in plain http is asked about first; over https (or loopback
    /// http, which never leaves the machine) it opens at once.
    #[test]
    fn a_link_from_an_unencrypted_connection_is_asked_about_first() {
        let connection = |insecure| ConnectionInfo {
            mode: AppMode::Live,
            server: "http://203.0.113.7".into(),
            insecure,
        };
        assert!(ask_first(Some(&connection(true))));
        assert!(!ask_first(Some(&connection(false))));
        assert!(ask_first(None));
    }
}
