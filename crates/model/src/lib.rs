//! Types shared by every part of ComeComePay Desktop.
//!
//! A type crosses a boundary (HTTP, IPC, CLI JSON) only as one of these: the sandbox serves
//! [`api`] bodies, the core decodes them, the shell hands [`view`] types and [`ipc`] events to
//! the wasm UI. This crate compiles for `wasm32-unknown-unknown`, so it holds no I/O.

#[macro_use]
mod open_enum;
mod amount;
pub mod api;
mod applicant;
pub mod browser;
pub mod clock;
pub mod demo;
pub mod i18n;
pub mod ipc;
pub mod plain_text;
pub mod potato;
mod sensitive;
pub mod server_url;
pub mod view;
pub mod when;
pub mod wire;

pub use amount::{Amount, NotAnAmount};
pub use sensitive::Sensitive;
