//! The encrypted offline cache: SQLite through sqlx, SQLCipher with a raw key, WAL, schema by
//! migrations. One transaction per write, so a reader never sees half a sync. Opening, the
//! account and what every resource shares are here; each resource's reads and writes are an
//! `impl Cache` of their own (cards, passcodes, transactions, kyc).

mod cards;
pub mod key;
mod kyc;
mod messages;
mod passcodes;
pub(crate) mod slot;
mod transactions;

use crate::{Error, Resource, Result};
use ccp_io::private_fs;
use ccp_model::api::User;
use ccp_model::view::SessionInfo;
use secrecy::SecretString;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Row, Sqlite, Transaction as Tx};
use std::path::{Path, PathBuf};
use std::str::FromStr;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone)]
pub struct Cache {
    pool: SqlitePool,
    path: Option<PathBuf>,
    /// Opened with a SQLCipher key (so every page carries an HMAC to check).
    encrypted: bool,
}

impl Cache {
    /// Opens (or creates) the encrypted cache file. A wrong key fails here, clearly.
    pub async fn open(path: &Path, key: &SecretString) -> Result<Cache> {
        if !key::is_valid(key) {
            return Err(Error::Cache("the cache key is not 64 hex digits".into()));
        }
        Self::open_with(path, Some(key)).await
    }

    /// Plain, unencrypted SQLite with the same schema: for the measurements (examples/measure.rs)
    /// and the tests that prove the encryption, never for the app. The `bench-plain` feature is
    /// turned on by ccp-core's own dev-dependency on itself, so only test, example and bench
    /// builds have it.
    #[cfg(feature = "bench-plain")]
    pub async fn open_unencrypted(path: &Path) -> Result<Cache> {
        Self::open_with(path, None).await
    }

    async fn open_with(path: &Path, key: Option<&SecretString>) -> Result<Cache> {
        if let Some(dir) = path.parent() {
            private_fs::create_private_dir(dir)
                .map_err(|e| Error::Cache(format!("creating {}: {e}", dir.display())))?;
        }
        // Created 0600 before SQLite sees it (an empty file is an empty database): SQLite gives
        // the -wal and -shm files it creates later the database file's mode. Only a new file
        // is opened here: closing a descriptor of a file this process has open elsewhere would
        // drop that connection's POSIX locks.
        match private_fs::private_file_options()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::Cache(format!("creating {}: {e}", path.display()))),
        }
        let mut opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true);
        if let Some(key) = key {
            // sqlx logs statements (the key pragma included) at DEBUG: never for this pool.
            opts = opts
                .pragma("key", key::pragma_value(key))
                .disable_statement_logging();
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(opts)
            .await
            .map_err(|e| open_error(path, e))?;
        // The first read of the schema is what fails on a wrong key ("file is not a database").
        sqlx::query("SELECT count(*) FROM sqlite_master")
            .fetch_one(&pool)
            .await
            .map_err(|e| open_error(path, e))?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| migrate_error(path, e))?;
        // Files left by an older version (or created under another umask) are tightened too.
        // A failure is only logged: the contents are encrypted, and a cache that works beats
        // none.
        for file in with_companions(path) {
            if let Err(e) = private_fs::restrict_file(&file) {
                tracing::warn!("could not make {} private: {e}", file.display());
            }
        }
        Ok(Cache {
            pool,
            path: Some(path.to_path_buf()),
            encrypted: key.is_some(),
        })
    }

    /// A cache that never touches the disk (no keyring, or nobody signed in).
    pub async fn memory() -> Result<Cache> {
        let opts = SqliteConnectOptions::from_str("sqlite::memory:")?;
        // One connection forever: an in-memory database lives and dies with its connection.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(opts)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Cache {
            pool,
            path: None,
            encrypted: false,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_persistent(&self) -> bool {
        self.path.is_some()
    }

    /// Closes the pool and deletes the database with its WAL and shared-memory files.
    pub async fn close_and_delete(self) -> Result<()> {
        self.pool.close().await;
        if let Some(path) = &self.path {
            delete_files(path)?;
        }
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// SQLite's `PRAGMA integrity_check` and, when encrypted, SQLCipher's
    /// `cipher_integrity_check` (every page's HMAC): `"ok"`, or the problems found, one a line.
    pub async fn integrity_check(&self) -> Result<String> {
        let mut problems = Vec::new();
        if self.encrypted {
            // One row per page whose HMAC does not match; none when every page is intact.
            let rows = sqlx::query("PRAGMA cipher_integrity_check")
                .fetch_all(&self.pool)
                .await?;
            problems.extend(rows.iter().map(|r| r.get::<String, _>(0)));
        }
        // A page that cannot be read at all fails the statement itself: a problem, reported.
        match sqlx::query_scalar::<_, String>("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await
        {
            Ok(rows) => problems.extend(rows.into_iter().filter(|r| r != "ok")),
            Err(e) => problems.push(format!("integrity_check: {e}")),
        }
        Ok(if problems.is_empty() {
            "ok".to_owned()
        } else {
            problems.join("\n")
        })
    }

    /// Writers take the lock up front: a deferred transaction that reads first can fail
    /// with SQLITE_BUSY_SNAPSHOT in WAL mode when another writer got there in between.
    async fn write_tx(&self) -> Result<Tx<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    // ------------------------------------------------------------ fetched_at

    /// When `resource` was last fetched (Unix seconds); `None`: never.
    pub async fn fetched_at(&self, resource: Resource) -> Result<Option<i64>> {
        self.fetched_at_key(resource.cache_key()).await
    }

    async fn fetched_at_key(&self, key: &str) -> Result<Option<i64>> {
        let mut conn = self.pool.acquire().await?;
        fetched_at_in(&mut conn, key).await
    }

    /// A read transaction: every query in it sees the same committed state. A view and its
    /// `fetched_at` are read in one, or a write landing between the two would pair the old
    /// (e.g. empty) data with the new time — and the window, keeping the newer copy, would
    /// replace good data with that torn one.
    async fn read_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin().await?)
    }

    /// Records that `resource` was fetched at `at` without other changes.
    pub async fn touch(&self, resource: Resource, at: i64) -> Result<()> {
        let mut tx = self.write_tx().await?;
        touch(&mut tx, resource.cache_key(), at).await?;
        tx.commit().await?;
        Ok(())
    }

    // ------------------------------------------------------------ account

    pub async fn save_account(&self, email: &str, user: Option<&User>) -> Result<()> {
        let user_json = user.map(to_json).transpose()?;
        sqlx::query(
            "INSERT INTO account (id, email, user_json) VALUES (1, ?, ?)
             ON CONFLICT(id) DO UPDATE SET email = excluded.email,
               user_json = COALESCE(excluded.user_json, account.user_json)",
        )
        .bind(email)
        .bind(user_json)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn account(&self) -> Result<Option<SessionInfo>> {
        let row = sqlx::query("SELECT email, user_json FROM account WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            let user: Option<String> = r.get("user_json");
            Ok(SessionInfo {
                email: r.get("email"),
                user: user.as_deref().map(from_json).transpose()?,
                not_kept: None,
            })
        })
        .transpose()
    }
}

