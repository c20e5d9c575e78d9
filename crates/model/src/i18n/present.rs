//! How the window, the tray and `ccp` say the same things: a countdown, how long ago data was
//! fetched, and the service's words (statuses, kinds, card networks) in the user's words. One copy, so the three never disagree (a negative
//! countdown, a "-1 min ago" from a clock behind the server's).

use super::{Lang, fill};
use crate::api::{CardLocalStatus, PokepayStatus, UserKycStatus};

/// `m:ss`, e.g. `4:05`; what is already over reads `0:00`.
pub fn countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

crate::texts! {
    /// How long ago, in the largest whole unit: what [`ago`] returns with its number.
    pub enum Ago {
        JustNow => ("just now", "刚刚", "الآن", "baru saja"),
        MinutesAgo => ("{} min ago", "{} 分钟前", "قبل {} دقيقة", "{} mnt lalu"),
        HoursAgo => ("{} h ago", "{} 小时前", "قبل {} ساعة", "{} jam lalu"),
        DaysAgo => ("{} d ago", "{} 天前", "قبل {} يوم", "{} hr lalu"),
    }
}

impl Ago {
    /// "2 min ago" in `lang`, for the number [`ago`] gave with this key.
    pub fn text(self, lang: Lang, n: i64) -> String {
        fill(self.get(lang), &[&n])
    }
}

/// Seconds one unit of an age lasts, by how old it is.
fn unit(secs: i64) -> i64 {
    match secs {
        ..3_600 => 60,
        3_600..86_400 => 3_600,
        _ => 86_400,
    }
}

/// How long before `now` data fetched at `fetched_at` (Unix seconds) was fetched: the unit's key
/// and how many of it. A clock a little behind the server's reads "just now", never the future.
pub fn ago(fetched_at: i64, now: i64) -> (Ago, i64) {
    let secs = (now - fetched_at).max(0);
    match secs {
        ..60 => (Ago::JustNow, 0),
        60..3_600 => (Ago::MinutesAgo, secs / 60),
        3_600..86_400 => (Ago::HoursAgo, secs / 3_600),
        _ => (Ago::DaysAgo, secs / 86_400),
    }
}

/// When what [`ago`] says next changes: the next whole minute, hour or day of the age.
pub fn ago_changes_at(fetched_at: i64, now: i64) -> i64 {
    let secs = (now - fetched_at).max(0);
    let unit = unit(secs);
    fetched_at + (secs / unit + 1) * unit
}

