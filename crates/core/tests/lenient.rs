//! The service as it really is: a sandbox serving transactions, card details, 3-D Secure
//! records, KYC status and the profile in the shapes the service's own documents and mobile
//! client allow (`lenient_bodies`, `lenient_records`), read by the core over TCP. One test
//! per reading rule.

use crate::support::*;
use ccp_core::{Core, Resource};
use ccp_model::Amount;
use ccp_model::api::{Transaction, UserKycStatus};
use ccp_model::view::TransactionsView;
use ccp_sandbox::InjectPasscode;
use serde_json::value::RawValue;
use std::collections::HashMap;

async fn lenient_core(tag: &str) -> (ccp_sandbox::Sandbox, tempfile::TempDir, Core) {
    lenient(tag, |c| {
        c.lenient_bodies = true;
        c.lenient_records = true;
    })
    .await
}

/// The card with the longest history, its transactions as the core read them, and the
/// answer's transactions as the sandbox sent them (raw JSON text, in the same order).
async fn history(
    sb: &ccp_sandbox::Sandbox,
    core: &Core,
) -> (String, TransactionsView, Vec<Box<RawValue>>) {
    core.sync_resource(Resource::Cards).await.unwrap();
    let api = RawApi::sign_in(sb).await;
    let mut best: Option<(String, Vec<Box<RawValue>>)> = None;
    for card in core.cards().await.unwrap().data {
        let token = &card.public_token;
        let url = format!("/card/transaction-history?public_token={token}&limit=100");
        let body = api.get_text(&url).await;
        let sent = served_transactions(&body);
        if best.as_ref().is_none_or(|(_, b)| sent.len() > b.len()) {
            best = Some((card.public_token, sent));
        }
    }
    let (token, sent) = best.expect("the demo user has cards");
    let view = core.transactions(&token, 100).await.unwrap();
    (token, view, sent)
}

fn served_transactions(body: &str) -> Vec<Box<RawValue>> {
    #[derive(serde::Deserialize)]
    struct Body {
        data: Data,
    }
    #[derive(serde::Deserialize)]
    struct Data {
        transactions: Vec<Box<RawValue>>,
    }
    serde_json::from_str::<Body>(body)
        .unwrap()
        .data
        .transactions
}

/// The readable ones (objects), with their amount's JSON text.
fn served_amounts(sent: &[Box<RawValue>]) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Amount {
        amount: Box<RawValue>,
    }
    sent.iter()
        .filter_map(|t| serde_json::from_str::<Amount>(t.get()).ok())
        .map(|a| a.amount.get().to_owned())
        .collect()
}

fn shown_amount(t: &Transaction) -> String {
    match (&t.amount, &t.amount_unreadable) {
        (Some(a), _) => a.as_str().to_owned(),
        (None, Some(raw)) => raw.clone(),
        (None, None) => String::new(),
    }
}

/// Amounts sent as numbers and as strings arrive with their exact text (`-12.3000` keeps its
/// zeros, which an f64 would drop), also after a round trip through the cache.
#[tokio::test]
async fn transaction_amounts_keep_their_exact_text_as_numbers_and_strings() {
    let (sb, _dir, core) = lenient_core("amounts").await;
    let (token, view, sent) = history(&sb, &core).await;
    let served = served_amounts(&sent);
    assert!(served.iter().any(|a| a.starts_with('"')), "{served:?}");
    let numbers: Vec<_> = served.iter().filter(|a| !a.starts_with('"')).collect();
    assert!(!numbers.is_empty(), "{served:?}");
    assert!(
        numbers.iter().any(|n| n.ends_with('0')),
        "some with zeros an f64 would drop: {numbers:?}"
    );
    let expected: Vec<String> = served
        .iter()
        .map(|a| a.trim_matches('"').to_owned())
        .collect();
    let got: Vec<String> = view.transactions.iter().map(shown_amount).collect();
    assert_eq!(got, expected);
    let cached = core.cached_transactions(&token).await.unwrap().data;
    assert_eq!(
        cached.transactions, view.transactions,
        "the cache keeps them exactly"
    );
}

