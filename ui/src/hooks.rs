//! Hooks shared by pages and components.

mod use_clock;
mod use_store;

pub use use_clock::{every_second_while, unix_now, use_rerender_at};
pub use use_store::{Store, report, use_store};
