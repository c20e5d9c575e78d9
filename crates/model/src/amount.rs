//! An exact decimal amount of money, kept as the text the server sent.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An amount of money as exact decimal text: an optional `-`, digits, and optionally a `.`
/// followed by more digits (`12.50`, `-3`, `0.001`). Never an `f64`: a binary float holds
/// most decimal fractions only approximately and drops trailing zeros, and money shown to a
/// cardholder must read exactly as the service sent it.
///
/// Serialized as a JSON string, which every format (cache, IPC, `ccp --json`) carries exactly.
/// Read from a string or a number; a number reaches a visitor as an `f64` unless the caller
/// keeps its JSON text (the transaction decoder does, see `api::TransactionPage`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Amount(String);

/// Text that is not a plain decimal amount. Says nothing of the text: server values stay out
/// of errors and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a plain decimal amount (an optional minus, digits, optionally a fraction)")]
pub struct NotAnAmount;

impl Amount {
    /// `text`, trimmed, if it is a plain decimal. Exponents (`1e2`), a leading `+`, a bare
    /// `.5` or `5.`, `NaN` and the like are not: they are kept raw by the caller instead.
    pub fn parse(text: &str) -> Result<Amount, NotAnAmount> {
        let text = text.trim();
        if is_plain_decimal(text) {
            Ok(Amount(text.to_owned()))
        } else {
            Err(NotAnAmount)
        }
    }

    /// The exact text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Below zero (`-0.00` is not).
    pub fn is_negative(&self) -> bool {
        self.0.starts_with('-') && self.0.bytes().any(|b| matches!(b, b'1'..=b'9'))
    }

    /// Above zero (`0.00` and `-0` are not).
    pub fn is_positive(&self) -> bool {
        !self.0.starts_with('-') && self.0.bytes().any(|b| matches!(b, b'1'..=b'9'))
    }

    /// For display: a sign only when below zero, and at least two decimals, padded with
    /// zeros (`12.5` → `12.50`, `-3` → `-3.00`). Longer fractions are kept whole: rounding
    /// would show an amount the server did not send.
    pub fn to_display(&self) -> String {
        let digits = self.0.strip_prefix('-').unwrap_or(&self.0);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let sign = if self.is_negative() { "-" } else { "" };
        format!("{sign}{whole}.{fraction:0<2}")
    }
}

/// `-?[0-9]+(\.[0-9]+)?`
fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    match digits.split_once('.') {
        Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
        None => all_digits(digits),
    }
}

impl FromStr for Amount {
    type Err = NotAnAmount;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Amount::parse(s)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AmountVisitor)
    }
}

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal amount as a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        Amount::parse(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Ok(Amount(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Amount, E> {
        Ok(Amount(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Amount, E> {
        Ok(Amount(v.to_string()))
    }

    /// Only what an `f64` still holds (its shortest text; Rust writes no exponent). The values
    /// this client writes itself are strings, so this is for caches of older versions.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        Amount::parse(&v.to_string()).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_decimals_only() {
        for ok in ["0", "-0", "12.50", "-3", "0.001", "007.10", " 4.2 "] {
            assert!(Amount::parse(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            "", "-", "1e2", "1E+2", "+5", ".5", "5.", "1.2.3", "NaN", "inf", "1,000", "12 50",
            "--1", "٣",
        ] {
            assert_eq!(Amount::parse(bad), Err(NotAnAmount), "{bad:?}");
        }
        assert_eq!(Amount::parse(" 4.2 ").unwrap().as_str(), "4.2");
    }

    #[test]
    fn display_pads_to_cents_and_never_rounds() {
        for (text, shown) in [
            ("12.5", "12.50"),
            ("12.50", "12.50"),
            ("-3", "-3.00"),
            ("0.125", "0.125"),
            ("-0.00", "0.00"),
            ("1234567.8", "1234567.80"),
        ] {
            assert_eq!(Amount::parse(text).unwrap().to_display(), shown, "{text}");
        }
        assert!(Amount::parse("-0.01").unwrap().is_negative());
        assert!(!Amount::parse("-0").unwrap().is_negative());
    }

    #[test]
    fn serde_writes_text_and_reads_text_or_numbers() {
        let a = Amount::parse("12.50").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), r#""12.50""#);
        assert_eq!(serde_json::from_str::<Amount>(r#""12.50""#).unwrap(), a);
        assert_eq!(serde_json::from_str::<Amount>("-7").unwrap().as_str(), "-7");
        // A plain serde_json number goes through f64: the value survives, the zero does not.
        assert_eq!(
            serde_json::from_str::<Amount>("12.50").unwrap().as_str(),
            "12.5"
        );
        assert!(serde_json::from_str::<Amount>(r#""1e2""#).is_err());
        let e = serde_json::from_str::<Amount>(r#""S3CRET""#).unwrap_err();
        assert!(!e.to_string().contains("S3CRET"), "{e}");
    }

    /// A decimal of up to 18 digits, with or without a sign and a fraction.
    fn decimal() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            "[0-9]{1,9}",
            proptest::option::of("[0-9]{1,9}"),
        )
            .prop_map(|(negative, whole, fraction)| {
                let sign = if negative { "-" } else { "" };
                match fraction {
                    Some(f) => format!("{sign}{whole}.{f}"),
                    None => format!("{sign}{whole}"),
                }
            })
    }

    proptest! {
        #[test]
        fn any_decimal_round_trips_exactly(text in decimal()) {
            let a = Amount::parse(&text).unwrap();
            prop_assert_eq!(a.as_str(), text.as_str());
            let json = serde_json::to_string(&a).unwrap();
            prop_assert_eq!(serde_json::from_str::<Amount>(&json).unwrap(), a.clone());
            let shown = a.to_display();
            prop_assert!(shown.trim_start_matches('-').starts_with(text.trim_start_matches('-')));
        }

        #[test]
        fn anything_else_is_refused_without_panicking(text in "(?s).{0,24}") {
            if let Ok(a) = Amount::parse(&text) {
                prop_assert!(is_plain_decimal(a.as_str()));
                prop_assert!(!a.as_str().contains(['e', 'E', '+']));
            }
        }
    }
}
