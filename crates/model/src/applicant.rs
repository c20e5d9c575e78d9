//! The identity a user enters to start KYC, and its validation.
//!
//! The service's own mobile client sends the applicant's name, phone and billing address with
//! `POST /didit/initialize-token`; this is that form. Validation is pure and returns problems
//! per field as enums, not English, so the window can translate them and put each next to
//! its input; the CLI prints them in English through `Display`. The window, the core and the
//! CLI all use the same functions, so a form the window accepts is never refused by the core.
//!
//! Every value here is personal data: `Debug` does not show it, and nothing here logs.

use crate::api::User;
use serde::{Deserialize, Serialize};

/// What the user enters. Fields not yet filled are empty strings; JSON may leave any out.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KycApplicant {
    /// Given name as on the ID document, in Latin letters (sent as `first_name` and
    /// `first_en_name`).
    pub first_name: String,
    /// Family name as on the ID document, in Latin letters.
    pub last_name: String,
    /// The phone's country calling code, e.g. `852` or `+852`.
    pub area_code: String,
    /// The phone number without the calling code; spaces and dashes allowed.
    pub phone: String,
    /// ISO 3166-1 alpha-2 code of the billing country, e.g. `HK` (sent as `bill_country_code`).
    pub country: String,
    /// State, province or region; may be empty (many countries have none).
    pub state: String,
    pub city: String,
    /// Street address.
    pub address: String,
    /// Postal code; may be empty (e.g. Hong Kong has none).
    pub post_code: String,
}

impl std::fmt::Debug for KycApplicant {
    /// Redacted: a name and an address must not end up in a log line or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KycApplicant { [redacted] }")
    }
}

/// One input of the form; serializes as the [`KycApplicant`] field's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KycField {
    FirstName,
    LastName,
    AreaCode,
    Phone,
    Country,
    State,
    City,
    Address,
    PostCode,
}

impl KycField {
    /// In the form's order.
    pub const ALL: [KycField; 9] = [
        KycField::FirstName,
        KycField::LastName,
        KycField::AreaCode,
        KycField::Phone,
        KycField::Country,
        KycField::State,
        KycField::City,
        KycField::Address,
        KycField::PostCode,
    ];

    /// The field's name in JSON (and in [`KycApplicant`]).
    pub fn as_str(self) -> &'static str {
        match self {
            KycField::FirstName => "first_name",
            KycField::LastName => "last_name",
            KycField::AreaCode => "area_code",
            KycField::Phone => "phone",
            KycField::Country => "country",
            KycField::State => "state",
            KycField::City => "city",
            KycField::Address => "address",
            KycField::PostCode => "post_code",
        }
    }

    /// English label, for the CLI and the core's error message.
    pub fn label(self) -> &'static str {
        match self {
            KycField::FirstName => "first name",
            KycField::LastName => "last name",
            KycField::AreaCode => "area code",
            KycField::Phone => "phone",
            KycField::Country => "country",
            KycField::State => "state",
            KycField::City => "city",
            KycField::Address => "address",
            KycField::PostCode => "post code",
        }
    }

    /// Whether the field may be left empty. State and post code may: many countries have no
    /// states, and some (Hong Kong, the UAE) have no postal codes.
    pub fn is_required(self) -> bool {
        !matches!(self, KycField::State | KycField::PostCode)
    }

    /// The most characters the field takes (after trimming). Generous for real names and
    /// addresses, small enough that a paste accident is caught here rather than by the service.
    pub fn max_len(self) -> usize {
        match self {
            KycField::FirstName | KycField::LastName => 50,
            KycField::AreaCode => 5,
            KycField::Phone => 20,
            KycField::Country => 2,
            KycField::State | KycField::City => 64,
            KycField::Address => 200,
            KycField::PostCode => 12,
        }
    }
}

impl std::fmt::Display for KycField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// What is wrong with one field; the window translates it, the CLI prints `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblemKind {
    /// A required field is empty (or only whitespace).
    Missing,
    /// Longer than [`KycField::max_len`] characters.
    TooLong,
    /// Holds a control or invisible formatting character (e.g. a newline, a bidi override).
    ControlCharacter,
    /// A name holds something other than Latin letters, spaces, `-`, `'` or `.` (the service
    /// wants the names in English letters, as in the passport's machine-readable zone).
    NotLatin,
    /// Not two letters (ISO 3166-1 alpha-2).
    InvalidCountryCode,
    /// Not 1–4 digits with an optional leading `+`.
    InvalidAreaCode,
    /// Not 4–15 digits (spaces and dashes between them allowed).
    InvalidPhone,
    /// Not letters and digits (spaces and dashes between them allowed).
    InvalidPostCode,
}

