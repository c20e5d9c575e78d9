//! [`PotatoClient`]: one method per service method, each answer read into
//! `ccp_model::potato` types or mapped to [`Error`].

use crate::secrets::{self, AppKeys, USER_NUMBER, USER_TOKEN};
use crate::wire::{self, Answer, Failed, PEER, Raw};
use crate::{Config, Error, Result};
use ccp_io::{SecretStore, http};
use ccp_model::potato::{
    CardKey, KeyPage, KeyQuery, KeyType, MAX_KEYS_PER_CALL, MAX_PAGE_SIZE, PotatoSession,
    Verification,
};
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use reqwest::redirect::Policy;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::Mutex;

/// The service methods (`/api/<method>`).
pub mod method {
    pub const LOGIN: &str = "login";
    pub const CREATE_CARD_MY: &str = "createCardMy";
    pub const GET_CARD_MY_LIST: &str = "getCardMyList";
    pub const VERIFY_CARD_V2: &str = "verifyCardV2";
}

/// A client of one Potato Cloud server for one app (its `askKey`), holding the signed-in
/// user's `apiUserToken` (loaded from the OS keyring when first needed).
pub struct PotatoClient {
    http: reqwest::Client,
    config: Config,
    app: AppKeys,
    store: SecretStore,
    /// `None`: not read from the keyring yet; `Some(None)`: no token.
    token: Mutex<Option<Option<SecretString>>>,
}

impl std::fmt::Debug for PotatoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PotatoClient")
            .field("server", &self.config.server.as_str())
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