crate::texts! {
    /// The service's words (statuses, kinds, card networks) as the window, the tray and `ccp`
    /// name them.
    pub enum StatusText {
        // A card's status. `normal` is the service's word for a card in use: cardholders say
        // "active".
        CardNormal => ("Active", "正常", "نشطة", "Aktif"),
        CardActive => ("Active", "已激活", "نشطة", "Aktif"),
        CardFrozen => ("Frozen", "已冻结", "مجمّدة", "Dibekukan"),
        CardCancelled => ("Cancelled", "已注销", "ملغاة", "Dibatalkan"),
        CardUnactivate => ("Not activated", "未激活", "غير مفعّلة", "Belum diaktifkan"),
        // The user's overall verification.
        KycNone => ("Not verified", "未认证", "غير موثّق", "Belum terverifikasi"),
        KycPending => ("Under review", "审核中", "قيد المراجعة", "Sedang ditinjau"),
        KycVerified => ("Verified", "已认证", "موثّق", "Terverifikasi"),
        KycRejected => ("Rejected", "已拒绝", "مرفوض", "Ditolak"),
        // PokePay's review of one check (1–6).
        ReviewIncomplete => ("Not reviewed / incomplete", "未审核/未完成", "لم تُراجع / غير مكتملة", "Belum ditinjau / belum lengkap"),
        ReviewApproved => ("Approved", "已通过", "مقبولة", "Disetujui"),
        ReviewFailed => ("Failed", "未通过", "مرفوضة", "Gagal"),
        ReviewMismatch => ("Information mismatch", "信息不一致", "عدم تطابق المعلومات", "Informasi tidak cocok"),
        ReviewManual => ("Awaiting manual review", "等待人工审核", "بانتظار المراجعة اليدوية", "Menunggu tinjauan manual"),
        ReviewDuplicate => ("Duplicate ID number", "证件号码重复", "رقم هوية مكرر", "Nomor identitas duplikat"),
        // The service's own state of one check.
        CheckNotSubmitted => ("Not submitted yet", "尚未提交", "لم يُرسَل بعد", "Belum dikirim"),
        CheckWaiting => ("Waiting for review", "等待审核", "بانتظار المراجعة", "Menunggu tinjauan"),
        CheckInReview => ("In review", "审核中", "قيد المراجعة", "Sedang ditinjau"),
        CheckNotCompleted => ("Not completed", "未完成", "غير مكتمل", "Belum selesai"),
        CheckCancelled => ("Cancelled", "已取消", "أُلغي", "Dibatalkan"),
        // The verification fee.
        PaymentNone => ("Not paid", "未支付", "لم يُدفع", "Belum dibayar"),
        PaymentPending => ("Payment pending", "待支付", "الدفع معلّق", "Menunggu pembayaran"),
        PaymentProcessing => ("Payment processing", "支付处理中", "الدفع قيد المعالجة", "Pembayaran diproses"),
        PaymentCompleted => ("Paid", "已支付", "مدفوع", "Sudah dibayar"),
        PaymentFailed => ("Payment failed", "支付失败", "فشل الدفع", "Pembayaran gagal"),
        ActionCreatePayment => ("Pay the verification fee", "支付认证费用", "ادفع رسوم التحقق", "Bayar biaya verifikasi"),
        ActionCompletePayment => ("Complete the payment", "完成支付", "أكمل الدفع", "Selesaikan pembayaran"),
        // The account.
        AccountActive => ("Active", "正常", "نشط", "Aktif"),
        AccountInactive => ("Inactive", "未激活", "غير نشط", "Tidak aktif"),
        AccountSuspended => ("Suspended", "已停用", "موقوف", "Ditangguhkan"),
        AccountClosed => ("Closed", "已关闭", "مغلق", "Ditutup"),
        AccountPersonal => ("Personal", "个人", "شخصي", "Pribadi"),
        AccountBusiness => ("Business", "企业", "تجاري", "Bisnis"),
        // A transaction's state and kind.
        TxnCompleted => ("Completed", "已完成", "مكتملة", "Selesai"),
        TxnPending => ("Pending", "处理中", "قيد المعالجة", "Tertunda"),
        TxnDeclined => ("Declined", "已拒绝", "مرفوضة", "Ditolak"),
        TxnReversed => ("Reversed", "已撤销", "مُلغاة", "Dibatalkan"),
        TxnRefunded => ("Refunded", "已退款", "مستردة", "Dikembalikan"),
        TxnPurchase => ("Purchase", "消费", "شراء", "Pembelian"),
        TxnRefund => ("Refund", "退款", "استرداد", "Pengembalian dana"),
        TxnTopUp => ("Top-up", "充值", "شحن الرصيد", "Isi saldo"),
        TxnWithdrawal => ("Withdrawal", "提现", "سحب", "Penarikan"),
        TxnFee => ("Fee", "手续费", "رسوم", "Biaya"),
        TxnReversal => ("Reversal", "冲正", "عكس العملية", "Pembalikan"),
        TxnTransfer => ("Transfer", "转账", "تحويل", "Transfer"),
        // Card networks: their own names (UnionPay is 银联 in Chinese).
        SchemeVisa => ("Visa", "Visa", "Visa", "Visa"),
        SchemeMastercard => ("Mastercard", "Mastercard", "Mastercard", "Mastercard"),
        SchemeUnionPay => ("UnionPay", "银联", "UnionPay", "UnionPay"),
        SchemeAmex => ("American Express", "American Express", "American Express", "American Express"),
        SchemeJcb => ("JCB", "JCB", "JCB", "JCB"),
        SchemeDiscover => ("Discover", "Discover", "Discover", "Discover"),
    }
}

/// Which of the service's vocabularies a word comes from: the same word means different
/// things in different places (`pending` is a review, a payment or a transaction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vocabulary {
    CardStatus,
    KycStatus,
    CheckStatus,
    PaymentStatus,
    RequiredAction,
    AccountStatus,
    AccountType,
    TransactionStatus,
    TransactionType,
    CardScheme,
}

/// A word the service sent, as the cardholder reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// A value this client knows, in the user's language.
    Label(&'static str),
    /// A value it does not know yet: shown as sent (the window marks it), never dropped.
    AsSent(String),
    /// Missing or empty: shown as a dash.
    Nothing,
}

impl Said {
    pub fn text(&self) -> &str {
        match self {
            Said::Label(label) => label,
            Said::AsSent(raw) => raw,
            Said::Nothing => "—",
        }
    }

    pub fn is_known(&self) -> bool {
        matches!(self, Said::Label(_))
    }
}

use StatusText as S;
use Vocabulary as V;

