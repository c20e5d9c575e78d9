//! Every endpoint's answers, success and documented errors, validated against the OpenAPI
//! contract; the walk must cover every (method, path, status) the contract documents.

use crate::common::contract::Contract;
use crate::common::{Api, Reply, kyc_body, kyc_body_with, start_with};
use ccp_sandbox::{
    Config, DEMO_EMAIL, DEMO_PASSWORD, FaultSpec, OTHER_EMAIL, OTHER_PASSWORD, TEST_OTP,
};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

/// Calls `METHOD path?query`, asserts the status and validates the body against the contract.
async fn hit(
    c: &Contract,
    api: &Api,
    method: Method,
    path: &str,
    query: &str,
    body: Option<Value>,
    want: u16,
) -> Reply {
    let r = api
        .call(method.clone(), &format!("{path}{query}"), body)
        .await;
    assert_eq!(
        r.status.as_u16(),
        want,
        "{method} {path}{query}: {}",
        r.body
    );
    if let Err(e) = c.check(method.as_str(), path, want, &r.headers, &r.body) {
        panic!("contract violation: {e}");
    }
    r
}

fn anon(api: &Api) -> Api {
    Api {
        base: api.base.clone(),
        http: api.http.clone(),
        token: None,
        refresh: None,
    }
}

