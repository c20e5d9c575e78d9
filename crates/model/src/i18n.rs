//! The four languages every user-visible string comes in (English, Simplified Chinese, Arabic,
//! Indonesian: the service's mobile app's four), the table machinery the window, the shell and
//! `ccp` build their string tables with, and the one translation of each error kind.
//!
//! A table is written with [`texts!`](crate::texts): one line per key, all four languages, so a
//! missing translation is a compile error rather than an English word in a Chinese screen.
//! `{}` marks a value, filled in order by [`fill`]; [`check`] is what each table's test runs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt::Display;

mod kind;
mod present;
pub mod untranslated;

pub use kind::error_text;
pub use present::{
    Ago, Said, StatusText, Vocabulary, ago, ago_changes_at, card_status, countdown, kyc_status,
    review, said, said_opt,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
    Ar,
    Id,
}

impl Lang {
    /// Every language, in menu order (also the order of a table's columns).
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Zh, Lang::Ar, Lang::Id];

    /// A language code (`zh`, `zh-CN`, ` AR `…) → language; anything unknown is English.
    pub fn from_code(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        match code.split(['-', '_']).next().unwrap_or_default() {
            "zh" => Lang::Zh,
            "ar" => Lang::Ar,
            "id" | "in" => Lang::Id,
            _ => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ar => "ar",
            Lang::Id => "id",
        }
    }

    /// The language's own name, for a language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
            Lang::Ar => "العربية",
            Lang::Id => "Bahasa Indonesia",
        }
    }

    /// Text direction, for an HTML `dir` attribute.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En | Lang::Zh | Lang::Id => "ltr",
        }
    }
}

/// Written as its code (`"zh"`), so a settings file keeps reading as it always did.
impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Read from any code, as [`Lang::from_code`]: one this client does not speak is English, so an
/// older or hand-edited settings file still loads.
impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Lang::from_code(&String::deserialize(d)?))
    }
}

/// A string table: `texts! { pub enum Name { Key => ("English", "中文", "العربية", "Indonesia"), } }`
/// makes the enum `Name` with `Name::ALL`, `key.strings()` (the four) and `key.get(lang)`.
#[macro_export]
macro_rules! texts {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($key:ident => ($en:literal, $zh:literal, $ar:literal, $id:literal),)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $($key,)+ }

        #[allow(dead_code)]
        impl $name {
            /// Every key, for the test that checks the table.
            pub const ALL: &'static [$name] = &[$($name::$key),+];

            /// English, Chinese, Arabic and Indonesian (the order of `Lang::ALL`).
            pub const fn strings(self) -> [&'static str; 4] {
                match self { $($name::$key => [$en, $zh, $ar, $id],)+ }
            }

            /// The text in `lang`.
            pub const fn get(self, lang: $crate::i18n::Lang) -> &'static str {
                self.strings()[lang as usize]
            }

            /// [`check`]($crate::i18n::check) over every key: what the table's test asserts is
            /// empty, written once here rather than in each table's test.
            pub fn problems() -> Vec<String> {
                $name::ALL.iter().flat_map(|k| $crate::i18n::check(k, k.strings())).collect()
            }
        }

        impl $crate::i18n::Table for $name {
            fn strings(self) -> [&'static str; 4] {
                $name::strings(self)
            }
        }
    };
}

/// A table [`texts!`](crate::texts) made: what [`t`] and [`tf`] look a key up in.
pub trait Table: Copy {
    /// English, Chinese, Arabic and Indonesian (the order of `Lang::ALL`).
    fn strings(self) -> [&'static str; 4];
}

/// The text of `key` in `lang`, from any table.
pub fn t<K: Table>(lang: Lang, key: K) -> &'static str {
    key.strings()[lang as usize]
}

/// The text of `key` in `lang` with its `{}` filled in order by `values`.
pub fn tf<K: Table>(lang: Lang, key: K, values: &[&dyn Display]) -> String {
    fill(t(lang, key), values)
}

