//! What the session leaves on disk: only the user may read it (Unix modes), and old passcodes
//! do not pile up in the cache.

use crate::support::*;
use ccp_core::{Core, Resource, now_unix};
use ccp_sandbox::InjectPasscode;
use std::time::Duration;

#[cfg(unix)]
#[tokio::test]
async fn the_data_dir_is_0700_and_the_cache_and_settings_files_0600() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    warm_keyring().await;
    let sb = sandbox().await;
    let tmp = tempfile::tempdir().unwrap();
    // Not the temp dir itself (tempfile makes that 0700 already): one the core creates.
    let data = tmp.path().join("data");
    let mut cfg = config(&sb, &data, "modes", true);
    cfg.settings_file = Some(data.join("settings.json"));
    let core = Core::open(cfg).await.unwrap();
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    core.save_settings(&core.settings()).unwrap();

    let db = core.cache_path();
    assert_eq!(mode(&data), 0o700, "the data directory");
    assert_eq!(mode(db.parent().unwrap()), 0o700, "the cache's directory");
    assert_eq!(mode(&db), 0o600, "cache.db");
    let mut companions = 0;
    for suffix in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let p = std::path::PathBuf::from(p);
        if p.exists() {
            companions += 1;
            assert_eq!(mode(&p), 0o600, "cache.db{suffix}");
        }
    }
    assert!(
        companions > 0,
        "the WAL files are checked while the cache is open"
    );
    assert_eq!(mode(&data.join("settings.json")), 0o600, "settings.json");
    core.logout().await.unwrap();
}

fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

#[tokio::test]
async fn passcodes_older_than_the_retention_window_are_pruned_after_a_sync() {
    const DAY: i64 = 24 * 3600;
    warm_keyring().await;
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), "prune", true);
    let inject = |received_at: i64, passcode: &str| InjectPasscode {
        merchant_name: Some("Retention Shop".into()),
        passcode: Some(passcode.into()),
        received_at: Some(rfc3339(received_at)),
        ..Default::default()
    };
    let old = sb
        .control()
        .inject_3ds(inject(now_unix() - 40 * DAY, "400400"))
        .await
        .unwrap();
    let recent = sb
        .control()
        .inject_3ds(inject(now_unix() - 2 * DAY, "200200"))
        .await
        .unwrap();

    // An earlier run fetched 90 days of history (so the 40-day-old code is cached: pruning
    // never goes below the history window).
    cfg.passcode_history = Duration::from_secs(90 * DAY as u64);
    let first = Core::open(cfg.clone()).await.unwrap();
    sign_in(&first).await;
    first.sync_resource(Resource::Passcodes).await.unwrap();
    assert!(first.passcode(old.id).await.unwrap().is_some());
    assert!(first.passcode(recent.id).await.unwrap().is_some());
    first.close().await;
    drop(first);

    // This run: 3 days of history, the default 30-day retention.
    cfg.passcode_history = Duration::from_secs(3 * DAY as u64);
    assert_eq!(cfg.passcode_retention, Duration::from_secs(30 * DAY as u64));
    let core = Core::open(cfg).await.unwrap();
    assert!(core.is_signed_in());
    assert!(
        core.passcode(old.id).await.unwrap().is_some(),
        "still cached"
    );
    core.sync_resource(Resource::Passcodes).await.unwrap();
    assert!(
        core.passcode(old.id).await.unwrap().is_none(),
        "40 days old: pruned"
    );
    assert!(
        core.passcode(recent.id).await.unwrap().is_some(),
        "2 days old: kept"
    );
    core.logout().await.unwrap();
}
