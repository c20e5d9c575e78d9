//! The `ccp` binary against a sandbox over real TCP, with the real OS keyring (the test
//! session's gnome-keyring) and a real encrypted cache in a temp data dir.

mod falpay;
// The kill loop kills `ccp` with SIGKILL and tells a kill by its signal: Unix only (on Windows,
// under wine, scripts/windows.sh runs the other tests).
#[cfg(unix)]
mod killloop;
mod potato;
mod shared_session;
mod support;

use ccp_sandbox::{Config, DEMO_EMAIL, DEMO_PASSWORD, InjectPasscode, TEST_OTP};
use serde_json::Value;
use std::process::Stdio;
use support::{Ccp, assert_signed_in, sandbox, sandbox_with, text};

#[tokio::test(flavor = "multi_thread")]
async fn login_cards_freeze_and_exit_codes() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "cards");

    // Not signed in yet: exit 3.
    let out = ccp.exits(3, &["cards"]);
    assert!(text(&out.stderr).contains("ccp login"));

    ccp.login();
    let cards: Value = serde_json::from_str(&ccp.ok(&["--json", "cards"])).unwrap();
    let list = cards["data"].as_array().expect("cards");
    assert!(list.len() >= 3, "{cards}");
    for c in list {
        let digits = c["masked_number"]
            .as_str()
            .unwrap()
            .chars()
            .filter(char::is_ascii_digit)
            .count();
        assert!(digits <= 10, "at most BIN + last 4: {c}");
    }
    assert!(cards["fetched_at"].as_i64().is_some());
    let normal = list
        .iter()
        .find(|c| c["status"] == "normal")
        .expect("a normal card");
    let token = normal["public_token"].as_str().unwrap();

    let human = ccp.ok(&["card", "freeze", token]);
    assert!(human.trim().ends_with("is now frozen."), "{human}");
    let shown: Value = serde_json::from_str(&ccp.ok(&["--json", "card", "show", token])).unwrap();
    assert_eq!(shown["status"], "frozen");
    assert_eq!(
        sb.control()
            .request_counts()
            .await
            .unwrap()
            .get("PUT /api/v1/card/status"),
        Some(&1)
    );

    // Cancelling needs --yes (usage error, nothing sent).
    ccp.exits(2, &["card", "cancel", token]);
    ccp.ok(&["card", "cancel", token, "--yes"]);
    // A cancelled card cannot change again: the server refuses, exit 5 with its message.
    ccp.exits(5, &["card", "unfreeze", token]);

    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_fall_back_to_the_cache_offline() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "offline");
    ccp.login();
    sb.control()
        .inject_3ds(InjectPasscode::code("CLI Books", "050505").paid("12.00", "EUR"))
        .await
        .unwrap();
    let codes = ccp.ok(&["codes"]);
    assert!(
        codes.contains("CLI Books") && codes.contains("050505"),
        "{codes}"
    );
    let online = ccp.ok(&["cards"]);
    sb.shutdown().await;

    // The server is gone: the cached copy, and a note of its age.
    let out = ccp.exits(0, &["cards"]);
    assert_eq!(text(&out.stdout), online);
    assert!(
        text(&out.stderr).contains("showing the copy cached"),
        "{}",
        text(&out.stderr)
    );
    // Actions are refused offline: exit 4.
    let token = online
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    ccp.exits(4, &["card", "freeze", &token]);

    // The cache on disk holds none of the passcodes or card numbers in the clear.
    let bytes = ccp_sandbox::bytes_under(ccp.data_dir.path());
    assert!(!bytes.is_empty());
    let hay = String::from_utf8_lossy(&bytes);
    assert!(
        !hay.contains("050505") && !hay.contains("CLI Books"),
        "plaintext in the cache"
    );
}

