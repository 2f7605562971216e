//! # Labels, fixed values and command output in the six official UN languages
//!
//! Messages between Points of Contact are shown in the reader's language: this module gives
//! the translations of the *labels* of message fields ("From", "Priority", "Indicators of
//! compromise"...), of the *fixed values* those fields may take (priorities, natures of
//! request, response statuses, incident classes, message types), and of the `poc` command's
//! own output (column headers, status words, units, reports, the screens of every command
//! and the lines it prints on stderr), in Arabic, Chinese
//! (simplified), English, French, Russian and Spanish.
//!
//! The content written by the sender (summaries, descriptions, free text, names) is **never
//! translated**: it is displayed exactly as signed. Only labels, fixed values and the
//! command's own words are.
//!
//! The translations are Fluent files, `client/i18n/<code>/poc.ftl`, embedded in the binary
//! ([`catalog`]). Keys are typed: every set of labels or values is an enum implementing
//! [`Translated`] ([`keys`], [`phrases`]), so the valid values, the enum and the Fluent ids
//! come from one declaration; the tests check that each language file has exactly the ids
//! of the enums and phrases, no more and no fewer.
//!
//! Terminology follows the usage of national CERTs/CSIRTs and foreign ministries, and of UN
//! documents for the Global Intergovernmental Points of Contact Directory ("répertoire",
//! "directorio", "справочник", "名录", "الدليل"). Incident classes are the top-level classes of
//! the ENISA / RSIT reference incident classification taxonomy. TLP labels stay in the
//! English form of FIRST TLP 2.0 in every language.

mod catalog;
pub mod keys;
mod lang;
pub mod phrases;
pub mod screens;

pub use catalog::{loader, Translated};
pub use keys::{IncidentClass, Label, MessageType, YesNo};
pub use lang::Lang;

use poc_proto::{Nature, Priority, ResponseStatus, Role, Tlp};

/// Formats every [`Translated`] set once for one language (the catalog's cache).
fn fill_all(f: &mut catalog::Filler<'_>) {
    f.set::<Label>();
    f.set::<Priority>();
    f.set::<Tlp>();
    f.set::<Nature>();
    f.set::<ResponseStatus>();
    f.set::<Role>();
    f.set::<IncidentClass>();
    f.set::<MessageType>();
    f.set::<YesNo>();
    f.set::<phrases::Text>();
    f.set::<phrases::InboxColumn>();
    f.set::<phrases::PingColumn>();
    f.set::<phrases::ReportColumn>();
    f.set::<phrases::ReportOutcome>();
    f.set::<phrases::EntryLabel>();
    f.set::<screens::Word>();
    f.set::<screens::Column>();
    f.set::<crate::ops::requests::ChangedField>();
    f.set::<crate::ops::exercise::Verdict>();
    #[cfg(feature = "ui")]
    f.set::<crate::ui::words::Ui>();
    #[cfg(feature = "ui")]
    f.set::<crate::ui::pages::compose_words::ComposeText>();
    #[cfg(feature = "ui")]
    f.set::<crate::ui::pages::custodian_words::CustodianText>();
    #[cfg(feature = "ui")]
    f.set::<crate::ui::pages::members_words::MembersText>();
    #[cfg(feature = "ui")]
    f.set::<crate::ui::pages::exercise_words::ExerciseText>();
}

/// Calls `f` with the set name, canonical names and translation (in `lang`) lookup of each
/// fixed-value set that message fields use (`priority`, `tlp`, `nature`, `status`,
/// `incident_class`, `type`, `yes_no`).
fn field_set<R>(
    set: &str,
    f: impl FnOnce(&'static [&'static str], fn(&str, Lang) -> Option<&'static str>) -> R,
) -> Option<R> {
    fn lookup<T: Translated>(key: &str, lang: Lang) -> Option<&'static str> {
        T::from_key(key).map(|v| v.text(lang))
    }
    Some(match set {
        "priority" => f(Priority::KEYS, lookup::<Priority>),
        "tlp" => f(Tlp::KEYS, lookup::<Tlp>),
        "nature" => f(Nature::KEYS, lookup::<Nature>),
        "status" => f(ResponseStatus::KEYS, lookup::<ResponseStatus>),
        "incident_class" => f(IncidentClass::KEYS, lookup::<IncidentClass>),
        "type" => f(MessageType::KEYS, lookup::<MessageType>),
        "yes_no" => f(YesNo::KEYS, lookup::<YesNo>),
        _ => return None,
    })
}

/// Translated label for a field `key` (canonical field name, see [`Label`]); None for an
/// unknown key.
pub fn label(key: &str, lang: Lang) -> Option<&'static str> {
    Label::from_key(key).map(|l| l.text(lang))
}

/// Translated fixed value: `set` is one of "priority", "tlp", "nature", "status",
/// "incident_class", "type", "yes_no"; `value` the canonical value. None if the set or the
/// value is unknown.
pub fn value(set: &str, value: &str, lang: Lang) -> Option<&'static str> {
    field_set(set, |_, lookup| lookup(value, lang)).flatten()
}

/// Canonical values of a fixed-value set (in their defined order), for help texts; empty for
/// an unknown set. Code that knows the set uses the enum's [`Translated::ALL`] instead.
pub fn values(set: &str) -> &'static [&'static str] {
    field_set(set, |keys, _| keys).unwrap_or(&[])
}

#[cfg(test)]
mod tests;
