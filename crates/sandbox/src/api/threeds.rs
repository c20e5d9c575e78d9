//! `GET /3ds/my-records`: the user's passcodes, newest (highest id) first, paged.

use super::bearer::AuthUser;
use super::lenient::{self, Step};
use super::reply::{ApiResult, Params};
use crate::clock;
use crate::passcodes::{self, NewPasscode};
use crate::state::{Shared, lock};
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use ccp_model::Sensitive;
use ccp_model::api::{API_PREFIX, ThreeDsPage, ThreeDsRecord, ThreeDsResponse, path};
use serde_json::Value;

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
    p: Params,
) -> ApiResult<Response> {
    let (page, asked) = p.page("page_size")?;
    let page_size = st
        .config
        .page_cap
        .map_or(asked, |cap| asked.min(i64::from(cap.max(1))));
    // The page-shift fault: a purchase lands between the client's page 1 and page 2.
    if page >= 2
        && lock(&st.faults).take_page_shift(&format!("{API_PREFIX}{}", path::THREE_DS_RECORDS))
    {
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
    let records: Vec<ThreeDsRecord> = rows.into_iter().map(ThreeDsRecord::from).collect();
    let answer = ThreeDsResponse {
        status: Some("success".into()),
        data: ThreeDsPage {
            page,
            page_size,
            total,
            total_pages: (total + page_size - 1) / page_size,
            records: records.into(),
        },
    };
    let mut answer = serde_json::to_value(answer).unwrap_or_default();
    if st.config.lenient_records {
        loosen(&mut answer);
        if let Some(exact) = lenient::with_numbers(&answer, &amount_as_number) {
            return Ok(Json(exact).into_response());
        }
    }
    Ok(Json(answer).into_response())
}

/// Lenient-service simulation: the shapes the seed allows (every field optional), on a page
/// that stays readable: ids and numbers as text, an amount as a number with its exact text
/// (`12.50`: see [`amount_as_number`]), nulls and missing optional fields, no page count, and
/// one record no client can read (no passcode) at the end.
fn loosen(answer: &mut Value) {
    let Some(data) = answer.get_mut("data").and_then(Value::as_object_mut) else {
        return;
    };
    data.remove("total_pages");
    data.remove("page_size");
    let Some(records) = data.get_mut("records").and_then(Value::as_array_mut) else {
        return;
    };
    for (i, r) in records.iter_mut().enumerate() {
        let Some(r) = r.as_object_mut() else { continue };
        match i % 4 {
            0 => {
                let id = r["id"].to_string();
                r.insert("id".into(), Value::String(id));
            }
            1 => {} // the amount as a number: `amount_as_number`
            2 => {
                r.insert("merchant_name".into(), Value::Null);
                r.remove("currency");
            }
            _ => {
                let after = r["expires_after"].to_string();
                r.insert("expires_after".into(), Value::String(after));
            }
        }
    }
    records.push(serde_json::json!({"id": 0, "merchant_name": "no passcode"}));
}

/// The second record of every four has its amount as a JSON number, written with the text
/// stored (`12.50`, `1000.00`: zeros an f64 would drop); the others keep the contract's string.
fn amount_as_number(path: &[Step<'_>]) -> bool {
    matches!(
        path,
        [Step::Key("data"), Step::Key("records"), Step::Index(i), Step::Key("amount")] if i % 4 == 1
    )
}
