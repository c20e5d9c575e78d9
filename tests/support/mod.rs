//! The end-to-end harness: a sandbox per test, the real app binary launched by tauri-driver
//! (WebKitWebDriver) in the Xvfb display, and readers for the D-Bus notification daemon.
//! scripts/test-session.sh provides Xvfb, D-Bus, an unlocked Secret Service and dunst.

pub mod a11y;
pub mod tray;

use ccp_sandbox::TEST_OTP;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One WebKit window at a time: two cores, and dunst's history is shared.
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Refuses to run outside the private session scripts/test-session.sh sets up (it exports
/// `CCP_TEST_SESSION=1`): these tests start apps, a keyring and a notification daemon, and must
/// never do so in a user's real desktop session.
pub fn require_session() {
    assert!(
        std::env::var("CCP_TEST_SESSION").as_deref() == Ok("1"),
        "CCP_TEST_SESSION is not set: run through scripts/test.sh: these tests start apps, a \
         keyring and a notification daemon inside a private session"
    );
    for var in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS"] {
        assert!(
            std::env::var_os(var).is_some(),
            "{var} is not set: end-to-end tests run inside scripts/test.sh (Xvfb + D-Bus session)"
        );
    }
}

pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("CCP_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts"));
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

/// tauri-driver in its own process group, so stopping it also stops WebKitWebDriver.
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    /// `env`: variables for the app (it inherits tauri-driver's environment).
    pub fn start(env: &[(String, String)]) -> Driver {
        let (port, native) = (free_port(), free_port());
        let child = std::os::unix::process::CommandExt::process_group(
            Command::new("tauri-driver")
                // English unless a test says otherwise: a first run speaks the desktop's language.
                .env("LANG", "C.UTF-8")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .envs(env.iter().map(|(k, v)| (k, v)))
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native.to_string(),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::inherit()),
            0,
        )
        .spawn()
        .expect("tauri-driver on PATH (scripts/setup.sh installs it)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: tauri-driver, WebKitWebDriver and the app. (Not `kill -TERM -PID`:
        // procps' kill has read that as "every process" here.)
        let pgid = self.child.id() as libc::pid_t;
        if pgid > 1 {
            // SAFETY: plain syscalls on a process group this test created.
            unsafe { libc::killpg(pgid, libc::SIGTERM) };
            let _ = self.child.wait();
            // The app is single-instance: the next test's app must not find this one alive.
            let deadline = Instant::now() + Duration::from_secs(10);
            while unsafe { libc::killpg(pgid, 0) } == 0 && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

pub struct App {
    pub client: Client,
    /// How it was started: a relaunch starts it so again.
    pub launch: Launch,
    _driver: Driver,
}

/// What an app is started with; the data dir and keyring entries outlive a relaunch (so the
/// next run finds the session and cache the last one left).
pub struct Launch {
    /// The app binary tauri-driver starts: the one cargo built, or one unpacked from a package.
    application: PathBuf,
    pub data_dir: tempfile::TempDir,
    pub keyring_service: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    name: String,
}

/// Launches the app against `server` with its own data dir and keyring service, and waits for
/// the first page Yew renders.
pub async fn launch(server: &str, name: &str) -> App {
    // A short clipboard hold, so the clearing of a copied passcode can be watched.
    launch_with(&["--server", server, "--clipboard-clear-secs", "3"], name).await
}

/// Demo mode (`--demo`): the app starts `ccp-sandbox` (built beside it) and signs in to the
/// demo account.
pub async fn launch_demo(name: &str) -> App {
    launch_with(&["--demo"], name).await
}

/// As a user starts it from the desktop menu: no server on the command line, a fresh data dir.
pub async fn launch_first_run(name: &str) -> App {
    launch_with(&[], name).await
}

async fn launch_with(extra: &[&str], name: &str) -> App {
    launch_with_env(extra, &[], name).await
}

/// Like [`launch_with`], with environment variables for the app (e.g. a dark GTK theme).
pub async fn launch_with_env(extra: &[&str], env: &[(&str, &str)], name: &str) -> App {
    let built = Path::new(env!("CARGO_BIN_EXE_comecomepay-desktop"));
    launch_binary(built, extra, env, name).await
}

/// Like [`launch_with_env`], for another copy of the app binary (the one a package installs).
pub async fn launch_binary(
    application: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
    name: &str,
) -> App {
    launch_in(Launch {
        application: application.to_owned(),
        data_dir: tempfile::tempdir().expect("tempdir"),
        keyring_service: format!("ccp-e2e-{name}-{}", std::process::id()),
        args: extra.iter().copied().map(str::to_owned).collect(),
        env: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        name: name.to_owned(),
    })
    .await
}

/// Starts the app as `launch` says and waits for the first page Yew renders.
async fn launch_in(launch: Launch) -> App {
    require_session();
    let Launch {
        application,
        data_dir,
        keyring_service,
        args,
        env,
        name,
    } = &launch;
    let driver = Driver::start(env);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({
            "application": application,
            "args": args.iter().cloned()
                .chain(["--data-dir".to_owned(), data_dir.path().display().to_string()])
                .chain(["--keyring-service".to_owned(), keyring_service.clone()])
                .collect::<Vec<_>>(),
        }),
    );
    let _ = rustls::crypto::ring::default_provider().install_default();
    let started = Instant::now();
    let client = ClientBuilder::rustls()
        .expect("rustls")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("WebDriver session (the app window)");
    // The page may replace the title's node between WebDriver finding it and handing it back
    // (a re-render as the first data arrives; seen once under load): that is no failure, look
    // again until the deadline.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = client
            .wait()
            .at_most(deadline.saturating_duration_since(Instant::now()))
            .for_element(Locator::Css("#app-title"))
            .await;
        match found {
            Ok(_) => break,
            Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {}
            Err(e) => panic!("the first page rendered: {e:?}"),
        }
    }
    let launched_in = started.elapsed();
    println!(
        "E2E [{name}]: first rendered page {} ms after the app was launched",
        launched_in.as_millis()
    );
    App {
        client,
        launch,
        _driver: driver,
    }
}

