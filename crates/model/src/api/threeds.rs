//! 3-D Secure passcodes: `GET /3ds/my-records`.
//!
//! Read as leniently as the seed allows (it marks every field optional): ids and numbers may
//! come as numbers or strings, optional fields may be missing or null, the paging fields may be
//! missing. A record that still cannot be read (not an object, no id, no passcode, a passcode
//! that is not text) is skipped and counted in [`ThreeDsPage::records`]' `unreadable` — never
//! a failed page.
//!
//! The amount keeps the exact text the server sent (`12.50` stays `12.50`): each record is
//! read from its raw JSON text, so a number never passes through an `f64`.

use super::lenient::{exact_text, int_or_zero, int_value, object_text, text};
use crate::Sensitive;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

/// A passcode's lifetime when the record does not say (the seed's example).
pub const DEFAULT_EXPIRES_AFTER: i64 = 300;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreeDsRecord {
    #[serde(deserialize_with = "int")]
    pub id: i64,
    /// Exactly as sent: a string's content (`"100.00"`, the contract's form) or a number's JSON
    /// text (`12.50`, never `12.5`); empty when not said. Text, not an [`crate::Amount`]: the
    /// record is about its passcode, so an amount that is not a plain decimal is still shown as
    /// sent rather than losing the record.
    #[serde(default, deserialize_with = "exact_text")]
    pub amount: String,
    #[serde(default, deserialize_with = "text")]
    pub currency: String,
    /// Seconds the passcode stays valid after `received_at`.
    #[serde(default = "default_expires_after", deserialize_with = "int_or_default")]
    pub expires_after: i64,
    #[serde(default, deserialize_with = "text")]
    pub merchant_name: String,
    /// A string: leading zeros matter (a number could have lost them, so it is unreadable).
    pub passcode: Sensitive,
    /// RFC 3339; missing or unreadable means "expired", never "live".
    #[serde(default, deserialize_with = "text")]
    pub received_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreeDsPage {
    #[serde(default, deserialize_with = "int_or_zero")]
    pub page: i64,
    /// The size the server used (it may serve fewer than asked); 0: not said.
    #[serde(default, deserialize_with = "int_or_zero")]
    pub page_size: i64,
    #[serde(default, deserialize_with = "int_or_zero")]
    pub total: i64,
    /// 0: not said.
    #[serde(default, deserialize_with = "int_or_zero")]
    pub total_pages: i64,
    #[serde(default, deserialize_with = "readable_records")]
    pub records: Readable<ThreeDsRecord>,
}

/// The records of a page that could be read, and how many could not.
#[derive(Debug, Clone, PartialEq)]
pub struct Readable<T> {
    pub items: Vec<T>,
    pub unreadable: u32,
}

impl<T> Default for Readable<T> {
    fn default() -> Self {
        Readable {
            items: Vec::new(),
            unreadable: 0,
        }
    }
}

impl<T> From<Vec<T>> for Readable<T> {
    fn from(items: Vec<T>) -> Self {
        Readable {
            items,
            unreadable: 0,
        }
    }
}

impl<T: Serialize> Serialize for Readable<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

impl<T> Readable<T> {
    /// A JSON array (missing or null: empty), each element read on its own by `read` from its
    /// raw JSON text, so a number keeps the text it was sent as. Only an object can be an item
    /// (serde would also read an array, field by field); whatever else arrives, or `read`
    /// refuses, is counted.
    pub(crate) fn read_each<'de, D: Deserializer<'de>>(
        d: D,
        read: impl Fn(&str) -> Option<T>,
    ) -> Result<Self, D::Error> {
        let raws = Option::<Vec<Box<RawValue>>>::deserialize(d)?.unwrap_or_default();
        let mut out = Readable::default();
        for raw in raws {
            match object_text(&raw).and_then(&read) {
                Some(item) => out.items.push(item),
                None => out.unreadable = out.unreadable.saturating_add(1),
            }
        }
        Ok(out)
    }
}

/// JSON only (the items are read from their raw text).
impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Readable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Readable::read_each(d, |json| serde_json::from_str(json).ok())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreeDsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub data: ThreeDsPage,
}

