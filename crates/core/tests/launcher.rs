//! The desktop app's choice of server: first run (none), remembered, switched (signing out of
//! the old one first), refused before anything changes (the demo's one session: ccp-demo's
//! tests).

use crate::support::*;
use ccp_core::launcher::{LaunchOptions, Launcher};
use ccp_model::ipc::{AppMode, ServerChoice};

fn options(dir: &std::path::Path, tag: &str) -> LaunchOptions {
    require_test_session();
    LaunchOptions {
        data_dir: dir.to_path_buf(),
        keyring_service: Some(unique_service(tag)),
        demo: None,
        app_version: "0.1.0".into(),
        download_hosts: vec!["example.com".into()],
        passcode_window: None,
    }
}

fn server(url: &str) -> ServerChoice {
    ServerChoice::Server {
        url: url.into(),
        allow_insecure_http: false,
    }
}

#[tokio::test]
async fn first_run_has_no_server_then_the_choice_is_remembered_and_a_switch_signs_out() {
    let (first, second) = (sandbox().await, sandbox().await);
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path(), "launch");

    let launcher = Launcher::open(opts.clone(), None).await.unwrap();
    assert!(launcher.core().is_none() && launcher.connection().is_none());
    assert!(launcher.require_core().is_err());

    let info = launcher.choose(server(&first.base_url())).await.unwrap();
    assert_eq!(
        (info.mode, info.server.as_str(), info.insecure),
        (AppMode::Live, first.base_url().as_str(), false)
    );
    let core = launcher.require_core().unwrap();
    sign_in(&core).await;
    launcher.close_current().await;
    drop(launcher);

    // Remembered: the next start opens the same server and restores its session.
    let launcher = Launcher::open(opts.clone(), None).await.unwrap();
    let core = launcher.require_core().unwrap();
    assert!(core.is_signed_in(), "the session of the remembered server");

    // A refused address changes nothing: still the first server, still signed in.
    let refused = launcher.choose(server("http://203.0.113.7:8080")).await;
    assert!(refused.unwrap_err().to_string().contains("plain http"));
    assert_eq!(launcher.connection().unwrap().server, first.base_url());
    assert!(launcher.require_core().unwrap().is_signed_in());

    // Switching signs out of the old server (the server hears it) and opens the new one.
    launcher.choose(server(&second.base_url())).await.unwrap();
    let counts = first.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("POST /api/v1/auth/logout"),
        Some(&1),
        "{counts:?}"
    );
    assert!(!core.is_signed_in());
    assert!(!launcher.require_core().unwrap().is_signed_in());
    launcher.close_current().await;
    drop(launcher);
    let launcher = Launcher::open(opts.clone(), None).await.unwrap();
    assert_eq!(launcher.connection().unwrap().server, second.base_url());

    // The command line's choice is for one run only.
    let once = Launcher::open(opts.clone(), Some(server(&first.base_url())));
    let once = once.await.unwrap();
    assert_eq!(once.connection().unwrap().server, first.base_url());
    once.close_current().await;
    launcher.close_current().await;
    let again = Launcher::open(opts, None).await.unwrap();
    assert_eq!(again.connection().unwrap().server, second.base_url());
    again.close_current().await;
}

#[tokio::test]
async fn plain_http_elsewhere_is_taken_only_when_allowed_and_then_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let launcher = Launcher::open(options(dir.path(), "insecure"), None)
        .await
        .unwrap();
    assert!(
        launcher
            .choose(server("http://203.0.113.7:8080"))
            .await
            .is_err()
    );
    assert!(launcher.core().is_none());
    let info = launcher
        .choose(ServerChoice::Server {
            url: "http://203.0.113.7:8080".into(),
            allow_insecure_http: true,
        })
        .await
        .unwrap();
    assert!(info.insecure);
    launcher.close_current().await;
}

/// The update check runs in the background once a day against the chosen server: a newer
/// release is published (event + `update()`) with its https link only, and remembered so the
/// next start does not ask again; a server that announces nothing for desktops (the contract's
/// own service answers 400 for them) is no update and no error.
#[tokio::test]
async fn a_newer_release_is_announced_once_a_day_with_https_links_only() {
    let released = |url: &str| ccp_sandbox::Config {
        otp_fixed: Some(OTP.into()),
        desktop_release: Some(("0.2.0".into(), url.into())),
        ..Default::default()
    };
    let sb = ccp_sandbox::Sandbox::start(released("https://example.com/ccp-0.2.0.deb"))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path(), "update");
    let launcher = Launcher::open(opts.clone(), Some(server(&sb.base_url())))
        .await
        .unwrap();
    let mut events = launcher.subscribe();
    let update = loop {
        match tokio::time::timeout(std::time::Duration::from_secs(10), events.recv()).await {
            Ok(Ok(ccp_model::ipc::AppEvent::UpdateAvailable(u))) => break u,
            Ok(_) => continue,
            Err(_) => panic!("no update announced"),
        }
    };
    assert_eq!(update.version, "0.2.0");
    assert_eq!(
        update.download_url.as_deref(),
        Some("https://example.com/ccp-0.2.0.deb")
    );
    assert_eq!(launcher.update(), Some(update.clone()));
    launcher.close_current().await;
    drop(launcher);

    // A restart within the day takes the remembered answer without asking.
    let launcher = Launcher::open(opts.clone(), Some(server(&sb.base_url())))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(launcher.update().map(|u| u.version), Some("0.2.0".into()));
    let control = sb.control();
    let asked = control.request_count("GET /api/v1/app-version").await;
    assert_eq!(
        asked.unwrap(),
        1,
        "asked once: the restart took the remembered answer"
    );
    launcher.close_current().await;

    // Read back from update.json, a link is checked again: one to a host this build does not
    // list (an older build's file, or an edited one) is dropped.
    let file = dir.path().join("update.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace("https://example.com/", "https://evil.example/");
    assert_ne!(text, edited);
    std::fs::write(&file, edited).unwrap();
    let launcher = Launcher::open(opts.clone(), Some(server(&sb.base_url())))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let update = launcher.update().expect("the remembered update");
    assert_eq!(
        (update.version.as_str(), update.download_url),
        ("0.2.0", None)
    );
    launcher.close_current().await;

    // A plain-http link, or one to a host not on the build's list, is not offered; the
    // service's default (phones only) is no update.
    let http = ccp_sandbox::Sandbox::start(released("http://example.com/ccp.deb"))
        .await
        .unwrap();
    let elsewhere = ccp_sandbox::Sandbox::start(released("https://evil.example/ccp.deb"))
        .await
        .unwrap();
    let phones = sandbox().await;
    for (sb, expected_url) in [(&http, true), (&elsewhere, true), (&phones, false)] {
        let dir = tempfile::tempdir().unwrap();
        let launcher = Launcher::open(options(dir.path(), "update2"), Some(server(&sb.base_url())))
            .await
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while dir.path().join("update.json").metadata().is_err() {
            assert!(std::time::Instant::now() < deadline, "the check never ran");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        match launcher.update() {
            Some(u) => {
                assert!(expected_url, "the phones-only service announces nothing");
                assert_eq!(u.download_url, None, "no http link, no unlisted host");
            }
            None => assert!(!expected_url),
        }
        launcher.close_current().await;
    }
}
