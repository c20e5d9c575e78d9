//! Every page of the window through axe-core: light and dark, in all four languages. The issue's
//! bar is 0 serious or critical violations; every violation found is printed (the numbers for
//! the closing note), the severe ones fail the test.

use crate::support::a11y::Violation;
use crate::support::*;

/// Audits the page as it is now and records what axe says under `name`.
async fn audit(app: &App, name: &str, found: &mut Vec<(String, Violation)>) {
    // Let the page settle (events, fonts) before judging it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let violations = app.axe().await;
    println!(
        "AXE [{name}]: {} violations ({} serious or critical){}",
        violations.len(),
        violations.iter().filter(|v| v.is_severe()).count(),
        violations
            .iter()
            .map(|v| format!("\n  {} {}: {} {:?}", v.impact, v.id, v.help, v.nodes))
            .collect::<String>()
    );
    found.extend(violations.into_iter().map(|v| (name.to_owned(), v)));
    // Text drawn as boxes counts as critical: a cardholder cannot read it.
    let (missing, measured) = app.missing_glyphs().await;
    println!("GLYPHS [{name}]: {measured} non-ASCII characters, drawn as boxes: {missing:?}");
    // Chinese and Arabic pages must have had their own script measured (English and
    // Indonesian are written in ASCII).
    if name.ends_with("/zh") || name.ends_with("/ar") {
        assert!(measured > 0, "{name}: no text in the language was measured");
    }
    if !missing.is_empty() {
        found.push((
            name.to_owned(),
            Violation {
                id: "missing-glyphs".into(),
                impact: "critical".into(),
                help: "characters drawn as boxes (a font lacks them)".into(),
                nodes: vec![missing],
            },
        ));
    }
    // Card faces: white text on a gradient, which axe cannot judge: measured here.
    if let Some(contrast) = app.card_face_contrast().await {
        println!("FACES [{name}]: lowest text contrast {contrast:.2}:1");
        if contrast < 4.5 {
            found.push((
                name.to_owned(),
                Violation {
                    id: "card-face-contrast".into(),
                    impact: "serious".into(),
                    help: "card face text below 4.5:1 against its gradient".into(),
                    nodes: vec![format!("{contrast:.2}:1")],
                },
            ));
        }
    }
    // Right to left: left-to-right runs drawn in their own order, one digit system.
    if name.ends_with("/ar") {
        let (misordered, checked, indic) = app.bidi_misordered().await;
        println!(
            "BIDI [{name}]: {checked} left-to-right runs, out of order: {misordered:?}, Arabic-Indic digits: {indic:?}"
        );
        assert!(checked > 0, "{name}: no left-to-right run was checked");
        if !misordered.is_empty() || !indic.is_empty() {
            found.push((
                name.to_owned(),
                Violation {
                    id: "bidi-order".into(),
                    impact: "serious".into(),
                    help: "a number, code or amount drawn out of order, or two digit systems"
                        .into(),
                    nodes: vec![format!("{misordered:?} {indic:?}")],
                },
            ));
        }
    }
    // The same moment as a picture: scripts/screenshots.sh copies these to docs/.
    app.screenshot(&format!("page-{}", name.replace('/', "-")))
        .await;
}

/// The signed-in pages, in the order a user meets them: what to click, what shows the page has
/// come, and the page's name in the report and the screenshot's file name.
const SIGNED_IN_PAGES: [(&str, &str, &str); 11] = [
    ("#nav-cards", ".card-tile", "cards"),
    (".card-tile .card-open", ".txn-row", "card"),
    (
        ".txn-row .txn-open",
        ".txn-detail .txn-facts",
        "transaction",
    ),
    ("#nav-activity", ".feed-day .txn-row", "activity"),
    ("#nav-inbox", ".message", "inbox"),
    ("#nav-codes", "#codes-heading", "codes"),
    ("#codes-history", ".history-row", "history"),
    ("#nav-profile", "#profile-heading", "profile"),
    ("#nav-kyc", "#kyc-status", "kyc"),
    ("#nav-settings", "#settings-heading", "settings"),
    ("#settings-open-keys", "#keys-heading", "keys"),
];

async fn signed_in_pages(app: &App, theme: &str, lang: &str, found: &mut Vec<(String, Violation)>) {
    for (click, shown, page) in SIGNED_IN_PAGES {
        app.click(click).await;
        app.wait_for(shown).await;
        audit(app, &format!("{page}/{theme}/{lang}"), found).await;
    }
    guard_pages(app, theme, lang, found).await;
    cancel_question(app, theme, lang, found).await;
}

