//! Hooks shared by pages and components.

mod use_now;
mod use_store;

pub use use_now::{unix_now, use_now};
pub use use_store::{Store, report, use_store};
