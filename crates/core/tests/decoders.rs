//! Decoders never panic: property tests feed every endpoint's decoder
//! (`ccp_core::api::decode::<T>`, for every response type in `ccp_model::api`) (a) random bytes
//! and (b) valid answers, mutated (fields dropped, values replaced by null / numbers / huge
//! numbers / strings with control characters / nested objects, raw number literals serde cannot
//! hold, truncated, control bytes and invalid UTF-8 inserted), with various statuses (2xx, 302,
//! 4xx, 429, 5xx, any u16) and content types (JSON, HTML, none, anything). Every input must give
//! `Ok` or a typed [`Error`], and the error must fit the status. No keyring, no network.
//!
//! 256 cases per test (`PROPTEST_CASES=N` for more); a failure prints the body that broke it.

use ccp_core::Error;
use ccp_core::api::{Raw, decode};
use ccp_model::api as m;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

/// Put into values by the mutations; a decode error must never repeat it (values may be
/// passcodes or tokens).
const MARKER: &str = "S3CRET-marker-7f3a";

/// The endpoint-less entry: the error shapes, decoded as `ErrorBody`.
const ERROR_BODY: &str = "error body";

type Check = fn(&Raw<'_>) -> Result<(), Error>;

fn check<T: DeserializeOwned>(raw: &Raw<'_>) -> Result<(), Error> {
    decode::<T>(raw).map(drop)
}

/// One endpoint: its decoder and valid answers (from the contract's examples and the sandbox's
/// seed data).
struct Endpoint {
    name: &'static str,
    check: Check,
    examples: fn() -> Vec<Value>,
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "POST /auth/login",
        check: check::<m::LoginResponse>,
        examples: login,
    },
    Endpoint {
        name: "POST /auth/verify-login-otp",
        check: check::<m::TokenResponse>,
        examples: tokens,
    },
    Endpoint {
        name: "POST /auth/refresh",
        check: check::<m::TokenResponse>,
        examples: tokens,
    },
    Endpoint {
        name: "POST /auth/logout",
        check: check::<m::OkBody>,
        examples: ok_body,
    },
    Endpoint {
        name: "GET /user/profile",
        check: check::<m::ProfileResponse>,
        examples: profile,
    },
    Endpoint {
        name: "GET /card/list",
        check: check::<m::CardListResponse>,
        examples: card_list,
    },
    Endpoint {
        name: "GET /card/account-details",
        check: check::<m::AccountDetailsResponse>,
        examples: account_details,
    },
    Endpoint {
        name: "GET /card/status",
        check: check::<m::CardStatusResponse>,
        examples: card_status,
    },
    Endpoint {
        name: "PUT /card/status",
        check: check::<m::ChangeCardStatusResponse>,
        examples: change_card_status,
    },
    Endpoint {
        name: "GET /card/transaction-history",
        check: check::<m::TransactionsResponse>,
        examples: transactions,
    },
    Endpoint {
        name: "GET /3ds/my-records",
        check: check::<m::ThreeDsResponse>,
        examples: three_ds,
    },
    Endpoint {
        name: "GET /kyc/eligibility",
        check: check::<m::KycEligibility>,
        examples: kyc_eligibility,
    },
    Endpoint {
        name: "GET /didit/status",
        check: check::<m::KycStatus>,
        examples: kyc_status,
    },
    Endpoint {
        name: "POST /didit/initialize-token",
        check: check::<m::DiditInitResponse>,
        examples: didit_init,
    },
    Endpoint {
        name: "GET /app-version",
        check: check::<m::AppVersionResponse>,
        examples: app_version,
    },
    Endpoint {
        name: ERROR_BODY,
        check: check::<m::ErrorBody>,
        examples: error_bodies,
    },
];

// ------------------------------------------------------------------ valid answers

fn user() -> Value {
    json!({"id": 7, "email": "demo@comecomepay.example", "first_name": "Demo", "last_name": "User",
           "phone": "+85212345678", "account_type": "personal", "status": "active",
           "wallet_id": "CCP17664593850018", "kyc_level": 1, "kyc_status": "pending",
           "created_at": "2025-01-01T00:00:00Z", "referral_code": "ABC123"})
}

fn login() -> Vec<Value> {
    let mut v = vec![
        json!({"status": "success", "message": "OTP sent to your email",
                            "next_step": "verify_login_otp", "email": "user@example.com",
                            "name": "User", "otp": "24680"}),
    ];
    v.extend(tokens());
    v
}

