//! Demo mode through the launcher, as the desktop app runs it: the real `ccp-sandbox`
//! program, started and stopped by the launcher.

use ccp_core::launcher::{LaunchOptions, Launcher};
use ccp_model::ipc::{AppMode, ServerChoice};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The `ccp-sandbox` this workspace built, found from this test binary (`target/<profile>/deps/`)
/// with the app's own rule: beside `target/<profile>/`'s binaries.
fn sandbox_program() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let program = ccp_core::programs::find(
        &profile_dir.join("ccp-demo-tests"),
        ccp_core::programs::SANDBOX,
    );
    assert!(
        program.is_file(),
        "{}: build the workspace first (cargo test --workspace builds ccp-sandbox's binary)",
        program.display()
    );
    program
}

fn options(dir: &Path, demo: Option<ccp_demo::Demo>) -> LaunchOptions {
    LaunchOptions {
        data_dir: dir.to_path_buf(),
        keyring_service: Some(format!("ccp-demo-test-{}", std::process::id())),
        demo: demo.map(|demo| Arc::new(demo) as Arc<dyn ccp_core::launcher::StartDemo>),
        app_version: "0.1.0".into(),
        download_hosts: Vec::new(),
        passcode_window: None,
    }
}

/// The demo's server listens on a new port at every start; its session must still be one
/// place, restored at the next start, not one more keyring entry set and cache per start.
/// Writes to the OS keyring: only in a private session (CCP_TEST_SESSION=1, as scripts/test.sh
/// runs it).
#[tokio::test]
async fn the_demo_keeps_one_session_across_starts() {
    ccp_sandbox::require_test_session();
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path(), Some(ccp_demo::Demo::new(sandbox_program())));
    for start in 0..2 {
        let launcher = Launcher::open(opts.clone(), Some(ServerChoice::Demo))
            .await
            .unwrap();
        let core = launcher.require_core().unwrap();
        assert_eq!(launcher.connection().unwrap().mode, AppMode::Demo);
        assert!(core.is_signed_in(), "start {start}: signed in to the demo");
        assert_eq!(core.config().session_scope, ccp_demo::SESSION_SCOPE);
        launcher.close_current().await;
    }
    let sessions = std::fs::read_dir(dir.path().join("demo/sessions"))
        .unwrap()
        .count();
    assert_eq!(sessions, 1, "one demo session directory");
}

/// Without a demo (as `ccp` is built), choosing it is refused and says why.
#[tokio::test]
async fn a_launcher_without_a_demo_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path(), None);
    let Err(e) = Launcher::open(opts, Some(ServerChoice::Demo)).await else {
        panic!("the demo opened without a demo");
    };
    assert!(e.to_string().contains("this build has no demo"), "{e}");
}

/// Leaving the demo stops its server: the launcher waits for the program to end, so nothing
/// answers at its address any more (and a demo started right after finds its store free).
#[tokio::test]
async fn leaving_the_demo_stops_its_server() {
    ccp_sandbox::require_test_session();
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path(), Some(ccp_demo::Demo::new(sandbox_program())));
    let launcher = Launcher::open(opts, Some(ServerChoice::Demo))
        .await
        .unwrap();
    let server = launcher.connection().unwrap().server;
    let version = format!("{server}/api/v1/app-version?platform=android");
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    assert_eq!(http.get(&version).send().await.unwrap().status(), 200);
    launcher.close_current().await;
    assert!(
        http.get(&version).send().await.is_err(),
        "the demo's server still answers at {server}"
    );
}

/// A package without the demo's server (or a build that did not make it) says which program
/// it looked for, instead of a window that waits forever.
#[tokio::test]
async fn a_missing_demo_server_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere/ccp-sandbox");
    let opts = options(dir.path(), Some(ccp_demo::Demo::new(missing.clone())));
    let Err(e) = Launcher::open(opts, Some(ServerChoice::Demo)).await else {
        panic!("the demo opened without its server");
    };
    let said = e.to_string();
    assert!(said.contains("the demo server did not start"), "{said}");
    assert!(said.contains(&missing.display().to_string()), "{said}");
}