#[tokio::test]
async fn every_endpoint_and_documented_error_matches_the_contract() {
    let c = Contract::load();
    let sb = start_with(Config {
        max_login_failures: 2,
        max_otp_attempts: 2,
        ..Config::default()
    })
    .await;
    let control = sb.control();
    let mut api = Api::new(&sb);
    let none = anon(&api);
    use Method as M;
    // The second user signs in first: the lockout below is on their e-mail.
    let mut other = Api::new(&sb);
    other.sign_in_as(OTHER_EMAIL, OTHER_PASSWORD).await;
    let others = other.card_token("normal").await;

    // ---- auth
    let login = json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD});
    let r = hit(
        &c,
        &api,
        M::POST,
        "/auth/login",
        "",
        Some(login.clone()),
        200,
    )
    .await;
    assert_eq!(r.body["next_step"], "verify_login_otp");
    assert_eq!(r.body["otp"], TEST_OTP);
    hit(
        &c,
        &api,
        M::POST,
        "/auth/login",
        "",
        Some(json!({"email": DEMO_EMAIL})),
        400,
    )
    .await;
    for _ in 0..2 {
        hit(
            &c,
            &api,
            M::POST,
            "/auth/login",
            "",
            Some(json!({"email": OTHER_EMAIL, "password": "wrong"})),
            401,
        )
        .await;
    }
    let r = hit(
        &c,
        &api,
        M::POST,
        "/auth/login",
        "",
        Some(json!({"email": OTHER_EMAIL, "password": OTHER_PASSWORD})),
        429,
    )
    .await;
    assert!(r.headers.get("retry-after").is_some());

    hit(
        &c,
        &api,
        M::POST,
        "/auth/resend-otp",
        "",
        Some(json!({"email": DEMO_EMAIL})),
        429,
    )
    .await;
    hit(
        &c,
        &api,
        M::POST,
        "/auth/resend-otp",
        "",
        Some(json!({"email": "nobody@example.com"})),
        400,
    )
    .await;

    let verify = |code: &str| json!({"email": DEMO_EMAIL, "otp_code": code});
    hit(
        &c,
        &api,
        M::POST,
        "/auth/verify-login-otp",
        "",
        Some(json!({"email": DEMO_EMAIL})),
        400,
    )
    .await;
    hit(
        &c,
        &api,
        M::POST,
        "/auth/verify-login-otp",
        "",
        Some(verify("00000")),
        401,
    )
    .await;
    hit(
        &c,
        &api,
        M::POST,
        "/auth/verify-login-otp",
        "",
        Some(verify("00001")),
        429,
    )
    .await;
    hit(&c, &api, M::POST, "/auth/login", "", Some(login), 200).await;
    let tokens = hit(
        &c,
        &api,
        M::POST,
        "/auth/verify-login-otp",
        "",
        Some(verify(TEST_OTP)),
        200,
    )
    .await;
    api.token = Some(tokens.body["access_token"].as_str().unwrap().into());
    let old_refresh = tokens.body["refresh_token"].clone();
    let r = hit(
        &c,
        &api,
        M::POST,
        "/auth/refresh",
        "",
        Some(json!({"refresh_token": old_refresh})),
        200,
    )
    .await;
    api.token = Some(r.body["access_token"].as_str().unwrap().into());
    hit(
        &c,
        &api,
        M::POST,
        "/auth/refresh",
        "",
        Some(json!({"refresh_token": "ccp_rt_unknown"})),
        401,
    )
    .await;

    // ---- user, public
    hit(&c, &api, M::GET, "/user/profile", "", None, 200).await;
    hit(&c, &none, M::GET, "/user/profile", "", None, 401).await;
    let r = hit(
        &c,
        &none,
        M::GET,
        "/app-version",
        "?platform=ios",
        None,
        200,
    )
    .await;
    assert_eq!(r.body["data"]["platform"], "ios");

    // ---- cards
    let r = hit(&c, &api, M::GET, "/card/list", "", None, 200).await;
    assert_eq!(r.body["data"]["total"], 4);
    hit(&c, &none, M::GET, "/card/list", "", None, 401).await;
    let normal = api.card_token("normal").await;
    let cancelled = api.card_token("cancelled").await;

    let q = |t: &str| format!("?public_token={t}");
    hit(
        &c,
        &api,
        M::GET,
        "/card/account-details",
        &q(&normal),
        None,
        200,
    )
    .await;
    hit(
        &c,
        &api,
        M::GET,
        "/card/account-details",
        "?card_id=1",
        None,
        200,
    )
    .await;
    hit(&c, &api, M::GET, "/card/account-details", "", None, 400).await;
    hit(
        &c,
        &none,
        M::GET,
        "/card/account-details",
        &q(&normal),
        None,
        401,
    )
    .await;
    hit(
        &c,
        &api,
        M::GET,
        "/card/account-details",
        &q(&others),
        None,
        403,
    )
    .await;
    hit(
        &c,
        &api,
        M::GET,
        "/card/account-details",
        "?public_token=999",
        None,
        404,
    )
    .await;

    hit(&c, &api, M::GET, "/card/status", &q(&normal), None, 200).await;
    hit(&c, &none, M::GET, "/card/status", &q(&normal), None, 401).await;
    hit(&c, &api, M::GET, "/card/status", &q(&others), None, 403).await;
    hit(
        &c,
        &api,
        M::GET,
        "/card/status",
        "?public_token=999",
        None,
        404,
    )
    .await;

    let change = |t: &str, code: &str| json!({"public_token": t, "card_status_code": code});
    let r = hit(
        &c,
        &api,
        M::PUT,
        "/card/status",
        "",
        Some(change(&normal, "G1")),
        200,
    )
    .await;
    assert_eq!(r.body["data"]["status_name"], "Frozen");
    hit(
        &c,
        &api,
        M::PUT,
        "/card/status",
        "",
        Some(change(&normal, "00")),
        200,
    )
    .await;
    hit(
        &c,
        &api,
        M::PUT,
        "/card/status",
        "",
        Some(change(&normal, "41")),
        400,
    )
    .await;
    hit(
        &c,
        &api,
        M::PUT,
        "/card/status",
        "",
        Some(change(&cancelled, "00")),
        400,
    )
    .await;
    hit(
        &c,
        &none,
        M::PUT,
        "/card/status",
        "",
        Some(change(&normal, "G1")),
        401,
    )
    .await;

    let r = hit(
        &c,
        &api,
        M::GET,
        "/card/transaction-history",
        &format!("{}&page=2&limit=10", q(&normal)),
        None,
        200,
    )
    .await;
    let tx_id = r.body["data"]["transactions"][0]["transaction_id"]
        .as_str()
        .expect("a transaction on page 2")
        .to_owned();
    let detail = format!("?transaction_id={tx_id}");
    let r = hit(
        &c,
        &api,
        M::GET,
        "/card/transaction-details",
        &detail,
        None,
        200,
    )
    .await;
    assert_eq!(r.body["data"]["transaction_id"], tx_id.as_str());
    hit(&c, &api, M::GET, "/card/transaction-details", "", None, 400).await;
    hit(
        &c,
        &none,
        M::GET,
        "/card/transaction-details",
        &detail,
        None,
        401,
    )
    .await;
    // Another user's transaction is not found, like one that does not exist.
    hit(
        &c,
        &other,
        M::GET,
        "/card/transaction-details",
        &detail,
        None,
        404,
    )
    .await;
    hit(
        &c,
        &api,
        M::GET,
        "/card/transaction-details",
        "?transaction_id=nope",
        None,
        404,
    )
    .await;
    hit(
        &c,
        &api,
        M::GET,
        "/card/transaction-history",
        &format!("{}&limit=101", q(&normal)),
        None,
        400,
    )
    .await;
    hit(
        &c,
        &none,
        M::GET,
        "/card/transaction-history",
        &q(&normal),
        None,
        401,
    )
    .await;

    // ---- 3DS
    let r = hit(
        &c,
        &api,
        M::GET,
        "/3ds/my-records",
        "?page=1&page_size=2",
        None,
        200,
    )
    .await;
    assert_eq!(r.body["data"]["total_pages"], 3);
    hit(
        &c,
        &api,
        M::GET,
        "/3ds/my-records",
        "?page_size=0",
        None,
        400,
    )
    .await;
    hit(&c, &none, M::GET, "/3ds/my-records", "", None, 401).await;

    // ---- KYC
    hit(&c, &api, M::GET, "/kyc/eligibility", "", None, 200).await;
    hit(&c, &none, M::GET, "/kyc/eligibility", "", None, 401).await;
    hit(&c, &api, M::GET, "/didit/status", "", None, 200).await;
    hit(&c, &none, M::GET, "/didit/status", "", None, 401).await;
    let r = hit(
        &c,
        &api,
        M::POST,
        "/didit/initialize-token",
        "",
        Some(kyc_body_with(
            json!({"return_url": "https://example.com/done"}),
        )),
        200,
    )
    .await;
    assert!(
        r.body["didit_token"]["data"]["url"]
            .as_str()
            .unwrap()
            .starts_with(&sb.base_url())
    );
    hit(
        &c,
        &other,
        M::POST,
        "/didit/initialize-token",
        "",
        Some(kyc_body()),
        400,
    )
    .await;
    hit(
        &c,
        &none,
        M::POST,
        "/didit/initialize-token",
        "",
        Some(kyc_body()),
        401,
    )
    .await;
    let r = hit(&c, &other, M::GET, "/didit/status", "", None, 200).await;
    assert_eq!(r.body["latest_kyc"], Value::Null);

    // ---- server-side failures the contract documents, played by faults
    let fault = |path: &str, status: u16| {
        FaultSpec::status(status)
            .on(&format!("/api/v1{path}"))
            .times(1)
    };
    for (path, status) in [
        ("/card/list", 500),
        ("/card/account-details", 500),
        ("/card/transaction-history", 500),
        ("/3ds/my-records", 500),
        ("/didit/status", 404),
    ] {
        control.fault(fault(path, status)).await.unwrap();
        let query = if path.contains("card/") && path != "/card/list" {
            q(&normal)
        } else {
            String::new()
        };
        hit(&c, &api, M::GET, path, &query, None, status).await;
    }
    control
        .fault(fault("/card/status", 502).method("PUT"))
        .await
        .unwrap();
    hit(
        &c,
        &api,
        M::PUT,
        "/card/status",
        "",
        Some(change(&normal, "G1")),
        502,
    )
    .await;

    // ---- logout last: it ends the session
    hit(
        &c,
        &api,
        M::POST,
        "/auth/logout",
        "",
        Some(json!({"access_token": api.token})),
        200,
    )
    .await;
    hit(&c, &api, M::POST, "/auth/logout", "", None, 401).await;

    // ---- resend after the cooldown (a sandbox without one)
    let quick = start_with(Config {
        resend_cooldown: Duration::ZERO,
        ..Config::default()
    })
    .await;
    let q_api = Api::new(&quick);
    hit(
        &c,
        &q_api,
        M::POST,
        "/auth/login",
        "",
        Some(json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD})),
        200,
    )
    .await;
    let r = hit(
        &c,
        &q_api,
        M::POST,
        "/auth/resend-otp",
        "",
        Some(json!({"email": DEMO_EMAIL})),
        200,
    )
    .await;
    assert_eq!(r.body["status"], "success");

    // ---- unknown routes and methods: JSON in the service's error shape
    let r = api.get("/no/such/path").await;
    assert_eq!(r.status, 404);
    c.check_error_shape(&r.body).unwrap();
    let r = api.call(M::DELETE, "/card/list", None).await;
    assert_eq!(r.status, 405);
    c.check_error_shape(&r.body).unwrap();

    let missing: Vec<_> = c.documented().difference(&c.covered()).cloned().collect();
    assert!(
        missing.is_empty(),
        "documented responses never exercised: {missing:?}"
    );
}