async fn fetched_at_in(conn: &mut sqlx::SqliteConnection, key: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT fetched_at FROM fetched WHERE resource = ?")
            .bind(key)
            .fetch_optional(conn)
            .await?,
    )
}

async fn touch(tx: &mut Tx<'_, Sqlite>, resource: &str, at: i64) -> Result<()> {
    sqlx::query("INSERT OR REPLACE INTO fetched (resource, fetched_at) VALUES (?, ?)")
        .bind(resource)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The database file and its WAL / shared-memory / rollback-journal companions.
fn with_companions(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    ["", "-wal", "-shm", "-journal"]
        .into_iter()
        .map(move |suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p)
        })
}

/// The database file and its WAL / shared-memory companions.
pub fn delete_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(PathBuf::from(p)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::Cache(format!(
                    "deleting {}{suffix}: {e}",
                    path.display()
                )));
            }
        }
    }
    Ok(())
}

/// Sorts what went wrong opening the file: only what says the file itself cannot be read as a
/// database (SQLITE_NOTADB: damaged, not a database, or another key; SQLITE_CORRUPT and its
/// extended codes) is [`Error::CacheUnreadable`], which lets the caller replace the file.
/// Busy, locked, permissions, a full disk or I/O errors say nothing about the file's content:
/// [`Error::Cache`], and the file stays.
fn open_error(path: &Path, e: sqlx::Error) -> Error {
    let code = e
        .as_database_error()
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i32>().ok());
    // Extended result codes carry the primary code in their low byte.
    match code.map(|c| c & 0xff) {
        Some(libsqlite3_sys::SQLITE_NOTADB | libsqlite3_sys::SQLITE_CORRUPT) => {
            Error::CacheUnreadable(format!(
                "{} cannot be read with this key (wrong key, damaged, or not a cache file)",
                path.display()
            ))
        }
        _ => Error::Cache(format!("opening {}: {e}", path.display())),
    }
}

/// A migration that failed on the database is sorted like any open error; a schema this build
/// does not know (applied by a newer version, or changed since) makes the file unreadable to it.
fn migrate_error(path: &Path, e: sqlx::migrate::MigrateError) -> Error {
    use sqlx::migrate::MigrateError as M;
    match e {
        M::Execute(e) | M::ExecuteMigration(e, _) => open_error(path, e),
        M::VersionMissing(_) | M::VersionMismatch(_) | M::Dirty(_) => {
            Error::CacheUnreadable(format!(
                "{} has a schema this version does not know: {e}",
                path.display()
            ))
        }
        other => Error::Cache(format!("migrating {}: {other}", path.display())),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Internal(format!("encoding a cache row: {e}")))
}

/// Cached rows, each a JSON value, in order; one that does not decode fails the whole read.
fn all_from_json<T: serde::de::DeserializeOwned>(rows: &[String]) -> Result<Vec<T>> {
    rows.iter().map(|j| from_json(j)).collect()
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| {
        Error::Cache(format!(
            "a cached row does not decode ({})",
            crate::api::describe(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Sensitive;
    use ccp_model::api::ThreeDsRecord;

    #[tokio::test]
    async fn the_integrity_check_finds_a_damaged_page() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let key = key::generate();
        let cache = Cache::open(&path, &key).await.unwrap();
        let records: Vec<ThreeDsRecord> = (1..=300)
            .map(|id| ThreeDsRecord {
                id,
                amount: "1.00".into(),
                currency: "USD".into(),
                expires_after: 300,
                merchant_name: format!("Merchant {id}"),
                passcode: Sensitive::new(format!("{id:06}")),
                received_at: "2026-01-20T10:30:00Z".into(),
            })
            .collect();
        cache.insert_passcodes(&records, 1).await.unwrap();
        assert_eq!(cache.integrity_check().await.unwrap(), "ok");
        assert_eq!(
            cache.passcode_ids().await.unwrap(),
            (1..=300).collect::<Vec<_>>()
        );
        cache.close().await;

        // One byte of the last page changed on disk: its HMAC no longer matches.
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.len() - 100;
        bytes[at] ^= 0x5a;
        std::fs::write(&path, bytes).unwrap();
        let cache = Cache::open(&path, &key).await.unwrap();
        let report = cache.integrity_check().await.unwrap();
        assert!(report.contains("HMAC verification failed"), "{report}");
        cache.close().await;
    }
}