/// A card's cancellation question on its page (answered "Keep the card").
async fn cancel_question(app: &App, theme: &str, lang: &str, found: &mut Vec<(String, Violation)>) {
    app.click("#nav-cards").await;
    app.click(".card-tile.status-normal .card-open").await;
    app.click(".card-tile.detailed .card-cancel").await;
    app.wait_for(".card-cancel-confirm").await;
    audit(app, &format!("cancel/{theme}/{lang}"), found).await;
    app.click(".card-cancel-keep").await;
}

/// "Wasn't me"'s question (left with "Not now") and the lock screen (a PIN set on the first
/// visit, then "Lock now" and unlocked again).
async fn guard_pages(app: &App, theme: &str, lang: &str, found: &mut Vec<(String, Violation)>) {
    app.click("#nav-codes").await;
    app.click(".passcode-row .passcode-wasnt-me").await;
    app.wait_for("#freeze-all-question").await;
    audit(app, &format!("wasnt-me/{theme}/{lang}"), found).await;
    app.click("#freeze-all-cancel").await;
    app.click("#nav-settings").await;
    app.wait_for("#settings-app-lock").await;
    if !app.has("#lock-now").await {
        app.type_into("#lock-new", "2468").await;
        app.type_into("#lock-again", "2468").await;
        app.click("#lock-set").await;
    }
    app.click("#lock-now").await;
    app.wait_for("#lock-pin").await;
    audit(app, &format!("locked/{theme}/{lang}"), found).await;
    app.type_into("#lock-pin", "2468").await;
    app.click("#lock-unlock").await;
    app.wait_for("#settings-heading").await;
}

async fn in_language(app: &App, code: &str, settings_heading: &str) {
    app.click("#nav-settings").await;
    let select = app.wait_for("#settings-language").await;
    select
        .select_by_value(code)
        .await
        .expect("choose the language");
    app.wait_text("#settings-heading", |t| t == settings_heading)
        .await;
}

async fn in_arabic(app: &App) {
    in_language(app, "ar", "الإعدادات").await;
}

