//! ccp-potato: a client of Potato Cloud's card keys (卡密, seed 003) — sign in with a user
//! number and password, generate keys (`createCardMy`), list them (`getCardMyList`) and
//! verify one for a device (`verifyCardV2`).
//!
//! House rules of ccp-io (its keyring store and HTTP client): reqwest over rustls with
//! timeouts, no redirect followed, a bounded answer, clear errors for HTML, truncated and
//! malformed bodies; the user's `apiUserToken` and the app's `askKey` / `signSecret` live in the OS keyring
//! ([`secrets`]), never in a log line, an error or a `Debug`. The service's string `code`
//! decides, not the HTTP status: "200" ok, "203" no data (an empty list), "403" sign in again
//! (the token is forgotten: there is no refresh), anything else the service's message.
//!
//! ```no_run
//! # async fn demo() -> ccp_potato::Result<()> {
//! use ccp_model::potato::{KeyQuery, KeyType};
//! let config = ccp_potato::Config::new(ccp_potato::Config::DEFAULT_SERVER)?;
//! let app = ccp_potato::AppKeys::new("the app's askKey".into(), None);
//! let client = ccp_potato::PotatoClient::new(config, app)?;
//! client.login("10001", &"password".into()).await?;
//! let keys = client.generate(KeyType::Month, 3).await?;
//! let page = client.list(&KeyQuery::default()).await?;
//! let device = ccp_potato::device_id(std::path::Path::new("/data/dir"))?;
//! let verdict = client.verify(&keys[0].card, &device).await?;
//! # let _ = (page, verdict); Ok(()) }
//! ```

mod client;
mod config;
mod device;
mod error;
pub mod secrets;
mod wire;

pub use ccp_io::SecretStore;
pub use client::{PotatoClient, method};
pub use config::Config;
pub use device::{DEVICE_ID_FILE, device_id, device_id_path};
pub use error::{Error, Result};
pub use secrets::AppKeys;
