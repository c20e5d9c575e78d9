//! How the shell was started: the command line and its environment variables.

use std::path::PathBuf;

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
