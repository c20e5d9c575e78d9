//! Server side of the control API. Mounted only with `Config::control`, and only loopback
//! peers get through.

use super::types::{
    AddMessage, AddTransaction, AddedMessage, AddedTransaction, BulkInserted, BulkRequest, Counts,
    EmailBody, InjectPasscode, LatencyBody, SetKyc,
};
use crate::DEMO_EMAIL;
use crate::api::kyc::kyc_status;
use crate::api::reply::{ApiError, ApiResult, JsonBody};
use crate::clock;
use crate::faults::FaultSpec;
use crate::passcodes::{self, NewPasscode};
use crate::state::{Shared, lock};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ccp_model::api::{KycStatus, ThreeDsRecord};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::Duration;

pub fn router(state: Shared) -> Router<Shared> {
    Router::new()
        .route("/sandbox/requests", get(counts).delete(reset_counts))
        .route("/sandbox/3ds", post(inject_3ds))
        .route("/sandbox/3ds/bulk", post(bulk_3ds))
        .route("/sandbox/kyc", post(set_kyc))
        .route("/sandbox/transactions", post(add_transaction))
        .route("/sandbox/messages", post(add_message))
        .route("/sandbox/expire-tokens", post(expire_tokens))
        .route("/sandbox/faults", post(add_fault).delete(clear_faults))
        .route("/sandbox/latency", post(set_latency))
        // TEST-ONLY, not FalPay's API: a bearer-protected echo and a revocation switch.
        .route("/sandbox/falpay/echo", get(crate::falpay::echo))
        .route("/sandbox/falpay/revoke", post(crate::falpay::revoke))
        .route("/sandbox/potato/expire-tokens", post(potato_expire_tokens))
        .route_layer(middleware::from_fn_with_state(state, loopback_only))
}

async fn loopback_only(req: Request, next: Next) -> Result<Response, ApiError> {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    match peer {
        Some(ip) if ip.is_loopback() => Ok(next.run(req).await),
        _ => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "the control API answers loopback clients only",
        )),
    }
}

async fn user_of(st: &Shared, email: Option<&str>) -> ApiResult<i64> {
    let email = email.unwrap_or(DEMO_EMAIL);
    crate::db::user_id(&st.db, email).await?.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "User not found",
            format!("no user {email:?}"),
        )
    })
}

async fn counts(State(st): State<Shared>) -> Json<Counts> {
    let counts = lock(&st.counts)
        .iter()
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    let times_ms = lock(&st.times)
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().copied().collect()))
        .collect();
    Json(Counts { counts, times_ms })
}

async fn reset_counts(State(st): State<Shared>) -> Json<Value> {
    lock(&st.counts).clear();
    lock(&st.times).clear();
    Json(json!({ "status": "success" }))
}

async fn inject_3ds(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<InjectPasscode>,
) -> ApiResult<Json<ThreeDsRecord>> {
    let user_id = user_of(&st, req.email.as_deref()).await?;
    if let Some(at) = &req.received_at
        && clock::parse_rfc3339(at).is_none()
    {
        return Err(ApiError::bad_request(
            "Invalid received_at",
            format!("not RFC 3339: {at:?}"),
        ));
    }
    let mut p = {
        let mut rng = lock(&st.rng);
        NewPasscode::random(&mut *rng, user_id, clock::now_unix())
    };
    p.merchant_name = req.merchant_name.unwrap_or(p.merchant_name);
    p.amount = req.amount.unwrap_or(p.amount);
    p.currency = req.currency.unwrap_or(p.currency);
    p.passcode = req.passcode.unwrap_or(p.passcode);
    p.received_at = req.received_at.unwrap_or(p.received_at);
    p.expires_after = req.expires_after.unwrap_or(p.expires_after);
    Ok(Json(passcodes::insert(&st.db, &p).await?))
}

async fn add_message(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<AddMessage>,
) -> ApiResult<Json<AddedMessage>> {
    let user = match req.kind {
        ccp_model::api::MessageKind::Notification => {
            Some(user_of(&st, req.email.as_deref()).await?)
        }
        ccp_model::api::MessageKind::Announcement => None,
    };
    let id = crate::api::messages::insert(
        &st.db,
        req.kind,
        user,
        &req.title,
        &req.content,
        clock::now_unix(),
    )
    .await?;
    Ok(Json(AddedMessage { id }))
}

async fn add_transaction(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<AddTransaction>,
) -> ApiResult<Json<AddedTransaction>> {
    if !req.amount.is_finite() || req.merchant_name.trim().is_empty() {
        return Err(ApiError::bad_request(
            "Invalid transaction",
            "merchant_name must not be empty and amount must be a number",
        ));
    }
    let user_id = user_of(&st, req.email.as_deref()).await?;
    let card: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, public_token, currency FROM cards WHERE user_id = ?1 ORDER BY id LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&st.db)
    .await?;
    let Some((card_id, public_token, currency)) = card else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Card not found",
            "the user has no card",
        ));
    };
    let at = clock::now_unix() - i64::from(req.days_ago) * 86_400;
    let transaction_id = format!("tx_added_{card_id}_{at}");
    let kind = if req.amount < 0.0 {
        "consume"
    } else {
        "refund"
    };
    sqlx::query(
        "INSERT INTO transactions (card_id, amount, currency, description, merchant_name, status,
                                   trade_id, trade_time, trade_unix, trade_type, transaction_id)
         VALUES (?1, ?2, ?3, ?4, ?5, 'completed', ?6, ?7, ?8, ?9, ?10)",
    )
    .bind(card_id)
    .bind(req.amount)
    .bind(&currency)
    .bind(format!("Purchase at {}", req.merchant_name))
    .bind(&req.merchant_name)
    .bind(format!("T{card_id:03}{at}"))
    .bind(clock::rfc3339(at))
    .bind(at)
    .bind(kind)
    .bind(&transaction_id)
    .execute(&st.db)
    .await?;
    Ok(Json(AddedTransaction {
        transaction_id,
        public_token,
    }))
}

