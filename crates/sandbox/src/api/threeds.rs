//! `GET /3ds/my-records`: the user's passcodes, newest (highest id) first, paged.

use super::auth::AuthUser;
use super::reply::{ApiResult, Params};
use crate::clock;
use crate::passcodes::{self, NewPasscode};
use crate::state::{Shared, lock};
use axum::Json;
use axum::extract::{RawQuery, State};
use ccp_model::Sensitive;
use ccp_model::api::{ThreeDsPage, ThreeDsRecord, ThreeDsResponse, path};

/// One row of `passcodes`, as the API lists it.
#[derive(sqlx::FromRow)]
struct PasscodeRow {
    id: i64,
    amount: String,
    currency: String,
    expires_after: i64,
    merchant_name: String,
    passcode: String,
    received_at: String,
}

impl From<PasscodeRow> for ThreeDsRecord {
    fn from(r: PasscodeRow) -> Self {
        ThreeDsRecord {
            id: r.id,
            amount: r.amount,
            currency: r.currency,
            expires_after: r.expires_after,
            merchant_name: r.merchant_name,
            passcode: Sensitive::new(r.passcode),
            received_at: r.received_at,
        }
    }
}

pub async fn my_records(
    State(st): State<Shared>,
    user: AuthUser,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<ThreeDsResponse>> {
    let p = Params::parse(q.as_deref());
    let page = p.int("page", 1, 1, i64::MAX)?;
    let asked = p.int("page_size", 20, 1, 100)?;
    let page_size = st
        .config
        .page_cap
        .map_or(asked, |cap| asked.min(i64::from(cap.max(1))));
    // The page-shift fault: a purchase lands between the client's page 1 and page 2.
    if page >= 2 && lock(&st.faults).take_page_shift(&super::p(path::THREE_DS_RECORDS)) {
        let record = {
            let mut rng = lock(&st.rng);
            NewPasscode::random(&mut *rng, user.id, clock::now_unix())
        };
        passcodes::insert(&st.db, &record).await?;
    }
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passcodes WHERE user_id = ?")
        .bind(user.id)
        .fetch_one(&st.db)
        .await?;
    let rows: Vec<PasscodeRow> = sqlx::query_as(
        "SELECT id, amount, currency, expires_after, merchant_name, passcode, received_at
         FROM passcodes WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
    )
    .bind(user.id)
    .bind(page_size)
    .bind((page - 1).saturating_mul(page_size))
    .fetch_all(&st.db)
    .await?;
    let records = rows.into_iter().map(ThreeDsRecord::from).collect();
    Ok(Json(ThreeDsResponse {
        status: Some("success".into()),
        data: ThreeDsPage {
            page,
            page_size,
            total,
            total_pages: (total + page_size - 1) / page_size,
            records,
        },
    }))
}