/// A service as lenient as the real one: amounts are printed exactly as sent (at least two
/// decimals, never rounded), one that is not a number as its text, and a transaction that
/// cannot be read is skipped and counted on stderr.
#[tokio::test(flavor = "multi_thread")]
async fn transactions_print_exact_amounts_and_count_unreadable_ones() {
    let sb = sandbox_with(Config {
        lenient_bodies: true,
        ..Config::default()
    })
    .await;
    let ccp = Ccp::new(&sb.base_url(), "lenient");
    ccp.login();
    let cards: Value = serde_json::from_str(&ccp.ok(&["--json", "cards"])).unwrap();
    let token = cards["data"][0]["public_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // Balances as exact text: four decimals, sent as numbers or strings.
    let balances: Vec<_> = cards["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["balance"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        balances
            .iter()
            .all(|b| b.split_once('.').is_some_and(|(_, f)| f.len() == 4)),
        "{balances:?}"
    );
    let table = ccp.ok(&["cards"]);
    assert!(table.contains(&balances[0]), "{table}");

    let out = ccp.exits(0, &["transactions", &token, "--limit", "10"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        stderr.contains("ccp: 1 transactions could not be read (skipped)"),
        "{stderr}"
    );
    assert!(stdout.contains(ccp_sandbox::NOT_A_NUMBER), "{stdout}");
    // Four decimals sent as a JSON number are printed as sent.
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let four = stdout.split_whitespace().any(|w| {
        w.trim_start_matches('-')
            .split_once('.')
            .is_some_and(|(whole, f)| digits(whole) && digits(f) && f.len() == 4)
    });
    assert!(four, "{stdout}");

    let json: Value =
        serde_json::from_str(&ccp.ok(&["--json", "transactions", &token, "--limit", "10"]))
            .unwrap();
    assert_eq!(json["data"]["unreadable"], 1, "{json}");
    assert!(
        json["data"]["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["amount"].is_string() || t["amount_unreadable"].is_string()),
        "amounts as exact text: {json}"
    );
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn kyc_start_takes_the_form_as_options_and_refuses_bad_ones() {
    const INIT: &str = "POST /api/v1/didit/initialize-token";
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "kyc");
    ccp.login();

    // The names and phone come from the profile; the address is missing: exit 2, each
    // missing option on its own line, nothing sent.
    let out = ccp.exits(2, &["kyc", "start", "--city", "Hong Kong"]);
    let err = text(&out.stderr);
    assert!(err.contains("ccp: --country is missing\n"), "{err}");
    assert!(err.contains("ccp: --address is missing\n"), "{err}");
    assert!(
        !err.contains("--first-name") && !err.contains("--phone"),
        "{err}"
    );
    assert!(err.contains("KYC was not started"), "{err}");

    // A malformed option is named with what is wrong, not echoed.
    let out = ccp.run(
        &[
            "kyc",
            "start",
            "--country",
            "China",
            "--city",
            "Hong Kong",
            "--address",
            "1 Road",
            "--phone",
            "12ab",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("--country is too long (at most 2 characters)"),
        "{err}"
    );
    assert!(err.contains("--phone must be 4-15 digits"), "{err}");
    assert!(!err.contains("China") && !err.contains("12ab"), "{err}");
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts.get(INIT), None, "nothing was sent");

    // Complete: the page to open, and the record keyed by the client's agent_uid.
    let out = ccp.ok(&[
        "--json",
        "kyc",
        "start",
        "--last-name",
        "Card Holder",
        "--country",
        "hk",
        "--city",
        "Hong Kong",
        "--address",
        "1 Queen's Road Central",
    ]);
    let started: Value = serde_json::from_str(&out).unwrap();
    let url = started["url"].as_str().unwrap();
    assert!(url.starts_with(&sb.base_url()), "{url}");
    let kyc: Value = serde_json::from_str(&ccp.ok(&["--json", "kyc"])).unwrap();
    let latest = &kyc["data"]["status"]["latest_kyc"];
    assert_eq!(latest["status"], "pending_submit", "{kyc}");
    let uid = latest["agent_uid"].as_str().unwrap();
    assert!(uid.starts_with("Demo_Card-Holder_"), "{uid}");
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts.get(INIT), Some(&1));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn watch_prints_each_new_passcode_as_json() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "watch");
    ccp.login();
    let mut child = ccp
        .command(&["--json", "watch"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let injected = sb
        .control()
        .inject_3ds(InjectPasscode::code("Watch Shop", "000123"))
        .await
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        std::io::BufReader::new(stdout)
            .lines()
            .next()
            .unwrap()
            .unwrap()
    });
    let line = tokio::time::timeout(std::time::Duration::from_secs(30), line)
        .await
        .expect("a passcode line within 30 s")
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let p: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(p["id"], injected.id);
    assert_eq!(p["merchant_name"], "Watch Shop");
    assert_eq!(p["passcode"], "000123");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_password_from_stdin_is_kept_byte_for_byte() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "password");
    // A space is part of the password: " pw" is not "pw", and the server refuses it.
    for wrong in [format!(" {DEMO_PASSWORD}"), format!("{DEMO_PASSWORD} ")] {
        let out = ccp.login_with(&format!("{wrong}\n{TEST_OTP}\n"));
        assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
        assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
    }
    // Only the line ending goes, `\r\n` included.
    let out = ccp.login_with(&format!("{DEMO_PASSWORD}\r\n{TEST_OTP}\r\n"));
    assert_signed_in(&out);
    sb.shutdown().await;
}