fn default_expires_after() -> i64 {
    DEFAULT_EXPIRES_AFTER
}

fn readable_records<'de, D: Deserializer<'de>>(d: D) -> Result<Readable<ThreeDsRecord>, D::Error> {
    Readable::deserialize(d)
}

fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = Value::deserialize(d)?;
    int_value(&v).ok_or_else(|| serde::de::Error::custom("expected an integer (number or text)"))
}

fn int_or_default<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(int_value(&Value::deserialize(d)?).unwrap_or(DEFAULT_EXPIRES_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_records_are_read_or_skipped_and_counted() {
        let body = r#"{"records":[
            {"id":"7","amount":12.5,"currency":null,"merchant_name":"Shop","passcode":"012345",
             "received_at":"2026-01-20T10:30:00Z"},
            {"id":8,"passcode":"111111"},
            {"id":9,"passcode":987654},
            {"passcode":"222222"},
            "not a record"
        ]}"#;
        let page: ThreeDsPage = serde_json::from_str(body).unwrap();
        assert_eq!(page.records.unreadable, 3);
        let [a, b] = &page.records.items[..] else {
            panic!("{page:?}")
        };
        assert_eq!(
            (a.id, a.amount.as_str(), a.currency.as_str()),
            (7, "12.5", "")
        );
        assert_eq!(a.passcode.expose(), "012345");
        assert_eq!(
            (b.id, b.expires_after, b.received_at.as_str()),
            (8, 300, "")
        );
        assert_eq!((page.page, page.total_pages), (0, 0));
    }

    #[test]
    fn amounts_keep_their_exact_text_as_numbers_and_strings() {
        let body = r#"{"records":[
            {"id":1,"passcode":"1","amount":12.50},
            {"id":2,"passcode":"2","amount":"12.50"},
            {"id":3,"passcode":"3","amount":1000.00},
            {"id":4,"passcode":"4","amount":123456789012345678.99},
            {"id":5,"passcode":"5","amount":true},
            {"id":6,"passcode":"6","amount":null}
        ]}"#;
        let page: ThreeDsPage = serde_json::from_str(body).unwrap();
        let amounts: Vec<_> = page
            .records
            .items
            .iter()
            .map(|r| r.amount.as_str())
            .collect();
        assert_eq!(
            amounts,
            ["12.50", "12.50", "1000.00", "123456789012345678.99", "", ""]
        );
        // As the cache keeps it: a string, read back the same.
        let kept = &page.records.items[0];
        let json = serde_json::to_string(kept).unwrap();
        assert_eq!(&serde_json::from_str::<ThreeDsRecord>(&json).unwrap(), kept);
    }

    /// An array has the fields in order, and serde would read it as a record; only an object
    /// is one.
    #[test]
    fn a_record_that_is_not_an_object_is_counted_not_read() {
        let body = r#"{"records":[
            [7, "1.00", "USD", 300, "Shop", "012345", "2026-01-20T10:30:00Z"],
            "{\"id\":8,\"passcode\":\"111111\"}",
            42, null, true,
            {"id":9,"passcode":"222222"}
        ]}"#;
        let page: ThreeDsPage = serde_json::from_str(body).unwrap();
        assert_eq!(page.records.unreadable, 5);
        let ids: Vec<_> = page.records.items.iter().map(|r| r.id).collect();
        assert_eq!(ids, [9]);
        // Also when the page is read from a `Value` (the decoder's fallback).
        let value: Value = serde_json::from_str(body).unwrap();
        let page: ThreeDsPage = serde_json::from_value(value).unwrap();
        assert_eq!((page.records.items.len(), page.records.unreadable), (1, 5));
    }
}
