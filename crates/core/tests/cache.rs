//! The encrypted cache on a real SQLite file: wrong keys fail, the bytes on disk hold none of
//! the cached strings, and only a file that is no database is ever replaced.

use crate::support::*;
use ccp_core::cache::{Cache, key};
use ccp_core::{Core, Error, SecretStore, SessionPersistence};
use ccp_model::Sensitive;
use ccp_model::api::{CardListItem, ThreeDsRecord};
use secrecy::SecretString;
use std::collections::HashMap;
use std::path::Path;

const CARD_NO: &str = "441353******1149";
const PASSCODE: &str = "918273";
const MERCHANT: &str = "Secret Merchant Ltd";

async fn fill(cache: &Cache) {
    let card: CardListItem = serde_json::from_value(serde_json::json!({
        "public_token": "123791920", "card_no": CARD_NO, "status": "normal", "currency": "HKD"
    }))
    .unwrap();
    cache
        .replace_cards(&[card], &HashMap::new(), 1_700_000_000)
        .await
        .unwrap();
    let rec = ThreeDsRecord {
        id: 42,
        amount: "100.00".into(),
        currency: "USD".into(),
        expires_after: 300,
        merchant_name: MERCHANT.into(),
        passcode: Sensitive::new(PASSCODE),
        received_at: "2026-01-20T10:30:00Z".into(),
    };
    assert_eq!(
        cache.insert_passcodes(&[rec], 1_700_000_001).await.unwrap(),
        vec![42]
    );
    cache
        .save_account("someone@example.com", None)
        .await
        .unwrap();
}

fn all_bytes(db: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        if let Ok(b) = std::fs::read(&p) {
            bytes.extend(b);
        }
    }
    bytes
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn encrypted_bytes_hold_no_cached_string_and_a_wrong_key_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let k = key::generate();
    let cache = Cache::open(&path, &k).await.unwrap();
    fill(&cache).await;
    // Scanned while open (WAL not yet checkpointed) and after closing.
    for phase in ["open", "closed"] {
        let bytes = all_bytes(&path);
        assert!(bytes.len() > 4096, "{phase}: the file exists");
        for s in [
            CARD_NO,
            PASSCODE,
            MERCHANT,
            "someone@example.com",
            "123791920",
            "SQLite format",
        ] {
            assert!(!contains(&bytes, s), "{phase}: {s:?} readable on disk");
        }
        if phase == "open" {
            cache.close().await;
        }
    }

    let wrong = Cache::open(&path, &key::generate())
        .await
        .err()
        .expect("a wrong key fails");
    assert!(
        wrong.to_string().contains("cannot be read with this key"),
        "{wrong}"
    );
    let no_key = Cache::open_unencrypted(&path)
        .await
        .err()
        .expect("no key fails");
    assert_eq!(no_key.kind(), ccp_model::ipc::ErrorKind::Cache);

    let again = Cache::open(&path, &k).await.unwrap();
    let cards = again.cards().await.unwrap();
    assert_eq!(cards.data[0].masked_number, "441353••••••1149");
    assert_eq!(cards.fetched_at, Some(1_700_000_000));
    let codes = again.passcodes(10).await.unwrap();
    assert_eq!(codes.data[0].passcode.expose(), PASSCODE);
    assert_eq!(
        again
            .known_passcodes(&[41, 42])
            .await
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        vec![42]
    );
    again.close_and_delete().await.unwrap();
    assert!(all_bytes(&path).is_empty(), "database, WAL and shm deleted");
}

#[tokio::test]
async fn the_scan_would_see_plain_sqlite() {
    // The same data unencrypted is readable: the scan above is a real check.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let cache = Cache::open_unencrypted(&path).await.unwrap();
    fill(&cache).await;
    cache.close().await;
    let bytes = all_bytes(&path);
    assert!(contains(&bytes, MERCHANT) && contains(&bytes, "SQLite format"));
}

#[tokio::test]
async fn an_invalid_key_is_refused_before_touching_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = Cache::open(&dir.path().join("c.db"), &"short".to_owned().into())
        .await
        .err()
        .unwrap();
    assert!(e.to_string().contains("64 hex"), "{e}");
}

// ------------------------------------------------------------ which failures replace the file

/// Bytes that are no database at all (and no SQLCipher file either).
fn garbage() -> Vec<u8> {
    (0..8192u32).map(|i| (i * 7 + 13) as u8).collect()
}

/// A second, raw connection holding the cache file's lock, as another process that has it
/// open in exclusive locking mode would: the first read takes the lock, and the mode keeps it.
async fn hold_exclusively(path: &Path, k: &SecretString) -> sqlx::SqliteConnection {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .pragma("key", key::pragma_value(k))
        .pragma("locking_mode", "EXCLUSIVE")
        .disable_statement_logging()
        .connect()
        .await
        .unwrap();
    sqlx::query("SELECT count(*) FROM sqlite_master")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn
}

