//! A PoC's contact details ([`Profile`]) and their one validation, shared by `poc init`,
//! `poc custodian init`, `poc update` and `poc custodian import`: organisation name, e-mail
//! addresses, telephone numbers, BCP 47 language tags, web page and IANA time zone.
//!
//! The checks are of form only: they do not look up whether an address or number reaches
//! anyone, whether a web page exists, or whether a time zone is in this machine's tz database
//! (a zone name is checked for its `Area/Location` shape). Language tags are parsed with
//! `oxilangtag` (RFC 5646 syntax).
//!
//! Error messages quote language tags, time zones and web pages (codes and public addresses)
//! but never e-mail addresses or telephone numbers: an item number locates those.

/// Contact details a PoC publishes about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Organisation name.
    pub org_name: String,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Telephone numbers.
    pub phones: Vec<String>,
    /// Operational languages (BCP 47), preferred first.
    pub languages: Vec<String>,
    /// Web page.
    pub webpage: Option<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
}

impl Profile {
    /// The contact details an entry publishes.
    pub fn of_entry(body: &poc_proto::EntryBody) -> Self {
        Profile {
            org_name: body.org_name.clone(),
            emails: body.emails.clone(),
            phones: body.phones.clone(),
            languages: body.languages.clone(),
            webpage: body.webpage.clone(),
            time_zone: body.time_zone.clone(),
        }
    }
}

/// Longest organisation name accepted.
pub const MAX_ORG_NAME_CHARS: usize = 200;

/// A profile field that is not valid. Items of lists are numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// The organisation name is empty or blank.
    #[error(
        "the organisation name (--org-name) is empty: give the organisation's name, e.g. CERT-MX"
    )]
    OrgNameEmpty,
    /// The organisation name contains control characters.
    #[error("the organisation name (--org-name) contains control characters: give it as plain text on one line")]
    OrgNameControl,
    /// The organisation name is too long.
    #[error("the organisation name (--org-name) is longer than {MAX_ORG_NAME_CHARS} characters: give a shorter name")]
    OrgNameTooLong,
    /// An e-mail address holds a comma (several addresses in one item).
    #[error("e-mail address {item} (--email) holds a comma: give one address per item, e.g. name@example.org")]
    EmailWithComma {
        /// Its position in the list.
        item: usize,
    },
    /// An e-mail address is not of the form `name@domain`.
    #[error("e-mail address {item} (--email) is not an e-mail address: give one of the form name@example.org")]
    Email {
        /// Its position in the list.
        item: usize,
    },
    /// A telephone number is not one.
    #[error("telephone number {item} (--phone) is not a telephone number: give one with its country code, e.g. +52 55 1234 5678")]
    Phone {
        /// Its position in the list.
        item: usize,
    },
    /// A language is not a BCP 47 tag.
    #[error("{} (--lang) is not a BCP 47 language tag: give tags like en, fr or es-419", quote(.tag))]
    Language {
        /// The tag given.
        tag: String,
    },
    /// The web page is not an http(s) address.
    #[error("the web page {} (--webpage) is not a web address: give one starting with https://, e.g. https://cert.example.org", quote(.webpage))]
    Webpage {
        /// The value given.
        webpage: String,
    },
    /// The time zone is not an IANA zone name.
    #[error("the time zone {} (--time-zone) is not an IANA time zone: give one like America/Mexico_City or UTC", quote(.zone))]
    TimeZone {
        /// The value given.
        zone: String,
    },
}

