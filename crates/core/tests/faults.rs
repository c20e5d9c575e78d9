//! Every fault knob of the sandbox gives its documented error, and the cache loses nothing.

use crate::support::*;
use ccp_core::{Core, Error, Resource, SyncHandle};
use ccp_model::ipc::{AppEvent, ErrorKind};
use ccp_model::view::SyncStatus;
use ccp_sandbox::{FaultKind, FaultSpec, Sandbox};
use std::time::{Duration, SystemTime};

const CARDS: &str = "/api/v1/card/list";

async fn ready(tag: &str) -> (Sandbox, tempfile::TempDir, Core) {
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), tag, false);
    cfg.request_timeout = Duration::from_millis(700);
    cfg.max_response_bytes = 1024 * 1024;
    let core = Core::open(cfg).await.unwrap();
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    (sb, dir, core)
}

/// Arms `spec` on the card list once, syncs the cards, checks the error, and checks that the
/// cached cards are exactly what they were; then a clean sync works again.
async fn fault_gives(core: &Core, sb: &Sandbox, spec: FaultSpec) -> Error {
    let before = core.cards().await.unwrap();
    sb.control().fault(spec.on(CARDS).times(1)).await.unwrap();
    let err = core.sync_resource(Resource::Cards).await.unwrap_err();
    let after = core.cards().await.unwrap();
    assert_eq!(before, after, "a failed sync changed the cache ({err})");
    core.sync_resource(Resource::Cards)
        .await
        .expect("a clean sync works again");
    err
}

#[tokio::test]
async fn status_faults_map_to_server_errors_and_rate_limits() {
    let (sb, _dir, core) = ready("status").await;
    for code in [500u16, 502, 503] {
        let e = fault_gives(&core, &sb, FaultSpec::status(code)).await;
        assert!(
            matches!(&e, Error::Server { status, .. } if *status == code),
            "{e:?}"
        );
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.to_string().contains(&code.to_string()));
    }
    let e = fault_gives(&core, &sb, FaultSpec::status(429).retry_after("7")).await;
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
    let date = httpdate_in(Duration::from_secs(60));
    let e = fault_gives(&core, &sb, FaultSpec::status(429).retry_after(&date)).await;
    let wait = e.retry_after().expect("HTTP-date Retry-After understood");
    assert!(
        wait > Duration::from_secs(50) && wait <= Duration::from_secs(60),
        "{wait:?}"
    );
}

/// Starts the pollers with the next 3-D Secure records read answered 429 with this
/// `Retry-After`; the sync status that reports it.
async fn poll_into_a_429(sb: &Sandbox, core: &Core, retry_after: &str) -> (SyncHandle, SyncStatus) {
    let mut events = core.subscribe();
    let spec = FaultSpec::status(429).retry_after(retry_after);
    let spec = spec.on("/api/v1/3ds/my-records").times(1);
    sb.control().fault(spec).await.unwrap();
    let sync = core.start_sync();
    let status = next_event(&mut events, |e| match e {
        AppEvent::Sync(s)
            if s.last_error
                .as_deref()
                .is_some_and(|m| m.contains("rate limited")) =>
        {
            Some(s.clone())
        }
        _ => None,
    })
    .await;
    (sync, status)
}

fn httpdate_in(d: Duration) -> String {
    // Formatted by hand-free means: the `Date`-style IMF-fixdate the header uses.
    let t = SystemTime::now() + d;
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() as i64;
    let dt = time::OffsetDateTime::from_unix_timestamp(secs).unwrap();
    let f = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    dt.format(&f).unwrap()
}