/// An amount that is not a number is kept as its text for the window to show (the mobile
/// client would show 0), not taken for a number and not a failed page.
#[tokio::test]
async fn an_amount_that_is_not_a_number_is_kept_as_text() {
    let (sb, _dir, core) = lenient_core("nan").await;
    let (_, view, _) = history(&sb, &core).await;
    let odd: Vec<_> = view
        .transactions
        .iter()
        .filter(|t| t.amount.is_none())
        .collect();
    assert!(!odd.is_empty());
    assert!(
        odd.iter()
            .all(|t| t.amount_unreadable.as_deref() == Some(ccp_sandbox::NOT_A_NUMBER)),
        "{odd:?}"
    );
}

/// The id under `id` or as a number, the currency as `currency_code`, the time as
/// `created_time` (Unix seconds), `created_at` or `date`: every transaction has all three.
#[tokio::test]
async fn ids_currencies_and_times_are_read_under_every_name() {
    let (sb, _dir, core) = lenient_core("names").await;
    let (_, view, sent) = history(&sb, &core).await;
    let names = |key: &str| {
        sent.iter()
            .filter(|t| t.get().contains(&format!("\"{key}\":")))
            .count()
    };
    for key in ["id", "currency_code", "created_time", "created_at", "date"] {
        assert!(names(key) > 0, "the sandbox sends {key}");
    }
    assert!(view.transactions.len() >= 5);
    for t in &view.transactions {
        assert!(t.transaction_id.is_some(), "{t:?}");
        assert!(t.currency.is_some(), "{t:?}");
        assert!(t.trade_time.is_some(), "{t:?}");
    }
    let from_unix = view
        .transactions
        .iter()
        .filter_map(|t| t.trade_time.as_deref())
        .filter(|t| t.len() == 20 && t.ends_with('Z'))
        .count();
    assert!(from_unix > 0, "created_time becomes RFC 3339");
    assert!(
        view.transactions
            .iter()
            .filter_map(|t| t.trade_id.as_deref())
            .any(|id| id.bytes().all(|b| b.is_ascii_digit())),
        "a number trade id is text"
    );
    assert!(
        view.transactions.iter().any(|t| t.description.is_none()),
        "null is not said"
    );
}

/// No usable paging fields and one transaction no client can read: the page is read, the
/// total counts what arrived, and the unreadable one is counted.
#[tokio::test]
async fn missing_paging_and_an_unreadable_transaction_do_not_fail_the_page() {
    let (sb, _dir, core) = lenient_core("paging").await;
    let (_, view, sent) = history(&sb, &core).await;
    assert_eq!(view.unreadable, 1);
    assert_eq!(view.transactions.len() + 1, sent.len());
    assert_eq!(view.total, view.transactions.len() as i64);
}

/// `/didit/status` without `user_kyc_status`, ids and numbers as text, nulls: read, with the
/// status "not said" (the mobile client's empty string).
#[tokio::test]
async fn kyc_status_without_a_user_status_and_with_text_numbers_is_read() {
    let (_sb, _dir, core) = lenient_core("kyc").await;
    let kyc = core.kyc().await.unwrap();
    let status = kyc.status.expect("the status arrived");
    assert_eq!(
        status.user_kyc_status,
        UserKycStatus::Unknown(String::new())
    );
    assert_eq!(status.message, None);
    let latest = status.latest_kyc.expect("the demo user has a KYC history");
    assert!(latest.id.is_some(), "{latest:?}");
    assert!(latest.pokepay_status.is_some(), "{latest:?}");
}

/// `/user/profile` with the id and KYC level as text and nulls for optional fields.
#[tokio::test]
async fn a_profile_with_text_numbers_and_nulls_is_read() {
    let (_sb, _dir, core) = lenient_core("profile").await;
    core.sync_resource(Resource::Profile).await.unwrap();
    let user = core.session().and_then(|s| s.user).expect("the profile");
    assert!(user.id.is_some_and(|id| id > 0), "{user:?}");
    assert!(user.kyc_level.is_some(), "{user:?}");
    assert_eq!((user.phone, user.referral_code), (None, None));
    assert!(user.email.is_some());
}