/// `--all` showed only the newest 50 records (the window's number), though it promises every
/// cached one, expired ones too.
#[tokio::test(flavor = "multi_thread")]
async fn codes_all_lists_every_cached_record() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "all-codes");
    ccp.login();
    sb.control().bulk_3ds(60, None).await.unwrap();
    ccp.ok(&["sync"]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let json: Value = serde_json::from_str(&ccp.ok(args)).unwrap();
        json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect()
    };
    let all = ids(&["--json", "codes", "--all"]);
    assert!(all.len() >= 60, "{} records listed", all.len());
    let mut distinct = all.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), all.len(), "newest first, each once");
    assert!(all.windows(2).all(|w| w[0] > w[1]), "{all:?}");
    assert_eq!(ids(&["--json", "codes", "--all", "--limit", "5"]), all[..5]);
    let human = ccp.ok(&["codes", "--all"]);
    assert!(human.lines().count() >= 60, "{human}");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn messages_are_listed_unread_marked_and_one_is_opened_in_full() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "messages");
    ccp.login();
    let message =
        ccp_sandbox::AddMessage::announcement("Bell\u{7} \u{1b}[31mred", "Line one\nLine two");
    sb.control().add_message(message).await.unwrap();
    let human = ccp.ok(&["messages"]);
    assert!(human.contains("*notification"), "{human}");
    assert!(human.contains("Your card has shipped"), "{human}");
    assert!(human.contains("(4 unread; * marks them)"), "{human}");
    assert!(
        !human.contains('\u{1b}') && !human.contains('\u{7}'),
        "{human:?}"
    );
    let json: Value = serde_json::from_str(&ccp.ok(&["--json", "messages"])).unwrap();
    let id = json["data"]["announcements"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(json["data"]["unread_announcements"], 3);
    let one = ccp.ok(&["messages", "open", "announcement", &id]);
    assert!(one.contains("Line one\nLine two"), "{one}");
    let json: Value = serde_json::from_str(&ccp.ok(&["--json", "messages"])).unwrap();
    assert_eq!(json["data"]["unread_announcements"], 2, "opened, so read");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn server_text_is_printed_without_terminal_controls() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "clean");
    ccp.login();
    let merchant = "\u{1b}]0;pwned\u{7}Evil\u{1b}[31m Shop\r\n\u{9b}2JTail";
    sb.control()
        .inject_3ds(InjectPasscode::code(merchant, "070707"))
        .await
        .unwrap();
    let human = ccp.ok(&["codes"]);
    let line = human
        .lines()
        .find(|l| l.contains("070707"))
        .unwrap_or_else(|| panic!("{human:?}"));
    assert!(line.contains("Evil ShopTail"), "{line:?}");
    assert!(
        !human.chars().any(|c| c.is_control() && c != '\n'),
        "{human:?}"
    );
    // JSON is for programs: the server's text exactly.
    let json: Value = serde_json::from_str(&ccp.ok(&["--json", "codes"])).unwrap();
    let record = json["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["passcode"] == "070707")
        .expect("the injected code");
    assert_eq!(record["merchant_name"], merchant);
    sb.shutdown().await;
}

