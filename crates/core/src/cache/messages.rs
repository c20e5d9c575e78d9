//! The newest notifications and announcements, and how many of each are unread.

use super::{Cache, all_from_json, fetched_at_in, from_json, to_json};
use crate::{Resource, Result};
use ccp_model::api::{Message, MessageKind};
use ccp_model::view::{Fetched, MessagesView};
use std::collections::HashSet;

impl Cache {
    /// Replaces the kept list of `kind` with `list` (newest first) and its unread count (`None`:
    /// the service did not say; counted from the list). Returns the ids not kept before.
    pub async fn replace_messages(
        &self,
        kind: MessageKind,
        list: &[Message],
        unread: Option<i64>,
    ) -> Result<HashSet<String>> {
        let mut tx = self.write_tx().await?;
        let before: Vec<String> = sqlx::query_scalar("SELECT id FROM messages WHERE kind = ?")
            .bind(kind.code())
            .fetch_all(&mut *tx)
            .await?;
        let before: HashSet<String> = before.into_iter().collect();
        sqlx::query("DELETE FROM messages WHERE kind = ?")
            .bind(kind.code())
            .execute(&mut *tx)
            .await?;
        for (i, m) in list.iter().enumerate() {
            sqlx::query(
                "INSERT OR REPLACE INTO messages (kind, id, position, message_json)
                 VALUES (?, ?, ?, ?)",
            )
            .bind(kind.code())
            .bind(&m.id)
            .bind(i as i64)
            .bind(to_json(m)?)
            .execute(&mut *tx)
            .await?;
        }
        let unread = unread.unwrap_or_else(|| list.iter().filter(|m| !m.read).count() as i64);
        sqlx::query("INSERT OR REPLACE INTO message_unread (kind, unread) VALUES (?, ?)")
            .bind(kind.code())
            .bind(unread.max(0))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(list
            .iter()
            .filter(|m| !before.contains(&m.id))
            .map(|m| m.id.clone())
            .collect())
    }

    /// Keeps one message as opened (read, with its full text); the unread count goes down by
    /// one if it was unread.
    pub async fn save_opened_message(&self, m: &Message) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let was: Option<String> =
            sqlx::query_scalar("SELECT message_json FROM messages WHERE kind = ? AND id = ?")
                .bind(m.kind.code())
                .bind(&m.id)
                .fetch_optional(&mut *tx)
                .await?;
        let was_unread = match &was {
            Some(json) => !from_json::<Message>(json)?.read,
            None => false,
        };
        let opened = Message {
            read: true,
            ..m.clone()
        };
        sqlx::query("UPDATE messages SET message_json = ? WHERE kind = ? AND id = ?")
            .bind(to_json(&opened)?)
            .bind(m.kind.code())
            .bind(&m.id)
            .execute(&mut *tx)
            .await?;
        if was_unread {
            sqlx::query("UPDATE message_unread SET unread = MAX(unread - 1, 0) WHERE kind = ?")
                .bind(m.kind.code())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records that the messages were read at `at`.
    pub async fn touch_messages(&self, at: i64) -> Result<()> {
        self.touch(Resource::Messages, at).await
    }

    pub async fn message(&self, kind: MessageKind, id: &str) -> Result<Option<Message>> {
        let json: Option<String> =
            sqlx::query_scalar("SELECT message_json FROM messages WHERE kind = ? AND id = ?")
                .bind(kind.code())
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        json.as_deref().map(from_json).transpose()
    }

    pub async fn messages(&self) -> Result<Fetched<MessagesView>> {
        let mut tx = self.read_tx().await?;
        let mut view = MessagesView::default();
        for kind in MessageKind::ALL {
            let rows: Vec<String> = sqlx::query_scalar(
                "SELECT message_json FROM messages WHERE kind = ? ORDER BY position",
            )
            .bind(kind.code())
            .fetch_all(&mut *tx)
            .await?;
            let list: Vec<Message> = all_from_json(&rows)?;
            let unread: Option<i64> =
                sqlx::query_scalar("SELECT unread FROM message_unread WHERE kind = ?")
                    .bind(kind.code())
                    .fetch_optional(&mut *tx)
                    .await?;
            let unread = u32::try_from(unread.unwrap_or(0)).unwrap_or(u32::MAX);
            match kind {
                MessageKind::Notification => {
                    view.notifications = list;
                    view.unread_notifications = unread;
                }
                MessageKind::Announcement => {
                    view.announcements = list;
                    view.unread_announcements = unread;
                }
            }
        }
        let fetched_at = fetched_at_in(&mut tx, Resource::Messages.cache_key()).await?;
        Ok(Fetched {
            data: view,
            fetched_at,
        })
    }
}
