//! Cards: the list, account details, and status (the service's own and Thredd's codes).

use super::lenient::opt_amount;
use crate::Amount;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

open_enum!(
    /// The service's own card state.
    CardLocalStatus {
        Normal = "normal",
        Frozen = "frozen",
        Cancelled = "cancelled",
        Unactivate = "unactivate",
        Active = "active",
    }
);

impl CardLocalStatus {
    /// Normal and active cards can be frozen (the official client offers freeze on `normal`).
    pub fn can_freeze(&self) -> bool {
        matches!(self, Self::Normal | Self::Active)
    }
    pub fn can_unfreeze(&self) -> bool {
        matches!(self, Self::Frozen)
    }
    pub fn can_cancel(&self) -> bool {
        !matches!(self, Self::Cancelled | Self::Unknown(_))
    }
}

open_enum!(
    /// Thredd card status codes (the processor behind PokePay). Only `00`, `G1` and `99` may be
    /// requested by a cardholder.
    CardStatusCode {
        Active = "00",
        Inactive = "02",
        CaptureCard = "04",
        DoNotHonour = "05",
        InvalidCard = "14",
        Lost = "41",
        Stolen = "43",
        ClosedAccount = "46",
        Expired = "54",
        NotPermitted = "57",
        SuspectedFraud = "59",
        Restricted = "62",
        SecurityViolation = "63",
        ContactIssuer = "70",
        PinTriesExceeded = "75",
        Destroyed = "83",
        RefundGiven = "98",
        Voided = "99",
        ShortTermDebitBlock = "G1",
        ShortTermFullBlock = "G2",
        LongTermDebitBlock = "G3",
        LongTermFullBlock = "G4",
        FraudShortTermDebitBlock = "G5",
        FraudShortTermFullBlock = "G6",
        FraudLongTermDebitBlock = "G7",
        FraudLongTermFullBlock = "G8",
    }
);

impl CardStatusCode {
    /// A final status: the card can never change again.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Stolen | Self::Expired | Self::Destroyed | Self::Voided | Self::ClosedAccount
        )
    }
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardListItem {
    pub id: Option<i64>,
    pub public_token: String,
    /// Masked by the server (`441353******1149`); never a full number.
    pub card_no: String,
    pub card_scheme: Option<String>,
    pub currency: Option<String>,
    pub status: CardLocalStatus,
    pub is_physical: Option<bool>,
    pub kyc_id: Option<i64>,
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardListData {
    #[serde(default)]
    pub total: i64,
    #[serde(default)]
    pub cards: Vec<CardListItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardListResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Missing: no cards (the service's mobile client reads it so).
    #[serde(default)]
    pub data: CardListData,
}

/// A card's account. Money (the balance, fees, limits) is exact decimal text, read from a
/// number's JSON text or a string and written as a string; one that is not a plain decimal is
/// not said. Read from JSON only (the money from its raw text): the API and the cache.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardAccountDetails {
    pub id: Option<i64>,
    #[serde(default)]
    pub public_token: String,
    #[serde(default)]
    pub card_no: String,
    pub card_scheme: Option<String>,
    pub card_id: Option<i64>,
    pub currency_code: Option<String>,
    pub currency_id: Option<i64>,
    pub status: Option<CardLocalStatus>,
    pub member_name: Option<String>,
    pub kyc_id: Option<i64>,
    pub agent_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub balance: Option<Amount>,
    /// The card fee.
    #[serde(default, deserialize_with = "opt_amount")]
    pub amount: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub recharge_fee: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub withdraw_fee: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub transaction_fee: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub cross_border_fee: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub recharge_min: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub recharge_max: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub withdraw_min: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub withdraw_max: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub single_quota: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub day_quota: Option<Amount>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub month_quota: Option<Amount>,
    pub is_recharge: Option<i64>,
    pub is_withdraw: Option<i64>,
    pub physical: Option<bool>,
    pub update_physical: Option<bool>,
    #[serde(default, deserialize_with = "opt_amount")]
    pub upgrade_amount: Option<Amount>,
    pub bill_address: Option<String>,
    pub postal_code: Option<String>,
    pub activate_time: Option<i64>,
    pub created_time: Option<i64>,
    pub updated_time: Option<i64>,
    pub deleted_time: Option<i64>,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub expiry_date: Option<String>,
    /// Months.
    pub card_expiry: Option<i64>,
}

/// Read from `data`, or from the top level when `data` is missing, as the service's mobile
/// client does (then the answer's `status` shadows the card's).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AccountDetailsResponse {
    pub status: Option<String>,
    pub message: Option<String>,
    pub data: CardAccountDetails,
}

