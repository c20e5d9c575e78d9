//! How the shell was started: the command line and its environment variables.

use ccp_model::ipc::ServerChoice;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Parser)]
#[command(name = "comecomepay-desktop", version, about)]
pub struct Options {
    /// A ComeComePay server (https, or http on loopback) for this run. Without it (and without
    /// --demo) the app uses the server chosen in the window, or asks on its welcome page.
    #[arg(long, env = "CCP_SERVER", conflicts_with = "demo")]
    pub server: Option<String>,
    /// Also accept plain http to another machine for --server: passwords, codes and tokens then
    /// travel unencrypted (the window says so for as long as it runs).
    #[arg(long, requires = "server")]
    pub allow_insecure_http: bool,
    /// Start hidden in the tray (how the login item starts it); notifications still come.
    #[arg(long)]
    pub hidden: bool,
    /// Copy the newest live 3-D Secure code (to the running app, if one runs): for a desktop
    /// shortcut set in the system's own keyboard settings.
    #[arg(long)]
    pub copy_newest: bool,
    /// Run the demo for this run: a local sandbox server (its own program, started with the
    /// app), signed in to the demo account.
    #[arg(long)]
    pub demo: bool,
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
    /// Seconds in one minute of "Unfreeze for 15 minutes" (tests shorten it).
    #[arg(long, env = "CCP_MINUTE_SECS", default_value_t = 60, hide = true)]
    pub minute_secs: u64,
    /// Lock after this many idle seconds instead of the setting's minutes (tests shorten it).
    #[arg(long, env = "CCP_LOCK_IDLE_SECS", hide = true)]
    pub lock_idle_secs: Option<u64>,
    /// Seconds the window stays hidden before its web view is closed to free its memory (it is
    /// built again when shown; tests and the bench shorten it).
    #[arg(
        long,
        env = "CCP_RELEASE_HIDDEN_SECS",
        default_value_t = crate::state::RELEASE_HIDDEN_SECS,
        hide = true
    )]
    pub release_hidden_secs: u64,
    /// Seconds a new passcode keeps the 3-D Secure reads at the faster pace (the bench sets 0
    /// to measure the idle pace every time).
    #[arg(long, env = "CCP_PASSCODE_WINDOW_SECS", hide = true)]
    pub passcode_window_secs: Option<u64>,
    /// The wait after the third wrong PIN, doubled per further one (tests shorten it).
    #[arg(long, env = "CCP_PIN_DELAY_SECS", default_value_t = 30, hide = true)]
    pub pin_delay_secs: u64,
}

impl Options {
    /// The server chosen on the command line (for this run only), if any.
    pub fn choice(&self) -> Option<ServerChoice> {
        if self.demo {
            return Some(ServerChoice::Demo);
        }
        self.server.as_ref().map(|url| ServerChoice::Server {
            url: url.clone(),
            allow_insecure_http: self.allow_insecure_http,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn the_command_line_chooses_for_one_run_or_leaves_it_to_the_window() {
        let parse = |args: &[&str]| {
            Options::try_parse_from(std::iter::once("app").chain(args.iter().copied()))
        };
        assert_eq!(parse(&[]).unwrap().choice(), None);
        assert_eq!(
            parse(&["--demo"]).unwrap().choice(),
            Some(ServerChoice::Demo)
        );
        assert_eq!(
            parse(&["--server", "http://203.0.113.7", "--allow-insecure-http"])
                .unwrap()
                .choice(),
            Some(ServerChoice::Server {
                url: "http://203.0.113.7".into(),
                allow_insecure_http: true
            })
        );
        assert!(parse(&["--demo", "--server", "https://a.example"]).is_err());
        assert!(parse(&["--allow-insecure-http"]).is_err());
    }
}
