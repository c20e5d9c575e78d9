//! Sign-in, codes, refresh rotation, logout, token expiry, rate limits.

use crate::support::{Api, signed_in, start, start_with};
use ccp_sandbox::{Config, DEMO_EMAIL, DEMO_PASSWORD, OTHER_EMAIL, TEST_OTP};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn login_then_code_gives_tokens_and_a_profile() {
    let sb = start().await;
    let mut api = Api::new(&sb);
    let r = api.login(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["next_step"], "verify_login_otp");
    assert_eq!(r.body["email"], DEMO_EMAIL);
    assert_eq!(r.body["otp"], TEST_OTP);
    let r = api.verify(DEMO_EMAIL, TEST_OTP).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["user"]["email"], DEMO_EMAIL);
    api.token = Some(r.body["access_token"].as_str().unwrap().into());
    let r = api.get("/user/profile").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["user"]["first_name"], "Demo");
    assert_eq!(r.body["user"]["kyc_status"], "rejected");
    // A code works once.
    let r = api.verify(DEMO_EMAIL, TEST_OTP).await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn random_codes_are_five_digits() {
    let sb = ccp_sandbox::Sandbox::start(Config::default())
        .await
        .unwrap();
    let api = Api::new(&sb);
    let r = api.login(DEMO_EMAIL, DEMO_PASSWORD).await;
    let code = r.body["otp"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 5);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    let r = api.verify(DEMO_EMAIL, &code).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn wrong_password_and_lockout() {
    let sb = start_with(|c| c.max_login_failures = 3).await;
    let api = Api::new(&sb);
    for _ in 0..3 {
        let r = api.login(DEMO_EMAIL, "nope").await;
        assert_eq!(r.status, 401);
        assert_eq!(r.body["error"], "Invalid credentials");
    }
    let r = api.login(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(r.status, 429);
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // Unknown e-mail answers like a wrong password (no enumeration).
    let r = api.login("who@example.com", "x").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"], "Invalid credentials");
    // Not JSON at all: a 400 that says so.
    let resp = api
        .http
        .post(format!("{}/api/v1/auth/login", api.base))
        .body("email=x")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "Invalid request body");
}

#[tokio::test]
async fn wrong_codes_expired_codes_and_too_many_tries() {
    let sb = start_with(|c| c.max_otp_attempts = 3).await;
    let api = Api::new(&sb);
    let login = json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD});
    api.post("/auth/login", login.clone()).await;
    let wrong = json!({"email": DEMO_EMAIL, "otp_code": "99999"});
    let r = api.post("/auth/verify-login-otp", wrong.clone()).await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (401, Some("Invalid OTP"))
    );
    assert_eq!(r.body["details"], "the code is wrong; 2 attempts left");
    api.post("/auth/verify-login-otp", wrong.clone()).await;
    let r = api.post("/auth/verify-login-otp", wrong).await;
    assert_eq!(r.status, 429);
    assert!(r.headers.contains_key("retry-after"));
    // The code is void after too many tries, even the right one.
    let r = api.verify(DEMO_EMAIL, TEST_OTP).await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (401, Some("OTP expired"))
    );

    // An expired code.
    let sb = start_with(|c| c.otp_ttl = Duration::ZERO).await;
    let api = Api::new(&sb);
    api.post("/auth/login", login).await;
    let r = api.verify(DEMO_EMAIL, TEST_OTP).await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (401, Some("OTP expired"))
    );
}

#[tokio::test]
async fn resend_is_rate_limited() {
    let sb = start().await;
    let api = Api::new(&sb);
    let r = api
        .post("/auth/resend-otp", json!({"email": DEMO_EMAIL}))
        .await;
    assert_eq!(r.status, 400, "no sign-in pending yet");
    api.login(DEMO_EMAIL, DEMO_PASSWORD).await;
    let r = api
        .post("/auth/resend-otp", json!({"email": DEMO_EMAIL}))
        .await;
    assert_eq!(r.status, 429);
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&wait), "{wait}");
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_ends_the_session() {
    let (_sb, mut api) = signed_in().await;
    let first = api.refresh.clone().unwrap();
    let r = api
        .post("/auth/refresh", json!({"refresh_token": first}))
        .await;
    assert_eq!(r.status, 200);
    let second = r.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    api.token = Some(r.body["access_token"].as_str().unwrap().into());
    assert_eq!(api.get("/card/list").await.status, 200);
    // The old one no longer works; and reusing it revokes the whole family.
    let r = api
        .post("/auth/refresh", json!({"refresh_token": first}))
        .await;
    assert_eq!(r.status, 401);
    let r = api
        .post("/auth/refresh", json!({"refresh_token": second}))
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(api.get("/card/list").await.status, 401);
}

#[tokio::test]
async fn concurrent_refreshes_with_one_token_let_exactly_one_through() {
    let (_sb, api) = signed_in().await;
    let token = api.refresh.clone().unwrap();
    let calls = (0..8).map(|_| api.post("/auth/refresh", json!({"refresh_token": token})));
    let results = futures_util::future::join_all(calls).await;
    let ok = results.iter().filter(|r| r.status == 200).count();
    assert_eq!(ok, 1);
}

#[tokio::test]
async fn logout_revokes_and_expired_access_tokens_answer_401() {
    let (sb, mut api) = signed_in().await;
    assert_eq!(api.get("/card/list").await.status, 200);
    // Expire the access token: every call is 401, refresh still works.
    let n = sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    assert_eq!(n, 1);
    let r = api.get("/card/list").await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (401, Some("Token expired"))
    );
    assert_eq!(api.get("/3ds/my-records").await.status, 401);
    let r = api
        .post("/auth/refresh", json!({"refresh_token": api.refresh}))
        .await;
    assert_eq!(r.status, 200);
    api.token = Some(r.body["access_token"].as_str().unwrap().into());
    api.refresh = Some(r.body["refresh_token"].as_str().unwrap().into());
    assert_eq!(api.get("/card/list").await.status, 200);
    // Logout ends access and refresh.
    let r = api
        .post("/auth/logout", json!({"access_token": api.token}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(api.get("/card/list").await.status, 401);
    let r = api
        .post("/auth/refresh", json!({"refresh_token": api.refresh}))
        .await;
    assert_eq!(r.status, 401);
    // Other users' sessions are untouched by expire_tokens.
    assert_eq!(sb.control().expire_tokens(OTHER_EMAIL).await.unwrap(), 0);
}

#[tokio::test]
async fn access_tokens_expire_after_their_lifetime() {
    let sb = start_with(|c| c.access_ttl = Duration::from_secs(1)).await;
    let api = Api::signed_in(&sb).await;
    // Poll (no timing assertion): the token must stop working within a few seconds.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let r = api.get("/card/list").await;
        if r.status == 401 {
            assert_eq!(r.body["error"], "Token expired");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "token never expired");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