/// The validator itself: bodies off the contract are caught (types, enums, formats, refs).
#[test]
fn the_validator_rejects_bodies_off_the_contract() {
    let c = Contract::load();
    let h = reqwest::header::HeaderMap::new();
    let ok = json!({"status": "success", "data": {"total": 1, "cards": [{"public_token": "1", "status": "frozen"}]}});
    c.check("GET", "/card/list", 200, &h, &ok).unwrap();
    let bad_enum = json!({"data": {"cards": [{"status": "melted"}]}});
    assert!(c.check("GET", "/card/list", 200, &h, &bad_enum).is_err());
    let bad_type = json!({"data": {"total": "one"}});
    assert!(c.check("GET", "/card/list", 200, &h, &bad_type).is_err());
    let bad_time = json!({"data": {"records": [{"received_at": "yesterday"}]}});
    assert!(
        c.check("GET", "/3ds/my-records", 200, &h, &bad_time)
            .is_err()
    );
    // Both error shapes at once match two oneOf branches: not a valid error body.
    let ambiguous = json!({"error": "x", "status": "error"});
    assert!(c.check("GET", "/card/list", 401, &h, &ambiguous).is_err());
    // 429 must carry Retry-After.
    assert!(
        c.check("POST", "/auth/resend-otp", 429, &h, &json!({"error": "x"}))
            .is_err()
    );
    assert!(c.check("GET", "/card/list", 418, &h, &ok).is_err());
}