/// Every word of every vocabulary, with the spellings it is known by (lower case). The
/// contract's enums are all here (a test reads them from the contract); the free-text fields'
/// words are those the contract's examples and the seeds name, and their usual siblings.
const WORDS: &[(Vocabulary, &[&str], StatusText)] = &[
    (V::CardStatus, &["normal"], S::CardNormal),
    (V::CardStatus, &["active"], S::CardActive),
    (V::CardStatus, &["frozen"], S::CardFrozen),
    (V::CardStatus, &["cancelled"], S::CardCancelled),
    (V::CardStatus, &["unactivate"], S::CardUnactivate),
    (V::KycStatus, &["none"], S::KycNone),
    (V::KycStatus, &["pending"], S::KycPending),
    (V::KycStatus, &["verified"], S::KycVerified),
    (V::KycStatus, &["rejected"], S::KycRejected),
    (V::CheckStatus, &["pending_submit"], S::CheckNotSubmitted),
    (V::CheckStatus, &["pending"], S::CheckWaiting),
    (V::CheckStatus, &["processing"], S::CheckInReview),
    (V::CheckStatus, &["approved"], S::ReviewApproved),
    (V::CheckStatus, &["rejected"], S::KycRejected),
    (V::CheckStatus, &["failed"], S::ReviewFailed),
    (V::CheckStatus, &["not_completed"], S::CheckNotCompleted),
    (V::CheckStatus, &["cancelled"], S::CheckCancelled),
    (V::PaymentStatus, &["none"], S::PaymentNone),
    (V::PaymentStatus, &["pending"], S::PaymentPending),
    (V::PaymentStatus, &["processing"], S::PaymentProcessing),
    (V::PaymentStatus, &["completed"], S::PaymentCompleted),
    (V::PaymentStatus, &["failed"], S::PaymentFailed),
    (
        V::RequiredAction,
        &["create_kyc_payment"],
        S::ActionCreatePayment,
    ),
    (
        V::RequiredAction,
        &["complete_payment"],
        S::ActionCompletePayment,
    ),
    (V::AccountStatus, &["active", "normal"], S::AccountActive),
    (
        V::AccountStatus,
        &["inactive", "unactivated"],
        S::AccountInactive,
    ),
    (
        V::AccountStatus,
        &["suspended", "frozen", "locked", "disabled"],
        S::AccountSuspended,
    ),
    (
        V::AccountStatus,
        &["closed", "deleted", "cancelled"],
        S::AccountClosed,
    ),
    (
        V::AccountType,
        &["personal", "individual"],
        S::AccountPersonal,
    ),
    (
        V::AccountType,
        &["business", "company", "corporate"],
        S::AccountBusiness,
    ),
    (
        V::TransactionStatus,
        &["completed", "success", "succeeded", "settled"],
        S::TxnCompleted,
    ),
    (
        V::TransactionStatus,
        &["pending", "processing", "authorized"],
        S::TxnPending,
    ),
    (
        V::TransactionStatus,
        &["failed", "declined", "rejected"],
        S::TxnDeclined,
    ),
    (
        V::TransactionStatus,
        &["reversed", "cancelled", "canceled", "voided"],
        S::TxnReversed,
    ),
    (V::TransactionStatus, &["refunded"], S::TxnRefunded),
    (
        V::TransactionType,
        &["consume", "purchase", "payment"],
        S::TxnPurchase,
    ),
    (V::TransactionType, &["refund"], S::TxnRefund),
    (
        V::TransactionType,
        &["recharge", "deposit", "topup", "top_up"],
        S::TxnTopUp,
    ),
    (
        V::TransactionType,
        &["withdraw", "withdrawal"],
        S::TxnWithdrawal,
    ),
    (V::TransactionType, &["fee"], S::TxnFee),
    (V::TransactionType, &["reversal"], S::TxnReversal),
    (V::TransactionType, &["transfer"], S::TxnTransfer),
    (V::CardScheme, &["visa"], S::SchemeVisa),
    (
        V::CardScheme,
        &["mastercard", "master"],
        S::SchemeMastercard,
    ),
    (
        V::CardScheme,
        &["unionpay", "union_pay", "cup"],
        S::SchemeUnionPay,
    ),
    (
        V::CardScheme,
        &["amex", "american_express", "americanexpress"],
        S::SchemeAmex,
    ),
    (V::CardScheme, &["jcb"], S::SchemeJcb),
    (V::CardScheme, &["discover"], S::SchemeDiscover),
];

