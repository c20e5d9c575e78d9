//! A card's transaction history: `GET /card/transaction-history`.
//!
//! Read at least as leniently as the service's mobile client: the amount may be a number or a
//! string, ids are text whatever their JSON type, the id may come as `id`, the currency as
//! `currency_code`, the time as `created_time` (Unix seconds), `created_at` or `date`; the
//! paging fields and `data` itself may be missing. A transaction that still cannot be read
//! (not an object) is skipped and counted in [`TransactionPage::transactions`]'
//! `unreadable` — never a failed page.
//!
//! Amounts keep the exact text the server sent (`12.50` stays `12.50`): the page reads each
//! transaction from its raw JSON text, so a number never passes through an `f64`.

use super::lenient::{RawField, Scalar, amount_of, int_or_zero, opt_text, scalar};
use super::threeds::Readable;
use crate::Amount;
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// One transaction as this client keeps it (cache, window, `ccp --json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    /// Exact. `None` when the server sent no amount, or one that is not a plain decimal (then
    /// it is in [`Transaction::amount_unreadable`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// The amount as sent when it is not a plain decimal (`1e2`, `"N/A"`, an object's JSON).
    /// The mobile client shows such an amount as 0; we show this text instead, because a
    /// made-up 0 misstates money while the raw text is at worst puzzling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_unreadable: Option<String>,
    /// `currency`, else `currency_code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_id: Option<String>,
    /// As sent (`trade_time`, `created_at` or `date`), or RFC 3339 (UTC) made from
    /// `created_time` in Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_type: Option<String>,
    /// `transaction_id`, else `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionPage {
    /// 0: not said (missing, null or not a number).
    #[serde(default, deserialize_with = "int_or_zero")]
    pub page: i64,
    /// 0: not said.
    #[serde(default, deserialize_with = "int_or_zero")]
    pub page_size: i64,
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub public_token: Option<String>,
    /// 0: not said.
    #[serde(default, deserialize_with = "int_or_zero")]
    pub total: i64,
    #[serde(default, deserialize_with = "readable_transactions")]
    pub transactions: Readable<Transaction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Missing or null: no transactions.
    #[serde(default, deserialize_with = "page_or_empty")]
    pub data: TransactionPage,
}

fn page_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<TransactionPage, D::Error> {
    Ok(Option::<TransactionPage>::deserialize(d)?.unwrap_or_default())
}

/// Each transaction read on its own from its raw JSON text: one that cannot be read is
/// counted, and a number keeps the text it was sent as.
fn readable_transactions<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Readable<Transaction>, D::Error> {
    Readable::read_each(d, |json| {
        serde_json::from_str::<Wire>(json)
            .ok()
            .map(Transaction::from)
    })
}

/// A transaction as the service may send it, every field as raw JSON text.
#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    amount: RawField,
    #[serde(default)]
    currency: RawField,
    #[serde(default)]
    currency_code: RawField,
    #[serde(default)]
    description: RawField,
    #[serde(default)]
    merchant_name: RawField,
    #[serde(default)]
    status: RawField,
    #[serde(default)]
    trade_id: RawField,
    #[serde(default)]
    trade_time: RawField,
    #[serde(default)]
    created_time: RawField,
    #[serde(default)]
    created_at: RawField,
    #[serde(default)]
    date: RawField,
    #[serde(default)]
    trade_type: RawField,
    #[serde(default)]
    transaction_id: RawField,
    #[serde(default)]
    id: RawField,
}

impl From<Wire> for Transaction {
    fn from(w: Wire) -> Self {
        let (amount, amount_unreadable) = amount_of(&w.amount);
        Transaction {
            amount,
            amount_unreadable,
            currency: text(&w.currency).or_else(|| text(&w.currency_code)),
            description: text(&w.description),
            merchant_name: text(&w.merchant_name),
            status: text(&w.status),
            trade_id: text(&w.trade_id),
            trade_time: text(&w.trade_time)
                .or_else(|| unix_time(&w.created_time))
                .or_else(|| text(&w.created_at))
                .or_else(|| text(&w.date)),
            trade_type: text(&w.trade_type),
            transaction_id: text(&w.transaction_id).or_else(|| text(&w.id)),
        }
    }
}

/// A string or a number as text; blank text is "not said", so an alternative name can say it.
fn text(field: &RawField) -> Option<String> {
    match scalar(field) {
        Scalar::Text(s) => Some(s).filter(|s| !s.trim().is_empty()),
        Scalar::Number(n) => Some(n.to_owned()),
        Scalar::Absent | Scalar::Other(_) => None,
    }
}

