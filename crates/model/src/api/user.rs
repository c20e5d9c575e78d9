//! The signed-in user: `GET /user/profile`.

use super::lenient::{opt_int, opt_object, opt_text};
use serde::{Deserialize, Serialize};

/// Every field optional; numbers and text are read as either (ids, levels, phone numbers).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(default, deserialize_with = "opt_int")]
    pub id: Option<i64>,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub first_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub last_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    #[serialize_always]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub account_type: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub wallet_id: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    pub kyc_level: Option<i64>,
    #[serde(default, deserialize_with = "opt_text")]
    pub kyc_status: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub referral_code: Option<String>,
}

/// `GET /user/profile`. x-assumed: the user is under `user` or `data`, both seen.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileResponse {
    pub status: Option<String>,
    /// Not an object: not said.
    #[serde(default, deserialize_with = "opt_object")]
    pub user: Option<User>,
    #[serde(default, deserialize_with = "opt_object")]
    pub data: Option<User>,
}

impl ProfileResponse {
    pub fn into_user(self) -> Option<User> {
        self.user.or(self.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_levels_as_text_and_nulls_are_read() {
        let p: ProfileResponse = serde_json::from_str(
            r#"{"user":null,"data":{"id":"7","kyc_level":"1","email":null,"phone":85212345678,
                "wallet_id":12345,"referral_code":null,"first_name":{"x":1}}}"#,
        )
        .unwrap();
        let u = p.into_user().unwrap();
        assert_eq!((u.id, u.kyc_level), (Some(7), Some(1)));
        assert_eq!(u.phone.as_deref(), Some("85212345678"));
        assert_eq!(u.wallet_id.as_deref(), Some("12345"));
        assert_eq!((u.email, u.referral_code, u.first_name), (None, None, None));
        let odd: User = serde_json::from_str(r#"{"id":"seven","kyc_level":null}"#).unwrap();
        assert_eq!((odd.id, odd.kyc_level), (None, None));
        let none: ProfileResponse = serde_json::from_str(r#"{"user":"x","data":[]}"#).unwrap();
        assert_eq!(none.into_user(), None);
    }
}
