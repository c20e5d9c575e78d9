//! The FalPay token endpoint (seed 004) on the same server: the seed's answer, refusals in
//! the envelope, the request counter, no clash with `/api/v1`, and the TEST-ONLY echo.

use crate::support::{Api, start, start_with};
use ccp_sandbox::{FALPAY_CLIENT_ID, FALPAY_CLIENT_SECRET, FALPAY_TOKEN_PATH};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::time::Duration;

type Query<'a> = Vec<(&'a str, &'a str)>;

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// POSTs the token endpoint with these query parameters; the status and the JSON body.
async fn token_call(base: &str, query: &[(&str, &str)]) -> (StatusCode, Value) {
    let resp = http()
        .post(format!("{base}{FALPAY_TOKEN_PATH}"))
        .query(query)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    (status, resp.json().await.expect("JSON"))
}

fn good<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "client_credentials"),
        ("client_id", FALPAY_CLIENT_ID),
        ("client_secret", FALPAY_CLIENT_SECRET),
    ]
}

async fn echo(sb: &ccp_sandbox::Sandbox, token: Option<&str>) -> StatusCode {
    let mut req = http().get(sb.control().falpay_echo_url());
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap().status()
}

#[tokio::test]
async fn the_token_answer_is_the_seeds_and_is_counted() {
    let sb = start().await;
    let (status, body) = token_call(&sb.base_url(), &good()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    assert_eq!(body["code"], "200");
    assert!(body["message"].is_string());
    let data = &body["data"];
    assert!(data["access_token"].as_str().unwrap().len() > 32);
    assert_eq!(data["token_type"], "bearer");
    assert_eq!(data["expires_in"], 60);
    assert_eq!(data["scope"], "default");
    // Each call issues a new token.
    let (_, again) = token_call(&sb.base_url(), &good()).await;
    assert_ne!(again["data"]["access_token"], data["access_token"]);

    // The ComeComePay API beside it is untouched.
    Api::signed_in(&sb).await;
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts["POST /api/open/auth/token"], 2);
    assert_eq!(counts["POST /api/v1/auth/login"], 1);

    // Only POST; unknown FalPay paths are 404 (nothing else of FalPay's API is served).
    for (method, path, status) in [
        (Method::GET, FALPAY_TOKEN_PATH, 405),
        (Method::POST, "/api/open/merchant/create", 404),
    ] {
        let url = format!("{}{path}", sb.base_url());
        let r = http().request(method, url).send().await.unwrap();
        assert_eq!(r.status(), status, "{path}");
    }
}

#[tokio::test]
async fn the_lifetime_is_a_knob() {
    let sb = start_with(|c| c.falpay_token_ttl = Duration::from_secs(1)).await;
    let (_, body) = token_call(&sb.base_url(), &good()).await;
    assert_eq!(body["data"]["expires_in"], 1);
    let token = body["data"]["access_token"].as_str().unwrap().to_owned();
    assert_eq!(echo(&sb, Some(&token)).await, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(echo(&sb, Some(&token)).await, 401, "expired");
}

#[tokio::test]
async fn refusals_are_the_envelope_with_the_status_or_as_200() {
    for as_200 in [false, true] {
        let sb = start_with(|c| c.falpay_errors_as_200 = as_200).await;
        let base = sb.base_url();
        let cases: [(Query, u16, &str); 4] = [
            (
                vec![
                    ("grant_type", "client_credentials"),
                    ("client_id", FALPAY_CLIENT_ID),
                    ("client_secret", "wrong"),
                ],
                401,
                "401",
            ),
            (
                vec![
                    ("grant_type", "client_credentials"),
                    ("client_id", "1"),
                    ("client_secret", FALPAY_CLIENT_SECRET),
                ],
                401,
                "401",
            ),
            (
                vec![
                    ("grant_type", "password"),
                    ("client_id", FALPAY_CLIENT_ID),
                    ("client_secret", FALPAY_CLIENT_SECRET),
                ],
                400,
                "400",
            ),
            (vec![], 400, "400"),
        ];
        for (query, status, code) in cases {
            let (got, body) = token_call(&base, &query).await;
            assert_eq!(got, if as_200 { 200 } else { status }, "{query:?}");
            assert_eq!(body["success"], false, "{body}");
            assert_eq!(body["code"], code, "{body}");
            assert!(body["data"].is_null());
            let text = body.to_string();
            assert!(!text.contains(FALPAY_CLIENT_SECRET) && !text.contains("wrong"));
        }
        // Unencoded, the secret's `+` would arrive as a space: refused.
        let raw = format!(
            "{base}{FALPAY_TOKEN_PATH}?grant_type=client_credentials&client_id={FALPAY_CLIENT_ID}&client_secret={FALPAY_CLIENT_SECRET}"
        );
        let body: Value = http().post(raw).send().await.unwrap().json().await.unwrap();
        assert_eq!(body["success"], false);
    }
}

#[tokio::test]
async fn the_test_only_echo_checks_tokens_and_revocation_ends_them() {
    let sb = start().await;
    assert_eq!(echo(&sb, None).await, 401);
    assert_eq!(echo(&sb, Some("fp_made_up")).await, 401);
    let (_, body) = token_call(&sb.base_url(), &good()).await;
    let token = body["data"]["access_token"].as_str().unwrap().to_owned();
    assert_eq!(echo(&sb, Some(&token)).await, 200);
    assert_eq!(sb.control().falpay_revoke_tokens().await.unwrap(), 1);
    assert_eq!(echo(&sb, Some(&token)).await, 401);
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts["GET /sandbox/falpay/echo"], 4);
}
