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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    /// Exact. `None` when the server sent no amount, or one that is not a plain decimal (then
    /// it is in [`Transaction::amount_unreadable`]).
    pub amount: Option<Amount>,
    /// The amount as sent when it is not a plain decimal (`1e2`, `"N/A"`, an object's JSON).
    /// The mobile client shows such an amount as 0; we show this text instead, because a
    /// made-up 0 misstates money while the raw text is at worst puzzling.
    pub amount_unreadable: Option<String>,
    /// `currency`, else `currency_code`.
    pub currency: Option<String>,
    pub description: Option<String>,
    pub merchant_name: Option<String>,
    pub status: Option<String>,
    pub trade_id: Option<String>,
    /// As sent (`trade_time`, `created_at` or `date`), or RFC 3339 (UTC) made from
    /// `created_time` in Unix seconds.
    pub trade_time: Option<String>,
    pub trade_type: Option<String>,
    /// `transaction_id`, else `id`.
    pub transaction_id: Option<String>,
}

impl Transaction {
    /// When it was made, in Unix seconds, for ordering (a date without a zone counts as that
    /// day's midnight UTC); `None` when no time was sent or it cannot be read.
    pub fn unix_time(&self) -> Option<i64> {
        crate::when::ServerTime::read(self.trade_time.as_deref()?).map(|t| t.unix())
    }

    /// Whether `query` (any case, trimmed) is in the merchant or the description; an empty
    /// query matches everything.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || [&self.merchant_name, &self.description]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains(&query))
    }
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

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionsResponse {
    pub status: Option<String>,
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
            // Free text may carry a card number (a processor's "Payment with 4111…"): masked
            // here, so no full number reaches the cache, the window or an export.
            description: text(&w.description).map(|t| mask_card_numbers(&t)),
            merchant_name: text(&w.merchant_name).map(|t| mask_card_numbers(&t)),
            status: text(&w.status),
            trade_id: text(&w.trade_id).map(|t| mask_card_numbers_in_id(&t)),
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

/// `GET /card/transaction-details?transaction_id=`: one transaction with whatever the card
/// processor adds to it. Only the request is known (the mobile client sends it); the answer's
/// shape is not in the material, so the common fields are read as leniently as in the list
/// and every other member is kept as text to show, in the server's order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionDetail {
    pub transaction: Transaction,
    /// The other members as (name, text): a nested object's members as `outer.inner`, an
    /// array's items joined by `, `, numbers exactly as sent. A member whose name says it is a
    /// secret (CVV, PIN, password, token, passcode…) is dropped, and any run of 12 or more
    /// digits (a card number) keeps only its first six and last four.
    #[serde(default)]
    pub more: Vec<(String, String)>,
}

/// The answer: `data`, or the top level when `data` is missing (as the mobile client reads
/// `/card/account-details`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TransactionDetailResponse {
    pub status: Option<String>,
    pub message: Option<String>,
    pub data: TransactionDetail,
}

impl<'de> Deserialize<'de> for TransactionDetailResponse {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let Entries(top) = Entries::deserialize(d)?;
        let member = |name: &str| top.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let text_of = |name: &str| match member(name) {
            Some(raw) => text(&Some(raw.clone())),
            None => None,
        };
        let (status, message) = (text_of("status"), text_of("message"));
        let data = match member("data").map(|raw| raw.get().trim_start()) {
            Some(json) if json.starts_with('{') => {
                serde_json::from_str::<Entries>(json)
                    .map_err(D::Error::custom)?
                    .0
            }
            // A null or missing `data`: the top level is the transaction.
            Some(json) if json.starts_with('n') => Vec::new(),
            Some(_) => return Err(D::Error::custom("`data` is not an object")),
            None => top
                .iter()
                .filter(|(k, _)| k != "status" && k != "message")
                .cloned()
                .collect(),
        };
        Ok(TransactionDetailResponse {
            status,
            message,
            data: TransactionDetail::from_entries(&data),
        })
    }
}

impl TransactionDetail {
    /// The names [`Transaction`] reads; everything else goes to [`TransactionDetail::more`].
    const COMMON: [&'static str; 14] = [
        "amount",
        "currency",
        "currency_code",
        "description",
        "merchant_name",
        "status",
        "trade_id",
        "trade_time",
        "created_time",
        "created_at",
        "date",
        "trade_type",
        "transaction_id",
        "id",
    ];

