//! The client: one token at a time, renewed ahead of expiry by one request that every
//! concurrent caller shares, and renewed once more when a call made with it is refused (401).

use crate::clock::{Clock, Stamp, SystemClock};
use crate::token::{AccessToken, PEER, Raw, TokenData, decode_token};
use crate::{Credentials, Error, FalPayConfig, Result};
use ccp_io::http;
use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use reqwest::header;
use reqwest::redirect::Policy;
use secrecy::ExposeSecret;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use url::Url;

/// Named in errors and logs: the method and [`crate::TOKEN_PATH`], never the query (it holds
/// the secret).
const ENDPOINT: &str = "POST /api/open/auth/token";

/// After the server refused the client credentials, callers get that refusal without a new
/// request for this long: the credentials cannot change inside a client, so asking again at
/// once only hammers the server with a secret it already said no to (and may lock the
/// client out).
pub const REFUSAL_COOL_DOWN: Duration = Duration::from_secs(30);

/// A FalPay open API client for one server and one set of client credentials. Cheap to clone:
/// clones share the token and any renewal under way. Needs a tokio runtime (a renewal runs as a
/// task of its own, so a caller that gives up does not cancel it for the others).
#[derive(Clone)]
pub struct FalPayClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    token_url: Url,
    credentials: Credentials,
    clock: Arc<dyn Clock>,
    renew_fraction: f64,
    max_bytes: usize,
    state: Mutex<State>,
    token_requests: AtomicU64,
}

type Renewal = Shared<BoxFuture<'static, Result<AccessToken>>>;

#[derive(Default)]
struct State {
    /// The newest token, until a 401 on it drops it.
    current: Option<AccessToken>,
    /// The one renewal under way, shared by everyone who needs a token meanwhile.
    renewing: Option<Renewal>,
    /// The last refusal of the credentials and when it came, kept for [`REFUSAL_COOL_DOWN`].
    refused: Option<(Error, Stamp)>,
    generation: u64,
}

impl FalPayClient {
    pub fn new(config: &FalPayConfig, credentials: Credentials) -> Result<FalPayClient> {
        Self::with_clock(config, credentials, Arc::new(SystemClock))
    }

    /// With another clock (tests jump it to exercise renewal).
    pub fn with_clock(
        config: &FalPayConfig,
        credentials: Credentials,
        clock: Arc<dyn Clock>,
    ) -> Result<FalPayClient> {
        let limits = http::Limits {
            connect_timeout: config.connect_timeout,
            request_timeout: config.request_timeout,
        };
        // The token request carries the secret in its query: no redirect is ever followed.
        // (Plain http goes to this machine only, FalPayConfig checks, and so never via a proxy
        // that would read the secret.)
        let http = http::client(&config.server, &limits, Policy::none())?;
        Ok(FalPayClient {
            inner: Arc::new(Inner {
                http,
                token_url: config.token_url()?,
                credentials,
                clock,
                renew_fraction: config.renew_fraction.clamp(0.1, 0.95),
                max_bytes: config.max_response_bytes,
                state: Mutex::new(State::default()),
                token_requests: AtomicU64::new(0),
            }),
        })
    }

    /// The client id in use.
    pub fn client_id(&self) -> &str {
        self.inner.credentials.client_id()
    }

    /// A token with most of its life left: the current one while less than
    /// [`FalPayConfig::renew_fraction`] of its life has passed, else a new one. Concurrent
    /// callers share one request; a failed request fails everyone who waited for it (and the
    /// next call tries again, except after a refusal of the credentials: see
    /// [`REFUSAL_COOL_DOWN`]).
    pub async fn token(&self) -> Result<AccessToken> {
        let renewal = {
            let mut st = self.inner.lock();
            if let Some(t) = &st.current
                && self.inner.fresh(t)
            {
                return Ok(t.clone());
            }
            if let Some((e, at)) = &st.refused {
                if at.age(&*self.inner.clock) < REFUSAL_COOL_DOWN {
                    return Err(e.clone());
                }
                st.refused = None;
            }
            match &st.renewing {
                Some(renewal) => renewal.clone(),
                None => {
                    let renewal = self.inner.clone().start_renewal();
                    st.renewing = Some(renewal.clone());
                    renewal
                }
            }
        };
        renewal.await
    }

