//! Demo mode: an embedded sandbox server with a seeded account, and a core signed in to it.
//! The desktop app runs this when no server is given; the shell only wires it.

use crate::{Config, Core, Error, Result};
use ccp_sandbox::{DEMO_EMAIL, DEMO_OTP, DEMO_PASSWORD, Sandbox};
use std::path::Path;
use std::time::Duration;

/// The demo's own keyring entries, so a demo session never mixes with a real one.
pub const KEYRING_SERVICE: &str = "ComeComePay Desktop (demo)";

/// The demo session's scope, whatever port its server listens on.
pub const SESSION_SCOPE: &str = "demo";

/// The running demo server; dropping it stops the server.
pub struct Demo {
    sandbox: Sandbox,
}

impl Demo {
    /// Starts the sandbox (its data in `data_dir/demo-sandbox`, a new simulated passcode every
    /// `passcode_every`) and returns it with the core's config (cache in `data_dir/demo`).
    pub async fn start(
        data_dir: &Path,
        passcode_every: Option<Duration>,
    ) -> Result<(Demo, Config)> {
        let sandbox = Sandbox::start(ccp_sandbox::Config {
            data_dir: Some(data_dir.join("demo-sandbox")),
            otp_fixed: Some(DEMO_OTP.to_owned()),
            passcode_every,
            control: false,
            ..Default::default()
        })
        .await
        .map_err(|e| Error::Config(format!("the demo server did not start: {e}")))?;
        let mut config = Config::new(&sandbox.base_url(), data_dir.join("demo"))?;
        config.keyring_service = KEYRING_SERVICE.to_owned();
        // The embedded server's port changes at every start; the demo's session (keyring
        // entries, cache directory) must not, or each start would leave one more behind.
        config.session_scope = SESSION_SCOPE.to_owned();
        Ok((Demo { sandbox }, config))
    }

    pub fn server(&self) -> String {
        self.sandbox.base_url()
    }

    /// Signs in to the demo account (unless a session was restored) and syncs once, through the
    /// same login → one-time code flow as a real account. A failure is logged: the window then
    /// shows the sign-in page.
    pub async fn sign_in(&self, core: &Core) {
        if core.is_signed_in() {
            return;
        }
        let result = async {
            core.login(DEMO_EMAIL, DEMO_PASSWORD.into()).await?;
            core.verify_otp(DEMO_EMAIL, DEMO_OTP.into()).await?;
            core.sync_now().await
        }
        .await;
        if let Err(e) = result {
            tracing::warn!("demo sign-in failed: {e}");
        }
    }
}