impl App {
    /// The text of every element matching `css` (after waiting for the first).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        self.wait_for(css).await;
        let mut texts = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.expect("find") {
            texts.push(el.text().await.expect("text"));
        }
        texts
    }

    /// Quits the app and starts it again with `extra` arguments added (e.g. `--hidden`).
    pub async fn relaunch_with(mut self, extra: &[&str]) -> App {
        self.launch.args.extend(extra.iter().map(|a| a.to_string()));
        self.relaunch().await
    }

    /// Quits the app and starts it again on the same data dir and keyring entries.
    pub async fn relaunch(self) -> App {
        let App {
            client,
            launch,
            _driver,
        } = self;
        let _ = client.close().await;
        drop(_driver);
        launch_in(launch).await
    }

    /// The element's text.
    pub async fn text(&self, css: &str) -> String {
        self.on_element(css, "text", |el| async move { el.text().await })
            .await
    }

    /// Runs `op` on the element, finding it again when the window re-rendered it between
    /// finding and acting (a stale element), as a person would simply look again. `op` starts
    /// over on the new element, so it must be whole on its own (clear *and* type).
    async fn on_element<T, Fut>(
        &self,
        css: &str,
        what: &str,
        op: impl Fn(fantoccini::elements::Element) -> Fut,
    ) -> T
    where
        Fut: std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
    {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match op(self.wait_for(css).await).await {
                Ok(value) => return value,
                Err(e) if Instant::now() < deadline && is_stale(&e) => {
                    tokio::time::sleep(Duration::from_millis(50)).await
                }
                Err(e) => panic!("{what} {css}: {e:?}"),
            }
        }
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + Duration::from_secs(20);
        // WebKitWebDriver reports a stale element when the node it found was replaced by a
        // re-render before it made the handle; that is "not there yet", so look again.
        let found = loop {
            let found = self
                .client
                .wait()
                .at_most(deadline.saturating_duration_since(Instant::now()))
                .for_element(Locator::Css(css))
                .await;
            match found {
                Err(e) if is_stale(&e) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await
                }
                other => break other,
            }
        };
        match found {
            Ok(element) => element,
            Err(e) => {
                // What the window showed instead, for the one who reads the failure.
                let page = match self.client.find(Locator::Css("body")).await {
                    Ok(body) => body.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                let name: String = css.chars().filter(char::is_ascii_alphanumeric).collect();
                let shot = self.screenshot(&format!("failed-{name}")).await;
                panic!(
                    "no element {css}: {e}\nthe page said: {page}\nscreenshot: {}",
                    shot.display()
                )
            }
        }
    }

    pub async fn click(&self, css: &str) {
        self.on_element(css, "click", |el| async move { el.click().await })
            .await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        self.on_element(css, "type into", |el| async move {
            el.clear().await?;
            el.send_keys(text).await
        })
        .await
    }

    /// Replaces an input's text as a user does (select all, type, Enter): unlike `type_into`,
    /// the field is never empty in between (an empty field may mean something).
    pub async fn replace_text(&self, css: &str, text: &str) {
        // WebDriver key codes: Control down, "a", Control up, then the text and Enter.
        let keys = format!("\u{E009}a\u{E009}{text}\u{E007}");
        self.on_element(css, "replace text of", |el| {
            let keys = keys.clone();
            async move { el.send_keys(&keys).await }
        })
        .await
    }

    /// Polls `check` on the page text of `css` until it holds (the UI updates from events).
    pub async fn wait_text(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(&text) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never matched; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// How many `Intl` formatters the page makes in `secs` seconds from now: every
    /// `Intl.*Format` constructed and every `toLocale*String` call (each makes one inside the
    /// engine). WebKit never gives their memory back, so a page that re-renders each second
    /// must reuse the ones it made on its first render.
    pub async fn intl_formatters_made_in(&self, secs: u64) -> u64 {
        let count = r#"
            window.__ccpIntlMade = 0;
            const made = () => { window.__ccpIntlMade += 1; };
            for (const name of ["DateTimeFormat", "NumberFormat", "RelativeTimeFormat", "PluralRules", "ListFormat"]) {
                if (!Intl[name]) continue;
                Intl[name] = new Proxy(Intl[name], {
                    construct(target, args, newTarget) { made(); return Reflect.construct(target, args, newTarget); },
                    apply(target, self, args) { made(); return Reflect.apply(target, self, args); },
                });
            }
            for (const [proto, method] of [[Date.prototype, "toLocaleString"], [Date.prototype, "toLocaleDateString"],
                    [Date.prototype, "toLocaleTimeString"], [Number.prototype, "toLocaleString"]]) {
                const original = proto[method];
                proto[method] = function (...args) { made(); return original.apply(this, args); };
            }
            return true;"#;
        let armed = self
            .client
            .execute(count, vec![])
            .await
            .expect("count Intl");
        assert_eq!(armed, serde_json::Value::Bool(true));
        tokio::time::sleep(Duration::from_secs(secs)).await;
        let made = self
            .client
            .execute("return window.__ccpIntlMade;", vec![])
            .await
            .expect("read the Intl count");
        made.as_u64().expect("a count")
    }

    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // WebKitWebDriver answers "unknown error" with no message when the snapshot is asked
        // for while WebKit is between two paints (seen with several windows starting at once
        // under one Xvfb); the next try, a moment later, gets the picture.
        let mut tries = 0;
        let png = loop {
            match self.client.screenshot().await {
                Ok(png) => break png,
                Err(fantoccini::error::CmdError::Standard(w))
                    if w.error == fantoccini::error::ErrorStatus::UnknownError && tries < 5 =>
                {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("screenshot {name}: {e:?}"),
            }
        };
        assert!(png.starts_with(b"\x89PNG"), "screenshot is a PNG");
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        println!("E2E screenshot: {}", path.display());
        path
    }

    /// Whether an element matching `css` is there right now (no waiting).
    pub async fn has(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// [`App::sign_in`] to the sandbox's demo account.
    pub async fn sign_in_demo(&self) {
        self.sign_in(ccp_sandbox::DEMO_EMAIL, ccp_sandbox::DEMO_PASSWORD)
            .await;
    }

    /// Signs in through the window: e-mail and password, then the e-mailed code.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.type_into("#signin-email", email).await;
        self.type_into("#signin-password", password).await;
        self.click("#signin-submit").await;
        self.type_into("#signin-otp", TEST_OTP).await;
        self.click("#signin-otp-submit").await;
        self.wait_for(".card-tile").await;
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    /// `kill -9` of this app's process, as a crash would end it: found by its own data
    /// directory on its command line (never by name: nothing else of the desktop is touched).
    pub async fn kill(&self) {
        let pid = self.pid();
        // SAFETY: a plain signal to a process this test started.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
        eventually("the killed app is gone", 10, || {
            !std::path::Path::new(&format!("/proc/{pid}/cmdline")).exists()
                || std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c.is_empty())
        })
        .await;
    }

    /// This app's process: found by its own data directory on its command line (never by
    /// name: nothing else of the desktop is touched).
    pub fn pid(&self) -> i32 {
        let data_dir = self.launch.data_dir.path().display().to_string();
        let ours = |pid: &str| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            exe.as_deref() == Some(self.launch.application.as_path())
                && args.contains(&data_dir.as_bytes())
        };
        let pids: Vec<i32> = processes().filter(|pid| ours(&pid.to_string())).collect();
        assert_eq!(pids.len(), 1, "one app process for {data_dir}: {pids:?}");
        pids[0]
    }

    /// How many WebKit web processes this app has (one while its window's page is loaded).
    pub fn web_processes(&self) -> usize {
        let app = self.pid();
        processes()
            .filter(|pid| {
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                // The parent is the 2nd field after the command's closing parenthesis.
                let parent = stat.rsplit_once(") ").and_then(|(_, rest)| {
                    rest.split(' ').nth(1).and_then(|p| p.parse::<i32>().ok())
                });
                let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
                parent == Some(app)
                    && exe
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("WebKitWebProcess"))
            })
            .count()
    }
}

