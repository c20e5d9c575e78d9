//! Request and response bodies of the ComeComePay cardholder API (`/api/v1`), as written in
//! the contract in crates/sandbox/contract/ (`comecomepay.openapi.yaml`). Optional fields are
//! `Option` and unknown enum values are kept, because the live service is loose about both.
//! Fields the contract marks `x-assumed` say so in their doc comment.
//!
//! One file per area of the API, like the sandbox's handlers; every type is re-exported here,
//! so it is always `ccp_model::api::Xyz`.

mod auth;
mod cards;
mod errors;
mod kyc;
mod lenient;
mod messages;
mod public;
mod threeds;
mod transactions;
mod user;

pub use auth::{
    LoginChallenge, LoginRequest, LoginResponse, LogoutRequest, NextStep, OkBody, RefreshRequest,
    ResendOtpRequest, TokenResponse, VerifyOtpRequest,
};
pub use cards::{
    AccountDetailsResponse, CardAccountDetails, CardListData, CardListItem, CardListResponse,
    CardLocalStatus, CardStatusChange, CardStatusCode, CardStatusData, CardStatusResponse,
    ChangeCardStatusRequest, ChangeCardStatusResponse,
};
pub use errors::ErrorBody;
pub use kyc::{
    DiditInitRequest, DiditInitResponse, DiditSession, DiditToken, KycEligibility, KycLocalStatus,
    KycPaymentStatus, KycPaymentType, KycRequiredAction, KycStatus, LatestKyc, PokepayStatus,
    UserKycStatus,
};
pub use messages::{Message, MessageKind, MessagePage, read_unread_count};
pub use public::{AppVersion, AppVersionResponse};
pub use threeds::{Readable, ThreeDsPage, ThreeDsRecord, ThreeDsResponse};
pub use transactions::{
    Transaction, TransactionDetail, TransactionDetailResponse, TransactionPage,
    TransactionsResponse, mask_card_numbers,
};
pub use user::{ProfileResponse, User};

/// Prefix the live service serves every path under.
pub const API_PREFIX: &str = "/api/v1";

/// Paths below [`API_PREFIX`], one place for client and sandbox alike.
pub mod path {
    pub const LOGIN: &str = "/auth/login";
    pub const VERIFY_LOGIN_OTP: &str = "/auth/verify-login-otp";
    pub const RESEND_OTP: &str = "/auth/resend-otp";
    pub const REFRESH: &str = "/auth/refresh";
    pub const LOGOUT: &str = "/auth/logout";
    pub const PROFILE: &str = "/user/profile";
    pub const CARD_LIST: &str = "/card/list";
    pub const CARD_ACCOUNT_DETAILS: &str = "/card/account-details";
    pub const CARD_STATUS: &str = "/card/status";
    pub const CARD_TRANSACTIONS: &str = "/card/transaction-history";
    pub const CARD_TRANSACTION_DETAILS: &str = "/card/transaction-details";
    pub const THREE_DS_RECORDS: &str = "/3ds/my-records";
    pub const KYC_ELIGIBILITY: &str = "/kyc/eligibility";
    pub const DIDIT_STATUS: &str = "/didit/status";
    pub const DIDIT_INITIALIZE: &str = "/didit/initialize-token";
    pub const APP_VERSION: &str = "/app-version";
    /// Account messages (x-assumed shapes; see [`super::MessageKind`] for the client's paths).
    pub const NOTIFICATIONS: &str = "/notifications/";
    pub const NOTIFICATIONS_UNREAD: &str = "/notifications/unread-count";
    /// As a route (axum's syntax); the client builds it with [`super::MessageKind::item_path`].
    pub const NOTIFICATION: &str = "/notifications/{id}";
    pub const ANNOUNCEMENTS: &str = "/announcements";
    pub const ANNOUNCEMENTS_UNREAD: &str = "/announcements/unread-count";
    pub const ANNOUNCEMENT: &str = "/announcements/{id}";
}
