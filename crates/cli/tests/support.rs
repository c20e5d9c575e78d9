//! The one `ccp` runner the tests share: the binary with piped stdio, its own temp data
//! directory and keyring service, and the arguments and environment a test names once.

pub use ccp_sandbox::require_test_session;
use ccp_sandbox::{Config, DEMO_EMAIL, DEMO_PASSWORD, Sandbox, TEST_OTP};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Settings the developer's shell may hold that would point `ccp` elsewhere or hand it
/// credentials: a test names what it wants instead.
const UNSET: [&str; 4] = [
    "CCP_SERVER",
    "CCP_FALPAY_SERVER",
    "CCP_FALPAY_CLIENT_ID",
    "CCP_FALPAY_CLIENT_SECRET",
];

pub struct Ccp {
    pub data_dir: tempfile::TempDir,
    pub service: String,
    /// Put before every command's own arguments (`--server URL`, `falpay`).
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    /// Signs in to a ComeComePay server: `ccp logout` when dropped, so the keyring keeps
    /// nothing of the test.
    logs_out: bool,
}

impl Ccp {
    /// `ccp --server SERVER …`; `name` keeps this test's keyring entries apart.
    pub fn new(server: &str, name: &str) -> Ccp {
        let mut ccp = Ccp::without_server(name).args(&["--server", server]);
        ccp.logs_out = true;
        ccp
    }

    /// The one session directory `ccp` made under its data directory (the cache, deadlines).
    pub fn session_dir(&self) -> std::path::PathBuf {
        let sessions = self.data_dir.path().join("sessions");
        let mut dirs: Vec<_> = std::fs::read_dir(&sessions)
            .expect("a sessions directory")
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(dirs.len(), 1, "{dirs:?}");
        dirs.pop().unwrap()
    }

    /// `ccp …` with no server named anywhere.
    pub fn without_server(name: &str) -> Ccp {
        require_test_session();
        Ccp {
            data_dir: tempfile::tempdir().unwrap(),
            service: format!("ccp-cli-test-{name}-{}", std::process::id()),
            args: Vec::new(),
            env: Vec::new(),
            logs_out: false,
        }
    }

    /// `ccp falpay …` on `server` (by `CCP_FALPAY_SERVER`, as a user would set it), or on
    /// none. Only its `login` needs the test session.
    pub fn falpay(server: Option<&str>, name: &str) -> Ccp {
        let mut ccp = Ccp {
            data_dir: tempfile::tempdir().unwrap(),
            service: format!("ccp-cli-falpay-{name}-{}", std::process::id()),
            args: vec!["falpay".into()],
            env: Vec::new(),
            logs_out: false,
        };
        if let Some(server) = server {
            ccp = ccp.env("CCP_FALPAY_SERVER", server);
        }
        ccp
    }

    /// More arguments before every command's own.
    pub fn args(mut self, args: &[&str]) -> Ccp {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn env(mut self, key: &'static str, value: &str) -> Ccp {
        self.env.push((key, value.to_owned()));
        self
    }

    /// The command, ready to run or to change further.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ccp"));
        command.args(&self.args).args(args);
        for key in UNSET {
            command.env_remove(key);
        }
        command
            .env("CCP_DATA_DIR", self.data_dir.path())
            .env("CCP_KEYRING_SERVICE", &self.service)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// Runs `ccp ARGS` with `stdin` as its input.
    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self.command(args).spawn().expect("ccp runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs `ccp ARGS` (nothing on stdin), which must exit with `code`; what it printed.
    pub fn exits(&self, code: i32, args: &[&str]) -> Output {
        let out = self.run(args, "");
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "ccp {args:?}: {stderr}");
        out
    }

    /// Runs `ccp ARGS`, which must exit 0; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args, "");
        assert_eq!(
            out.status.code(),
            Some(0),
            "ccp {:?} {args:?}: {}",
            self.args,
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// The demo user signs in with the password and the e-mailed code on stdin.
    pub fn login(&self) {
        assert_signed_in(&self.login_with(&format!("{DEMO_PASSWORD}\n{TEST_OTP}\n")));
    }

    /// `ccp login` of the demo user with `stdin` as what is typed (password, then code lines).
    pub fn login_with(&self, stdin: &str) -> Output {
        self.run(&["login", "--email", DEMO_EMAIL, "--password-stdin"], stdin)
    }
}

impl Drop for Ccp {
    fn drop(&mut self) {
        if self.logs_out {
            let _ = self.run(&["logout"], "");
        }
    }
}

/// `ccp login` exited 0 saying the demo user is signed in.
pub fn assert_signed_in(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "login: {}", text(&out.stderr));
    let said = text(&out.stdout);
    assert_eq!(said.trim(), format!("Signed in as {DEMO_EMAIL}."));
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A sandbox whose e-mailed code is always [`TEST_OTP`].
pub async fn sandbox() -> Sandbox {
    sandbox_with(Config::default()).await
}

pub async fn sandbox_with(config: Config) -> Sandbox {
    Sandbox::start(Config {
        otp_fixed: Some(TEST_OTP.into()),
        ..config
    })
    .await
    .expect("sandbox")
}
