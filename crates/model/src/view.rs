//! What the window and the CLI show: built by the core from API bodies and the cache.

use crate::api::{
    CardLocalStatus, KycEligibility, KycStatus, Message, MessageKind, Transaction, User,
};
use crate::{Amount, Sensitive};
use serde::{Deserialize, Serialize};

/// At most the BIN (first 6) and the last 4 digits; everything else masked, whatever the
/// input held. The server only sends masked numbers, but the client does not rely on it.
pub fn mask_card_number(card_no: &str) -> String {
    let digits: Vec<char> = card_no.chars().filter(|c| c.is_ascii_digit()).collect();
    let shown_end = digits.len().min(4);
    // A real PAN has 13–19 digits; the masked form keeps its length when it is known.
    let len = card_no
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '*')
        .count()
        .max(digits.len());
    if len < 10 {
        return format!("•••• {}", tail(&digits, shown_end));
    }
    let bin: String = card_no
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .take(6)
        .collect();
    let hidden = len.saturating_sub(bin.len() + 4);
    format!("{bin}{}{}", "•".repeat(hidden), tail(&digits, shown_end))
}

fn tail(digits: &[char], n: usize) -> String {
    digits[digits.len() - n..].iter().collect()
}

/// Something read from the server, with the time it was fetched (Unix seconds), so the UI can
/// say how old an offline view is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fetched<T> {
    pub data: T,
    pub fetched_at: Option<i64>,
}

impl<T: Default> Default for Fetched<T> {
    fn default() -> Self {
        Fetched {
            data: T::default(),
            fetched_at: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardView {
    pub public_token: String,
    /// BIN + last 4 at most, e.g. `441353••••••1149`.
    pub masked_number: String,
    pub scheme: Option<String>,
    pub currency: Option<String>,
    /// Exact, as the server sent it (a string in JSON); `None` when not said.
    pub balance: Option<Amount>,
    pub status: CardLocalStatus,
    pub is_physical: bool,
    pub expiry_date: Option<String>,
    /// The name on the card (`member_name`).
    #[serde(default)]
    pub holder: Option<String>,
    #[serde(default)]
    pub limits: CardLimits,
    #[serde(default)]
    pub fees: CardFees,
}

/// Spending limits from the card's details: per transaction, per day, per month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardLimits {
    pub single: Option<Amount>,
    pub day: Option<Amount>,
    pub month: Option<Amount>,
}

/// Fees from the card's details, exact as the server sent them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardFees {
    /// The card's own fee (`amount`).
    pub card: Option<Amount>,
    pub recharge: Option<Amount>,
    pub withdraw: Option<Amount>,
    pub transaction: Option<Amount>,
    pub cross_border: Option<Amount>,
}

impl CardFees {
    pub fn is_empty(&self) -> bool {
        *self == CardFees::default()
    }
}

impl CardLimits {
    pub fn is_empty(&self) -> bool {
        *self == CardLimits::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionsView {
    pub public_token: String,
    pub transactions: Vec<Transaction>,
    pub total: i64,
    /// Transactions of the last answer that could not be read (skipped, not failed). Not
    /// cached: a copy read from the cache says 0.
    #[serde(default)]
    pub unreadable: u32,
}

impl TransactionsView {
    /// Adds a later page, skipping what is already here (by transaction id, else reference):
    /// when new transactions arrive, the server's pages shift and the next page repeats the end
    /// of the last one.
    pub fn append_new(&mut self, page: TransactionsView) {
        let id = |x: &Transaction| x.transaction_id.clone().or_else(|| x.trade_id.clone());
        for x in page.transactions {
            let seen = id(&x)
                .is_some_and(|i| self.transactions.iter().any(|y| id(y).as_ref() == Some(&i)));
            if !seen {
                self.transactions.push(x);
            }
        }
        self.total = self.total.max(page.total);
        self.unreadable += page.unreadable;
    }
}

/// One row of the feed across cards: a transaction and the card it was made with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedEntry {
    pub public_token: String,
    /// The card's last four digits (what a cardholder tells cards apart by).
    pub last4: String,
    /// The card's scheme as the server said it (`visa`, …).
    pub scheme: Option<String>,
    pub transaction: Transaction,
}

/// Every card's transactions in one list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedView {
    pub entries: Vec<FeedEntry>,
    /// How many transactions the cards have in all, as the server says (what a search that
    /// has not read them all has not searched).
    pub total: i64,
    /// Transactions of the answers that could not be read (skipped, not failed).
    pub unreadable: u32,
    /// Cards whose transactions could not be had (offline and never fetched).
    pub cards_missing: u32,
}

impl FeedView {
    /// One list from each card's: newest first by the time each transaction names; a time that
    /// cannot be read sorts last (in the card's own order, which is the server's).
    pub fn merge(lists: Vec<(&CardView, TransactionsView)>) -> FeedView {
        let mut feed = FeedView::default();
        for (card, list) in lists {
            feed.total += list.total.max(list.transactions.len() as i64);
            feed.unreadable += list.unreadable;
            let last4: String = {
                let digits: Vec<char> = card
                    .masked_number
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                digits[digits.len().saturating_sub(4)..].iter().collect()
            };
            feed.entries
                .extend(list.transactions.into_iter().map(|transaction| FeedEntry {
                    public_token: card.public_token.clone(),
                    last4: last4.clone(),
                    scheme: card.scheme.clone(),
                    transaction,
                }));
        }
        // Stable: equal times keep the cards' order.
        feed.entries
            .sort_by_key(|e| std::cmp::Reverse(e.transaction.unix_time().unwrap_or(i64::MIN)));
        feed
    }

