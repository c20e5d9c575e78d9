//! The KYC eligibility and verification status.

use super::{Cache, fetched_at_in, from_json, to_json, touch};
use crate::{Resource, Result};
use ccp_model::api::{KycEligibility, KycStatus};
use ccp_model::view::{Fetched, KycView};
use sqlx::Row;

impl Cache {
    pub async fn save_kyc(
        &self,
        status: &KycStatus,
        eligibility: Option<&KycEligibility>,
        at: i64,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO kyc (id, status_json, eligibility_json) VALUES (1, ?, ?)
             ON CONFLICT(id) DO UPDATE SET status_json = excluded.status_json,
               eligibility_json = COALESCE(excluded.eligibility_json, kyc.eligibility_json)",
        )
        .bind(to_json(status)?)
        .bind(eligibility.map(to_json).transpose()?)
        .execute(&mut *tx)
        .await?;
        touch(&mut tx, Resource::Kyc.cache_key(), at).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn kyc(&self) -> Result<Fetched<KycView>> {
        let mut tx = self.read_tx().await?;
        let row = sqlx::query("SELECT status_json, eligibility_json FROM kyc WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?;
        let fetched_at = fetched_at_in(&mut tx, Resource::Kyc.cache_key()).await?;
        let mut view = KycView::default();
        if let Some(r) = row {
            let s: Option<String> = r.get("status_json");
            let e: Option<String> = r.get("eligibility_json");
            view.status = s.as_deref().map(from_json).transpose()?;
            view.eligibility = e.as_deref().map(from_json).transpose()?;
        }
        Ok(Fetched {
            data: view,
            fetched_at,
        })
    }
}