async fn bulk_3ds(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<BulkRequest>,
) -> ApiResult<Json<BulkInserted>> {
    if req.count == 0 || req.count > 1_000_000 {
        return Err(ApiError::bad_request(
            "Invalid count",
            "count must be between 1 and 1000000",
        ));
    }
    let user_id = user_of(&st, req.email.as_deref()).await?;
    let (first_id, last_id) = passcodes::bulk(&st.db, user_id, req.count).await?;
    Ok(Json(BulkInserted {
        inserted: req.count,
        first_id,
        last_id,
    }))
}

async fn set_kyc(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<SetKyc>,
) -> ApiResult<Json<KycStatus>> {
    let user_id = user_of(&st, req.email.as_deref()).await?;
    let now = clock::now_rfc3339();
    if let Some(payment) = &req.payment_status {
        sqlx::query("UPDATE users SET kyc_payment = ? WHERE id = ?")
            .bind(payment)
            .bind(user_id)
            .execute(&st.db)
            .await?;
    }
    let latest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(id) FROM kyc_records WHERE user_id = ?")
            .bind(user_id)
            .fetch_one(&st.db)
            .await?;
    let id = match latest {
        Some(id) if !req.new_record => id,
        _ => {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM kyc_records WHERE user_id = ?")
                .bind(user_id)
                .fetch_one(&st.db)
                .await?;
            sqlx::query_scalar(
                "INSERT INTO kyc_records (user_id, agent_uid, status, pokepay_status, created_at, updated_at)
                 VALUES (?, ?, 'pending_submit', 1, ?, ?) RETURNING id",
            )
            .bind(user_id)
            .bind(format!("KYC{user_id:04}{:04}", n + 1))
            .bind(&now)
            .bind(&now)
            .fetch_one(&st.db)
            .await?
        }
    };
    // A state set here wins over a decision still waiting on the hosted page's review delay.
    sqlx::query(
        "UPDATE kyc_records SET status = COALESCE(?, status), pokepay_status = COALESCE(?, pokepay_status),
                fail_reason = CASE WHEN ? IS NULL THEN fail_reason ELSE NULLIF(?, '') END,
                outcome = NULL, outcome_at = NULL, updated_at = ? WHERE id = ?",
    )
    .bind(&req.status)
    .bind(req.pokepay_status)
    .bind(&req.fail_reason)
    .bind(&req.fail_reason)
    .bind(&now)
    .bind(id)
    .execute(&st.db)
    .await?;
    Ok(Json(kyc_status(&st.db, user_id).await?))
}

async fn expire_tokens(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<EmailBody>,
) -> ApiResult<Json<Value>> {
    let user_id = user_of(&st, Some(&req.email)).await?;
    let done = sqlx::query(
        "UPDATE tokens SET expires_at = ? WHERE user_id = ? AND kind = 'access' AND expires_at > ?",
    )
    .bind(clock::now_unix() - 1)
    .bind(user_id)
    .bind(clock::now_unix() - 1)
    .execute(&st.db)
    .await?;
    Ok(Json(
        json!({ "status": "success", "expired": done.rows_affected() }),
    ))
}

async fn potato_expire_tokens(State(st): State<Shared>) -> ApiResult<Json<Value>> {
    let expired = crate::potato::expire_tokens(&st.db).await?;
    Ok(Json(json!({ "status": "success", "expired": expired })))
}

async fn add_fault(
    State(st): State<Shared>,
    JsonBody(spec): JsonBody<FaultSpec>,
) -> ApiResult<Json<Value>> {
    spec.check()
        .map_err(|e| ApiError::bad_request("Invalid fault", e))?;
    lock(&st.faults).arm(spec);
    Ok(Json(json!({ "status": "success" })))
}

async fn clear_faults(State(st): State<Shared>) -> Json<Value> {
    lock(&st.faults).clear();
    Json(json!({ "status": "success" }))
}

async fn set_latency(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<LatencyBody>,
) -> Json<Value> {
    lock(&st.faults).latency = Duration::from_millis(req.ms);
    Json(json!({ "status": "success" }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use crate::state::AppState;
    use axum::body::Body;
    use tower::ServiceExt;

    #[tokio::test]
    async fn only_loopback_peers_get_through() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).await.unwrap();
        let state = AppState::new(pool, Config::default(), "http://127.0.0.1:1".into());
        let app: Router = router(state.clone()).with_state(state);
        for (peer, want) in [
            ("192.168.1.20:5000", 403),
            ("10.0.0.1:80", 403),
            ("127.0.0.1:5000", 200),
            ("[::1]:5000", 200),
        ] {
            let mut req = Request::get("/sandbox/requests")
                .body(Body::empty())
                .unwrap();
            req.extensions_mut()
                .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
            let resp = app.clone().oneshot(req).await.unwrap();
            assert_eq!(resp.status().as_u16(), want, "{peer}");
        }
        // No peer address known: refused too.
        let req = Request::get("/sandbox/requests")
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            app.oneshot(req).await.unwrap().status(),
            StatusCode::FORBIDDEN
        );
    }
}