    fn from_entries(entries: &[(String, Box<serde_json::value::RawValue>)]) -> Self {
        let object = format!(
            "{{{}}}",
            entries
                .iter()
                .filter(|(k, _)| Self::COMMON.contains(&k.as_str()))
                .map(|(k, v)| format!("{}:{}", serde_json::Value::from(k.as_str()), v.get()))
                .collect::<Vec<_>>()
                .join(",")
        );
        let transaction = serde_json::from_str::<Wire>(&object)
            .map(Transaction::from)
            .unwrap_or_default();
        let mut more = Vec::new();
        for (name, raw) in entries {
            if !Self::COMMON.contains(&name.as_str()) {
                flatten(name, raw, &mut more, 0);
            }
        }
        TransactionDetail { transaction, more }
    }
}

/// An object's members in the order sent (later duplicates kept too).
struct Entries(Vec<(String, Box<serde_json::value::RawValue>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// The words of a member's name, lower case: split at anything not a letter or digit and where
/// camelCase turns upper (`pinBlock` → `pin`, `block`; `card_CVV2` → `card`, `cvv2`).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && prev_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Names that say a member holds a secret: never shown, whatever its value. A word of the
/// name (`pin`, `otp`, `cvv2`…), two words together (`security code`, `pin block`), or a
/// part of the name that no honest name contains (`…password…`, `…token…`).
fn secret_name(name: &str) -> bool {
    const WORDS: [&str; 13] = [
        "cvv", "cvv2", "cvc", "cvc2", "cid", "pin", "pinblock", "password", "passwd", "secret",
        "token", "passcode", "otp",
    ];
    const PAIRS: [&str; 4] = [
        "securitycode",
        "verificationcode",
        "pinblock",
        "onetimecode",
    ];
    const ANYWHERE: [&str; 7] = [
        "cvv", "cvc", "password", "secret", "token", "passcode", "pinblock",
    ];
    let words = words(name);
    let lower = name.to_lowercase();
    words.iter().any(|w| WORDS.contains(&w.as_str()))
        || (2..=3).any(|n| {
            words
                .windows(n)
                .any(|w| PAIRS.contains(&w.concat().as_str()))
        })
        || ANYWHERE.iter().any(|s| lower.contains(s))
}

/// How deep a member's name may grow (`a.b.c`) before the rest is shown as redacted JSON.
const NAMED_DEPTH: u8 = 3;
/// How deep redacted JSON is written before the rest is left out (`…`).
const JSON_DEPTH: u8 = 32;

fn flatten(
    name: &str,
    raw: &serde_json::value::RawValue,
    out: &mut Vec<(String, String)>,
    depth: u8,
) {
    if secret_name(name) {
        return;
    }
    let json = raw.get().trim();
    if json.starts_with('{')
        && depth < NAMED_DEPTH
        && let Ok(Entries(inner)) = serde_json::from_str::<Entries>(json)
    {
        for (k, v) in &inner {
            flatten(&format!("{name}.{k}"), v, out, depth + 1);
        }
        return;
    }
    let shown = if json.starts_with('[') {
        serde_json::from_str::<Vec<Box<serde_json::value::RawValue>>>(json)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| shown(i.get()))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .ok()
    } else {
        shown(json)
    };
    if let Some(text) = shown.filter(|t| !t.trim().is_empty()) {
        out.push((name.to_owned(), mask_card_numbers(&text)));
    }
}

/// A scalar as [`shown_scalar`], an object or array as [`redacted_json`].
fn shown(json: &str) -> Option<String> {
    match json.trim().as_bytes().first() {
        Some(b'{' | b'[') => redacted_json(json, 0),
        _ => shown_scalar(json),
    }
}

/// A string's content, a number's exact text, `true`/`false`; null is nothing; an object or
/// an array is not a scalar (see [`redacted_json`]).
fn shown_scalar(json: &str) -> Option<String> {
    match json.as_bytes().first() {
        Some(b'"') => serde_json::from_str(json).ok(),
        Some(b'n') | None => None,
        Some(b'{' | b'[') => None,
        Some(_) => Some(json.to_owned()),
    }
}

/// An object or array as compact JSON text without its secret-named members, at any depth;
/// below [`JSON_DEPTH`] the rest is `…`. Card numbers in it are masked by the caller.
fn redacted_json(json: &str, depth: u8) -> Option<String> {
    let json = json.trim();
    if depth >= JSON_DEPTH {
        return Some("…".to_owned());
    }
    match json.as_bytes().first()? {
        b'{' => {
            let Entries(members) = serde_json::from_str::<Entries>(json).ok()?;
            let inner: Vec<String> = members
                .iter()
                .filter(|(k, _)| !secret_name(k))
                .filter_map(|(k, v)| {
                    let value = redacted_json(v.get(), depth + 1)?;
                    Some(format!("{}:{value}", serde_json::Value::from(k.as_str())))
                })
                .collect();
            Some(format!("{{{}}}", inner.join(",")))
        }
        b'[' => {
            let items = serde_json::from_str::<Vec<Box<serde_json::value::RawValue>>>(json).ok()?;
            let inner: Vec<String> = items
                .iter()
                .filter_map(|i| redacted_json(i.get(), depth + 1))
                .collect();
            Some(format!("[{}]", inner.join(",")))
        }
        _ => Some(json.to_owned()),
    }
}

/// Every card number in `text` keeps only its first six and last four digits:
/// `4111 1111 1111 1111` → `411111••••••1111`. A card number is either a run of 12 or more
/// digits with single spaces or dashes between them, or 13 to 19 digits that pass the Luhn
/// check with any short separators between them (`4111, 1111, 1111, 1111` as an array's
/// items, `4111/1111/1111/1111`). At most BIN and last four of a card number are ever shown.
pub fn mask_card_numbers(text: &str) -> String {
    mask(text, true)
}

/// Like [`mask_card_numbers`], for an identifier (a trade id): only the Luhn rule applies, so
/// a long reference number that is no card number stays whole and still tells records apart.
pub fn mask_card_numbers_in_id(text: &str) -> String {
    mask(text, false)
}

/// A separator between two digit groups of one run: up to three characters that are neither
/// letters nor digits nor line breaks.
const GAP: usize = 3;

fn mask(text: &str, plain_runs: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digit groups (start, end) with gaps between them.
        let mut groups = vec![];
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((start, j));
            let gap = chars[j..]
                .iter()
                .take_while(|c| !c.is_alphanumeric() && !matches!(c, '\n' | '\r'))
                .count();
            if gap == 0 || gap > GAP || !chars.get(j + gap).is_some_and(char::is_ascii_digit) {
                break;
            }
            j += gap;
        }
        let end = groups.last().map_or(i, |g| g.1);
        out.push_str(&mask_run(&chars, &groups, plain_runs));
        i = end;
    }
    out
}

