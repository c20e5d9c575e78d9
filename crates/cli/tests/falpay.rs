//! `ccp falpay …` against the sandbox's FalPay token endpoint over TCP: the token's scope and
//! seconds left (the token only with --show), credentials from the environment or the keyring
//! (`ccp falpay login`), never from the command line.

use crate::support::{Ccp, require_test_session, sandbox, text};
use ccp_sandbox::{FALPAY_CLIENT_ID, FALPAY_CLIENT_SECRET, Sandbox};
use serde_json::Value;

/// `ccp falpay …` on the sandbox.
fn falpay(sb: &Sandbox, name: &str) -> Ccp {
    Ccp::falpay(Some(&sb.base_url()), name)
}

/// The client credentials from the environment, with this secret.
fn env_credentials(ccp: Ccp, secret: &str) -> Ccp {
    ccp.env("CCP_FALPAY_CLIENT_ID", FALPAY_CLIENT_ID)
        .env("CCP_FALPAY_CLIENT_SECRET", secret)
}

fn seconds_left(human: &str) -> u64 {
    human
        .lines()
        .find_map(|l| l.strip_prefix("Seconds left"))
        .expect("a seconds-left line")
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn token_prints_scope_and_seconds_left_and_the_token_only_when_asked() {
    let sb = sandbox().await;
    let ccp = env_credentials(falpay(&sb, "token"), FALPAY_CLIENT_SECRET);
    let human = ccp.ok(&["token"]);
    assert!(human.contains("Scope         default"), "{human}");
    assert!((55..=60).contains(&seconds_left(&human)), "{human}");
    assert!(human.contains("Credentials   environment"), "{human}");
    assert!(!human.contains("fp_"), "no token without --show: {human}");
    assert!(!human.contains(FALPAY_CLIENT_SECRET));

    let shown = ccp.ok(&["token", "--show"]);
    let token_line = shown
        .lines()
        .find_map(|l| l.strip_prefix("Token"))
        .expect("a token line");
    assert!(token_line.trim().starts_with("fp_"), "{shown}");

    let v: Value = serde_json::from_str(&ccp.ok(&["--json", "token"])).unwrap();
    assert_eq!(v["scope"], "default");
    assert_eq!(v["token_type"], "bearer");
    assert!(
        (55..=60).contains(&v["seconds_left"].as_u64().unwrap()),
        "{v}"
    );
    assert!(v.get("access_token").is_none(), "{v}");
    let v: Value = serde_json::from_str(&ccp.ok(&["--json", "token", "--show"])).unwrap();
    assert!(v["access_token"].as_str().unwrap().starts_with("fp_"));

    // The server as an option instead of the environment variable.
    let by_option = env_credentials(Ccp::falpay(None, "token"), FALPAY_CLIENT_SECRET);
    by_option.exits(0, &["--falpay-server", &sb.base_url(), "token"]);
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts["POST /api/open/auth/token"], 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_secret_exits_3_with_a_clear_message_and_no_secret() {
    let sb = sandbox().await;
    let wrong = "not-the-secret";
    let out = env_credentials(falpay(&sb, "refused"), wrong).run(&["token"], "");
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.contains("FalPay refused the client credentials")
            && err.contains("check the client id and secret"),
        "{err}"
    );
    assert!(
        !err.contains(wrong) && text(&out.stdout).is_empty(),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn login_stores_the_credentials_in_the_keyring_after_the_server_accepts_them() {
    require_test_session();
    let sb = sandbox().await;
    let ccp = falpay(&sb, "login");

    // Nothing stored, nothing in the environment: exit 3, naming both ways.
    let out = ccp.exits(3, &["token"]);
    let err = text(&out.stderr);
    assert!(
        err.contains("ccp falpay login") && err.contains("CCP_FALPAY_CLIENT_SECRET"),
        "{err}"
    );

    // A wrong secret is refused and not stored.
    let out = ccp.run(&["login"], &format!("{FALPAY_CLIENT_ID}\nwrong\n"));
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert_eq!(ccp.run(&["token"], "").status.code(), Some(3));

    let out = ccp.run(
        &["login"],
        &format!("{FALPAY_CLIENT_ID}\n{FALPAY_CLIENT_SECRET}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("FalPay accepted client") && said.contains(&ccp.service));
    assert!(!said.contains(FALPAY_CLIENT_SECRET), "{said}");

    let human = ccp.ok(&["token"]);
    assert!(human.contains("Credentials   keyring"), "{human}");
    assert!(human.contains("Scope         default"), "{human}");

    // The environment wins over the keyring (here: a wrong secret, so it shows).
    let env = env_credentials(falpay(&sb, "login"), "wrong");
    assert_eq!(env.run(&["token"], "").status.code(), Some(3));

    let out = ccp.ok(&["logout"]);
    assert!(out.contains("deleted from the keyring"), "{out}");
    assert_eq!(ccp.run(&["token"], "").status.code(), Some(3));
}

#[test]
fn the_server_is_required_and_plain_http_only_to_this_machine() {
    let run = |args: &[&str], server: Option<&str>| {
        let ccp = Ccp::falpay(server, "noserver")
            .env("CCP_FALPAY_CLIENT_ID", "1")
            .env("CCP_FALPAY_CLIENT_SECRET", "s");
        ccp.run(args, "")
    };
    let out = run(&["token"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--falpay-server"));
    let out = run(&["token"], Some("http://falpay.example"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("plain http"),
        "{}",
        text(&out.stderr)
    );
    // A secret is never a command-line value.
    let out = run(
        &["token", "--client-secret", "s"],
        Some("https://x.example"),
    );
    assert_eq!(out.status.code(), Some(2));
}
