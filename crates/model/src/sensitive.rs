use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A secret string (password, one-time code, token, 3-D Secure passcode) that must cross a
/// boundary. It serializes as the plain string, since it has to reach the server or the
/// window, but its `Debug` is redacted and its memory is zeroized on drop (it is a
/// [`SecretString`] inside), so it never lands in a log line or a panic message by accident.
pub struct Sensitive(SecretString);

impl Sensitive {
    pub fn new(value: impl Into<String>) -> Self {
        Sensitive(SecretString::from(value.into()))
    }

    /// The secret itself; call only where it is sent or shown on purpose.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub fn into_secret(self) -> SecretString {
        self.0
    }
}

impl From<SecretString> for Sensitive {
    fn from(s: SecretString) -> Self {
        Sensitive(s)
    }
}

impl Clone for Sensitive {
    fn clone(&self) -> Self {
        Sensitive::new(self.expose())
    }
}

impl PartialEq for Sensitive {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Eq for Sensitive {}

impl std::fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Serialize for Sensitive {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Sensitive {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Sensitive::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_but_json_carries_the_value() {
        let s = Sensitive::new("123456");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"123456\"");
        let back: Sensitive = serde_json::from_str("\"007\"").unwrap();
        assert_eq!(back.expose(), "007");
    }
}