/// Every process id in /proc.
fn processes() -> impl Iterator<Item = i32> {
    std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|e| e.ok()?.file_name().into_string().ok()?.parse().ok())
}

/// A sandbox on a random loopback port with a fixed sign-in code.
pub async fn sandbox() -> ccp_sandbox::Sandbox {
    ccp_sandbox::Sandbox::start(ccp_sandbox::Config {
        otp_fixed: Some(TEST_OTP.into()),
        ..Default::default()
    })
    .await
    .expect("sandbox")
}

/// One notification as the daemon recorded it.
#[derive(Debug, Clone)]
pub struct Notification {
    pub summary: String,
    pub body: String,
}

/// Closes all open notifications (so they move to the history) and reads dunst's history.
pub fn notification_history() -> Vec<Notification> {
    let _ = Command::new("dunstctl").arg("close-all").status();
    let out = Command::new("dunstctl")
        .arg("history")
        .output()
        .expect("dunstctl");
    let json: Value = serde_json::from_slice(&out.stdout).expect("dunstctl history is JSON");
    let field = |n: &Value, k: &str| n[k]["data"].as_str().unwrap_or_default().to_owned();
    json["data"][0]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| Notification {
            summary: field(n, "summary"),
            body: field(n, "body"),
        })
        .collect()
}

