//! Sign-in (password, then an e-mailed code), token refresh with rotation, logout.

use super::bearer::{AuthUser, TokenRow, find_token};
use super::profile::load_user;
use super::reply::{ApiError, ApiResult, JsonBody};
use crate::clock::now_unix;
use crate::secret::{new_token, password_hash, sha256_hex};
use crate::state::{Shared, lock};
use axum::Json;
use axum::extract::State;
use ccp_model::Sensitive;
use ccp_model::api::{
    LoginChallenge, LoginRequest, NextStep, OkBody, ResendOtpRequest, TokenResponse,
    VerifyOtpRequest,
};
use rand::Rng;
use serde_json::{Value, json};

/// The sign-in fields of a user, found by e-mail.
#[derive(sqlx::FromRow)]
struct LoginRow {
    id: i64,
    password_hash: String,
    first_name: String,
    last_name: String,
}

/// A user's pending sign-in code (`otp_codes`), found by e-mail.
#[derive(sqlx::FromRow)]
struct OtpRow {
    user_id: i64,
    code_hash: String,
    sent_at: i64,
    expires_at: i64,
    attempts: i64,
}

/// Reads the pending sign-in code of the user with this e-mail.
async fn pending_code(st: &Shared, email: &str) -> Result<Option<OtpRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.user_id, o.code_hash, o.sent_at, o.expires_at, o.attempts FROM otp_codes o
         JOIN users u ON u.id = o.user_id WHERE u.email = ? COLLATE NOCASE",
    )
    .bind(email)
    .fetch_optional(&st.db)
    .await
}

pub async fn login(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<LoginRequest>,
) -> ApiResult<Json<LoginChallenge>> {
    let email = req.email.trim().to_ascii_lowercase();
    if email.is_empty() || req.password.expose().is_empty() {
        return Err(ApiError::bad_request(
            "Invalid request",
            "email and password are required",
        ));
    }
    check_lockout(&st, &email)?;
    let row: Option<LoginRow> = sqlx::query_as(
        "SELECT id, password_hash, first_name, last_name FROM users WHERE email = ? COLLATE NOCASE",
    )
    .bind(&email)
    .fetch_optional(&st.db)
    .await?;
    let Some(user) =
        row.filter(|r| r.password_hash == password_hash(&email, req.password.expose()))
    else {
        let mut failures = lock(&st.login_failures);
        let entry = failures.entry(email).or_insert((0, 0));
        *entry = (entry.0 + 1, now_unix());
        return Err(ApiError::unauthorized(
            "Invalid credentials",
            "email or password is incorrect",
        ));
    };
    lock(&st.login_failures).remove(&email);
    let code = send_code(&st, user.id, &email).await?;
    Ok(Json(LoginChallenge {
        status: "success".into(),
        message: Some("OTP sent to your email".into()),
        next_step: NextStep::VerifyLoginOtp,
        email: Some(email),
        name: Some(format!("{} {}", user.first_name, user.last_name)),
        otp: Some(Sensitive::new(code)),
    }))
}

/// Too many wrong passwords in a row lock the e-mail for a while.
fn check_lockout(st: &Shared, email: &str) -> ApiResult<()> {
    let failures = lock(&st.login_failures);
    if let Some(&(count, last)) = failures.get(email) {
        let lockout = st.config.lockout.as_secs() as i64;
        let left = last + lockout - now_unix();
        if count >= st.config.max_login_failures && left > 0 {
            return Err(ApiError::too_many(
                left as u64,
                "Too many login attempts",
                format!("try again in {left} seconds"),
            ));
        }
    }
    Ok(())
}

/// Makes a new sign-in code (replacing any pending one) and "e-mails" it.
async fn send_code(st: &Shared, user_id: i64, email: &str) -> ApiResult<String> {
    let code = match &st.config.otp_fixed {
        Some(fixed) => fixed.clone(),
        None => {
            let code = format!("{:05}", lock(&st.rng).random_range(0..100_000u32));
            // The development service e-mails the code; the sandbox prints it instead.
            tracing::info!(target: "ccp_sandbox::mail", "sign-in code for {email}: {code}");
            code
        }
    };
    let now = now_unix();
    sqlx::query(
        "INSERT INTO otp_codes (user_id, code_hash, sent_at, expires_at, attempts) VALUES (?, ?, ?, ?, 0)
         ON CONFLICT(user_id) DO UPDATE SET code_hash = excluded.code_hash, sent_at = excluded.sent_at,
                                            expires_at = excluded.expires_at, attempts = 0",
    )
    .bind(user_id)
    .bind(sha256_hex(&code))
    .bind(now)
    .bind(now + st.config.otp_ttl.as_secs() as i64)
    .execute(&st.db)
    .await?;
    Ok(code)
}