    /// Whether every transaction the server counts is here (so a search has seen them all).
    pub fn is_whole(&self) -> bool {
        self.cards_missing == 0 && self.entries.len() as i64 >= self.total
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasscodeView {
    pub id: i64,
    pub merchant_name: String,
    /// Exactly as the server sent it (`12.50`, never `12.5`); see `ThreeDsRecord::amount`.
    pub amount: String,
    pub currency: String,
    pub passcode: Sensitive,
    /// RFC 3339, as the server sent it.
    pub received_at: String,
    /// Unix seconds; `expires_at - now` is the countdown.
    pub received_at_unix: i64,
    pub expires_at_unix: i64,
}

impl PasscodeView {
    /// Seconds until the code expires: never below 0, and never above its whole validity —
    /// a clock a moment behind the server's (or a window's clock read a tick late) must not
    /// show `5:01` for a five-minute code.
    pub fn seconds_left(&self, now_unix: i64) -> i64 {
        let validity = (self.expires_at_unix - self.received_at_unix).max(0);
        (self.expires_at_unix - now_unix).clamp(0, validity)
    }
    pub fn is_live(&self, now_unix: i64) -> bool {
        self.seconds_left(now_unix) > 0
    }
}

/// A cached 3-D Secure record for the history: where, how much, when — without its code (an
/// old code is no use to anyone, and the window's history has no reason to hold it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PastPasscode {
    pub id: i64,
    pub merchant_name: String,
    pub amount: String,
    pub currency: String,
    pub received_at_unix: i64,
    pub expires_at_unix: i64,
}

impl From<&PasscodeView> for PastPasscode {
    fn from(p: &PasscodeView) -> Self {
        PastPasscode {
            id: p.id,
            merchant_name: p.merchant_name.clone(),
            amount: p.amount.clone(),
            currency: p.currency.clone(),
            received_at_unix: p.received_at_unix,
            expires_at_unix: p.expires_at_unix,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KycView {
    pub status: Option<KycStatus>,
    pub eligibility: Option<KycEligibility>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connectivity {
    Online,
    Offline,
    /// Reached, but the server keeps failing (5xx, 429, undecodable answers).
    Degraded,
    Unknown,
}

/// Where syncing stands, for the status bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub connectivity: Connectivity,
    pub last_success: Option<i64>,
    pub next_attempt: Option<i64>,
    pub last_error: Option<String>,
    /// 3-D Secure records of the last sync that could not be read (skipped, not failed).
    #[serde(default)]
    pub unreadable_records: u32,
}

impl Default for SyncStatus {
    fn default() -> Self {
        SyncStatus {
            connectivity: Connectivity::Unknown,
            last_success: None,
            next_attempt: None,
            last_error: None,
            unreadable_records: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub email: String,
    pub user: Option<User>,
    /// Set when no OS keyring could hold the session: why, so the window can say that this
    /// session ends with the app and nothing is cached on disk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_kept: Option<String>,
}

/// Everything the window paints at start, straight from the cache.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub session: Option<SessionInfo>,
    pub cards: Fetched<Vec<CardView>>,
    pub passcodes: Fetched<Vec<PasscodeView>>,
    pub kyc: Fetched<KycView>,
    pub sync: SyncStatus,
    /// Cards unfrozen for one checkout, and when each is frozen again.
    #[serde(default)]
    pub refreeze: Vec<RefreezeDeadline>,
    /// The last card whose unfreeze time ran out while this app ran (or just before it started).
    #[serde(default)]
    pub refrozen: Option<Refrozen>,
    /// The account's notifications and the service's announcements.
    #[serde(default)]
    pub messages: Fetched<MessagesView>,
}

/// The newest notifications and announcements, and how many of each are unread.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagesView {
    pub notifications: Vec<Message>,
    pub announcements: Vec<Message>,
    /// Unread notifications, as the service counts them (else as the kept list shows).
    pub unread_notifications: u32,
    pub unread_announcements: u32,
}

impl MessagesView {
    pub fn unread(&self) -> u32 {
        self.unread_notifications
            .saturating_add(self.unread_announcements)
    }

    pub fn list(&self, kind: MessageKind) -> &[Message] {
        match kind {
            MessageKind::Notification => &self.notifications,
            MessageKind::Announcement => &self.announcements,
        }
    }
}

/// A card unfrozen "for one checkout": it is frozen again at `at` (Unix seconds), by the app
/// or, if none runs then, by the next start of the app or `ccp`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreezeDeadline {
    pub public_token: String,
    pub at: i64,
    /// The last attempt to freeze it again failed: why (it is retried).
    #[serde(default)]
    pub last_error: Option<String>,
}

/// What became of a card whose unfreeze time ran out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refrozen {
    pub public_token: String,
    /// When its time ran out (Unix seconds).
    pub deadline: i64,
    /// Frozen again: the card as the server now reports it.
    pub card: Option<CardView>,
    /// Not frozen (yet): why; it is tried again.
    pub error: Option<String>,
}

/// The answer to "Wasn't me": every card that was active, frozen or not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FreezeAllReport {
    pub frozen: Vec<CardView>,
    /// Cards that could not be frozen: (card, why).
    pub failed: Vec<(CardView, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_to_bin_and_last_four() {
        assert_eq!(mask_card_number("441353******1149"), "441353••••••1149");
        // A full number, should one ever arrive, is masked all the same.
        assert_eq!(mask_card_number("4413531234561149"), "441353••••••1149");
        assert_eq!(mask_card_number("1149"), "•••• 1149");
    }

    fn card(token: &str, masked: &str) -> CardView {
        CardView {
            public_token: token.into(),
            masked_number: masked.into(),
            scheme: Some("visa".into()),
            currency: None,
            balance: None,
            status: CardLocalStatus::Normal,
            is_physical: false,
            expiry_date: None,
            holder: None,
            limits: CardLimits::default(),
            fees: CardFees::default(),
        }
    }

    fn list(token: &str, times: &[&str], total: i64) -> TransactionsView {
        TransactionsView {
            public_token: token.into(),
            transactions: times
                .iter()
                .map(|t| Transaction {
                    trade_time: Some((*t).into()),
                    merchant_name: Some(format!("{token} {t}")),
                    ..Transaction::default()
                })
                .collect(),
            total,
            unreadable: 1,
        }
    }

    #[test]
    fn the_feed_is_newest_first_across_cards_with_each_rows_card() {
        let (a, b) = (card("a", "441353••••••1149"), card("b", "•••• 0042"));
        let feed = FeedView::merge(vec![
            (
                &a,
                list(
                    "a",
                    &["2026-10-03T12:00:00Z", "2026-10-01 09:00:00", "??"],
                    5,
                ),
            ),
            (
                &b,
                list("b", &["1791000000", "2026-10-02T00:00:00+08:00"], 2),
            ),
        ]);
        let order: Vec<_> = feed
            .entries
            .iter()
            .map(|e| e.transaction.merchant_name.clone().unwrap())
            .collect();
        assert_eq!(
            order,
            [
                "a 2026-10-03T12:00:00Z",
                "b 1791000000",
                "b 2026-10-02T00:00:00+08:00",
                "a 2026-10-01 09:00:00",
                "a ??",
            ]
        );
        assert_eq!(feed.entries[0].last4, "1149");
        assert_eq!(feed.entries[1].last4, "0042");
        assert_eq!((feed.total, feed.unreadable), (7, 2));
        assert!(!feed.is_whole(), "5 + 2 counted, 5 here");
    }

    #[test]
    fn countdown_never_negative() {
        let p = PasscodeView {
            id: 1,
            merchant_name: "Amazon".into(),
            amount: "1.00".into(),
            currency: "USD".into(),
            passcode: Sensitive::new("012345"),
            received_at: "2026-01-20T10:30:00Z".into(),
            received_at_unix: 100,
            expires_at_unix: 400,
        };
        assert_eq!(p.seconds_left(390), 10);
        assert_eq!(p.seconds_left(500), 0);
        assert!(!p.is_live(400));
        // A clock behind the server's: the full validity, not more.
        assert_eq!(p.seconds_left(99), 300);
        assert_eq!(p.seconds_left(90), 300);
    }
}
