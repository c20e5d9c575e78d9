//! Hooks shared by pages and components.

mod use_rerender_at;
mod use_store;
mod use_theme;

pub use ccp_model::clock::now_unix;
pub use use_rerender_at::{every_second_while, use_rerender_at};
pub use use_store::{Store, load_snapshot, report, use_store};
pub use use_theme::use_theme;
