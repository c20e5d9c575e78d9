//! The sync engine against the sandbox: incremental 3-D Secure polling, page shifts, events.

use crate::support::*;
use ccp_core::{Core, Resource};
use ccp_model::ipc::AppEvent;
use ccp_sandbox::InjectPasscode;
use std::collections::HashSet;
use std::time::Duration;

const RECORDS: &str = "GET /api/v1/3ds/my-records";

#[tokio::test]
async fn an_idle_poll_is_one_request_with_10000_records_of_history() {
    let sb = sandbox().await;
    let (_dir, core) = open_core(&sb, "idle").await;
    sign_in(&core).await;
    sb.control().bulk_3ds(10_000, None).await.unwrap();

    core.sync_resource(Resource::Passcodes).await.unwrap();
    let first = sb.control().request_counts().await.unwrap()[RECORDS];
    assert!(first >= 1, "the first sync read the history");
    sb.control().reset_counts().await.unwrap();
    for _ in 0..5 {
        core.sync_resource(Resource::Passcodes).await.unwrap();
    }
    assert_eq!(
        sb.control().request_counts().await.unwrap()[RECORDS],
        5,
        "one request per idle poll"
    );

    // A new record: still one request, and it is cached and announced.
    let mut events = core.subscribe();
    let injected = sb
        .control()
        .inject_3ds(InjectPasscode::code("Idle Shop", "004711"))
        .await
        .unwrap();
    sb.control().reset_counts().await.unwrap();
    core.sync_resource(Resource::Passcodes).await.unwrap();
    assert_eq!(sb.control().request_counts().await.unwrap()[RECORDS], 1);
    let got = next_event(&mut events, |e| match e {
        AppEvent::NewPasscode(p) => Some(p.clone()),
        _ => None,
    })
    .await;
    assert_eq!(got.id, injected.id);
    assert_eq!(got.passcode.expose(), "004711");
    assert_eq!(got.merchant_name, "Idle Shop");
    assert_eq!(core.passcodes().await.unwrap().data[0].id, injected.id);
}

#[tokio::test]
async fn shifting_pages_lose_and_duplicate_nothing() {
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), "shift", false);
    cfg.passcode_page_size = 20;
    cfg.passcode_history = Duration::from_secs(3650 * 86400);
    let core = Core::open(cfg).await.unwrap();
    sign_in(&core).await;
    sb.control().bulk_3ds(150, None).await.unwrap();
    shift_passcode_pages(&sb).await;
    core.sync_resource(Resource::Passcodes).await.unwrap();
    // A second shift in a later round, mid-history again.
    shift_passcode_pages(&sb).await;
    sb.control().bulk_3ds(45, None).await.unwrap();
    core.sync_resource(Resource::Passcodes).await.unwrap();

    let server = RawApi::sign_in(&sb).await.passcode_ids().await;
    let cached = cached_passcode_ids(&core, 100_000).await;
    let unique: HashSet<i64> = cached.iter().copied().collect();
    assert_eq!(unique.len(), cached.len(), "no duplicates");
    assert_eq!(
        cached, server,
        "the cache holds exactly the server's records"
    );
}

