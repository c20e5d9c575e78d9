//! Always there, even with the window closed: the tray, the copy shortcut, starting at login hidden, and a click
//! on a notification — the real app under Xvfb with a StatusNotifierWatcher and dunst on the
//! test session bus, driven by X key events and D-Bus as a desktop would.

use crate::support::tray::{TrayWatcher, item_property, menu_labels};
use crate::support::*;

async fn inject(sb: &ccp_sandbox::Sandbox, merchant: &str, code: &str) -> i64 {
    sb.control()
        .inject_3ds(ccp_sandbox::InjectPasscode::code(merchant, code).paid("12.00", "USD"))
        .await
        .unwrap()
        .id
}

#[tokio::test(flavor = "multi_thread")]
async fn the_tray_counts_a_live_code_down_and_the_shortcut_copies_it() {
    let _one = SERIAL.lock().await;
    let watcher = TrayWatcher::start().await;
    let sb = sandbox().await;
    let app = launch(&sb.base_url(), "tray").await;
    app.sign_in_demo().await;
    let id = inject(&sb, "E2E Tray", "314159").await;
    app.click("#nav-codes").await;
    app.wait_for(&format!(".passcode-row[data-id='{id}']"))
        .await;

    // The tray, read over D-Bus as a panel reads it: the countdown next to the icon (the code
    // itself stays hidden by default) and the menu.
    let item = watcher.item().await;
    let mut label = String::new();
    eventually("the tray counts down", 10, || {
        label = item_property(&item, "XAyatanaLabel");
        label.contains(":5") || label.contains("5:00")
    })
    .await;
    assert!(!label.contains("314159"), "{label}");
    let menu = menu_labels(&item);
    assert!(
        menu.iter()
            .any(|l| l.starts_with("Copy newest code (4:") || l == "Copy newest code (5:00 left)"),
        "{menu:?}"
    );
    for entry in ["Open ComeComePay", "Pause notifications for 1 hour", "Quit"] {
        assert!(menu.iter().any(|l| l == entry), "{entry} in {menu:?}");
    }

    // The shortcut, from wherever the keyboard focus is: the code reaches the clipboard, a
    // notification says how long it lasts, and the clipboard is cleared (3 s in tests).
    let _ = dunstctl(&["close-all"]);
    press_keys("ctrl+alt+c");
    eventually("the shortcut copies the code", 10, || {
        clipboard_text().as_deref() == Some("314159")
    })
    .await;
    // Marked as a secret, so clipboard history tools (Klipper, GPaste, CopyQ) skip it.
    let targets = clipboard_as("TARGETS");
    assert!(
        targets.lines().any(|t| t == "x-kde-passwordManagerHint"),
        "{targets}"
    );
    assert_eq!(clipboard_as("x-kde-passwordManagerHint"), "secret");
    let note = wait_notification(|n| n.body.starts_with("Code copied — expires in")).await;
    assert!(!note.body.contains("314159"), "{note:?}");
    eventually("the copied code is cleared", 10, || {
        clipboard_text().as_deref() != Some("314159")
    })
    .await;
    finish(app, sb).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn started_at_login_it_stays_hidden_and_a_notification_click_opens_the_codes() {
    let (_one, sb, app) = signed_in("autostart").await;

    // The switch writes the desktop's login item (and removes it again).
    let entry = std::path::PathBuf::from(std::env::var("HOME").unwrap())
        .join(".config/autostart/comecomepay-desktop.desktop");
    app.click("#nav-settings").await;
    app.click("#settings-autostart").await;
    eventually("the login item is written", 10, || entry.exists()).await;
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(text.contains("--hidden"), "{text}");
    app.click("#settings-autostart").await;
    eventually("the login item is removed", 10, || !entry.exists()).await;

    // A shortcut that cannot be had is said so, and not saved.
    app.replace_text("#settings-shortcut", "Ctrl+Banana").await;
    let problem = app.text(".desktop-settings .error").await;
    // The window's own sentence (translated like every other), not the shell's.
    assert_eq!(
        problem,
        "“Ctrl+Banana” is not a shortcut: use keys like Ctrl+Alt+C. The previous shortcut stays."
    );
    app.click("#nav-codes").await;
    app.click("#nav-settings").await;
    let kept = app
        .wait_for("#settings-shortcut")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Ctrl+Alt+C"));

    // Started as the login item starts it: no window, but codes are still notified.
    let app = app.relaunch_with(&["--hidden"]).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(!window_visible("ComeComePay"), "started hidden");
    let _ = dunstctl(&["close-all"]);
    inject(&sb, "E2E Hidden", "271828").await;
    notification_on_screen().await;

    // A click on it (the default action) shows the window on the Codes page.
    let _ = dunstctl(&["action", "0"]);
    eventually("the window is shown", 10, || window_visible("ComeComePay")).await;
    assert_eq!(app.text("#codes-heading").await, "3-D Secure codes");
    finish(app, sb).await;
}

/// The passcode notification names the copy shortcut, and its "Copy code" button copies the
/// live code: the window is usually behind the browser that asks for it.
#[tokio::test(flavor = "multi_thread")]
async fn the_notification_names_the_shortcut_and_its_button_copies_the_code() {
    let (_one, sb, app) = signed_in("notify-copy").await;
    let _ = dunstctl(&["close-all"]);
    inject(&sb, "Copy Shop", "864209").await;
    notification_on_screen().await;
    click_notification_button("Copy code");
    eventually("the code reaches the clipboard", 10, || {
        clipboard_text().as_deref() == Some("864209")
    })
    .await;
    // Read from the daemon's history (reading closes what is still shown).
    let note = wait_notification(|n| n.body.starts_with("Copy Shop")).await;
    assert_eq!(note.body, "Copy Shop — Ctrl+Alt+C copies the code");
    finish(app, sb).await;
}

/// An optional part that cannot start (here the global shortcut and starting at login, made to
/// fail at set-up through the path a real failure takes, as under wine or on Wayland) stops
/// nothing: the window paints the cards, and Settings says what is missing and the way round.
#[tokio::test(flavor = "multi_thread")]
async fn a_plugin_that_cannot_start_is_shown_in_settings_and_the_app_goes_on() {
    let broken = [("CCP_BROKEN_PLUGINS", "global-shortcut,autostart")];
    let (_one, sb, app) = signed_in_with("broken-plugins", &[], &broken).await;
    assert!(app.texts(".card-tile").await.len() >= 3);
    app.click("#nav-settings").await;
    let problem = app.text("#settings-shortcut-problem").await;
    assert!(
        problem.starts_with("The copy shortcut is not available on this system")
            && problem.ends_with("comecomepay-desktop --copy-newest"),
        "{problem}"
    );
    let title = app
        .wait_for("#settings-shortcut-problem")
        .await
        .attr("title")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        title.contains("CCP_BROKEN_PLUGINS"),
        "the platform's words: {title}"
    );
    let missing = app.texts("#settings-unavailable li").await;
    assert_eq!(
        missing,
        ["Starting at login is not available on this system."]
    );
    let autostart = app.wait_for("#settings-autostart").await;
    assert_eq!(
        autostart.attr("disabled").await.unwrap().as_deref(),
        Some("true")
    );
    // Saving another setting still works (the shortcut's reason stays as it was).
    app.wait_for("#settings-language")
        .await
        .select_by_value("id")
        .await
        .unwrap();
    app.wait_text("#settings-heading", |t| t == "Pengaturan")
        .await;
    app.screenshot("settings-unavailable").await;
    finish(app, sb).await;
}

