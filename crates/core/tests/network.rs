//! What the HTTP client does with redirects: nothing leaves for another origin (request bodies
//! carry passwords, codes and refresh tokens), and a same-origin redirect is followed only for
//! a GET, a few hops at most. Each refusal is a clear error naming the target's origin only.

use crate::support::*;
use ccp_core::{Error, Resource};
use ccp_model::ipc::ErrorKind;
use ccp_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, FaultSpec, Sandbox};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::AsyncWriteExt;

const LOGIN: &str = "/api/v1/auth/login";
const CARDS: &str = "/api/v1/card/list";

/// Another origin: a TCP listener that counts every connection made to it (and answers a
/// bare 200, so a client that did follow fails fast instead of waiting for a timeout).
struct Elsewhere {
    origin: String,
    connections: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Elsewhere {
    async fn start() -> Elsewhere {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let seen = connections.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                // Counted before answering: a client that followed has been seen by the time
                // its request returns.
                seen.fetch_add(1, Ordering::SeqCst);
                let _ = socket
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                    )
                    .await;
            }
        });
        Elsewhere {
            origin,
            connections,
            task,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Elsewhere {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The demo user's sign-in on a new core of `sb`, which must fail and leave it signed out.
async fn refused_login(sb: &Sandbox, tag: &str) -> Error {
    let (_dir, core) = open_core(sb, tag).await;
    let e = core
        .login(DEMO_EMAIL, DEMO_PASSWORD.into())
        .await
        .unwrap_err();
    assert!(!core.is_signed_in());
    e
}

async fn count(sb: &Sandbox, call: &str) -> u64 {
    sb.control().request_count(call).await.unwrap()
}

/// A redirect that was not followed: its status and what the error says.
fn refused(e: &Error) -> (u16, String) {
    match e {
        Error::Io(ccp_io::Error::Redirected { status, .. }) => (*status, e.to_string()),
        other => panic!("not a redirect left unfollowed: {other:?}"),
    }
}

#[tokio::test]
async fn a_login_redirected_to_another_origin_sends_it_nothing() {
    let sb = sandbox().await;
    let elsewhere = Elsewhere::start().await;
    // The query stands for anything secret a location may carry: it must not be repeated.
    let target = format!("{}/collect?session=s3cr3t", elsewhere.origin);
    sb.control()
        .fault(FaultSpec::redirect(&target).on(LOGIN).times(1))
        .await
        .unwrap();
    let e = refused_login(&sb, "redirect-login").await;
    assert_eq!(elsewhere.connections(), 0, "the other origin was contacted");
    assert_eq!(
        refused(&e),
        (
            307,
            format!(
                "the server redirected POST /auth/login to {} (another origin); not followed",
                elsewhere.origin
            )
        )
    );
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(!e.to_string().contains("s3cr3t") && !e.to_string().contains("/collect"));
    assert_eq!(count(&sb, "POST /api/v1/auth/login").await, 1);
}

#[tokio::test]
async fn a_get_redirected_to_another_origin_sends_it_nothing() {
    let sb = sandbox().await;
    let elsewhere = Elsewhere::start().await;
    let (_dir, core) = open_core(&sb, "redirect-get").await;
    sign_in(&core).await;
    core.sync_resource(Resource::Cards).await.unwrap();
    let before = core.cards().await.unwrap();
    for status in [301u16, 302, 303, 307, 308] {
        sb.control()
            .fault(
                FaultSpec {
                    status: Some(status),
                    ..FaultSpec::redirect(&format!("{}{CARDS}", elsewhere.origin))
                }
                .on(CARDS)
                .times(1),
            )
            .await
            .unwrap();
        let e = core.sync_resource(Resource::Cards).await.unwrap_err();
        let contacted = elsewhere.connections();
        assert_eq!(contacted, 0, "{status}: the other origin was contacted");
        assert_eq!(
            refused(&e),
            (
                status,
                format!(
                    "the server redirected GET /card/list to {} (another origin); not followed",
                    elsewhere.origin
                )
            )
        );
    }
    assert_eq!(
        core.cards().await.unwrap(),
        before,
        "the cache is untouched"
    );
}

#[tokio::test]
async fn a_same_origin_get_redirect_is_followed_a_few_hops() {
    let sb = sandbox().await;
    let (_dir, core) = open_core(&sb, "redirect-same").await;
    sign_in(&core).await;
    // Absolute and relative locations on the same origin: followed, with the bearer token.
    for location in [format!("{}{CARDS}", sb.base_url()), CARDS.to_owned()] {
        let before = count(&sb, "GET /api/v1/card/list").await;
        sb.control()
            .fault(FaultSpec::redirect(&location).on(CARDS).times(1))
            .await
            .unwrap();
        core.sync_resource(Resource::Cards).await.unwrap();
        assert_eq!(count(&sb, "GET /api/v1/card/list").await, before + 2);
    }
    assert!(core.cards().await.unwrap().data.len() >= 3);

    // A loop: three hops are followed, then it stops with an error.
    let before = count(&sb, "GET /api/v1/card/list").await;
    sb.control()
        .fault(FaultSpec::redirect(CARDS).on(CARDS))
        .await
        .unwrap();
    let e = core.sync_resource(Resource::Cards).await.unwrap_err();
    sb.control().clear_faults().await.unwrap();
    assert_eq!(
        refused(&e),
        (
            307,
            format!(
                "the server redirected GET /card/list to {} (too many redirects); not followed",
                sb.base_url()
            )
        )
    );
    assert_eq!(count(&sb, "GET /api/v1/card/list").await, before + 4);
}

#[tokio::test]
async fn a_same_origin_redirect_of_a_post_is_not_followed() {
    let sb = sandbox().await;
    sb.control()
        .fault(FaultSpec::redirect(LOGIN).on(LOGIN).times(1))
        .await
        .unwrap();
    let e = refused_login(&sb, "redirect-post").await;
    assert_eq!(
        refused(&e),
        (
            307,
            format!(
                "the server redirected POST /auth/login to {} \
                 (the request is not safe to send again); not followed",
                sb.base_url()
            )
        )
    );
    assert_eq!(count(&sb, "POST /api/v1/auth/login").await, 1, "sent once");
}