impl FieldProblemKind {
    /// English text, for the CLI and the core's error message.
    pub fn describe(self) -> &'static str {
        match self {
            FieldProblemKind::Missing => "is missing",
            FieldProblemKind::TooLong => "is too long",
            FieldProblemKind::ControlCharacter => "contains a control or invisible character",
            FieldProblemKind::NotLatin => {
                "must be in Latin letters (spaces, -, ' and . allowed), as in the passport"
            }
            FieldProblemKind::InvalidCountryCode => {
                "must be a two-letter country code (ISO 3166-1), e.g. HK"
            }
            FieldProblemKind::InvalidAreaCode => "must be 1-4 digits, optionally after +",
            FieldProblemKind::InvalidPhone => {
                "must be 4-15 digits (spaces and dashes allowed), without the area code"
            }
            FieldProblemKind::InvalidPostCode => {
                "must be letters and digits (spaces and dashes allowed)"
            }
        }
    }
}

/// One field's problem. Carries no value: it may be shown and logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: KycField,
    pub problem: FieldProblemKind,
}

impl FieldProblem {
    /// English text without the field's name: "is too long (at most 50 characters)".
    pub fn describe(&self) -> String {
        let problem = self.problem.describe();
        match self.problem {
            FieldProblemKind::TooLong => {
                format!("{problem} (at most {} characters)", self.field.max_len())
            }
            _ => problem.to_owned(),
        }
    }
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field, self.describe())
    }
}

impl KycApplicant {
    pub fn get(&self, field: KycField) -> &str {
        match field {
            KycField::FirstName => &self.first_name,
            KycField::LastName => &self.last_name,
            KycField::AreaCode => &self.area_code,
            KycField::Phone => &self.phone,
            KycField::Country => &self.country,
            KycField::State => &self.state,
            KycField::City => &self.city,
            KycField::Address => &self.address,
            KycField::PostCode => &self.post_code,
        }
    }

    pub fn get_mut(&mut self, field: KycField) -> &mut String {
        match field {
            KycField::FirstName => &mut self.first_name,
            KycField::LastName => &mut self.last_name,
            KycField::AreaCode => &mut self.area_code,
            KycField::Phone => &mut self.phone,
            KycField::Country => &mut self.country,
            KycField::State => &mut self.state,
            KycField::City => &mut self.city,
            KycField::Address => &mut self.address,
            KycField::PostCode => &mut self.post_code,
        }
    }

    /// Every field's problem, in the form's order (at most one per field); empty when the
    /// applicant may be sent.
    pub fn validate(&self) -> Vec<FieldProblem> {
        self.normalized().err().unwrap_or_default()
    }

    /// The applicant as it is sent: trimmed, inner whitespace runs made one space, the phone
    /// as digits only, the area code without `+`, the country in capitals. Or every problem.
    pub fn normalized(&self) -> Result<KycApplicant, Vec<FieldProblem>> {
        let mut clean = KycApplicant::default();
        let mut problems = Vec::new();
        for field in KycField::ALL {
            match normalize_field(field, self.get(field)) {
                Ok(value) => *clean.get_mut(field) = value,
                Err(problem) => problems.push(FieldProblem { field, problem }),
            }
        }
        if problems.is_empty() {
            Ok(clean)
        } else {
            Err(problems)
        }
    }

    /// A draft from the signed-in user's profile: the names, and the phone when it can be
    /// split safely. The profile's phone is written `+852 9123 4567` (international format,
    /// a space after the calling code); without that space there is no telling where the
    /// calling code ends without a table of codes, so the phone is left for the user then.
    pub fn from_user(user: &User) -> KycApplicant {
        let text = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_owned();
        let (area_code, phone) = user
            .phone
            .as_deref()
            .and_then(split_phone)
            .unwrap_or_default();
        KycApplicant {
            first_name: text(&user.first_name),
            last_name: text(&user.last_name),
            area_code,
            phone,
            ..KycApplicant::default()
        }
    }
}

/// `+852 9123 4567` → (`852`, `9123 4567`); a number without `+` has no calling code in it
/// and is the phone itself.
fn split_phone(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.strip_prefix('+') {
        Some(rest) => {
            let (code, number) = rest.split_once([' ', '-'])?;
            Some((code.to_owned(), number.trim().to_owned()))
        }
        None => Some((String::new(), raw.to_owned())),
    }
}

