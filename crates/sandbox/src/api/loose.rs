//! Lenient-service simulation ([`crate::Config::lenient_bodies`]): transactions, KYC status
//! and the profile in the shapes the service's own documents and mobile client allow, so the
//! client's reading of them is tested over HTTP. Only what is served changes; what the
//! sandbox accepts from clients stays as strict as ever.

use super::cards::TransactionRow;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Stands for an amount that is not a number (the mobile client shows it as 0).
pub const NOT_A_NUMBER: &str = "N/A";

/// `/card/transaction-history` with no usable paging (page as text, page_size null, no
/// total), each transaction in another of the shapes the mobile client reads, and one
/// transaction no client can read (not an object) at the end.
#[derive(Serialize)]
pub struct TransactionsPage {
    status: &'static str,
    message: &'static str,
    data: Data,
}

#[derive(Serialize)]
struct Data {
    page: String,
    page_size: Option<i64>,
    public_token: String,
    transactions: Vec<Box<RawValue>>,
}

/// A transaction whose amount is served as exact JSON text: a number `-12.3000` keeps its zeros,
/// which a `serde_json::Value` (an f64 inside) would drop.
#[derive(Serialize)]
struct Transaction<'a> {
    amount: &'a RawValue,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

pub fn transactions(page: i64, public_token: String, rows: &[TransactionRow]) -> TransactionsPage {
    let mut transactions: Vec<Box<RawValue>> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, row)| loosen(i, row))
        .collect();
    transactions.extend(raw(&"not a transaction"));
    TransactionsPage {
        status: "success",
        message: "Transaction history retrieved successfully",
        data: Data {
            page: page.to_string(),
            page_size: None,
            public_token,
            transactions,
        },
    }
}

fn raw<T: Serialize + ?Sized>(value: &T) -> Option<Box<RawValue>> {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| RawValue::from_string(json).ok())
}

/// The `i`th transaction in one of five shapes, round robin.
fn loosen(i: usize, r: &TransactionRow) -> Option<Box<RawValue>> {
    let cents = format!("{:.2}", r.amount);
    let mut rest = Map::new();
    let mut put = |k: &str, v: Value| {
        rest.insert(k.to_owned(), v);
    };
    put("description", r.description.clone().into());
    put("merchant_name", r.merchant_name.clone().into());
    put("status", r.status.clone().into());
    put("trade_type", r.trade_type.clone().into());
    put("currency", r.currency.clone().into());
    put("trade_id", r.trade_id.clone().into());
    put("transaction_id", r.transaction_id.clone().into());
    put("trade_time", r.trade_time.clone().into());
    let amount = match i % 5 {
        // The amount as text; the id as a number under `id`.
        0 => {
            rest.remove("transaction_id");
            rest.insert("id".into(), r.id.into());
            Value::String(cents).to_string()
        }
        // The amount as a number with four decimals, as a DECIMAL(…, 4) column prints it
        // (`-12.3000`: zeros an f64 drops); `currency_code`; a number trade id.
        1 => {
            let currency = rest.remove("currency").unwrap_or_default();
            rest.insert("currency_code".into(), currency);
            rest.insert("trade_id".into(), (r.id + 1_000_000).into());
            format!("{:.4}", r.amount)
        }
        // The time in Unix seconds as `created_time`; nulls.
        2 => {
            rest.remove("trade_time");
            rest.insert("created_time".into(), r.trade_unix.into());
            rest.insert("description".into(), Value::Null);
            rest.insert("trade_id".into(), Value::Null);
            cents
        }
        // The time as `created_at`; a missing status.
        3 => {
            let time = rest.remove("trade_time").unwrap_or_default();
            rest.insert("created_at".into(), time);
            rest.remove("status");
            Value::String(cents).to_string()
        }
        // The time as `date`; an amount that is not a number.
        _ => {
            let day = r.trade_time.get(..10).unwrap_or_default();
            rest.remove("trade_time");
            rest.insert("date".into(), day.into());
            Value::String(NOT_A_NUMBER.into()).to_string()
        }
    };
    let amount = RawValue::from_string(amount).ok()?;
    raw(&Transaction {
        amount: &amount,
        rest,
    })
}

/// `/didit/status` without `user_kyc_status`, with ids and numbers as text and nulls.
pub fn kyc_status(mut status: Value) -> Value {
    if let Some(o) = status.as_object_mut() {
        o.remove("user_kyc_status");
        o.insert("message".into(), Value::Null);
        if let Some(latest) = o.get_mut("latest_kyc").and_then(Value::as_object_mut) {
            as_text(latest, "id");
            as_text(latest, "pokepay_status");
            latest.entry("fail_reason").or_insert(Value::Null);
        }
    }
    status
}

/// `/user/profile` with the id and KYC level as text and nulls for optional fields.
pub fn profile(mut answer: Value) -> Value {
    if let Some(user) = answer.get_mut("user").and_then(Value::as_object_mut) {
        as_text(user, "id");
        as_text(user, "kyc_level");
        user.insert("referral_code".into(), Value::Null);
        user.insert("phone".into(), Value::Null);
    }
    answer
}

/// A number member as its text (`7` → `"7"`).
fn as_text(o: &mut Map<String, Value>, key: &str) {
    if let Some(v @ Value::Number(_)) = o.get_mut(key) {
        *v = Value::String(v.to_string());
    }
}