impl CardAccountDetails {
    /// The members that hold money, by their JSON names (the contract sends them as numbers).
    pub const MONEY: [&'static str; 14] = [
        "balance",
        "amount",
        "recharge_fee",
        "withdraw_fee",
        "transaction_fee",
        "cross_border_fee",
        "recharge_min",
        "recharge_max",
        "withdraw_min",
        "withdraw_max",
        "single_quota",
        "day_quota",
        "month_quota",
        "upgrade_amount",
    ];
}

/// The answer's raw JSON text first, then the details from `data`'s text or the whole: a
/// `#[serde(flatten)]` read of the top level would pass the money through an `f64`.
impl<'de> Deserialize<'de> for AccountDetailsResponse {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Head {
            #[serde(default)]
            status: Option<String>,
            #[serde(default)]
            message: Option<String>,
            #[serde(default)]
            data: Option<Box<RawValue>>,
        }
        let whole = Box::<RawValue>::deserialize(d)?;
        let head: Head = serde_json::from_str(whole.get()).map_err(serde::de::Error::custom)?;
        let details = head.data.as_deref().unwrap_or(&whole);
        Ok(AccountDetailsResponse {
            status: head.status,
            message: head.message,
            data: serde_json::from_str(details.get()).map_err(serde::de::Error::custom)?,
        })
    }
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardStatusData {
    pub public_token: String,
    pub status: CardLocalStatus,
    #[serde(default)]
    pub card_no: String,
    pub currency_code: Option<String>,
    pub is_recharge: Option<i64>,
    pub is_withdraw: Option<i64>,
    pub created_time: Option<i64>,
}

/// `GET /card/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardStatusResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub data: CardStatusData,
}

