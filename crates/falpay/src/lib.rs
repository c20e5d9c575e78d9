//! ccp-falpay: a client of the FalPay open API's token endpoint (seed 004), the one operation
//! the material specifies: `POST /api/open/auth/token?grant_type=client_credentials&client_id=…
//! &client_secret=…` → `{success, code: "200", message, data: {access_token, token_type:
//! "bearer", expires_in: 60, scope}}`.
//!
//! - Credentials ([`Credentials`]) come from the environment ([`ENV_CLIENT_ID`],
//!   [`ENV_CLIENT_SECRET`]) or the OS keyring ([`CredentialStore`]), never from a command line.
//! - [`FalPayClient::token`] hands out the current token until [`FalPayConfig::renew_fraction`]
//!   (80 %) of its life has passed, then renews; concurrent callers share one renewal.
//! - [`FalPayClient::with_token`] runs a call with a token, and on [`Error::Unauthorized`]
//!   renews once and retries once.
//! - Token age is measured by an injectable [`Clock`] (monotonic and wall clock, the larger).
//!
//! Nothing else of FalPay's API is here: its other paths, bodies and signing are not published
//! in the material.
//!
//! ```no_run
//! # async fn demo() -> ccp_falpay::Result<()> {
//! use ccp_falpay::{CredentialStore, FalPayClient, FalPayConfig};
//! let config = FalPayConfig::new("https://open.falpay.example")?;
//! let store = CredentialStore::new(None, &config);
//! let (credentials, _source) = ccp_falpay::find_credentials(&store).await?;
//! let client = FalPayClient::new(&config, credentials)?;
//! let token = client.token().await?;
//! println!("{:?} {} s", token.scope(), client.remaining(&token).as_secs());
//! # Ok(()) }
//! ```

mod client;
mod clock;
mod config;
mod credentials;
mod error;
mod token;

pub use client::{FalPayClient, REFUSAL_COOL_DOWN};
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{FalPayConfig, TOKEN_PATH};
pub use credentials::{
    CredentialStore, Credentials, ENV_CLIENT_ID, ENV_CLIENT_SECRET, KEYRING_CLIENT_ID,
    KEYRING_CLIENT_SECRET, Source, find as find_credentials,
};
pub use error::{Error, Result};
pub use token::AccessToken;