/// Waits until a notification whose summary matches arrives.
pub async fn wait_notification(check: impl Fn(&Notification) -> bool) -> Notification {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(n) = notification_history().into_iter().find(|n| check(n)) {
            return n;
        }
        let seen = notification_history();
        assert!(
            Instant::now() < deadline,
            "no matching notification on D-Bus; the daemon saw: {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Whether a window titled `title` is visible on the X display (`xdotool`, as a user sees it).
pub fn window_visible(title: &str) -> bool {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .output()
        .expect("xdotool (scripts/setup.sh installs it)")
        .status
        .success()
}

/// Types keys system-wide, as the user's keyboard would (`xdotool key ctrl+alt+c`).
pub fn press_keys(keys: &str) {
    let status = Command::new("xdotool")
        .args(["key", "--clearmodifiers", keys])
        .status()
        .expect("xdotool");
    assert!(status.success(), "xdotool key {keys}");
}

fn is_stale(e: &fantoccini::error::CmdError) -> bool {
    matches!(e, fantoccini::error::CmdError::Standard(w)
        if w.error == fantoccini::error::ErrorStatus::StaleElementReference)
        || e.to_string().contains("Stale element")
}

/// Answers the system's file dialog titled `title` as a user at the keyboard would: focuses it,
/// replaces the suggested name with `path` (GTK takes a whole path there) and presses Enter.
pub async fn answer_file_dialog(title: &str, path: &std::path::Path) {
    eventually(&format!("a dialog titled {title:?}"), 20, || {
        window_visible(title)
    })
    .await;
    let id = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .output()
        .expect("xdotool");
    let id = String::from_utf8_lossy(&id.stdout)
        .lines()
        .last()
        .expect("the dialog's window")
        .to_owned();
    let run = |args: &[&str]| {
        let status = Command::new("xdotool")
            .args(args)
            .status()
            .expect("xdotool");
        assert!(status.success(), "xdotool {args:?}");
    };
    // GTK maps the dialog before its name field takes keys, so keys sent before the field is
    // ready are lost and nothing says so: like a person whose typing did not land, type again
    // until it closes.
    for _ in 0..3 {
        run(&["windowfocus", "--sync", &id]);
        run(&["key", "--window", &id, "--clearmodifiers", "ctrl+a"]);
        run(&[
            "type",
            "--window",
            &id,
            "--delay",
            "5",
            &path.display().to_string(),
        ]);
        run(&["key", "--window", &id, "--clearmodifiers", "Return"]);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if !window_visible(title) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    panic!("the dialog {title:?} is still open after three answers");
}

/// The X clipboard as another program sees it (`None`: empty or not owned).
pub fn clipboard_text() -> Option<String> {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-o"])
        .output()
        .expect("xclip (scripts/setup.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The test session's notification daemon, as its own command line drives it.
pub fn dunstctl(args: &[&str]) -> String {
    let out = Command::new("dunstctl")
        .args(args)
        .output()
        .expect("dunstctl");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Waits until the daemon shows a notification (its buttons can be clicked only then).
pub async fn notification_on_screen() {
    eventually("a notification is on screen", 30, || {
        dunstctl(&["count", "displayed"])
            .parse::<u32>()
            .unwrap_or(0)
            > 0
    })
    .await;
}

/// Clicks the button of the newest notification whose label contains `label` (the daemon's
/// context menu, answered by the session's stand-in for dmenu: scripts/session.sh).
pub fn click_notification_button(label: &str) {
    let pick = std::env::var("CCP_DMENU_PICK").expect("CCP_DMENU_PICK (scripts/session.sh)");
    std::fs::write(pick, label).expect("the pick file");
    dunstctl(&["context"]);
}

/// The clipboard's content as `target` (`TARGETS` lists the formats on offer), as a clipboard
/// history tool reads it.
pub fn clipboard_as(target: &str) -> String {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-t", target, "-o"])
        .output()
        .expect("xclip (scripts/setup.sh installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits up to `secs` for `check` to hold; fails naming `what` otherwise.
pub async fn eventually(what: &str, secs: u64, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !check() {
        assert!(
            Instant::now() < deadline,
            "never happened within {secs} s: {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The end of a window test: the window closes first, then the server it talked to.
pub async fn finish(app: App, sb: ccp_sandbox::Sandbox) {
    app.close().await;
    sb.shutdown().await;
}

/// Like [`signed_in`], with more arguments after `--server URL` (`extra`) and environment
/// variables for the app.
pub async fn signed_in_with(
    name: &str,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (
    tokio::sync::MutexGuard<'static, ()>,
    ccp_sandbox::Sandbox,
    App,
) {
    let one = SERIAL.lock().await;
    let sb = sandbox().await;
    let url = sb.base_url();
    let args: Vec<&str> = ["--server", url.as_str()]
        .into_iter()
        .chain(extra.iter().copied())
        .collect();
    let app = launch_with_env(&args, env, name).await;
    app.sign_in_demo().await;
    (one, sb, app)
}

/// The common start of a test: the one-window lock, a sandbox, and the app signed in to the
/// demo account through its sign-in page.
pub async fn signed_in(
    name: &str,
) -> (
    tokio::sync::MutexGuard<'static, ()>,
    ccp_sandbox::Sandbox,
    App,
) {
    // The short clipboard hold of [`launch`].
    signed_in_with(name, &["--clipboard-clear-secs", "3"], &[]).await
}