/// One field, checked and normalized as [`KycApplicant::normalized`] does; for checking an
/// input as the user types.
pub fn normalize_field(field: KycField, raw: &str) -> Result<String, FieldProblemKind> {
    let value = collapse_whitespace(raw);
    if value.chars().any(is_control_or_invisible) {
        return Err(FieldProblemKind::ControlCharacter);
    }
    if value.is_empty() {
        return if field.is_required() {
            Err(FieldProblemKind::Missing)
        } else {
            Ok(value)
        };
    }
    if value.chars().count() > field.max_len() {
        return Err(FieldProblemKind::TooLong);
    }
    match field {
        KycField::FirstName | KycField::LastName => latin_name(value),
        KycField::AreaCode => area_code(&value),
        KycField::Phone => phone(&value),
        KycField::Country => country(&value),
        KycField::PostCode => post_code(value),
        KycField::State | KycField::City | KycField::Address => Ok(value),
    }
}

/// The problem of one field, if any.
pub fn check_field(field: KycField, raw: &str) -> Option<FieldProblemKind> {
    normalize_field(field, raw).err()
}

/// Trimmed, with each inner run of whitespace made one space. Control characters that are
/// not whitespace stay, so they are reported rather than silently dropped; a tab or newline
/// inside becomes a space (a pasted two-line address is still one line).
fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Control characters, and the invisible formatting ones that could make a name look other
/// than it is (zero-width, bidi overrides, byte-order mark).
fn is_control_or_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A Latin letter: ASCII, or in the Latin-1 Supplement, Latin Extended-A/B or Latin Extended
/// Additional blocks (José, Łukasz, Nguyễn), since a passport's Latin name may carry accents.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic() && matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}'))
}

fn latin_name(value: String) -> Result<String, FieldProblemKind> {
    let allowed = |c: char| is_latin_letter(c) || matches!(c, ' ' | '-' | '\'' | '’' | '.');
    if value.chars().all(allowed) && value.chars().any(is_latin_letter) {
        Ok(value)
    } else {
        Err(FieldProblemKind::NotLatin)
    }
}

/// Sent without the `+`: the field is the code itself, and digits are what `852` and `+852`
/// have in common.
fn area_code(value: &str) -> Result<String, FieldProblemKind> {
    let digits = value.strip_prefix('+').unwrap_or(value);
    if (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits.to_owned())
    } else {
        Err(FieldProblemKind::InvalidAreaCode)
    }
}

/// Sent as digits only: spaces and dashes are only for the eye.
fn phone(value: &str) -> Result<String, FieldProblemKind> {
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-');
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if value.chars().all(allowed) && (4..=15).contains(&digits.len()) {
        Ok(digits)
    } else {
        Err(FieldProblemKind::InvalidPhone)
    }
}

/// The shape of an alpha-2 code; whether the code is assigned is left to the service.
fn country(value: &str) -> Result<String, FieldProblemKind> {
    if value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(FieldProblemKind::InvalidCountryCode)
    }
}

fn post_code(value: String) -> Result<String, FieldProblemKind> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-');
    if value.chars().all(allowed) && value.chars().any(|c| c.is_ascii_alphanumeric()) {
        Ok(value)
    } else {
        Err(FieldProblemKind::InvalidPostCode)
    }
}

/// The most characters of each name that go into an agent_uid.
const UID_NAME_MAX: usize = 32;

/// The KYC record's key, built as the mobile client builds it: `<first>_<last>_<ms>`, the
/// names then the time in milliseconds since the Unix epoch (PokePay's KYC status is looked
/// up by it).
///
/// Made safe where the mobile client uses the names raw: each name keeps only ASCII letters
/// and digits, every other run (spaces, `-`, `'`, `.`, `_`, accented letters) becomes one `-`,
/// and at most 32 characters are kept. So the uid is always `[A-Za-z0-9-]+_[A-Za-z0-9-]+_\d+`:
/// the two `_` split it unambiguously, it holds no space or character that a URL, a log or a
/// database key would need escaped, and its length is bounded. The key need not spell the
/// name exactly (the time makes it unique); a name with no ASCII letter at all becomes `x`.
pub fn agent_uid(first_name: &str, last_name: &str, unix_ms: u64) -> String {
    format!("{}_{}_{unix_ms}", uid_part(first_name), uid_part(last_name))
}

