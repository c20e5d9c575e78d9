//! KYC: eligibility, `GET /didit/status`, and starting a hosted Didit session whose page the
//! sandbox serves itself (see `didit.rs`). Decisions made there show after a review delay.

use super::bearer::AuthUser;
use super::reply::{ApiError, ApiResult, JsonBody};
use crate::clock;
use crate::secret::new_token;
use crate::state::Shared;
use axum::Json;
use axum::extract::State;
use ccp_model::api::{
    DiditInitRequest, DiditInitResponse, DiditSession, DiditToken, KycEligibility, KycLocalStatus,
    KycPaymentStatus, KycPaymentType, KycRequiredAction, KycStatus, LatestKyc, PokepayStatus,
    UserKycStatus,
};
use ccp_model::ipc::{KycField, check_field};
use serde_json::Value;
use sqlx::SqlitePool;

#[derive(sqlx::FromRow)]
struct KycRow {
    id: i64,
    agent_uid: String,
    status: String,
    pokepay_status: i64,
    fail_reason: Option<String>,
    created_at: String,
    updated_at: String,
}

/// PokePay's reason for a declined document (it writes Chinese).
pub const DECLINE_REASON: &str = "证件信息无法识别 (the ID document could not be read)";

/// Applies decisions whose review time has passed (lazily, on every read).
pub async fn apply_due(db: &SqlitePool, user_id: i64) -> Result<(), sqlx::Error> {
    let now = clock::now_unix();
    sqlx::query(
        "UPDATE kyc_records SET
            status = outcome,
            pokepay_status = CASE outcome WHEN 'approved' THEN 2 ELSE 3 END,
            fail_reason = CASE outcome WHEN 'approved' THEN NULL ELSE ? END,
            updated_at = ?, outcome = NULL, outcome_at = NULL
         WHERE user_id = ? AND outcome IS NOT NULL AND outcome_at <= ?",
    )
    .bind(DECLINE_REASON)
    .bind(clock::rfc3339(now))
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await
    .map(drop)
}

async fn latest(db: &SqlitePool, user_id: i64) -> Result<Option<KycRow>, sqlx::Error> {
    apply_due(db, user_id).await?;
    sqlx::query_as("SELECT * FROM kyc_records WHERE user_id = ? ORDER BY id DESC LIMIT 1")
        .bind(user_id)
        .fetch_optional(db)
        .await
}

/// Approval sticks; otherwise the latest record decides.
pub async fn user_kyc_status(db: &SqlitePool, user_id: i64) -> Result<UserKycStatus, sqlx::Error> {
    let approved: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM kyc_records WHERE user_id = ? AND status = 'approved'",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?;
    if approved > 0 {
        return Ok(UserKycStatus::Verified);
    }
    Ok(match latest(db, user_id).await?.map(|r| r.status) {
        Some(s) if s == "approved" => UserKycStatus::Verified,
        Some(s) if s == "pending" || s == "processing" => UserKycStatus::Pending,
        Some(s) if s == "rejected" || s == "failed" => UserKycStatus::Rejected,
        _ => UserKycStatus::None,
    })
}

pub async fn kyc_status(db: &SqlitePool, user_id: i64) -> Result<KycStatus, sqlx::Error> {
    let row = latest(db, user_id).await?;
    let user_status = user_kyc_status(db, user_id).await?;
    let can_submit = !matches!(
        user_status,
        UserKycStatus::Verified | UserKycStatus::Pending
    );
    Ok(KycStatus {
        can_submit_kyc: can_submit,
        latest_kyc: row.map(|r| LatestKyc {
            agent_uid: Some(r.agent_uid),
            created_at: Some(r.created_at),
            fail_reason: r.fail_reason,
            id: Some(r.id),
            pokepay_status: Some(PokepayStatus(r.pokepay_status)),
            status: Some(KycLocalStatus::from(r.status.as_str())),
            updated_at: Some(r.updated_at),
        }),
        message: Some("KYC status retrieved successfully".into()),
        user_kyc_status: user_status,
    })
}

pub async fn status(State(st): State<Shared>, user: AuthUser) -> ApiResult<Json<Value>> {
    let status = serde_json::to_value(kyc_status(&st.db, user.id).await?).unwrap_or_default();
    Ok(Json(match st.config.lenient_bodies {
        true => super::lenient::kyc_status(status),
        false => status,
    }))
}

