//! Guarding the wallet in the real window: "Wasn't me" on a code freezes every active card in
//! the sandbox; "Unfreeze for N minutes" (a minute shortened to a second) freezes the card again
//! when its time is up — also when the app was killed meanwhile: the next start does it.

use crate::support::*;

async fn inject(sb: &ccp_sandbox::Sandbox, merchant: &str) -> i64 {
    sb.control()
        .inject_3ds(ccp_sandbox::InjectPasscode::code(merchant, "271828").paid("52.95", "USD"))
        .await
        .unwrap()
        .id
}

/// The statuses of the cards as the window shows them (each tile is updated from the server's
/// answer, never ahead of it), by public token.
async fn tile_statuses(app: &App) -> Vec<(String, String)> {
    let script = "return [...document.querySelectorAll('.card-tile')].map(t => \
                  [t.dataset.token, [...t.classList].find(c => c.startsWith('status-')) || '']);";
    let value = app.client.execute(script, vec![]).await.expect("script");
    serde_json::from_value(value).expect("pairs")
}

#[tokio::test(flavor = "multi_thread")]
async fn wasnt_me_on_a_code_freezes_every_active_card() {
    let (_one, sb, app) = signed_in("wasnt-me").await;
    app.wait_for(".card-tile").await;
    let active = tile_statuses(&app)
        .await
        .into_iter()
        .filter(|(_, s)| s == "status-normal" || s == "status-active")
        .count();
    assert!(active >= 1);
    // The notification's own button, clicked in the daemon as a user would: the window asks.
    let _ = dunstctl(&["close-all"]);
    let id = inject(&sb, "Not Me Books").await;
    notification_on_screen().await;
    click_notification_button("Wasn't me");
    app.wait_for("#freeze-all-question").await;
    app.click("#freeze-all-cancel").await;
    app.click("#nav-codes").await;
    sb.control().reset_counts().await.unwrap();
    app.click(&format!(".passcode-row[data-id='{id}'] .passcode-wasnt-me"))
        .await;
    // The click asks first and names what will happen; nothing is frozen yet.
    let question = app.text("#freeze-all-question").await;
    assert!(question.contains("freezes every active card"), "{question}");
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts.get("PUT /api/v1/card/status"), None, "{counts:?}");

    app.click("#freeze-all-confirm").await;
    app.wait_for("#freeze-all-done").await;
    assert_eq!(app.texts(".frozen-card").await.len(), active);
    assert!(!app.has(".not-frozen-card").await);
    let done = app.text("#freeze-all-done").await;
    assert!(done.contains("Contact ComeComePay support"), "{done}");
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("PUT /api/v1/card/status"),
        Some(&(active as u64)),
        "{counts:?}"
    );
    app.click("#nav-cards").await;
    app.wait_for(".card-tile").await;
    let statuses = tile_statuses(&app).await;
    assert!(
        statuses
            .iter()
            .all(|(_, s)| s == "status-frozen" || s == "status-cancelled"),
        "{statuses:?}"
    );
    app.screenshot("wasnt-me").await;
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unfreeze_for_a_while_is_frozen_again_even_after_a_kill() {
    // A "minute" of one second: "Unfreeze for 5 minutes" lasts 5 s.
    let (_one, sb, app) = signed_in_with("unfreeze-for", &["--minute-secs", "1"], &[]).await;
    app.wait_for(".card-tile").await;
    let (token, _) = tile_statuses(&app)
        .await
        .into_iter()
        .find(|(_, s)| s == "status-frozen")
        .expect("a frozen demo card");
    let tile = format!(".card-tile[data-token='{token}']");
    let status_of = |want: &'static str| {
        let tile = tile.clone();
        let app = &app;
        async move {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            loop {
                let class = app
                    .client
                    .execute(
                        &format!("return document.querySelector(\"{tile}\")?.className || ''"),
                        vec![],
                    )
                    .await
                    .unwrap();
                if class.as_str().is_some_and(|c| c.contains(want)) {
                    return;
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "{tile} never became {want}: {class}"
                );
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
    };
    // 5 of the choices 5/15/30, then the button that says so.
    app.client
        .execute(
            &format!(
                "const s = document.querySelector(\"{tile} .unfreeze-minutes\"); s.value = '5'; \
                 s.dispatchEvent(new Event('change', {{bubbles: true}}));"
            ),
            vec![],
        )
        .await
        .unwrap();
    let button = app.text(&format!("{tile} .card-unfreeze-for")).await;
    assert_eq!(button, "Unfreeze for 5 minutes");
    app.click(&format!("{tile} .card-unfreeze-for")).await;
    status_of("status-normal").await;
    let timer = app.text(&format!("{tile} .card-refreeze")).await;
    assert!(timer.starts_with("Frozen again in 0:0"), "{timer}");
    // Its time is up: frozen again by the app, and said so.
    status_of("status-frozen").await;
    let notice = app.text("#refrozen-notice").await;
    assert!(notice.contains("is frozen again"), "{notice}");

    // Again, and the app is killed before the time is up: the next start freezes it.
    app.click("#refrozen-notice button").await;
    app.click(&format!("{tile} .card-unfreeze-for")).await;
    status_of("status-normal").await;
    app.kill().await;
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    let counts = sb.control().request_counts().await.unwrap();
    let changes = counts.get("PUT /api/v1/card/status").copied();
    let app = app.relaunch().await;
    app.wait_for(&tile).await;
    let notice = app.text("#refrozen-notice").await;
    assert!(notice.contains("is frozen again"), "{notice}");
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("PUT /api/v1/card/status").copied(),
        changes.map(|n| n + 1),
        "one freeze by the new start: {counts:?}"
    );
    let statuses = tile_statuses(&app).await;
    assert!(
        statuses.contains(&(token.clone(), "status-frozen".into())),
        "{statuses:?}"
    );
    finish(app, sb).await;
}

