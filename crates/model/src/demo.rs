//! The demo account: seeded by the sandbox and signed in to by the app's demo. Both sides
//! know it from here because the demo's server is its own program (`ccp-sandbox`, started by
//! the app only when the user tries the demo), not code linked into every install.

/// E-mail of the seeded demo account.
pub const EMAIL: &str = "demo@comecomepay.example";
/// Password of the seeded demo account.
pub const PASSWORD: &str = "Demo#2026";
/// The demo's e-mailed sign-in code: fixed and documented (README), so a demo user who signs
/// out can sign in again through the same login → one-time code flow as a real account.
pub const OTP: &str = "12345";
