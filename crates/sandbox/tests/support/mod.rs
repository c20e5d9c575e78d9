//! Shared by the integration tests: a sandbox per test, a signed-in HTTP client.

pub mod contract;

use ccp_sandbox::{Config, DEMO_EMAIL, DEMO_PASSWORD, Sandbox, TEST_OTP};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A full `POST /didit/initialize-token` body, as the service's mobile client sends it.
pub fn kyc_body() -> Value {
    json!({
        "first_name": "Demo",
        "last_name": "User",
        "area_code": "852",
        "phone": "91234567",
        "bill_country_code": "HK",
        "state": "",
        "city": "Hong Kong",
        "address": "1 Queen's Road Central",
        "post_code": "",
        "email": DEMO_EMAIL,
        "agent_uid": "Demo_User_1704067200000",
    })
}

/// [`kyc_body`] with some fields set (or, with `null`, taken out).
pub fn kyc_body_with(changes: Value) -> Value {
    let mut body = kyc_body();
    for (key, value) in changes.as_object().unwrap() {
        match value {
            Value::Null => body.as_object_mut().unwrap().remove(key),
            v => body.as_object_mut().unwrap().insert(key.clone(), v.clone()),
        };
    }
    body
}

pub async fn start() -> Sandbox {
    start_with(|_| {}).await
}

/// A sandbox with the demo user signed in through its API.
pub async fn signed_in() -> (Sandbox, Api) {
    let sb = start().await;
    let api = Api::signed_in(&sb).await;
    (sb, api)
}

/// A sandbox whose e-mailed code is always [`TEST_OTP`], with the settings a test changes
/// (`tune`) on top of the defaults.
pub async fn start_with(tune: impl FnOnce(&mut Config)) -> Sandbox {
    let mut config = Config {
        otp_fixed: Some(TEST_OTP.into()),
        ..Config::default()
    };
    tune(&mut config);
    Sandbox::start(config).await.expect("sandbox starts")
}

/// A plain HTTP client of one sandbox's API; `token` is sent as the bearer when set.
pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
    pub refresh: Option<String>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Api {
    pub fn new(sb: &Sandbox) -> Api {
        Api {
            base: sb.base_url(),
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
            token: None,
            refresh: None,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self
            .http
            .request(method, format!("{}/api/v1{path}", self.base));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("request sent");
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body read");
        let body =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text:.200}"));
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// `POST /auth/login`: the first step of signing in.
    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post("/auth/login", json!({"email": email, "password": password}))
            .await
    }

    /// `POST /auth/verify-login-otp`: the e-mailed code, the second step.
    pub async fn verify(&self, email: &str, code: &str) -> Reply {
        self.post(
            "/auth/verify-login-otp",
            json!({"email": email, "otp_code": code}),
        )
        .await
    }

    /// Password, then the e-mailed code: keeps the tokens.
    pub async fn sign_in_as(&mut self, email: &str, password: &str) {
        let r = self.login(email, password).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = self.verify(email, TEST_OTP).await;
        assert_eq!(r.status, 200, "{}", r.body);
        self.token = Some(r.body["access_token"].as_str().unwrap().to_owned());
        self.refresh = Some(r.body["refresh_token"].as_str().unwrap().to_owned());
    }

    pub async fn sign_in(&mut self) {
        self.sign_in_as(DEMO_EMAIL, DEMO_PASSWORD).await;
    }

    pub async fn signed_in(sb: &Sandbox) -> Api {
        let mut api = Api::new(sb);
        api.sign_in().await;
        api
    }

    /// The demo user's cards by local status.
    pub async fn card_token(&self, status: &str) -> String {
        let r = self.get("/card/list").await;
        r.body["data"]["cards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["status"] == status)
            .unwrap_or_else(|| panic!("no {status} card"))["public_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}