/// `raw`, a word of `vocabulary`, in `lang`. Case and surrounding blanks do not matter.
pub fn said(lang: Lang, vocabulary: Vocabulary, raw: &str) -> Said {
    let word = raw.trim();
    if word.is_empty() {
        return Said::Nothing;
    }
    let lower = word.to_ascii_lowercase();
    WORDS
        .iter()
        .find(|(v, spellings, _)| *v == vocabulary && spellings.contains(&lower.as_str()))
        .map_or_else(
            || Said::AsSent(word.to_owned()),
            |(.., key)| Said::Label(key.get(lang)),
        )
}

/// [`said`] of an optional field: missing is [`Said::Nothing`].
pub fn said_opt(lang: Lang, vocabulary: Vocabulary, raw: Option<&str>) -> Said {
    said(lang, vocabulary, raw.unwrap_or_default())
}

/// A card status in `lang`; one this client does not know shows as the server spelled it.
pub fn card_status(lang: Lang, status: &CardLocalStatus) -> String {
    said(lang, V::CardStatus, status.as_str()).text().to_owned()
}

/// The user's overall KYC state in `lang`; an unknown one shows raw, an empty one (the
/// mobile client's "not said") as a dash.
pub fn kyc_status(lang: Lang, status: &UserKycStatus) -> String {
    said(lang, V::KycStatus, status.as_str()).text().to_owned()
}