#[tokio::test]
async fn body_faults_are_decode_errors_that_name_the_endpoint() {
    let (sb, _dir, core) = ready("body").await;
    let e = fault_gives(&core, &sb, FaultSpec::new(FaultKind::Html)).await;
    assert!(matches!(e, Error::Io(ccp_io::Error::Html { .. })), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("the server answered HTML, not JSON (status 502"),
        "{e}"
    );

    let e = fault_gives(&core, &sb, FaultSpec::new(FaultKind::Truncated)).await;
    assert_eq!(e.kind(), ErrorKind::Decode, "{e:?}");
    assert!(
        e.to_string().contains("GET /card/list") && e.to_string().contains("truncated"),
        "{e}"
    );

    let e = fault_gives(&core, &sb, FaultSpec::new(FaultKind::Malformed)).await;
    assert_eq!(e.kind(), ErrorKind::Decode, "{e:?}");
    assert!(e.to_string().contains("malformed JSON"), "{e}");

    let e = fault_gives(&core, &sb, FaultSpec::new(FaultKind::Huge)).await;
    assert!(
        matches!(&e, Error::Io(ccp_io::Error::TooLarge { limit, .. }) if *limit == 1024 * 1024),
        "{e:?}"
    );

    let e = fault_gives(&core, &sb, FaultSpec::new(FaultKind::CloseMidBody)).await;
    assert!(
        matches!(e, Error::Io(ccp_io::Error::Interrupted { .. })),
        "{e:?}"
    );
}

#[tokio::test]
async fn latency_beyond_the_timeout_is_a_timeout() {
    let (sb, _dir, core) = ready("latency").await;
    let spec = FaultSpec {
        latency_ms: Some(3000),
        ..FaultSpec::new(FaultKind::Latency)
    };
    let e = fault_gives(&core, &sb, spec).await;
    assert!(
        matches!(e, Error::Io(ccp_io::Error::Timeout { .. })),
        "{e:?}"
    );
    assert_eq!(e.kind(), ErrorKind::Timeout);
}

#[tokio::test]
async fn a_page_shift_fault_during_a_passcode_sync_loses_nothing() {
    let (sb, _dir, core) = ready("pageshift").await;
    sb.control().bulk_3ds(130, None).await.unwrap();
    shift_passcode_pages(&sb).await;
    core.sync_resource(Resource::Passcodes).await.unwrap();
    let server = RawApi::sign_in(&sb).await.passcode_ids().await;
    let newest: Vec<i64> = server.iter().take(131).copied().collect();
    assert_eq!(cached_passcode_ids(&core, 131).await, newest);
}

#[tokio::test]
async fn the_poller_obeys_retry_after_and_reports_it() {
    let (sb, _dir, core) = ready("retry").await;
    let (_sync, status) = poll_into_a_429(&sb, &core, "30").await;
    // The passcode poller waits at least the 30 s asked; other resources may be due sooner.
    assert_eq!(status.connectivity, ccp_model::view::Connectivity::Degraded);
    assert!(status.next_attempt.is_some());
    assert!(status.last_error.unwrap().contains("retry in 30 s"));
}