impl ProfileError {
    /// The field's name in regional exports (`poc custodian import`).
    pub fn field(&self) -> &'static str {
        match self {
            Self::OrgNameEmpty | Self::OrgNameControl | Self::OrgNameTooLong => "organisation",
            Self::EmailWithComma { .. } | Self::Email { .. } => "email",
            Self::Phone { .. } => "phone",
            Self::Language { .. } => "languages",
            Self::Webpage { .. } => "webpage",
            Self::TimeZone { .. } => "time_zone",
        }
    }

    /// What is wrong, as a predicate of the field (for `the field `email` ...` in import
    /// errors, where a separator is `;`).
    pub fn reason(&self) -> String {
        match self {
            Self::OrgNameEmpty => "is required but empty or absent".to_owned(),
            Self::OrgNameControl => "contains control characters".to_owned(),
            Self::OrgNameTooLong => format!("is longer than {MAX_ORG_NAME_CHARS} characters"),
            Self::EmailWithComma { item } => format!(
                "(item {item}) is not an e-mail address: separate several addresses with `;`"
            ),
            Self::Email { item } => {
                format!("(item {item}) is not an e-mail address of the form name@example.org")
            }
            Self::Phone { item } => {
                format!("(item {item}) is not a telephone number, e.g. +52 55 1234 5678")
            }
            Self::Language { tag } => format!(
                "has {} which is not a BCP 47 language tag, e.g. `en`, `fr` or `es-419`",
                quote(tag)
            ),
            Self::Webpage { webpage } => format!(
                "must be a web address starting with https://, not {}",
                quote(webpage)
            ),
            Self::TimeZone { zone } => format!(
                "must be an IANA time zone, e.g. `America/Mexico_City` or `UTC`, not {}",
                quote(zone)
            ),
        }
    }
}

/// Checks every field of `profile`; the first bad one is the error.
pub fn validate(profile: &Profile) -> Result<(), ProfileError> {
    check_org_name(&profile.org_name)?;
    check_emails(&profile.emails)?;
    check_phones(&profile.phones)?;
    check_languages(&profile.languages)?;
    if let Some(webpage) = &profile.webpage {
        check_webpage(webpage)?;
    }
    if let Some(zone) = &profile.time_zone {
        check_time_zone(zone)?;
    }
    Ok(())
}

/// A non-blank name of at most [`MAX_ORG_NAME_CHARS`] characters, without control characters.
pub fn check_org_name(name: &str) -> Result<(), ProfileError> {
    if name.trim().is_empty() {
        Err(ProfileError::OrgNameEmpty)
    } else if name.chars().any(char::is_control) {
        Err(ProfileError::OrgNameControl)
    } else if name.chars().count() > MAX_ORG_NAME_CHARS {
        Err(ProfileError::OrgNameTooLong)
    } else {
        Ok(())
    }
}

/// Each address of the form `name@domain.tld` (domain labels of letters, digits and inner
/// hyphens), at most 254 bytes, without spaces.
pub fn check_emails(emails: &[String]) -> Result<(), ProfileError> {
    for (i, email) in emails.iter().enumerate() {
        let item = i + 1;
        if email.contains(',') {
            return Err(ProfileError::EmailWithComma { item });
        }
        if !is_email(email) {
            return Err(ProfileError::Email { item });
        }
    }
    Ok(())
}

fn is_email(email: &str) -> bool {
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// Each number with at least three digits, at most 64 characters, no `@` and no control
/// characters (numbers are written in many national styles, so no stricter form is imposed).
pub fn check_phones(phones: &[String]) -> Result<(), ProfileError> {
    for (i, phone) in phones.iter().enumerate() {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if phone.chars().count() > 64
            || digits < 3
            || phone.contains('@')
            || phone.chars().any(char::is_control)
        {
            return Err(ProfileError::Phone { item: i + 1 });
        }
    }
    Ok(())
}

/// Each tag a well-formed BCP 47 language tag (RFC 5646), at most 35 characters.
pub fn check_languages(tags: &[String]) -> Result<(), ProfileError> {
    for tag in tags {
        if tag.len() > 35 || oxilangtag::LanguageTag::parse(tag.as_str()).is_err() {
            return Err(ProfileError::Language { tag: tag.clone() });
        }
    }
    Ok(())
}

/// An `https://` (or `http://`) address with a host, at most 2048 bytes, without spaces.
pub fn check_webpage(webpage: &str) -> Result<(), ProfileError> {
    let lower = webpage.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && webpage.len() <= 2048
        && !webpage.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(ProfileError::Webpage {
            webpage: webpage.to_owned(),
        })
    }
}

