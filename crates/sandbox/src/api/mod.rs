//! The cardholder API under `/api/v1`, as the contract writes it.

mod auth;
mod bearer;
mod cards;
pub mod kyc;
mod lenient;
pub mod messages;
mod profile;
pub mod reply;
mod threeds;

use crate::state::Shared;
use axum::Router;
use axum::http::{Method, StatusCode, Uri};
use axum::routing::{get, post};
use ccp_model::api::{API_PREFIX, path};
use reply::ApiError;

pub use lenient::NOT_A_NUMBER;

fn p(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

pub fn router() -> Router<Shared> {
    Router::new()
        .route(&p(path::LOGIN), post(auth::login))
        .route(&p(path::VERIFY_LOGIN_OTP), post(auth::verify_login_otp))
        .route(&p(path::RESEND_OTP), post(auth::resend_otp))
        .route(&p(path::REFRESH), post(auth::refresh))
        .route(&p(path::LOGOUT), post(auth::logout))
        .route(&p(path::PROFILE), get(profile::profile))
        .route(&p(path::CARD_LIST), get(cards::list))
        .route(&p(path::CARD_ACCOUNT_DETAILS), get(cards::account_details))
        .route(
            &p(path::CARD_STATUS),
            get(cards::status).put(cards::change_status),
        )
        .route(&p(path::CARD_TRANSACTIONS), get(cards::transactions))
        .route(
            &p(path::CARD_TRANSACTION_DETAILS),
            get(cards::transaction_details),
        )
        .route(&p(path::THREE_DS_RECORDS), get(threeds::my_records))
        .route(&p(path::KYC_ELIGIBILITY), get(kyc::eligibility))
        .route(&p(path::DIDIT_STATUS), get(kyc::status))
        .route(&p(path::DIDIT_INITIALIZE), post(kyc::initialize_token))
        .route(&p(path::APP_VERSION), get(profile::app_version))
        .route(&p(path::NOTIFICATIONS), get(messages::notifications))
        .route(
            &p(path::NOTIFICATIONS_UNREAD),
            get(messages::notifications_unread),
        )
        .route(&p(path::NOTIFICATION), get(messages::notification))
        .route(&p(path::ANNOUNCEMENTS), get(messages::announcements))
        .route(
            &p(path::ANNOUNCEMENTS_UNREAD),
            get(messages::announcements_unread),
        )
        .route(&p(path::ANNOUNCEMENT), get(messages::announcement))
}

/// Unknown paths: a JSON 404, like the service's own.
pub async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "Not found",
        format!("no route for {method} {}", uri.path()),
    )
}

/// Known path, wrong method: a JSON 405.
pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "Method not allowed",
        format!("{method} is not allowed on {}", uri.path()),
    )
}
