//! How the window, the tray and `ccp` say the same things: a countdown, how long ago data was
//! fetched, and the service's statuses. One copy, so the three never disagree (a negative
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
    /// The service's statuses, as the window and `ccp` name them.
    pub enum StatusText {
        CardNormal => ("Normal", "正常", "عادية", "Normal"),
        CardActive => ("Active", "已激活", "نشطة", "Aktif"),
        CardFrozen => ("Frozen", "已冻结", "مجمّدة", "Dibekukan"),
        CardCancelled => ("Cancelled", "已注销", "ملغاة", "Dibatalkan"),
        CardUnactivate => ("Not activated", "未激活", "غير مفعّلة", "Belum diaktifkan"),
        KycNone => ("Not verified", "未认证", "غير موثّق", "Belum terverifikasi"),
        KycPending => ("Under review", "审核中", "قيد المراجعة", "Sedang ditinjau"),
        KycVerified => ("Verified", "已认证", "موثّق", "Terverifikasi"),
        KycRejected => ("Rejected", "已拒绝", "مرفوض", "Ditolak"),
        ReviewIncomplete => ("Not reviewed / incomplete", "未审核/未完成", "لم تُراجع / غير مكتملة", "Belum ditinjau / belum lengkap"),
        ReviewApproved => ("Approved", "已通过", "مقبولة", "Disetujui"),
        ReviewFailed => ("Failed", "未通过", "مرفوضة", "Gagal"),
        ReviewMismatch => ("Information mismatch", "信息不一致", "عدم تطابق المعلومات", "Informasi tidak cocok"),
        ReviewManual => ("Awaiting manual review", "等待人工审核", "بانتظار المراجعة اليدوية", "Menunggu tinjauan manual"),
        ReviewDuplicate => ("Duplicate ID number", "证件号码重复", "رقم هوية مكرر", "Nomor identitas duplikat"),
    }
}

/// A card status in `lang`; one this client does not know shows as the server spelled it.
pub fn card_status(lang: Lang, status: &CardLocalStatus) -> String {
    let key = match status {
        CardLocalStatus::Normal => StatusText::CardNormal,
        CardLocalStatus::Active => StatusText::CardActive,
        CardLocalStatus::Frozen => StatusText::CardFrozen,
        CardLocalStatus::Cancelled => StatusText::CardCancelled,
        CardLocalStatus::Unactivate => StatusText::CardUnactivate,
        CardLocalStatus::Unknown(raw) => return raw.clone(),
    };
    key.get(lang).to_owned()
}

/// The user's overall KYC state in `lang`; an unknown one shows raw, an empty one (the
/// mobile client's "not said") as a dash.
pub fn kyc_status(lang: Lang, status: &UserKycStatus) -> String {
    let key = match status {
        UserKycStatus::None => StatusText::KycNone,
        UserKycStatus::Pending => StatusText::KycPending,
        UserKycStatus::Verified => StatusText::KycVerified,
        UserKycStatus::Rejected => StatusText::KycRejected,
        UserKycStatus::Unknown(raw) if raw.is_empty() => return "—".to_owned(),
        UserKycStatus::Unknown(raw) => return raw.clone(),
    };
    key.get(lang).to_owned()
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
}
