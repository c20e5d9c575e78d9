//! Reusable pieces of the window, one per file.

pub mod app_header;
pub mod app_lock_settings;
pub mod back_link;
pub mod browser_settings;
pub mod card_tile;
pub mod error_text;
pub mod feed;
pub mod kyc_form;
pub mod kyc_steps;
pub mod language_picker;
pub mod lock_offer;
pub mod lock_screen;
pub mod nav_bar;
pub mod passcode_row;
pub mod refrozen_notice;
pub mod search_box;
pub mod server_chooser;
pub mod server_word;
pub mod sync_status;
pub mod transaction_detail;
pub mod transaction_list;
pub mod transaction_row;
pub mod transactions;
