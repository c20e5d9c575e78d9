//! End-to-end: the real app binary in a real WebKitGTK window (Xvfb), driven over WebDriver,
//! against a sandbox over real TCP, with a real notification daemon on D-Bus.

use crate::support::*;

#[tokio::test(flavor = "multi_thread")]
async fn window_renders_signs_in_and_freezes_a_card() {
    let _one = SERIAL.lock().await;
    let sb = sandbox().await;
    let app = launch(&sb.base_url(), "cards").await;

    assert_eq!(app.text("#app-title").await, "ComeComePay");
    // Rendered from the `app_info` command's answer (a ccp-model type).
    let version = app.text("#app-version").await;
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");

    app.sign_in_demo().await;
    let numbers = app.texts(".card-tile .card-number").await;
    assert!(numbers.len() >= 3, "the demo account has several cards");
    for text in &numbers {
        let digits = text.chars().filter(char::is_ascii_digit).count();
        assert!(digits <= 10, "at most BIN + last 4 shown: {text}");
    }

    // Freeze the first normal card: the status comes back from the Rust command.
    let tile = app.wait_for(".card-tile:has(.card-freeze)").await;
    let token = tile.attr("data-token").await.unwrap().expect("data-token");
    tile.find(fantoccini::Locator::Css(".card-freeze"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let status = app
        .wait_text(
            &format!(".card-tile[data-token='{token}'] .card-status"),
            |t| t.to_lowercase().contains("frozen"),
        )
        .await;
    assert!(status.to_lowercase().contains("frozen"));
    // The server agrees: the cache was updated from its answer.
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("PUT /api/v1/card/status"),
        Some(&1),
        "{counts:?}"
    );

    app.screenshot("cards-after-freeze").await;

    // The card's page lists its transactions, fetched from the server through the shell.
    app.click(&format!(".card-tile[data-token='{token}'] .card-open"))
        .await;
    app.wait_for(".txn-row").await;
    // The details a cardholder looks for: the name on the card, limits and fees.
    assert_ne!(app.text(".card-holder").await, "—");
    let limits = app.text(".card-limits").await;
    assert!(limits.contains("Per payment"), "{limits}");
    assert!(app.text(".card-fees").await.contains("fee"));
    let rows = app
        .client
        .find_all(fantoccini::Locator::Css(".txn-row"))
        .await
        .unwrap();
    assert!(
        rows.len() >= 10,
        "the seeded card has 30 transactions, saw {}",
        rows.len()
    );
    // A transaction's time is shown in the user's language and zone, not as the server's text.
    let time = app.wait_for(".txn-row .txn-time").await;
    let iso = time
        .attr("datetime")
        .await
        .unwrap()
        .expect("the seeded times name their zone");
    let expected = app
        .client
        .execute(
            "return new Intl.DateTimeFormat('en-GB', {dateStyle: 'medium', timeStyle: 'short'})
                .format(new Date(arguments[0]));",
            vec![iso.clone().into()],
        )
        .await
        .unwrap();
    assert_eq!(
        time.text().await.unwrap(),
        expected.as_str().unwrap(),
        "{iso}"
    );
    // The page renders again as time passes (the data's age): its amounts and dates must come
    // from formatters made once, or the web process grows by megabytes a minute.
    assert_eq!(app.intl_formatters_made_in(3).await, 0);
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("GET /api/v1/card/transaction-history"),
        Some(&1),
        "{counts:?}"
    );
    // A transaction's details open under it, fetched once: the processor's members by a
    // translated name, the card number as BIN and last four at most.
    let first = app.text(".txn-row .txn-merchant").await;
    let open = app.wait_for(".txn-row .txn-open").await;
    assert_eq!(
        open.attr("aria-label").await.unwrap().as_deref(),
        Some(format!("Details of {first}").as_str())
    );
    open.click().await.unwrap();
    let facts = app
        .wait_text(".txn-detail .txn-facts", |t| {
            t.contains("Merchant category")
        })
        .await;
    assert!(
        facts.contains("5942") && facts.contains("Authorisation code"),
        "{facts}"
    );
    let pan = app.text(".txn-detail dd[data-name='pan']").await;
    assert!(
        pan.chars().filter(char::is_ascii_digit).count() <= 10,
        "{pan}"
    );
    assert_eq!(
        open.attr("aria-expanded").await.unwrap().as_deref(),
        Some("true")
    );
    app.screenshot("transaction-details").await;
    open.click().await.unwrap();
    assert!(!app.has(".txn-detail").await);
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("GET /api/v1/card/transaction-details"),
        Some(&1),
        "{counts:?}"
    );
    // CSV export: the system's save dialog (opened by the shell, answered at the keyboard),
    // then every transaction of the card in the chosen file, amounts exact.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("card.csv");
    app.click("#txn-export").await;
    answer_file_dialog("Export transactions", &target).await;
    let saved = app
        .wait_text("#txn-exported", |t| t.contains("saved to"))
        .await;
    assert!(saved.starts_with("30 transactions saved to:"), "{saved}");
    assert!(saved.ends_with(&target.display().to_string()), "{saved}");
    let csv = std::fs::read_to_string(&target).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "time,merchant,description,amount,currency,status,type,transaction_id,reference"
    );
    assert_eq!(lines.len(), 31, "a header and 30 rows");
    assert!(lines.iter().any(|l| l.contains(&first)), "{first} in {csv}");
    assert!(!dir.path().join("card.csv.part").exists());
    // Searching narrows the list to the merchants that match, any case.
    let needle: String = first.chars().take(4).collect::<String>().to_uppercase();
    app.type_into("#txn-search", &needle).await;
    for merchant in app.texts(".txn-row .txn-merchant").await {
        assert!(
            merchant.to_uppercase().contains(&needle),
            "{merchant} for {needle}"
        );
    }
    app.type_into("#txn-search", "no such merchant anywhere")
        .await;
    assert!(!app.has(".txn-row").await);
    assert!(app.text("#txn-count").await.starts_with("Showing 0 /"));
    app.screenshot("card-transactions").await;
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn new_passcode_notifies_on_dbus_and_shows_in_the_window() {
    let (_one, sb, app) = signed_in("passcode").await;
    app.click("#nav-codes").await;

    let injected = sb
        .control()
        .inject_3ds(ccp_sandbox::InjectPasscode::code("E2E Books", "007321").paid("42.50", "USD"))
        .await
        .unwrap();
    let injected_at = std::time::Instant::now();

    let note = wait_notification(|n| n.body.contains("E2E Books")).await;
    println!(
        "E2E: passcode notification on D-Bus {} ms after injection",
        injected_at.elapsed().as_millis()
    );
    assert_eq!(note.summary, "3-D Secure code for 42.50 USD");
    assert!(
        !note.body.contains("007321"),
        "the code stays out of notifications by default"
    );

    let row = format!(".passcode-row[data-id='{}']", injected.id);
    let code = app.text(&format!("{row} .passcode-code")).await;
    assert_eq!(code.replace(' ', ""), "007321");
    let countdown = app.text(&format!("{row} .passcode-countdown")).await;
    let (m, s) = countdown.split_once(':').expect("a m:ss countdown");
    let left = m.parse::<i64>().unwrap() * 60 + s.parse::<i64>().unwrap();
    assert!(
        (250..=300).contains(&left),
        "about 5 minutes left: {countdown}"
    );
    app.screenshot("passcodes").await;

    // Copy: the code is on the X clipboard for other programs, then cleared (3 s in tests).
    app.click(&format!("{row} .passcode-copy")).await;
    eventually("the code reaches the clipboard", 5, || {
        clipboard_text().as_deref() == Some("007321")
    })
    .await;
    eventually("the copied code is cleared", 10, || {
        clipboard_text().as_deref() != Some("007321")
    })
    .await;

    // The history lists it (without its code), newest first; the profile says who this is.
    app.click("#codes-history").await;
    let row = app
        .text(&format!(".history-row[data-id='{}']", injected.id))
        .await;
    assert!(row.contains("E2E Books") && row.contains("42.50"), "{row}");
    assert!(!app.text(".history").await.contains("007321"));
    app.click("#nav-profile").await;
    assert_eq!(app.text("#profile-email").await, ccp_sandbox::DEMO_EMAIL);
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn test_notification_reaches_the_notification_service() {
    let (_one, sb, app) = signed_in("notify").await;
    app.click("#nav-settings").await;
    app.click("#settings-test-notification").await;
    let note = wait_notification(|n| n.body.contains("Notifications work")).await;
    assert_eq!(note.summary, "ComeComePay");

    // With "show the code" turned on, the next passcode's notification carries it.
    let checkbox = app.wait_for("#settings-show-code").await;
    assert!(!checkbox.is_selected().await.unwrap(), "off by default");
    checkbox.click().await.unwrap();
    let saved = std::path::Path::new(app.launch.data_dir.path()).join("settings.json");
    eventually("the setting is saved", 10, || {
        std::fs::read_to_string(&saved)
            .is_ok_and(|s| s.contains("\"show_code_in_notification\": true"))
    })
    .await;
    let record = ccp_sandbox::InjectPasscode::code("Shown Code Shop", "246802");
    sb.control().inject_3ds(record).await.unwrap();
    let note = wait_notification(|n| n.body.contains("Shown Code Shop")).await;
    assert!(note.body.contains("246802"), "{note:?}");
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_mode_starts_the_sandbox_and_signs_in() {
    let _one = SERIAL.lock().await;
    let app = launch_demo("demo").await;
    assert!(app.text("#app-version").await.contains("demo"));
    // Signed in to the demo account without typing anything; cards come from the demo's server.
    app.wait_for(".card-tile").await;
    let email = app.text(".nav-email").await;
    assert_eq!(email, ccp_sandbox::DEMO_EMAIL);
    let statuses = app
        .client
        .find_all(fantoccini::Locator::Css(".card-tile .card-status"))
        .await
        .unwrap();
    let mut seen = Vec::new();
    for s in statuses {
        seen.push(s.text().await.unwrap().to_lowercase());
    }
    // The service's `normal` is what cardholders call active.
    for wanted in ["active", "frozen", "cancelled"] {
        assert!(seen.iter().any(|s| s == wanted), "{wanted} not in {seen:?}");
    }
    app.screenshot("demo-cards").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn kyc_starts_a_hosted_session_and_follows_the_decision() {
    let (_one, sb, app) = signed_in("kyc").await;
    app.click("#nav-kyc").await;
    // The seeded history ends in a failed attempt; the user may try again.
    assert_ne!(app.text("#kyc-status").await, "Verified");
    // The form checks each field before anything is sent, and says what is wrong where.
    app.type_into("#kyc-first-name", "Chan Tai Man").await;
    app.type_into("#kyc-country", "H1").await;
    app.type_into("#kyc-phone", "12").await;
    app.click("#kyc-start").await;
    assert_eq!(
        app.text("#kyc-country-problem").await,
        "Two letters, e.g. HK, SG or GB."
    );
    assert!(
        app.text("#kyc-phone-problem")
            .await
            .starts_with("4 to 15 digits")
    );
    assert!(app.text("#kyc-form-problems").await.contains("correct"));
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("POST /api/v1/didit/initialize-token"),
        None,
        "{counts:?}"
    );
    for (field, value) in [
        ("#kyc-first-name", "Tai Man"),
        ("#kyc-last-name", "Chan"),
        ("#kyc-area-code", "852"),
        ("#kyc-phone", "9123 4567"),
        ("#kyc-country", "HK"),
        ("#kyc-city", "Hong Kong"),
        ("#kyc-address", "1 Queen's Road Central"),
    ] {
        app.type_into(field, value).await;
    }
    app.click("#kyc-start").await;
    let url = app.text(".kyc-url").await;
    assert!(url.starts_with(&sb.base_url()), "the hosted page: {url}");

    // The user approves on the hosted page (a plain form post, as the browser would send).
    let page = reqwest::Client::new()
        .post(&url)
        .form(&[("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert!(page.status().is_success(), "{}", page.status());
    // The review takes a moment in the sandbox; a refresh then shows the outcome.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
        app.click(".sync-now").await;
        if app.text("#kyc-status").await == "Verified" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "KYC never showed Verified"
        );
    }
    // The decision also comes as a desktop notification (the window may be behind a browser).
    let note = wait_notification(|n| n.summary.starts_with("Identity verification")).await;
    assert_eq!(note.summary, "Identity verification: Verified");
    assert_eq!(app.text(".kyc-step[aria-current='step']").await, "Verified");
    app.screenshot("kyc-verified").await;
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_the_window_reads_the_encrypted_cache_and_refuses_actions() {
    let (_one, sb, app) = signed_in("offline").await;
    let online_numbers = app.texts(".card-tile .card-number").await;
    assert!(online_numbers.len() >= 3);
    sb.shutdown().await;

    // The pollers notice; the status line says so and the cards stay.
    let status = wait_offline(&app).await;
    assert!(
        status.contains("Updated"),
        "the data's age is shown: {status}"
    );
    assert_eq!(app.texts(".card-tile .card-number").await, online_numbers);
    // Actions say they need the server before a click, not only after one.
    let tile = app.wait_for(".card-tile:has(.card-freeze)").await;
    let freeze = tile
        .find(fantoccini::Locator::Css(".card-freeze"))
        .await
        .unwrap();
    assert!(
        !freeze.is_enabled().await.unwrap(),
        "freeze is disabled offline"
    );
    let reason = freeze.attr("title").await.unwrap().unwrap_or_default();
    assert!(reason.starts_with("Offline"), "{reason}");
    let hint = app.text(".card-tile .card-offline").await;
    assert!(hint.starts_with("Offline"), "{hint}");

    // A new start with the server still gone paints the cached cards from the encrypted cache.
    let app = app.relaunch().await;
    assert_eq!(app.texts(".card-tile .card-number").await, online_numbers);
    wait_offline(&app).await;
    app.screenshot("offline-after-restart").await;
    app.close().await;
}

/// The status line once the app has noticed the server is gone (the background cadence is
/// 15 s, so this may take a poll or two).
async fn wait_offline(app: &App) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(45);
    loop {
        let status = app.text("#sync-status").await;
        if status.starts_with("Offline") {
            return status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never showed offline: {status}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_asks_for_the_server_remembers_it_and_settings_change_it() {
    let _one = SERIAL.lock().await;
    let (first, second) = (sandbox().await, sandbox().await);
    let app = launch_first_run("welcome").await;
    assert_eq!(app.text("#welcome-heading").await, "Welcome to ComeComePay");
    assert!(!app.has(".sign-in-page").await, "nothing to sign in to yet");
    app.screenshot("welcome").await;

    // The address and the plain-http choice sit under Advanced.
    app.click("#welcome-advanced").await;
    app.type_into("#welcome-server", &first.base_url()).await;
    app.click("#welcome-connect").await;
    app.sign_in_demo().await;
    assert!(
        !app.has("#insecure-warning").await,
        "loopback http is not a risk"
    );

    // Remembered: the next start goes straight to the cards of that server.
    let app = app.relaunch().await;
    app.wait_for(".card-tile").await;
    assert!(!app.has("#welcome-heading").await);

    // Settings → Change server: the old one is signed out of, the new one asks to sign in.
    app.click("#nav-settings").await;
    assert_eq!(app.text("#settings-current-server").await, first.base_url());
    app.click("#settings-change-server").await;
    app.type_into("#settings-server", &second.base_url()).await;
    app.click("#settings-connect").await;
    app.wait_for(".sign-in-page").await;
    let control = first.control();
    let logouts = control.request_count("POST /api/v1/auth/logout").await;
    assert_eq!(logouts.unwrap(), 1, "signed out of the first server");
    app.sign_in_demo().await;
    app.click("#nav-settings").await;
    assert_eq!(
        app.text("#settings-current-server").await,
        second.base_url()
    );
    app.close().await;
    first.shutdown().await;
    second.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_http_elsewhere_needs_the_box_ticked_and_then_warns_for_good() {
    let _one = SERIAL.lock().await;
    let app = launch_first_run("insecure").await;
    // A documentation address (RFC 5737): nothing is sent before the user signs in.
    let server = "http://203.0.113.7:8080";
    app.click("#welcome-advanced").await;
    app.type_into("#welcome-server", server).await;
    app.click("#welcome-connect").await;
    let error = app.text(".welcome-page .error").await;
    assert!(error.contains("plain http"), "{error}");
    assert!(app.has("#welcome-heading").await, "nothing changed");

    app.click("#welcome-insecure").await;
    app.click("#welcome-connect").await;
    let warning = app.text("#insecure-warning").await;
    assert!(
        warning.contains(server) && warning.to_lowercase().contains("unencrypted"),
        "{warning}"
    );
    app.wait_for(".sign-in-page").await;
    app.screenshot("insecure-warning").await;

    // Still there after a restart: the choice (and its risk) is remembered.
    let app = app.relaunch().await;
    assert!(app.text("#insecure-warning").await.contains(server));
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_code_is_named_and_a_new_one_can_be_asked_for_after_a_countdown() {
    let _one = SERIAL.lock().await;
    let sb = sandbox().await;
    let app = launch(&sb.base_url(), "otp").await;
    app.type_into("#signin-email", ccp_sandbox::DEMO_EMAIL)
        .await;
    app.type_into("#signin-password", ccp_sandbox::DEMO_PASSWORD)
        .await;
    app.click("#signin-submit").await;
    app.type_into("#signin-otp", "00000").await;
    app.click("#signin-otp-submit").await;
    let error = app.text(".sign-in-page .error").await;
    assert!(error.starts_with("That code is not right"), "{error}");

    // The code was e-mailed a moment ago: the server's cooldown becomes a countdown.
    app.click("#signin-resend").await;
    let button = app
        .wait_text("#signin-resend", |t| t.starts_with("Send a new code in 0:"))
        .await;
    let left: u32 = button.rsplit(':').next().unwrap().parse().unwrap();
    assert!((1..=30).contains(&left), "{button}");
    let el = app.wait_for("#signin-resend").await;
    assert!(
        !el.is_enabled().await.unwrap(),
        "disabled while counting down"
    );
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("POST /api/v1/auth/resend-otp"),
        Some(&1),
        "{counts:?}"
    );

    // The right code still works after a wrong one.
    app.type_into("#signin-otp", ccp_sandbox::TEST_OTP).await;
    app.click("#signin-otp-submit").await;
    app.wait_for(".card-tile").await;
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn card_keys_are_set_up_generated_listed_copied_and_verified_in_the_window() {
    let (_one, sb, app) = signed_in("keys").await;
    // Another service: under Settings → Other services until set up.
    assert!(!app.has("#nav-keys").await);
    app.click("#nav-settings").await;
    app.click("#settings-open-keys").await;
    // The app's key (the sandbox has signing off) for the Potato Cloud server — here the
    // sandbox, which serves Potato Cloud's four methods too.
    app.type_into("#keys-server", &sb.base_url()).await;
    app.type_into("#keys-ask-key", ccp_sandbox::POTATO_ASK_KEY)
        .await;
    app.click("#keys-save").await;
    assert!(app.text("#keys-configured").await.contains(&sb.base_url()));

    app.type_into("#keys-user", ccp_sandbox::POTATO_USER_NUMBER)
        .await;
    app.type_into("#keys-password", ccp_sandbox::POTATO_PASSWORD)
        .await;
    app.click("#keys-login").await;
    assert!(
        app.text("#keys-user-signed-in")
            .await
            .contains(ccp_sandbox::POTATO_USER_NUMBER)
    );

    // Three month keys: they are listed, one is copied, one verifies on this installation.
    app.type_into("#keys-count", "3").await;
    app.click("#keys-generate").await;
    let keys = app.texts(".key-row .key-card").await;
    assert!(keys.len() >= 3, "{keys:?}");
    let key = keys[0].clone();
    app.click(".key-row .key-copy").await;
    eventually("the key reaches the clipboard", 5, || {
        clipboard_text().as_deref() == Some(key.as_str())
    })
    .await;
    app.type_into("#keys-verify-key", &key).await;
    app.click("#keys-verify").await;
    let verified = app.text("#keys-verified").await;
    assert!(verified.starts_with("Valid"), "{verified}");
    let counts = sb.control().request_counts().await.unwrap();
    assert!(
        counts.keys().any(|k| k.contains("createCardMy")),
        "{counts:?}"
    );
    app.screenshot("card-keys").await;
    finish(app, sb).await;
}

/// The service's words reach the cardholder in the cardholder's words: statuses, kinds and
/// the card network by label, the expiry as the card prints it, dates in the user's format, and
/// no server success message shown as content.
#[tokio::test(flavor = "multi_thread")]
async fn the_service_words_are_shown_in_the_users_words() {
    let (_one, sb, app) = signed_in("words").await;
    app.wait_for(".card-tile").await;
    app.click(".card-tile .card-open").await;
    app.wait_for(".txn-row").await;
    assert_eq!(app.text(".card-network").await, "Visa");
    let expiry = app.text(".card-expiry").await;
    let b = expiry.as_bytes();
    assert!(
        b.len() == 5 && b[2] == b'/' && expiry.replace('/', "").bytes().all(|c| c.is_ascii_digit()),
        "expiry {expiry:?} is not MM/YY"
    );
    let statuses = app.texts(".txn-status").await;
    assert!(!statuses.is_empty());
    for status in &statuses {
        assert!(
            ["Completed", "Pending", "Declined", "Reversed", "Refunded"].contains(&status.as_str()),
            "transaction status {status:?} is not a label"
        );
    }

    // A new page starts at its top, not where the last one was scrolled to.
    let scroll_y = || async {
        let y = app
            .client
            .execute("return window.scrollY", vec![])
            .await
            .unwrap();
        y.as_f64().unwrap_or(-1.0)
    };
    app.client
        .execute("window.scrollTo(0, document.body.scrollHeight)", vec![])
        .await
        .unwrap();
    assert!(scroll_y().await > 0.0, "the card page scrolls");
    // Settings is long too: kept scrolled, it would open in its middle.
    app.click("#nav-settings").await;
    app.wait_for("#settings-heading").await;
    assert_eq!(scroll_y().await, 0.0);
    app.click("#nav-profile").await;
    assert_eq!(app.text("#profile-status").await, "Active");
    let since = app.text("#profile-since").await;
    assert!(
        since.contains("2025") && !since.contains('T') && !since.contains(':'),
        "{since}"
    );

    app.click("#nav-kyc").await;
    app.wait_for(".kyc-record-status").await;
    assert_eq!(app.text(".kyc-record-status").await, "Rejected");
    assert_eq!(app.text(".kyc-payment").await, "Paid");
    let page = app.text(".kyc-page").await;
    assert!(!page.contains("successfully"), "{page}");

    // A code in its last half minute: the countdown warns, and says so once for a screen reader.
    let ending = sb
        .control()
        .inject_3ds(ccp_sandbox::InjectPasscode {
            merchant_name: Some("Ending Shop".into()),
            passcode: Some("135791".into()),
            expires_after: Some(25),
            ..Default::default()
        })
        .await
        .unwrap()
        .id;
    app.click("#nav-codes").await;
    app.click(".sync-now").await;
    let row = format!(".passcode-row[data-id='{ending}']");
    app.wait_for(&format!("{row} .passcode-countdown.ending"))
        .await;
    // Read as a screen reader does: the live region's text (it is visually hidden).
    let said = app
        .client
        .execute(
            "return document.querySelector(arguments[0]).textContent",
            vec![format!("{row} .passcode-countdown + [role='status']").into()],
        )
        .await
        .unwrap();
    assert_eq!(
        said,
        "The code for Ending Shop expires in less than 30 seconds"
    );
    // The demo's own code has minutes left: no warning there.
    let others = app.texts(".passcode-countdown.ending").await;
    assert_eq!(others.len(), 1, "{others:?}");

    // Sign out asks first and says what goes; "Stay signed in" sends nothing.
    let logouts = || async {
        let control = sb.control();
        control
            .request_count("POST /api/v1/auth/logout")
            .await
            .unwrap()
    };
    app.click("#nav-signout").await;
    let question = app.text("#signout-question").await;
    assert!(
        question.contains("offline") && question.contains("deleted"),
        "{question}"
    );
    app.click("#signout-cancel").await;
    assert!(!app.has("#signout-question").await);
    assert_eq!(logouts().await, 0);
    app.click("#nav-signout").await;
    app.click("#signout-confirm").await;
    app.wait_for(".sign-in-page").await;
    assert_eq!(logouts().await, 1);
    finish(app, sb).await;
}

/// A first run speaks the desktop's language (`LANG=zh_CN.UTF-8`: a Chinese welcome page), the
/// picker there changes it at once; the sign-in page names the server it signs in to and can go
/// back to choose another.
#[tokio::test(flavor = "multi_thread")]
async fn a_first_run_speaks_the_desktops_language_and_sign_in_names_its_server() {
    let _one = SERIAL.lock().await;
    let sb = sandbox().await;
    let app = launch_with_env(&[], &[("LANG", "zh_CN.UTF-8")], "os-language").await;
    app.wait_text("#welcome-heading", |t| t == "欢迎使用 ComeComePay")
        .await;
    app.wait_for("#welcome-language")
        .await
        .select_by_value("en")
        .await
        .expect("choose English");
    app.wait_text("#welcome-heading", |t| t == "Welcome to ComeComePay")
        .await;
    assert_eq!(app.text("#welcome-connect").await, "Continue");

    app.type_into("#welcome-server", &sb.base_url()).await;
    app.click("#welcome-connect").await;
    let server = app.text("#signin-server").await;
    assert_eq!(server, format!("Signing in to {}", sb.base_url()));
    app.click("#signin-change-server").await;
    app.wait_for("#welcome-heading").await;
    app.click("#welcome-keep-server").await;
    app.sign_in_demo().await;
    app.wait_for(".card-tile").await;
    finish(app, sb).await;
}

/// Settings → Appearance: dark or light as chosen, whatever the desktop says, and remembered
/// at the next start; "as the system" follows the desktop (the test session's is light).
#[tokio::test(flavor = "multi_thread")]
async fn the_theme_is_chosen_in_settings_and_remembered() {
    let (_one, sb, app) = signed_in("theme").await;
    async fn background_becomes(app: &App, wanted: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let now = app
                .client
                .execute(
                    "return getComputedStyle(document.body).backgroundColor",
                    vec![],
                )
                .await
                .unwrap();
            if now == wanted {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "background {now}, not {wanted}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    const LIGHT: &str = "rgb(245, 246, 248)";
    const DARK: &str = "rgb(21, 24, 28)";
    background_becomes(&app, LIGHT).await;
    app.click("#nav-settings").await;
    let choose = |theme: &'static str| {
        let app = &app;
        async move {
            app.wait_for("#settings-theme")
                .await
                .select_by_value(theme)
                .await
                .expect("choose the theme");
        }
    };
    choose("dark").await;
    background_becomes(&app, DARK).await;
    let app = app.relaunch().await;
    app.wait_for(".card-tile").await;
    background_becomes(&app, DARK).await;
    app.click("#nav-settings").await;
    app.wait_for("#settings-theme")
        .await
        .select_by_value("system")
        .await
        .expect("choose as the system");
    background_becomes(&app, LIGHT).await;
    finish(app, sb).await;
}

/// Settings → the copy shortcut is recorded from the keys pressed in its field (the typed form
/// stays), saved, and registered: the new keys copy the newest code.
#[tokio::test(flavor = "multi_thread")]
async fn the_copy_shortcut_is_recorded_from_the_keys_pressed() {
    use fantoccini::key::Key;
    let (_one, sb, app) = signed_in("shortcut-record").await;
    app.click("#nav-settings").await;
    let field = app.wait_for("#settings-shortcut").await;
    let keys = format!(
        "{}{}k{}",
        char::from(Key::Control),
        char::from(Key::Alt),
        char::from(Key::Null)
    );
    field.send_keys(&keys).await.expect("press Ctrl+Alt+K");
    let saved = std::path::Path::new(app.launch.data_dir.path()).join("settings.json");
    eventually("the pressed shortcut is saved", 10, || {
        std::fs::read_to_string(&saved)
            .is_ok_and(|s| s.contains("\"copy_shortcut\": \"Ctrl+Alt+K\""))
    })
    .await;
    let shown = app
        .client
        .execute(
            "return document.querySelector('#settings-shortcut').value",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shown, "Ctrl+Alt+K");
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn one_feed_across_cards_by_day_and_a_search_that_fetches_the_older_pages() {
    let (_one, sb, app) = signed_in("feed").await;
    // An old purchase: only the card's last page holds it (the feed starts with 20 a card).
    let old = sb
        .control()
        .add_transaction(ccp_sandbox::AddTransaction {
            email: None,
            merchant_name: "Harbour Ferry Kiosk".into(),
            amount: -12.5,
            days_ago: 400,
        })
        .await
        .unwrap();
    app.click("#nav-activity").await;
    app.wait_for(".feed-day .txn-row").await;
    // Rows of several cards, each naming its card; newest day first, under day headings.
    let cards: std::collections::BTreeSet<String> =
        app.texts(".txn-row .txn-card").await.into_iter().collect();
    assert!(cards.len() >= 3, "the demo cards' rows: {cards:?}");
    assert!(cards.iter().all(|c| c.contains("••")), "{cards:?}");
    let days = app.texts(".feed-day h3").await;
    assert!(days.len() >= 10, "grouped by day: {days:?}");
    let unique: std::collections::BTreeSet<&String> = days.iter().collect();
    assert_eq!(unique.len(), days.len(), "each day once: {days:?}");
    // Debits and credits told apart by sign, not colour alone.
    let amounts = app.texts(".feed-day .txn-amount").await;
    assert!(amounts.iter().any(|a| a.starts_with('+')), "{amounts:?}");
    assert!(amounts.iter().any(|a| a.starts_with('-')), "{amounts:?}");
    let shown = app.text("#feed-count").await;
    assert!(shown.starts_with("Showing "), "{shown}");
    assert!(!app.text(".feed").await.contains("Harbour Ferry"));
    let before = sb.control().request_counts().await.unwrap();
    // The search finds it: the loaded rows do not hold it, so every page is fetched, and the
    // status line says every transaction was searched.
    app.type_into("#feed-search", "harbour ferry").await;
    let said = app
        .wait_text("#feed-count", |t| t.contains("every transaction searched"))
        .await;
    let total = 30 + 30 + 30 + 12 + 1;
    assert_eq!(
        said,
        format!("Showing 1 / {total} (every transaction searched)")
    );
    assert_eq!(
        app.texts(".txn-row .txn-merchant").await,
        ["Harbour Ferry Kiosk"]
    );
    let card = app.text(".txn-row .txn-card").await;
    assert!(card.contains("••"), "the row names its card: {card}");
    assert!(old.transaction_id.starts_with("tx_added_"));
    let after = sb.control().request_counts().await.unwrap();
    let pages = |c: &std::collections::HashMap<String, u64>| {
        c.get("GET /api/v1/card/transaction-history")
            .copied()
            .unwrap_or(0)
    };
    assert!(
        pages(&after) >= pages(&before) + 4,
        "every card read again: {before:?} → {after:?}"
    );
    app.screenshot("activity-search").await;
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_inbox_message_arrives_as_a_notification_and_opening_it_reads_it() {
    let (_one, sb, app) = signed_in("inbox").await;
    // The seeded ones are old news: counted on the badge, never notified.
    let badge = app.text("#nav-inbox .badge").await;
    assert_eq!(badge, "3", "one notification and two announcements unread");
    let message = ccp_sandbox::AddMessage::notification(
        "Refund received",
        "HK$12.50 from Harbour Ferry Kiosk.\nIt is on your card now.",
    );
    sb.control().add_message(message).await.unwrap();
    // The poller reads messages every few minutes; "Refresh" reads them now.
    app.click(".sync-now").await;
    let note = wait_notification(|n| n.summary == "New message from ComeComePay").await;
    assert_eq!(note.body, "Refund received", "the subject, never the text");
    app.wait_text("#nav-inbox .badge", |t| t == "4").await;
    app.click("#nav-inbox").await;
    let first = app.wait_for(".message.unread").await;
    assert_eq!(
        app.text(".message.unread .message-title").await,
        "Refund received"
    );
    // Unread is said in words too (to screen readers; not weight alone).
    let open = first
        .find(fantoccini::Locator::Css(".message-open"))
        .await
        .unwrap();
    let label = open.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(label.contains("Unread"), "{label}");
    open.click().await.unwrap();
    let text = app
        .wait_text(".message-body:not([hidden]) .message-text", |t| {
            t.contains("Harbour Ferry")
        })
        .await;
    assert!(text.contains("It is on your card now."), "{text}");
    app.wait_text("#nav-inbox .badge", |t| t == "3").await;
    let counts = sb.control().request_counts().await.unwrap();
    assert!(
        counts
            .keys()
            .any(|k| k.starts_with("GET /api/v1/notifications/")
                && k != "GET /api/v1/notifications/"
                && k != "GET /api/v1/notifications/unread-count"),
        "opened on the server: {counts:?}"
    );
    app.screenshot("inbox-open").await;
    finish(app, sb).await;
}
