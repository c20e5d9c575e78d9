//! `ccp-browser-host` driven as a browser drives it: the real binary, native-messaging frames on
//! its stdin and stdout, the sandbox over TCP, the session in the test session's keyring; and
//! the extension itself in a real browser (`extension`).

mod extension;

use ccp_core::app_lock::AppLock;
use ccp_core::{Config, Core};
use ccp_model::browser::{CHROMIUM_ORIGINS, FIREFOX_IDS, MAX_REQUEST_BYTES};
use ccp_sandbox::require_test_session;
use ccp_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, InjectPasscode, Sandbox, TEST_OTP};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// One test's world: a sandbox, a data directory, a keyring service of its own.
struct World {
    sb: Sandbox,
    dir: tempfile::TempDir,
    service: String,
}

impl World {
    async fn new(name: &str) -> World {
        require_test_session();
        let sb = Sandbox::start(ccp_sandbox::Config {
            otp_fixed: Some(TEST_OTP.into()),
            ..Default::default()
        })
        .await
        .expect("sandbox");
        World {
            sb,
            dir: tempfile::tempdir().unwrap(),
            service: format!("ccp-host-test-{name}-{}", std::process::id()),
        }
    }

    fn config(&self) -> Config {
        let mut config = Config::new(&self.sb.base_url(), self.dir.path()).unwrap();
        config.keyring_service = self.service.clone();
        config
    }

    /// Signs in as the app would, in the same data directory and keyring session.
    async fn sign_in(&self) -> Core {
        let core = Core::open(self.config()).await.unwrap();
        core.login(DEMO_EMAIL, DEMO_PASSWORD.into()).await.unwrap();
        core.verify_otp(DEMO_EMAIL, TEST_OTP.into()).await.unwrap();
        core
    }

    async fn inject(&self, merchant: &str, amount: &str, code: &str) {
        self.sb
            .control()
            .inject_3ds(InjectPasscode {
                merchant_name: Some(merchant.into()),
                amount: Some(amount.into()),
                currency: Some("USD".into()),
                passcode: Some(code.into()),
                ..Default::default()
            })
            .await
            .unwrap();
    }

    fn host(&self, args: &[&str]) -> Host {
        // Its log goes to a file: a failing test prints it (see `Drop for Host`).
        let log = tempfile::NamedTempFile::new_in(self.dir.path()).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_ccp-browser-host"))
            .args(args)
            .env("CCP_SERVER", self.sb.base_url())
            .env("CCP_DATA_DIR", self.dir.path())
            .env("CCP_KEYRING_SERVICE", &self.service)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log.reopen().unwrap())
            .kill_on_drop(true)
            .spawn()
            .expect("ccp-browser-host");
        Host {
            stdin: child.stdin.take(),
            stdout: child.stdout.take().unwrap(),
            child,
            seen: String::new(),
            log,
        }
    }

    /// As Chromium starts it for our extension.
    fn chromium(&self) -> Host {
        self.host(&[CHROMIUM_ORIGINS[0]])
    }
}

struct Host {
    child: Child,
    /// `None` once closed, as a browser closes it.
    stdin: Option<ChildStdin>,
    stdout: ChildStdout,
    /// Every byte the host wrote, to look for secrets afterwards.
    seen: String,
    /// The host's stderr.
    log: tempfile::NamedTempFile,
}

impl Drop for Host {
    /// A test that fails shows what the host logged.
    fn drop(&mut self) {
        if std::thread::panicking() {
            let log = std::fs::read_to_string(self.log.path()).unwrap_or_default();
            println!("the host's log:\n{log}");
        }
    }
}

impl Host {
    async fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("open");
        stdin.write_all(bytes).await.unwrap();
        stdin.flush().await.unwrap();
    }

    async fn send(&mut self, request: Value) {
        let body = serde_json::to_vec(&request).unwrap();
        let mut frame = (body.len() as u32).to_ne_bytes().to_vec();
        frame.extend(body);
        self.send_raw(&frame).await;
    }

    async fn recv(&mut self) -> Value {
        let read = async {
            let mut len = [0u8; 4];
            self.stdout.read_exact(&mut len).await.expect("a reply");
            let mut body = vec![0u8; u32::from_ne_bytes(len) as usize];
            self.stdout
                .read_exact(&mut body)
                .await
                .expect("a whole reply");
            body
        };
        let body = tokio::time::timeout(Duration::from_secs(20), read)
            .await
            .expect("a reply in time");
        self.seen.push_str(&String::from_utf8_lossy(&body));
        serde_json::from_slice(&body).expect("JSON")
    }

    async fn ask(&mut self, request: Value) -> Value {
        self.send(request).await;
        self.recv().await
    }

    /// Closes stdin as the browser does, and waits for a clean exit.
    async fn finish(mut self) -> String {
        self.stdin = None;
        let status = tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .expect("the host ends when the pipe closes")
            .unwrap();
        assert!(status.success(), "{status:?}");
        let err = std::fs::read_to_string(self.log.path()).unwrap();
        assert!(!err.contains("panicked"), "{err}");
        std::mem::take(&mut self.seen) + &err
    }
}

