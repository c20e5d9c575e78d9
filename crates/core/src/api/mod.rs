//! The HTTP client of the cardholder API: one method per endpoint, every answer decoded into
//! `ccp_model::api` types or mapped to [`Error`] by [`envelope`].

mod envelope;
pub(crate) mod retry_after;

use crate::error::PEER;
use crate::{Config, Error, Result};
use ccp_io::http;
use ccp_model::Sensitive;
use ccp_model::api::{self, path};
use reqwest::Method;
use reqwest::header::{self, HeaderValue};
use reqwest::redirect::Policy;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::SystemTime;

pub(crate) use ccp_model::wire::describe_json_error as describe;
pub use envelope::{Raw, decode};

/// Same-origin redirects a GET follows at most; more is a loop or a misconfigured server.
const MAX_REDIRECTS: usize = 3;

#[derive(Clone)]
pub struct ApiClient {
    /// For GET/HEAD without a body: follows same-origin redirects, at most [`MAX_REDIRECTS`].
    http: reqwest::Client,
    /// For everything else: follows no redirect. Bodies carry passwords, codes and refresh
    /// tokens, and a 307/308 would send them again, to wherever the `Location` points.
    http_once: reqwest::Client,
    base: String,
    max_bytes: usize,
    /// `Accept-Language`; the user may switch it while the app runs.
    language: std::sync::Arc<std::sync::RwLock<HeaderValue>>,
}

/// One request: what, where, with which token and body.
struct Call<'a> {
    method: Method,
    path: &'a str,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    token: Option<&'a SecretString>,
}

impl<'a> Call<'a> {
    fn get(path: &'a str) -> Self {
        Call {
            method: Method::GET,
            path,
            query: Vec::new(),
            body: None,
            token: None,
        }
    }
    fn send<B: Serialize>(method: Method, path: &'a str, body: &B) -> Self {
        // Serializing our own model types cannot fail.
        let body = serde_json::to_vec(body).unwrap_or_default();
        Call {
            method,
            path,
            query: Vec::new(),
            body: Some(body),
            token: None,
        }
    }
    fn auth(mut self, token: &'a SecretString) -> Self {
        self.token = Some(token);
        self
    }
    fn query(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }
}

impl ApiClient {
    pub fn new(config: &Config) -> Result<ApiClient> {
        Ok(ApiClient {
            http: http_client(config, same_origin_redirects())?,
            http_once: http_client(config, Policy::none())?,
            base: config.api_base(),
            max_bytes: config.max_response_bytes,
            language: std::sync::Arc::new(std::sync::RwLock::new(language_header(
                config.language.code(),
            )?)),
        })
    }

    /// Server messages in `language` (`en`, `zh`, `ar`) from the next request on.
    pub fn set_language(&self, language: &str) -> Result<()> {
        *self.language.write().expect("language lock") = language_header(language)?;
        Ok(())
    }

    pub async fn login(&self, email: &str, password: &SecretString) -> Result<api::LoginResponse> {
        let body = api::LoginRequest {
            email: email.to_owned(),
            password: Sensitive::new(password.expose_secret()),
        };
        self.call(Call::send(Method::POST, path::LOGIN, &body))
            .await
    }

    pub async fn verify_otp(&self, email: &str, otp: &SecretString) -> Result<api::TokenResponse> {
        let body = api::VerifyOtpRequest {
            email: email.to_owned(),
            otp_code: Sensitive::new(otp.expose_secret()),
        };
        self.call(Call::send(Method::POST, path::VERIFY_LOGIN_OTP, &body))
            .await
    }

    pub async fn resend_otp(&self, email: &str) -> Result<api::OkBody> {
        let body = api::ResendOtpRequest {
            email: email.to_owned(),
        };
        self.call(Call::send(Method::POST, path::RESEND_OTP, &body))
            .await
    }

    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<api::TokenResponse> {
        let body = api::RefreshRequest {
            refresh_token: Sensitive::new(refresh_token.expose_secret()),
        };
        self.call(Call::send(Method::POST, path::REFRESH, &body))
            .await
    }

