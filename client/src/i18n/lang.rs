//! The six official UN languages: tags, names, writing direction.
//!
//! This module only names languages; the translations themselves are in the Fluent files
//! (`client/i18n/<code>/poc.ftl`, see [`super::catalog`]).

/// One of the six UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Arabic (`ar`), written right to left.
    Ar = 0,
    /// Chinese, simplified script (`zh`).
    Zh = 1,
    /// English (`en`).
    En = 2,
    /// French (`fr`).
    Fr = 3,
    /// Russian (`ru`).
    Ru = 4,
    /// Spanish (`es`).
    Es = 5,
}

impl Lang {
    /// The six languages in UN alphabetical order of their English names, as in UN documents:
    /// Arabic, Chinese, English, French, Russian, Spanish. `lang as usize` is the position.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// From a BCP 47 tag: primary subtag, case-insensitive ("fr", "fr-CH", "zh-Hans", "AR");
    /// None if not a UN language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// "ar", "zh", "en", "fr", "ru", "es": also the folder of the language's Fluent file.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// Arabic is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }

    /// The language's own name: "العربية", "中文", "English", "Français", "Русский", "Español".
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_tag() {
        assert_eq!(Lang::from_tag("fr-CH"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("ZH-hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("es"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("AR"), Some(Lang::Ar));
        assert_eq!(Lang::from_tag("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag("de-CH"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("-fr"), None);
        assert_eq!(Lang::from_tag("fra"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
        }
    }

    #[test]
    fn codes_names_direction() {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["ar", "zh", "en", "fr", "ru", "es"]);
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang as usize, i, "ALL must follow the declaration order");
        }
        assert!(Lang::Ar.is_rtl());
        assert!(Lang::ALL.iter().filter(|l| l.is_rtl()).count() == 1);
        assert_eq!(Lang::Ar.native_name(), "العربية");
        assert_eq!(Lang::Zh.native_name(), "中文");
        assert_eq!(Lang::En.native_name(), "English");
        assert_eq!(Lang::Fr.native_name(), "Français");
        assert_eq!(Lang::Ru.native_name(), "Русский");
        assert_eq!(Lang::Es.native_name(), "Español");
    }
}
