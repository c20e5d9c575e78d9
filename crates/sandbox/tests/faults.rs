//! Every fault knob of the control API, as a client sees it over real TCP.

use crate::support::{Api, signed_in, start_with};
use ccp_sandbox::{FaultKind, FaultSpec};
use std::time::{Duration, Instant};

const RECORDS: &str = "/api/v1/3ds/my-records";

async fn raw(api: &Api, path: &str) -> reqwest::Response {
    api.http
        .get(format!("{}/api/v1{path}", api.base))
        .bearer_auth(api.token.as_deref().unwrap())
        .send()
        .await
        .expect("headers arrive")
}

#[tokio::test]
async fn status_faults_for_the_next_n_calls_with_retry_after() {
    let (sb, api) = signed_in().await;
    let control = sb.control();
    control
        .fault(FaultSpec::status(503).on(RECORDS).times(2))
        .await
        .unwrap();
    for _ in 0..2 {
        let r = api.get("/3ds/my-records").await;
        assert_eq!(r.status, 503);
        assert_eq!(r.headers["retry-after"], "1");
        assert_eq!(r.body["error"], "Service Unavailable");
    }
    // Other paths are untouched; then the faulted path recovers.
    assert_eq!(api.get("/card/list").await.status, 200);
    assert_eq!(api.get("/3ds/my-records").await.status, 200);
    let counts = control.request_counts().await.unwrap();
    assert_eq!(counts["GET /api/v1/3ds/my-records"], 3);

    control
        .fault(FaultSpec::status(429).retry_after("7").times(1))
        .await
        .unwrap();
    let r = api.get("/user/profile").await;
    assert_eq!(
        (
            r.status.as_u16(),
            r.headers["retry-after"].to_str().unwrap()
        ),
        (429, "7")
    );
    for code in [500, 502] {
        control
            .fault(FaultSpec::status(code).times(1))
            .await
            .unwrap();
        assert_eq!(api.get("/card/list").await.status.as_u16(), code);
    }
    // Without a count a fault stays until cleared.
    control
        .fault(FaultSpec::status(500).on("/api/v1/card/list"))
        .await
        .unwrap();
    for _ in 0..3 {
        assert_eq!(api.get("/card/list").await.status, 500);
    }
    control.clear_faults().await.unwrap();
    assert_eq!(api.get("/card/list").await.status, 200);
}

/// The statuses 40 calls get under a 50 % fault, for a seed.
async fn fraction_run(seed: u64) -> Vec<u16> {
    let sb = start_with(|c| c.seed = seed).await;
    let api = Api::signed_in(&sb).await;
    sb.control()
        .fault(FaultSpec::status(503).on(RECORDS).fraction(0.5))
        .await
        .unwrap();
    let mut got = Vec::new();
    for _ in 0..40 {
        got.push(api.get("/3ds/my-records").await.status.as_u16());
    }
    got
}

#[tokio::test]
async fn fraction_faults_are_seeded_and_repeatable() {
    let a = fraction_run(7).await;
    let failed = a.iter().filter(|&&s| s == 503).count();
    assert!((5..=35).contains(&failed), "{failed} of 40");
    assert!(a.iter().all(|&s| s == 200 || s == 503));
    assert_eq!(a, fraction_run(7).await, "same seed, same faults");
}

#[tokio::test]
async fn html_error_page_instead_of_json() {
    let (sb, api) = signed_in().await;
    sb.control()
        .fault(
            FaultSpec {
                kind: FaultKind::Html,
                ..FaultSpec::default()
            }
            .times(1),
        )
        .await
        .unwrap();
    let r = raw(&api, "/card/list").await;
    assert_eq!(r.status(), 502);
    assert_eq!(r.headers()["content-type"], "text/html");
    let text = r.text().await.unwrap();
    assert!(text.starts_with("<html>") && text.contains("502 Bad Gateway"));
}

#[tokio::test]
async fn truncated_and_malformed_bodies() {
    let (sb, api) = signed_in().await;
    let whole = raw(&api, "/card/list").await.text().await.unwrap();
    sb.control()
        .fault(
            FaultSpec::new(FaultKind::Truncated)
                .on("/api/v1/card/list")
                .times(1),
        )
        .await
        .unwrap();
    let r = raw(&api, "/card/list").await;
    assert_eq!(r.status(), 200);
    let cut = r.text().await.unwrap();
    assert_eq!(cut, whole[..whole.len() / 2]);
    assert!(serde_json::from_str::<serde_json::Value>(&cut).is_err());

    sb.control()
        .fault(FaultSpec::new(FaultKind::Malformed).times(1))
        .await
        .unwrap();
    let r = raw(&api, "/card/list").await;
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["content-type"].to_str().unwrap()
        ),
        (200, "application/json")
    );
    let err = serde_json::from_str::<serde_json::Value>(&r.text().await.unwrap()).unwrap_err();
    assert!(err.is_syntax() || err.is_eof());
}