    pub async fn logout(&self, access: &SecretString) -> Result<api::OkBody> {
        let body = api::LogoutRequest {
            access_token: Some(Sensitive::new(access.expose_secret())),
        };
        self.call(Call::send(Method::POST, path::LOGOUT, &body).auth(access))
            .await
    }

    pub async fn profile(&self, token: &SecretString) -> Result<api::ProfileResponse> {
        self.call(Call::get(path::PROFILE).auth(token)).await
    }

    pub async fn card_list(&self, token: &SecretString) -> Result<api::CardListResponse> {
        self.call(Call::get(path::CARD_LIST).auth(token)).await
    }

    pub async fn account_details(
        &self,
        token: &SecretString,
        public_token: &str,
    ) -> Result<api::AccountDetailsResponse> {
        self.call(
            Call::get(path::CARD_ACCOUNT_DETAILS)
                .auth(token)
                .query("public_token", public_token),
        )
        .await
    }

    pub async fn card_status(
        &self,
        token: &SecretString,
        public_token: &str,
    ) -> Result<api::CardStatusResponse> {
        self.call(
            Call::get(path::CARD_STATUS)
                .auth(token)
                .query("public_token", public_token),
        )
        .await
    }

    pub async fn change_card_status(
        &self,
        token: &SecretString,
        body: &api::ChangeCardStatusRequest,
    ) -> Result<api::ChangeCardStatusResponse> {
        self.call(Call::send(Method::PUT, path::CARD_STATUS, body).auth(token))
            .await
    }

    pub async fn transactions(
        &self,
        token: &SecretString,
        public_token: &str,
        page: u32,
        limit: u32,
    ) -> Result<api::TransactionsResponse> {
        let call = Call::get(path::CARD_TRANSACTIONS)
            .auth(token)
            .query("public_token", public_token)
            .query("page", page)
            .query("limit", limit);
        self.call(call).await
    }

    pub async fn transaction_detail(
        &self,
        token: &SecretString,
        transaction_id: &str,
    ) -> Result<api::TransactionDetailResponse> {
        let call = Call::get(path::CARD_TRANSACTION_DETAILS)
            .auth(token)
            .query("transaction_id", transaction_id);
        self.call(call).await
    }

    pub async fn three_ds(
        &self,
        token: &SecretString,
        page: u32,
        page_size: u32,
    ) -> Result<api::ThreeDsResponse> {
        let call = Call::get(path::THREE_DS_RECORDS)
            .auth(token)
            .query("page", page)
            .query("page_size", page_size);
        self.call(call).await
    }

    /// A page of notifications or announcements, read leniently (see [`api::MessagePage`]).
    pub async fn messages(
        &self,
        token: &SecretString,
        kind: api::MessageKind,
        limit: u32,
        offset: u32,
    ) -> Result<api::MessagePage> {
        let call = Call::get(kind.list_path())
            .auth(token)
            .query("limit", limit)
            .query("offset", offset);
        let body: serde_json::Value = self.call(call).await?;
        Ok(api::MessagePage::read(kind, &body))
    }

    /// How many are unread; `None` when the answer does not say.
    pub async fn unread_count(
        &self,
        token: &SecretString,
        kind: api::MessageKind,
    ) -> Result<Option<i64>> {
        let body: serde_json::Value = self
            .call(Call::get(kind.unread_count_path()).auth(token))
            .await?;
        Ok(api::read_unread_count(&body))
    }

    /// One message (the service marks it read). An id that is not plain letters, digits, `-`
    /// or `_` is not put into a path: a server's id must not steer where the request goes.
    pub async fn message(
        &self,
        token: &SecretString,
        kind: api::MessageKind,
        id: &str,
    ) -> Result<api::Message> {
        let plain = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !plain {
            return Err(Error::Invalid(format!(
                "a {} id that cannot be asked for",
                kind.code()
            )));
        }
        let path = kind.item_path(id);
        let body: serde_json::Value = self.call(Call::get(&path).auth(token)).await?;
        api::Message::read_answer(kind, &body).ok_or_else(|| {
            Error::undecodable(
                format!("GET {}", kind.item_path("{id}")),
                "the answer holds no message with an id",
            )
        })
    }

