//! 3-D Secure passcodes: `GET /3ds/my-records`.
//!
//! Read as leniently as the seed allows (it marks every field optional): ids and numbers may
//! come as numbers or strings, optional fields may be missing or null, the paging fields may be
//! missing. A record that still cannot be read (no id, no passcode, a passcode that is not
//! text) is skipped and counted in [`ThreeDsPage::unreadable`] — never a failed page.

use super::lenient::{int_or_zero, int_value, text};
use crate::Sensitive;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A passcode's lifetime when the record does not say (the seed's example).
pub const DEFAULT_EXPIRES_AFTER: i64 = 300;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreeDsRecord {
    #[serde(deserialize_with = "int")]
    pub id: i64,
    /// A decimal string (`"100.00"`), unlike other amounts; a number is taken as its JSON text.
    #[serde(default, deserialize_with = "text")]
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

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Readable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let values = Option::<Vec<Value>>::deserialize(d)?.unwrap_or_default();
        let mut out = Readable::default();
        for v in values {
            match serde_json::from_value(v) {
                Ok(item) => out.items.push(item),
                Err(_) => out.unreadable = out.unreadable.saturating_add(1),
            }
        }
        Ok(out)
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
}