impl PotatoClient {
    pub fn new(config: Config, app: AppKeys) -> Result<PotatoClient> {
        let store = SecretStore::new(&config.keyring_service, config.use_keyring);
        let limits = http::Limits {
            connect_timeout: config.connect_timeout,
            request_timeout: config.request_timeout,
        };
        // Every call is a POST carrying a password, a token or a card key: a redirect is never
        // followed, to the same origin or another.
        let http = http::client(&config.server, &limits, Policy::none())?;
        Ok(PotatoClient {
            http,
            config,
            app,
            store,
            token: Mutex::new(None),
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The keyring entries of this server ([`secrets`]), e.g. to store the app's keys.
    pub fn store(&self) -> &SecretStore {
        &self.store
    }

    /// Signs in with the user number and password; the `apiUserToken` is kept in the OS
    /// keyring (or, when the keyring cannot keep it, in this client only: see
    /// [`PotatoSession::kept_in_keyring`]).
    pub async fn login(&self, user_number: &str, password: &SecretString) -> Result<PotatoSession> {
        let user_number = required(user_number, "the user number")?;
        if password.expose_secret().is_empty() {
            return Err(Error::Invalid("the password is empty".into()));
        }
        let body = json!({ "userNumber": user_number, "passWord": password.expose_secret() });
        let endpoint = endpoint(method::LOGIN);
        let data = match self.call(method::LOGIN, &body, None).await? {
            Answer::Data { data, .. } => data,
            Answer::NoData => Value::Null,
        };
        let token = SecretString::from(wire::token(&endpoint, &data)?);
        let kept = self.keep(user_number, &token).await;
        *self.token.lock().await = Some(Some(token));
        Ok(PotatoSession {
            user_number: user_number.to_owned(),
            kept_in_keyring: kept,
        })
    }

    /// Stores the token and user number; `false` when the keyring cannot.
    async fn keep(&self, user_number: &str, token: &SecretString) -> bool {
        if !self.config.use_keyring {
            return false;
        }
        let saved = async {
            self.store.set(USER_TOKEN, token).await?;
            self.store
                .set(USER_NUMBER, &SecretString::from(user_number))
                .await
        }
        .await;
        match saved {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!("Potato Cloud token not kept in the keyring: {e}");
                // An older session's token must not outlive this sign-in.
                let _ = self.store.delete(USER_TOKEN).await;
                false
            }
        }
    }

    /// Who is signed in (from this client or the keyring); `None`: nobody.
    pub async fn session(&self) -> Result<Option<PotatoSession>> {
        let in_memory = matches!(&*self.token.lock().await, Some(Some(_)));
        if !self.config.use_keyring {
            return Ok(in_memory.then(|| PotatoSession {
                user_number: String::new(),
                kept_in_keyring: false,
            }));
        }
        if self.token().await.is_err() {
            return Ok(None);
        }
        let user_number = self
            .store
            .get(USER_NUMBER)
            .await?
            .map(|n| n.expose_secret().to_owned())
            .unwrap_or_default();
        let kept = self.store.get(USER_TOKEN).await?.is_some();
        Ok(Some(PotatoSession {
            user_number,
            kept_in_keyring: kept,
        }))
    }

    /// Forgets the token here and in the keyring. (The service publishes no sign-out method;
    /// the token simply is not used again.)
    pub async fn logout(&self) -> Result<()> {
        *self.token.lock().await = Some(None);
        if self.config.use_keyring {
            self.store.delete(USER_TOKEN).await?;
            self.store.delete(USER_NUMBER).await?;
        }
        Ok(())
    }

    /// `createCardMy`: `count` (1–10) new keys of a type. A count out of range is refused
    /// before anything is sent.
    pub async fn generate(&self, key_type: KeyType, count: u32) -> Result<Vec<CardKey>> {
        if !(1..=MAX_KEYS_PER_CALL).contains(&count) {
            return Err(Error::Invalid(format!(
                "the count must be between 1 and {MAX_KEYS_PER_CALL}, not {count}"
            )));
        }
        let token = self.token().await?;
        let body = json!({ "type": key_type.code(), "total": count });
        match self
            .call(method::CREATE_CARD_MY, &body, Some(&token))
            .await?
        {
            Answer::Data { data, .. } => wire::card_keys(&endpoint(method::CREATE_CARD_MY), &data),
            Answer::NoData => Ok(Vec::new()),
        }
    }

    /// `getCardMyList`: one page of the user's keys. "203" (no data) is an empty page.
    pub async fn list(&self, query: &KeyQuery) -> Result<KeyPage> {
        if query.page == 0 {
            return Err(Error::Invalid("pages count from 1".into()));
        }
        if !(1..=MAX_PAGE_SIZE).contains(&query.page_size) {
            return Err(Error::Invalid(format!(
                "the page size must be between 1 and {MAX_PAGE_SIZE}, not {}",
                query.page_size
            )));
        }
        let token = self.token().await?;
        let mut body = json!({ "p": query.page, "s": query.page_size });
        if let Some(state) = query.state {
            body["state"] = json!(state.code());
        }
        if let Some(key_type) = query.key_type {
            body["type"] = json!(key_type.code());
        }
        if let Some(card) = query
            .card
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            body["cardStr"] = json!(card);
        }
        let mut page = KeyPage {
            keys: Vec::new(),
            page: query.page,
            page_size: query.page_size,
            total: None,
            pages: None,
        };
        match self
            .call(method::GET_CARD_MY_LIST, &body, Some(&token))
            .await?
        {
            Answer::Data { data, pc } => {
                page.keys = wire::card_keys(&endpoint(method::GET_CARD_MY_LIST), &data)?;
                let paging = wire::paging(&pc, &data);
                page.total = paging.total;
                page.pages = paging.pages;
            }
            Answer::NoData => {
                page.total = Some(0);
                page.pages = Some(0);
            }
        }
        Ok(page)
    }

    /// `verifyCardV2`: redeems / checks a key for a device (the first device to redeem a key
    /// owns it). Needs no sign-in.
    pub async fn verify(&self, card: &str, device_id: &str) -> Result<Verification> {
        let card = required(card, "the card key")?;
        let device_id = required(device_id, "the device id")?;
        let body = json!({ "mac": device_id, "cardStr": card });
        match self.call(method::VERIFY_CARD_V2, &body, None).await? {
            Answer::Data { data, .. } => {
                wire::verification(&endpoint(method::VERIFY_CARD_V2), &data)
            }
            Answer::NoData => Err(Error::Service {
                code: "203".into(),
                message: "no such card key".into(),
            }),
        }
    }

    /// The token: this client's, else the keyring's; [`Error::NotSignedIn`] without one.
    async fn token(&self) -> Result<SecretString> {
        let mut slot = self.token.lock().await;
        if slot.is_none() {
            *slot = Some(if self.config.use_keyring {
                self.store.get(USER_TOKEN).await?
            } else {
                None
            });
        }
        slot.clone().flatten().ok_or(Error::NotSignedIn)
    }

    /// A "403" on a call with the token: the sign-in is over. The token is forgotten here and
    /// in the keyring (there is no refresh).
    async fn forget_token(&self) {
        *self.token.lock().await = Some(None);
        if self.config.use_keyring
            && let Err(e) = self.store.delete(USER_TOKEN).await
        {
            tracing::warn!("could not delete the expired Potato Cloud token: {e}");
        }
    }

    async fn call(
        &self,
        method: &'static str,
        body: &Value,
        token: Option<&SecretString>,
    ) -> Result<Answer> {
        let endpoint = endpoint(method);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(
            HeaderName::from_static("askkey"),
            secret_header(&self.app.ask_key, "the askKey")?,
        );
        if let Some(token) = token {
            headers.insert(
                HeaderName::from_static("apiusertoken"),
                secret_header(token, "the apiUserToken")?,
            );
        }
        if let Some(secret) = &self.app.sign_secret {
            let time = now_ms().to_string();
            let mut sign = HeaderValue::from_str(&secrets::sign_v1(secret, &time))
                .map_err(|_| ccp_io::Error::Internal("sign is not a header value".into()))?;
            sign.set_sensitive(true);
            headers.insert(
                HeaderName::from_static("time"),
                HeaderValue::from_str(&time)
                    .map_err(|_| ccp_io::Error::Internal("time is not a header value".into()))?,
            );
            headers.insert(HeaderName::from_static("sign"), sign);
        }
        // Serializing a `Value` cannot fail.
        let body = serde_json::to_vec(body).unwrap_or_default();
        let mut resp = self
            .http
            .post(self.config.url(method))
            .headers(headers)
            .body(body)
            .send()
            .await
            .map_err(|e| http::transport_error(PEER, &endpoint, e))?;
        let status = resp.status().as_u16();
        tracing::debug!(%endpoint, status, "Potato Cloud answer");
        // Every call is a POST that carries a password or a token: no redirect is followed.
        if resp.status().is_redirection() {
            let (url, headers) = (resp.url(), resp.headers());
            return Err(http::not_followed(PEER, &endpoint, status, url, headers, false).into());
        }
        let content_type = http::header_text(resp.headers(), header::CONTENT_TYPE);
        let limit = self.config.max_response_bytes;
        let bytes = http::read_body(&mut resp, PEER, &endpoint, limit).await?;
        let raw = Raw {
            endpoint: &endpoint,
            status,
            content_type: content_type.as_deref(),
            retry_after: None,
            body: &bytes,
        };
        match wire::envelope(&raw) {
            Ok(answer) => Ok(answer),
            Err(Failed::SignInAgain(message)) if token.is_some() => {
                self.forget_token().await;
                Err(Error::SignInAgain { message })
            }
            Err(Failed::SignInAgain(message)) => Err(Error::Service {
                code: "403".into(),
                message,
            }),
            Err(Failed::Other(e)) => Err(e),
        }
    }
}

/// `value` trimmed; [`Error::Invalid`] ("… is empty", `what` naming it) when nothing is left.
fn required<'a>(value: &'a str, what: &str) -> Result<&'a str> {
    match value.trim() {
        "" => Err(Error::Invalid(format!("{what} is empty"))),
        trimmed => Ok(trimmed),
    }
}

fn endpoint(method: &str) -> String {
    format!("POST /api/{method}")
}

fn secret_header(value: &SecretString, what: &str) -> Result<HeaderValue> {
    let mut v = HeaderValue::from_str(value.expose_secret())
        .map_err(|_| Error::Config(format!("{what} is not a valid header value")))?;
    v.set_sensitive(true);
    Ok(v)
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}