    pub async fn kyc_eligibility(&self, token: &SecretString) -> Result<api::KycEligibility> {
        self.call(Call::get(path::KYC_ELIGIBILITY).auth(token))
            .await
    }

    pub async fn didit_status(&self, token: &SecretString) -> Result<api::KycStatus> {
        self.call(Call::get(path::DIDIT_STATUS).auth(token)).await
    }

    pub async fn didit_init(
        &self,
        token: &SecretString,
        body: &api::DiditInitRequest,
    ) -> Result<api::DiditInitResponse> {
        self.call(Call::send(Method::POST, path::DIDIT_INITIALIZE, body).auth(token))
            .await
    }

    /// Public: the newest release the service announces for `platform`.
    pub async fn app_version(&self, platform: &str) -> Result<api::AppVersionResponse> {
        self.call(Call::get(path::APP_VERSION).query("platform", platform))
            .await
    }

    async fn call<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T> {
        let endpoint = format!("{} {}", call.method, call.path);
        let language = self.language.read().expect("language lock").clone();
        let repeatable = matches!(call.method, Method::GET | Method::HEAD) && call.body.is_none();
        let http = if repeatable {
            &self.http
        } else {
            &self.http_once
        };
        let mut rb = http
            .request(call.method, format!("{}{}", self.base, call.path))
            .header(header::ACCEPT_LANGUAGE, language);
        if !call.query.is_empty() {
            rb = rb.query(&call.query);
        }
        if let Some(token) = call.token {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
                .map_err(|_| {
                    Error::Internal("the access token is not a valid header value".into())
                })?;
            value.set_sensitive(true);
            rb = rb.header(header::AUTHORIZATION, value);
        }
        if let Some(body) = call.body {
            rb = rb
                .header(header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let mut resp = rb
            .send()
            .await
            .map_err(|e| http::transport_error(PEER, &endpoint, e))?;
        let status = resp.status().as_u16();
        tracing::debug!(%endpoint, status, "answer");
        // A redirect the client did not follow (another origin, a request not safe to repeat,
        // too many hops) ends here, before its body is read.
        if resp.status().is_redirection() && resp.headers().contains_key(header::LOCATION) {
            return Err(http::not_followed(
                PEER,
                &endpoint,
                status,
                resp.url(),
                resp.headers(),
                repeatable,
            )
            .into());
        }
        let content_type = http::header_text(resp.headers(), header::CONTENT_TYPE);
        let retry_after = http::header_text(resp.headers(), header::RETRY_AFTER)
            .and_then(|v| retry_after::parse(&v, SystemTime::now()));
        let body = http::read_body(&mut resp, PEER, &endpoint, self.max_bytes).await?;
        envelope::decode(&Raw {
            endpoint: &endpoint,
            status,
            content_type: content_type.as_deref(),
            retry_after,
            body: &body,
        })
    }
}

fn http_client(config: &Config, redirects: Policy) -> Result<reqwest::Client> {
    let limits = http::Limits {
        connect_timeout: config.connect_timeout,
        request_timeout: config.request_timeout,
    };
    Ok(http::client(&config.server, &limits, redirects)?)
}

/// Follows a redirect only to the origin of the first request (which carries the bearer
/// token), and only a few hops; anything else is handed back to [`ApiClient::call`] as the
/// 3xx answer itself, so nothing reaches another origin.
fn same_origin_redirects() -> Policy {
    Policy::custom(|attempt| {
        let first = attempt.previous().first();
        let same_origin = first.is_some_and(|u| u.origin() == attempt.url().origin());
        // `previous` holds the first URL and every hop followed so far.
        if same_origin && attempt.previous().len() <= MAX_REDIRECTS {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

fn language_header(language: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(language)
        .map_err(|_| Error::Config(format!("language {language:?} is not a header value")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_language_must_be_a_header_value() {
        assert_eq!(super::language_header("zh").unwrap(), "zh");
        let e = super::language_header("en\r\nX-Evil: 1").unwrap_err();
        assert!(e.to_string().contains("not a header value"), "{e}");
    }
}