/// `PUT /card/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeCardStatusRequest {
    pub public_token: String,
    pub card_status_code: CardStatusCode,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardStatusChange {
    /// Processor status name, e.g. `ShortTermDebitBlock`.
    pub card_status: String,
    pub card_status_code: CardStatusCode,
    pub description: String,
    pub public_token: String,
    /// e.g. `Frozen`.
    pub status_name: String,
    /// `YYYY-MM-DD`.
    pub updated: String,
    pub updated_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeCardStatusResponse {
    pub data: CardStatusChange,
    pub message: String,
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_are_kept_raw() {
        let s: CardLocalStatus = serde_json::from_str("\"suspended\"").unwrap();
        assert_eq!(s, CardLocalStatus::Unknown("suspended".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"suspended\"");
        let c: CardStatusCode = serde_json::from_str("\"G1\"").unwrap();
        assert_eq!(c, CardStatusCode::ShortTermDebitBlock);
        assert!(CardStatusCode::from("99").is_final());
    }

    fn details(body: &str) -> CardAccountDetails {
        serde_json::from_str::<AccountDetailsResponse>(body)
            .unwrap()
            .data
    }

    #[test]
    fn money_keeps_its_exact_text_under_data_and_at_the_top_level() {
        for body in [
            r#"{"status":"success","data":{"balance":1000.00,"recharge_fee":"1.50","amount":10}}"#,
            r#"{"status":"success","data":null,"balance":1000.00,"recharge_fee":"1.50","amount":10}"#,
            r#"{"balance":1000.00,"recharge_fee":"1.50","amount":10}"#,
        ] {
            let d = details(body);
            let money = |a: &Option<Amount>| a.as_ref().map(|a| a.as_str().to_owned());
            assert_eq!(money(&d.balance).as_deref(), Some("1000.00"), "{body}");
            assert_eq!(money(&d.recharge_fee).as_deref(), Some("1.50"), "{body}");
            assert_eq!(money(&d.amount).as_deref(), Some("10"), "{body}");
        }
        let top = serde_json::from_str::<AccountDetailsResponse>(
            r#"{"status":"success","message":"ok","balance":"0.10"}"#,
        )
        .unwrap();
        assert_eq!(top.status.as_deref(), Some("success"));
        assert_eq!(top.data.status, Some(CardLocalStatus::from("success")));
        assert_eq!(top.data.balance.unwrap().as_str(), "0.10");
    }

    #[test]
    fn money_that_is_not_a_plain_decimal_is_not_said() {
        let d = details(
            r#"{"data":{"balance":"N/A","amount":1e2,"recharge_fee":true,"withdraw_fee":null,"day_quota":""}}"#,
        );
        assert_eq!(
            (
                d.balance,
                d.amount,
                d.recharge_fee,
                d.withdraw_fee,
                d.day_quota
            ),
            (None, None, None, None, None)
        );
    }

    #[test]
    fn kept_details_read_back_the_same_and_older_caches_still_read() {
        let d = details(r#"{"data":{"public_token":"1","balance":1234.50,"amount":"10.00"}}"#);
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains(r#""balance":"1234.50""#), "{json}");
        assert_eq!(
            serde_json::from_str::<CardAccountDetails>(&json).unwrap(),
            d
        );
        // An older version wrote f64s: the value survives as the text it was written with.
        let old: CardAccountDetails =
            serde_json::from_str(r#"{"public_token":"1","balance":1234.5,"upgrade_amount":0.0}"#)
                .unwrap();
        assert_eq!(old.balance.unwrap().as_str(), "1234.5");
        assert_eq!(old.upgrade_amount.unwrap().as_str(), "0.0");
    }

    /// [`CardAccountDetails::MONEY`] names exactly the members written as amounts.
    #[test]
    fn the_money_list_names_every_amount() {
        let one = || Amount::parse("1").ok();
        let d = CardAccountDetails {
            balance: one(),
            amount: one(),
            recharge_fee: one(),
            withdraw_fee: one(),
            transaction_fee: one(),
            cross_border_fee: one(),
            recharge_min: one(),
            recharge_max: one(),
            withdraw_min: one(),
            withdraw_max: one(),
            single_quota: one(),
            day_quota: one(),
            month_quota: one(),
            upgrade_amount: one(),
            ..Default::default()
        };
        let json = serde_json::to_value(&d).unwrap();
        let mut amounts: Vec<&str> = json
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| v.as_str() == Some("1"))
            .map(|(k, _)| k.as_str())
            .collect();
        let mut money = CardAccountDetails::MONEY.to_vec();
        amounts.sort_unstable();
        money.sort_unstable();
        assert_eq!(amounts, money);
    }

    proptest::proptest! {
        /// Any decimal of up to 18 digits arrives exactly as a balance, sent as a JSON number
        /// or a string, under `data` or at the top level.
        #[test]
        fn any_decimal_balance_arrives_exactly(
            negative: bool,
            whole in "[1-9][0-9]{0,8}|0",
            fraction in proptest::option::of("[0-9]{1,9}"),
            as_string: bool,
            top_level: bool,
        ) {
            let sign = if negative { "-" } else { "" };
            let text = match fraction {
                Some(f) => format!("{sign}{whole}.{f}"),
                None => format!("{sign}{whole}"),
            };
            let literal = if as_string { format!("\"{text}\"") } else { text.clone() };
            let body = if top_level {
                format!(r#"{{"status":"success","balance":{literal}}}"#)
            } else {
                format!(r#"{{"status":"success","data":{{"balance":{literal}}}}}"#)
            };
            let d = details(&body);
            proptest::prop_assert_eq!(d.balance.as_ref().map(Amount::as_str), Some(text.as_str()));
        }
    }
}
