//! Things the user does to the account: card status changes and starting KYC. Each action
//! takes the parts of the core it uses. The cache is updated only from the server's answer,
//! never ahead of it.

use crate::auth::Auth;
use crate::cache::CacheSlot;
use crate::events::Events;
use crate::sync::Engine;
use crate::{Error, Resource, Result, now_unix};
use ccp_model::api::{CardLocalStatus, CardStatusCode, ChangeCardStatusRequest, DiditInitRequest};
use ccp_model::ipc::{AppEvent, CardAction};
use ccp_model::view::CardView;
use std::time::Duration;

/// After KYC starts, its status is polled fast this long.
const KYC_BOOST: Duration = Duration::from_secs(15 * 60);

/// Freezes, unfreezes or cancels a card; returns it as the server now reports it.
pub(crate) async fn change_card(
    auth: &Auth,
    cache: &CacheSlot,
    sync: &Engine,
    events: &Events,
    public_token: &str,
    action: CardAction,
) -> Result<CardView> {
    let public_token = public_token.trim();
    if public_token.is_empty() {
        return Err(Error::Invalid(
            "no card given (public_token is empty)".into(),
        ));
    }
    if !auth.is_signed_in() {
        return Err(Error::NotSignedIn);
    }
    let api = auth.api();
    let body = ChangeCardStatusRequest {
        public_token: public_token.to_owned(),
        card_status_code: action.status_code(),
    };
    let body = &body;
    let answer = auth
        .with_auth(|t| async move { api.change_card_status(&t, body).await })
        .await
        .map_err(|e| match e {
            Error::Offline { .. } => Error::Offline {
                detail: format!(
                    "the card was not changed: {} needs a connection to the server",
                    action_name(action)
                ),
            },
            other => other,
        })?;
    // The card's own state as the server now reports it; the change answer is the fallback.
    let status = match auth
        .with_auth(|t| async move { api.card_status(&t, public_token).await })
        .await
    {
        Ok(s) => s.data.status,
        Err(e) => {
            tracing::debug!("card status read after the change failed: {e}");
            local_status(&answer.data.card_status_code, &answer.data.status_name)
        }
    };
    let view = match cache.get().set_card_status(public_token, &status).await? {
        Some(v) => v,
        None => {
            sync.sync_resource(Resource::Cards).await?;
            let cards = cache.get().cards().await?.data;
            cards
                .into_iter()
                .find(|c| c.public_token == public_token)
                .ok_or_else(|| Error::NotFound {
                    message: format!("card {public_token} is not in the card list"),
                })?
        }
    };
    let cards = cache.get().cards().await?;
    events.emit(AppEvent::CardsChanged {
        cards: cards.data,
        fetched_at: cards.fetched_at.unwrap_or_else(now_unix),
    });
    Ok(view)
}

/// `POST /didit/initialize-token` → the hosted verification page's URL.
pub(crate) async fn start_kyc(auth: &Auth, sync: &Engine) -> Result<String> {
    let email = auth.email()?;
    let api = auth.api();
    let body = DiditInitRequest {
        email: Some(email),
        ..Default::default()
    };
    let body = &body;
    let answer = auth
        .with_auth(|t| async move { api.didit_init(&t, body).await })
        .await
        .map_err(|e| match e {
            Error::Offline { .. } => Error::Offline {
                detail: "KYC cannot start without a connection to the server".into(),
            },
            other => other,
        })?;
    if let Some(token) = &answer.didit_token
        && let Some(code) = token.code.filter(|c| *c != 200)
    {
        let message = token
            .errstr
            .clone()
            .unwrap_or_else(|| "the verification service refused".into());
        return Err(if code >= 500 {
            Error::Server {
                status: code as u16,
                message,
            }
        } else {
            Error::Refused {
                status: code as u16,
                message,
            }
        });
    }
    let endpoint = format!("POST {}", ccp_model::api::path::DIDIT_INITIALIZE);
    let raw = answer.url().ok_or_else(|| Error::Decode {
        endpoint: endpoint.clone(),
        problem: "no verification URL in the answer".into(),
    })?;
    let url = url::Url::parse(raw).map_err(|e| Error::Decode {
        endpoint: endpoint.clone(),
        problem: format!("the verification URL is not a URL: {e}"),
    })?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(Error::Decode {
            endpoint,
            problem: format!("the verification URL has scheme {:?}", url.scheme()),
        });
    }
    sync.boost_kyc(KYC_BOOST);
    Ok(url.into())
}

fn action_name(action: CardAction) -> &'static str {
    match action {
        CardAction::Freeze => "freezing a card",
        CardAction::Unfreeze => "unfreezing a card",
        CardAction::Cancel => "cancelling a card",
    }
}

/// The service's card state implied by a Thredd code, when the card itself could not be read.
fn local_status(code: &CardStatusCode, status_name: &str) -> CardLocalStatus {
    match code {
        CardStatusCode::Active => CardLocalStatus::Normal,
        CardStatusCode::ShortTermDebitBlock => CardLocalStatus::Frozen,
        CardStatusCode::Voided => CardLocalStatus::Cancelled,
        _ => CardLocalStatus::from(status_name.to_ascii_lowercase().as_str()),
    }
}
