//! A typed client of the control API, over real HTTP like any test's own calls.

use super::types::{
    AddMessage, AddTransaction, AddedMessage, AddedTransaction, BulkInserted, BulkRequest, Counts,
    EmailBody, InjectPasscode, LatencyBody, SetKyc,
};
use crate::Error;
use crate::faults::FaultSpec;
use ccp_model::api::{KycStatus, ThreeDsRecord};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Control {
    base: String,
    http: reqwest::Client,
}

impl Control {
    /// `base_url` is the server root, e.g. `http://127.0.0.1:PORT`.
    pub fn new(base_url: &str) -> Control {
        Control {
            base: base_url.trim_end_matches('/').to_owned(),
            http: reqwest::Client::builder()
                .no_proxy()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap_or_default(),
        }
    }

    async fn send<T: DeserializeOwned>(&self, req: reqwest::RequestBuilder) -> Result<T, Error> {
        let response = req.send().await?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(Error::Control {
                status: status.as_u16(),
                body,
            });
        }
        Ok(response.json().await?)
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, Error> {
        self.send(self.http.post(format!("{}{path}", self.base)).json(body))
            .await
    }

    async fn delete(&self, path: &str) -> Result<(), Error> {
        self.send::<serde_json::Value>(self.http.delete(format!("{}{path}", self.base)))
            .await
            .map(drop)
    }

    /// Calls per "METHOD /api/v1/path" (and FalPay's "METHOD /api/open/path") since the start
    /// or the last reset (query strings excluded). The test-only FalPay echo counts itself as
    /// "GET /sandbox/falpay/echo".
    pub async fn request_counts(&self) -> Result<HashMap<String, u64>, Error> {
        let counts: Counts = self
            .send(self.http.get(format!("{}/sandbox/requests", self.base)))
            .await?;
        Ok(counts.counts)
    }

    /// Calls of one key (as [`Self::request_counts`] names them, e.g. `"GET /api/v1/card/list"`)
    /// since the start or the last reset; 0 for one never called.
    pub async fn request_count(&self, key: &str) -> Result<u64, Error> {
        Ok(self.request_counts().await?.get(key).copied().unwrap_or(0))
    }

    /// When the last calls of each key (as [`Self::request_counts`] names them) arrived, oldest
    /// first, in Unix milliseconds.
    pub async fn request_times(&self) -> Result<HashMap<String, Vec<u64>>, Error> {
        let counts: Counts = self
            .send(self.http.get(format!("{}/sandbox/requests", self.base)))
            .await?;
        Ok(counts.times_ms)
    }

    pub async fn reset_counts(&self) -> Result<(), Error> {
        self.delete("/sandbox/requests").await
    }

    pub async fn inject_3ds(&self, passcode: InjectPasscode) -> Result<ThreeDsRecord, Error> {
        self.post("/sandbox/3ds", &passcode).await
    }

    /// Adds `count` records for the user (`None`: demo user) in one statement.
    pub async fn bulk_3ds(&self, count: u32, email: Option<&str>) -> Result<BulkInserted, Error> {
        self.post(
            "/sandbox/3ds/bulk",
            &BulkRequest {
                email: email.map(str::to_owned),
                count,
            },
        )
        .await
    }

    /// Adds a notification (to the user) or an announcement (to everyone).
    pub async fn add_message(&self, m: AddMessage) -> Result<AddedMessage, Error> {
        self.post("/sandbox/messages", &m).await
    }

    /// Adds a transaction to the user's first card.
    pub async fn add_transaction(&self, t: AddTransaction) -> Result<AddedTransaction, Error> {
        self.post("/sandbox/transactions", &t).await
    }

    pub async fn set_kyc(&self, kyc: SetKyc) -> Result<KycStatus, Error> {
        self.post("/sandbox/kyc", &kyc).await
    }

    /// Makes the user's access tokens expired now (refresh tokens keep working). Returns how many.
    pub async fn expire_tokens(&self, email: &str) -> Result<u64, Error> {
        let v: serde_json::Value = self
            .post(
                "/sandbox/expire-tokens",
                &EmailBody {
                    email: email.into(),
                },
            )
            .await?;
        Ok(v["expired"].as_u64().unwrap_or(0))
    }

    /// Makes every Potato Cloud `apiUserToken` expired now (the next call answers "403").
    /// Returns how many.
    pub async fn potato_expire_tokens(&self) -> Result<u64, Error> {
        let v: serde_json::Value = self
            .post("/sandbox/potato/expire-tokens", &serde_json::json!({}))
            .await?;
        Ok(v["expired"].as_u64().unwrap_or(0))
    }

    pub async fn fault(&self, spec: FaultSpec) -> Result<(), Error> {
        self.post::<_, serde_json::Value>("/sandbox/faults", &spec)
            .await
            .map(drop)
    }

    /// Removes every fault and the added latency.
    pub async fn clear_faults(&self) -> Result<(), Error> {
        self.delete("/sandbox/faults").await
    }

    /// TEST-ONLY: the URL of the bearer-protected echo (`GET`; not part of FalPay's API), for
    /// exercising a client's "401 → renew once, retry once" against tokens from
    /// `POST /api/open/auth/token`.
    pub fn falpay_echo_url(&self) -> String {
        format!("{}/sandbox/falpay/echo", self.base)
    }

    /// Makes every FalPay token issued so far invalid (the echo then answers 401). Returns how
    /// many there were.
    pub async fn falpay_revoke_tokens(&self) -> Result<u64, Error> {
        let v: serde_json::Value = self.post("/sandbox/falpay/revoke", &()).await?;
        Ok(v["revoked"].as_u64().unwrap_or(0))
    }

    /// Latency added to every API call until changed or cleared.
    pub async fn set_latency(&self, latency: Duration) -> Result<(), Error> {
        let ms = latency.as_millis().min(u128::from(u64::MAX)) as u64;
        self.post::<_, serde_json::Value>("/sandbox/latency", &LatencyBody { ms })
            .await
            .map(drop)
    }
}
