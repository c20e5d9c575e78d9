//! Things the user does to the account: card status changes and starting KYC. Each action
//! takes the parts of the core it uses. The cache is updated only from the server's answer,
//! never ahead of it.

use crate::auth::Auth;
use crate::cache::slot::CacheSlot;
use crate::events::Events;
use crate::sync::Engine;
use crate::{Error, Resource, Result, now_unix};
use ccp_model::api::{CardLocalStatus, CardStatusCode, ChangeCardStatusRequest, DiditInitRequest};
use ccp_model::ipc::{AppEvent, CardAction, KycApplicant, agent_uid};
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
    let change = |t: Token| async move { api.change_card_status(&t, body).await };
    let answer = send_change(auth, change, || {
        format!(
            "the card was not changed: {} needs a connection to the server",
            action_name(action)
        )
    })
    .await?;
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

/// `POST /didit/initialize-token` → the hosted verification page's URL. The applicant is
/// checked first: a form with problems is [`Error::InvalidInput`] and nothing is sent.
pub(crate) async fn start_kyc(
    auth: &Auth,
    sync: &Engine,
    applicant: &KycApplicant,
) -> Result<String> {
    let applicant = applicant.normalized().map_err(Error::InvalidInput)?;
    let email = auth.email()?;
    let api = auth.api();
    let body = didit_request(applicant, email, now_unix_ms());
    let body = &body;
    let start = |t: Token| async move { api.didit_init(&t, body).await };
    let answer = send_change(auth, start, || {
        "KYC cannot start without a connection to the server".into()
    })
    .await?;
    if let Some(token) = &answer.didit_token
        && let Some(code) = token.code.filter(|c| *c != 200)
    {
        let message = token
            .errstr
            .clone()
            .unwrap_or_else(|| "the verification service refused".into());
        return Err(didit_refusal(code, message));
    }
    let endpoint = format!("POST {}", ccp_model::api::path::DIDIT_INITIALIZE);
    let raw = answer
        .url()
        .ok_or_else(|| Error::undecodable(&endpoint, "no verification URL in the answer"))?;
    let url = verification_url(raw).map_err(|problem| Error::undecodable(endpoint, problem))?;
    sync.boost_kyc(KYC_BOOST);
    Ok(url.into())
}

/// Every field the service's mobile client sends, from a normalized applicant.
///
/// `return_url` is left out. The service hands it to Didit, which sends the user's browser
/// there when the check ends, with the session's id and outcome in the query. This app has no
/// https page of its own to receive that: a loopback page is plain http, a custom scheme is
/// not registered by the app, and someone else's page would learn the outcome. Without it,
/// Didit shows its own "done" page; the app learns the outcome by polling `/didit/status`
/// (fast for a while after the start, see [`KYC_BOOST`]).
fn didit_request(applicant: KycApplicant, email: String, unix_ms: u64) -> DiditInitRequest {
    let agent_uid = agent_uid(&applicant.first_name, &applicant.last_name, unix_ms);
    DiditInitRequest {
        agent_uid: Some(agent_uid),
        email: Some(email),
        first_en_name: Some(applicant.first_name.clone()),
        first_name: Some(applicant.first_name),
        last_en_name: Some(applicant.last_name.clone()),
        last_name: Some(applicant.last_name),
        area_code: Some(applicant.area_code),
        phone: Some(applicant.phone),
        bill_country_code: Some(applicant.country),
        // Optional fields go as "" (as the mobile client's empty inputs do), not left out.
        state: Some(applicant.state),
        city: Some(applicant.city),
        address: Some(applicant.address),
        post_code: Some(applicant.post_code),
        return_url: None,
    }
}

/// Milliseconds since the Unix epoch, the agent_uid's time.
fn now_unix_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The error for a verification service's own failure code. The code is the server's number,
/// any i64: it is clamped into a status, never wrapped (70000 must not read as 4464).
fn didit_refusal(code: i64, message: String) -> Error {
    let status = u16::try_from(code).unwrap_or(if code < 0 { 0 } else { u16::MAX });
    if code >= 500 {
        Error::Server { status, message }
    } else {
        Error::Refused { status, message }
    }
}