/// Whether `json` is a number written with a trailing zero after its point (`1000.00`), which
/// an f64 would drop.
fn zero_an_f64_drops(json: &str) -> bool {
    !json.starts_with('"') && json.contains('.') && json.ends_with('0')
}

/// Card balances sent as JSON numbers keep their exact text (`1000.0000`, not `1000`), as do
/// those sent as strings, also after a round trip through the cache (the cards are read from
/// it).
#[tokio::test]
async fn card_balances_keep_their_exact_text_as_numbers_and_strings() {
    #[derive(serde::Deserialize)]
    struct Body {
        data: Details,
    }
    #[derive(serde::Deserialize)]
    struct Details {
        balance: Box<RawValue>,
    }
    let (sb, _dir, core) = lenient_core("balances").await;
    core.sync_resource(Resource::Cards).await.unwrap();
    let api = RawApi::sign_in(&sb).await;
    let (mut numbers, mut strings) = (0, 0);
    for card in core.cards().await.unwrap().data {
        let url = format!("/card/account-details?public_token={}", card.public_token);
        let body = api.get_text(&url).await;
        let sent = serde_json::from_str::<Body>(&body).unwrap().data.balance;
        let sent = sent.get();
        if zero_an_f64_drops(sent) {
            numbers += 1;
        } else if sent.starts_with('"') {
            strings += 1;
        }
        assert_eq!(
            card.balance.as_ref().map(Amount::as_str),
            Some(sent.trim_matches('"')),
            "{}",
            card.public_token
        );
    }
    assert!(
        numbers > 0,
        "some balances as numbers with zeros an f64 drops"
    );
    assert!(strings > 0, "some balances as strings");
}

/// 3-D Secure amounts sent as JSON numbers keep their exact text (`1000.00`, not `1000`), as
/// do those sent as strings, also after a round trip through the cache.
#[tokio::test]
async fn passcode_amounts_keep_their_exact_text_as_numbers_and_strings() {
    #[derive(serde::Deserialize)]
    struct Body {
        data: Page,
    }
    #[derive(serde::Deserialize)]
    struct Page {
        records: Vec<Record>,
    }
    #[derive(serde::Deserialize)]
    struct Record {
        id: serde_json::Value,
        amount: Option<Box<RawValue>>,
    }
    let (sb, _dir, core) = lenient_core("codes").await;
    // Four in a row: one lands where the sandbox sends the amount as a number.
    for amount in ["12.50", "1000.00", "0.10", "7.00"] {
        sb.control()
            .inject_3ds(InjectPasscode {
                amount: Some(amount.into()),
                ..Default::default()
            })
            .await
            .unwrap();
    }
    core.sync_resource(Resource::Passcodes).await.unwrap();
    let shown: HashMap<i64, String> = core
        .passcodes_up_to(1_000)
        .await
        .unwrap()
        .data
        .into_iter()
        .map(|p| (p.id, p.amount))
        .collect();
    let api = RawApi::sign_in(&sb).await;
    let body = api.get_text("/3ds/my-records?page_size=100").await;
    let (mut numbers, mut compared) = (0, 0);
    for r in serde_json::from_str::<Body>(&body).unwrap().data.records {
        let id = r.id.as_i64().or_else(|| r.id.as_str()?.parse().ok());
        let (Some(id), Some(sent)) = (id, r.amount) else {
            continue; // the record no client can read
        };
        let Some(got) = shown.get(&id) else { continue };
        assert_eq!(got, sent.get().trim_matches('"'), "record {id}");
        numbers += usize::from(zero_an_f64_drops(sent.get()));
        compared += 1;
    }
    assert!(compared >= 4, "{compared} compared");
    assert!(
        numbers > 0,
        "some amounts as numbers with zeros an f64 drops"
    );
}
