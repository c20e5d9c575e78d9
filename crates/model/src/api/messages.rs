//! Account messages: the account's notifications and the service's announcements. The mobile
//! client reads `GET /notifications/?limit&offset`, `/notifications/unread-count`,
//! `/notifications/{id}` (opening marks read) and the same three under `/announcements`; the
//! material does not show their answers, so everything here is `x-assumed` and read as leniently
//! as can be: the list may be `data` itself or any array member of it (`notifications`,
//! `announcements`, `items`, `list`, `records`, `rows`); ids numbers or text; the text under
//! `content`, `body` or `message`; the time under `created_at`, `created_time`, `publish_time`
//! or `date`; read as `is_read` / `read` (a flag) or a `read_at` time. An item that is not an
//! object, or has no id, is skipped and counted.

use super::lenient::{int_value, text_value};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which of the two lists a message is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// About this account (a card shipped, a payment refused).
    #[default]
    Notification,
    /// From the service to everyone (new features, maintenance).
    Announcement,
}

impl MessageKind {
    pub const ALL: [MessageKind; 2] = [MessageKind::Notification, MessageKind::Announcement];

    /// The list, as the mobile client asks for it (the notifications' with a trailing slash).
    pub fn list_path(self) -> &'static str {
        match self {
            MessageKind::Notification => super::path::NOTIFICATIONS,
            MessageKind::Announcement => super::path::ANNOUNCEMENTS,
        }
    }

    pub fn unread_count_path(self) -> &'static str {
        match self {
            MessageKind::Notification => super::path::NOTIFICATIONS_UNREAD,
            MessageKind::Announcement => super::path::ANNOUNCEMENTS_UNREAD,
        }
    }

    /// One message; reading it marks it read.
    pub fn item_path(self, id: &str) -> String {
        match self {
            MessageKind::Notification => format!("/notifications/{id}"),
            MessageKind::Announcement => format!("/announcements/{id}"),
        }
    }

    /// The kind a [`MessageKind::code`] names.
    pub fn from_code(code: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Notification => "notification",
            MessageKind::Announcement => "announcement",
        }
    }
}

/// One message as this client keeps it (cache, window, `ccp --json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub kind: MessageKind,
    /// As text, whatever its JSON type.
    pub id: String,
    pub title: Option<String>,
    pub content: Option<String>,
    /// As sent (RFC 3339, `YYYY-MM-DD HH:MM:SS` or Unix seconds).
    pub created_at: Option<String>,
    pub read: bool,
}

/// A page of a list: what could be read, how many items could not, and the total if said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessagePage {
    pub items: Vec<Message>,
    pub unreadable: u32,
    pub total: Option<i64>,
}

const LIST_MEMBERS: [&str; 7] = [
    "notifications",
    "announcements",
    "items",
    "list",
    "records",
    "rows",
    "data",
];

impl MessagePage {
    /// Reads a list answer (the whole body).
    pub fn read(kind: MessageKind, body: &Value) -> MessagePage {
        let data = body.get("data").unwrap_or(body);
        let list = match data {
            Value::Array(a) => Some(a),
            Value::Object(o) => LIST_MEMBERS
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_array)),
            _ => None,
        };
        let mut page = MessagePage {
            total: [data.get("total"), body.get("total")]
                .into_iter()
                .flatten()
                .find_map(int_value),
            ..MessagePage::default()
        };
        for item in list.into_iter().flatten() {
            match Message::read(kind, item) {
                Some(m) => page.items.push(m),
                None => page.unreadable = page.unreadable.saturating_add(1),
            }
        }
        page
    }
}

