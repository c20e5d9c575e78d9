//! One component per page; `app.rs` picks which one shows.

pub mod activity;
pub mod card;
pub mod cards;
pub mod codes;
pub mod freeze_all;
pub mod history;
pub mod inbox;
pub mod keys;
pub mod kyc;
pub mod profile;
pub mod settings;
pub mod sign_in;
pub mod welcome;