/// One app at a time: a second start hands over to the running one. `--copy-newest` (what a
/// desktop's own keyboard shortcut can run where the app cannot grab one) copies the newest
/// live code there and the second process ends at once.
#[tokio::test(flavor = "multi_thread")]
async fn a_second_start_with_copy_newest_copies_the_code_in_the_running_app() {
    let (_one, sb, app) = signed_in("second-start").await;
    let id = inject(&sb, "E2E Second", "161803").await;
    app.click("#nav-codes").await;
    app.wait_for(&format!(".passcode-row[data-id='{id}']"))
        .await;
    let started = std::time::Instant::now();
    let second = std::process::Command::new(env!("CARGO_BIN_EXE_comecomepay-desktop"))
        .args(["--copy-newest", "--data-dir"])
        .arg(app.launch.data_dir.path())
        .args(["--keyring-service", &app.launch.keyring_service])
        .status()
        .unwrap();
    assert!(second.success(), "{second}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "the second process handed over and ended"
    );
    eventually("the running app copied the code", 10, || {
        clipboard_text().as_deref() == Some("161803")
    })
    .await;
    finish(app, sb).await;
}

/// In the tray for a while, the window lets its web page go (the WebKit web process, most of
/// the app's memory) while codes are still notified; a click on the notification builds the
/// window again, signed in, without a new sign-in.
#[tokio::test(flavor = "multi_thread")]
async fn a_window_hidden_for_a_while_is_released_and_built_again_by_a_click() {
    let release_soon = [("CCP_RELEASE_HIDDEN_SECS", "2")];
    let (_one, sb, app) = signed_in_with("release", &[], &release_soon).await;
    assert!(app.texts(".card-tile").await.len() >= 3);
    assert_eq!(app.web_processes(), 1, "a shown window has its page");

    // Started as the login item starts it; released two seconds later.
    let app = app.relaunch_with(&["--hidden"]).await;
    let pid = app.pid();
    eventually("the hidden window's web process has ended", 20, || {
        app.web_processes() == 0
    })
    .await;
    assert_eq!(app.pid(), pid, "the app itself goes on");

    let _ = dunstctl(&["close-all"]);
    inject(&sb, "E2E Released", "161803").await;
    notification_on_screen().await;
    let _ = dunstctl(&["action", "0"]);
    eventually("the window is built again and shown", 20, || {
        window_visible("ComeComePay") && app.web_processes() == 1
    })
    .await;
    assert_eq!(app.pid(), pid);
    sb.shutdown().await;
}