/// Waking the pollers (the window comes to the front, the server is back) never cuts short
/// the wait the server asked for with `Retry-After`.
#[tokio::test]
async fn a_wake_up_does_not_cut_retry_after_short() {
    let (sb, _dir, core) = ready("retrywake").await;
    let (_sync, _) = poll_into_a_429(&sb, &core, "4").await;
    sb.control().reset_counts().await.unwrap();
    for _ in 0..5 {
        core.set_foreground(true);
        core.set_foreground(false);
        core.note_activity();
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let early = sb.control().request_counts().await.unwrap();
    assert_eq!(
        early.get("GET /api/v1/3ds/my-records"),
        None,
        "polled inside the Retry-After window: {early:?}"
    );
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let later = sb.control().request_counts().await.unwrap();
    assert!(later["GET /api/v1/3ds/my-records"] >= 1, "{later:?}");
}

#[tokio::test]
async fn a_stopped_server_is_offline_and_the_cache_still_reads() {
    let (sb, _dir, core) = ready("offline").await;
    let cards = core.cards().await.unwrap();
    sb.shutdown().await;
    let e = core.sync_now().await.unwrap_err();
    assert!(
        matches!(e, ccp_core::Error::Io(ccp_io::Error::Offline { .. })),
        "{e:?}"
    );
    assert_eq!(e.to_ui().kind, ErrorKind::Offline);
    let e = core
        .card_action(
            &cards.data[0].public_token,
            ccp_model::ipc::CardAction::Freeze,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(e, ccp_core::Error::Io(ccp_io::Error::Offline { .. }))
            && e.to_string().contains("the card was not changed"),
        "{e}"
    );
    assert_eq!(
        core.cards().await.unwrap(),
        cards,
        "the offline view is the cached one"
    );
    assert_eq!(
        core.sync_status().connectivity,
        ccp_model::view::Connectivity::Offline
    );
}

#[tokio::test]
async fn a_transaction_detail_is_masked_kept_and_read_offline_and_export_reads_every_page() {
    let (sb, _dir, core) = ready("detail").await;
    let cards = core.cards().await.unwrap();
    let token = &cards.data[0].public_token;
    let list = core.transactions_page(token, 1).await.unwrap().data;
    let first = &list.transactions[0];
    let id = first.transaction_id.clone().expect("an id");

    let fresh = core.transaction_detail(token, &id).await.unwrap();
    assert!(fresh.fetched_at.is_some());
    assert_eq!(
        fresh.data.transaction.amount, first.amount,
        "exact, as in the list"
    );
    assert_eq!(fresh.data.transaction.merchant_name, first.merchant_name);
    let more: std::collections::HashMap<_, _> = fresh.data.more.iter().cloned().collect();
    assert_eq!(more.get("mcc").map(String::as_str), Some("5942"));
    let pan = &more["pan"];
    assert!(
        pan.chars().filter(char::is_ascii_digit).count() <= 10,
        "at most BIN and last four: {pan}"
    );
    // Unknown and someone else's ids are the server's "not found", not an empty detail.
    let e = core.transaction_detail(token, "nope").await.unwrap_err();
    assert_eq!(e.to_ui().kind, ErrorKind::NotFound, "{e:?}");

    // Export reads every page: 7 at a time, the card's 30 in order, none twice.
    let all = core.all_transactions_by(token, 7).await.unwrap().data;
    assert_eq!((all.transactions.len(), all.total), (30, 30));
    assert_eq!(
        all.transactions[..list.transactions.len().min(30)],
        list.transactions[..]
    );
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts["GET /api/v1/card/transaction-history"],
        1 + 5,
        "{counts:?}"
    );

    sb.shutdown().await;
    let kept = core.transaction_detail(token, &id).await.unwrap();
    assert_eq!(kept, fresh, "offline: the kept copy with its age");
    let e = core
        .transaction_detail(token, "never-fetched")
        .await
        .unwrap_err();
    assert_eq!(e.to_ui().kind, ErrorKind::Offline, "{e:?}");
}

#[tokio::test]
async fn polling_resumes_at_once_when_the_server_is_back() {
    let data = tempfile::tempdir().unwrap();
    let start = |listen| {
        let dir = data.path().to_path_buf();
        sandbox_with(move |c| {
            c.data_dir = Some(dir);
            c.listen = listen;
        })
    };
    let sb = start("127.0.0.1:0".parse().unwrap()).await;
    let addr = sb.addr();
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), "resume", false);
    // Without the watchdog the next try would be minutes away.
    cfg.backoff_min = Duration::from_secs(600);
    cfg.backoff_max = Duration::from_secs(600);
    polls_only_when_woken(&mut cfg);
    let core = Core::open(cfg).await.unwrap();
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    let mut events = core.subscribe();
    sb.shutdown().await;
    let _sync = core.start_sync();
    next_event(&mut events, |e| match e {
        AppEvent::Sync(s) if s.connectivity == ccp_model::view::Connectivity::Offline => Some(()),
        _ => None,
    })
    .await;
    let sb = start(addr).await;
    let back = next_event(&mut events, |e| match e {
        AppEvent::Sync(s) if s.connectivity == ccp_model::view::Connectivity::Online => {
            Some(s.clone())
        }
        _ => None,
    })
    .await;
    assert!(back.last_error.is_none());
    assert!(back.last_success.is_some());
    drop(sb);
}