/// Our copy of the contract may add an operation that says what it assumes, nothing else.
#[test]
fn our_contract_may_only_add_assumed_operations_to_the_original() {
    use crate::common::contract::assert_extends;
    let extends = |ours: Value, original: Value| {
        std::panic::catch_unwind(|| assert_extends(&ours, &original, "original")).is_ok()
    };
    let original = json!({
        "openapi": "3.1.0",
        "paths": {"/card/list": {"get": {"summary": "cards"}}},
        "components": {"schemas": {}}
    });
    let mut added = original.clone();
    added["paths"]["/card/x"] = json!({"get": {"summary": "x", "x-assumed": "a reading"}});
    assert!(extends(original.clone(), original.clone()));
    assert!(extends(added.clone(), original.clone()));

    added["paths"]["/card/x"]["get"]
        .as_object_mut()
        .unwrap()
        .remove("x-assumed");
    assert!(!extends(added, original.clone()), "added without x-assumed");
    let mut changed = original.clone();
    changed["paths"]["/card/list"]["get"]["summary"] = json!("other");
    assert!(!extends(changed, original.clone()), "changed operation");
    let mut dropped = original.clone();
    dropped["paths"]["/card/list"] = json!({});
    assert!(!extends(dropped, original.clone()), "dropped operation");
    let mut schema = original.clone();
    schema["components"]["schemas"]["X"] = json!({});
    assert!(!extends(schema, original), "changed components");
}
