//! The card list and each card's details and status.

use super::{Cache, fetched_at_in, from_json, to_json, touch};
use crate::views::card_view;
use crate::{Resource, Result};
use ccp_model::api::{CardAccountDetails, CardListItem};
use ccp_model::view::{CardView, Fetched};
use sqlx::Row;
use std::collections::HashMap;

impl Cache {
    /// Replaces the card list; cards without fresh details keep the ones cached before.
    pub async fn replace_cards(
        &self,
        items: &[CardListItem],
        details: &HashMap<String, CardAccountDetails>,
        at: i64,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let old: HashMap<String, Option<String>> =
            sqlx::query("SELECT public_token, details_json FROM cards")
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .map(|r| (r.get("public_token"), r.get("details_json")))
                .collect();
        sqlx::query("DELETE FROM cards").execute(&mut *tx).await?;
        for (i, item) in items.iter().enumerate() {
            let d = match details.get(&item.public_token) {
                Some(d) => Some(to_json(d)?),
                None => old.get(&item.public_token).cloned().flatten(),
            };
            sqlx::query("INSERT OR REPLACE INTO cards (public_token, position, item_json, details_json) VALUES (?, ?, ?, ?)")
                .bind(&item.public_token)
                .bind(i as i64)
                .bind(to_json(item)?)
                .bind(d)
                .execute(&mut *tx)
                .await?;
        }
        touch(&mut tx, Resource::Cards.cache_key(), at).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn cards(&self) -> Result<Fetched<Vec<CardView>>> {
        let mut tx = self.read_tx().await?;
        let rows = sqlx::query("SELECT item_json, details_json FROM cards ORDER BY position")
            .fetch_all(&mut *tx)
            .await?;
        let fetched_at = fetched_at_in(&mut tx, Resource::Cards.cache_key()).await?;
        let mut cards = Vec::with_capacity(rows.len());
        for r in rows {
            let item: CardListItem = from_json(r.get("item_json"))?;
            let details: Option<String> = r.get("details_json");
            let details: Option<CardAccountDetails> =
                details.as_deref().map(from_json).transpose()?;
            cards.push(card_view(&item, details.as_ref()));
        }
        Ok(Fetched {
            data: cards,
            fetched_at,
        })
    }

    /// Sets one card's status from the server's answer; `None` if the card is not cached.
    pub async fn set_card_status(
        &self,
        public_token: &str,
        status: &ccp_model::api::CardLocalStatus,
    ) -> Result<Option<CardView>> {
        let mut tx = self.write_tx().await?;
        let row = sqlx::query("SELECT item_json, details_json FROM cards WHERE public_token = ?")
            .bind(public_token)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let mut item: CardListItem = from_json(row.get("item_json"))?;
        item.status = status.clone();
        let details: Option<String> = row.get("details_json");
        let mut details: Option<CardAccountDetails> =
            details.as_deref().map(from_json).transpose()?;
        if let Some(d) = details.as_mut() {
            d.status = Some(status.clone());
        }
        sqlx::query("UPDATE cards SET item_json = ?, details_json = ? WHERE public_token = ?")
            .bind(to_json(&item)?)
            .bind(details.as_ref().map(to_json).transpose()?)
            .bind(public_token)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(card_view(&item, details.as_ref())))
    }
}