/// Unix seconds (a number or digits) as RFC 3339 in UTC; `None` when out of range.
fn unix_time(field: &RawField) -> Option<String> {
    let seconds: i64 = text(field)?.trim().parse().ok()?;
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()?
        .format(&Rfc3339)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn page(body: &str) -> TransactionPage {
        serde_json::from_str::<TransactionsResponse>(body)
            .unwrap()
            .data
    }

    #[test]
    fn amounts_keep_their_exact_text_as_numbers_and_strings() {
        let p = page(
            r#"{"data":{"transactions":[
                {"amount":12.50},{"amount":"12.50"},{"amount":-3},{"amount":" 7.1 "},
                {"amount":123456789012345678.99},{"amount":0.1}]}}"#,
        );
        let got: Vec<_> = p
            .transactions
            .items
            .iter()
            .map(|t| t.amount.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(
            got,
            [
                "12.50",
                "12.50",
                "-3",
                "7.1",
                "123456789012345678.99",
                "0.1"
            ]
        );
    }

    #[test]
    fn an_amount_that_is_not_a_decimal_is_kept_raw_not_zero() {
        let p = page(
            r#"{"data":{"transactions":[
                {"amount":1e2},{"amount":"1e2"},{"amount":"N/A"},{"amount":{"v":1}},
                {"amount":true},{"amount":null},{"amount":""},{}]}}"#,
        );
        let got: Vec<_> = p
            .transactions
            .items
            .iter()
            .map(|t| (t.amount.clone(), t.amount_unreadable.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (None, Some("1e2")),
                (None, Some("1e2")),
                (None, Some("N/A")),
                (None, Some(r#"{"v":1}"#)),
                (None, Some("true")),
                (None, None),
                (None, None),
                (None, None),
            ]
        );
    }

    #[test]
    fn alternative_names_and_number_ids_are_read() {
        let p = page(
            r#"{"data":{"transactions":[
                {"id":42,"currency_code":"HKD","created_time":1768905000,"trade_id":9007199254740993},
                {"id":"x","transaction_id":"t-1","currency":"USD","currency_code":"HKD","created_at":"2026-01-20 10:30"},
                {"transaction_id":"","id":7,"date":"2026-01-20","created_time":null},
                {"created_time":"1768905000"},
                {"created_time":99999999999999999}]}}"#,
        );
        let t = &p.transactions.items;
        assert_eq!(t[0].transaction_id.as_deref(), Some("42"));
        assert_eq!(t[0].trade_id.as_deref(), Some("9007199254740993"));
        assert_eq!(t[0].currency.as_deref(), Some("HKD"));
        assert_eq!(t[0].trade_time.as_deref(), Some("2026-01-20T10:30:00Z"));
        assert_eq!(t[1].transaction_id.as_deref(), Some("t-1"));
        assert_eq!(t[1].currency.as_deref(), Some("USD"));
        assert_eq!(t[1].trade_time.as_deref(), Some("2026-01-20 10:30"));
        assert_eq!(t[2].transaction_id.as_deref(), Some("7"));
        assert_eq!(t[2].trade_time.as_deref(), Some("2026-01-20"));
        assert_eq!(t[3].trade_time.as_deref(), Some("2026-01-20T10:30:00Z"));
        assert_eq!(t[4].trade_time, None, "out of range is not said");
    }

    #[test]
    fn paging_and_data_may_be_missing_and_odd_transactions_are_counted() {
        let p = page(
            r#"{"data":{"page":"2","page_size":null,"total":"x","transactions":[
                {"amount":"1.00","description":null,"merchant_name":5},
                "not a transaction", 42, null, ["a"]]}}"#,
        );
        assert_eq!((p.page, p.page_size, p.total), (2, 0, 0));
        assert_eq!(p.transactions.items.len(), 1);
        assert_eq!(p.transactions.unreadable, 4);
        let t = &p.transactions.items[0];
        assert_eq!(
            (t.description.as_deref(), t.merchant_name.as_deref()),
            (None, Some("5"))
        );
        for body in [
            r#"{"status":"success"}"#,
            r#"{"data":null}"#,
            r#"{"data":{}}"#,
        ] {
            assert_eq!(page(body), TransactionPage::default(), "{body}");
        }
    }

    #[test]
    fn a_kept_transaction_reads_back_the_same() {
        let p = page(r#"{"data":{"transactions":[{"amount":12.50,"id":3},{"amount":"1e2"}]}}"#);
        for t in &p.transactions.items {
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(&serde_json::from_str::<Transaction>(&json).unwrap(), t);
        }
        // A cache written by an older version holds the amount as a number.
        let old: Transaction = serde_json::from_str(r#"{"amount":12.5,"currency":"USD"}"#).unwrap();
        assert_eq!(old.amount.unwrap().as_str(), "12.5");
    }

    proptest! {
        /// Any decimal of up to 18 digits arrives exactly, sent as a JSON number or a string.
        #[test]
        fn any_decimal_amount_arrives_exactly(
            negative in any::<bool>(),
            whole in "[1-9][0-9]{0,8}|0",
            fraction in proptest::option::of("[0-9]{1,9}"),
            as_string in any::<bool>(),
        ) {
            let sign = if negative { "-" } else { "" };
            let text = match fraction {
                Some(f) => format!("{sign}{whole}.{f}"),
                None => format!("{sign}{whole}"),
            };
            let literal = if as_string { format!("\"{text}\"") } else { text.clone() };
            let p = page(&format!(r#"{{"data":{{"transactions":[{{"amount":{literal}}}]}}}}"#));
            prop_assert_eq!(p.transactions.items[0].amount.as_ref().map(Amount::as_str), Some(text.as_str()));
        }
    }
}
