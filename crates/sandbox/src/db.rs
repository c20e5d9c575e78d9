//! Opening the SQLite file and bringing its schema up to date; the rows and lookups more than
//! one module shares.

use crate::Error;
use serde::Serialize;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::time::Duration;

pub const FILE_NAME: &str = "sandbox.sqlite3";

pub async fn open(dir: &Path) -> Result<SqlitePool, Error> {
    std::fs::create_dir_all(dir)?;
    let options = SqliteConnectOptions::new()
        .filename(dir.join(FILE_NAME))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// One row of `transactions`, served as the contract's `Transaction` (the amount a number).
#[derive(sqlx::FromRow, Serialize)]
pub struct TransactionRow {
    #[serde(skip)]
    pub id: i64,
    pub amount: f64,
    pub currency: String,
    pub description: String,
    pub merchant_name: String,
    pub status: String,
    pub trade_id: String,
    pub trade_time: String,
    #[serde(skip)]
    pub trade_unix: i64,
    pub trade_type: String,
    pub transaction_id: String,
}

/// The id of the user with this e-mail (in any case).
pub async fn user_id(db: &SqlitePool, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = ? COLLATE NOCASE")
        .bind(email)
        .fetch_optional(db)
        .await
}
