//! The extension in Debian's Chromium (over chromedriver) and Firefox ESR (over geckodriver),
//! headless, with the real host and the sandbox: a merchant page on 127.0.0.1 frames a bank's
//! challenge page on 127.0.0.2 (another site, so its own process, as in production); only that
//! origin is granted.

use super::World;
use ccp_model::browser::{Browser, HOST_NAME, host_manifest};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const CHROMIUM: &str = "/usr/lib/chromium/chromium";
const FIREFOX: &str = "/usr/lib/firefox-esr/firefox-esr";

/// A tiny web server: `/` frames `/challenge` of `acs` with the query passed through;
/// `/challenge` is a bank's challenge page for the `merchant` and `amount` in the query.
async fn pages(ip: &str, acs: Option<SocketAddr>) -> SocketAddr {
    let listener = TcpListener::bind((ip, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let n = stream.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]);
                let target = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (path, query) = target.split_once('?').unwrap_or((&target, ""));
                let body = match (path, acs) {
                    ("/", Some(acs)) => format!(
                        "<!doctype html><title>Checkout</title><h1>Axe Books checkout</h1>\
                         <iframe id=challenge width=600 height=400 src=\"http://{acs}/challenge?{query}\"></iframe>"
                    ),
                    _ => challenge(query),
                };
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
            });
        }
    });
    addr
}

fn challenge(query: &str) -> String {
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .map(|v| v.replace("%20", " ").replace("%24", "$"))
            .unwrap_or_default()
    };
    format!(
        "<!doctype html><title>Verify</title><h2>Verify your payment</h2>\
         <p>Merchant: {}</p><p>Amount: {}</p>\
         <form id=f onsubmit=\"document.title='submitted'; return false\">\
         <label for=otp>Verification code</label>\
         <input id=otp name=otp autocomplete=one-time-code inputmode=numeric maxlength=6>\
         <button type=submit>Submit</button></form>",
        param("merchant"),
        param("amount")
    )
}

/// A browser session with the extension loaded; what it started goes when it is dropped.
struct Session {
    client: Client,
    _driver: tokio::process::Child,
    _dirs: Vec<tempfile::TempDir>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The driver, with the test's server, data directory and keyring session in its environment
/// (the browser, and so the host it starts, inherit them).
fn driver(world: &World, program: &str, port: u16, home: Option<&Path>) -> tokio::process::Child {
    let mut cmd = tokio::process::Command::new(program);
    cmd.arg(format!("--port={port}"))
        .env("CCP_SERVER", world.sb.base_url())
        .env("CCP_DATA_DIR", world.dir.path())
        .env("CCP_KEYRING_SERVICE", &world.service)
        .kill_on_drop(true);
    // The browser's console (the extension's errors included) for whoever reads a failure.
    match std::env::var_os("CCP_BROWSER_LOG") {
        Some(log) => {
            let file = std::fs::File::create(log).unwrap();
            cmd.stdout(file.try_clone().unwrap()).stderr(file);
        }
        None => {
            cmd.stdout(Stdio::null()).stderr(Stdio::null());
        }
    }
    if let Some(home) = home {
        // Firefox reads host manifests from $HOME/.mozilla/native-messaging-hosts.
        cmd.env("HOME", home);
    }
    cmd.spawn()
        .unwrap_or_else(|e| panic!("{program} (scripts/setup.sh installs it): {e}"))
}

async fn connect(port: u16, caps: serde_json::Map<String, serde_json::Value>) -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let started = Instant::now();
    loop {
        let attempt = ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(c) => return c,
            Err(_) if started.elapsed() < Duration::from_secs(30) => {
                tokio::time::sleep(Duration::from_millis(200)).await
            }
            Err(e) => panic!("WebDriver session: {e}"),
        }
    }
}

fn write_host_manifest(dir: &Path, browser: Browser) {
    std::fs::create_dir_all(dir).unwrap();
    let manifest = host_manifest(browser, env!("CARGO_BIN_EXE_ccp-browser-host"));
    std::fs::write(
        dir.join(format!("{HOST_NAME}.json")),
        serde_json::to_vec(&manifest).unwrap(),
    )
    .unwrap();
}

async fn chromium(world: &World, extension: &Path) -> Session {
    let profile = tempfile::tempdir().unwrap();
    write_host_manifest(
        &profile.path().join("NativeMessagingHosts"),
        Browser::Chromium,
    );
    let port = free_port();
    let driver = driver(world, "chromedriver", port, None);
    let ext = extension.join("chromium").display().to_string();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                format!("--user-data-dir={}", profile.path().display()),
                format!("--load-extension={ext}"),
                format!("--disable-extensions-except={ext}"),
            ],
        }),
    );
    Session {
        client: connect(port, caps).await,
        _driver: driver,
        _dirs: vec![profile],
    }
}

