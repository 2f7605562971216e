//! Names of States from the codes before the dot of PoC ids (`MAR` in `MAR.technical`), in
//! the reader's language, so recipients, confirmations and directory entries say "Maroc",
//! "Marruecos", "摩洛哥" or "المغرب" rather than only `MAR`; and the reverse: whether what a
//! person typed names a State in any of the six UN languages.
//!
//! The directory's organisation codes of States are ISO 3166-1 alpha-3 codes (MEX, FRA,
//! MAR); `rust_iso3166` gives their alpha-2 codes (and the ISO English short names, still
//! accepted when a person types a name). The names are the CLDR territory names, compiled into
//! the binary by ICU4X (`icu_locale::names`, the names of all modern regions). A code that
//! is not a State (an organisation such as `UNODA`) has no name here and is shown as it is.
//!
//! This module only names States; it does not decide who a message goes to.

use icu_locale::names::{DisplayNamesPreferences, RegionDisplayName};
use icu_locale::subtags::Region;
use icu_locale::{langid, LanguageIdentifier};

use crate::i18n::Lang;

/// The ISO 3166-1 entry of the State with alpha-3 `code` (any case), if any.
fn iso(code: &str) -> Option<rust_iso3166::CountryCode> {
    rust_iso3166::from_alpha3(&code.trim().to_ascii_uppercase())
}

/// The ICU4X language of `lang` (Chinese is the simplified script, ICU4X's default for `zh`).
fn language(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::Ar => langid!("ar"),
        Lang::Zh => langid!("zh"),
        Lang::En => langid!("en"),
        Lang::Fr => langid!("fr"),
        Lang::Ru => langid!("ru"),
        Lang::Es => langid!("es"),
    }
}

/// The name of the State with ISO 3166-1 alpha-3 `code` (any case) in `lang`, if `code` is
/// a State.
pub fn name(code: &str, lang: Lang) -> Option<String> {
    let region = Region::try_from_str(iso(code)?.alpha2).ok()?;
    let prefs = DisplayNamesPreferences::from(&language(lang));
    RegionDisplayName::try_new_light(prefs, region)
        .ok()
        .map(|name| name.to_string())
}

/// The State's name in `lang`, or the code itself for an organisation that is not a State.
pub fn name_or_code(code: &str, lang: Lang) -> String {
    name(code, lang).unwrap_or_else(|| code.to_owned())
}

/// Every name of the State with alpha-3 `code` a person may type: its names in the six UN
/// languages and its ISO English short name, without repeats. Empty for a code that is not a
/// State.
pub fn names(code: &str) -> Vec<String> {
    let Some(iso) = iso(code) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let all = Lang::ALL
        .into_iter()
        .filter_map(|lang| name(code, lang))
        .chain(std::iter::once(iso.name.to_owned()));
    for n in all {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Whether `text` (any case) is part of one of the State's [`names`] ("maroc", "Marruecos",
/// "摩洛哥", "المغرب" and "Morocco" all name `MAR`). Empty text names nothing.
pub fn named_by(code: &str, text: &str) -> bool {
    let text = text.trim().to_lowercase();
    !text.is_empty() && names(code).iter().any(|n| n.to_lowercase().contains(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few States in each of the six languages (CLDR names).
    #[test]
    fn names_in_each_language() {
        let cases: [(&str, [&str; 6]); 4] = [
            // Ar, Zh, En, Fr, Ru, Es (the order of Lang::ALL).
            (
                "MAR",
                [
                    "المغرب",
                    "摩洛哥",
                    "Morocco",
                    "Maroc",
                    "Марокко",
                    "Marruecos",
                ],
            ),
            (
                "FRA",
                ["فرنسا", "法国", "France", "France", "Франция", "Francia"],
            ),
            ("CHN", ["الصين", "中国", "China", "Chine", "Китай", "China"]),
            (
                "MEX",
                [
                    "المكسيك",
                    "墨西哥",
                    "Mexico",
                    "Mexique",
                    "Мексика",
                    "México",
                ],
            ),
        ];
        for (code, expected) in cases {
            for (lang, want) in Lang::ALL.into_iter().zip(expected) {
                assert_eq!(
                    name(code, lang).as_deref(),
                    Some(want),
                    "{code} in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn codes_are_read_in_any_case_and_organisations_keep_their_code() {
        assert_eq!(name("mar", Lang::Fr).as_deref(), Some("Maroc"));
        assert_eq!(name(" Mex ", Lang::Es).as_deref(), Some("México"));
        assert_eq!(name("UNODA", Lang::Fr), None);
        assert_eq!(name_or_code("UNODA", Lang::Zh), "UNODA");
        assert_eq!(name_or_code("RUS", Lang::Ru), "Россия");
        assert!(names("UNODA").is_empty());
    }

    #[test]
    fn every_iso_state_has_a_name_in_every_language() {
        for country in rust_iso3166::ALL {
            for lang in Lang::ALL {
                let shown = name(country.alpha3, lang);
                assert!(
                    shown
                        .as_deref()
                        .is_some_and(|n| !n.is_empty() && n != country.alpha2),
                    "{} in {lang:?}: {shown:?}",
                    country.alpha3
                );
            }
        }
    }

    #[test]
    fn a_state_is_named_in_any_of_the_six_languages() {
        for typed in [
            "Maroc",
            "marruecos",
            "摩洛哥",
            "المغرب",
            "Марокко",
            "MOROCCO",
            "maro",
        ] {
            assert!(named_by("MAR", typed), "{typed}");
        }
        // The ISO English short name still names its State.
        assert!(named_by("RUS", "Russian Federation"));
        assert!(named_by("RUS", "россия"));
        for typed in ["Mexique", "", "  ", "UNODA"] {
            assert!(!named_by("MAR", typed), "{typed}");
        }
        assert!(!named_by("UNODA", "UNODA"));
    }

    #[test]
    fn report_groups_of_states_carry_the_name_in_the_readers_language() {
        use crate::i18n::phrases::report_state;
        assert!(report_state(Lang::Es, "MAR").contains("MAR (Marruecos)"));
        assert!(report_state(Lang::Zh, "FRA").contains("FRA (法国)"));
        let organisation = report_state(Lang::Fr, "UNODA");
        assert!(
            organisation.contains("UNODA") && !organisation.contains('('),
            "{organisation}"
        );
    }

    #[test]
    fn names_lists_each_name_once() {
        let all = names("FRA");
        assert_eq!(
            all,
            ["فرنسا", "法国", "France", "Франция", "Francia"],
            "{all:?}"
        );
    }
}
