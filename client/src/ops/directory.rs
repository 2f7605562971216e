//! Reading the directory in force: sync outcome, listing and filtering, one entry, checks.

use poc_keys::team::VerifiedTeam;
use poc_proto::{PocId, Role};
use schemars::JsonSchema;
use serde::Serialize;

use super::view::EntryView;
use crate::error::Failure;
use crate::json::Timestamp;
use crate::trust::{Accepted, TrustedDirectory};

/// Filters for `poc directory list`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Organisation code, e.g. FRA.
    pub org: Option<String>,
    /// Role.
    pub role: Option<Role>,
    /// Operational language.
    pub lang: Option<String>,
}

/// Entries matching `filter`, sorted by id.
pub fn list<'a>(directory: &'a TrustedDirectory, filter: &Filter) -> Vec<&'a VerifiedTeam> {
    let mut entries: Vec<&VerifiedTeam> = directory
        .teams()
        .iter()
        .filter(|e| {
            filter
                .org
                .as_ref()
                .is_none_or(|o| e.body.id.org().eq_ignore_ascii_case(o))
                && filter.role.is_none_or(|r| e.body.id.role() == r)
                && filter
                    .lang
                    .as_ref()
                    .is_none_or(|l| e.body.languages.iter().any(|x| x.eq_ignore_ascii_case(l)))
        })
        .collect();
    entries.sort_by(|a, b| a.body.id.cmp(&b.body.id));
    entries
}

/// What `poc directory sync` did.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Synced {
    /// Whether a newer directory was accepted.
    pub updated: bool,
    /// The serial held before, when a newer one was accepted (0: none was held).
    pub from: Option<u64>,
    /// The serial in force now.
    pub serial: u64,
}

impl Synced {
    /// The outcome of accepting (or not) a published directory.
    pub fn of(accepted: &Accepted, serial_in_force: u64) -> Self {
        match accepted {
            Accepted::Newer { from, to } => Synced {
                updated: true,
                from: Some(*from),
                serial: *to,
            },
            // A newer directory that arrived expired is left out (the warning names it).
            Accepted::Same | Accepted::KeptValid { .. } => Synced {
                updated: false,
                from: None,
                serial: serial_in_force,
            },
        }
    }
}

/// The entries of the directory in force that match a filter.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Listing {
    /// The directory's serial.
    pub serial: u64,
    /// The matching entries, sorted by id.
    pub entries: Vec<EntryView>,
}

/// The entries of `directory` that match `filter`.
pub fn listing(directory: &TrustedDirectory, filter: &Filter) -> Listing {
    Listing {
        serial: directory.directory.serial,
        entries: list(directory, filter)
            .into_iter()
            .map(EntryView::of_team)
            .collect(),
    }
}

/// One entry of the directory in force.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Shown {
    /// The entry.
    #[serde(flatten)]
    pub entry: EntryView,
    /// The reader's language, for the text output (not part of the JSON document).
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
}

/// The language of the PoC of `home`: its first language in the directory in force, else
/// English (no directory yet, or none of its languages is a UN language).
pub fn home_lang(home: &crate::home::Home) -> crate::i18n::Lang {
    let Ok(config) = home.config() else {
        return crate::i18n::Lang::En;
    };
    match crate::trust::current(home, &config.custodian_key) {
        Ok(Some(directory)) => preferred_lang(&directory, &config.id),
        _ => crate::i18n::Lang::En,
    }
}

/// The first UN language of `id`'s entry (its preferred reading language), else English.
pub fn preferred_lang(directory: &TrustedDirectory, id: &PocId) -> crate::i18n::Lang {
    directory
        .team(id)
        .and_then(|e| {
            e.body
                .languages
                .iter()
                .find_map(|l| crate::i18n::Lang::from_tag(l))
        })
        .unwrap_or(crate::i18n::Lang::En)
}

/// Why `poc directory show` has no entry to show.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    /// The PoC's key was revoked.
    #[error("{id}'s key was revoked on {date} (directory serial {serial}); ask the custodian for its new entry")]
    Revoked {
        /// The PoC.
        id: PocId,
        /// When.
        date: String,
        /// The serial of the directory in force.
        serial: u64,
    },
    /// No entry has this id.
    #[error("{id} is not in the directory (serial {serial}): see `poc directory list`{hint}")]
    Absent {
        /// The id asked for.
        id: PocId,
        /// The serial of the directory in force.
        serial: u64,
        /// `. Did you mean X?` or empty.
        hint: String,
    },
}

/// The entry of `id`, or a not-found failure saying whether its key was revoked or it was
/// never there (with the closest id).
pub fn show(directory: &TrustedDirectory, id: &PocId) -> anyhow::Result<Shown> {
    let entry = directory
        .team(id)
        .ok_or_else(|| Failure::not_found(not_shown(directory, id)))?;
    Ok(Shown {
        entry: EntryView::of_team(entry),
        lang: crate::i18n::Lang::En,
    })
}

fn not_shown(directory: &TrustedDirectory, id: &PocId) -> ShowError {
    let serial = directory.directory.serial;
    match super::send::not_reachable(directory, id) {
        super::send::SendError::Revoked { id, date, serial } => {
            ShowError::Revoked { id, date, serial }
        }
        super::send::SendError::UnknownRecipient(id, hint) => {
            ShowError::Absent { id, serial, hint }
        }
        _ => ShowError::Absent {
            id: id.clone(),
            serial,
            hint: String::new(),
        },
    }
}

/// The checks the directory in force passed (`poc directory verify`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Checked {
    /// Its serial.
    pub serial: u64,
    /// How many entries it holds, each with a valid self-signature.
    pub entries: usize,
    /// When the custodian issued it.
    pub issued_at: Timestamp,
    /// When it expires.
    pub expires_at: Timestamp,
    /// Its digest (64 hex digits), the same for every PoC that holds it.
    pub digest: String,
    /// Whether it has expired (it can still be read; ask the custodian for a new one).
    pub expired: bool,
}

/// What `directory` was checked against when it was accepted, at time `now`.
pub fn checked(directory: &TrustedDirectory, now: u64) -> Checked {
    let d = &directory.directory;
    Checked {
        serial: d.serial,
        entries: d.teams.len(),
        issued_at: d.issued_at.into(),
        expires_at: d.expires_at.into(),
        digest: crate::trust::hex(&directory.digest),
        expired: directory.is_expired(now),
    }
}