/// The hosted verification page's URL, if it is safe to open in the browser: https, or http
/// only to this machine (the sandbox's page). Plain http elsewhere would let anyone on the
/// path read or swap the identity-verification page. The problem names only the origin:
/// the path and query may carry the session's token.
fn verification_url(raw: &str) -> std::result::Result<url::Url, String> {
    let url =
        url::Url::parse(raw).map_err(|e| format!("the verification URL is not a URL: {e}"))?;
    let loopback = ccp_model::server_url::is_loopback(&url);
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(format!(
            "the verification page {} is plain http to another machine; only https is opened",
            url.origin().ascii_serialization()
        )),
        scheme => Err(format!("the verification URL has scheme {scheme:?}")),
    }
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

/// The session's access token, as [`Auth::with_auth`] lends it.
type Token = std::sync::Arc<secrecy::SecretString>;

/// Sends a change with the session's token. Offline, the error's detail says what was not done
/// (`what`); any other failure comes as it came.
async fn send_change<T, F, Fut>(auth: &Auth, call: F, what: impl FnOnce() -> String) -> Result<T>
where
    F: Fn(Token) -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    match auth.with_auth(call).await {
        Err(Error::Io(ccp_io::Error::Offline { peer, .. })) => {
            Err(Error::Io(ccp_io::Error::Offline {
                peer,
                detail: what(),
            }))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_verification_page_opens_only_over_https_or_on_this_machine() {
        for ok in [
            "https://verify.didit.me/session/abc?token=t",
            "http://127.0.0.1:8080/didit/session/1",
            "http://127.1.2.3/didit/session/1",
            "http://[::1]:9000/didit/session/1",
            "http://localhost:9000/didit/session/1",
        ] {
            assert_eq!(verification_url(ok).unwrap().as_str(), ok);
        }
        let e = verification_url("http://verify.example.com/session/abc?token=secret").unwrap_err();
        assert_eq!(
            e,
            "the verification page http://verify.example.com is plain http to another machine; \
             only https is opened"
        );
        for (raw, problem) in [
            ("http://10.0.0.1/s", "plain http"),
            ("http://127.0.0.1.evil.example/s", "plain http"),
            ("http://localhost.evil.example/s", "plain http"),
            ("javascript:alert(1)", "scheme \"javascript\""),
            ("file:///etc/passwd", "scheme \"file\""),
            ("not a url", "not a URL"),
        ] {
            let e = verification_url(raw).unwrap_err();
            assert!(e.contains(problem), "{raw}: {e}");
            assert!(!e.contains("/s") && !e.contains("passwd"), "{raw}: {e}");
        }
    }

    #[test]
    fn the_request_carries_every_field_and_both_spellings_of_the_names() {
        let applicant = KycApplicant {
            first_name: "Mary Ann".into(),
            last_name: "Chan".into(),
            area_code: "852".into(),
            phone: "91234567".into(),
            country: "HK".into(),
            city: "Hong Kong".into(),
            address: "1 Queen's Road Central".into(),
            ..KycApplicant::default()
        };
        let body = didit_request(applicant, "a@example.com".into(), 1_700_000_000_123);
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["agent_uid"], "Mary-Ann_Chan_1700000000123");
        assert_eq!(
            (&json["first_name"], &json["first_en_name"]),
            (&json!("Mary Ann"), &json!("Mary Ann"))
        );
        assert_eq!(json["last_en_name"], "Chan");
        assert_eq!(json["bill_country_code"], "HK");
        assert_eq!(
            (&json["state"], &json["post_code"]),
            (&json!(""), &json!(""))
        );
        assert_eq!(json["email"], "a@example.com");
        assert!(json.get("return_url").is_none());
        assert!(now_unix_ms() > 1_700_000_000_000);
    }

    #[test]
    fn a_service_code_becomes_a_status_without_wrapping() {
        let status = |code| match didit_refusal(code, String::new()) {
            Error::Server { status, .. } => ("server", status),
            Error::Refused { status, .. } => ("refused", status),
            other => panic!("{other:?}"),
        };
        assert_eq!(status(503), ("server", 503));
        assert_eq!(status(400), ("refused", 400));
        assert_eq!(status(70_000), ("server", u16::MAX));
        assert_eq!(status(i64::MAX), ("server", u16::MAX));
        assert_eq!(status(-1), ("refused", 0));
        assert_eq!(status(i64::MIN), ("refused", 0));
    }
}