/// The app lock in the real window: the first run offers it; the screen saver's signal on the
/// (private test) session bus locks at once; while locked nothing of the account is in the DOM
/// and the copy shortcut copies nothing; three wrong PINs make the next try wait; idleness
/// locks; the right PIN brings the page back.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_lock_hides_the_account_and_locks_on_the_screen_lock_and_when_idle() {
    let quick = ["--lock-idle-secs", "6", "--pin-delay-secs", "3"];
    let (_one, sb, app) = signed_in_with("app-lock", &quick, &[]).await;
    let number = app.text(".card-tile .card-number").await;
    app.click("#lock-offer-set-up").await;
    app.type_into("#lock-new", "2468").await;
    app.type_into("#lock-again", "2468").await;
    app.click("#lock-set").await;
    app.wait_text("#lock-message", |t| t.contains("PIN saved"))
        .await;
    app.click("#nav-codes").await;
    let id = inject(&sb, "Locked Books").await;
    app.wait_for(&format!(".passcode-row[data-id='{id}']"))
        .await;

    // The desktop's screen saver starts: locked at once, not after the idle time.
    let sent = std::time::Instant::now();
    let status = std::process::Command::new("dbus-send")
        .args([
            "--session",
            "--type=signal",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver.ActiveChanged",
            "boolean:true",
        ])
        .status()
        .expect("dbus-send");
    assert!(status.success());
    app.wait_for("#lock-pin").await;
    assert!(
        sent.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        sent.elapsed()
    );
    let source = app.client.source().await.unwrap();
    for secret in [number.as_str(), "271828", "Locked Books", "card-tile"] {
        assert!(!source.contains(secret), "{secret} in the locked window");
    }
    app.screenshot("locked").await;

    // The shortcut while locked: nothing copied.
    press_keys("ctrl+alt+c");
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert_ne!(clipboard_text().as_deref(), Some("271828"));
    assert!(app.has("#lock-pin").await);

    // Three wrong PINs: then the next try waits (the button too).
    // Each try is answered before the next (the PIN check takes its time on a slow machine,
    // and a click on the busy button would not count).
    for _ in 0..3 {
        app.type_into("#lock-pin", "0000").await;
        app.click("#lock-unlock").await;
        app.wait_for("form[aria-busy='false']").await;
        app.wait_text("#lock-error", |t| t.contains("not right"))
            .await;
    }
    let wait = app
        .wait_text("#lock-wait", |t| t.contains("Try again in"))
        .await;
    assert!(wait.contains("0:0"), "{wait}");
    let disabled = app
        .client
        .execute(
            "return document.querySelector('#lock-unlock').disabled",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(disabled, serde_json::Value::Bool(true));
    tokio::time::sleep(std::time::Duration::from_millis(3500)).await;
    app.type_into("#lock-pin", "2468").await;
    app.click("#lock-unlock").await;
    // Back where it was, with the account loaded again.
    app.wait_for(&format!(".passcode-row[data-id='{id}']"))
        .await;

    // Idle for the (shortened) time: locked again.
    let idle_from = std::time::Instant::now();
    app.wait_for("#lock-pin").await;
    assert!(
        idle_from.elapsed() >= std::time::Duration::from_secs(4),
        "{:?}",
        idle_from.elapsed()
    );
    app.type_into("#lock-pin", "2468").await;
    app.click("#lock-unlock").await;
    app.wait_for(&format!(".passcode-row[data-id='{id}']"))
        .await;
    finish(app, sb).await;
}

