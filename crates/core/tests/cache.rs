//! The encrypted cache on a real SQLite file: wrong keys fail, and the bytes on disk hold none
//! of the cached strings.

use ccp_core::cache::{Cache, key};
use ccp_model::Sensitive;
use ccp_model::api::{CardListItem, ThreeDsRecord};
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