/// One run of digit groups, with the card numbers in it masked (see [`mask_card_numbers`]).
fn mask_run(chars: &[char], groups: &[(usize, usize)], plain_runs: bool) -> String {
    let len = |g: &(usize, usize)| g.1 - g.0;
    let digits_of = |from: usize, to: usize| -> Vec<char> {
        groups[from..=to]
            .iter()
            .flat_map(|&(a, b)| chars[a..b].iter().copied())
            .collect()
    };
    // Spans of groups (first, last) that are card numbers.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if plain_runs {
        let plain_gap = |k: usize| {
            let gap = &chars[groups[k].1..groups[k + 1].0];
            gap.len() == 1 && matches!(gap[0], ' ' | '-')
        };
        let mut first = 0;
        for k in 0..groups.len() {
            if k + 1 == groups.len() || !plain_gap(k) {
                if groups[first..=k].iter().map(len).sum::<usize>() >= 12 {
                    spans.push((first, k));
                }
                first = k + 1;
            }
        }
    }
    for first in 0..groups.len() {
        let mut count = 0;
        for (last, group) in groups.iter().enumerate().skip(first) {
            count += len(group);
            if count > 19 {
                break;
            }
            if count >= 13 && luhn(&digits_of(first, last)) {
                spans.push((first, last));
            }
        }
    }
    if spans.is_empty() {
        let (start, end) = (groups[0].0, groups[groups.len() - 1].1);
        return chars[start..end].iter().collect();
    }
    // Which digits are hidden, and which separators fall inside a card number (dropped, so the
    // masked number reads as one: `411111••••••1111`).
    let mut hidden = vec![false; chars.len()];
    let mut inside = vec![false; chars.len()];
    for &(first, last) in &spans {
        let positions: Vec<usize> = groups[first..=last]
            .iter()
            .flat_map(|&(a, b)| a..b)
            .collect();
        for &p in &positions[6..positions.len() - 4] {
            hidden[p] = true;
        }
        inside[groups[first].0..groups[last].1].fill(true);
    }
    let (start, end) = (groups[0].0, groups[groups.len() - 1].1);
    let mut out = String::new();
    for p in start..end {
        let c = chars[p];
        if c.is_ascii_digit() {
            out.push(if hidden[p] { '•' } else { c });
        } else if !inside[p] {
            out.push(c);
        }
    }
    out
}