    /// Runs `call` with a token. When it fails with [`Error::Unauthorized`] (the server
    /// refused the token), the token is dropped, renewed once (shared with every other caller
    /// refused the same token) and `call` runs once more; its second answer stands.
    pub async fn with_token<T, F, Fut>(&self, mut call: F) -> Result<T>
    where
        F: FnMut(AccessToken) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let token = self.token().await?;
        match call(token.clone()).await {
            Err(Error::Unauthorized { .. }) => {
                tracing::debug!(
                    generation = token.generation(),
                    "FalPay refused the token; renewing once"
                );
                self.invalidate(&token);
                let token = self.token().await?;
                call(token).await
            }
            other => other,
        }
    }

    /// Drops `token` if it is still the current one, so the next [`FalPayClient::token`]
    /// renews. A token already replaced is left alone (its replacement is used).
    pub fn invalidate(&self, token: &AccessToken) {
        let mut st = self.inner.lock();
        if st
            .current
            .as_ref()
            .is_some_and(|c| c.generation == token.generation)
        {
            st.current = None;
        }
    }

    /// Time `token` has left by this client's clock.
    pub fn remaining(&self, token: &AccessToken) -> Duration {
        token.remaining(&*self.inner.clock)
    }

    /// Token requests this client (and its clones) has sent.
    pub fn token_requests(&self) -> u64 {
        self.inner.token_requests.load(Ordering::Relaxed)
    }
}

impl std::fmt::Debug for FalPayClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FalPayClient")
            .field("token_url", &self.inner.token_url.as_str())
            .field("credentials", &self.inner.credentials)
            .finish_non_exhaustive()
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn fresh(&self, token: &AccessToken) -> bool {
        token.issued.age(&*self.clock) < token.lifetime().mul_f64(self.renew_fraction)
    }

    /// Starts the request as a task; the task installs its result, so it counts once however
    /// many callers wait (or stop waiting).
    fn start_renewal(self: Arc<Self>) -> Renewal {
        let task = tokio::spawn(async move {
            let result = self.fetch().await;
            let mut st = self.lock();
            st.renewing = None;
            if let Err(e @ Error::CredentialsRefused { .. }) = &result {
                st.refused = Some((e.clone(), Stamp::now(&*self.clock)));
            }
            let (data, issued) = result?;
            st.generation += 1;
            let token = AccessToken::new(data, issued, st.generation);
            tracing::debug!(
                generation = token.generation(),
                lifetime_s = token.lifetime().as_secs(),
                "FalPay token renewed"
            );
            st.current = Some(token.clone());
            Ok(token)
        });
        async move {
            task.await
                .unwrap_or_else(|e| Err(Error::Internal(format!("the token renewal failed: {e}"))))
        }
        .boxed()
        .shared()
    }

    async fn fetch(&self) -> Result<(TokenData, Stamp)> {
        self.token_requests.fetch_add(1, Ordering::Relaxed);
        let secret = self.credentials.client_secret().expose_secret();
        // Its life starts no earlier than this.
        let issued = Stamp::now(&*self.clock);
        let mut resp = self
            .http
            .post(self.token_url.clone())
            .query(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.credentials.client_id()),
                ("client_secret", secret),
            ])
            .send()
            .await
            .map_err(|e| http::transport_error(PEER, ENDPOINT, e))?;
        let status = resp.status();
        tracing::debug!(endpoint = ENDPOINT, status = status.as_u16(), "answer");
        // The request carries the client secret: no redirect is followed.
        if status.is_redirection() {
            let (url, headers) = (&self.token_url, resp.headers());
            return Err(
                http::not_followed(PEER, ENDPOINT, status.as_u16(), url, headers, false).into(),
            );
        }
        let content_type = http::header_text(resp.headers(), header::CONTENT_TYPE);
        let body = http::read_body(&mut resp, PEER, ENDPOINT, self.max_bytes).await?;
        let data = decode_token(&Raw {
            endpoint: ENDPOINT,
            status: status.as_u16(),
            content_type: content_type.as_deref(),
            retry_after: None,
            body: &body,
        })
        .map_err(|e| e.redacting(secret))?;
        Ok((data, issued))
    }
}
