//! Card actions and KYC start: the cache follows the server's answer, never ahead of it.

use crate::support::*;
use ccp_core::{Core, Error};
use ccp_model::api::CardLocalStatus;
use ccp_model::api::UserKycStatus;
use ccp_model::ipc::{
    AppEvent, CardAction, ErrorKind, FieldProblem, FieldProblemKind, KycApplicant, KycField,
};
use ccp_sandbox::FaultSpec;
use std::time::Duration;

async fn ready(tag: &str) -> (ccp_sandbox::Sandbox, tempfile::TempDir, Core) {
    ready_on(sandbox().await, tag).await
}

async fn ready_on(
    sb: ccp_sandbox::Sandbox,
    tag: &str,
) -> (ccp_sandbox::Sandbox, tempfile::TempDir, Core) {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(config(&sb, dir.path(), tag, false))
        .await
        .unwrap();
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    (sb, dir, core)
}

fn find(cards: &[ccp_model::view::CardView], status: CardLocalStatus) -> String {
    cards
        .iter()
        .find(|c| c.status == status)
        .expect("a card in that state")
        .public_token
        .clone()
}

fn status_of(cards: &[ccp_model::view::CardView], token: &str) -> CardLocalStatus {
    let card = cards.iter().find(|c| c.public_token == token);
    card.expect("the card is listed").status.clone()
}

#[tokio::test]
async fn freeze_unfreeze_cancel_follow_the_server() {
    let (sb, _dir, core) = ready("cards").await;
    let cards = core.cards().await.unwrap().data;
    let token = find(&cards, CardLocalStatus::Normal);
    let mut events = core.subscribe();

    let v = core.card_action(&token, CardAction::Freeze).await.unwrap();
    assert_eq!(v.status, CardLocalStatus::Frozen);
    let announced = next_event(&mut events, |e| match e {
        AppEvent::CardsChanged { cards, .. } => Some(cards.clone()),
        _ => None,
    })
    .await;
    assert_eq!(status_of(&announced, &token), CardLocalStatus::Frozen);
    let cached = core.cards().await.unwrap().data;
    assert_eq!(status_of(&cached, &token), CardLocalStatus::Frozen);

    let v = core
        .card_action(&token, CardAction::Unfreeze)
        .await
        .unwrap();
    assert_eq!(v.status, CardLocalStatus::Normal);
    let v = core.card_action(&token, CardAction::Cancel).await.unwrap();
    assert_eq!(v.status, CardLocalStatus::Cancelled);
    // A cancelled card cannot change again: the server says no, the cache stays.
    let e = core
        .card_action(&token, CardAction::Unfreeze)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid, "{e:?}");
    let cached = core.cards().await.unwrap().data;
    assert_eq!(status_of(&cached, &token), CardLocalStatus::Cancelled);
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts["PUT /api/v1/card/status"], 4);
}

#[tokio::test]
async fn a_failed_action_changes_nothing() {
    let (sb, _dir, core) = ready("fail").await;
    let before = core.cards().await.unwrap();
    let token = find(&before.data, CardLocalStatus::Normal);
    sb.control()
        .fault(
            FaultSpec::status(502)
                .on("/api/v1/card/status")
                .method("PUT")
                .times(1),
        )
        .await
        .unwrap();
    let e = core
        .card_action(&token, CardAction::Freeze)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Server { status: 502, .. }), "{e:?}");
    assert_eq!(core.cards().await.unwrap(), before, "no optimistic update");
    let e = core.card_action("", CardAction::Freeze).await.unwrap_err();
    assert!(matches!(e, Error::Invalid(_)));
}