/// No silent default server: without `--server`, `CCP_SERVER` or a build-time default, `ccp`
/// says how to name one (exit 2). Plain http to another machine only when allowed, and then
/// with a warning on stderr every time.
#[test]
fn the_server_is_named_and_plain_http_is_a_choice_with_a_warning() {
    let unnamed = Ccp::without_server("noserver");
    let ccp = |args: &[&str]| unnamed.run(args, "");
    if option_env!("CCP_DEFAULT_SERVER").is_none() {
        let out = ccp(&["status"]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("--server"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = ccp(&["--server", "http://192.0.2.7:8080", "status"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("plain http"),
        "{}",
        text(&out.stderr)
    );
    let out = ccp(&[
        "--server",
        "http://192.0.2.7:8080",
        "--allow-insecure-http",
        "--json",
        "status",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("warning: plain http to http://192.0.2.7:8080/"),
        "{}",
        text(&out.stderr)
    );
    let status: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(status["signed_in"], false);
}

/// A wrong code can be typed again; an empty line asks for a new one (and, too soon, hears how
/// long to wait); the right one signs in.
#[tokio::test(flavor = "multi_thread")]
async fn login_takes_a_second_try_at_the_code_and_can_ask_for_a_new_one() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "retry-code");
    let out = ccp.login_with(&format!("{DEMO_PASSWORD}\n00000\n\n{TEST_OTP}\n"));
    assert_signed_in(&out);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("That code is not right"), "{stderr}");
    assert!(
        stderr.contains("you can ask for a new one in 0:"),
        "{stderr}"
    );
    sb.shutdown().await;
}

/// `--lang` (or `CCP_LANG`) translates what `ccp` says, tables, labels and failures, and nothing
/// else: the server's text is shown as sent, `--json` is the same in every language, and a
/// failure keeps its exit code.
#[tokio::test(flavor = "multi_thread")]
async fn human_output_follows_lang_and_json_does_not() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "lang");

    // Not signed in, in Indonesian: the hint keeps the command as typed, exit 3.
    let out = ccp.exits(3, &["--lang", "id", "cards"]);
    assert_eq!(
        text(&out.stderr).trim(),
        "ccp: belum masuk: jalankan `ccp login`"
    );

    // A wrong password: the kind of failure in Chinese, then the server's own words; the exit
    // code is the English run's.
    let wrong = |lang: &str| {
        ccp.run(
            &[
                "--lang",
                lang,
                "login",
                "--email",
                DEMO_EMAIL,
                "--password-stdin",
            ],
            "not-the-password\n",
        )
    };
    let (en, zh) = (wrong("en"), wrong("zh"));
    assert_eq!(en.status.code(), Some(3), "{}", text(&en.stderr));
    assert_eq!(zh.status.code(), en.status.code());
    let (en_err, zh_err) = (text(&en.stderr), text(&zh.stderr));
    assert!(
        en_err.starts_with("ccp: Please sign in again. ("),
        "{en_err}"
    );
    assert!(zh_err.starts_with("ccp: 请重新登录。 ("), "{zh_err}");
    // The details in parentheses are the core's and the server's, the same in both.
    let details = |s: &str| s.split_once(" (").map(|(_, d)| d.to_owned());
    assert_eq!(details(&zh_err), details(&en_err));

    let out = ccp.run(
        &[
            "--lang",
            "ar",
            "login",
            "--email",
            DEMO_EMAIL,
            "--password-stdin",
        ],
        &format!("{DEMO_PASSWORD}\n{TEST_OTP}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        format!("تم تسجيل الدخول باسم {DEMO_EMAIL}.")
    );

    // Cards in Chinese: translated titles and statuses (the model's one table), tokens as sent.
    let cards: Value = serde_json::from_str(&ccp.ok(&["--json", "cards"])).unwrap();
    let first = &cards["data"][0];
    let token = first["public_token"].as_str().unwrap();
    let table = ccp.ok(&["--lang", "zh", "cards"]);
    let header = table.lines().next().unwrap();
    for title in ["令牌", "卡号", "卡组织", "币种", "余额", "状态"] {
        assert!(header.contains(title), "{table}");
    }
    assert!(!header.contains("TOKEN"), "{table}");
    let row = table
        .lines()
        .find(|l| l.starts_with(token))
        .expect("the card's row");
    let status = ccp_model::i18n::said(
        ccp_model::i18n::Lang::Zh,
        ccp_model::i18n::Vocabulary::CardStatus,
        first["status"].as_str().unwrap(),
    );
    assert!(
        matches!(status, ccp_model::i18n::Said::Label(_)),
        "{status:?}"
    );
    assert!(row.ends_with(status.text()), "{row}");
    // Columns line up by terminal width: the status column starts at the same place.
    let status_at = |l: &str| {
        let before = &l[..l.rfind(' ').unwrap()];
        before
            .chars()
            .map(|c| {
                if ('\u{2e80}'..='\u{9fff}').contains(&c) {
                    2
                } else {
                    1
                }
            })
            .sum::<usize>()
    };
    assert_eq!(status_at(header), status_at(row), "{table}");

    // Status in Arabic, from the environment.
    let out = ccp
        .command(&["status"])
        .env("CCP_LANG", "ar")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let status = text(&out.stdout);
    for word in ["الخادم", "تسجيل الدخول", "البطاقات", "مخزّنة", "جُلبت"]
    {
        assert!(status.contains(word), "{status}");
    }
    assert!(status.contains(DEMO_EMAIL), "{status}");

    // One card in Indonesian; a confirmation in Chinese.
    let card = ccp.ok(&["--lang", "id", "card", "show", token]);
    assert!(
        card.contains("Jaringan") && card.contains("Mata uang"),
        "{card}"
    );
    let out = ccp.exits(2, &["--lang", "zh", "card", "cancel", token]);
    assert!(
        text(&out.stderr).contains(&format!(
            "注销卡片无法撤销：请运行 `ccp card cancel {token} --yes`"
        )),
        "{}",
        text(&out.stderr)
    );

    // JSON is never translated.
    let show: Vec<String> = ["en", "zh", "ar", "id"]
        .iter()
        .map(|lang| ccp.ok(&["--json", "--lang", lang, "card", "show", token]))
        .collect();
    assert!(show.iter().all(|s| *s == show[0]), "{show:?}");
    let lists: Vec<Value> = ["en", "zh", "ar", "id"]
        .iter()
        .map(|lang| {
            let mut v: Value =
                serde_json::from_str(&ccp.ok(&["--json", "--lang", lang, "cards"])).unwrap();
            v.as_object_mut().unwrap().remove("fetched_at");
            v
        })
        .collect();
    assert!(lists.iter().all(|v| *v == lists[0]), "{lists:?}");
    sb.shutdown().await;
}

/// "Unfreeze for one checkout" from the command line: the deadline outlives the command, the
/// next command after it freezes the card again and says so; a failed freeze keeps the
/// deadline, says why, and the command after that freezes it.
#[tokio::test(flavor = "multi_thread")]
async fn unfreeze_for_a_while_is_frozen_again_by_the_next_command() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "unfreeze-for");
    ccp.login();
    let cards: Value = serde_json::from_str(&ccp.ok(&["--json", "cards"])).unwrap();
    let frozen = cards["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "frozen")
        .expect("a frozen demo card");
    let token = frozen["public_token"].as_str().unwrap().to_owned();
    let status = |ccp: &Ccp| -> Value {
        let shown: Value =
            serde_json::from_str(&ccp.ok(&["--json", "card", "show", &token])).unwrap();
        shown["status"].clone()
    };

    let out = ccp.ok(&["card", "unfreeze", &token, "--for", "2s"]);
    assert!(out.contains("is unfrozen for 0:02"), "{out}");
    assert_eq!(status(&ccp), "normal");
    let deadlines = std::fs::read_to_string(ccp.session_dir().join("refreeze.json")).unwrap();
    assert!(deadlines.contains(&token), "{deadlines}");

    // The server refuses the first freeze: the deadline stays and the reason is said.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    sb.control()
        .fault(ccp_sandbox::FaultSpec {
            path: Some("/api/v1/card/status".into()),
            method: Some("PUT".into()),
            status: Some(503),
            count: Some(1),
            ..ccp_sandbox::FaultSpec::new(ccp_sandbox::FaultKind::Status)
        })
        .await
        .unwrap();
    let out = ccp.run(&["status"], "");
    let err = text(&out.stderr);
    assert!(
        err.contains("could not freeze card") && err.contains("tried again"),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(ccp.session_dir().join("refreeze.json"))
            .unwrap()
            .contains(&token)
    );

    let out = ccp.run(&["status"], "");
    let err = text(&out.stderr);
    assert!(
        err.contains("is frozen again: its unfreeze time ended"),
        "{err}"
    );
    assert_eq!(status(&ccp), "frozen");
    let deadlines = std::fs::read_to_string(ccp.session_dir().join("refreeze.json")).unwrap();
    assert!(!deadlines.contains(&token), "{deadlines}");

    // Bounds: no zero, nothing past an hour.
    for bad in ["0s", "2h"] {
        let out = ccp.run(&["card", "unfreeze", &token, "--for", bad], "");
        assert_ne!(out.status.code(), Some(0), "{bad}");
    }
    assert_eq!(status(&ccp), "frozen");
}

