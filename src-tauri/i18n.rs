//! The shell's own words — the tray and the notifications — in the user's language (English,
//! Chinese, Arabic, Indonesian, as the window). A table, like the window's: a missing translation is a
//! compile error, not an English word in a Chinese menu.

#[cfg(test)]
use ccp_model::i18n::check;
pub use ccp_model::i18n::{Lang, countdown, t, tf};

ccp_model::texts! {
    pub enum Text {
        TrayIdle => ("ComeComePay", "ComeComePay", "ComeComePay", "ComeComePay"),
        TrayLive => ("Code for {}: {} left", "{} 的验证码：剩余 {}", "رمز {}: متبقٍ {}", "Kode untuk {}: sisa {}"),
        CopyNewest => ("Copy newest code ({} left)", "复制最新验证码（剩余 {}）", "نسخ أحدث رمز (متبقٍ {})", "Salin kode terbaru (sisa {})"),
        NoLiveCodeMenu => ("Copy newest code (none live)", "复制最新验证码（暂无有效验证码）", "نسخ أحدث رمز (لا يوجد رمز صالح)", "Salin kode terbaru (tidak ada yang aktif)"),
        Open => ("Open ComeComePay", "打开 ComeComePay", "فتح ComeComePay", "Buka ComeComePay"),
        Pause => ("Pause notifications for 1 hour", "暂停通知 1 小时", "إيقاف الإشعارات مؤقتًا لمدة ساعة", "Jeda notifikasi selama 1 jam"),
        Resume => ("Resume notifications", "恢复通知", "استئناف الإشعارات", "Lanjutkan notifikasi"),
        Quit => ("Quit", "退出", "إنهاء", "Keluar"),
        CodeCopied => ("Code copied — expires in {}", "验证码已复制，{} 后过期", "نُسخ الرمز — ينتهي بعد {}", "Kode disalin — kedaluwarsa dalam {}"),
        NoLiveCode => ("No live code to copy", "没有可复制的有效验证码", "لا يوجد رمز صالح للنسخ", "Tidak ada kode aktif untuk disalin"),
        NewCodeTitle => ("3-D Secure code for {}", "{} 的 3-D Secure 验证码", "رمز 3-D Secure لمبلغ {}", "Kode 3-D Secure untuk {}"),
        SeeTheCode => ("{} — open ComeComePay to see the code", "{} — 打开 ComeComePay 查看验证码", "{} — افتح ComeComePay لرؤية الرمز", "{} — buka ComeComePay untuk melihat kodenya"),
        TestTitle => ("ComeComePay", "ComeComePay", "ComeComePay", "ComeComePay"),
        ExportTitle => ("Export transactions", "导出交易", "تصدير المعاملات", "Ekspor transaksi"),
        CsvFiles => ("CSV files", "CSV 文件", "ملفات CSV", "Berkas CSV"),
        TestBody => ("Notifications work: new 3-D Secure passcodes will appear like this.", "通知正常：新的 3-D Secure 验证码将这样显示。", "الإشعارات تعمل: ستظهر رموز 3-D Secure الجديدة هكذا.", "Notifikasi berfungsi: kode sandi 3-D Secure baru akan muncul seperti ini."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_its_placeholders_in_every_language() {
        let problems: Vec<String> = Text::ALL
            .iter()
            .flat_map(|text| check(text, text.strings()))
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn texts_are_filled_in_the_users_language() {
        assert_eq!(
            tf(Lang::En, Text::CopyNewest, &[&countdown(245)]),
            "Copy newest code (4:05 left)"
        );
        assert_eq!(tf(Lang::Zh, Text::Quit, &[]), "退出");
        assert_eq!(
            tf(Lang::Ar, Text::CodeCopied, &[&countdown(30)]),
            "نُسخ الرمز — ينتهي بعد 0:30"
        );
        assert_eq!(t(Lang::En, Text::Open), "Open ComeComePay");
        assert_eq!(t(Lang::Id, Text::Quit), "Keluar");
    }
}
