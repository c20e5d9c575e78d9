//! 3-D Secure passcodes: each one kept once, listed newest first, pruned by age.

use super::{Cache, fetched_at_in, from_json, to_json, touch};
use crate::views::passcode_view;
use crate::{Error, Resource, Result};
use ccp_model::api::ThreeDsRecord;
use ccp_model::view::{Fetched, PasscodeView, PastPasscode};
use std::collections::HashSet;

impl Cache {
    /// Which of `ids` are already cached.
    pub async fn known_passcodes(&self, ids: &[i64]) -> Result<HashSet<i64>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        let list = serde_json::to_string(ids).map_err(|e| Error::Internal(e.to_string()))?;
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM passcodes WHERE id IN (SELECT value FROM json_each(?))",
        )
        .bind(list)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().collect())
    }

    /// Stores records not seen before; returns the ids that were new. Also stamps fetched_at.
    pub async fn insert_passcodes(&self, records: &[ThreeDsRecord], at: i64) -> Result<Vec<i64>> {
        let mut tx = self.write_tx().await?;
        let mut new = Vec::new();
        for r in records {
            let v = passcode_view(r);
            let done = sqlx::query(
                "INSERT INTO passcodes (id, received_at, expires_at, record_json) VALUES (?, ?, ?, ?)
                 ON CONFLICT(id) DO NOTHING",
            )
            .bind(r.id)
            .bind(v.received_at_unix)
            .bind(v.expires_at_unix)
            .bind(to_json(r)?)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 1 {
                new.push(r.id);
            }
        }
        touch(&mut tx, Resource::Passcodes.cache_key(), at).await?;
        tx.commit().await?;
        Ok(new)
    }

    /// The newest `limit` passcodes, newest first.
    pub async fn passcodes(&self, limit: u32) -> Result<Fetched<Vec<PasscodeView>>> {
        self.passcodes_before(None, limit).await
    }

    /// A page of the history, newest first: up to `limit` records older than `before` (all
    /// when `None`), without their codes.
    pub async fn passcode_history(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Fetched<Vec<PastPasscode>>> {
        let page = self.passcodes_before(before, limit).await?;
        Ok(Fetched {
            data: page.data.iter().map(PastPasscode::from).collect(),
            fetched_at: page.fetched_at,
        })
    }

    /// Up to `limit` records older than `before` (all when `None`), newest first.
    async fn passcodes_before(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Fetched<Vec<PasscodeView>>> {
        let mut tx = self.read_tx().await?;
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT record_json FROM passcodes WHERE id < ? ORDER BY id DESC LIMIT ?",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit as i64)
        .fetch_all(&mut *tx)
        .await?;
        let fetched_at = fetched_at_in(&mut tx, Resource::Passcodes.cache_key()).await?;
        let data = rows
            .iter()
            .map(|j| from_json::<ThreeDsRecord>(j).map(|r| passcode_view(&r)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Fetched { data, fetched_at })
    }

    /// One cached passcode by id.
    pub async fn passcode(&self, id: i64) -> Result<Option<PasscodeView>> {
        let row: Option<String> =
            sqlx::query_scalar("SELECT record_json FROM passcodes WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|j| from_json::<ThreeDsRecord>(&j).map(|r| passcode_view(&r)))
            .transpose()
    }

    /// Every cached passcode id, ascending.
    pub async fn passcode_ids(&self) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar("SELECT id FROM passcodes ORDER BY id")
            .fetch_all(&self.pool)
            .await?)
    }

    pub async fn passcode_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM passcodes")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Deletes the passcodes received before `older_than` (Unix seconds); returns how many.
    /// A spent code is of no use, and what is not kept cannot leak.
    pub async fn prune_passcodes(&self, older_than: i64) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM passcodes WHERE received_at < ?")
            .bind(older_than)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
