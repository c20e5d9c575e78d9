//! Card actions and KYC start: the cache follows the server's answer, never ahead of it.

use crate::support::*;
use ccp_core::{Core, Error};
use ccp_model::api::CardLocalStatus;
use ccp_model::ipc::{AppEvent, CardAction, ErrorKind};
use ccp_sandbox::FaultSpec;

async fn ready(tag: &str) -> (ccp_sandbox::Sandbox, tempfile::TempDir, Core) {
    let sb = sandbox().await;
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
    assert_eq!(
        announced
            .iter()
            .find(|c| c.public_token == token)
            .unwrap()
            .status,
        CardLocalStatus::Frozen
    );
    let cached = core.cards().await.unwrap().data;
    assert_eq!(
        cached
            .iter()
            .find(|c| c.public_token == token)
            .unwrap()
            .status,
        CardLocalStatus::Frozen
    );

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
    assert_eq!(
        cached
            .iter()
            .find(|c| c.public_token == token)
            .unwrap()
            .status,
        CardLocalStatus::Cancelled
    );
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
    let url = core.start_kyc().await.unwrap();
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