/// geckodriver's own command: an unsigned add-on, loaded temporarily (as `about:debugging`).
#[derive(Debug)]
struct InstallAddon(PathBuf);

impl fantoccini::wd::WebDriverCompatibleCommand for InstallAddon {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/moz/addon/install",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"path": self.0, "temporary": true}).to_string();
        (http::Method::POST, Some(body))
    }
}

async fn firefox(world: &World, extension: &Path) -> Session {
    let home = tempfile::tempdir().unwrap();
    write_host_manifest(
        &home.path().join(".mozilla/native-messaging-hosts"),
        Browser::Firefox,
    );
    let port = free_port();
    let driver = driver(world, "geckodriver", port, Some(home.path()));
    let mut caps = serde_json::Map::new();
    caps.insert(
        "moz:firefoxOptions".into(),
        json!({
            "binary": FIREFOX,
            "args": ["-headless"],
            "prefs": {
                "devtools.console.stdout.chrome": true,
                "devtools.console.stdout.content": true,
            },
        }),
    );
    let client = connect(port, caps).await;
    client
        .issue_cmd(InstallAddon(extension.join("firefox")))
        .await
        .expect("the add-on installs");
    Session {
        client,
        _driver: driver,
        _dirs: vec![home],
    }
}

fn build_extension(out: &Path) -> PathBuf {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../browser/build.mjs");
    let status = std::process::Command::new("node")
        .arg(script)
        .arg(out)
        .args(["--test", "http://127.0.0.2"])
        .stdout(Stdio::null())
        .status()
        .expect("node");
    assert!(status.success());
    out.to_owned()
}