fn uid_part(name: &str) -> String {
    let mut part = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            part.push(c);
        } else if !part.is_empty() && !part.ends_with('-') {
            part.push('-');
        }
    }
    let part: String = part.chars().take(UID_NAME_MAX).collect();
    let part = part.trim_end_matches('-');
    if part.is_empty() {
        "x".to_owned()
    } else {
        part.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> KycApplicant {
        KycApplicant {
            first_name: "Mary Ann".into(),
            last_name: "O'Neill-Chan".into(),
            area_code: "+852".into(),
            phone: "9123 4567".into(),
            country: "hk".into(),
            state: String::new(),
            city: "Hong Kong".into(),
            address: "1 Queen's Road\nCentral".into(),
            post_code: String::new(),
        }
    }

    fn problems(a: &KycApplicant) -> Vec<(KycField, FieldProblemKind)> {
        a.validate().iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn a_full_applicant_is_normalized_for_sending() {
        let a = full().normalized().unwrap();
        assert_eq!(a.area_code, "852");
        assert_eq!(a.phone, "91234567");
        assert_eq!(a.country, "HK");
        assert_eq!(a.address, "1 Queen's Road Central");
        assert_eq!(a.first_name, "Mary Ann");
        assert!(full().validate().is_empty());
    }

    #[test]
    fn an_empty_form_misses_exactly_the_required_fields() {
        let missing: Vec<_> = KycField::ALL
            .into_iter()
            .filter(|f| f.is_required())
            .map(|f| (f, FieldProblemKind::Missing))
            .collect();
        assert_eq!(problems(&KycApplicant::default()), missing);
        let blank = KycApplicant {
            first_name: " \t ".into(),
            ..full()
        };
        assert_eq!(
            problems(&blank),
            [(KycField::FirstName, FieldProblemKind::Missing)]
        );
    }

    #[test]
    fn each_field_reports_its_own_problem() {
        use FieldProblemKind as P;
        use KycField as F;
        let cases: &[(F, &str, Option<P>)] = &[
            (F::FirstName, "José", None),
            (F::FirstName, "Nguyễn Văn", None),
            (F::FirstName, "J. R.", None),
            (F::FirstName, "王", Some(P::NotLatin)),
            (F::FirstName, "Иван", Some(P::NotLatin)),
            (F::FirstName, "R2D2", Some(P::NotLatin)),
            (F::FirstName, "--", Some(P::NotLatin)),
            (F::FirstName, "Ann\u{202E}", Some(P::ControlCharacter)),
            (F::LastName, "a\u{0007}b", Some(P::ControlCharacter)),
            (F::LastName, &"x".repeat(51), Some(P::TooLong)),
            (F::AreaCode, "1", None),
            (F::AreaCode, "+1268", None),
            (F::AreaCode, "12345", Some(P::InvalidAreaCode)),
            (F::AreaCode, "++1", Some(P::InvalidAreaCode)),
            (F::AreaCode, "8 52", Some(P::InvalidAreaCode)),
            (F::Phone, "123-456 789", None),
            (F::Phone, "123", Some(P::InvalidPhone)),
            (F::Phone, "1234567890123456", Some(P::InvalidPhone)),
            (F::Phone, "+85291234567", Some(P::InvalidPhone)),
            (F::Phone, "9123x4567", Some(P::InvalidPhone)),
            (F::Country, "US", None),
            (F::Country, "USA", Some(P::TooLong)),
            (F::Country, "U1", Some(P::InvalidCountryCode)),
            (F::Country, "É", Some(P::InvalidCountryCode)),
            (F::PostCode, "SW1A 1AA", None),
            (F::PostCode, "", None),
            (F::PostCode, "#12", Some(P::InvalidPostCode)),
            (F::State, "", None),
            (F::City, "", Some(P::Missing)),
            (F::Address, &"a".repeat(201), Some(P::TooLong)),
            (F::Address, &"a".repeat(200), None),
        ];
        for (field, raw, want) in cases {
            assert_eq!(check_field(*field, raw), *want, "{field:?} {raw:?}");
        }
    }

    #[test]
    fn problems_serialize_as_names_the_window_translates() {
        let p = FieldProblem {
            field: KycField::PostCode,
            problem: FieldProblemKind::InvalidPostCode,
        };
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"field":"post_code","problem":"invalid_post_code"}"#
        );
        for field in KycField::ALL {
            assert_eq!(
                serde_json::to_value(field).unwrap(),
                serde_json::Value::from(field.as_str())
            );
        }
        // The applicant's JSON names are the fields' names, and any may be left out.
        let a: KycApplicant = serde_json::from_str(r#"{"first_name":"Ann"}"#).unwrap();
        assert_eq!(a.get(KycField::FirstName), "Ann");
        let json = serde_json::to_value(full()).unwrap();
        for field in KycField::ALL {
            assert!(json.get(field.as_str()).is_some(), "{field:?}");
        }
        let long = FieldProblem {
            field: KycField::FirstName,
            problem: FieldProblemKind::TooLong,
        };
        assert_eq!(
            long.to_string(),
            "first name is too long (at most 50 characters)"
        );
    }

    #[test]
    fn debug_shows_no_personal_data() {
        let shown = format!("{:?}", full());
        assert!(
            !shown.contains("Mary") && !shown.contains("9123"),
            "{shown}"
        );
    }

    #[test]
    fn the_profile_prefills_names_and_a_splittable_phone() {
        let user = |phone: Option<&str>| User {
            first_name: Some(" Demo ".into()),
            last_name: Some("User".into()),
            phone: phone.map(str::to_owned),
            ..User::default()
        };
        let a = KycApplicant::from_user(&user(Some("+852 9123 4567")));
        assert_eq!(
            (a.first_name.as_str(), a.last_name.as_str()),
            ("Demo", "User")
        );
        assert_eq!(
            (a.area_code.as_str(), a.phone.as_str()),
            ("852", "9123 4567")
        );
        let a = KycApplicant::from_user(&user(Some("+85291234567")));
        assert_eq!((a.area_code.as_str(), a.phone.as_str()), ("", ""));
        let a = KycApplicant::from_user(&user(Some("91234567")));
        assert_eq!((a.area_code.as_str(), a.phone.as_str()), ("", "91234567"));
        let a = KycApplicant::from_user(&user(None));
        assert_eq!(a.phone, "");
        assert_eq!(
            KycApplicant::from_user(&User::default()),
            KycApplicant::default()
        );
    }

    #[test]
    fn agent_uid_is_the_mobile_clients_shape_made_safe() {
        assert_eq!(
            agent_uid("Demo", "User", 1_704_067_200_000),
            "Demo_User_1704067200000"
        );
        assert_eq!(agent_uid("Mary Ann", "O'Neill", 7), "Mary-Ann_O-Neill_7");
        assert_eq!(agent_uid("a_b", " c  d ", 1), "a-b_c-d_1");
        assert_eq!(agent_uid("José", "Łukasz", 1), "Jos_ukasz_1");
        assert_eq!(agent_uid("王", "", 1), "x_x_1");
        // Cut at 32 characters, then the dangling `-` dropped.
        let long = agent_uid(&"abc ".repeat(40), "c", 1);
        assert_eq!(long.split('_').next().unwrap().len(), 31, "{long}");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn any_field() -> impl Strategy<Value = KycField> {
        proptest::sample::select(KycField::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn validation_never_panics_and_normalizing_is_stable(
            values in proptest::collection::vec(any::<String>(), 9),
        ) {
            let mut a = KycApplicant::default();
            for (field, value) in KycField::ALL.into_iter().zip(values) {
                *a.get_mut(field) = value;
            }
            match a.normalized() {
                // What is sent passes again, unchanged.
                Ok(clean) => prop_assert_eq!(clean.normalized(), Ok(clean.clone())),
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    prop_assert!(problems.windows(2).all(|w| w[0].field < w[1].field));
                }
            }
        }

        #[test]
        fn one_field_never_panics(field in any_field(), raw in "\\PC*|[ -~]{0,30}|[0-9 +-]{0,20}") {
            if let Ok(clean) = normalize_field(field, &raw) {
                prop_assert!(clean.chars().count() <= field.max_len());
                prop_assert!(!clean.chars().any(is_control_or_invisible));
                prop_assert_eq!(clean.trim(), clean.as_str());
            }
        }

        #[test]
        fn agent_uid_always_has_three_safe_parts(first in any::<String>(), last in any::<String>(), ms in any::<u64>()) {
            let uid = agent_uid(&first, &last, ms);
            let parts: Vec<&str> = uid.split('_').collect();
            prop_assert_eq!(parts.len(), 3, "{}", uid);
            for name in &parts[..2] {
                prop_assert!(!name.is_empty() && name.len() <= UID_NAME_MAX);
                prop_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
                prop_assert!(!name.starts_with('-') && !name.ends_with('-'));
            }
            prop_assert_eq!(parts[2], ms.to_string());
        }
    }
}