#[tokio::test]
async fn a_running_poller_announces_an_injected_passcode() {
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), "poller", false);
    cfg.fast_poll = Duration::from_millis(100);
    let core = Core::open(cfg).await.unwrap();
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    let mut events = core.subscribe();
    let _sync = core.start_sync();
    core.set_foreground(true);
    let injected = sb
        .control()
        .inject_3ds(InjectPasscode {
            merchant_name: Some("Poller".into()),
            amount: Some("12.30".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let got = next_event(&mut events, |e| match e {
        AppEvent::NewPasscode(p) if p.id == injected.id => Some(p.clone()),
        _ => None,
    })
    .await;
    assert_eq!(got.amount, "12.30");
    assert_eq!(got.passcode, injected.passcode);
    assert!(got.expires_at_unix > got.received_at_unix);
}

/// The user's "a code is coming" (the shell's global shortcut) reads the records at once,
/// however long the planned wait; pressed again while already fast, it adds no request.
#[tokio::test]
async fn expecting_a_passcode_polls_at_once_and_only_once() {
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), "expect", false);
    polls_only_when_woken(&mut cfg);
    let core = Core::open(cfg).await.unwrap();
    sign_in(&core).await;
    // The history first: the poller's own first round is then a single request.
    core.sync_now().await.unwrap();
    let _sync = core.start_sync();
    let polls = || async {
        sb.control()
            .request_counts()
            .await
            .unwrap()
            .get(RECORDS)
            .copied()
    };
    for _ in 0..100 {
        if polls().await.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(polls().await.is_some(), "the poller's first round");
    tokio::time::sleep(Duration::from_millis(300)).await;
    sb.control().reset_counts().await.unwrap();
    core.expect_passcode();
    for _ in 0..100 {
        if polls().await.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(polls().await, Some(1), "read at once");
    core.expect_passcode();
    core.note_activity();
    core.set_foreground(true);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(polls().await, Some(1), "no faster pace, no extra request");
}

#[tokio::test]
async fn sync_now_fills_the_snapshot_and_emits_changes() {
    let sb = sandbox().await;
    let (_dir, core) = open_core(&sb, "snap").await;
    let mut events = core.subscribe();
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    let cards = next_event(&mut events, |e| match e {
        AppEvent::CardsChanged { cards, .. } => Some(cards.clone()),
        _ => None,
    })
    .await;
    let snap = core.snapshot().await.unwrap();
    assert_eq!(snap.cards.data, cards);
    assert!(!cards.is_empty());
    assert!(snap.cards.fetched_at.is_some() && snap.kyc.fetched_at.is_some());
    assert!(snap.kyc.data.status.is_some());
    assert_eq!(snap.session.unwrap().email, ccp_sandbox::DEMO_EMAIL);
    for c in &cards {
        // BIN + last 4 at most.
        assert!(
            c.masked_number
                .chars()
                .filter(|ch| ch.is_ascii_digit())
                .count()
                <= 10,
            "{}",
            c.masked_number
        );
    }
    assert_eq!(
        snap.sync.connectivity,
        ccp_model::view::Connectivity::Online
    );
    // A second round without changes announces no cards.
    core.sync_resource(Resource::Cards).await.unwrap();
    while let Ok(e) = events.try_recv() {
        assert!(
            !matches!(e, AppEvent::CardsChanged { .. }),
            "unchanged cards were announced"
        );
    }
}

/// The seed's page size is 20, and a deployment may serve fewer than asked: a page of 7 when
/// we asked for 20 is not the last one. Every record still arrives, and an idle poll stays
/// one request.
#[tokio::test]
async fn a_server_that_caps_pages_still_yields_every_record() {
    let sb = sandbox_with(|c| c.page_cap = Some(7)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), "capped", false);
    cfg.passcode_history = Duration::from_secs(3650 * 86400);
    let core = Core::open(cfg).await.unwrap();
    sign_in(&core).await;
    sb.control().bulk_3ds(60, None).await.unwrap();
    core.sync_resource(Resource::Passcodes).await.unwrap();
    let page = RawApi::sign_in(&sb)
        .await
        .get("/3ds/my-records?page=1&page_size=20")
        .await;
    assert_eq!(page["data"]["page_size"], 7, "the sandbox caps pages");
    let total = page["data"]["total"].as_u64().unwrap() as usize;
    assert!(total > 60);
    let cached = core.passcodes_up_to(10_000).await.unwrap().data.len();
    assert_eq!(cached, total, "every record");
    sb.control().reset_counts().await.unwrap();
    core.sync_resource(Resource::Passcodes).await.unwrap();
    assert_eq!(sb.control().request_counts().await.unwrap()[RECORDS], 1);
}

/// `/card/list` without `data` is "no cards" (as the service's mobile client shows it), not
/// a failed sync.
#[tokio::test]
async fn a_card_list_without_data_is_no_cards() {
    let (_sb, _dir, core) = lenient("nodata", |c| c.card_list_without_data = true).await;
    core.sync_resource(Resource::Cards).await.unwrap();
    let cards = core.cards().await.unwrap();
    assert!(cards.data.is_empty());
    assert!(cards.fetched_at.is_some(), "a successful, empty fetch");
}

/// `/card/account-details` with the details at the top level instead of under `data` is read
/// as well: the balance and expiry arrive.
#[tokio::test]
async fn account_details_at_the_top_level_are_read() {
    let (_sb, _dir, core) = lenient("toplevel", |c| c.account_details_top_level = true).await;
    core.sync_resource(Resource::Cards).await.unwrap();
    let cards = core.cards().await.unwrap().data;
    assert!(!cards.is_empty());
    assert!(
        cards
            .iter()
            .all(|c| c.balance.is_some() && c.expiry_date.is_some()),
        "{cards:?}"
    );
}

/// The seed marks every 3-D Secure field optional and the service's mobile client reads
/// numbers as text and the reverse: such records are read, a record that still cannot be
/// (no passcode) is skipped and counted — never a failed page or sync.
#[tokio::test]
async fn odd_passcode_records_are_read_and_an_unreadable_one_is_counted() {
    let (sb, _dir, core) = lenient("loose", |c| c.lenient_records = true).await;
    for (i, merchant) in ["Text Id", "Number Amount", "Null Merchant", "Text Expiry"]
        .iter()
        .enumerate()
    {
        sb.control()
            .inject_3ds(InjectPasscode::code(*merchant, format!("00{i}123")))
            .await
            .unwrap();
    }
    core.sync_resource(Resource::Passcodes).await.unwrap();
    let codes = core.passcodes().await.unwrap().data;
    let live: Vec<_> = codes
        .iter()
        .filter(|p| p.is_live(ccp_core::now_unix()))
        .collect();
    assert_eq!(live.len(), 4, "{codes:?}");
    assert!(
        live.iter().any(|p| p.passcode.expose() == "000123"),
        "leading zeros kept"
    );
    let status = core.sync_status();
    assert!(status.unreadable_records >= 1, "{status:?}");
    assert!(status.last_error.is_none(), "{status:?}");
}