pub async fn verify_login_otp(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<VerifyOtpRequest>,
) -> ApiResult<Json<TokenResponse>> {
    let email = req.email.trim().to_ascii_lowercase();
    if email.is_empty() || req.otp_code.expose().trim().is_empty() {
        return Err(ApiError::bad_request(
            "Invalid request",
            "email and otp_code are required",
        ));
    }
    let Some(OtpRow {
        user_id,
        code_hash,
        expires_at,
        attempts,
        ..
    }) = pending_code(&st, &email).await?
    else {
        return Err(ApiError::unauthorized(
            "OTP expired",
            "no sign-in code is pending; sign in again",
        ));
    };
    if expires_at <= now_unix() {
        delete_code(st.as_ref(), user_id).await?;
        return Err(ApiError::unauthorized(
            "OTP expired",
            "the code has expired; sign in again",
        ));
    }
    if sha256_hex(req.otp_code.expose().trim()) != code_hash {
        let attempts = attempts + 1;
        let max = i64::from(st.config.max_otp_attempts);
        if attempts >= max {
            delete_code(st.as_ref(), user_id).await?;
            return Err(ApiError::too_many(
                st.config.resend_cooldown.as_secs(),
                "Too many attempts",
                "too many wrong codes; sign in again to get a new code",
            ));
        }
        sqlx::query("UPDATE otp_codes SET attempts = ? WHERE user_id = ?")
            .bind(attempts)
            .bind(user_id)
            .execute(&st.db)
            .await?;
        return Err(ApiError::unauthorized(
            "Invalid OTP",
            format!("the code is wrong; {} attempts left", max - attempts),
        ));
    }
    delete_code(st.as_ref(), user_id).await?;
    let family = new_token("fam");
    let mut answer = issue_tokens(&st, user_id, &family, "Login successful").await?;
    answer.user = Some(load_user(&st.db, user_id).await?);
    Ok(Json(answer))
}

async fn delete_code(st: &crate::state::AppState, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM otp_codes WHERE user_id = ?")
        .bind(user_id)
        .execute(&st.db)
        .await
        .map(drop)
}

pub async fn resend_otp(
    State(st): State<Shared>,
    JsonBody(req): JsonBody<ResendOtpRequest>,
) -> ApiResult<Json<Value>> {
    let email = req.email.trim().to_ascii_lowercase();
    if email.is_empty() {
        return Err(ApiError::bad_request(
            "Invalid request",
            "email is required",
        ));
    }
    // Unknown e-mail and "never signed in" answer alike: no account enumeration.
    let Some(OtpRow {
        user_id, sent_at, ..
    }) = pending_code(&st, &email).await?
    else {
        return Err(ApiError::bad_request(
            "No pending sign-in",
            "sign in with your password first",
        ));
    };
    let left = sent_at + st.config.resend_cooldown.as_secs() as i64 - now_unix();
    if left > 0 {
        return Err(ApiError::too_many(
            left as u64,
            "Too many requests",
            format!("a code was sent recently; try again in {left} seconds"),
        ));
    }
    let code = send_code(&st, user_id, &email).await?;
    Ok(Json(
        json!({ "status": "success", "message": "OTP resent to your email", "otp": code }),
    ))
}

pub async fn refresh(
    State(st): State<Shared>,
    JsonBody(body): JsonBody<Value>,
) -> ApiResult<Json<TokenResponse>> {
    let token = body
        .get("refresh_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::unauthorized("Invalid refresh token", "refresh_token is required")
        })?;
    let hash = sha256_hex(token);
    let row = find_token(&st.db, &hash, "refresh").await?;
    let Some(TokenRow {
        user_id,
        family,
        expires_at,
        revoked,
    }) = row
    else {
        return Err(ApiError::unauthorized(
            "Invalid refresh token",
            "the refresh token is not valid",
        ));
    };
    if expires_at <= now_unix() {
        return Err(ApiError::unauthorized(
            "Refresh token expired",
            "sign in again",
        ));
    }
    // Rotation: only the first use of a refresh token wins; a reuse ends the whole session.
    let used = sqlx::query("UPDATE tokens SET revoked = 1 WHERE hash = ? AND revoked = 0")
        .bind(&hash)
        .execute(&st.db)
        .await?;
    if revoked || used.rows_affected() != 1 {
        revoke_family(&st, &family).await?;
        return Err(ApiError::unauthorized(
            "Invalid refresh token",
            "the refresh token was already used; the session has ended",
        ));
    }
    Ok(Json(
        issue_tokens(&st, user_id, &family, "Token refreshed").await?,
    ))
}

pub async fn logout(State(st): State<Shared>, user: AuthUser) -> ApiResult<Json<OkBody>> {
    revoke_family(&st, &user.family).await?;
    Ok(Json(OkBody {
        status: Some("success".into()),
        message: Some("Logged out successfully".into()),
    }))
}

async fn revoke_family(st: &Shared, family: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tokens SET revoked = 1 WHERE family = ?")
        .bind(family)
        .execute(&st.db)
        .await
        .map(drop)
}

/// A new access and refresh token in `family`, stored by their hashes, in the answer that
/// hands them out.
async fn issue_tokens(
    st: &Shared,
    user_id: i64,
    family: &str,
    message: &str,
) -> Result<TokenResponse, sqlx::Error> {
    let now = now_unix();
    let access = new_token("ccp_at");
    let refresh = new_token("ccp_rt");
    let mut tx = st.db.begin().await?;
    for (token, kind, ttl) in [
        (&access, "access", st.config.access_ttl),
        (&refresh, "refresh", st.config.refresh_ttl),
    ] {
        sqlx::query(
            "INSERT INTO tokens (hash, user_id, kind, family, expires_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(sha256_hex(token))
        .bind(user_id)
        .bind(kind)
        .bind(family)
        .bind(now + ttl.as_secs() as i64)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(TokenResponse {
        access_token: Sensitive::new(access),
        refresh_token: Sensitive::new(refresh),
        message: Some(message.into()),
        status: Some("success".into()),
        user: None,
    })
}
