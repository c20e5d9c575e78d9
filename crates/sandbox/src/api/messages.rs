//! Account messages (x-assumed, see the contract): `GET /notifications/?limit&offset`,
//! `/notifications/unread-count`, `/notifications/{id}` (reading one marks it read), and the
//! same three under `/announcements`. Notifications belong to one user; announcements go to
//! everyone and are read (or not) per user.

use super::bearer::AuthUser;
use super::reply::{ApiError, ApiResult, Params};
use crate::clock;
use crate::state::Shared;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use ccp_model::api::MessageKind;
use serde_json::{Value, json};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    content: String,
    created_unix: i64,
    is_read: bool,
}

impl Row {
    fn json(self) -> Value {
        json!({
            "id": self.id,
            "title": self.title,
            "content": self.content,
            "created_at": clock::rfc3339(self.created_unix),
            "is_read": self.is_read,
        })
    }
}

/// Visible to the user (`?2`) of the kind `?1`: theirs, or to everyone. Macros, so every query
/// stays a literal (sqlx takes only audited-static SQL).
macro_rules! visible {
    () => {
        "kind = ?1 AND (user_id = ?2 OR user_id IS NULL)"
    };
}

/// Whether the user (`?2`) has read the message.
macro_rules! read {
    () => {
        "EXISTS (SELECT 1 FROM message_reads r WHERE r.user_id = ?2 AND r.message_id = messages.id)"
    };
}

async fn list(
    st: &Shared,
    user: &AuthUser,
    kind: MessageKind,
    p: &Params,
) -> ApiResult<Json<Value>> {
    let limit = p.int("limit", 20, 1, 100)?;
    let offset = p.int("offset", 0, 0, i64::MAX)?;
    let total: i64 =
        sqlx::query_scalar(concat!("SELECT COUNT(*) FROM messages WHERE ", visible!()))
            .bind(kind.code())
            .bind(user.id)
            .fetch_one(&st.db)
            .await?;
    let rows: Vec<Row> = sqlx::query_as(concat!(
        "SELECT id, title, content, created_unix, ",
        read!(),
        " AS is_read FROM messages
         WHERE ",
        visible!(),
        " ORDER BY created_unix DESC, id DESC LIMIT ?3 OFFSET ?4"
    ))
    .bind(kind.code())
    .bind(user.id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&st.db)
    .await?;
    let items: Vec<Value> = rows.into_iter().map(Row::json).collect();
    let member = match kind {
        MessageKind::Notification => "notifications",
        MessageKind::Announcement => "announcements",
    };
    Ok(Json(json!({
        "status": "success",
        "message": "OK",
        "data": { member: items, "total": total, "limit": limit, "offset": offset },
    })))
}

async fn unread(st: &Shared, user: &AuthUser, kind: MessageKind) -> ApiResult<Json<Value>> {
    let count: i64 = sqlx::query_scalar(concat!(
        "SELECT COUNT(*) FROM messages WHERE ",
        visible!(),
        " AND NOT ",
        read!()
    ))
    .bind(kind.code())
    .bind(user.id)
    .fetch_one(&st.db)
    .await?;
    Ok(Json(
        json!({ "status": "success", "message": "OK", "data": { "count": count } }),
    ))
}

/// One message, marked read for the user; another user's (or an unknown id) is not found.
async fn open(st: &Shared, user: &AuthUser, kind: MessageKind, id: &str) -> ApiResult<Json<Value>> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "Message not found",
            format!("no {} {id:?}", kind.code()),
        )
    };
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let visible: Option<i64> = sqlx::query_scalar(concat!(
        "SELECT id FROM messages WHERE ",
        visible!(),
        " AND id = ?3"
    ))
    .bind(kind.code())
    .bind(user.id)
    .bind(id)
    .fetch_optional(&st.db)
    .await?;
    visible.ok_or_else(not_found)?;
    sqlx::query("INSERT OR IGNORE INTO message_reads (user_id, message_id) VALUES (?1, ?2)")
        .bind(user.id)
        .bind(id)
        .execute(&st.db)
        .await?;
    let row: Row = sqlx::query_as(concat!(
        "SELECT id, title, content, created_unix, ",
        read!(),
        " AS is_read FROM messages
         WHERE ",
        visible!(),
        " AND id = ?3"
    ))
    .bind(kind.code())
    .bind(user.id)
    .bind(id)
    .fetch_one(&st.db)
    .await?;
    Ok(Json(
        json!({ "status": "success", "message": "OK", "data": row.json() }),
    ))
}

pub async fn notifications(
    State(st): State<Shared>,
    user: AuthUser,
    p: Params,
) -> ApiResult<Json<Value>> {
    list(&st, &user, MessageKind::Notification, &p).await
}

pub async fn announcements(
    State(st): State<Shared>,
    user: AuthUser,
    p: Params,
) -> ApiResult<Json<Value>> {
    list(&st, &user, MessageKind::Announcement, &p).await
}

pub async fn notifications_unread(
    State(st): State<Shared>,
    user: AuthUser,
) -> ApiResult<Json<Value>> {
    unread(&st, &user, MessageKind::Notification).await
}

pub async fn announcements_unread(
    State(st): State<Shared>,
    user: AuthUser,
) -> ApiResult<Json<Value>> {
    unread(&st, &user, MessageKind::Announcement).await
}

pub async fn notification(
    State(st): State<Shared>,
    user: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    open(&st, &user, MessageKind::Notification, &id).await
}

pub async fn announcement(
    State(st): State<Shared>,
    user: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    open(&st, &user, MessageKind::Announcement, &id).await
}

/// Adds a message (the control API's): to the user, or (`None`) to everyone.
pub async fn insert(
    db: &sqlx::SqlitePool,
    kind: MessageKind,
    user_id: Option<i64>,
    title: &str,
    content: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO messages (kind, user_id, title, content, created_unix)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(kind.code())
    .bind(user_id)
    .bind(title)
    .bind(content)
    .bind(at)
    .fetch_one(db)
    .await
}