fn tokens() -> Vec<Value> {
    vec![
        json!({"access_token": "eyJhbGciOiJIUzI1NiJ9.a.b", "refresh_token": "r-123",
               "message": "Login successful", "status": "success", "user": user()}),
        json!({"access_token": "a", "refresh_token": "r"}),
    ]
}

fn ok_body() -> Vec<Value> {
    vec![
        json!({"status": "success", "message": "Logged out"}),
        json!({}),
    ]
}

fn profile() -> Vec<Value> {
    vec![
        json!({"status": "success", "user": user()}),
        json!({"status": "success", "data": user()}),
    ]
}

fn card_list() -> Vec<Value> {
    vec![json!({"status": "success", "data": {"total": 2, "cards": [
        {"id": 764, "public_token": "123791920", "card_no": "441353******1149", "card_scheme": "visa",
         "currency": "HKD", "status": "normal", "is_physical": false, "kyc_id": 3,
         "created_at": "2025-09-30T08:00:00Z"},
        {"public_token": "123777693", "card_no": "441353******0696", "status": "frozen"}
    ]}})]
}

fn account_details() -> Vec<Value> {
    vec![
        json!({"status": "success", "message": "Card account details retrieved successfully",
        "data": {"id": 764, "public_token": "123777693", "card_no": "441353******0696",
        "card_scheme": "visa", "card_id": 12, "currency_code": "HKD", "currency_id": 3,
        "status": "normal", "member_name": "Demo User", "kyc_id": 3, "agent_id": 1,
        "balance": 1234.56, "amount": 10.0, "recharge_fee": 0.01, "withdraw_fee": 0.02,
        "transaction_fee": 0.0, "cross_border_fee": 0.015, "recharge_min": 10.0,
        "recharge_max": 50000.0, "withdraw_min": 10.0, "withdraw_max": 50000.0,
        "single_quota": 10000.0, "day_quota": 20000.0, "month_quota": 100000.0,
        "is_recharge": 1, "is_withdraw": 0, "physical": false, "update_physical": false,
        "upgrade_amount": 50.0, "bill_address": "1 Demo Road", "postal_code": "000000",
        "activate_time": 1_700_000_000, "created_time": 1_700_000_000,
        "updated_time": 1_700_000_100, "deleted_time": 0,
        "expiry_date": "2030-09-30 08:00:00", "card_expiry": 60}}),
    ]
}

fn card_status() -> Vec<Value> {
    vec![
        json!({"status": "success", "data": {"public_token": "123791920", "status": "frozen",
        "card_no": "441353******1149", "currency_code": "HKD", "is_recharge": 1,
        "is_withdraw": 1, "created_time": 1_700_000_000}}),
    ]
}

fn change_card_status() -> Vec<Value> {
    vec![
        json!({"data": {"card_status": "ShortTermDebitBlock", "card_status_code": "G1",
        "description": "Card Status Changed From 00 to G1 by card status endpoint - Date: 2025-12-29 06:44:48",
        "public_token": "123791920", "status_name": "Frozen", "updated": "2025-12-29",
        "updated_by": "Note: Card freezing"},
        "message": "Card status modified successfully", "status": "success"}),
    ]
}

fn transactions() -> Vec<Value> {
    vec![
        json!({"status": "success", "message": "ok", "data": {"page": 1, "page_size": 20,
            "public_token": "123791920", "total": 2, "transactions": [
            {"amount": 12.5, "currency": "USD", "description": "Coffee", "merchant_name": "Cafe",
             "status": "completed", "trade_id": "T1", "trade_time": "2026-01-20T10:30:00Z",
             "trade_type": "consume", "transaction_id": "X1"},
            {"amount": -3, "currency": "HKD"}
        ]}}),
    ]
}

fn three_ds() -> Vec<Value> {
    vec![
        json!({"status": "success", "data": {"page": 1, "page_size": 20, "total": 2,
            "total_pages": 1, "records": [
            {"id": 2, "amount": "100.00", "currency": "USD", "expires_after": 300,
             "merchant_name": "Amazon", "passcode": "012345", "received_at": "2026-01-20T10:30:00Z"},
            {"id": 1, "amount": "7.10", "currency": "EUR", "expires_after": 300,
             "merchant_name": "Books", "passcode": "987654", "received_at": "2026-01-20T10:29:00+08:00"}
        ]}}),
    ]
}

