//! Reusable pieces of the window, one per file.

pub mod app_header;
pub mod card_tile;
pub mod error_text;
pub mod kyc_form;
pub mod nav_bar;
pub mod passcode_row;
pub mod refrozen_notice;
pub mod server_chooser;
pub mod sync_status;
pub mod transaction_detail;
pub mod transaction_list;
pub mod transactions;
