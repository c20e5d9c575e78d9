//! The one error type of the sandbox library (starting, seeding, the control client).

/// Why the sandbox could not start or a control call failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("control request failed: {0}")]
    Http(#[from] reqwest::Error),
    #[error("control API answered {status}: {body}")]
    Control { status: u16, body: String },
    #[error("invalid configuration: {0}")]
    Config(String),
}
