//! `ccp keys …` against the sandbox's Potato Cloud methods, with the test session's keyring.

use crate::support::{Ccp, sandbox, text};
use ccp_sandbox::{POTATO_ASK_KEY, POTATO_PASSWORD, POTATO_USER_NUMBER};
use serde_json::Value;

fn keys<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["keys"];
    all.extend_from_slice(args);
    all
}

#[tokio::test(flavor = "multi_thread")]
async fn setup_login_generate_list_verify_and_logout() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "potato").args(&["--potato-server", &sb.base_url()]);

    // No askKey yet: a usage error naming the way to give one.
    let out = ccp.exits(2, &keys(&["list"]));
    assert!(
        text(&out.stderr).contains("ccp keys setup"),
        "{}",
        text(&out.stderr)
    );
    // Plain http to another machine is refused.
    let elsewhere =
        Ccp::new(&sb.base_url(), "potato-http").args(&["--potato-server", "http://example.com"]);
    elsewhere.exits(2, &keys(&["list"]));

    let out = ccp.run(
        &keys(&["setup", "--stdin"]),
        &format!("{POTATO_ASK_KEY}\n\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("signing off"),
        "{}",
        text(&out.stdout)
    );

    // Not signed in: exit 3, nothing sent.
    let out = ccp.exits(3, &keys(&["generate", "--type", "day"]));
    assert!(text(&out.stderr).contains("ccp keys login"));

    let out = ccp.run(
        &keys(&["login", "--user", POTATO_USER_NUMBER, "--password-stdin"]),
        &format!("{POTATO_PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        format!("Signed in to Potato Cloud as {POTATO_USER_NUMBER}.")
    );

    // 0 and 11 are refused before sending: exit 2.
    for n in ["0", "11"] {
        ccp.exits(2, &keys(&["generate", "--type", "month", "--count", n]));
    }
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts.get("POST /api/createCardMy"), None);

    let made: Value = serde_json::from_str(&ccp.ok(&[
        "--json", "keys", "generate", "--type", "month", "--count", "3",
    ]))
    .unwrap();
    let made = made.as_array().unwrap();
    assert_eq!(made.len(), 3);
    assert_eq!(made[0]["key_type"], "month");
    let card = made[0]["card"].as_str().unwrap().to_owned();
    let human = ccp.ok(&keys(&["generate", "--type", "year"]));
    assert!(
        human.contains("year") && human.contains("unused"),
        "{human}"
    );

    let page: Value =
        serde_json::from_str(&ccp.ok(&["--json", "keys", "list", "--unused"])).unwrap();
    assert_eq!(page["keys"].as_array().unwrap().len(), 4);
    assert_eq!(page["total"], 4);

    // The key never on the command line (every user sees the process list): argument refused,
    // stdin read.
    let refused = ccp.run(&["keys", "verify", &card], "");
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    let verified = |args: &[&str]| {
        let out = ccp.run(args, &format!("{card}\n"));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let v: Value = serde_json::from_str(&verified(&["--json", "keys", "verify"])).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["key_type"], "month");
    // The same installation (same data dir, same device id) again: still valid.
    let human = verified(&keys(&["verify"]));
    assert!(
        human.starts_with("Valid month key, valid until "),
        "{human}"
    );
    let id = std::fs::read_to_string(ccp.data_dir.path().join(ccp_potato::DEVICE_ID_FILE)).unwrap();
    assert_eq!(id.trim().len(), 32);
    // Another installation: refused by the service, exit 5.
    let other = tempfile::tempdir().unwrap();
    let mut cmd = ccp.command(&keys(&["verify"]));
    let mut child = cmd.env("CCP_DATA_DIR", other.path()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, format!("{card}\n").as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("another device"),
        "{}",
        text(&out.stderr)
    );

    let used = ccp.ok(&keys(&["list", "--used"]));
    assert_eq!(used.lines().count(), 1, "{used}");

    // The environment overrides the keyring's askKey.
    let mut cmd = ccp.command(&keys(&["list"]));
    let out = cmd.env("CCP_POTATO_ASK_KEY", "wrong-key").output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("askKey"),
        "{}",
        text(&out.stderr)
    );
    assert!(!text(&out.stderr).contains("wrong-key"));

    // The token expired on the service: "sign in again", and it is forgotten.
    sb.control().potato_expire_tokens().await.unwrap();
    let out = ccp.exits(3, &keys(&["list"]));
    assert!(
        text(&out.stderr).contains("sign in again"),
        "{}",
        text(&out.stderr)
    );
    let out = ccp.run(&keys(&["list"]), "");
    assert!(text(&out.stderr).contains("not signed in to Potato Cloud"));

    ccp.ok(&keys(&["logout"]));
    sb.shutdown().await;
}
