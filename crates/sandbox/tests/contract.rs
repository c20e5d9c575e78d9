//! Every endpoint's answers, success and documented errors, validated against the OpenAPI
//! contract. One test per resource walks a table of requests (who sends it, the request line,
//! the body, the status that must come back) in order, since later rows build on earlier ones
//! (a lockout, a frozen card). A failing row is reported and the walk goes on, so the first
//! failure does not hide the rest. The tables together must cover every (method, path, status)
//! the contract documents: `the_tables_cover_every_documented_response` reads them without a
//! server, and every row that is run is checked against the contract, so a passing run has
//! exercised each documented response.

use crate::support::contract::Contract;
use crate::support::{Api, Reply, kyc_body, kyc_body_with, start_with};
use Who::{Anon, Demo, Other};
use ccp_sandbox::{
    Config, DEMO_EMAIL, DEMO_PASSWORD, FaultSpec, OTHER_EMAIL, OTHER_PASSWORD, Sandbox, TEST_OTP,
};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

/// Who sends a request: the demo user, the second seeded user, or nobody signed in.
#[derive(Clone, Copy, Debug)]
enum Who {
    Demo,
    Other,
    Anon,
}

/// One row of a table. `request` is `"METHOD /path?query"`; `{name}` in it, and in the
/// body's strings, is replaced by a value an earlier step kept (a card's token, a
/// transaction id).
struct Case {
    who: Who,
    request: &'static str,
    body: Option<Value>,
    want: u16,
    /// The server fails this one request with `want` (a fault), as the contract documents.
    fault: bool,
    /// Run on the answer: more asserts, or keeping a value for later rows.
    then: Option<fn(&Reply, &mut Walk)>,
}

fn case(who: Who, request: &'static str, want: u16) -> Case {
    Case {
        who,
        request,
        body: None,
        want,
        fault: false,
        then: None,
    }
}

impl Case {
    fn body(self, body: Value) -> Case {
        Case {
            body: Some(body),
            ..self
        }
    }

    fn fault(self) -> Case {
        Case {
            fault: true,
            ..self
        }
    }

    fn then(self, then: fn(&Reply, &mut Walk)) -> Case {
        Case {
            then: Some(then),
            ..self
        }
    }

    /// (METHOD, path, status), as the contract lists its responses.
    fn response(&self) -> (String, String, u16) {
        let (method, target) = self.request.split_once(' ').expect("METHOD /path");
        let path = target.split_once('?').map_or(target, |(path, _)| path);
        (method.to_owned(), path.to_owned(), self.want)
    }
}

/// One sandbox, a client per [`Who`], and the values kept by earlier rows.
struct Walk {
    sb: Sandbox,
    contract: Contract,
    demo: Api,
    other: Api,
    anon: Api,
    vars: BTreeMap<&'static str, String>,
}

impl Walk {
    /// Nobody signed in yet: the auth tables sign in themselves.
    async fn new(tune: impl FnOnce(&mut Config)) -> Walk {
        let sb = start_with(tune).await;
        Walk {
            contract: Contract::load(),
            demo: Api::new(&sb),
            other: Api::new(&sb),
            anon: Api::new(&sb),
            vars: BTreeMap::new(),
            sb,
        }
    }

    /// Both users signed in; `{normal}` and `{cancelled}` are the demo user's cards in that
    /// state, `{others}` the second user's normal card.
    async fn signed_in() -> Walk {
        let mut w = Walk::new(|_| {}).await;
        w.other.sign_in_as(OTHER_EMAIL, OTHER_PASSWORD).await;
        w.demo.sign_in_as(DEMO_EMAIL, DEMO_PASSWORD).await;
        let others = w.other.card_token("normal").await;
        let normal = w.demo.card_token("normal").await;
        let cancelled = w.demo.card_token("cancelled").await;
        w.vars.insert("others", others);
        w.vars.insert("normal", normal);
        w.vars.insert("cancelled", cancelled);
        w
    }

