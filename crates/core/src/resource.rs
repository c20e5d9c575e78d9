//! What the core keeps up to date: each resource has a poller, a cadence and a "fetched at" time
//! in the cache.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    Passcodes,
    Cards,
    Kyc,
    Profile,
    /// Notifications and announcements.
    Messages,
}

impl Resource {
    pub const ALL: [Resource; 5] = [
        Resource::Passcodes,
        Resource::Cards,
        Resource::Kyc,
        Resource::Profile,
        Resource::Messages,
    ];

    /// Its name in the cache's `fetched` table (kept stable: existing caches use it).
    pub(crate) fn cache_key(self) -> &'static str {
        match self {
            Resource::Passcodes => "passcodes",
            Resource::Cards => "cards",
            Resource::Kyc => "kyc",
            Resource::Profile => "profile",
            Resource::Messages => "messages",
        }
    }
}