/// An IANA zone name's shape: `/`-separated parts of ASCII letters, digits, `_`, `-` and `+`,
/// starting with a letter, at most 64 bytes (`UTC`, `America/Mexico_City`,
/// `America/Argentina/Buenos_Aires`, `Etc/GMT+5`).
pub fn check_time_zone(zone: &str) -> Result<(), ProfileError> {
    let ok = zone.len() <= 64
        && zone.starts_with(|c: char| c.is_ascii_alphabetic())
        && zone.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
        });
    if ok {
        Ok(())
    } else {
        Err(ProfileError::TimeZone {
            zone: zone.to_owned(),
        })
    }
}

/// `text` in backquotes, cut short if long.
pub(crate) fn quote(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() > MAX {
        format!("`{}...`", text.chars().take(MAX).collect::<String>())
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn valid() -> Profile {
        Profile {
            org_name: "CERT-MX".into(),
            emails: strings(&["cert@cert.mx.example", "soc@cert.mx.example"]),
            phones: strings(&["+52 55 1234 5678"]),
            languages: strings(&["es", "en", "es-419", "zh-Hant-TW"]),
            webpage: Some("https://cert.mx.example/contact".into()),
            time_zone: Some("America/Mexico_City".into()),
        }
    }

    #[test]
    fn a_complete_profile_is_valid() {
        assert_eq!(validate(&valid()), Ok(()));
        for zone in ["UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5"] {
            assert_eq!(check_time_zone(zone), Ok(()), "{zone}");
        }
    }

    /// A change that makes a valid profile invalid, and the error it must give.
    type Case = (Box<dyn Fn(&mut Profile)>, ProfileError);

    #[test]
    fn each_bad_field_gets_its_own_error() {
        let cases: Vec<Case> = vec![
            (
                Box::new(|p| p.org_name = " ".into()),
                ProfileError::OrgNameEmpty,
            ),
            (
                Box::new(|p| p.org_name = "CERT\nMX".into()),
                ProfileError::OrgNameControl,
            ),
            (
                Box::new(|p| p.org_name = "x".repeat(MAX_ORG_NAME_CHARS + 1)),
                ProfileError::OrgNameTooLong,
            ),
            (
                Box::new(|p| p.emails[1] = "not-an-address".into()),
                ProfileError::Email { item: 2 },
            ),
            (
                Box::new(|p| p.emails[0] = "a@example".into()),
                ProfileError::Email { item: 1 },
            ),
            (
                Box::new(|p| p.emails[0] = "a@b.example,c@d.example".into()),
                ProfileError::EmailWithComma { item: 1 },
            ),
            (
                Box::new(|p| p.phones[0] = "call me".into()),
                ProfileError::Phone { item: 1 },
            ),
            (
                Box::new(|p| p.languages[2] = "en_US".into()),
                ProfileError::Language {
                    tag: "en_US".into(),
                },
            ),
            (
                Box::new(|p| p.languages[0] = "english-".into()),
                ProfileError::Language {
                    tag: "english-".into(),
                },
            ),
            (
                Box::new(|p| p.webpage = Some("ftp://x".into())),
                ProfileError::Webpage {
                    webpage: "ftp://x".into(),
                },
            ),
            (
                Box::new(|p| p.time_zone = Some("Mexico City".into())),
                ProfileError::TimeZone {
                    zone: "Mexico City".into(),
                },
            ),
        ];
        for (spoil, expected) in cases {
            let mut profile = valid();
            spoil(&mut profile);
            assert_eq!(validate(&profile), Err(expected));
        }
    }

    #[test]
    fn messages_name_the_option_and_a_valid_form_but_not_personal_data() {
        let mut profile = valid();
        profile.emails[1] = "secret.person@@x".into();
        let message = validate(&profile).unwrap_err().to_string();
        assert!(message.contains("--email"), "{message}");
        assert!(message.contains("name@example.org"), "{message}");
        assert!(!message.contains("secret.person"), "{message}");
        let mut profile = valid();
        profile.phones[0] = "555".repeat(30);
        let message = validate(&profile).unwrap_err().to_string();
        assert!(message.contains("--phone"), "{message}");
        assert!(!message.contains("555555"), "{message}");
    }
}