#[tokio::test]
async fn only_a_file_that_is_no_database_is_reported_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, garbage()).unwrap();
    let e = Cache::open(&junk, &key::generate()).await.err().unwrap();
    assert!(matches!(e, Error::CacheUnreadable(_)), "{e:?}");

    // A busy file is fine, only in use: a plain cache error, and the file untouched.
    let path = dir.path().join("cache.db");
    let k = key::generate();
    let cache = Cache::open(&path, &k).await.unwrap();
    fill(&cache).await;
    cache.close().await;
    let before = std::fs::read(&path).unwrap();
    let locker = hold_exclusively(&path, &k).await;
    let e = Cache::open(&path, &k)
        .await
        .err()
        .expect("a held file fails");
    assert!(matches!(e, Error::Cache(_)), "{e:?}");
    assert!(e.to_string().contains("locked"), "{e}");
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the file is untouched"
    );
    sqlx::Connection::close(locker).await.unwrap();
    let again = Cache::open(&path, &k).await.unwrap();
    assert_eq!(again.passcode_count().await.unwrap(), 1);
    again.close().await;
}

/// A signed-in, synced session whose process has ended: its keyring entries and its cache
/// file stay for the next run. Returns the config to open it with and the cache's path.
async fn a_session_left_on_disk(
    tag: &str,
) -> (
    ccp_sandbox::Sandbox,
    tempfile::TempDir,
    ccp_core::Config,
    std::path::PathBuf,
) {
    let (sb, dir, cfg, core) = synced_keyring_core(tag).await;
    let path = core.cache_path();
    core.close().await;
    (sb, dir, cfg, path)
}

#[tokio::test]
async fn a_garbage_cache_file_is_replaced_when_the_session_is_restored() {
    let (_sb, _dir, cfg, path) = a_session_left_on_disk("garbage").await;
    std::fs::write(&path, garbage()).unwrap();

    // The next run opens the file with the session's key: no database, so a new cache.
    let again = Core::open(cfg).await.unwrap();
    assert!(again.is_signed_in());
    assert_eq!(again.persistence(), SessionPersistence::Keyring);
    assert!(
        !std::fs::read(&path).unwrap().starts_with(&garbage()[..64]),
        "the garbage is gone"
    );
    assert!(again.cards().await.unwrap().fetched_at.is_none(), "empty");
    again.sync_now().await.unwrap();
    assert!(!again.cards().await.unwrap().data.is_empty());
    again.logout().await.unwrap();
}

#[tokio::test]
async fn a_cache_file_held_by_another_process_is_kept() {
    let (_sb, _dir, cfg, path) = a_session_left_on_disk("busy").await;
    let k = SecretStore::new(&cfg.session_keyring_service(), true)
        .get("cache_key")
        .await
        .unwrap()
        .expect("the cache key is in the keyring");
    let before = std::fs::read(&path).unwrap();

    let locker = hold_exclusively(&path, &k).await;
    // The next run cannot open the cache while it is held: the session still comes back
    // (without its offline copy), and the file is neither deleted nor replaced.
    let again = Core::open(cfg.clone()).await.unwrap();
    assert!(again.is_signed_in());
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the held file is kept"
    );
    sqlx::Connection::close(locker).await.unwrap();

    // Released: the run after that has its cache, data included.
    drop(again);
    let third = Core::open(cfg).await.unwrap();
    assert!(third.cards().await.unwrap().fetched_at.is_some());
    third.logout().await.unwrap();
}

/// The history reads every cached record a page at a time, newest first, without gaps or
/// repeats, and carries no codes.
#[tokio::test]
async fn the_passcode_history_pages_through_every_cached_record_without_codes() {
    let (sb, _dir, _cfg, core) = synced_keyring_core("history").await;
    for n in 0..8 {
        sb.control()
            .inject_3ds(ccp_sandbox::InjectPasscode::code(
                format!("Shop {n}"),
                format!("90000{n}"),
            ))
            .await
            .unwrap();
    }
    core.sync_resource(ccp_core::Resource::Passcodes)
        .await
        .unwrap();
    let all = core.passcodes_up_to(1000).await.unwrap().data;
    assert!(
        all.len() >= 8,
        "every injected record is cached: {}",
        all.len()
    );
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = core.passcode_history(before, 3).await.unwrap().data;
        assert!(page.len() <= 3);
        seen.extend(page.iter().map(|p| p.id));
        match page.last() {
            Some(last) if page.len() == 3 => before = Some(last.id),
            _ => break,
        }
    }
    let expected: Vec<i64> = all.iter().map(|p| p.id).collect();
    assert_eq!(seen, expected, "newest first, each once");
    let json = serde_json::to_string(&core.passcode_history(None, 100).await.unwrap()).unwrap();
    for p in &all {
        assert!(
            !json.contains(&format!("\"{}\"", p.passcode.expose())),
            "no codes in the history"
        );
    }
    core.close().await;
}