/// "Wasn't me" from the command line: asks for --yes, then every active card is frozen.
#[tokio::test(flavor = "multi_thread")]
async fn freeze_all_freezes_every_active_card() {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), "freeze-all");
    ccp.login();
    let out = ccp.exits(2, &["card", "freeze-all"]);
    assert!(text(&out.stderr).contains("--yes"));
    let before: Value = serde_json::from_str(&ccp.ok(&["--json", "cards"])).unwrap();
    let active = before["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "normal" || c["status"] == "active")
        .count();
    assert!(active >= 1, "{before}");

    let report: Value =
        serde_json::from_str(&ccp.ok(&["--json", "card", "freeze-all", "--yes"])).unwrap();
    assert_eq!(
        report["frozen"].as_array().unwrap().len(),
        active,
        "{report}"
    );
    assert!(report["failed"].as_array().unwrap().is_empty());
    let after: Value = serde_json::from_str(&ccp.ok(&["--json", "cards"])).unwrap();
    assert!(
        after["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] != "normal" && c["status"] != "active"),
        "{after}"
    );
    let human = ccp.ok(&["card", "freeze-all", "--yes"]);
    assert!(human.contains("No active card to freeze."), "{human}");
}

/// `ccp browser install|uninstall`: the host's manifest where each browser looks (under a
/// throw-away HOME here), naming the host and only our extension; a missing host is refused.
#[test]
fn browser_install_writes_the_manifests_and_uninstall_removes_them() {
    let home = tempfile::tempdir().unwrap();
    let ccp = Ccp::without_server("browser").env("HOME", &home.path().display().to_string());
    let host = env!("CARGO_BIN_EXE_ccp"); // any existing file stands in for the host here
    let out = ccp.run(
        &[
            "browser",
            "install",
            "--host",
            "/nonexistent/ccp-browser-host",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--host"));

    // One line per browser, "Browser: manifest" and nothing else: under wine `reg.exe`'s own
    // "The operation completed successfully." came through, one for each key it wrote.
    let out = ccp.ok(&["browser", "install", "--host", host]);
    assert_eq!(out.lines().count(), 4, "{out}");
    let written = |browser: &str| -> std::path::PathBuf {
        let prefix = format!("{browser}: ");
        out.lines()
            .find_map(|line| line.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no {browser} line in {out}"))
            .into()
    };
    let (chromium, firefox) = (written("Chromium"), written("Firefox"));
    // Windows keeps the manifests in one folder of ours that the registry points at.
    if cfg!(not(windows)) {
        assert_eq!(
            chromium,
            home.path()
                .join(".config/chromium/NativeMessagingHosts/com.comecomepay.desktop.json")
        );
        assert_eq!(
            firefox,
            home.path()
                .join(".mozilla/native-messaging-hosts/com.comecomepay.desktop.json")
        );
    }
    let manifest: Value = serde_json::from_slice(&std::fs::read(&chromium).unwrap()).unwrap();
    // The host by its absolute path (on Windows a drive path: `Z:\…` under wine).
    let named = std::path::Path::new(manifest["path"].as_str().unwrap());
    assert_eq!(
        std::fs::canonicalize(named).unwrap(),
        std::fs::canonicalize(host).unwrap()
    );
    assert_eq!(manifest["type"], "stdio");
    assert_eq!(
        manifest["allowed_origins"],
        serde_json::json!(ccp_model::browser::CHROMIUM_ORIGINS)
    );
    let manifest: Value = serde_json::from_slice(&std::fs::read(&firefox).unwrap()).unwrap();
    assert_eq!(
        manifest["allowed_extensions"],
        serde_json::json!(ccp_model::browser::FIREFOX_IDS)
    );

    // A profile of its own (as the tests' browsers use): one browser, into that directory.
    let profile = tempfile::tempdir().unwrap();
    let dir = profile.path().display().to_string();
    assert_eq!(
        ccp.run(&["browser", "install", "--dir", &dir, "--host", host], "")
            .status
            .code(),
        Some(2)
    );
    ccp.ok(&[
        "browser",
        "install",
        "--browser",
        "chromium",
        "--dir",
        &dir,
        "--host",
        host,
    ]);
    assert!(
        profile
            .path()
            .join("com.comecomepay.desktop.json")
            .is_file()
    );

    let out = ccp.ok(&["browser", "uninstall", "--host", host]);
    assert!(out.contains("removed"), "{out}");
    assert!(!chromium.exists() && !firefox.exists());
    let out = ccp.ok(&["browser", "uninstall", "--host", host]);
    assert!(out.contains("nothing to remove"), "{out}");
}