/// Settings → Browser: not connected yet; one click sets up every browser family (the
/// manifests where each looks, naming the host beside the app); once the extension has come
/// (the host started as Chromium starts it), Settings says when.
#[tokio::test(flavor = "multi_thread")]
async fn settings_set_up_the_browsers_and_say_when_the_extension_came() {
    let (_one, sb, app) = signed_in("browser-settings").await;
    app.click("#nav-settings").await;
    let seen = app.text("#browser-seen").await;
    assert_eq!(seen, "The extension has not connected yet.");
    app.click("#browser-install").await;
    app.wait_text("#browser-message", |t| t.contains("can now find"))
        .await;
    let home = std::path::PathBuf::from(std::env::var_os("HOME").unwrap());
    let manifest = home.join(".config/chromium/NativeMessagingHosts/com.comecomepay.desktop.json");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).expect("the Chromium manifest")).unwrap();
    let host = std::path::Path::new(manifest["path"].as_str().unwrap());
    assert!(
        host.ends_with("ccp-browser-host") && host.is_file(),
        "{manifest}"
    );
    assert!(
        home.join(".mozilla/native-messaging-hosts/com.comecomepay.desktop.json")
            .is_file()
    );

    // The extension comes: the host, started as Chromium starts it, on the app's data.
    let status = std::process::Command::new(host)
        .arg(ccp_model::browser::CHROMIUM_ORIGINS[0])
        .env("CCP_DATA_DIR", app.launch.data_dir.path())
        .env("CCP_SERVER", sb.base_url())
        .env("CCP_KEYRING_SERVICE", &app.launch.keyring_service)
        .stdin(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    app.click("#nav-cards").await;
    app.click("#nav-settings").await;
    app.wait_text("#browser-seen", |t| {
        t.starts_with("The extension last connected on")
    })
    .await;
    let installed = app.text("#browser-installed").await;
    assert!(
        installed.contains("Chromium") && installed.contains("Firefox"),
        "{installed}"
    );
    for dir in [
        ".config/google-chrome",
        ".config/chromium",
        ".config/microsoft-edge",
        ".mozilla",
    ] {
        let _ = std::fs::remove_dir_all(home.join(dir));
    }
    finish(app, sb).await;
}