/// What PokePay's review number means, in `lang`; `None` for a number this client does not know.
pub fn review(lang: Lang, status: PokepayStatus) -> Option<&'static str> {
    let key = match status {
        PokepayStatus::NOT_REVIEWED => StatusText::ReviewIncomplete,
        PokepayStatus::APPROVED => StatusText::ReviewApproved,
        PokepayStatus::FAILED => StatusText::ReviewFailed,
        PokepayStatus::INFORMATION_MISMATCH => StatusText::ReviewMismatch,
        PokepayStatus::MANUAL_REVIEW => StatusText::ReviewManual,
        PokepayStatus::DUPLICATE_ID => StatusText::ReviewDuplicate,
        _ => return None,
    };
    Some(key.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_in_every_language() {
        let problems = [Ago::problems(), StatusText::problems()].concat();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn countdown_is_minutes_and_padded_seconds_and_never_negative() {
        for (seconds, shown) in [
            (0, "0:00"),
            (5, "0:05"),
            (65, "1:05"),
            (245, "4:05"),
            (600, "10:00"),
            (-3, "0:00"),
            (-65, "0:00"),
        ] {
            assert_eq!(countdown(seconds), shown, "{seconds}");
        }
    }

    #[test]
    fn ago_picks_the_largest_whole_unit() {
        let at = 1_000_000;
        for (now, key, n) in [
            (at - 30, Ago::JustNow, 0), // a clock behind the server's
            (at + 59, Ago::JustNow, 0),
            (at + 5 * 60 + 3, Ago::MinutesAgo, 5),
            (at + 3 * 3_600, Ago::HoursAgo, 3),
            (at + 2 * 86_400 + 1, Ago::DaysAgo, 2),
        ] {
            assert_eq!(ago(at, now), (key, n), "seen at {now}");
        }
        assert_eq!(Ago::MinutesAgo.text(Lang::En, 5), "5 min ago");
        assert_eq!(Ago::MinutesAgo.text(Lang::Zh, 5), "5 分钟前");
        assert_eq!(Ago::HoursAgo.text(Lang::Ar, 3), "قبل 3 ساعة");
        assert_eq!(Ago::JustNow.text(Lang::Id, 0), "baru saja");
    }

    #[test]
    fn the_age_changes_exactly_when_the_next_unit_is_whole() {
        let at = 1_000_000;
        for (now, next) in [
            (at - 30, at + 60),
            (at, at + 60),
            (at + 59, at + 60),
            (at + 60, at + 120),
            (at + 3_599, at + 3_600),
            (at + 3_600, at + 7_200),
            (at + 86_399, at + 86_400),
            (at + 86_400, at + 172_800),
        ] {
            let changes = ago_changes_at(at, now);
            assert_eq!(changes, next, "seen at {now}");
            assert_eq!(ago(at, now), ago(at, changes - 1));
            assert_ne!(ago(at, changes - 1), ago(at, changes));
        }
    }

    #[test]
    fn statuses_are_named_and_unknown_ones_show_raw() {
        assert_eq!(card_status(Lang::En, &CardLocalStatus::Frozen), "Frozen");
        assert_eq!(card_status(Lang::En, &CardLocalStatus::Normal), "Active");
        assert_eq!(card_status(Lang::Zh, &CardLocalStatus::Frozen), "已冻结");
        let lost = CardLocalStatus::from("lost_in_mail");
        assert_eq!(card_status(Lang::En, &lost), "lost_in_mail");
        let kyc = |s: &str| kyc_status(Lang::En, &UserKycStatus::from(s));
        assert_eq!(kyc("pending"), "Under review");
        assert_eq!(kyc("on_hold"), "on_hold");
        assert_eq!(kyc(""), "—");
        assert_eq!(review(Lang::En, PokepayStatus(2)), Some("Approved"));
        assert_eq!(review(Lang::Zh, PokepayStatus(2)), Some("已通过"));
        assert_eq!(review(Lang::En, PokepayStatus(42)), None);
    }

    /// Every value the contract documents (an `enum`, or the `example` of a free-text field)
    /// and every value the model's open enums know has a label in each language: a new
    /// documented value without one fails here, not on a cardholder's screen.
    #[test]
    fn every_documented_word_has_a_label_in_every_language() {
        use crate::api::{KycLocalStatus, KycPaymentStatus, KycRequiredAction};
        use serde_yaml_ng::Value;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../sandbox/contract/comecomepay.openapi.yaml"
        );
        let contract: Value =
            serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let schemas = &contract["components"]["schemas"];
        let words = |at: &Value| -> Vec<String> {
            let listed = at["enum"].as_sequence().cloned().unwrap_or_default();
            let example = at.get("example").cloned().into_iter();
            listed
                .into_iter()
                .chain(example)
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        let documented = [
            (Vocabulary::CardStatus, words(&schemas["CardLocalStatus"])),
            (
                Vocabulary::CardScheme,
                words(&schemas["CardListItem"]["properties"]["card_scheme"]),
            ),
            (
                Vocabulary::KycStatus,
                words(&schemas["KycStatus"]["properties"]["user_kyc_status"]),
            ),
            (
                Vocabulary::CheckStatus,
                words(&schemas["KycStatus"]["properties"]["latest_kyc"]["properties"]["status"]),
            ),
            (
                Vocabulary::AccountStatus,
                words(&schemas["User"]["properties"]["status"]),
            ),
            (
                Vocabulary::AccountType,
                words(&schemas["User"]["properties"]["account_type"]),
            ),
            (
                Vocabulary::TransactionStatus,
                words(&schemas["Transaction"]["properties"]["status"]),
            ),
            (
                Vocabulary::TransactionType,
                words(&schemas["Transaction"]["properties"]["trade_type"]),
            ),
        ];
        let known = |all: &[&str]| all.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let modelled = [
            (
                Vocabulary::CardStatus,
                known(
                    &CardLocalStatus::KNOWN
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>(),
                ),
            ),
            (
                Vocabulary::KycStatus,
                known(
                    &UserKycStatus::KNOWN
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>(),
                ),
            ),
            (
                Vocabulary::CheckStatus,
                known(
                    &KycLocalStatus::KNOWN
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>(),
                ),
            ),
            (
                Vocabulary::PaymentStatus,
                known(
                    &KycPaymentStatus::KNOWN
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>(),
                ),
            ),
            (
                Vocabulary::RequiredAction,
                known(
                    &KycRequiredAction::KNOWN
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>(),
                ),
            ),
        ];
        let mut missing = Vec::new();
        let mut counted = 0;
        for (vocabulary, values) in documented.iter().chain(&modelled) {
            assert!(
                !values.is_empty(),
                "{vocabulary:?}: nothing read from the contract"
            );
            for value in values {
                counted += 1;
                for lang in Lang::ALL {
                    if !said(lang, *vocabulary, value).is_known() {
                        missing.push(format!("{vocabulary:?} {value:?} in {lang:?}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no label: {missing:#?}");
        assert!(counted >= 30, "{counted}");
        // Unknown words are kept as sent, never dropped; a missing one is a dash.
        assert_eq!(
            said(Lang::En, Vocabulary::TransactionStatus, " On_Hold "),
            Said::AsSent("On_Hold".into())
        );
        assert_eq!(
            said(Lang::Zh, Vocabulary::TransactionType, "CONSUME"),
            Said::Label("消费")
        );
        assert_eq!(
            said(Lang::Zh, Vocabulary::CardScheme, "unionpay").text(),
            "银联"
        );
        assert_eq!(
            said_opt(Lang::Ar, Vocabulary::AccountStatus, None).text(),
            "—"
        );
        // The same word, told apart by where it was said.
        assert_eq!(
            said(Lang::En, Vocabulary::PaymentStatus, "pending").text(),
            "Payment pending"
        );
        assert_eq!(
            said(Lang::En, Vocabulary::CheckStatus, "pending").text(),
            "Waiting for review"
        );
        assert_eq!(
            said(Lang::En, Vocabulary::KycStatus, "pending").text(),
            "Under review"
        );
    }
}