#[tokio::test]
async fn a_huge_body_is_streamed_valid_json() {
    let (sb, api) = signed_in().await;
    let size = 8 * 1024 * 1024;
    sb.control()
        .fault(
            FaultSpec {
                body_bytes: Some(size),
                ..FaultSpec::new(FaultKind::Huge)
            }
            .times(1),
        )
        .await
        .unwrap();
    let r = raw(&api, "/3ds/my-records").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.content_length(), None, "streamed: no length up front");
    let bytes = r.bytes().await.unwrap();
    assert!(
        bytes.len() as u64 > size - 70_000 && bytes.len() as u64 <= size,
        "{}",
        bytes.len()
    );
    let v: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
    assert!(v["data"]["records"].as_array().unwrap().len() > 40_000);
}

#[tokio::test]
async fn connection_closed_mid_body() {
    let (sb, api) = signed_in().await;
    sb.control()
        .fault(FaultSpec::new(FaultKind::CloseMidBody).on(RECORDS).times(1))
        .await
        .unwrap();
    let r = raw(&api, "/3ds/my-records").await;
    assert_eq!(r.status(), 200);
    let promised = r.content_length().unwrap();
    let err = r.bytes().await.unwrap_err();
    assert!(err.is_body() || err.is_decode(), "{err}");
    assert!(promised > 0);
    // The next call is whole again.
    assert_eq!(api.get("/3ds/my-records").await.status, 200);
}

#[tokio::test]
async fn latency_per_fault_and_for_every_call() {
    let (sb, api) = signed_in().await;
    sb.control()
        .fault(
            FaultSpec {
                latency_ms: Some(300),
                ..FaultSpec::new(FaultKind::Latency)
            }
            .times(1),
        )
        .await
        .unwrap();
    let t = Instant::now();
    assert_eq!(api.get("/card/list").await.status, 200);
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "the delay was added"
    );

    sb.control()
        .set_latency(Duration::from_millis(200))
        .await
        .unwrap();
    for _ in 0..2 {
        let t = Instant::now();
        assert_eq!(api.get("/user/profile").await.status, 200);
        assert!(t.elapsed() >= Duration::from_millis(200));
    }
    sb.control().clear_faults().await.unwrap();
    // Refused: a latency fault without a delay.
    assert_refused(&sb, FaultSpec::new(FaultKind::Latency), "latency_ms").await;
    assert_refused(&sb, FaultSpec::status(503).fraction(1.5), "fraction").await;
}

#[tokio::test]
async fn a_page_shift_between_two_page_requests() {
    let (sb, api) = signed_in().await;
    let page = async |n: u32| {
        api.get(&format!("/3ds/my-records?page={n}&page_size=2"))
            .await
    };
    let p1 = page(1).await.body;
    let p1_ids: Vec<i64> = p1["data"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    sb.control()
        .fault(FaultSpec::new(FaultKind::PageShift).on(RECORDS))
        .await
        .unwrap();
    let p2 = page(2).await.body;
    assert_eq!(
        p2["data"]["total"],
        p1["data"]["total"].as_i64().unwrap() + 1
    );
    // Everything moved down by one: page 2 starts with page 1's last record.
    assert_eq!(p2["data"]["records"][0]["id"], p1_ids[1]);
    // Once only.
    let again = page(2).await.body;
    assert_eq!(again["data"]["total"], p2["data"]["total"]);
    let top = page(1).await.body;
    assert!(top["data"]["records"][0]["id"].as_i64().unwrap() > p1_ids[0]);
}

#[tokio::test]
async fn a_redirect_to_any_location() {
    let (sb, api) = signed_in().await;
    // A client that shows the redirect itself instead of following it.
    let http = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let target = "http://127.0.0.1:9/elsewhere?x=1";
    sb.control()
        .fault(
            FaultSpec::redirect(target)
                .on("/api/v1/auth/login")
                .method("POST")
                .times(1),
        )
        .await
        .unwrap();
    let login = format!("{}/api/v1/auth/login", api.base);
    let r = http.post(&login).body("{}").send().await.unwrap();
    assert_eq!(r.status(), 307);
    assert_eq!(r.headers()["location"], target);
    // Once only: the next login is answered for real (400: no e-mail).
    let r = http.post(&login).body("{}").send().await.unwrap();
    assert_ne!(r.status(), 307);
    assert!(r.headers().get("location").is_none());

    sb.control()
        .fault(
            FaultSpec {
                status: Some(301),
                ..FaultSpec::redirect("/api/v1/card/list")
            }
            .on("/api/v1/user/profile")
            .times(1),
        )
        .await
        .unwrap();
    let r = http
        .get(format!("{}/api/v1/user/profile", api.base))
        .bearer_auth(api.token.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["location"].to_str().unwrap()
        ),
        (301, "/api/v1/card/list")
    );

    // Refused: no location, or a status that is not a redirect.
    assert_refused(&sb, FaultSpec::new(FaultKind::Redirect), "needs a location").await;
    assert_refused(
        &sb,
        FaultSpec {
            status: Some(200),
            ..FaultSpec::redirect("/x")
        },
        "must be 3xx",
    )
    .await;
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts["POST /api/v1/auth/login"], 3, "{counts:?}");
}

/// The control API refuses `spec`, and its error says `why`.
async fn assert_refused(sb: &ccp_sandbox::Sandbox, spec: FaultSpec, why: &str) {
    let err = sb.control().fault(spec).await.unwrap_err().to_string();
    assert!(err.contains(why), "{err}");
}