fn kyc_eligibility() -> Vec<Value> {
    vec![
        json!({"eligible": false, "payment_status": "pending", "payment_type": "kyc",
        "reason": "KYC fee unpaid", "required_action": "complete_payment", "status": "success"}),
    ]
}

fn kyc_status() -> Vec<Value> {
    vec![
        json!({"can_submit_kyc": true, "latest_kyc": {"agent_uid": "u1",
            "created_at": "2024-01-15T10:30:00Z", "fail_reason": "x", "id": 1, "pokepay_status": 3,
            "status": "rejected", "updated_at": "2024-01-15T12:00:00Z"},
            "message": "m", "user_kyc_status": "pending"}),
        json!({"can_submit_kyc": false, "latest_kyc": null, "user_kyc_status": "none"}),
    ]
}

fn didit_init() -> Vec<Value> {
    vec![
        json!({"didit_token": {"code": 200, "errstr": "SUCCESS", "request_id": "req-1",
        "data": {"session_id": "s-1", "url": "https://verify.didit.me/session/s-1"}},
        "user_kyc_id": 9, "verification_id": "v-1"}),
    ]
}

fn app_version() -> Vec<Value> {
    vec![
        json!({"status": "success", "data": {"platform": "ios", "version": "1.4.2",
        "download_url": "https://apps.example/ccp", "release_notes": "Fixes",
        "force_update": false, "updated_at": "2026-01-01T00:00:00Z"}}),
    ]
}

/// The service's three error shapes, as an answer of any endpoint (also as 2xx bodies).
fn error_bodies() -> Vec<Value> {
    vec![
        json!({"error": "Invalid credentials", "details": "wrong password"}),
        json!({"status": "failed", "message": "Card frozen"}),
        json!({"code": 502, "data": null, "errstr": "upstream", "request_id": "r-1"}),
    ]
}

// ------------------------------------------------------------------ mutations

/// Number (and string) literals a `serde_json::Value` cannot carry, spliced in as text.
const RAW_LITERALS: &[&str] = &[
    "1e400",
    "-1e400",
    "123456789012345678901234567890",
    "-9223372036854775809",
    "18446744073709551616",
    "1.7976931348623157e308",
    "-0",
    "0.000000000000000000000000000001",
    "9007199254740993",
    "1E+2",
    "NaN",
    "Infinity",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\"a\\u001fb\"",
    "01",
    "1.",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
];

#[derive(Debug, Clone)]
enum Replacement {
    Null,
    Bool(bool),
    Int(i64),
    U64(u64),
    Float(f64),
    Str(String),
    Marker,
    EmptyObject,
    EmptyArray,
    /// Objects and arrays this deep (past serde_json's recursion limit of 128 at the far end).
    Nested(usize),
    /// One of [`RAW_LITERALS`].
    Raw(usize),
}

impl Replacement {
    fn value(&self) -> Value {
        match self {
            Replacement::Null => Value::Null,
            Replacement::Bool(b) => json!(b),
            Replacement::Int(i) => json!(i),
            Replacement::U64(u) => json!(u),
            Replacement::Float(f) => json!(f),
            Replacement::Str(s) => json!(s),
            Replacement::Marker => json!(MARKER),
            Replacement::EmptyObject => json!({}),
            Replacement::EmptyArray => json!([]),
            Replacement::Nested(depth) => (0..*depth).fold(json!(MARKER), |inner, i| {
                if i % 2 == 0 {
                    json!({ "data": inner })
                } else {
                    json!([inner])
                }
            }),
            Replacement::Raw(i) => json!(raw_placeholder(*i)),
        }
    }
}

fn raw_placeholder(i: usize) -> String {
    format!("@@RAW{i}@@")
}

/// Where in a sequence, as a fraction of its length (shrinks towards the start).
#[derive(Debug, Clone, Copy)]
struct Pos(usize);

impl Pos {
    const LAST: Pos = Pos(usize::MAX);

    /// An index into `len` items (`len` > 0).
    fn of(self, len: usize) -> usize {
        ((len as u128 * self.0 as u128) >> usize::BITS) as usize
    }
}

fn pos() -> impl Strategy<Value = Pos> {
    any::<usize>().prop_map(Pos)
}

