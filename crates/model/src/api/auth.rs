//! Sign-in (password, then an e-mailed code), token refresh and logout.

use super::User;
use crate::Sensitive;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub email: String,
    pub password: Sensitive,
}

open_enum!(
    /// What the client must do after a successful first sign-in step.
    NextStep { VerifyLoginOtp = "verify_login_otp" }
);

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginChallenge {
    pub status: String,
    pub message: Option<String>,
    pub next_step: NextStep,
    pub email: Option<String>,
    pub name: Option<String>,
    /// Returned only by development environments (and the sandbox).
    pub otp: Option<Sensitive>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: Sensitive,
    pub refresh_token: Sensitive,
    pub message: Option<String>,
    pub status: Option<String>,
    pub user: Option<User>,
}

/// `POST /auth/login` answers either a challenge (the normal case) or, on some servers,
/// tokens at once; both must be accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
// Built once per sign-in: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum LoginResponse {
    Tokens(TokenResponse),
    Challenge(LoginChallenge),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerifyOtpRequest {
    pub email: String,
    pub otp_code: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResendOtpRequest {
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefreshRequest {
    pub refresh_token: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogoutRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Sensitive>,
}

/// The plain `{status, message}` success body.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OkBody {
    pub status: Option<String>,
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_answers_challenge_or_tokens() {
        let c: LoginResponse = serde_json::from_str(
            r#"{"status":"success","message":"OTP sent to your email","next_step":"verify_login_otp","email":"u@e.x"}"#,
        )
        .unwrap();
        assert!(
            matches!(c, LoginResponse::Challenge(ref ch) if ch.next_step == NextStep::VerifyLoginOtp)
        );
        let t: LoginResponse =
            serde_json::from_str(r#"{"access_token":"a","refresh_token":"r"}"#).unwrap();
        assert!(matches!(t, LoginResponse::Tokens(ref tk) if tk.refresh_token.expose() == "r"));
    }
}