/// The chip's text in the current frame, once it is there (`None` after `secs`).
async fn chip_text(client: &Client, secs: u64) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let text = client
            .execute(
                "const c = document.querySelector('ccp-companion-chip'); return c ? c.shadowRoot.textContent : null;",
                vec![],
            )
            .await
            .unwrap();
        if let Some(t) = text.as_str() {
            return Some(t.to_owned());
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn field(client: &Client) -> String {
    let v = client
        .execute("return document.querySelector('#otp').value", vec![])
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// Opens the checkout framing `acs` for this payment, and enters the challenge frame.
async fn checkout(client: &Client, merchant: SocketAddr, amount: &str) {
    client
        .goto(&format!(
            "http://{merchant}/?merchant=Axe%20Books&amount={}",
            amount.replace('$', "%24")
        ))
        .await
        .unwrap();
    let frame = client
        .wait()
        .for_element(Locator::Css("#challenge"))
        .await
        .unwrap();
    frame.enter_frame().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("#otp"))
        .await
        .unwrap();
}

/// One browser at a time: the scenario measures the watch's latency, and two browsers on a
/// two-core machine measure each other (a run with both at once once missed the 10 s bound).
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread")]
async fn in_chromium_the_chip_names_our_record_and_fills_the_code_only_on_a_click() {
    let _one = ONE_BROWSER.lock().await;
    let world = World::new("chromium").await;
    let build = tempfile::tempdir().unwrap();
    let extension = build_extension(build.path());
    let browser = chromium(&world, &extension).await;
    the_chip_names_our_record_and_fills_the_code_only_on_a_click(&world, browser, "chromium").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn in_firefox_the_chip_names_our_record_and_fills_the_code_only_on_a_click() {
    let _one = ONE_BROWSER.lock().await;
    let world = World::new("firefox").await;
    let build = tempfile::tempdir().unwrap();
    let extension = build_extension(build.path());
    let browser = firefox(&world, &extension).await;
    the_chip_names_our_record_and_fills_the_code_only_on_a_click(&world, browser, "firefox").await;
}

async fn the_chip_names_our_record_and_fills_the_code_only_on_a_click(
    world: &World,
    browser: Session,
    name: &str,
) {
    let core = world.sign_in().await;
    let acs = pages("127.0.0.2", None).await;
    let merchant = pages("127.0.0.1", Some(acs)).await;
    let clone = pages("127.0.0.3", None).await;
    let merchant_to_clone = pages("127.0.0.1", Some(clone)).await;
    let c = &browser.client;

    // An expired record of the same payment is nothing to offer.
    let twenty_minutes_ago = time::OffsetDateTime::now_utc() - time::Duration::minutes(20);
    world
        .sb
        .control()
        .inject_3ds(ccp_sandbox::InjectPasscode {
            merchant_name: Some("Axe Books".into()),
            amount: Some("52.95".into()),
            currency: Some("USD".into()),
            passcode: Some("999999".into()),
            received_at: Some(
                twenty_minutes_ago
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap(),
            ),
            ..Default::default()
        })
        .await
        .unwrap();
    // Opened before the code comes: the chip appears when it does (the host's watch).
    checkout(c, merchant, "US$52.95").await;
    assert_eq!(
        chip_text(c, 2).await,
        None,
        "an expired record offers nothing"
    );
    let injected = Instant::now();
    world.inject("Axe Books", "52.95", "271828").await;
    let text = chip_text(c, 15)
        .await
        .expect("a chip in the challenge frame");
    println!(
        "BROWSER [{name}] chip after the injection: {} ms",
        injected.elapsed().as_millis()
    );
    assert!(
        text.contains("Axe Books") && text.contains("USD 52.95") && text.contains('✓'),
        "{text}"
    );
    assert_eq!(field(c).await, "", "nothing filled before the click");
    // The chip is not in the merchant's own page.
    c.enter_parent_frame().await.unwrap();
    assert_eq!(chip_text(c, 0).await, None);
    c.enter_frame(0).await.unwrap();

    // A page's own script "clicking" the chip is not the cardholder: nothing is filled.
    tokio::time::sleep(Duration::from_millis(600)).await;
    c.execute(
        "document.querySelector('ccp-companion-chip').shadowRoot.querySelector('button').click()",
        vec![],
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(field(c).await, "", "an untrusted click fills nothing");
    if let Some(dir) = std::env::var_os("CCP_E2E_ARTIFACTS") {
        c.enter_parent_frame().await.unwrap();
        let png = c.screenshot().await.unwrap();
        std::fs::write(
            Path::new(&dir).join(format!("browser-chip-{name}.png")),
            png,
        )
        .unwrap();
        c.enter_frame(0).await.unwrap();
    }
    c.find(Locator::Css("ccp-companion-chip"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while field(c).await != "271828" {
        assert!(Instant::now() < deadline, "the code was not filled");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_ne!(c.title().await.unwrap(), "submitted", "never submitted");

    // Another amount: a warning, no code.
    checkout(c, merchant, "US$59.95").await;
    let text = chip_text(c, 15).await.expect("a warning chip");
    assert!(text.contains('⚠') && text.contains("USD 52.95"), "{text}");
    assert_eq!(field(c).await, "");

    // Two pending records for this payment: a choice, never a guess.
    world.inject("Axe Books", "52.95", "314159").await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    checkout(c, merchant, "US$52.95").await;
    let text = chip_text(c, 15).await.expect("a chooser");
    assert!(text.contains("choose"), "{text}");
    let choices = c
        .execute(
            "return document.querySelector('ccp-companion-chip').shadowRoot.querySelectorAll('button[data-record]').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(choices.as_u64(), Some(2));
    assert_eq!(field(c).await, "");

    // The watch, measured: a fresh checkout waits, a record for it arrives, the chip follows
    // (the number is printed; the goal, p95 ≤ 1.5 s, is read from it, not asserted on a
    // shared CI machine).
    let mut waits = Vec::new();
    for n in 0..20 {
        let amount = format!("{}.{:02}", 10 + n, n);
        checkout(c, merchant, &format!("US${amount}")).await;
        let injected = Instant::now();
        world.inject("Axe Books", &amount, "123456").await;
        // Other records are live, so the chip first warns; it turns when this one comes.
        let wanted = format!("USD {amount} ✓");
        loop {
            let text = chip_text(c, 10).await.unwrap_or_default();
            if text.contains(&wanted) {
                break;
            }
            assert!(injected.elapsed() < Duration::from_secs(10), "{text}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        waits.push(injected.elapsed());
    }
    waits.sort();
    println!(
        "BROWSER [{name}] watch → chip over 20: median {} ms, p95 {} ms, max {} ms",
        waits[9].as_millis(),
        waits[18].as_millis(),
        waits[19].as_millis()
    );

    // The same page on an origin nobody granted: nothing at all.
    checkout(c, merchant_to_clone, "US$52.95").await;
    assert_eq!(chip_text(c, 3).await, None);
    assert_eq!(field(c).await, "");

    browser.client.close().await.unwrap();
    core.logout().await.unwrap();
}
