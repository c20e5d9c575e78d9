//! Each card's transactions (fetched on demand, page by page) and their details.

use super::{Cache, all_from_json, fetched_at_in, from_json, to_json, touch};
use crate::Result;
use ccp_model::api::{Transaction, TransactionDetail};
use ccp_model::view::{Fetched, TransactionsView};
use sqlx::{Sqlite, Transaction as Tx};

impl Cache {
    pub async fn replace_transactions(
        &self,
        public_token: &str,
        txs: &[Transaction],
        total: i64,
        at: i64,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let tail = kept_tail(&mut tx, public_token, txs, total).await?;
        let mut list = txs.to_vec();
        list.extend(tail);
        write_transactions_from(&mut tx, public_token, 0, &list, total).await?;
        touch(&mut tx, &transactions_key(public_token), at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps page `page` (1-based, `limit` per page) of a card's transactions. Page 1 is the
    /// newest and replaces the head of the card's list (see [`kept_tail`] for what stays); a
    /// later page replaces what was kept from its position on.
    pub async fn store_transactions_page(
        &self,
        public_token: &str,
        page: u32,
        limit: u32,
        txs: &[Transaction],
        total: i64,
        at: i64,
    ) -> Result<()> {
        if page <= 1 {
            return self
                .replace_transactions(public_token, txs, total, at)
                .await;
        }
        let first = i64::from(page - 1) * i64::from(limit);
        let mut tx = self.write_tx().await?;
        write_transactions_from(&mut tx, public_token, first, txs, total).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn transactions(&self, public_token: &str) -> Result<Fetched<TransactionsView>> {
        let mut tx = self.read_tx().await?;
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT tx_json FROM transactions WHERE public_token = ? ORDER BY position",
        )
        .bind(public_token)
        .fetch_all(&mut *tx)
        .await?;
        let transactions: Vec<Transaction> = all_from_json(&rows)?;
        let total: Option<i64> =
            sqlx::query_scalar("SELECT total FROM transaction_totals WHERE public_token = ?")
                .bind(public_token)
                .fetch_optional(&mut *tx)
                .await?;
        let fetched_at = fetched_at_in(&mut tx, &transactions_key(public_token)).await?;
        Ok(Fetched {
            data: TransactionsView {
                public_token: public_token.to_owned(),
                total: total.unwrap_or(transactions.len() as i64),
                transactions,
                unreadable: 0,
            },
            fetched_at,
        })
    }

    pub async fn save_transaction_detail(
        &self,
        public_token: &str,
        detail: &TransactionDetail,
        transaction_id: &str,
        at: i64,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT OR REPLACE INTO transaction_details
                 (transaction_id, public_token, detail_json, fetched_at) VALUES (?, ?, ?, ?)",
        )
        .bind(transaction_id)
        .bind(public_token)
        .bind(to_json(detail)?)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The kept details of a card's transaction, with when they were fetched; `None` when
    /// never fetched (or kept for another card).
    pub async fn transaction_detail(
        &self,
        public_token: &str,
        transaction_id: &str,
    ) -> Result<Option<Fetched<TransactionDetail>>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT detail_json, fetched_at FROM transaction_details
             WHERE transaction_id = ? AND public_token = ?",
        )
        .bind(transaction_id)
        .bind(public_token)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(json, at)| {
            Ok(Fetched {
                data: from_json(&json)?,
                fetched_at: Some(at),
            })
        })
        .transpose()
    }
}

/// A card's transactions are fetched on demand, each card on its own.
fn transactions_key(public_token: &str) -> String {
    format!("transactions:{public_token}")
}

/// What of a card's kept list still follows a fresh first page `txs`: the kept transactions
/// after the one the page ends with, found by its id. A short first page (the feed's 20
/// after the card page kept 50, or a whole read kept everything) then does not shrink what
/// is there to read offline, and new transactions on top only shift it. When the page's last
/// transaction has no id or is not among the kept ones, the older pages may have shifted in a
/// way we cannot see, so nothing is kept past the page.
async fn kept_tail(
    tx: &mut Tx<'_, Sqlite>,
    public_token: &str,
    txs: &[Transaction],
    total: i64,
) -> Result<Vec<Transaction>> {
    let Some(anchor) = txs.last().and_then(|t| t.transaction_id.as_deref()) else {
        return Ok(Vec::new());
    };
    let room = usize::try_from(total)
        .unwrap_or(0)
        .saturating_sub(txs.len());
    if room == 0 {
        return Ok(Vec::new());
    }
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT tx_json FROM transactions WHERE public_token = ? ORDER BY position",
    )
    .bind(public_token)
    .fetch_all(&mut **tx)
    .await?;
    let kept: Vec<Transaction> = rows.iter().map_while(|r| from_json(r).ok()).collect();
    let Some(at) = kept
        .iter()
        .position(|t| t.transaction_id.as_deref() == Some(anchor))
    else {
        return Ok(Vec::new());
    };
    let fresh: std::collections::HashSet<&str> = txs
        .iter()
        .filter_map(|t| t.transaction_id.as_deref())
        .collect();
    Ok(kept
        .into_iter()
        .skip(at + 1)
        .filter(|t| {
            !t.transaction_id
                .as_deref()
                .is_some_and(|id| fresh.contains(id))
        })
        .take(room)
        .collect())
}

/// Replaces a card's transactions from position `first` on with `txs`, and its total.
async fn write_transactions_from(
    tx: &mut Tx<'_, Sqlite>,
    public_token: &str,
    first: i64,
    txs: &[Transaction],
    total: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM transactions WHERE public_token = ? AND position >= ?")
        .bind(public_token)
        .bind(first)
        .execute(&mut **tx)
        .await?;
    for (i, t) in txs.iter().enumerate() {
        sqlx::query("INSERT INTO transactions (public_token, position, tx_json) VALUES (?, ?, ?)")
            .bind(public_token)
            .bind(first + i as i64)
            .bind(to_json(t)?)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("INSERT OR REPLACE INTO transaction_totals (public_token, total) VALUES (?, ?)")
        .bind(public_token)
        .bind(total)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