#[tokio::test]
async fn another_users_card_is_refused() {
    let (_sb, _dir, core) = ready("other").await;
    let e = core
        .card_action("999999999", CardAction::Freeze)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::NotFound | ErrorKind::Forbidden | ErrorKind::Invalid
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn kyc_starts_with_a_sandbox_page_and_transactions_are_cached() {
    let (sb, _dir, core) = ready("kyc").await;
    let url = core.start_kyc(&applicant()).await.unwrap();
    assert!(url.starts_with(&sb.base_url()), "{url}");
    let kyc = core.kyc().await.unwrap();
    assert!(kyc.status.is_some());

    let token = core.cards().await.unwrap().data[0].public_token.clone();
    let online = core.transactions(&token, 20).await.unwrap();
    assert!(!online.transactions.is_empty());
    let cached = core.cached_transactions(&token).await.unwrap();
    assert_eq!(cached.data, online);
    assert!(cached.fetched_at.is_some());
}

/// What a user types into the KYC form (with the untidiness of typing).
fn applicant() -> KycApplicant {
    KycApplicant {
        first_name: " Demo ".into(),
        last_name: "Card Holder".into(),
        area_code: "+852".into(),
        phone: "9123 4567".into(),
        country: "hk".into(),
        state: String::new(),
        city: "Hong Kong".into(),
        address: "1 Queen's Road Central".into(),
        post_code: String::new(),
    }
}

const DIDIT_INIT: &str = "POST /api/v1/didit/initialize-token";

#[tokio::test]
async fn kyc_with_a_full_applicant_reaches_verified() {
    let sb = sandbox_with(|c| c.kyc_review_delay = Duration::ZERO).await;
    let (sb, _dir, core) = ready_on(sb, "kyc-verified").await;
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let url = core.start_kyc(&applicant()).await.unwrap();

    // The user presses "Approve" on the hosted page, in the browser.
    let page = reqwest::Client::builder().no_proxy().build().unwrap();
    let done = page
        .post(&url)
        .form(&[("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);

    let kyc = core.kyc().await.unwrap().status.expect("a KYC status");
    assert_eq!(kyc.user_kyc_status, UserKycStatus::Verified);
    // The record is keyed by the agent_uid the client built: names made safe, then the time.
    let uid = kyc.latest_kyc.unwrap().agent_uid.unwrap();
    let ms: u128 = uid
        .strip_prefix("Demo_Card-Holder_")
        .unwrap_or_else(|| panic!("{uid}"))
        .parse()
        .unwrap();
    assert!(ms >= started, "{uid}");
    assert_eq!(
        sb.control().request_counts().await.unwrap().get(DIDIT_INIT),
        Some(&1)
    );
}

#[tokio::test]
async fn invalid_kyc_input_is_refused_before_anything_is_sent() {
    let (sb, _dir, core) = ready("kyc-invalid").await;
    let bad = KycApplicant {
        phone: "+852 9123 4567".into(),
        country: "China".into(),
        city: " ".into(),
        ..applicant()
    };
    let e = core.start_kyc(&bad).await.unwrap_err();
    let problem = |field, problem| FieldProblem { field, problem };
    assert_eq!(
        e.field_problems(),
        [
            problem(KycField::Phone, FieldProblemKind::InvalidPhone),
            problem(KycField::Country, FieldProblemKind::TooLong),
            problem(KycField::City, FieldProblemKind::Missing),
        ]
    );
    assert_eq!(e.kind(), ErrorKind::Invalid);
    // The window gets the problems field by field; no message carries the values.
    let rejection = serde_json::to_value(e.to_ui()).unwrap();
    assert_eq!(rejection["kind"], "invalid");
    assert_eq!(
        rejection["fields"][0],
        serde_json::json!({"field": "phone", "problem": "invalid_phone"})
    );
    let message = e.to_string();
    assert!(
        message.contains("phone") && message.contains("city"),
        "{message}"
    );
    assert!(
        !message.contains("9123") && !message.contains("China"),
        "{message}"
    );
    assert_eq!(
        sb.control().request_counts().await.unwrap().get(DIDIT_INIT),
        None,
        "nothing was sent"
    );
}

#[tokio::test]
async fn the_kyc_form_is_prefilled_from_the_profile() {
    let (_sb, _dir, core) = ready("kyc-draft").await;
    let draft = core.kyc_applicant_draft();
    assert_eq!(
        (draft.first_name.as_str(), draft.last_name.as_str()),
        ("Demo", "Cardholder")
    );
    assert_eq!(
        (draft.area_code.as_str(), draft.phone.as_str()),
        ("852", "9123 4567")
    );
    assert_eq!(draft.city, "", "the profile has no address");
    core.logout().await.unwrap();
    assert_eq!(core.kyc_applicant_draft(), KycApplicant::default());
}
