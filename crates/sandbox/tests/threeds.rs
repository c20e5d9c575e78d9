//! 3-D Secure records: paging, bounds, injection, bulk, the generator.

use crate::support::{Api, signed_in, start, start_with};
use ccp_sandbox::{InjectPasscode, OTHER_EMAIL, OTHER_PASSWORD};
use serde_json::Value;
use std::time::Duration;

fn ids(r: &Value) -> Vec<i64> {
    r["data"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn pages_are_newest_first_and_consistent() {
    let (sb, api) = signed_in().await;
    sb.control().bulk_3ds(45, None).await.unwrap();
    let r = api.get("/3ds/my-records?page=1&page_size=20").await;
    let d = &r.body["data"];
    assert_eq!(
        (
            d["total"].as_i64(),
            d["total_pages"].as_i64(),
            d["page"].as_i64(),
            d["page_size"].as_i64()
        ),
        (Some(50), Some(3), Some(1), Some(20))
    );
    let mut all = ids(&r.body);
    for page in 2..=3 {
        all.extend(ids(&api
            .get(&format!("/3ds/my-records?page={page}&page_size=20"))
            .await
            .body));
    }
    assert_eq!(all.len(), 50);
    assert!(
        all.windows(2).all(|w| w[0] > w[1]),
        "ids strictly descending"
    );
    assert_eq!(
        ids(&api.get("/3ds/my-records?page=4&page_size=20").await.body),
        Vec::<i64>::new()
    );
    // Defaults: page 1, 20 per page.
    let r = api.get("/3ds/my-records").await;
    assert_eq!(
        (
            r.body["data"]["page"].as_i64(),
            r.body["data"]["page_size"].as_i64()
        ),
        (Some(1), Some(20))
    );
    for bad in [
        "page=0",
        "page_size=0",
        "page_size=101",
        "page=-1",
        "page_size=ten",
    ] {
        let r = api.get(&format!("/3ds/my-records?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.body["error"].is_string() && r.body["details"].is_string());
    }
    assert_eq!(api.get("/3ds/my-records?page_size=100").await.status, 200);
}

#[tokio::test]
async fn injected_records_keep_every_field_and_their_owner() {
    let (sb, api) = signed_in().await;
    let rec = sb
        .control()
        .inject_3ds(InjectPasscode {
            merchant_name: Some("Test Shop".into()),
            amount: Some("100.00".into()),
            currency: Some("EUR".into()),
            passcode: Some("000123".into()),
            received_at: Some("2026-01-20T10:30:00Z".into()),
            expires_after: Some(120),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(rec.passcode.expose(), "000123");
    let r = api.get("/3ds/my-records?page_size=1").await;
    let top = &r.body["data"]["records"][0];
    assert_eq!(top["id"], rec.id);
    assert_eq!(top["passcode"], "000123");
    assert_eq!(top["amount"], "100.00");
    assert_eq!(top["currency"], "EUR");
    assert_eq!(top["merchant_name"], "Test Shop");
    assert_eq!(top["received_at"], "2026-01-20T10:30:00Z");
    assert_eq!(top["expires_after"], 120);
    // Defaults: received now, valid 300 s, a 6-digit code.
    let fresh = sb
        .control()
        .inject_3ds(InjectPasscode::default())
        .await
        .unwrap();
    assert_eq!(fresh.expires_after, 300);
    assert_eq!(fresh.passcode.expose().len(), 6);
    assert!(fresh.id > rec.id);
    // For another user: not in the demo user's list.
    let theirs = sb
        .control()
        .inject_3ds(InjectPasscode {
            email: Some(OTHER_EMAIL.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!ids(&api.get("/3ds/my-records?page_size=100").await.body).contains(&theirs.id));
    let mut other = Api::new(&sb);
    other.sign_in_as(OTHER_EMAIL, OTHER_PASSWORD).await;
    assert_eq!(
        ids(&other.get("/3ds/my-records").await.body),
        vec![theirs.id]
    );
    // Bad input to the control API is refused with the reason.
    let bad = InjectPasscode {
        received_at: Some("yesterday".into()),
        ..Default::default()
    };
    let err = sb.control().inject_3ds(bad).await.unwrap_err();
    assert!(err.to_string().contains("RFC 3339"), "{err}");
}

#[tokio::test]
async fn bulk_inserts_ten_thousand() {
    let (sb, api) = signed_in().await;
    let b = sb.control().bulk_3ds(10_000, None).await.unwrap();
    assert_eq!(b.inserted, 10_000);
    assert_eq!(b.last_id - b.first_id + 1, 10_000);
    let r = api.get("/3ds/my-records?page_size=100").await;
    assert_eq!(r.body["data"]["total"], 10_005);
    assert_eq!(r.body["data"]["total_pages"], 101);
    assert_eq!(r.body["data"]["records"][0]["id"], b.last_id);
    let last = api.get("/3ds/my-records?page=101&page_size=100").await;
    assert_eq!(ids(&last.body).len(), 5);
}

#[tokio::test]
async fn the_generator_adds_passcodes_and_is_off_by_default() {
    let sb = start_with(|c| c.passcode_every = Some(Duration::from_millis(200))).await;
    let api = Api::signed_in(&sb).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let r = api.get("/3ds/my-records").await;
        if r.body["data"]["total"].as_i64().unwrap() >= 7 {
            let top = &r.body["data"]["records"][0];
            assert_eq!(top["passcode"].as_str().unwrap().len(), 6);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no passcode generated"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let quiet = start().await;
    let api = Api::signed_in(&quiet).await;
    assert_eq!(api.get("/3ds/my-records").await.body["data"]["total"], 5);
}