async fn eligibility_of(db: &SqlitePool, user_id: i64) -> Result<KycEligibility, sqlx::Error> {
    let payment: String = sqlx::query_scalar("SELECT kyc_payment FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(db)
        .await?;
    let payment = KycPaymentStatus::from(payment.as_str());
    let user_status = user_kyc_status(db, user_id).await?;
    let (eligible, reason, action) = match (&user_status, &payment) {
        (UserKycStatus::Verified, _) => (false, Some("KYC already verified"), None),
        (UserKycStatus::Pending, _) => (false, Some("KYC is under review"), None),
        (_, KycPaymentStatus::Completed) => (true, None, None),
        (_, KycPaymentStatus::None | KycPaymentStatus::Failed) => (
            false,
            Some("KYC fee not paid"),
            Some(KycRequiredAction::CreateKycPayment),
        ),
        _ => (
            false,
            Some("KYC fee payment not completed"),
            Some(KycRequiredAction::CompletePayment),
        ),
    };
    Ok(KycEligibility {
        eligible,
        payment_status: Some(payment),
        payment_type: Some(KycPaymentType::Kyc),
        reason: reason.map(str::to_owned),
        required_action: action,
        status: Some("success".into()),
    })
}

pub async fn eligibility(
    State(st): State<Shared>,
    user: AuthUser,
) -> ApiResult<Json<KycEligibility>> {
    Ok(Json(eligibility_of(&st.db, user.id).await?))
}

/// The applicant's fields as the service's mobile client sends them: each with its name in the
/// request, the form field whose rule it follows, and its value. The names are read under
/// either spelling (`first_name` as the mobile client sends, `first_en_name` as the contract
/// says). State and post code may be empty, as in the client's form.
fn applicant_fields(req: &DiditInitRequest) -> [(&'static str, KycField, Option<&str>); 9] {
    let first = req.first_name.as_deref().or(req.first_en_name.as_deref());
    let last = req.last_name.as_deref().or(req.last_en_name.as_deref());
    [
        ("first_name", KycField::FirstName, first),
        ("last_name", KycField::LastName, last),
        ("area_code", KycField::AreaCode, req.area_code.as_deref()),
        ("phone", KycField::Phone, req.phone.as_deref()),
        (
            "bill_country_code",
            KycField::Country,
            req.bill_country_code.as_deref(),
        ),
        ("state", KycField::State, req.state.as_deref()),
        ("city", KycField::City, req.city.as_deref()),
        ("address", KycField::Address, req.address.as_deref()),
        ("post_code", KycField::PostCode, req.post_code.as_deref()),
    ]
}

/// The most characters of an agent_uid the sandbox keeps as a key.
const AGENT_UID_MAX: usize = 128;

/// Refuses a request without the applicant's identity, its e-mail and its agent_uid (400 in
/// the `ErrorResponse` shape, naming the fields, never their values: they are personal).
fn check_applicant(req: &DiditInitRequest) -> ApiResult<()> {
    let blank = |v: Option<&str>| v.is_none_or(|v| v.trim().is_empty());
    let fields = applicant_fields(req);
    let mut missing: Vec<&str> = fields
        .iter()
        .filter(|(_, field, value)| field.is_required() && blank(*value))
        .map(|(name, ..)| *name)
        .collect();
    missing.extend(
        [("email", &req.email), ("agent_uid", &req.agent_uid)]
            .into_iter()
            .filter(|(_, v)| blank(v.as_deref()))
            .map(|(name, _)| name),
    );
    if !missing.is_empty() {
        return Err(ApiError::bad_request(
            "Missing required fields",
            missing.join(", "),
        ));
    }
    let mut invalid: Vec<String> = fields
        .iter()
        .filter_map(|(name, field, value)| {
            let problem = check_field(*field, value.unwrap_or_default())?;
            Some(format!("{name}: {}", problem.describe()))
        })
        .collect();
    let uid = req.agent_uid.as_deref().unwrap_or_default();
    if uid.chars().count() > AGENT_UID_MAX
        || uid.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        invalid.push(format!(
            "agent_uid: at most {AGENT_UID_MAX} characters, no spaces or control characters"
        ));
    }
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(ApiError::bad_request("Invalid fields", invalid.join("; ")))
    }
}

pub async fn initialize_token(
    State(st): State<Shared>,
    user: AuthUser,
    JsonBody(req): JsonBody<DiditInitRequest>,
) -> ApiResult<Json<DiditInitResponse>> {
    check_applicant(&req)?;
    let eligibility = eligibility_of(&st.db, user.id).await?;
    if !eligibility.eligible {
        let reason = eligibility.reason.unwrap_or_default();
        return Err(ApiError::bad_request("Not eligible for KYC", reason));
    }
    if let Some(url) = &req.return_url
        && url::Url::parse(url).is_err()
    {
        return Err(ApiError::bad_request(
            "Invalid return_url",
            format!("not a URL: {url:?}"),
        ));
    }
    let now = clock::now_rfc3339();
    // A session started and never finished is abandoned by a new one.
    sqlx::query("UPDATE kyc_records SET status = 'not_completed', updated_at = ? WHERE user_id = ? AND status = 'pending_submit'")
        .bind(&now)
        .bind(user.id)
        .execute(&st.db)
        .await?;
    let session_id = new_token("ds");
    let verification_id = new_token("vf");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO kyc_records (user_id, agent_uid, status, pokepay_status, session_id, verification_id, return_url, created_at, updated_at)
         VALUES (?, ?, 'pending_submit', 1, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(user.id)
    // The client's key, as PokePay keeps it: `/didit/status` reports it back.
    .bind(req.agent_uid.as_deref().unwrap_or_default().trim())
    .bind(&session_id)
    .bind(&verification_id)
    .bind(&req.return_url)
    .bind(&now)
    .bind(&now)
    .fetch_one(&st.db)
    .await?;
    Ok(Json(DiditInitResponse {
        didit_token: Some(DiditToken {
            code: Some(200),
            errstr: Some("SUCCESS".into()),
            request_id: Some(new_token("req")),
            data: Some(DiditSession {
                url: Some(format!("{}/didit/session/{session_id}", st.base_url)),
                session_id: Some(session_id),
            }),
        }),
        user_kyc_id: Some(id),
        verification_id: Some(verification_id),
    }))
}