impl Message {
    /// One item (an object with an id); `None` for anything else.
    pub fn read(kind: MessageKind, v: &Value) -> Option<Message> {
        let o = v.as_object()?;
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| o.get(*k).cloned().and_then(text_value))
                .filter(|s| !s.trim().is_empty())
        };
        let id = text(&["id", "notification_id", "announcement_id"])?;
        let flag = |k: &str| match o.get(k)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => Some(matches!(s.trim(), "true" | "1")),
            other => int_value(other).map(|n| n == 1),
        };
        let read = flag("is_read")
            .or_else(|| flag("read"))
            .unwrap_or_else(|| o.get("read_at").is_some_and(|v| !v.is_null()));
        Some(Message {
            kind,
            id,
            title: text(&["title", "subject"]),
            content: text(&["content", "body", "message", "text"]),
            created_at: text(&["created_at", "created_time", "publish_time", "date"]),
            read,
        })
    }

    /// Reads one message's answer: `data`, or the top level when `data` is missing.
    pub fn read_answer(kind: MessageKind, body: &Value) -> Option<Message> {
        Message::read(kind, body.get("data").unwrap_or(body))
    }
}

/// Reads an unread-count answer: `data` as a number, or `count` / `unread_count` / `unread` /
/// `total` in `data` or at the top level; `None` when none is there.
pub fn read_unread_count(body: &Value) -> Option<i64> {
    let keys = ["count", "unread_count", "unread", "total"];
    let data = body.get("data");
    data.and_then(int_value)
        .or_else(|| {
            [data, Some(body)]
                .into_iter()
                .flatten()
                .find_map(|o| keys.iter().find_map(|k| o.get(*k).and_then(int_value)))
        })
        .map(|n| n.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_list_shape_reads_and_odd_items_are_counted() {
        for body in [
            json!({"data": {"notifications": [{"id": 1, "title": "A"}], "total": 3}}),
            json!({"data": {"items": [{"id": "1", "title": "A"}], "total": "3"}}),
            json!({"data": [{"notification_id": 1, "subject": "A"}], "total": 3}),
            json!([{"id": 1, "title": "A"}]),
        ] {
            let page = MessagePage::read(MessageKind::Notification, &body);
            assert_eq!(page.items.len(), 1, "{body}");
            assert_eq!(page.items[0].id, "1");
            assert_eq!(page.items[0].title.as_deref(), Some("A"));
        }
        let page = MessagePage::read(
            MessageKind::Announcement,
            &json!({"data": {"announcements": [{"id": 2}, "x", null, {"title": "no id"}]}}),
        );
        assert_eq!(
            (page.items.len(), page.unreadable, page.total),
            (1, 3, None)
        );
        assert_eq!(page.items[0].kind, MessageKind::Announcement);
        let empty = MessagePage::read(MessageKind::Notification, &json!({"data": null}));
        assert_eq!(empty, MessagePage::default());
    }

    #[test]
    fn fields_read_from_every_name_and_type() {
        let m = |v: Value| Message::read(MessageKind::Notification, &v).unwrap();
        let a =
            m(json!({"id": 7, "content": "c", "created_at": "2026-10-01T00:00:00Z", "is_read": 1}));
        assert_eq!((a.content.as_deref(), a.read), (Some("c"), true));
        assert_eq!(a.created_at.as_deref(), Some("2026-10-01T00:00:00Z"));
        let b = m(json!({"id": 7, "body": "c", "created_time": 1790000000, "read": "false"}));
        assert_eq!((b.content.as_deref(), b.read), (Some("c"), false));
        assert_eq!(b.created_at.as_deref(), Some("1790000000"));
        let c = m(json!({"id": 7, "message": "c", "read_at": "2026-10-01 00:00:00"}));
        assert!(c.read);
        let d = m(json!({"id": 7, "title": "  ", "read_at": null}));
        assert_eq!((d.title, d.read), (None, false));
    }

    #[test]
    fn unread_counts_read_from_every_shape() {
        for (body, n) in [
            (json!({"data": 4}), Some(4)),
            (json!({"data": {"count": "4"}}), Some(4)),
            (json!({"data": {"unread_count": 4}}), Some(4)),
            (json!({"unread": 4}), Some(4)),
            (json!({"data": {"count": -2}}), Some(0)),
            (json!({"data": {}}), None),
        ] {
            assert_eq!(read_unread_count(&body), n, "{body}");
        }
    }
}
