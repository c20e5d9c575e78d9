//! ccp-demo: demo mode, assembled outside the core so that the core never depends on the
//! test server. [`Demo`] runs the sandbox as its own program, `ccp-sandbox`, with the seeded
//! demo account, and signs the launcher's new core in to it; the desktop app hands one to
//! [`ccp_core::launcher::LaunchOptions::demo`] and only wires it.
//!
//! A program rather than a library: a cardholder who never tries the demo pays nothing for
//! it — no HTTP server, routes or second SQLite store in the app's binary or its memory.

use ccp_core::launcher::{DemoServer, StartDemo};
use ccp_core::{Config, Core, Error, Result};
use ccp_model::demo;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// The demo session's scope, whatever port its server listens on.
pub const SESSION_SCOPE: &str = "demo";

/// How long the server may take to say where it listens (it creates and seeds its store
/// first: tens of milliseconds here; a cold disk is slower).
const READY_WAIT: Duration = Duration::from_secs(20);

/// How long the server may take to close its store once asked to stop.
const STOP_WAIT: Duration = Duration::from_secs(3);

/// How the demo's server runs.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The `ccp-sandbox` program: [`ccp_core::programs::find`] finds it where the packages
    /// put it.
    pub program: PathBuf,
    /// How often the server makes up a 3-D Secure passcode (`None`: never).
    pub passcode_every: Option<Duration>,
}

impl Demo {
    /// A demo whose server is `program`, making up no passcodes.
    pub fn new(program: PathBuf) -> Self {
        Demo {
            program,
            passcode_every: None,
        }
    }

    fn command(&self, data_dir: &Path) -> Command {
        let every = self
            .passcode_every
            .map_or(0, |every| every.as_secs().max(1));
        let mut command = Command::new(&self.program);
        command
            .arg("--data-dir")
            .arg(data_dir)
            .args(["--otp-fixed", demo::OTP, "--control", "false"])
            .args(["--passcode-every", &every.to_string()])
            // The server stops when this pipe closes: with the launcher leaving the demo, or
            // with the app however it ends (a crash or SIGKILL closes it too).
            .arg("--exit-with-stdin")
            // Its requests are not the app's news; its warnings and errors still show.
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            // Only if the launcher drops it without `stop` (a failed start).
            .kill_on_drop(true);
        // A console program started by a windowed app would open a console window.
        #[cfg(windows)]
        command.creation_flags(0x0800_0000); // CREATE_NO_WINDOW
        command
    }
}

impl StartDemo for Demo {
    /// Starts the server (its data in `data_dir/demo-sandbox`) and returns it with the core's
    /// config (cache in `data_dir/demo`).
    fn start<'a>(
        &'a self,
        data_dir: &'a Path,
    ) -> BoxFuture<'a, Result<(Config, Box<dyn DemoServer>)>> {
        async move {
            let failed =
                |why: String| Error::Config(format!("the demo server did not start: {why}"));
            let mut child = self
                .command(&data_dir.join("demo-sandbox"))
                .spawn()
                .map_err(|e| failed(format!("{}: {e}", self.program.display())))?;
            let stdin = child.stdin.take();
            let mut stdout = child.stdout.take().map(|out| BufReader::new(out).lines());
            // Its first line is its URL; anything else (an early exit, silence) is a failure,
            // and dropping `child` then ends it.
            let first = match &mut stdout {
                Some(lines) => tokio::time::timeout(READY_WAIT, lines.next_line()).await,
                None => Ok(Ok(None)),
            };
            let url = match first {
                Ok(Ok(Some(url))) => url,
                Ok(Ok(None)) => {
                    let status = child.wait().await.map(|s| s.to_string());
                    return Err(failed(format!(
                        "it ended before it was ready ({})",
                        status.unwrap_or_else(|e| e.to_string())
                    )));
                }
                Ok(Err(e)) => return Err(failed(e.to_string())),
                Err(_) => return Err(failed(format!("no answer in {READY_WAIT:?}"))),
            };
            let mut config = Config::new(url.trim(), data_dir.join("demo"))?;
            // The demo's own keyring entries, so a demo session never mixes with a real one.
            config.keyring_service = format!("{} (demo)", config.keyring_service);
            // The server's port changes at every start; the demo's session (keyring entries,
            // cache directory) must not, or each start would leave one more behind.
            config.session_scope = SESSION_SCOPE.to_owned();
            let server: Box<dyn DemoServer> = Box::new(Running {
                child,
                stdin,
                _stdout: stdout,
            });
            Ok((config, server))
        }
        .boxed()
    }
}

/// The running demo server.
struct Running {
    child: Child,
    /// Closing it asks the server to stop.
    stdin: Option<ChildStdin>,
    /// Kept open: the server must never meet a closed pipe on a later line.
    _stdout: Option<Lines<BufReader<ChildStdout>>>,
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
                core.login(demo::EMAIL, demo::PASSWORD.into()).await?;
                core.verify_otp(demo::EMAIL, demo::OTP.into()).await?;
                core.sync_now().await
            }
            .await;
            if let Err(e) = result {
                tracing::warn!("demo sign-in failed: {e}");
            }
        }
        .boxed()
    }

    /// Closes the pipe and waits for the server to close its store and end, so that the next
    /// demo (a switch back right away) finds its data free; one that hangs is killed.
    fn stop(mut self: Box<Self>) -> BoxFuture<'static, ()> {
        async move {
            drop(self.stdin.take());
            match tokio::time::timeout(STOP_WAIT, self.child.wait()).await {
                Ok(Ok(status)) if status.success() => {}
                Ok(Ok(status)) => tracing::warn!("the demo server ended with {status}"),
                Ok(Err(e)) => tracing::warn!("the demo server: {e}"),
                Err(_) => {
                    tracing::warn!("the demo server did not stop in {STOP_WAIT:?}: killed");
                    let _ = self.child.kill().await;
                }
            }
        }
        .boxed()
    }
}
