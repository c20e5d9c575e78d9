//! Field readers for what the live service really sends: ids and numbers as numbers or text,
//! nulls and missing fields for anything optional. Most read through `serde_json::Value`, so
//! they work with any self-describing format (the UI reads these types from JavaScript too),
//! and never fail: what cannot be read is "not said".
//!
//! Money is the exception: an `f64` (what a `Value` holds) rounds most decimal fractions and
//! drops trailing zeros, so amounts are read from their raw JSON text ([`RawField`]). Those
//! readers work with serde_json only (its deserializers and `Value`), which is all that reads
//! API answers and the cache.

use crate::Amount;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use serde_json::value::RawValue;

/// An integer given as a number or as a string of digits.
pub(crate) fn int_value(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Text given as a string or a number (its JSON text); null or anything else is `None`.
pub(crate) fn text_value(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn int_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(int_value(&Value::deserialize(d)?).unwrap_or(0))
}

pub(crate) fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(int_value(&Value::deserialize(d)?))
}

pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(text_value(Value::deserialize(d)?))
}

/// Text, empty when null or not text.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_text(d)?.unwrap_or_default())
}

/// `true`, `"true"` or `1`; anything else (null included) is `false`.
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => b,
        Value::String(s) => matches!(s.trim(), "true" | "1"),
        v => int_value(&v) == Some(1),
    })
}

/// An object read as `T`; anything else (null, text, a number) or an object that does not
/// read as `T` is "not said".
pub(crate) fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(match Value::deserialize(d)? {
        v @ Value::Object(_) => serde_json::from_value(v).ok(),
        _ => None,
    })
}

/// A field as its JSON text (absent when missing or null).
pub(crate) type RawField = Option<Box<RawValue>>;

/// What a raw JSON value is, for reading it as text.
pub(crate) enum Scalar<'a> {
    /// Missing, null, or a string that cannot be decoded.
    Absent,
    /// A string's content.
    Text(String),
    /// A number's exact JSON text.
    Number(&'a str),
    /// `true`, `false`, an object or an array: its JSON text.
    Other(&'a str),
}

pub(crate) fn scalar(field: &RawField) -> Scalar<'_> {
    let Some(raw) = field else {
        return Scalar::Absent;
    };
    let json = raw.get().trim();
    match json.as_bytes().first() {
        Some(b'"') => serde_json::from_str(json).map_or(Scalar::Absent, Scalar::Text),
        Some(b'-' | b'0'..=b'9') => Scalar::Number(json),
        None | Some(b'n') => Scalar::Absent,
        Some(_) => Scalar::Other(json),
    }
}

/// The exact amount, or the text of one that is not a plain decimal (`1e2`, `"N/A"`, an
/// object's JSON). Missing, null and blank text are neither.
pub(crate) fn amount_of(field: &RawField) -> (Option<Amount>, Option<String>) {
    let raw = match scalar(field) {
        Scalar::Absent => return (None, None),
        Scalar::Text(s) if s.trim().is_empty() => return (None, None),
        Scalar::Text(s) => s,
        Scalar::Number(n) | Scalar::Other(n) => n.to_owned(),
    };
    match Amount::parse(&raw) {
        Ok(amount) => (Some(amount), None),
        Err(_) => (None, Some(raw)),
    }
}

/// An exact amount given as a number or a string; anything else (one that is not a plain
/// decimal included) is "not said": a made-up figure would misstate money.
pub(crate) fn opt_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    Ok(amount_of(&RawField::deserialize(d)?).0)
}

/// A string's content or a number's exact JSON text (`12.50` stays `12.50`); anything else
/// is empty.
pub(crate) fn exact_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match scalar(&RawField::deserialize(d)?) {
        Scalar::Text(s) => s,
        Scalar::Number(n) => n.to_owned(),
        Scalar::Absent | Scalar::Other(_) => String::new(),
    })
}

/// Only an object can be a record (serde would also read an array, field by field).
pub(crate) fn object_text(raw: &RawValue) -> Option<&str> {
    let json = raw.get().trim_start();
    json.starts_with('{').then_some(json)
}
