//! The browser companion's side of the desktop: the host's native-messaging manifests written
//! where each browser looks (for `ccp browser install` and Settings → Browser), and when the
//! extension last came (the host notes it in the data directory; nothing secret).

use ccp_model::browser::{Browser, HOST_NAME, Location, Os, host_manifest, manifest_location};
use ccp_model::ipc::BrowserStatus;
use std::path::{Path, PathBuf};

const SEEN_FILE: &str = "browser-seen.json";

/// Where `browser` looks for our manifest on this machine (the user's own, or `system`).
pub fn location(browser: Browser, system: bool) -> Location {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let app_data = std::env::var_os("LOCALAPPDATA")
        .map(PathBuf::from)
        .unwrap_or_default();
    manifest_location(this_os(), browser, system, &home, &app_data)
}

/// Writes the manifest naming `host` (and on Windows the registry key); returns the file.
pub fn install(location: &Location, browser: Browser, host: &Path) -> std::io::Result<PathBuf> {
    let manifest = host_manifest(browser, &host.display().to_string());
    let file = manifest_file(location);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&file, serde_json::to_vec_pretty(&manifest)?)?;
    if let Location::Registry { key, .. } = location {
        let path = file.display().to_string();
        registry(&["add", key, "/ve", "/t", "REG_SZ", "/d", &path, "/f"])?;
    }
    Ok(file)
}

/// Removes what [`install`] wrote; `None` when there was nothing.
pub fn uninstall(location: &Location) -> std::io::Result<Option<PathBuf>> {
    if let Location::Registry { key, .. } = location {
        let _ = registry(&["delete", key, "/f"]);
    }
    let file = manifest_file(location);
    match std::fs::remove_file(&file) {
        Ok(()) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn manifest_file(location: &Location) -> PathBuf {
    match location {
        Location::File(f) => f.clone(),
        Location::Registry { manifest, .. } => manifest.clone(),
    }
}

/// The host notes each connection of the extension (when, and which browser family).
pub fn note_seen(data_dir: &Path, browser: &str) {
    let seen = serde_json::json!({ "at": crate::now_unix(), "browser": browser });
    let path = data_dir.join(SEEN_FILE);
    if let Err(e) = ccp_io::private_fs::write_private_atomically(&path, seen.to_string().as_bytes())
    {
        tracing::debug!("{}: {e}", path.display());
    }
}

/// What Settings → Browser shows: when the extension last came, whether the host is there,
/// and which browsers have our manifest (the user's own).
pub fn status(data_dir: &Path, host: &Path) -> BrowserStatus {
    let seen: Option<serde_json::Value> = std::fs::read(data_dir.join(SEEN_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    BrowserStatus {
        last_seen: seen.as_ref().and_then(|s| s["at"].as_i64()),
        last_browser: seen.and_then(|s| s["browser"].as_str().map(str::to_owned)),
        host_found: host.is_file(),
        installed: Browser::ALL
            .into_iter()
            .filter(|b| manifest_file(&location(*b, false)).is_file())
            .map(|b| format!("{b:?}"))
            .collect(),
    }
}

/// Windows' own `reg.exe`: the registry without a crate for it. Its output is captured, not
/// inherited: it says "The operation completed successfully." for every key, which would land
/// in `ccp browser install`'s own output (found under wine); on failure its words are the error.
fn registry(args: &[&str]) -> std::io::Result<()> {
    let out = std::process::Command::new("reg")
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()?;
    if out.status.success() {
        Ok(())
    } else {
        let said = String::from_utf8_lossy(&out.stderr);
        Err(std::io::Error::other(format!(
            "reg {} failed ({}): {}",
            args[0],
            out.status,
            said.trim()
        )))
    }
}

fn this_os() -> Os {
    if cfg!(windows) {
        Os::Windows
    } else if cfg!(target_os = "macos") {
        Os::MacOs
    } else {
        Os::Linux
    }
}

/// The manifest's name, for messages.
pub const MANIFEST_NAME: &str = HOST_NAME;