/// The Luhn check every card number passes.
fn luhn(digits: &[char]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                (d * 2) % 9 + u32::from(d == 9) * 9
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
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

    #[test]
    fn a_detail_reads_the_common_fields_and_keeps_the_rest_as_text() {
        let r: TransactionDetailResponse = serde_json::from_str(
            r#"{"status":"success","data":{"id":42,"amount":12.50,"currency_code":"USD",
                "merchant_name":"Books","mcc":"5942","fee":1.50,"cvv":"123","pin_block":"x",
                "access_token":"t","card_number":"4111 1111 1111 1111",
                "merchant":{"city":"Paris","country":"FR","geo":{"lat":48.8}},
                "tags":["a",1,null],"note":null,"settled":true}}"#,
        )
        .unwrap();
        let d = r.data;
        assert_eq!(d.transaction.transaction_id.as_deref(), Some("42"));
        assert_eq!(d.transaction.amount.as_ref().unwrap().as_str(), "12.50");
        assert_eq!(d.transaction.currency.as_deref(), Some("USD"));
        let more: Vec<(&str, &str)> = d
            .more
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            more,
            [
                ("mcc", "5942"),
                ("fee", "1.50"),
                ("card_number", "411111••••••1111"),
                ("merchant.city", "Paris"),
                ("merchant.country", "FR"),
                ("merchant.geo.lat", "48.8"),
                ("tags", "a, 1"),
                ("settled", "true"),
            ]
        );
    }

    #[test]
    fn a_detail_without_data_is_the_top_level_and_odd_answers_are_clear() {
        let r: TransactionDetailResponse =
            serde_json::from_str(r#"{"transaction_id":"t1","status":"ok"}"#).unwrap();
        assert_eq!(r.data.transaction.transaction_id.as_deref(), Some("t1"));
        assert_eq!(r.status.as_deref(), Some("ok"));
        let r: TransactionDetailResponse = serde_json::from_str(r#"{"data":null}"#).unwrap();
        assert_eq!(r.data, TransactionDetail::default());
        assert!(serde_json::from_str::<TransactionDetailResponse>(r#"{"data":[1]}"#).is_err());
        assert!(serde_json::from_str::<TransactionDetailResponse>("[]").is_err());
    }

    #[test]
    fn secret_names_are_found_in_any_case_style() {
        for name in [
            "cvv",
            "CVV2",
            "card_cvc",
            "pinBlock",
            "pin_block",
            "PIN",
            "otpCode",
            "otp-code",
            "securityCode",
            "security_code",
            "verificationCode",
            "oneTimeCode",
            "accessToken",
            "client_secret",
            "userPassword",
            "card.passcode",
        ] {
            assert!(secret_name(name), "{name} should be secret");
        }
        for name in [
            "merchant_city",
            "mcc",
            "fee",
            "spinner",
            "opinion",
            "shipping",
            "country",
        ] {
            assert!(!secret_name(name), "{name} is no secret");
        }
    }

    /// Bodies a processor might send, each hiding a secret where the first redaction did not
    /// look: inside arrays of objects, deeper than the named depth, under camelCase names, a
    /// card number split into groups, or in the common text fields.
    #[test]
    fn no_secret_or_card_number_survives_a_detail_in_any_shape() {
        let bodies = [
            r#"{"data":{"transaction_id":"t1","legs":[{"amount":"1.00","cvv":"987"},{"pin":"4321"}]}}"#,
            r#"{"data":{"transaction_id":"t1","a":{"b":{"c":{"d":{"e":{"cvv":"987","pin":"4321","pinBlock":"PB77SECRET"}}}}}}}"#,
            r#"{"data":{"transaction_id":"t1","pinBlock":"PB77SECRET","otpCode":"556677","securityCode":"987","verificationCode":"4321"}}"#,
            r#"{"data":{"transaction_id":"t1","card":{"number":["4111","1111","1111","1111"]},"pan":"4111/1111/1111/1111"}}"#,
            r#"{"data":{"transaction_id":"t1","description":"Paid with 4111 1111 1111 1111","merchant_name":"Shop 4111-1111-1111-1111","trade_id":"4111111111111111"}}"#,
            r#"{"data":{"transaction_id":"t1","extra":[[{"x":[{"cvv":"987"}]}],{"deep":{"deeper":{"pinBlock":"PB77SECRET"}}}]}}"#,
        ];
        for body in bodies {
            let detail = serde_json::from_str::<TransactionDetailResponse>(body)
                .unwrap()
                .data;
            let kept = format!("{}\n{detail:?}", serde_json::to_string(&detail).unwrap());
            for secret in ["987", "4321", "PB77SECRET", "556677", "4111111111111111"] {
                assert!(!kept.contains(secret), "{secret} kept from {body}: {kept}");
            }
            let t = &detail.transaction;
            let texts = [&t.description, &t.merchant_name, &t.trade_id];
            let values = detail
                .more
                .iter()
                .map(|(_, v)| v)
                .chain(texts.into_iter().flatten());
            for value in values {
                let digits: String = value.chars().filter(char::is_ascii_digit).collect();
                assert!(!digits.contains("4111111111111111"), "card kept: {value}");
            }
            assert_eq!(detail.transaction.transaction_id.as_deref(), Some("t1"));
        }
        // What is no secret stays readable.
        let detail = serde_json::from_str::<TransactionDetailResponse>(bodies[0])
            .unwrap()
            .data;
        assert_eq!(
            detail.more,
            vec![("legs".to_owned(), r#"{"amount":"1.00"}, {}"#.to_owned())]
        );
        let detail = serde_json::from_str::<TransactionDetailResponse>(bodies[4])
            .unwrap()
            .data;
        assert_eq!(
            detail.transaction.description.as_deref(),
            Some("Paid with 411111••••••1111")
        );
        assert_eq!(
            detail.transaction.trade_id.as_deref(),
            Some("411111••••••1111")
        );
    }

    proptest! {
        /// Any text: an answer or an error, never a panic.
        #[test]
        fn any_detail_body_decodes_or_fails_cleanly(body in ".{0,300}") {
            let _ = serde_json::from_str::<TransactionDetailResponse>(&body);
        }

        /// A secret-named member, at any depth and in any container, never reaches what is
        /// kept, nor an error.
        #[test]
        fn a_secret_member_is_never_kept_at_any_depth(
            name in proptest::sample::select(vec!["cvv", "pinBlock", "otp_code", "securityCode", "card.CVC2", "accessToken"]),
            depth in 0usize..40,
            in_array in proptest::bool::ANY,
        ) {
            let mut inner = format!(r#"{{"{name}":"S3CR3TVALUE","ok":"fine"}}"#);
            for level in 0..depth {
                inner = if in_array && level % 2 == 0 { format!("[{inner},1]") } else { format!(r#"{{"l{level}":{inner}}}"#) };
            }
            let body = format!(r#"{{"data":{{"transaction_id":"t","extra":{inner}}}}}"#);
            match serde_json::from_str::<TransactionDetailResponse>(&body) {
                Ok(r) => {
                    let kept = format!("{} {:?}", serde_json::to_string(&r.data).unwrap(), r.data);
                    prop_assert!(!kept.contains("S3CR3TVALUE"), "{kept}");
                }
                Err(e) => prop_assert!(!e.to_string().contains("S3CR3TVALUE")),
            }
        }
    }

    #[test]
    fn a_reference_number_that_is_no_card_number_stays_whole() {
        // 18 digits that fail the Luhn check: an identifier, kept so records stay apart.
        assert_eq!(
            mask_card_numbers_in_id("202510300000012346"),
            "202510300000012346"
        );
        assert_eq!(
            mask_card_numbers_in_id("4111111111111111"),
            "411111••••••1111"
        );
        assert_eq!(
            mask_card_numbers("4111, 1111, 1111, 1111"),
            "411111••••••1111"
        );
        assert_eq!(
            mask_card_numbers("card 5555 4444 3333 1111!"),
            "card 555544••••••1111!"
        );
        assert_eq!(mask_card_numbers("1.50, 2.00"), "1.50, 2.00");
    }

    #[test]
    fn card_numbers_keep_bin_and_last_four_only() {
        assert_eq!(mask_card_numbers("4111111111111111"), "411111••••••1111");
        assert_eq!(
            mask_card_numbers("ref 5555-4444-3333-1111 ok"),
            "ref 555544••••••1111 ok"
        );
        assert_eq!(mask_card_numbers("12345678901"), "12345678901");
        assert_eq!(mask_card_numbers("2026-01-20 10:30"), "2026-01-20 10:30");
        assert_eq!(mask_card_numbers(""), "");
    }
}