fn severe(found: &[(String, Violation)]) -> Vec<String> {
    found
        .iter()
        .filter(|(_, v)| v.is_severe())
        .map(|(page, v)| format!("{page}: {} {} {:?}", v.impact, v.id, v.nodes))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_passes_axe_in_light_and_dark_in_all_four_languages() {
    let _one = SERIAL.lock().await;
    let sb = sandbox().await;
    // A live code, so the Codes page and the history have something to show.
    sb.control()
        .inject_3ds(ccp_sandbox::InjectPasscode {
            merchant_name: Some("Axe Books".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut found = Vec::new();

    // Light: the first run's welcome, then sign-in and every page, in English then Arabic.
    let app = launch_first_run("axe-light").await;
    app.wait_for("#welcome-heading").await;
    audit(&app, "welcome/light/en", &mut found).await;
    app.type_into("#welcome-server", &sb.base_url()).await;
    app.click("#welcome-connect").await;
    app.wait_for("#signin-email").await;
    audit(&app, "sign-in/light/en", &mut found).await;
    // The e-mailed code's step, judged on its own.
    app.type_into("#signin-email", ccp_sandbox::DEMO_EMAIL)
        .await;
    app.type_into("#signin-password", ccp_sandbox::DEMO_PASSWORD)
        .await;
    app.click("#signin-submit").await;
    app.wait_for("#signin-otp").await;
    audit(&app, "sign-in-code/light/en", &mut found).await;
    app.type_into("#signin-otp", ccp_sandbox::TEST_OTP).await;
    app.click("#signin-otp-submit").await;
    app.wait_for(".card-tile").await;
    signed_in_pages(&app, "light", "en", &mut found).await;
    in_language(&app, "zh", "设置").await;
    signed_in_pages(&app, "light", "zh", &mut found).await;
    app.click("#nav-cards").await;
    app.wait_for(".card-tile").await;
    let zh_balances = app.texts(".card-tile .card-balance").await;
    in_language(&app, "id", "Pengaturan").await;
    signed_in_pages(&app, "light", "id", &mut found).await;
    in_arabic(&app).await;
    signed_in_pages(&app, "light", "ar", &mut found).await;
    app.click("#nav-cards").await;
    app.wait_for(".card-tile").await;
    let ar_balances = app.texts(".card-tile .card-balance").await;
    // Money by the webview's Intl in Western digits in Arabic too (one digit system on a page:
    // codes and card numbers use them), each amount one left-to-right run (LRI … PDI) inside
    // the Arabic: the same amounts exactly, none lost.
    assert!(!zh_balances.is_empty());
    assert!(
        ar_balances
            .iter()
            .all(|b| b.starts_with('\u{2066}') && b.ends_with('\u{2069}')),
        "{ar_balances:?}"
    );
    let plain: Vec<String> = ar_balances
        .iter()
        .map(|b| b.trim_matches(['\u{2066}', '\u{2069}']).to_owned())
        .collect();
    assert_eq!(plain, zh_balances, "Arabic {ar_balances:?}");
    app.close().await;

    // Dark (the desktop's dark theme, which WebKitGTK reports as prefers-color-scheme: dark).
    let app = launch_with_env(
        &["--server", &sb.base_url()],
        &[("GTK_THEME", "Adwaita:dark")],
        "axe-dark",
    )
    .await;
    app.wait_for("#signin-email").await;
    audit(&app, "sign-in/dark/en", &mut found).await;
    app.sign_in_demo().await;
    signed_in_pages(&app, "dark", "en", &mut found).await;
    in_language(&app, "zh", "设置").await;
    signed_in_pages(&app, "dark", "zh", &mut found).await;
    in_language(&app, "id", "Pengaturan").await;
    signed_in_pages(&app, "dark", "id", &mut found).await;
    in_arabic(&app).await;
    signed_in_pages(&app, "dark", "ar", &mut found).await;
    app.screenshot("settings-dark-ar").await;
    // Offline: the server gone, a refresh says so and the cached pages stay readable.
    sb.shutdown().await;
    app.click("#nav-cards").await;
    app.click(".sync-now").await;
    app.wait_for(".sync.offline").await;
    audit(&app, "offline/dark/ar", &mut found).await;
    app.close().await;

    println!(
        "AXE total: {} violations, {} serious or critical",
        found.len(),
        severe(&found).len()
    );
    assert_eq!(severe(&found), Vec::<String>::new());
}

/// The states a cardholder meets less often, judged and pictured like the rest: empty lists
/// (the second demo user has no codes, no code history and no notifications) and a page whose
/// server answers with an error, in English and Arabic.
#[tokio::test(flavor = "multi_thread")]
async fn empty_lists_and_an_error_pass_axe_too() {
    let _one = SERIAL.lock().await;
    let sb = sandbox().await;
    let app = launch(&sb.base_url(), "axe-empty").await;
    app.sign_in(ccp_sandbox::OTHER_EMAIL, ccp_sandbox::OTHER_PASSWORD)
        .await;
    app.wait_for(".card-tile").await;
    let mut found = Vec::new();
    for (lang, settings) in [("en", "Settings"), ("ar", "الإعدادات")] {
        if lang != "en" {
            in_language(&app, lang, settings).await;
        }
        app.click("#nav-codes").await;
        app.wait_for(".codes-page .empty").await;
        audit(&app, &format!("empty-codes/light/{lang}"), &mut found).await;
        app.click("#codes-history").await;
        app.wait_for(".history-page .empty").await;
        audit(&app, &format!("empty-history/light/{lang}"), &mut found).await;
        app.click("#nav-inbox").await;
        app.wait_for("#inbox-notification ~ .empty, .inbox-list .empty")
            .await;
        audit(&app, &format!("empty-inbox/light/{lang}"), &mut found).await;
        // The server fails every transaction list: the feed says so, in the user's language.
        sb.control()
            .fault(
                ccp_sandbox::FaultSpec::status(500)
                    .on("/api/v1/card/transaction-history")
                    .method("GET")
                    .times(20),
            )
            .await
            .unwrap();
        app.click("#nav-activity").await;
        let error = app.wait_for(".activity-page .error").await;
        assert!(!error.text().await.unwrap().trim().is_empty());
        audit(&app, &format!("error/light/{lang}"), &mut found).await;
        sb.control().clear_faults().await.unwrap();
    }
    println!(
        "AXE empty and error: {} violations, {} serious or critical",
        found.len(),
        severe(&found).len()
    );
    assert_eq!(severe(&found), Vec::<String>::new());
    finish(app, sb).await;
}