/// `template` with each `{}` replaced, in order, by the next value. A value's own `{}` stays as
/// it is; a `{}` without a value is left.
pub fn fill(template: &str, values: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * values.len());
    let mut values = values.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match values.next() {
            Some(v) => out.push_str(&v.to_string()),
            None => out.push_str("{}"),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// What is wrong with one key's four strings: an empty one, or a language with another number
/// of `{}` than English. Each table's test runs this over every key.
pub fn check(key: &dyn std::fmt::Debug, strings: [&str; 4]) -> Vec<String> {
    let holes = |s: &str| s.matches("{}").count();
    let mut problems = Vec::new();
    for (lang, s) in Lang::ALL.into_iter().zip(strings) {
        if s.trim().is_empty() {
            problems.push(format!("{key:?} is empty in {}", lang.code()));
        } else if holes(s) != holes(strings[0]) {
            problems.push(format!(
                "{key:?} has {} placeholders in {}, {} in en",
                holes(s),
                lang.code(),
                holes(strings[0])
            ));
        }
    }
    problems
}

texts! {
    /// What kind of failure it was, as a sentence: what the window and `ccp` lead an error
    /// with, before the core's (or the server's) own words.
    pub enum KindText {
        Offline => ("Cannot reach the server.", "无法连接服务器。", "تعذّر الوصول إلى الخادم.", "Tidak dapat terhubung ke server."),
        Timeout => ("The server did not answer in time.", "服务器响应超时。", "لم يستجب الخادم في الوقت المناسب.", "Server tidak menjawab tepat waktu."),
        Unauthorized => ("Please sign in again.", "请重新登录。", "يُرجى تسجيل الدخول مجددًا.", "Silakan masuk lagi."),
        Forbidden => ("This is not allowed for your account.", "您的账户无权执行此操作。", "هذا غير مسموح لحسابك.", "Ini tidak diizinkan untuk akun Anda."),
        WrongCode => ("That code is not right. Check the e-mail and type it again, or ask for a new code.", "验证码不正确。请核对邮件后重新输入，或重新获取验证码。", "هذا الرمز غير صحيح. تحقّق من البريد وأعد كتابته، أو اطلب رمزًا جديدًا.", "Kode tersebut salah. Periksa e-mail dan ketik ulang, atau minta kode baru."),
        NotFound => ("Not found.", "未找到。", "غير موجود.", "Tidak ditemukan."),
        RateLimited => ("Too many requests; try again a little later.", "请求过多，请稍后再试。", "طلبات كثيرة جدًا؛ حاول مجددًا بعد قليل.", "Terlalu banyak permintaan; coba lagi sebentar lagi."),
        Server => ("The server has a problem.", "服务器出现问题。", "يواجه الخادم مشكلة.", "Server sedang bermasalah."),
        Decode => ("The server's answer could not be read.", "无法读取服务器的响应。", "تعذّرت قراءة رد الخادم.", "Jawaban server tidak dapat dibaca."),
        Keyring => ("The system's secure storage (keyring) is not available.", "系统安全存储（钥匙串）不可用。", "التخزين الآمن للنظام (سلسلة المفاتيح) غير متاح.", "Penyimpanan aman sistem (keyring) tidak tersedia."),
        Cache => ("The data saved on this computer could not be read.", "无法读取本机保存的数据。", "تعذّرت قراءة البيانات المحفوظة على هذا الحاسوب.", "Data yang tersimpan di komputer ini tidak dapat dibaca."),
        Invalid => ("That was not accepted.", "未被接受。", "لم يُقبل ذلك.", "Itu tidak diterima."),
        Internal => ("Something went wrong in the app.", "应用出现错误。", "حدث خطأ في التطبيق.", "Terjadi kesalahan di aplikasi."),
        Locked => ("The app is locked: unlock it first.", "应用已锁定：请先解锁。", "التطبيق مقفل: ألغِ قفله أولًا.", "Aplikasi terkunci: buka kuncinya dulu."),
        WrongPin => ("That PIN is not right.", "PIN 不正确。", "رمز PIN هذا غير صحيح.", "PIN tersebut salah."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_round_trip_and_unknown_is_english() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), lang);
            assert_eq!(Lang::ALL[lang as usize], lang);
        }
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code(" AR "), Lang::Ar);
        assert_eq!(Lang::from_code("in_ID"), Lang::Id);
        assert_eq!(Lang::from_code("fr"), Lang::En);
        assert_eq!(Lang::from_code(""), Lang::En);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Zh.dir(), "ltr");
    }

    #[test]
    fn a_language_is_stored_as_its_code_and_read_from_any() {
        assert_eq!(serde_json::to_string(&Lang::Zh).unwrap(), r#""zh""#);
        for (stored, lang) in [
            (r#""ar""#, Lang::Ar),
            (r#""zh-CN""#, Lang::Zh),
            (r#""fr""#, Lang::En),
        ] {
            assert_eq!(serde_json::from_str::<Lang>(stored).unwrap(), lang);
        }
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(fill("{} of {}", &[&3, &"7"]), "3 of 7");
        assert_eq!(fill("a {} b", &[&"{}"]), "a {} b");
        assert_eq!(fill("{} and {}", &[&1]), "1 and {}");
        assert_eq!(fill("no holes", &[&1]), "no holes");
    }

    #[test]
    fn the_check_finds_empty_strings_and_unmatched_placeholders() {
        assert!(check(&"ok", ["{} a", "{} b", "{} c", "{} d"]).is_empty());
        assert_eq!(check(&"k", ["{} a", "b", "{} c", " "]).len(), 2);
    }

    /// Every error kind's sentence is there in every language (the match in
    /// [`ErrorKind::text`](crate::ipc::ErrorKind::text) makes a kind without one a compile error).
    #[test]
    fn every_kind_text_is_in_every_language() {
        let problems = KindText::problems();
        assert!(problems.is_empty(), "{problems:#?}");
        for k in KindText::ALL {
            assert_eq!(k.strings().iter().filter(|s| s.contains("{}")).count(), 0);
        }
    }
}
