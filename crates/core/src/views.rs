//! API bodies → what the window shows.

use ccp_model::api::{CardAccountDetails, CardListItem, ThreeDsRecord};
use ccp_model::view::{CardFees, CardLimits, CardView, PasscodeView, mask_card_number};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub fn card_view(item: &CardListItem, details: Option<&CardAccountDetails>) -> CardView {
    CardView {
        public_token: item.public_token.clone(),
        masked_number: mask_card_number(&item.card_no),
        scheme: item
            .card_scheme
            .clone()
            .or_else(|| details.and_then(|d| d.card_scheme.clone())),
        currency: item
            .currency
            .clone()
            .or_else(|| details.and_then(|d| d.currency_code.clone())),
        balance: details.and_then(|d| d.balance.clone()),
        status: item.status.clone(),
        is_physical: item
            .is_physical
            .or_else(|| details.and_then(|d| d.physical))
            .unwrap_or(false),
        expiry_date: details.and_then(|d| d.expiry_date.clone()),
        holder: details
            .and_then(|d| d.member_name.clone())
            .filter(|n| !n.trim().is_empty()),
        limits: CardLimits {
            single: details.and_then(|d| d.single_quota.clone()),
            day: details.and_then(|d| d.day_quota.clone()),
            month: details.and_then(|d| d.month_quota.clone()),
        },
        fees: CardFees {
            card: details.and_then(|d| d.amount.clone()),
            recharge: details.and_then(|d| d.recharge_fee.clone()),
            withdraw: details.and_then(|d| d.withdraw_fee.clone()),
            transaction: details.and_then(|d| d.transaction_fee.clone()),
            cross_border: details.and_then(|d| d.cross_border_fee.clone()),
        },
    }
}

/// RFC 3339 → Unix seconds; `None` when the server sent something else.
pub fn unix_of(rfc3339: &str) -> Option<i64> {
    OffsetDateTime::parse(rfc3339, &Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

pub fn passcode_view(r: &ThreeDsRecord) -> PasscodeView {
    // An unreadable time keeps the record listed but expired (both times 0): a code whose age
    // is unknown may be long dead, and taking it as "now" would present it as live.
    let (received, expires) = match unix_of(&r.received_at) {
        // A server number: saturating, so a huge `expires_after` cannot overflow.
        Some(t) => (t, t.saturating_add(r.expires_after.max(0))),
        None => (0, 0),
    };
    PasscodeView {
        id: r.id,
        merchant_name: r.merchant_name.clone(),
        amount: r.amount.clone(),
        currency: r.currency.clone(),
        passcode: r.passcode.clone(),
        received_at: r.received_at.clone(),
        received_at_unix: received,
        expires_at_unix: expires,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Sensitive;

    #[test]
    fn passcode_times_and_masking() {
        let r = ThreeDsRecord {
            id: 7,
            amount: "100.00".into(),
            currency: "USD".into(),
            expires_after: 300,
            merchant_name: "Amazon".into(),
            passcode: Sensitive::new("012345"),
            received_at: "2026-01-20T10:30:00.123456789Z".into(),
        };
        let v = passcode_view(&r);
        assert_eq!(v.received_at_unix, 1_768_905_000);
        assert_eq!(v.expires_at_unix, 1_768_905_300);
        assert_eq!(v.passcode.expose(), "012345");
        let item: CardListItem = serde_json::from_str(
            r#"{"public_token":"1","card_no":"4413531234561149","status":"frozen","currency":"HKD"}"#,
        )
        .unwrap();
        let c = card_view(&item, None);
        assert_eq!(c.masked_number, "441353••••••1149");
        assert_eq!(c.currency.as_deref(), Some("HKD"));
        assert!(!c.is_physical);
    }

    fn record(received_at: &str, expires_after: i64) -> ThreeDsRecord {
        ThreeDsRecord {
            id: 8,
            amount: "1.00".into(),
            currency: "USD".into(),
            expires_after,
            merchant_name: "M".into(),
            passcode: Sensitive::new("111111"),
            received_at: received_at.into(),
        }
    }

    #[test]
    fn a_card_shows_its_holder_limits_and_fees_from_its_details() {
        let item: CardListItem = serde_json::from_value(serde_json::json!({
            "public_token": "tok", "card_no": "4413531234561149", "status": "normal"
        }))
        .unwrap();
        let details: CardAccountDetails = serde_json::from_str(
            r#"{"public_token":"tok","card_no":"4413531234561149","member_name":"TAI MAN CHAN",
               "single_quota":5000.00,"day_quota":"10000.00","month_quota":50000,
               "amount":"10.00","cross_border_fee":1.50}"#,
        )
        .unwrap();
        let v = card_view(&item, Some(&details));
        assert_eq!(v.holder.as_deref(), Some("TAI MAN CHAN"));
        let text = |a: &Option<ccp_model::Amount>| a.as_ref().map(|a| a.as_str().to_owned());
        assert_eq!(text(&v.limits.single).as_deref(), Some("5000.00"));
        assert_eq!(text(&v.limits.day).as_deref(), Some("10000.00"));
        assert_eq!(text(&v.limits.month).as_deref(), Some("50000"));
        assert_eq!(text(&v.fees.card).as_deref(), Some("10.00"));
        assert_eq!(text(&v.fees.cross_border).as_deref(), Some("1.50"));
        assert!(v.fees.recharge.is_none());
        let bare = card_view(&item, None);
        assert!(bare.holder.is_none() && bare.limits.is_empty() && bare.fees.is_empty());
    }

    #[test]
    fn an_unreadable_time_is_expired_not_live() {
        for bad in ["", "yesterday", "2026-13-45T99:00:00Z", "1768905000"] {
            let v = passcode_view(&record(bad, 300));
            assert_eq!((v.received_at_unix, v.expires_at_unix), (0, 0), "{bad:?}");
            assert!(!v.is_live(crate::now_unix()), "{bad:?}");
            // Still listed as the server sent it.
            assert_eq!((v.id, v.received_at.as_str()), (8, bad));
        }
    }

    #[test]
    fn server_numbers_cannot_overflow_the_expiry() {
        let at = "2026-01-20T10:30:00Z";
        let v = passcode_view(&record(at, i64::MAX));
        assert_eq!(v.expires_at_unix, i64::MAX);
        assert!(v.is_live(1_768_905_001));
        let v = passcode_view(&record(at, i64::MIN));
        assert_eq!(v.expires_at_unix, 1_768_905_000);
        assert!(!v.is_live(1_768_905_000));
        let v = passcode_view(&record(at, -5));
        assert_eq!(v.expires_at_unix, v.received_at_unix);
    }
}