/// A change to the JSON tree; the `Pos` picks a node (root included) of whatever the tree
/// is by then.
#[derive(Debug, Clone)]
enum Op {
    Drop(Pos),
    Replace(Pos, Replacement),
    /// An extra member with the same name as an existing one (duplicates are legal JSON text).
    Duplicate(Pos, Replacement),
}

/// A change to the serialized bytes.
#[derive(Debug, Clone)]
enum ByteOp {
    Truncate(Pos),
    InsertControl(Pos, u8),
    SetByte(Pos, u8),
}

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    At(usize),
}

fn nodes(v: &Value, here: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(here.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                here.push(Seg::Key(k.clone()));
                nodes(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                here.push(Seg::At(i));
                nodes(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::At(i) => v.get_mut(*i),
    })
}

fn pick(doc: &Value, ix: Pos) -> Vec<Seg> {
    let mut all = Vec::new();
    nodes(doc, &mut Vec::new(), &mut all);
    all.swap_remove(ix.of(all.len()))
}

/// Applies the tree changes; duplicated members are returned as (placeholder, member text) to
/// splice in.
fn mutate(doc: &mut Value, ops: &[Op]) -> Vec<(String, String)> {
    let mut duplicates = Vec::new();
    for op in ops {
        match op {
            Op::Drop(ix) => {
                let path = pick(doc, *ix);
                let Some((last, parent)) = path.split_last() else {
                    *doc = Value::Null;
                    continue;
                };
                match (node_mut(doc, parent), last) {
                    (Some(Value::Object(map)), Seg::Key(k)) => {
                        map.remove(k);
                    }
                    (Some(Value::Array(items)), Seg::At(i)) => {
                        items.remove(*i);
                    }
                    _ => {}
                }
            }
            Op::Replace(ix, r) => {
                let path = pick(doc, *ix);
                if let Some(node) = node_mut(doc, &path) {
                    *node = r.value();
                }
            }
            Op::Duplicate(ix, r) => {
                let path = pick(doc, *ix);
                if let Some(Seg::Key(k)) = path.last() {
                    let placeholder = format!("@@DUP{}@@", duplicates.len());
                    let text = format!(
                        "{}:{}",
                        serde_json::to_string(k).unwrap(),
                        serde_json::to_string(&r.value()).unwrap()
                    );
                    // A placeholder member goes in as a sibling and becomes the duplicate as text.
                    if let Some((_, parent)) = path.split_last()
                        && let Some(Value::Object(map)) = node_mut(doc, parent)
                    {
                        map.insert(placeholder.clone(), Value::Null);
                        duplicates.push((format!("{}:null", json!(placeholder)), text));
                    }
                }
            }
        }
    }
    duplicates
}

fn serialize(doc: &Value, duplicates: &[(String, String)]) -> Vec<u8> {
    let mut text = serde_json::to_string(doc).unwrap();
    // Duplicates first: their values may hold raw literals too.
    for (placeholder, member) in duplicates {
        text = text.replace(placeholder, member);
    }
    for (i, literal) in RAW_LITERALS.iter().enumerate() {
        text = text.replace(&json!(raw_placeholder(i)).to_string(), literal);
    }
    text.into_bytes()
}

fn mutate_bytes(body: &mut Vec<u8>, ops: &[ByteOp]) {
    for op in ops {
        match op {
            ByteOp::Truncate(ix) => body.truncate(ix.of(body.len() + 1)),
            ByteOp::InsertControl(ix, b) => body.insert(ix.of(body.len() + 1), *b),
            ByteOp::SetByte(ix, b) => {
                if !body.is_empty() {
                    let i = ix.of(body.len());
                    body[i] = *b;
                }
            }
        }
    }
}

// ------------------------------------------------------------------ strategies

fn replacement() -> impl Strategy<Value = Replacement> {
    prop_oneof![
        Just(Replacement::Null),
        any::<bool>().prop_map(Replacement::Bool),
        any::<i64>().prop_map(Replacement::Int),
        select(vec![i64::MAX, i64::MIN, 0, -1]).prop_map(Replacement::Int),
        select(vec![u64::MAX, 1 << 63]).prop_map(Replacement::U64),
        any::<f64>().prop_map(Replacement::Float),
        select(vec![f64::MAX, f64::MIN, f64::MIN_POSITIVE, 1e300, -0.0])
            .prop_map(Replacement::Float),
        "(?s).{0,24}".prop_map(Replacement::Str),
        "[\\x00-\\x1f\\x7f\u{2028}\u{feff}]{1,4}".prop_map(Replacement::Str),
        Just(Replacement::Marker),
        Just(Replacement::EmptyObject),
        Just(Replacement::EmptyArray),
        (1usize..200).prop_map(Replacement::Nested),
        (0..RAW_LITERALS.len()).prop_map(Replacement::Raw),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => pos().prop_map(Op::Drop),
        6 => (pos(), replacement()).prop_map(|(i, r)| Op::Replace(i, r)),
        1 => (pos(), replacement()).prop_map(|(i, r)| Op::Duplicate(i, r)),
    ]
}

fn control_byte() -> impl Strategy<Value = u8> {
    prop_oneof![0u8..0x20, Just(0x7f)]
}

fn byte_op() -> impl Strategy<Value = ByteOp> {
    prop_oneof![
        pos().prop_map(ByteOp::Truncate),
        (pos(), control_byte()).prop_map(|(i, b)| ByteOp::InsertControl(i, b)),
        (pos(), any::<u8>()).prop_map(|(i, b)| ByteOp::SetByte(i, b)),
    ]
}

/// Status, content type and `Retry-After` of one answer.
#[derive(Debug, Clone)]
struct Exchange {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<Duration>,
}

fn exchange() -> impl Strategy<Value = Exchange> {
    let status = prop_oneof![
        4 => select(vec![200u16, 201, 204, 302, 400, 401, 403, 404, 429, 500, 502, 503]),
        1 => any::<u16>(),
    ];
    let content_type = prop_oneof![
        3 => Just(Some("application/json".to_owned())),
        1 => Just(Some("application/json; charset=utf-8".to_owned())),
        2 => Just(Some("text/html; charset=utf-8".to_owned())),
        1 => Just(Some("TEXT/HTML".to_owned())),
        1 => Just(Some("text/plain".to_owned())),
        2 => Just(None),
        1 => "[ -~]{0,30}".prop_map(Some),
    ];
    let retry_after = prop::option::of(any::<u64>().prop_map(Duration::from_secs));
    (status, content_type, retry_after).prop_map(|(status, content_type, retry_after)| Exchange {
        status,
        content_type,
        retry_after,
    })
}

fn json_200() -> Exchange {
    Exchange {
        status: 200,
        content_type: Some("application/json".into()),
        retry_after: None,
    }
}

/// Random bytes: plain noise, or a soup of JSON and HTML tokens (more of it gets past the
/// parser into the typed decoding).
fn random_body() -> impl Strategy<Value = Vec<u8>> {
    let token = select(vec![
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\"",
        "null",
        "true",
        "0",
        "-1",
        "1e999",
        "200",
        "500",
        "\"data\"",
        "\"status\"",
        "\"success\"",
        "\"failed\"",
        "\"error\"",
        "\"message\"",
        "\"code\"",
        "\"errstr\"",
        "\"request_id\"",
        "\"records\"",
        "\"cards\"",
        "\"id\"",
        "\"passcode\"",
        "\"x\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "<html>",
        "<",
        "\u{0}",
        "\u{feff}",
    ]);
    prop_oneof![
        vec(any::<u8>(), 0..512),
        vec(token, 0..64).prop_map(|t| t.concat().into_bytes()),
    ]
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ------------------------------------------------------------------ the property

/// Decodes `body` with `check`: no panic, and an outcome that fits the status.
fn assert_decodes(
    ep: &Endpoint,
    check: Check,
    ex: &Exchange,
    body: &[u8],
) -> Result<(), TestCaseError> {
    let raw = Raw {
        endpoint: ep.name,
        status: ex.status,
        content_type: ex.content_type.as_deref(),
        retry_after: ex.retry_after,
        body,
    };
    let shown = || {
        format!(
            "{} status {} content type {:?}, body {:?}",
            ep.name,
            ex.status,
            ex.content_type,
            String::from_utf8_lossy(body)
        )
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let outcome = check(&raw);
        // Everything a caller does with an error must not panic either.
        if let Err(e) = &outcome {
            let _ = (
                e.to_ui(),
                e.is_transient(),
                e.is_unreachable(),
                e.retry_after(),
            );
        }
        outcome
    }));
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            return Err(TestCaseError::fail(format!(
                "the decoder panicked ({what}) on {}",
                shown()
            )));
        }
    };
    let success = (200..300).contains(&ex.status);
    match outcome {
        Ok(()) => prop_assert!(success, "Ok for a non-2xx answer: {}", shown()),
        Err(Error::Io(ccp_io::Error::Html { status, .. })) => {
            prop_assert_eq!(status, ex.status, "{}", shown())
        }
        Err(Error::Io(ccp_io::Error::Decode { problem, .. })) => {
            prop_assert!(success, "a decode error for a failure status: {}", shown());
            prop_assert!(
                !problem.contains(MARKER),
                "a decode error repeats a value: {problem}"
            );
        }
        Err(e) if success => prop_assert!(
            matches!(e, Error::Refused { .. } | Error::Server { .. }),
            "{e:?} for {}",
            shown()
        ),
        Err(e) => {
            let fits = match (ex.status, &e) {
                (401, Error::Unauthorized { .. })
                | (403, Error::Forbidden { .. })
                | (404, Error::NotFound { .. }) => true,
                (429, Error::RateLimited { retry_after, .. }) => *retry_after == ex.retry_after,
                (s, Error::Server { status, .. }) if s >= 500 => *status == s,
                (s, Error::Refused { status, .. }) => {
                    *status == s && !matches!(s, 401 | 403 | 404 | 429) && s < 500
                }
                _ => false,
            };
            prop_assert!(fits, "{e:?} does not fit {}", shown());
        }
    }
    Ok(())
}

