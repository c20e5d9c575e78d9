//! A small page that plays Didit's hosted verification: the URL `initialize-token` hands out.
//! Its buttons decide the outcome; `/didit/status` then shows "pending" for the review delay
//! and the decision after it ("needs review" stays in manual review until moved).

use crate::clock;
use crate::state::Shared;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d2330}
button{display:block;width:100%;margin:.5rem 0;padding:.8rem;font-size:1rem;border-radius:.5rem;border:1px solid #ccd;cursor:pointer}
.approve{background:#1f8f4e;color:#fff}.decline{background:#b3261e;color:#fff}.muted{color:#667}";

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head>\
         <body><h1>{title}</h1>{body}<p class=\"muted\">ComeComePay sandbox — simulated Didit identity verification.</p></body></html>"
    ))
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        page(
            "Session not found",
            "<p>This verification link is not valid.</p>",
        ),
    )
        .into_response()
}

/// The KYC record a hosted session belongs to.
#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    status: String,
    return_url: Option<String>,
}

async fn session(st: &Shared, id: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, status, return_url FROM kyc_records WHERE session_id = ?")
        .bind(id)
        .fetch_optional(&st.db)
        .await
}

pub async fn show(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    match session(&st, &id).await {
        Ok(Some(s)) if s.status == "pending_submit" => page(
            "Verify your identity",
            &format!(
                "<p>Hold your ID document to the camera… (simulated). Choose how the check ends:</p>\
                 <form method=\"post\" action=\"/didit/session/{id}\">\
                 <button class=\"approve\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button>\
                 <button class=\"decline\" name=\"decision\" value=\"decline\" id=\"decline\">Decline</button>\
                 <button name=\"decision\" value=\"review\" id=\"review\">Needs review</button></form>"
            ),
        )
        .into_response(),
        Ok(Some(_)) => page("Already submitted", "<p>This verification was already submitted.</p>").into_response(),
        Ok(None) => not_found(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("database error: {e}")).into_response(),
    }
}

#[derive(Deserialize)]
pub struct Decision {
    decision: String,
}

pub async fn decide(
    State(st): State<Shared>,
    Path(id): Path<String>,
    Form(form): Form<Decision>,
) -> Response {
    let (record, return_url) = match session(&st, &id).await {
        Ok(Some(s)) if s.status == "pending_submit" => (s.id, s.return_url),
        Ok(Some(_)) => {
            return page(
                "Already submitted",
                "<p>This verification was already submitted.</p>",
            )
            .into_response();
        }
        Ok(None) => return not_found(),
        Err(e) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("database error: {e}"),
            )
                .into_response();
        }
    };
    let now = clock::now_unix();
    let due = now + st.config.kyc_review_delay.as_secs() as i64;
    let (status, pokepay, outcome) = match form.decision.as_str() {
        "approve" => ("pending", 1, Some("approved")),
        "decline" => ("pending", 1, Some("rejected")),
        "review" => ("processing", 5, None),
        other => {
            return (
                StatusCode::BAD_REQUEST,
                page(
                    "Unknown decision",
                    &format!("<p>{:?} is not a choice.</p>", html_escape(other)),
                ),
            )
                .into_response();
        }
    };
    let result = sqlx::query(
        "UPDATE kyc_records SET status = ?, pokepay_status = ?, outcome = ?, outcome_at = ?, updated_at = ? WHERE id = ?",
    )
    .bind(status)
    .bind(pokepay)
    .bind(outcome)
    .bind(outcome.map(|_| due))
    .bind(clock::rfc3339(now))
    .bind(record)
    .execute(&st.db)
    .await;
    if let Err(e) = result {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("database error: {e}"),
        )
            .into_response();
    }
    let back = return_url
        .map(|u| {
            format!(
                "<p><a id=\"return\" href=\"{0}\">Return to ComeComePay</a></p>",
                html_escape(&u)
            )
        })
        .unwrap_or_default();
    page(
        "Thank you",
        &format!("<p>Your documents were submitted. You can close this page and return to the app.</p>{back}"),
    )
    .into_response()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
