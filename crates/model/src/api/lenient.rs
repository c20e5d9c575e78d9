//! Field readers for what the live service really sends: ids and numbers as numbers or text,
//! nulls and missing fields for anything optional. They read through `serde_json::Value`, so
//! they work with any self-describing format (the UI reads these types from JavaScript too),
//! and never fail: what cannot be read is "not said".

use serde::{Deserialize, Deserializer};
use serde_json::Value;

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