#[test]
fn every_valid_answer_decodes_and_every_failure_status_maps_to_its_kind() {
    for ep in ENDPOINTS {
        for example in (ep.examples)() {
            let body = serde_json::to_vec(&example).unwrap();
            if ep.name == ERROR_BODY {
                // A 2xx saying it failed is a failure: checked by the property, not decoded.
                assert_decodes(ep, ep.check, &json_200(), &body).unwrap();
                continue;
            }
            let ok = (ep.check)(&Raw {
                endpoint: ep.name,
                status: 200,
                content_type: Some("application/json"),
                retry_after: None,
                body: &body,
            });
            assert!(ok.is_ok(), "{}: {example} → {ok:?}", ep.name);
            for (status, content_type) in [
                (401, Some("application/json")),
                (429, None),
                (500, Some("text/html")),
                (302, None),
            ] {
                let ex = Exchange {
                    status,
                    content_type: content_type.map(str::to_owned),
                    retry_after: Some(Duration::from_secs(3)),
                };
                assert_decodes(ep, ep.check, &ex, &body).unwrap();
            }
        }
    }
    // The mutations make what they say: a raw literal and a duplicate member end up as text.
    let mut doc = json!({"a": 1});
    let dups = mutate(
        &mut doc,
        &[
            Op::Replace(Pos::LAST, Replacement::Raw(0)),
            Op::Duplicate(Pos::LAST, Replacement::Raw(2)),
        ],
    );
    let text = String::from_utf8(serialize(&doc, &dups)).unwrap();
    assert_eq!(text, r#"{"a":123456789012345678901234567890,"a":1e400}"#);
}

proptest! {
    #![proptest_config(config())]

    /// (a) Random bytes into every decoder, at a random status / content type and as a 200.
    #[test]
    fn random_bytes_never_panic_a_decoder(body in random_body(), ex in exchange()) {
        for ep in ENDPOINTS {
            assert_decodes(ep, ep.check, &ex, &body)?;
            assert_decodes(ep, ep.check, &json_200(), &body)?;
        }
    }

    /// (b) Every endpoint's valid answer, mutated, into its own decoder (at a random status /
    /// content type and as a 200) and into one other decoder.
    #[test]
    fn mutated_answers_never_panic_a_decoder(
        example in pos(),
        ops in vec(op(), 1..6),
        bytes in vec(byte_op(), 0..3),
        ex in exchange(),
        other in pos(),
    ) {
        for ep in ENDPOINTS {
            let examples = (ep.examples)();
            let mut doc = examples[example.of(examples.len())].clone();
            let duplicates = mutate(&mut doc, &ops);
            let mut body = serialize(&doc, &duplicates);
            mutate_bytes(&mut body, &bytes);
            assert_decodes(ep, ep.check, &ex, &body)?;
            assert_decodes(ep, ep.check, &json_200(), &body)?;
            let other = &ENDPOINTS[other.of(ENDPOINTS.len())];
            assert_decodes(ep, other.check, &json_200(), &body)?;
        }
    }
}
