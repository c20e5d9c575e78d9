//! The macOS bundle, as far as a Linux machine can check it: no Apple SDK here, so nothing is
//! linked or bundled for macOS (every line of Rust is type-checked by `scripts/windows.sh
//! check`). What the bundler would be given is checked instead: the config, the Info.plist it
//! merges, and that the layout puts the browser host where the app looks for it.

use std::path::Path;

fn conf() -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(root().join("tauri.conf.json")).unwrap()).unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Info.plist we merge: well-formed, only keys tauri.conf.json cannot set (one source of
/// truth for id, name and version), passcode notifications that stay until dismissed, and the
/// app's four languages under Apple's names.
#[test]
fn the_merged_info_plist_adds_alert_notifications_and_the_four_languages_only() {
    let conf = conf();
    let mac = &conf["bundle"]["macOS"];
    let path = root().join(mac["infoPlist"].as_str().expect("bundle.macOS.infoPlist"));
    let plist = plist::Value::from_file(&path)
        .expect("a well-formed plist")
        .into_dictionary()
        .expect("a dictionary at the top");
    assert_eq!(
        plist
            .get("NSUserNotificationAlertStyle")
            .and_then(|v| v.as_string()),
        Some("alert")
    );
    let apple = |lang: ccp_model::i18n::Lang| match lang {
        ccp_model::i18n::Lang::Zh => "zh-Hans",
        other => other.code(),
    };
    let languages: Vec<&str> = plist["CFBundleLocalizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    let ours: Vec<&str> = ccp_model::i18n::Lang::ALL.into_iter().map(apple).collect();
    assert_eq!(languages, ours);
    assert_eq!(
        plist["CFBundleDevelopmentRegion"].as_string(),
        Some(apple(ccp_model::i18n::Lang::default()))
    );
    for set_by_the_config in [
        "CFBundleIdentifier",
        "CFBundleName",
        "CFBundleShortVersionString",
        "CFBundleVersion",
        "CFBundleExecutable",
        "LSMinimumSystemVersion",
    ] {
        assert!(
            !plist.contains_key(set_by_the_config),
            "{set_by_the_config} comes from tauri.conf.json"
        );
    }
    assert_eq!(conf["identifier"], "com.comecomepay.desktop");
    // WKWebView is the system's WebKit: the `dateStyle`/`timeStyle` of `Intl.DateTimeFormat`,
    // which the UI's dates use, came with Safari 14.1, which macOS 10.15 gets.
    assert_eq!(mac["minimumSystemVersion"], "10.15");
    assert!(
        conf["bundle"]["icon"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i == "icons/icon.icns")
    );
    assert!(root().join("icons/icon.icns").is_file());
}

/// `ccp`, the browser host and the demo's server go into `Contents/MacOS`, beside the app's
/// binary: where the app looks for the host when Settings → Browser writes the manifests and
/// for the server when the user tries the demo, and on `PATH` for a symlink to `ccp`.
#[test]
fn the_bundle_puts_ccp_the_browser_host_and_the_demo_server_beside_the_app() {
    let conf = conf();
    let files = conf["bundle"]["macOS"]["files"].as_object().unwrap();
    let app = Path::new("/Applications/ComeComePay Desktop.app/Contents");
    let binary = app
        .join("MacOS")
        .join(conf["mainBinaryName"].as_str().unwrap());
    // The app finds the host with the same rule on every system; macOS binaries have no suffix,
    // as on Linux where this runs.
    let placed: Vec<_> = files.keys().map(|k| app.join(k)).collect();
    for program in [
        ccp_core::programs::BROWSER_HOST,
        ccp_core::programs::SANDBOX,
    ] {
        let path = ccp_core::programs::find(&binary, program);
        assert!(placed.contains(&path), "{path:?} not in {placed:?}");
    }
    assert!(placed.contains(&app.join("MacOS/ccp")), "{placed:?}");
    for source in files.values() {
        let source = source.as_str().unwrap();
        assert!(
            source.starts_with("packaging/macos/stage/"),
            "{source}: staged by scripts/macos.sh"
        );
    }
}
