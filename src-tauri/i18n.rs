//! The shell's own words — the tray and the notifications — in the user's language (English,
//! Chinese, Arabic, Indonesian, as the window). A table, like the window's: a missing translation is a
//! compile error, not an English word in a Chinese menu.

#[cfg(test)]
use ccp_model::i18n::check;
pub use ccp_model::i18n::{Lang, countdown, t, tf};

ccp_model::texts! {
    pub enum Text {
        TrayIdle => ("ComeComePay", "ComeComePay", "ComeComePay", "ComeComePay"),
        WebView2MissingTitle => ("ComeComePay Desktop cannot start", "ComeComePay Desktop 无法启动", "لا يمكن تشغيل ComeComePay Desktop", "ComeComePay Desktop tidak dapat dimulai"),
        WebView2Missing => ("Microsoft Edge WebView2 Runtime is missing: it draws the app's window. Windows 10 and 11 include it, and the ComeComePay installer installs it where it is missing. Get it from Microsoft: {}", "缺少 Microsoft Edge WebView2 运行时（用于绘制应用窗口）。Windows 10 和 11 已自带；ComeComePay 安装程序会在缺少时安装。也可从 Microsoft 获取：{}", "مكوّن Microsoft Edge WebView2 Runtime مفقود، وهو الذي يرسم نافذة التطبيق. يتضمنه Windows 10 و11، ويثبّته مثبّت ComeComePay حيث يكون مفقودًا. احصل عليه من Microsoft: {}", "Microsoft Edge WebView2 Runtime tidak ada: komponen ini menggambar jendela aplikasi. Windows 10 dan 11 sudah menyertakannya, dan penginstal ComeComePay memasangnya bila tidak ada. Dapatkan dari Microsoft: {}"),
        TrayLive => ("Code for {}: {} left", "{} 的验证码：剩余 {}", "رمز {}: متبقٍ {}", "Kode untuk {}: sisa {}"),
        CopyNewest => ("Copy newest code ({} left)", "复制最新验证码（剩余 {}）", "نسخ أحدث رمز (متبقٍ {})", "Salin kode terbaru (sisa {})"),
        NoLiveCodeMenu => ("Copy newest code (none live)", "复制最新验证码（暂无有效验证码）", "نسخ أحدث رمز (لا يوجد رمز صالح)", "Salin kode terbaru (tidak ada yang aktif)"),
        Open => ("Open ComeComePay", "打开 ComeComePay", "فتح ComeComePay", "Buka ComeComePay"),
        Pause => ("Pause notifications for 1 hour", "暂停通知 1 小时", "إيقاف الإشعارات مؤقتًا لمدة ساعة", "Jeda notifikasi selama 1 jam"),
        Resume => ("Resume notifications", "恢复通知", "استئناف الإشعارات", "Lanjutkan notifikasi"),
        Quit => ("Quit", "退出", "إنهاء", "Keluar"),
        CodeCopied => ("Code copied — expires in {}", "验证码已复制，{} 后过期", "نُسخ الرمز — ينتهي بعد {}", "Kode disalin — kedaluwarsa dalam {}"),
        NoLiveCode => ("No live code to copy", "没有可复制的有效验证码", "لا يوجد رمز صالح للنسخ", "Tidak ada kode aktif untuk disalin"),
        NewCodeTitle => ("3-D Secure code for {}", "{} 的 3-D Secure 验证码", "رمز \u{2066}3-D Secure\u{2069} لمبلغ {}", "Kode 3-D Secure untuk {}"),
        SeeTheCode => ("{} — open ComeComePay to see the code", "{} — 打开 ComeComePay 查看验证码", "{} — افتح ComeComePay لرؤية الرمز", "{} — buka ComeComePay untuk melihat kodenya"),
        TestTitle => ("ComeComePay", "ComeComePay", "ComeComePay", "ComeComePay"),
        ExportTitle => ("Export transactions", "导出交易", "تصدير المعاملات", "Ekspor transaksi"),
        CsvFiles => ("CSV files", "CSV 文件", "ملفات CSV", "Berkas CSV"),
        CopyCode => ("Copy code", "复制验证码", "نسخ الرمز", "Salin kode"),
        ShortcutCopies => ("{} — {} copies the code", "{} — 按 {} 复制验证码", "{} — يَنسخ {} الرمز", "{} — {} menyalin kodenya"),
        WasntMe => ("Wasn't me — freeze all cards", "不是我 — 冻结所有卡片", "لم أكن أنا — جمّد كل البطاقات", "Bukan saya — bekukan semua kartu"),
        RefrozenTitle => ("Card frozen again", "卡片已再次冻结", "جُمّدت البطاقة مجددًا", "Kartu dibekukan lagi"),
        RefrozenBody => ("{}: its unfreeze time is over.", "{}：解冻时间已结束。", "{}: انتهى وقت إلغاء تجميدها.", "{}: waktu buka bekunya sudah habis."),
        RefreezeFailedTitle => ("Card NOT frozen again", "卡片未能再次冻结", "لم تُجمَّد البطاقة مجددًا", "Kartu TIDAK dibekukan lagi"),
        RefreezeFailedBody => ("{}: {} — trying again. Freeze it in ComeComePay if this lasts.", "{}：{} — 正在重试。如果持续失败，请在 ComeComePay 中冻结它。", "{}: {} — تجري إعادة المحاولة. جمّدها في ComeComePay إن استمر ذلك.", "{}: {} — mencoba lagi. Bekukan di ComeComePay jika ini berlanjut."),
        MessageNewTitle => ("New message from ComeComePay", "ComeComePay 新消息", "رسالة جديدة من ComeComePay", "Pesan baru dari ComeComePay"),
        AnnouncementNewTitle => ("ComeComePay announcement", "ComeComePay 公告", "إعلان من ComeComePay", "Pengumuman ComeComePay"),
        MessagesNewTitle => ("{} new messages from ComeComePay", "ComeComePay 有 {} 条新消息", "{} رسائل جديدة من ComeComePay", "{} pesan baru dari ComeComePay"),
        MessageOpenBody => ("Open ComeComePay to read it.", "打开 ComeComePay 阅读。", "افتح ComeComePay لقراءتها.", "Buka ComeComePay untuk membacanya."),
        KycChangedTitle => ("Identity verification: {}", "身份认证：{}", "التحقق من الهوية: {}", "Verifikasi identitas: {}"),
        KycChangedBody => ("Open ComeComePay to see what comes next.", "打开 ComeComePay 查看下一步。", "افتح ComeComePay لمعرفة الخطوة التالية.", "Buka ComeComePay untuk melihat langkah berikutnya."),
        UnfreezeFor => ("Unfreeze for 15 minutes", "解冻 15 分钟", "إلغاء التجميد لمدة 15 دقيقة", "Buka beku selama 15 menit"),
        NoFrozenCard => ("No frozen card", "没有已冻结的卡片", "لا توجد بطاقة مجمّدة", "Tidak ada kartu beku"),
        RefreezeIn => ("{} frozen again in {}", "{} 将在 {} 后再次冻结", "{} تُجمَّد مجددًا بعد {}", "{} dibekukan lagi dalam {}"),
        TestBody => ("Notifications work: new 3-D Secure passcodes will appear like this.", "通知正常：新的 3-D Secure 验证码将这样显示。", "الإشعارات تعمل: ستظهر رموز \u{2066}3-D Secure\u{2069} الجديدة هكذا.", "Notifikasi berfungsi: kode sandi 3-D Secure baru akan muncul seperti ini."),
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
