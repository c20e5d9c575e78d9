//! Lenient-service simulation ([`crate::Config::lenient_bodies`]): transactions, card account
//! details, KYC status and the profile in the shapes the service's own documents and mobile
//! client allow, so the client's reading of them is tested over HTTP. Only what is served
//! changes; what the sandbox accepts from clients stays as strict as ever.

use crate::db::TransactionRow;
use ccp_model::api::CardAccountDetails;
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

/// `/card/account-details` (`data` or hoisted to the top level) with its money as exact text:
/// JSON numbers with four decimals (`1000.0000`, zeros an f64 drops) when `as_numbers`,
/// strings (`"1000.0000"`) otherwise.
pub fn account_details(answer: &Value, as_numbers: bool) -> Option<Box<RawValue>> {
    with_numbers(answer, &|path| {
        let key = match path {
            [Step::Key(key)] | [Step::Key("data"), Step::Key(key)] => key,
            _ => return false,
        };
        as_numbers && CardAccountDetails::MONEY.contains(key)
    })
}

/// Where a member is in a JSON document.
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `value` as JSON text, with the strings at the paths `as_number` picks written as bare
/// numbers: their exact text (`"12.50"` → `12.50`), which a `Value` (an f64 inside) cannot
/// hold. A string that is not a JSON number stays a string.
pub fn with_numbers(
    value: &Value,
    as_number: &dyn Fn(&[Step<'_>]) -> bool,
) -> Option<Box<RawValue>> {
    let mut out = String::new();
    write_json(value, &mut Vec::new(), as_number, &mut out);
    RawValue::from_string(out).ok()
}

fn write_json<'a>(
    value: &'a Value,
    path: &mut Vec<Step<'a>>,
    as_number: &dyn Fn(&[Step<'_>]) -> bool,
    out: &mut String,
) {
    match value {
        Value::Object(members) => {
            out.push('{');
            for (i, (key, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                path.push(Step::Key(key));
                write_json(v, path, as_number, out);
                path.pop();
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                path.push(Step::Index(i));
                write_json(v, path, as_number, out);
                path.pop();
            }
            out.push(']');
        }
        Value::String(s) if as_number(path) && s.parse::<serde_json::Number>().is_ok() => {
            out.push_str(s);
        }
        other => out.push_str(&other.to_string()),
    }
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
