//! The `ccp-sandbox` binary prints its URL first and serves the API there.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Starts the binary with `args` and its data in `dir`; returns it and the URL it printed.
fn start(args: &[&str], dir: &Path, stdin: Stdio) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccp-sandbox"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    (child, first.trim().to_owned())
}

#[tokio::test]
async fn prints_its_url_first_and_serves() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--listen",
        "127.0.0.1:0",
        "--seed",
        "1",
        "--otp-fixed",
        "13579",
        "--control",
        "false",
    ];
    let (mut child, url) = start(&args, dir.path(), Stdio::null());
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let r = http
        .get(format!("{url}/api/v1/app-version?platform=android"))
        .send()
        .await;
    let control = http.get(format!("{url}/sandbox/requests")).send().await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let body: serde_json::Value = r.unwrap().json().await.unwrap();
    assert_eq!(body["data"]["platform"], "android");
    assert_eq!(control.unwrap().status(), 404, "--control false");
    assert!(dir.path().join("sandbox.sqlite3").exists());
}

#[test]
fn refuses_a_bad_otp() {
    let out = Command::new(env!("CARGO_BIN_EXE_ccp-sandbox"))
        .args(["--otp-fixed", "12a"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--otp-fixed must be digits"));
}

/// The desktop app starts its demo server with `--exit-with-stdin` and holds the pipe: when
/// the app closes it (leaving the demo) or dies (the kernel closes it), the server stops by
/// itself, cleanly, and its port is free.
#[tokio::test]
async fn ends_when_its_standard_input_closes() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--control", "false", "--exit-with-stdin"];
    let (mut child, url) = start(&args, dir.path(), Stdio::piped());
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let version = format!("{url}/api/v1/app-version?platform=android");
    assert_eq!(http.get(&version).send().await.unwrap().status(), 200);

    drop(child.stdin.take());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the sandbox still runs 10 s after its standard input closed");
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert!(status.success(), "{status}");
    assert!(
        http.get(&version).send().await.is_err(),
        "nothing listens at {url} any more"
    );
}
