use ccp_model::ipc::{AppInfo, Settings};
use std::path::PathBuf;
use std::sync::Mutex;

/// How the shell was started (command line or environment).
#[derive(Debug, Clone, clap::Parser)]
#[command(name = "comecomepay-desktop", version, about)]
pub struct Options {
    /// A ComeComePay server (https, or http on loopback). Without it the app runs in demo mode
    /// against an embedded sandbox.
    #[arg(long, env = "CCP_SERVER")]
    pub server: Option<String>,
    /// Where the encrypted cache and settings live (default: the XDG data dir).
    #[arg(long, env = "CCP_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Keyring service name (tests use their own).
    #[arg(long, env = "CCP_KEYRING_SERVICE", hide = true)]
    pub keyring_service: Option<String>,
    /// Seconds between simulated passcodes in demo mode (0: none).
    #[arg(long, default_value_t = 90)]
    pub demo_passcode_every: u64,
    /// Seconds a copied passcode stays on the clipboard (tests shorten it).
    #[arg(
        long,
        env = "CCP_CLIPBOARD_CLEAR_SECS",
        default_value_t = 30,
        hide = true
    )]
    pub clipboard_clear_secs: u64,
}

/// Everything commands need, managed by Tauri.
pub struct AppState {
    pub core: ccp_core::Core,
    pub info: Mutex<AppInfo>,
    pub settings_path: PathBuf,
    pub clipboard_clear_after: std::time::Duration,
    /// A tray icon is up, so closing the window hides it instead of quitting.
    pub tray: std::sync::atomic::AtomicBool,
    /// Keeps the embedded sandbox (demo mode) alive as long as the app.
    pub _sandbox: Option<ccp_sandbox::Sandbox>,
}

impl AppState {
    pub fn settings(&self) -> Settings {
        self.info.lock().expect("info lock").settings.clone()
    }
}