    fn api(&self, who: Who) -> &Api {
        match who {
            Demo => &self.demo,
            Other => &self.other,
            Anon => &self.anon,
        }
    }

    /// Keeps the demo user's new access token (sent from now on, and as `{token}`).
    fn keep_access_token(&mut self, r: &Reply) {
        let token = r.body["access_token"].as_str().expect("access_token");
        self.demo.token = Some(token.to_owned());
        self.vars.insert("token", token.to_owned());
    }

    fn fill(&self, text: &str) -> Result<String, String> {
        let mut text = text.to_owned();
        for (name, value) in &self.vars {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        match text.find('{') {
            Some(at) => Err(format!("nothing kept for {}", &text[at..])),
            None => Ok(text),
        }
    }

    fn fill_json(&self, v: &Value) -> Result<Value, String> {
        Ok(match v {
            Value::String(s) => Value::String(self.fill(s)?),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| Ok((k.clone(), self.fill_json(v)?)))
                    .collect::<Result<_, String>>()?,
            ),
            other => other.clone(),
        })
    }

    /// Every row in order; panics at the end with every row that failed.
    async fn run(&mut self, cases: Vec<Case>) {
        let mut failures = Vec::new();
        for case in &cases {
            if let Err(e) = self.one(case).await {
                failures.push(format!(
                    "{:?} {} => {}: {e}",
                    case.who, case.request, case.want
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} rows failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    async fn one(&mut self, case: &Case) -> Result<(), String> {
        let (method, path, want) = case.response();
        let (_, target) = case.request.split_once(' ').unwrap();
        let target = self.fill(target)?;
        if case.fault {
            let spec = FaultSpec::status(want)
                .on(&format!("/api/v1{path}"))
                .method(&method)
                .times(1);
            self.sb
                .control()
                .fault(spec)
                .await
                .map_err(|e| e.to_string())?;
        }
        let body = case.body.as_ref().map(|b| self.fill_json(b)).transpose()?;
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let r = self.api(case.who).call(method.clone(), &target, body).await;
        if r.status.as_u16() != want {
            return Err(format!("answered {}: {}", r.status.as_u16(), r.body));
        }
        self.contract
            .check(method.as_str(), &path, want, &r.headers, &r.body)
            .map_err(|e| format!("contract violation: {e}"))?;
        if let Some(then) = case.then {
            catch_unwind(AssertUnwindSafe(|| then(&r, self))).map_err(|panic| {
                let text = panic.downcast_ref::<String>().map(String::as_str);
                let text = text.or_else(|| panic.downcast_ref::<&str>().copied());
                format!("then: {}", text.unwrap_or("panicked"))
            })?;
        }
        Ok(())
    }
}

fn login() -> Value {
    json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
}

fn verify(code: &str) -> Value {
    json!({"email": DEMO_EMAIL, "otp_code": code})
}

fn change(card: &str, code: &str) -> Value {
    json!({"public_token": card, "card_status_code": code})
}

/// Run with two login failures and two code attempts allowed, so the lockouts come soon.
fn auth_cases() -> Vec<Case> {
    vec![
        case(Anon, "POST /auth/login", 200)
            .body(login())
            .then(|r, _| {
                assert_eq!(r.body["next_step"], "verify_login_otp");
                assert_eq!(r.body["otp"], TEST_OTP);
            }),
        case(Anon, "POST /auth/login", 400).body(json!({"email": DEMO_EMAIL})),
        case(Anon, "POST /auth/login", 401)
            .body(json!({"email": OTHER_EMAIL, "password": "wrong"})),
        case(Anon, "POST /auth/login", 401)
            .body(json!({"email": OTHER_EMAIL, "password": "wrong"})),
        // Two failures lock the e-mail out, even with the right password.
        case(Anon, "POST /auth/login", 429)
            .body(json!({"email": OTHER_EMAIL, "password": OTHER_PASSWORD}))
            .then(|r, _| assert!(r.headers.get("retry-after").is_some())),
        // A code was just sent.
        case(Anon, "POST /auth/resend-otp", 429).body(json!({"email": DEMO_EMAIL})),
        case(Anon, "POST /auth/resend-otp", 400).body(json!({"email": "nobody@example.com"})),
        case(Anon, "POST /auth/verify-login-otp", 400).body(json!({"email": DEMO_EMAIL})),
        case(Anon, "POST /auth/verify-login-otp", 401).body(verify("00000")),
        case(Anon, "POST /auth/verify-login-otp", 429).body(verify("00001")),
        case(Anon, "POST /auth/login", 200).body(login()),
        case(Demo, "POST /auth/verify-login-otp", 200)
            .body(verify(TEST_OTP))
            .then(|r, w| {
                w.keep_access_token(r);
                let refresh = r.body["refresh_token"].as_str().expect("refresh_token");
                w.vars.insert("refresh", refresh.to_owned());
            }),
        case(Demo, "POST /auth/refresh", 200)
            .body(json!({"refresh_token": "{refresh}"}))
            .then(|r, w| w.keep_access_token(r)),
        case(Demo, "POST /auth/refresh", 401).body(json!({"refresh_token": "ccp_rt_unknown"})),
        // Last: it ends the session.
        case(Demo, "POST /auth/logout", 200).body(json!({"access_token": "{token}"})),
        case(Demo, "POST /auth/logout", 401),
    ]
}

/// Run on a sandbox without a resend cooldown.
fn resend_cases() -> Vec<Case> {
    vec![
        case(Anon, "POST /auth/login", 200).body(login()),
        case(Anon, "POST /auth/resend-otp", 200)
            .body(json!({"email": DEMO_EMAIL}))
            .then(|r, _| assert_eq!(r.body["status"], "success")),
    ]
}

fn user_and_public_cases() -> Vec<Case> {
    vec![
        case(Demo, "GET /user/profile", 200),
        case(Anon, "GET /user/profile", 401),
        case(Anon, "GET /app-version?platform=ios", 200)
            .then(|r, _| assert_eq!(r.body["data"]["platform"], "ios")),
    ]
}

fn card_cases() -> Vec<Case> {
    vec![
        case(Demo, "GET /card/list", 200).then(|r, _| assert_eq!(r.body["data"]["total"], 4)),
        case(Anon, "GET /card/list", 401),
        case(Demo, "GET /card/account-details?public_token={normal}", 200),
        case(Demo, "GET /card/account-details?card_id=1", 200),
        case(Demo, "GET /card/account-details", 400),
        case(Anon, "GET /card/account-details?public_token={normal}", 401),
        case(Demo, "GET /card/account-details?public_token={others}", 403),
        case(Demo, "GET /card/account-details?public_token=999", 404),
        case(Demo, "GET /card/status?public_token={normal}", 200),
        case(Anon, "GET /card/status?public_token={normal}", 401),
        case(Demo, "GET /card/status?public_token={others}", 403),
        case(Demo, "GET /card/status?public_token=999", 404),
        case(Demo, "PUT /card/status", 200)
            .body(change("{normal}", "G1"))
            .then(|r, _| assert_eq!(r.body["data"]["status_name"], "Frozen")),
        case(Demo, "PUT /card/status", 200).body(change("{normal}", "00")),
        case(Demo, "PUT /card/status", 400).body(change("{normal}", "41")),
        case(Demo, "PUT /card/status", 400).body(change("{cancelled}", "00")),
        case(Anon, "PUT /card/status", 401).body(change("{normal}", "G1")),
        // Server-side failures the contract documents, played by faults.
        case(Demo, "GET /card/list", 500).fault(),
        case(Demo, "GET /card/account-details?public_token={normal}", 500).fault(),
        case(Demo, "PUT /card/status", 502)
            .body(change("{normal}", "G1"))
            .fault(),
    ]
}

fn transaction_cases() -> Vec<Case> {
    vec![
        case(
            Demo,
            "GET /card/transaction-history?public_token={normal}&page=2&limit=10",
            200,
        )
        .then(|r, w| {
            let id = r.body["data"]["transactions"][0]["transaction_id"].as_str();
            w.vars
                .insert("tx", id.expect("a transaction on page 2").to_owned());
        }),
        case(
            Demo,
            "GET /card/transaction-details?transaction_id={tx}",
            200,
        )
        .then(|r, w| {
            assert_eq!(r.body["data"]["transaction_id"], w.vars["tx"].as_str());
        }),
        case(Demo, "GET /card/transaction-details", 400),
        case(
            Anon,
            "GET /card/transaction-details?transaction_id={tx}",
            401,
        ),
        // Another user's transaction is not found, like one that does not exist.
        case(
            Other,
            "GET /card/transaction-details?transaction_id={tx}",
            404,
        ),
        case(
            Demo,
            "GET /card/transaction-details?transaction_id=nope",
            404,
        ),
        case(
            Demo,
            "GET /card/transaction-history?public_token={normal}&limit=101",
            400,
        ),
        case(
            Anon,
            "GET /card/transaction-history?public_token={normal}",
            401,
        ),
        case(
            Demo,
            "GET /card/transaction-history?public_token={normal}",
            500,
        )
        .fault(),
    ]
}

fn threeds_cases() -> Vec<Case> {
    vec![
        case(Demo, "GET /3ds/my-records?page=1&page_size=2", 200)
            .then(|r, _| assert_eq!(r.body["data"]["total_pages"], 3)),
        case(Demo, "GET /3ds/my-records?page_size=0", 400),
        case(Anon, "GET /3ds/my-records", 401),
        case(Demo, "GET /3ds/my-records", 500).fault(),
    ]
}

fn kyc_cases() -> Vec<Case> {
    vec![
        case(Demo, "GET /kyc/eligibility", 200),
        case(Anon, "GET /kyc/eligibility", 401),
        case(Demo, "GET /didit/status", 200),
        case(Anon, "GET /didit/status", 401),
        case(Demo, "POST /didit/initialize-token", 200)
            .body(kyc_body_with(
                json!({"return_url": "https://example.com/done"}),
            ))
            .then(|r, w| {
                let url = r.body["didit_token"]["data"]["url"].as_str().unwrap();
                assert!(url.starts_with(&w.sb.base_url()), "{url}");
            }),
        case(Other, "POST /didit/initialize-token", 400).body(kyc_body()),
        case(Anon, "POST /didit/initialize-token", 401).body(kyc_body()),
        case(Other, "GET /didit/status", 200)
            .then(|r, _| assert_eq!(r.body["latest_kyc"], Value::Null)),
        case(Demo, "GET /didit/status", 404).fault(),
    ]
}

/// Notifications and announcements (x-assumed shapes): lists, unread counts, and opening one
/// marks it read; another account's notification is not found.
fn message_cases() -> Vec<Case> {
    vec![
        case(Demo, "GET /notifications/unread-count", 200)
            .then(|r, _| assert_eq!(r.body["data"]["count"], 1, "one seeded unread")),
        case(Demo, "GET /notifications/?limit=1&offset=1", 200).then(|r, w| {
            assert_eq!(r.body["data"]["total"], 2);
            let item = &r.body["data"]["notifications"][0];
            assert_eq!(item["is_read"], true, "the older one was read");
            w.vars.insert("id", item["id"].to_string());
        }),
        case(Demo, "GET /notifications/?limit=0", 400),
        case(Demo, "GET /notifications/?offset=-1", 400),
        case(Anon, "GET /notifications/", 401),
        case(Demo, "GET /notifications/?limit=1", 200).then(|r, w| {
            let item = &r.body["data"]["notifications"][0];
            assert_eq!(item["is_read"], false);
            w.vars.insert("id", item["id"].to_string());
        }),
        case(Demo, "GET /notifications/{id}", 200)
            .then(|r, _| assert_eq!(r.body["data"]["is_read"], true)),
        case(Demo, "GET /notifications/unread-count", 200)
            .then(|r, _| assert_eq!(r.body["data"]["count"], 0, "opening read it")),
        case(Other, "GET /notifications/{id}", 404),
        case(Anon, "GET /notifications/{id}", 401),
        case(Anon, "GET /notifications/unread-count", 401),
        case(Other, "GET /announcements", 200).then(|r, w| {
            assert_eq!(r.body["data"]["total"], 2, "to everyone");
            let id = r.body["data"]["announcements"][0]["id"].to_string();
            w.vars.insert("id", id);
        }),
        case(Demo, "GET /announcements?limit=101", 400),
        case(Anon, "GET /announcements", 401),
        case(Other, "GET /announcements/unread-count", 200)
            .then(|r, _| assert_eq!(r.body["data"]["count"], 2)),
        case(Other, "GET /announcements/{id}", 200),
        case(Other, "GET /announcements/unread-count", 200)
            .then(|r, _| assert_eq!(r.body["data"]["count"], 1, "read per user")),
        case(Demo, "GET /announcements/unread-count", 200)
            .then(|r, _| assert_eq!(r.body["data"]["count"], 2, "not by another")),
        case(Anon, "GET /announcements/unread-count", 401),
        case(Anon, "GET /announcements/{id}", 401).then(|_, w| {
            w.vars.insert("id", "999999".into());
        }),
        case(Demo, "GET /announcements/{id}", 404),
    ]
}

/// One test per resource, each walking its table with both users signed in (ripgrep's
/// `rgtest!` is the model): the first failing row of one table does not hide another's.
macro_rules! signed_in_walks {
    ($($test:ident: $cases:ident,)*) => {$(
        #[tokio::test]
        async fn $test() {
            Walk::signed_in().await.run($cases()).await;
        }
    )*};
}

signed_in_walks! {
    messages_match_the_contract: message_cases,
    user_and_public_endpoints_match_the_contract: user_and_public_cases,
    cards_match_the_contract: card_cases,
    transactions_match_the_contract: transaction_cases,
    threeds_records_match_the_contract: threeds_cases,
    kyc_matches_the_contract: kyc_cases,
}

#[tokio::test]
async fn auth_matches_the_contract() {
    let strict = |c: &mut Config| {
        c.max_login_failures = 2;
        c.max_otp_attempts = 2;
    };
    Walk::new(strict).await.run(auth_cases()).await;
}

#[tokio::test]
async fn resend_after_the_cooldown_matches_the_contract() {
    let no_cooldown = |c: &mut Config| c.resend_cooldown = Duration::ZERO;
    Walk::new(no_cooldown).await.run(resend_cases()).await;
}

/// Each table's rows are checked against the contract when run (the tests above); here, that
/// together they reach every documented response.
#[test]
fn the_tables_cover_every_documented_response() {
    let tables = [
        auth_cases(),
        resend_cases(),
        user_and_public_cases(),
        card_cases(),
        transaction_cases(),
        threeds_cases(),
        kyc_cases(),
        message_cases(),
    ];
    let covered: BTreeSet<_> = tables.iter().flatten().map(Case::response).collect();
    let documented = Contract::load().documented();
    let missing: Vec<_> = documented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "documented responses never exercised: {missing:?}"
    );
}

/// Unknown routes and methods: JSON in the service's error shape.
#[tokio::test]
async fn unknown_routes_and_methods_answer_in_the_error_shape() {
    let w = Walk::signed_in().await;
    let r = w.demo.get("/no/such/path").await;
    assert_eq!(r.status, 404);
    w.contract.check_error_shape(&r.body).unwrap();
    let r = w.demo.call(Method::DELETE, "/card/list", None).await;
    assert_eq!(r.status, 405);
    w.contract.check_error_shape(&r.body).unwrap();
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
    use crate::support::contract::assert_extends;
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
