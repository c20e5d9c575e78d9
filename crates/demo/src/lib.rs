//! ccp-demo: demo mode, assembled outside the core so that the core never depends on the
//! test server. [`Demo`] starts an embedded sandbox with a seeded account and signs the
//! launcher's new core in to it; the desktop app hands one to
//! [`ccp_core::launcher::LaunchOptions::demo`] and only wires it.

use ccp_core::launcher::{DemoServer, StartDemo};
use ccp_core::{Config, Core, Error, Result};
use ccp_sandbox::{DEMO_EMAIL, DEMO_OTP, DEMO_PASSWORD, Sandbox};
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use std::path::Path;
use std::time::Duration;

/// The demo session's scope, whatever port its server listens on.
pub const SESSION_SCOPE: &str = "demo";

/// How the demo's server runs.
#[derive(Debug, Clone, Default)]
pub struct Demo {
    /// How often the server makes up a 3-D Secure passcode (`None`: never).
    pub passcode_every: Option<Duration>,
}

impl StartDemo for Demo {
    /// Starts the sandbox (its data in `data_dir/demo-sandbox`) and returns it with the core's
    /// config (cache in `data_dir/demo`).
    fn start<'a>(
        &'a self,
        data_dir: &'a Path,
    ) -> BoxFuture<'a, Result<(Config, Box<dyn DemoServer>)>> {
        async move {
            let sandbox = Sandbox::start(ccp_sandbox::Config {
                data_dir: Some(data_dir.join("demo-sandbox")),
                otp_fixed: Some(DEMO_OTP.to_owned()),
                passcode_every: self.passcode_every,
                control: false,
                ..Default::default()
            })
            .await
            .map_err(|e| Error::Config(format!("the demo server did not start: {e}")))?;
            let mut config = Config::new(&sandbox.base_url(), data_dir.join("demo"))?;
            // The demo's own keyring entries, so a demo session never mixes with a real one.
            config.keyring_service = format!("{} (demo)", config.keyring_service);
            // The embedded server's port changes at every start; the demo's session (keyring
            // entries, cache directory) must not, or each start would leave one more behind.
            config.session_scope = SESSION_SCOPE.to_owned();
            let server: Box<dyn DemoServer> = Box::new(Running { _sandbox: sandbox });
            Ok((config, server))
        }
        .boxed()
    }
}

/// The running demo server; dropping it stops the server.
struct Running {
    /// Held for its `Drop`, which stops the server.
    _sandbox: Sandbox,
}

impl DemoServer for Running {
    /// Signs in to the demo account (unless a session was restored) and syncs once, through
    /// the same login → one-time code flow as a real account. A failure is logged: the window
    /// then shows the sign-in page.
    fn sign_in<'a>(&'a self, core: &'a Core) -> BoxFuture<'a, ()> {
        async move {
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
        .boxed()
    }
}
