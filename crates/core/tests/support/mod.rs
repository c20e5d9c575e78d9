//! Shared test setup of the `integration` binary: everything in `common` (also used by the
//! separate `secrets` binary), plus event waiting and passcode listing.

mod common;

pub use common::*;

use ccp_core::{Config, Core};
use ccp_model::ipc::AppEvent;
use std::time::Duration;
use tokio::sync::broadcast;

/// A core of `sb` (no keyring: its session stays in memory) in a temp data dir of its own, the
/// dir kept alive beside it.
pub async fn open_core(sb: &ccp_sandbox::Sandbox, tag: &str) -> (tempfile::TempDir, Core) {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(config(sb, dir.path(), tag, false))
        .await
        .unwrap();
    (dir, core)
}

/// A core signed in through the real keyring and synced once, with its sandbox, data dir and
/// config (to open the same session again, as the next run would).
pub async fn synced_keyring_core(
    tag: &str,
) -> (ccp_sandbox::Sandbox, tempfile::TempDir, Config, Core) {
    warm_keyring().await;
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&sb, dir.path(), tag, true);
    let core = Core::open(cfg.clone()).await.unwrap();
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    (sb, dir, cfg, core)
}

/// Polls planned ten minutes apart at every pace: within a test only a wake-up (or a start)
/// makes the poller read.
pub fn polls_only_when_woken(cfg: &mut Config) {
    cfg.fast_poll = Duration::from_secs(600);
    cfg.likely_poll = Duration::from_secs(600);
    cfg.slow_poll = Duration::from_secs(600);
}

/// Waits (bounded, as a hang guard only) for the first event that `pick` accepts.
pub async fn next_event<T>(
    rx: &mut broadcast::Receiver<AppEvent>,
    mut pick: impl FnMut(&AppEvent) -> Option<T>,
) -> T {
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match rx.recv().await {
                Ok(e) => {
                    if let Some(t) = pick(&e) {
                        return t;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(e) => panic!("event channel: {e}"),
            }
        }
    })
    .await
    .expect("the expected event arrived")
}

impl RawApi {
    /// Every 3-D Secure record id on the server, newest first.
    pub async fn passcode_ids(&self) -> Vec<i64> {
        let mut ids = Vec::new();
        for page in 1.. {
            let v = self
                .get(&format!("/3ds/my-records?page={page}&page_size=100"))
                .await;
            let records = v["data"]["records"].as_array().unwrap().clone();
            if records.is_empty() {
                break;
            }
            ids.extend(records.iter().map(|r| r["id"].as_i64().unwrap()));
        }
        ids
    }
}

/// A sandbox simulating a lenient service shape, signed in, with its core.
/// `shape` sets the sandbox's lenient switches on top of the tests' defaults.
pub async fn lenient(
    tag: &str,
    shape: impl FnOnce(&mut ccp_sandbox::Config),
) -> (ccp_sandbox::Sandbox, tempfile::TempDir, Core) {
    let sb = sandbox_with(shape).await;
    let (dir, core) = open_core(&sb, tag).await;
    sign_in(&core).await;
    (sb, dir, core)
}

/// The ids of the newest `up_to` passcodes the cache holds, newest first.
pub async fn cached_passcode_ids(core: &Core, up_to: u32) -> Vec<i64> {
    let page = core.passcodes_up_to(up_to).await.unwrap();
    page.data.iter().map(|p| p.id).collect()
}

/// Arms the sandbox to shift the 3-D Secure pages once, mid-read (a record arriving between two
/// pages pushes every older one down a place): what a sync must survive without a loss.
pub async fn shift_passcode_pages(sb: &ccp_sandbox::Sandbox) {
    let spec = ccp_sandbox::FaultSpec::new(ccp_sandbox::FaultKind::PageShift);
    let fault = spec.on("/api/v1/3ds/my-records");
    sb.control().fault(fault).await.unwrap();
}
