//! The test control API under `/sandbox/…`: its body types, its server side, and a typed client.

pub mod client;
pub mod routes;
pub mod types;
