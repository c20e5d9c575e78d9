//! `GET /3ds/my-records`: the user's passcodes, newest (highest id) first, paged.

use super::auth::AuthUser;
use super::reply::{ApiResult, Params};
use crate::clock;
use crate::passcodes::{self, NewPasscode};
use crate::state::{Shared, lock};
use axum::Json;
use axum::extract::{RawQuery, State};
use ccp_model::Sensitive;
use ccp_model::api::{ThreeDsPage, ThreeDsRecord, ThreeDsResponse};

pub const PATH: &str = "/api/v1/3ds/my-records";

pub async fn my_records(
    State(st): State<Shared>,
    user: AuthUser,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<ThreeDsResponse>> {
    let p = Params::parse(q.as_deref());
    let page = p.int("page", 1, 1, i64::MAX)?;
    let page_size = p.int("page_size", 20, 1, 100)?;
    // The page-shift fault: a purchase lands between the client's page 1 and page 2.
    if page >= 2 && lock(&st.faults).take_page_shift(PATH) {
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
    let rows: Vec<(i64, String, String, i64, String, String, String)> = sqlx::query_as(
        "SELECT id, amount, currency, expires_after, merchant_name, passcode, received_at
         FROM passcodes WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
    )
    .bind(user.id)
    .bind(page_size)
    .bind((page - 1).saturating_mul(page_size))
    .fetch_all(&st.db)
    .await?;
    let records = rows
        .into_iter()
        .map(|r| ThreeDsRecord {
            id: r.0,
            amount: r.1,
            currency: r.2,
            expires_after: r.3,
            merchant_name: r.4,
            passcode: Sensitive::new(r.5),
            received_at: r.6,
        })
        .collect();
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
