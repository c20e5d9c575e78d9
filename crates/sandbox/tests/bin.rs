//! The `ccp-sandbox` binary prints its URL first and serves the API there.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn prints_its_url_first_and_serves() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccp-sandbox"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "1",
            "--otp-fixed",
            "13579",
            "--control",
            "false",
        ])
        .arg("--data-dir")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first.trim().to_owned();
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