fn match_request(id: &str, merchant: &str, amounts: &[&str]) -> Value {
    json!({"v": 1, "id": id, "op": "match", "frame_origin": "https://acs.example",
           "page": {"merchant": merchant, "amounts": amounts}})
}

#[tokio::test]
async fn a_caller_that_is_not_our_extension_is_refused_before_anything_is_read() {
    let world = World::new("caller").await;
    for args in [
        vec!["chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"],
        vec!["/tmp/manifest.json", "someone@example.com"],
        vec![],
    ] {
        let mut host = world.host(&args);
        let status = tokio::time::timeout(Duration::from_secs(10), host.child.wait())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
        let mut out = Vec::new();
        host.stdout.read_to_end(&mut out).await.unwrap();
        assert!(out.is_empty());
    }
    // Firefox's way of naming the caller is accepted.
    let mut host = world.host(&["/tmp/com.comecomepay.desktop.json", FIREFOX_IDS[0]]);
    let reply = host.ask(json!({"v": 1, "id": "1", "op": "watch"})).await;
    assert_eq!(reply["status"], "login_required", "{reply}");
    host.finish().await;
}

#[tokio::test]
async fn bad_frames_get_an_error_and_never_a_crash() {
    let world = World::new("frames").await;
    let mut host = world.chromium();
    // Too large: skipped, answered, and the next frame is read in step.
    let big = vec![b' '; MAX_REQUEST_BYTES + 1];
    let mut frame = (big.len() as u32).to_ne_bytes().to_vec();
    frame.extend(&big);
    host.send_raw(&frame).await;
    let reply = host.recv().await;
    assert_eq!(reply["status"], "error");
    assert!(
        reply["message"].as_str().unwrap().contains("larger"),
        "{reply}"
    );
    // Not JSON; JSON but no request (its id still echoed); an unknown op; another version.
    let mut frame = 5u32.to_ne_bytes().to_vec();
    frame.extend(b"{oops");
    host.send_raw(&frame).await;
    assert_eq!(host.recv().await["status"], "error");
    let reply = host.ask(json!({"v": 1, "id": "x1", "op": "launch"})).await;
    assert_eq!(
        (reply["status"].as_str(), reply["id"].as_str()),
        (Some("error"), Some("x1"))
    );
    let reply = host.ask(json!({"v": 2, "id": "x2", "op": "watch"})).await;
    assert_eq!(reply["status"], "error");
    // Not signed in: said so, for every op.
    let reply = host.ask(match_request("m", "Axe", &["$1"])).await;
    assert_eq!(reply["status"], "login_required");
    // Cut short: an error, then a clean end.
    let mut frame = 100u32.to_ne_bytes().to_vec();
    frame.extend(b"{\"v\":1");
    host.send_raw(&frame).await;
    host.stdin = None;
    let reply = host.recv().await;
    assert_eq!(reply["status"], "error");
    let status = tokio::time::timeout(Duration::from_secs(10), host.child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn the_page_is_matched_and_the_code_leaves_only_for_a_handle_of_this_connection() {
    let world = World::new("match").await;
    let core = world.sign_in().await;
    world.inject("Axe Books Ltd", "52.95", "271828").await;
    let mut host = world.chromium();

    let reply = host
        .ask(json!({"v": 1, "id": "r0", "op": "reveal", "record": "made-up"}))
        .await;
    assert_eq!(reply["status"], "error", "reveal without a match");

    let reply = host
        .ask(match_request("m1", "AXE BOOKS", &["Total", "US$52.95"]))
        .await;
    assert_eq!(reply["status"], "match", "{reply}");
    assert_eq!(reply["id"], "m1");
    assert_eq!(
        (
            reply["merchant"].as_str(),
            reply["amount"].as_str(),
            reply["currency"].as_str()
        ),
        (Some("Axe Books Ltd"), Some("52.95"), Some("USD"))
    );
    assert!(reply["expires_at"].as_str().unwrap().ends_with('Z'));
    assert!(
        !reply.to_string().contains("271828"),
        "no code before the click"
    );
    let handle = reply["record"].as_str().unwrap().to_owned();

    let reply = host
        .ask(match_request("m2", "Axe Books", &["US$59.95"]))
        .await;
    assert_eq!(reply["status"], "mismatch");
    assert_eq!(reply["differs"], json!(["amount"]));

    let reply = host
        .ask(json!({"v": 1, "id": "r1", "op": "reveal", "record": handle}))
        .await;
    assert_eq!(
        (reply["status"].as_str(), reply["code"].as_str()),
        (Some("ok"), Some("271828"))
    );

    // A second connection does not know this one's handles.
    let mut other = world.chromium();
    let reply = other
        .ask(json!({"v": 1, "id": "r2", "op": "reveal", "record": handle}))
        .await;
    assert_eq!(reply["status"], "error");

    // Two records for the same payment: a choice, never a guess.
    world.inject("Axe Books Ltd", "52.95", "314159").await;
    // The host reads the service again only when its cache is older than a second.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let reply = host
        .ask(match_request("m3", "axe books", &["52.95 USD"]))
        .await;
    assert_eq!(reply["status"], "ambiguous", "{reply}");
    assert_eq!(reply["candidates"].as_array().unwrap().len(), 2);
    assert!(!reply.to_string().contains("314159"));

    // No token of the session reaches the browser or the log.
    let store = ccp_core::SecretStore::new(&world.config().session_keyring_service(), true);
    let mut tokens = Vec::new();
    for user in ["access_token", "refresh_token", "cache_key"] {
        if let Some(token) = store.get(user).await.unwrap() {
            tokens.push(token.expose_secret().to_owned());
        }
    }
    assert_eq!(tokens.len(), 3);
    let everything = host.finish().await + &other.finish().await;
    for token in tokens {
        assert!(!everything.contains(&token));
    }
    core.logout().await.unwrap();
}

/// The host closed its cache before exiting: SQLite removes the write-ahead log when the last
/// connection closes cleanly, so a WAL file left behind means the process exited with the
/// cache still open (which crashed it in OpenSSL's exit-time clean-up, signal 11).
#[tokio::test(flavor = "multi_thread")]
async fn the_host_closes_its_cache_before_it_exits() {
    let world = World::new("close").await;
    let core = world.sign_in().await;
    core.close().await;
    let wal = world.config().cache_path().with_extension("db-wal");
    assert!(!wal.exists(), "a closed core leaves no WAL: {wal:?}");
    for watching in [false, true] {
        let mut host = world.chromium();
        let reply = host.ask(match_request("m", "Axe Books", &["$1.00"])).await;
        assert_eq!(reply["status"], "none", "{reply}");
        if watching {
            let reply = host.ask(json!({"v": 1, "id": "w", "op": "watch"})).await;
            assert_eq!(reply["status"], "watching", "{reply}");
        }
        host.finish().await;
        assert!(!wal.exists(), "watching {watching}: the host left {wal:?}");
    }
    let core = Core::open(world.config()).await.unwrap();
    core.logout().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_app_tells_the_browser_nothing_and_a_watch_brings_new_records() {
    let world = World::new("lock-watch").await;
    let core = world.sign_in().await;
    let lock = AppLock::new(world.dir.path(), &world.service, Duration::from_secs(30));
    lock.set_pin(None, &"2468".into()).await.unwrap();
    lock.lock().await.unwrap();
    world.inject("Axe Books", "52.95", "271828").await;
    let mut host = world.chromium();
    let reply = host
        .ask(match_request("m1", "Axe Books", &["$52.95"]))
        .await;
    assert_eq!(reply["status"], "locked");
    lock.unlock(&"2468".into()).await.unwrap();

    let reply = host.ask(json!({"v": 1, "id": "w", "op": "watch"})).await;
    assert_eq!(reply["status"], "watching", "{reply}");
    let injected = std::time::Instant::now();
    world.inject("Bolt Cafe", "4.20", "161803").await;
    let pushed = host.recv().await;
    assert_eq!(
        (pushed["status"].as_str(), pushed["id"].as_str()),
        (Some("new"), Some("w"))
    );
    assert_eq!(pushed["merchant"], "Bolt Cafe");
    assert!(!pushed.to_string().contains("161803"));
    assert!(
        injected.elapsed() < Duration::from_secs(3),
        "{:?}",
        injected.elapsed()
    );
    host.finish().await;
    lock.remove_pin(&"2468".into()).await.unwrap();
    core.logout().await.unwrap();
}
