//! Settings → Browser: whether the browser companion has come lately, and setting the
//! browsers up to find `ccp-browser-host` (the same manifests `ccp browser install` writes).

use crate::error::{Error, Result};
use crate::state::AppState;
use ccp_model::browser::Browser;
use ccp_model::ipc::BrowserStatus;
use std::path::PathBuf;

/// The host, where the packages put it for the app's own binary.
fn host() -> PathBuf {
    ccp_core::programs::find_for_this(ccp_core::programs::BROWSER_HOST)
}

pub fn status(state: &AppState) -> BrowserStatus {
    ccp_core::browser::status(state.launcher.data_dir(), &host())
}

/// The user's own manifests for every browser family; a failure names the browser.
pub fn install(state: &AppState) -> Result<BrowserStatus> {
    let host = host();
    if !host.is_file() {
        return Err(Error::Browser(format!(
            "ccp-browser-host is not beside the app ({})",
            host.display()
        )));
    }
    for browser in Browser::ALL {
        let location = ccp_core::browser::location(browser, false);
        ccp_core::browser::install(&location, browser, &host)
            .map_err(|e| Error::Browser(format!("{browser:?}: {e}")))?;
    }
    Ok(status(state))
}