/// A view and its fetch time come from one committed state. Read separately, a write landing
/// between the two paired the old (empty) card list with the new time, and the window, which
/// keeps the newer copy, replaced the cards it had with nothing ("No cards yet" right after
/// signing in). Here every write's card count is its time modulo 3; no read may disagree.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_view_and_its_fetch_time_are_read_from_one_state() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("c.db"), &key::generate())
        .await
        .unwrap();
    let card = |n: i64| -> CardListItem {
        serde_json::from_value(serde_json::json!({
            "public_token": format!("tok{n}"), "card_no": CARD_NO, "status": "normal"
        }))
        .unwrap()
    };
    let writer = {
        let cache = cache.clone();
        tokio::spawn(async move {
            for at in 1..=600i64 {
                let cards: Vec<_> = (0..at % 3).map(card).collect();
                cache
                    .replace_cards(&cards, &HashMap::new(), at)
                    .await
                    .unwrap();
            }
        })
    };
    let mut reads = 0;
    while !writer.is_finished() {
        let f = cache.cards().await.unwrap();
        if let Some(at) = f.fetched_at {
            assert_eq!(
                f.data.len() as i64,
                at % 3,
                "cards of one write, time of another"
            );
        }
        reads += 1;
    }
    writer.await.unwrap();
    assert!(
        reads > 50,
        "the reader ran alongside the writer: {reads} reads"
    );
    cache.close().await;
}

/// Transactions are kept page by page at their place; the newest page replaces the list.
#[tokio::test]
async fn transaction_pages_are_kept_at_their_place_and_page_one_keeps_what_still_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("c.db"), &key::generate())
        .await
        .unwrap();
    let tx = |id: &str| ccp_model::api::Transaction {
        transaction_id: Some(id.into()),
        ..Default::default()
    };
    let ids = |cache: Cache| async move {
        let view = cache.transactions("tok").await.unwrap().data;
        let ids: Vec<String> = view
            .transactions
            .iter()
            .map(|t| t.transaction_id.clone().unwrap())
            .collect();
        (ids, view.total)
    };
    cache
        .store_transactions_page("tok", 1, 2, &[tx("a"), tx("b")], 5, 10)
        .await
        .unwrap();
    cache
        .store_transactions_page("tok", 2, 2, &[tx("c"), tx("d")], 5, 11)
        .await
        .unwrap();
    assert_eq!(
        ids(cache.clone()).await,
        (vec!["a".into(), "b".into(), "c".into(), "d".into()], 5)
    );
    cache
        .store_transactions_page("tok", 2, 2, &[tx("c2")], 5, 12)
        .await
        .unwrap();
    assert_eq!(ids(cache.clone()).await.0, ["a", "b", "c2"]);
    cache
        .store_transactions_page("tok", 1, 2, &[tx("new")], 6, 13)
        .await
        .unwrap();
    assert_eq!(ids(cache.clone()).await, (vec!["new".into()], 6));
    // A shorter first page keeps what follows its last one; one new on top shifts the rest.
    cache
        .store_transactions_page("tok", 2, 2, &[tx("x"), tx("y")], 6, 14)
        .await
        .unwrap();
    cache
        .store_transactions_page("tok", 1, 1, &[tx("new")], 6, 15)
        .await
        .unwrap();
    assert_eq!(ids(cache.clone()).await.0, ["new", "x", "y"]);
    cache
        .store_transactions_page("tok", 1, 2, &[tx("newer"), tx("new")], 7, 16)
        .await
        .unwrap();
    assert_eq!(
        ids(cache.clone()).await,
        (
            vec!["newer".into(), "new".into(), "x".into(), "y".into()],
            7
        )
    );
    // Never more than the server's total, and nothing past a page that is not kept.
    cache
        .store_transactions_page("tok", 1, 2, &[tx("newer"), tx("new")], 3, 17)
        .await
        .unwrap();
    assert_eq!(ids(cache.clone()).await.0, ["newer", "new", "x"]);
    cache
        .store_transactions_page("tok", 1, 2, &[tx("p"), tx("q")], 9, 18)
        .await
        .unwrap();
    assert_eq!(ids(cache.clone()).await.0, ["p", "q"]);
    cache.close().await;
}