#[tokio::test]
async fn the_feed_merges_every_cards_newest_and_a_whole_feed_reads_every_page_then_offline_the_kept()
 {
    let (sb, _dir, core) = ready("feed").await;
    let cards = core.cards().await.unwrap().data;
    let first = core.transaction_feed(false).await.unwrap();
    let feed = &first.data;
    // The demo cards hold 30, 30, 30 and 12: the newest 20 of each (12 of the last).
    assert_eq!(cards.len(), 4);
    assert_eq!((feed.entries.len(), feed.total), (20 * 3 + 12, 102));
    assert!(!feed.is_whole());
    let times: Vec<i64> = feed
        .entries
        .iter()
        .map(|e| e.transaction.unix_time().expect("the sandbox's times read"))
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for card in &cards {
        let of_card = feed
            .entries
            .iter()
            .filter(|e| e.public_token == card.public_token)
            .count();
        assert!(of_card > 0, "{} in the feed", card.masked_number);
        let entry = feed
            .entries
            .iter()
            .find(|e| e.public_token == card.public_token)
            .unwrap();
        assert!(card.masked_number.ends_with(&entry.last4));
    }
    let whole = core.transaction_feed(true).await.unwrap().data;
    assert_eq!((whole.entries.len(), whole.total), (102, 102));
    assert!(whole.is_whole());
    // Back to the newest 20 of each, online: what the whole read kept stays kept behind them.
    let again = core.transaction_feed(false).await.unwrap().data;
    assert_eq!(again.entries.len(), 20 * 3 + 12);

    // Offline: every card's kept list (all of it, kept by the whole read) with its age.
    sb.shutdown().await;
    let kept = core.transaction_feed(false).await.unwrap();
    assert_eq!(kept.data.entries.len(), 102);
    assert_eq!(kept.data.cards_missing, 0);
    assert!(kept.fetched_at.is_some());
}

#[tokio::test]
async fn messages_are_kept_news_is_announced_once_and_opening_one_reads_it() {
    use ccp_model::api::MessageKind;
    use ccp_model::ipc::AppEvent;
    let (sb, _dir, core) = ready("messages").await;
    // The first read (sync_now in `ready`) kept the seeded ones: old news, nothing announced.
    let kept = core.cached_messages().await.unwrap();
    assert!(kept.fetched_at.is_some());
    assert_eq!(kept.data.notifications.len(), 2);
    assert_eq!(kept.data.announcements.len(), 2);
    assert_eq!(
        (
            kept.data.unread_notifications,
            kept.data.unread_announcements
        ),
        (1, 2)
    );
    let mut events = core.subscribe();
    let message = ccp_sandbox::AddMessage::notification(
        "Refund received",
        "HK$12.50 from Harbour Ferry Kiosk.",
    );
    sb.control().add_message(message).await.unwrap();
    let view = core.messages().await.unwrap().data;
    assert_eq!(view.unread_notifications, 2);
    assert_eq!(
        view.notifications[0].title.as_deref(),
        Some("Refund received")
    );
    let new = loop {
        match events.recv().await.unwrap() {
            AppEvent::MessagesChanged { new, .. } => break new,
            _ => continue,
        }
    };
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].title.as_deref(), Some("Refund received"));
    // Read again: nothing new.
    core.messages().await.unwrap();
    while let Ok(event) = events.try_recv() {
        if let AppEvent::MessagesChanged { new, .. } = event {
            assert!(new.is_empty(), "announced twice: {new:?}");
        }
    }
    // Opening reads it: on the server and in the kept copy.
    let id = view.notifications[0].id.clone();
    let opened = core
        .open_message(MessageKind::Notification, &id)
        .await
        .unwrap();
    assert!(opened.read);
    assert_eq!(
        opened.content.as_deref(),
        Some("HK$12.50 from Harbour Ferry Kiosk.")
    );
    let kept = core.cached_messages().await.unwrap().data;
    assert_eq!(kept.unread_notifications, 1);
    assert!(kept.notifications[0].read);
    assert_eq!(core.messages().await.unwrap().data.unread_notifications, 1);
    // An id that is not plain is never put in a path.
    let e = core
        .open_message(MessageKind::Notification, "../card/list")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("cannot be asked for"), "{e}");

    // Offline: the kept list and the kept text.
    sb.shutdown().await;
    assert_eq!(core.messages().await.unwrap().data, kept);
    let offline = core
        .open_message(MessageKind::Notification, &id)
        .await
        .unwrap();
    assert_eq!(offline.title.as_deref(), Some("Refund received"));
}
