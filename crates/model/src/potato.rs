//! Potato Cloud card keys (卡密, seed 003): the types a client hands to the window or prints as
//! JSON. Wire bodies (the `{code, message, data, pc}` envelope) stay in `ccp-potato`; these are
//! what they are read into.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Keys one `createCardMy` call may generate at most.
pub const MAX_KEYS_PER_CALL: u32 = 10;
/// Largest page `getCardMyList` serves.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// How long a key is valid once redeemed. The service numbers them 0–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyType {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Permanent,
}

impl KeyType {
    pub const ALL: [KeyType; 6] = [
        KeyType::Day,
        KeyType::Week,
        KeyType::Month,
        KeyType::Quarter,
        KeyType::Year,
        KeyType::Permanent,
    ];

    /// The service's number: 0 day, 1 week, 2 month, 3 quarter, 4 year, 5 permanent.
    pub fn code(self) -> i64 {
        match self {
            KeyType::Day => 0,
            KeyType::Week => 1,
            KeyType::Month => 2,
            KeyType::Quarter => 3,
            KeyType::Year => 4,
            KeyType::Permanent => 5,
        }
    }

    pub fn from_code(code: i64) -> Option<KeyType> {
        KeyType::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::Day => "day",
            KeyType::Week => "week",
            KeyType::Month => "month",
            KeyType::Quarter => "quarter",
            KeyType::Year => "year",
            KeyType::Permanent => "permanent",
        }
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for KeyType {
    type Err = String;

    /// `day` … `permanent` (any case), or the service's number `0`–`5`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        KeyType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .or_else(|| s.parse().ok().and_then(KeyType::from_code))
            .ok_or_else(|| {
                format!("unknown key type {s:?}: day, week, month, quarter, year or permanent")
            })
    }
}

/// Whether a key has been redeemed. The service's `state`: 1 unused, 0 used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyState {
    Unused,
    Used,
}

impl KeyState {
    pub fn code(self) -> i64 {
        match self {
            KeyState::Unused => 1,
            KeyState::Used => 0,
        }
    }

    pub fn from_code(code: i64) -> Option<KeyState> {
        match code {
            1 => Some(KeyState::Unused),
            0 => Some(KeyState::Used),
            _ => None,
        }
    }
}

/// A time as the service gave it: milliseconds since the epoch, or text it did not give as a
/// number (`createdDate` comes either way; `expireTime` is usually `yyyy-MM-dd HH:mm:ss`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyTime {
    Millis(i64),
    Text(String),
}

impl KeyTime {
    /// Milliseconds since the epoch, when the service gave a number (or digits).
    pub fn millis(&self) -> Option<i64> {
        match self {
            KeyTime::Millis(ms) => Some(*ms),
            KeyTime::Text(t) => t.trim().parse().ok(),
        }
    }
}

/// One card key as the service lists or generates it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardKey {
    /// The service's id (a large number, kept as text).
    pub id: String,
    /// The key itself (32 upper-case hex digits): what a customer redeems.
    pub card: String,
    /// `None`: a type number this client does not know (see `type_code`).
    pub key_type: Option<KeyType>,
    pub type_code: Option<i64>,
    /// `None`: the service sent no `state`, or one this client does not know.
    pub state: Option<KeyState>,
    /// The service's `status`: the key was deleted (0) rather than in use (1).
    #[serde(default)]
    pub deleted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<KeyTime>,
    /// When a redeemed key runs out (the service sends it once the key is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<KeyTime>,
}

/// Only the key's last four characters: a card key is worth money until it is redeemed.
impl fmt::Debug for CardKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardKey")
            .field("id", &self.id)
            .field("card", &masked(&self.card))
            .field("key_type", &self.key_type)
            .field("type_code", &self.type_code)
            .field("state", &self.state)
            .field("deleted", &self.deleted)
            .field("created", &self.created)
            .field("expires", &self.expires)
            .finish()
    }
}

/// `…F251`: enough to tell keys apart in a log, not enough to redeem one.
pub fn masked(card: &str) -> String {
    let chars: Vec<char> = card.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("…{tail}")
}

/// What `getCardMyList` is asked for: a page (from 1) and optional filters.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyQuery {
    pub page: u32,
    /// 1 ..= [`MAX_PAGE_SIZE`].
    pub page_size: u32,
    pub state: Option<KeyState>,
    pub key_type: Option<KeyType>,
    /// One key by its text.
    pub card: Option<String>,
}

impl Default for KeyQuery {
    fn default() -> Self {
        KeyQuery {
            page: 1,
            page_size: 20,
            state: None,
            key_type: None,
            card: None,
        }
    }
}

/// One page of keys. `total` and `pages` are `None` when the service sent no paging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPage {
    pub keys: Vec<CardKey>,
    pub page: u32,
    pub page_size: u32,
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(default)]
    pub pages: Option<u64>,
}

/// Who is signed in to Potato Cloud on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PotatoSession {
    pub user_number: String,
    /// `false`: the OS keyring could not keep the token; it lasts only as long as the client.
    pub kept_in_keyring: bool,
}

/// The answer of `verifyCardV2`: whether the key is good on this device, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub valid: bool,
    pub key_type: Option<KeyType>,
    /// `yyyy-MM-dd HH:mm:ss` as the service wrote it; `None` for a permanent key.
    #[serde(default)]
    pub expires: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_by_name_or_number_and_serialize_by_name() {
        assert_eq!("Month".parse::<KeyType>(), Ok(KeyType::Month));
        assert_eq!("5".parse::<KeyType>(), Ok(KeyType::Permanent));
        assert!("6".parse::<KeyType>().is_err());
        assert!("fortnight".parse::<KeyType>().is_err());
        for t in KeyType::ALL {
            assert_eq!(KeyType::from_code(t.code()), Some(t));
        }
        assert_eq!(
            serde_json::to_string(&KeyType::Quarter).unwrap(),
            "\"quarter\""
        );
        assert_eq!(KeyState::from_code(1), Some(KeyState::Unused));
        assert_eq!(KeyState::from_code(0), Some(KeyState::Used));
        assert_eq!(KeyState::from_code(7), None);
    }

    #[test]
    fn a_key_time_is_a_number_or_text() {
        let t: KeyTime = serde_json::from_str("1675926123437").unwrap();
        assert_eq!(t.millis(), Some(1_675_926_123_437));
        let t: KeyTime = serde_json::from_str("\"1675926123437\"").unwrap();
        assert_eq!(t.millis(), Some(1_675_926_123_437));
        let t: KeyTime = serde_json::from_str("\"2023-02-09 15:02:03\"").unwrap();
        assert_eq!(t, KeyTime::Text("2023-02-09 15:02:03".into()));
        assert_eq!(t.millis(), None);
    }

    #[test]
    fn debug_shows_only_the_end_of_a_key() {
        let key = CardKey {
            id: "1".into(),
            card: "BF28FAE82497C318B95BB9D0D902F251".into(),
            key_type: Some(KeyType::Week),
            type_code: Some(1),
            state: Some(KeyState::Unused),
            deleted: false,
            created: None,
            expires: None,
        };
        let debug = format!("{key:?}");
        assert!(debug.contains("…F251"), "{debug}");
        assert!(!debug.contains("BF28FAE8"), "{debug}");
        assert_eq!(masked("ab"), "…ab");
    }
}
