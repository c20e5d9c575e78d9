//! The control API itself: request counts, availability, persistence and determinism.

use crate::support::{Api, start, start_with};
use ccp_sandbox::{Config, DEMO_EMAIL, Sandbox};
use serde_json::json;

fn now_ms() -> u64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.unwrap().as_millis() as u64
}

#[tokio::test]
async fn counts_every_api_call_by_route_and_none_of_its_own() {
    let sb = start().await;
    let control = sb.control();
    let mut api = Api::new(&sb);
    let before = now_ms();
    assert_eq!(api.get("/card/list").await.status, 401);
    api.sign_in().await;
    api.get("/card/list").await;
    api.get("/3ds/my-records?page=1&page_size=5").await;
    api.get("/3ds/my-records?page=2&page_size=5").await;
    api.put(
        "/card/status",
        json!({"public_token": "x", "card_status_code": "G1"}),
    )
    .await;
    api.get("/nowhere").await;
    control.inject_3ds(Default::default()).await.unwrap();
    let counts = control.request_counts().await.unwrap();
    assert_eq!(counts["GET /api/v1/card/list"], 2, "401s count too");
    assert_eq!(
        counts["GET /api/v1/3ds/my-records"], 2,
        "query strings excluded"
    );
    assert_eq!(counts["PUT /api/v1/card/status"], 1);
    assert_eq!(counts["POST /api/v1/auth/login"], 1);
    assert_eq!(counts["POST /api/v1/auth/verify-login-otp"], 1);
    assert_eq!(counts["GET /api/v1/nowhere"], 1);
    assert!(counts.keys().all(|k| k.contains(" /api/v1")), "{counts:?}");
    let times = control.request_times().await.unwrap();
    let polls = &times["GET /api/v1/3ds/my-records"];
    assert_eq!(polls.len(), 2, "{times:?}");
    assert!(polls[0] <= polls[1], "oldest first: {polls:?}");
    assert!(
        before <= polls[0] && polls[1] <= now_ms(),
        "{before} {polls:?}"
    );
    assert_eq!(times["GET /api/v1/card/list"].len(), 2);
    control.reset_counts().await.unwrap();
    assert!(control.request_counts().await.unwrap().is_empty());
    assert!(control.request_times().await.unwrap().is_empty());
}

#[tokio::test]
async fn without_control_the_api_is_absent() {
    let sb = start_with(|c| c.control = false).await;
    let err = sb.control().request_counts().await.unwrap_err();
    assert!(
        matches!(err, ccp_sandbox::Error::Control { status: 404, .. }),
        "{err}"
    );
    // The cardholder API is all there.
    let api = Api::signed_in(&sb).await;
    assert_eq!(api.get("/card/list").await.status, 200);
}

#[tokio::test]
async fn a_data_dir_persists_across_restarts_without_reseeding() {
    let dir = tempfile::tempdir().unwrap();
    let keep = |c: &mut Config| c.data_dir = Some(dir.path().into());
    let sb = start_with(keep).await;
    let api = Api::signed_in(&sb).await;
    let token = api.card_token("normal").await;
    api.put(
        "/card/status",
        json!({"public_token": token, "card_status_code": "G1"}),
    )
    .await;
    sb.control().inject_3ds(Default::default()).await.unwrap();
    sb.shutdown().await;
    // Closed by the time `shutdown` returns: SQLite removes the write-ahead log when the last
    // connection closes cleanly.
    let wal = dir.path().join("sandbox.sqlite3-wal");
    assert!(!wal.exists(), "the database is still open after shutdown");

    let sb = start_with(keep).await;
    let api = Api::signed_in(&sb).await;
    let r = api.get(&format!("/card/status?public_token={token}")).await;
    assert_eq!(r.body["data"]["status"], "frozen");
    assert_eq!(api.get("/3ds/my-records").await.body["data"]["total"], 6);
    assert_eq!(api.get("/card/list").await.body["data"]["total"], 4);
    assert!(dir.path().join("sandbox.sqlite3").exists());
}

#[tokio::test]
async fn a_seed_gives_the_same_world() {
    async fn world(seed: u64) -> (serde_json::Value, serde_json::Value) {
        let sb = start_with(|c| c.seed = seed).await;
        let api = Api::signed_in(&sb).await;
        (
            api.get("/card/list").await.body,
            api.get("/3ds/my-records").await.body,
        )
    }
    let one = world(1).await;
    assert_eq!(one, world(1).await);
    assert_ne!(one.0, world(2).await.0);
    // The first seeded passcode keeps a leading zero.
    let records = one.1["data"]["records"].as_array().unwrap();
    assert!(
        records.last().unwrap()["passcode"]
            .as_str()
            .unwrap()
            .starts_with('0')
    );
}

#[tokio::test]
async fn expire_tokens_for_an_unknown_user_is_a_clear_error() {
    let sb = Sandbox::start(Config::default()).await.unwrap();
    let err = sb
        .control()
        .expire_tokens("ghost@example.com")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("User not found"), "{err}");
    assert_eq!(sb.control().expire_tokens(DEMO_EMAIL).await.unwrap(), 0);
    assert!(sb.base_url().starts_with("http://127.0.0.1:"));
    sb.shutdown().await;
}

#[tokio::test]
async fn dropping_the_sandbox_stops_it() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Sandbox>(); // the desktop shell keeps it in Tauri state
    let sb = start().await;
    let url = format!("{}/api/v1/app-version?platform=ios", sb.base_url());
    let http = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    assert_eq!(http.get(&url).send().await.unwrap().status(), 200);
    drop(sb);
    tokio::task::yield_now().await;
    assert!(http.get(&url).send().await.unwrap_err().is_connect());
}
