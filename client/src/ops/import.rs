//! Import of Points of Contact from a regional directory (OAS CICTE, OSCE, ...).
//!
//! A State that already nominated PoCs to a regional directory may expressly authorise the
//! regional organisation to transmit them to the UN directory. The custodian imports the
//! regional export together with a file of consent records (one per note verbale), and only
//! the rows of States with a consent record for that source are kept. Nothing from another
//! State is written anywhere: both files are parsed and validated completely in memory first,
//! and only the kept rows reach the disk.
//!
//! Imported contacts have no keys yet, so each becomes a pending invitation in
//! `custodian/invitations/<ID>.toml` that the custodian hands out later
//! (`poc custodian invite ID`).
//!
//! Regional export (CSV with a header row, or JSON: an array of objects), fields:
//!
//! | field          | required | value                                              |
//! |----------------|----------|----------------------------------------------------|
//! | `state`        | yes      | ISO 3166-1 alpha-3 code, e.g. `MEX`                |
//! | `role`         | yes      | `diplomatic` or `technical`                        |
//! | `organisation` | yes      | name of the organisation                           |
//! | `email`        | yes      | one or more addresses, `;`-separated               |
//! | `phone`        | no       | zero or more numbers, `;`-separated                |
//! | `languages`    | no       | zero or more BCP 47 tags, `;`-separated            |
//! | `webpage`      | no       | `https://...`                                      |
//! | `time_zone`    | no       | IANA time zone, e.g. `America/Mexico_City`         |
//!
//! In JSON, `email`, `phone` and `languages` may also be arrays of strings.
//!
//! Consent file (CSV): `state,source,date,reference`, e.g.
//! `MEX,OAS,2025-02-11,NV/2025/0042`.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::Context;
use poc_proto::{PocId, PocIdError, Role};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::home::{write_atomic, Home};
use crate::profile::{self, quote, Profile};

/// Where pending invitations live, relative to the home.
const INVITATIONS_DIR: &str = "custodian/invitations";

/// Every field of a regional export.
const EXPORT_FIELDS: &[&str] = &[
    "state",
    "role",
    "organisation",
    "email",
    "phone",
    "languages",
    "webpage",
    "time_zone",
];

/// The fields a regional export must have.
const EXPORT_REQUIRED: &[&str] = &["state", "role", "organisation", "email"];

/// The columns of a consent file (all required).
const CONSENT_FIELDS: &[&str] = &["state", "source", "date", "reference"];

/// Why an import was refused. Nothing is written when any of these occurs.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file could not be read.
    #[error("cannot read {}", .file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The export is neither `.csv` nor `.json`.
    #[error("{} has an unsupported file type: the regional export must be a .csv or a .json file", .file.display())]
    UnsupportedFormat {
        /// The file.
        file: PathBuf,
    },
    /// The file is not well-formed CSV or JSON, or does not have the expected shape.
    #[error("{} is not a valid {format} file: {reason}", .file.display())]
    BadFormat {
        /// The file.
        file: PathBuf,
        /// `CSV` or `JSON`.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Columns (CSV) or keys (JSON) this tool does not know.
    #[error("{} has unknown columns {} (the accepted columns are {})", .file.display(), names(.columns), .accepted.join(", "))]
    UnknownColumns {
        /// The file.
        file: PathBuf,
        /// The unknown names.
        columns: Vec<String>,
        /// The accepted names.
        accepted: &'static [&'static str],
    },
    /// Required columns absent from the header.
    #[error("{} lacks the required columns {}", .file.display(), names(.columns))]
    MissingColumns {
        /// The file.
        file: PathBuf,
        /// The missing names.
        columns: Vec<String>,
    },
    /// Columns that appear more than once in the header.
    #[error("{} has the columns {} more than once", .file.display(), names(.columns))]
    DuplicateColumns {
        /// The file.
        file: PathBuf,
        /// The repeated names.
        columns: Vec<String>,
    },
    /// A value is missing or invalid.
    #[error("{}, row {row}: the field `{field}` {reason}", .file.display())]
    BadValue {
        /// The file.
        file: PathBuf,
        /// Data row, from 1 (the CSV header row is not counted).
        row: usize,
        /// The field name.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The source organisation given on the command line is empty or malformed.
    #[error("`{0}` is not a source organisation: give its name as in the consent file, e.g. OAS or OSCE")]
    BadSource(String),
    /// Every id from `STATE.role` to `STATE.role.999` is taken.
    #[error("no PoC id is left for {state}.{role}: all of {state}.{role} to {state}.{role}.999 are taken")]
    IdsExhausted {
        /// The State.
        state: String,
        /// The role.
        role: Role,
    },
    /// An id could not be formed (cannot happen for a validated row).
    #[error("cannot form a PoC id: {0}")]
    Id(#[from] PocIdError),
    /// A stored pending invitation is damaged.
    #[error("{} is not a valid pending invitation: {reason}", .file.display())]
    Damaged {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// `a`, `b` for error messages.
fn names(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A contact imported from a regional directory, waiting for the custodian to hand out its
/// invitation. Stored as `custodian/invitations/<ID>.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingInvitation {
    /// The PoC id reserved for it.
    pub id: PocId,
    /// Organisation name.
    pub org_name: String,
    /// E-mail addresses (at least one).
    pub emails: Vec<String>,
    /// Telephone numbers.
    pub phones: Vec<String>,
    /// Operational languages (BCP 47), preferred first.
    pub languages: Vec<String>,
    /// Web page.
    pub webpage: Option<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
    /// The regional organisation that transmitted it, as written in the consent record.
    pub source: String,
    /// Reference of the note verbale by which the State consented.
    pub consent_reference: String,
    /// Date of the consent, `YYYY-MM-DD`.
    pub consent_date: String,
    /// Unix seconds of the import.
    pub imported_at: u64,
}

impl PendingInvitation {
    /// The contact details as a profile.
    pub fn profile(&self) -> Profile {
        Profile {
            org_name: self.org_name.clone(),
            emails: self.emails.clone(),
            phones: self.phones.clone(),
            languages: self.languages.clone(),
            webpage: self.webpage.clone(),
            time_zone: self.time_zone.clone(),
        }
    }
}

/// A pending invitation as `poc custodian invitations` and `invite` show it.
#[derive(Debug, Clone, schemars::JsonSchema, Serialize)]
pub struct InvitationView {
    /// The PoC id reserved for it.
    pub id: String,
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
    /// The regional organisation that transmitted it.
    pub source: String,
    /// Reference of the note verbale by which the State consented.
    pub consent_reference: String,
    /// Date of the consent, `YYYY-MM-DD`.
    pub consent_date: String,
    /// When it was imported.
    pub imported_at: crate::json::Timestamp,
}

impl InvitationView {
    /// The view of `invitation`.
    pub fn of(invitation: &PendingInvitation) -> Self {
        InvitationView {
            id: invitation.id.to_string(),
            org_name: invitation.org_name.clone(),
            emails: invitation.emails.clone(),
            phones: invitation.phones.clone(),
            languages: invitation.languages.clone(),
            webpage: invitation.webpage.clone(),
            time_zone: invitation.time_zone.clone(),
            source: invitation.source.clone(),
            consent_reference: invitation.consent_reference.clone(),
            consent_date: invitation.consent_date.clone(),
            imported_at: invitation.imported_at.into(),
        }
    }
}

/// The pending invitations `poc custodian invitations` lists.
#[derive(Debug, schemars::JsonSchema, Serialize)]
pub struct Invitations {
    /// Every pending invitation, sorted by id.
    pub pending: Vec<InvitationView>,
}

/// Every pending invitation, as a result.
pub fn invitations(home: &Home) -> anyhow::Result<Invitations> {
    Ok(Invitations {
        pending: pending(home)?.iter().map(InvitationView::of).collect(),
    })
}

/// What an import did (`poc custodian import`).
#[derive(Debug, Clone, Default, PartialEq, Eq, schemars::JsonSchema, Serialize)]
pub struct ImportReport {
    /// The regional organisation that transmitted the export, as given.
    pub source: String,
    /// New pending invitations, in export order.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub imported: Vec<PocId>,
    /// Rows already present (as a pending invitation or an accepted entry with the same State,
    /// role, organisation and e-mail addresses): the id they are present under.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub already_present: Vec<PocId>,
    /// States in the export without a consent record for the source: sorted, each once. None
    /// of their data was stored.
    pub skipped_states: Vec<String>,
}

/// One validated row of a regional export.
#[derive(Debug, Clone)]
struct Row {
    state: String,
    role: Role,
    profile: Profile,
}

/// One row of a regional export before validation (empty cells already dropped).
#[derive(Debug, Default)]
struct RawRow {
    state: Option<String>,
    role: Option<String>,
    organisation: Option<String>,
    email: Vec<String>,
    phone: Vec<String>,
    languages: Vec<String>,
    webpage: Option<String>,
    time_zone: Option<String>,
}

/// One row of a JSON export. Values are checked field by field afterwards so that an error
/// names its field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRow {
    state: Option<Value>,
    role: Option<Value>,
    organisation: Option<Value>,
    email: Option<Value>,
    phone: Option<Value>,
    languages: Option<Value>,
    webpage: Option<Value>,
    time_zone: Option<Value>,
}

/// One consent record.
#[derive(Debug, Clone)]
struct Consent {
    state: String,
    source: String,
    date: String,
    reference: String,
}

/// Imports the regional `export` (`.csv` or `.json`) transmitted by `source`, keeping only the
/// States that have a consent record for `source` in `consent`, dated `now` (Unix seconds).
/// Both files are validated completely before anything is written.
pub fn import(
    home: &Home,
    export: &Path,
    source: &str,
    consent: &Path,
    now: u64,
) -> anyhow::Result<ImportReport> {
    let source = source.trim();
    if source.is_empty() || source.chars().any(char::is_control) {
        return Err(ImportError::BadSource(source.to_owned()).into());
    }
    let rows = parse_export(export)?;
    let consents = parse_consent(consent)?;

    // The consent of each State for this source; the most recent record wins.
    let mut consent_of: BTreeMap<String, Consent> = BTreeMap::new();
    for record in consents {
        if !record.source.eq_ignore_ascii_case(source) {
            continue;
        }
        match consent_of.get(&record.state) {
            Some(previous) if previous.date >= record.date => {}
            _ => {
                consent_of.insert(record.state.clone(), record);
            }
        }
    }

    let mut report = ImportReport {
        source: source.to_owned(),
        ..ImportReport::default()
    };
    let mut skipped = BTreeSet::new();
    let mut kept = Vec::new();
    for row in rows {
        match consent_of.get(&row.state) {
            Some(record) => kept.push((row, record)),
            None => {
                skipped.insert(row.state);
            }
        }
    }
    report.skipped_states = skipped.into_iter().collect();
    if kept.is_empty() {
        return Ok(report);
    }

    let accepted = super::custodian::entries(home)?;
    let existing = pending(home)?;
    let mut taken: HashSet<PocId> = accepted
        .iter()
        .map(|e| e.body.id.clone())
        .chain(existing.iter().map(|p| p.id.clone()))
        .collect();
    // Contacts already known: (id, key, created by this import).
    let mut known: Vec<(PocId, ContactKey, bool)> = accepted
        .iter()
        .map(|e| {
            let key = ContactKey::new(&e.body.id, &e.body.org_name, &e.body.emails);
            (e.body.id.clone(), key, false)
        })
        .chain(existing.iter().map(|p| {
            let key = ContactKey::new(&p.id, &p.org_name, &p.emails);
            (p.id.clone(), key, false)
        }))
        .collect();

    let imported_at = now;
    let mut new = Vec::new();
    for (row, record) in kept {
        let key = ContactKey {
            state: row.state.clone(),
            role: row.role,
            org_name: row.profile.org_name.clone(),
            emails: normalised_emails(&row.profile.emails),
        };
        if let Some((id, _, created_now)) = known.iter().find(|(_, k, _)| *k == key) {
            // A repeated row of this export is simply the same contact.
            if !created_now && !report.already_present.contains(id) {
                report.already_present.push(id.clone());
            }
            continue;
        }
        let id = next_id(&row.state, row.role, &taken)?;
        taken.insert(id.clone());
        known.push((id.clone(), key, true));
        let Profile {
            org_name,
            emails,
            phones,
            languages,
            webpage,
            time_zone,
        } = row.profile;
        new.push(PendingInvitation {
            id,
            org_name,
            emails,
            phones,
            languages,
            webpage,
            time_zone,
            source: record.source.clone(),
            consent_reference: record.reference.clone(),
            consent_date: record.date.clone(),
            imported_at,
        });
    }

    if new.is_empty() {
        return Ok(report);
    }
    let dir = home.ensure_dir(INVITATIONS_DIR)?;
    for invitation in new {
        let text = toml::to_string(&invitation).context("encoding a pending invitation")?;
        write_atomic(
            &dir.join(format!("{}.toml", invitation.id)),
            text.as_bytes(),
        )?;
        report.imported.push(invitation.id);
    }
    Ok(report)
}

/// Every pending invitation, sorted by id; none if the folder does not exist.
pub fn pending(home: &Home) -> anyhow::Result<Vec<PendingInvitation>> {
    let dir = home.path(INVITATIONS_DIR);
    let items = match std::fs::read_dir(&dir) {
        Ok(items) => items,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    let mut out = Vec::new();
    for item in items {
        let path = item
            .with_context(|| format!("reading {}", dir.display()))?
            .path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden && path.extension().is_some_and(|e| e == "toml") {
            out.push(read_invitation(&path)?);
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Removes and returns the pending invitation `id` (the custodian handed it out); `None` if
/// there is none.
pub fn take_pending(home: &Home, id: &PocId) -> anyhow::Result<Option<PendingInvitation>> {
    let dir = home.path(INVITATIONS_DIR);
    let path = dir.join(format!("{id}.toml"));
    match std::fs::symlink_metadata(&path) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    }
    let invitation = read_invitation(&path)?;
    std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    std::fs::File::open(&dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing {}", dir.display()))?;
    Ok(Some(invitation))
}

/// Reads one pending invitation and checks it is stored under its own id.
fn read_invitation(path: &Path) -> anyhow::Result<PendingInvitation> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let damaged = |reason: String| ImportError::Damaged {
        file: path.to_owned(),
        reason,
    };
    let invitation: PendingInvitation =
        toml::from_str(&text).map_err(|e| damaged(e.message().to_owned()))?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() != Some(invitation.id.to_string().as_str()) {
        return Err(damaged(format!(
            "it holds the invitation of {}, not of the PoC its file name names",
            invitation.id
        ))
        .into());
    }
    Ok(invitation)
}

/// What makes two contacts the same for re-imports.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ContactKey {
    state: String,
    role: Role,
    org_name: String,
    emails: Vec<String>,
}

impl ContactKey {
    fn new(id: &PocId, org_name: &str, emails: &[String]) -> Self {
        ContactKey {
            state: id.org().to_owned(),
            role: id.role(),
            org_name: org_name.trim().to_owned(),
            emails: normalised_emails(emails),
        }
    }
}

/// E-mail addresses compared without regard to case or order.
fn normalised_emails(emails: &[String]) -> Vec<String> {
    let set: BTreeSet<String> = emails.iter().map(|e| e.trim().to_lowercase()).collect();
    set.into_iter().collect()
}

/// `STATE.role`, else the first free `STATE.role.N`.
fn next_id(state: &str, role: Role, taken: &HashSet<PocId>) -> Result<PocId, ImportError> {
    let first: PocId = format!("{state}.{role}").parse()?;
    if !taken.contains(&first) {
        return Ok(first);
    }
    for n in 2..=999u16 {
        let id: PocId = format!("{state}.{role}.{n}").parse()?;
        if !taken.contains(&id) {
            return Ok(id);
        }
    }
    Err(ImportError::IdsExhausted {
        state: state.to_owned(),
        role,
    })
}

fn read(file: &Path) -> Result<Vec<u8>, ImportError> {
    std::fs::read(file).map_err(|source| ImportError::Read {
        file: file.to_owned(),
        source,
    })
}

/// Parses and validates a whole regional export.
fn parse_export(file: &Path) -> Result<Vec<Row>, ImportError> {
    match export_format(file) {
        Some(_) => parse_export_bytes(file, &read(file)?),
        None => Err(ImportError::UnsupportedFormat {
            file: file.to_owned(),
        }),
    }
}

/// `csv` or `json`, from the file name's extension.
fn export_format(file: &Path) -> Option<&'static str> {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Some("csv"),
        Some("json") => Some("json"),
        _ => None,
    }
}

/// Parses and validates a regional export already in memory, exactly as `poc custodian
/// import` does with the file `file` (whose extension, `.csv` or `.json`, selects the format;
/// it also names the file in errors). Returns the number of valid rows. Any bytes give a
/// typed error, never a panic.
pub fn check_export(file: &Path, bytes: &[u8]) -> Result<usize, ImportError> {
    parse_export_bytes(file, bytes).map(|rows| rows.len())
}

/// Parses and validates a consent file already in memory, exactly as `poc custodian import`
/// does (`file` names it in errors). Returns the number of consent records. Any bytes give a
/// typed error, never a panic.
pub fn check_consent(file: &Path, bytes: &[u8]) -> Result<usize, ImportError> {
    parse_consent_bytes(file, bytes).map(|records| records.len())
}

fn parse_export_bytes(file: &Path, bytes: &[u8]) -> Result<Vec<Row>, ImportError> {
    let raw = match export_format(file) {
        Some("csv") => export_csv(file, bytes)?,
        Some("json") => export_json(file, bytes)?,
        _ => {
            return Err(ImportError::UnsupportedFormat {
                file: file.to_owned(),
            })
        }
    };
    raw.into_iter()
        .enumerate()
        .map(|(i, row)| validate_row(file, i + 1, row))
        .collect()
}

/// The non-empty cells of one CSV data row, by column name.
type Cells = BTreeMap<&'static str, String>;

/// Reads a CSV file whose header must consist of `accepted` names, including every one of
/// `required`.
fn read_csv(
    file: &Path,
    bytes: &[u8],
    accepted: &'static [&'static str],
    required: &[&'static str],
) -> Result<Vec<Cells>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| csv_error(file, None, e))?
        .clone();
    let mut columns = Vec::with_capacity(header.len());
    let mut seen = BTreeSet::new();
    let mut unknown = Vec::new();
    let mut duplicate = Vec::new();
    for name in header.iter() {
        match accepted.iter().find(|a| **a == name) {
            Some(known) => {
                if !seen.insert(*known) && !duplicate.contains(&name.to_owned()) {
                    duplicate.push(name.to_owned());
                }
                columns.push(*known);
            }
            None if name.is_empty() => unknown.push("(empty name)".to_owned()),
            None => unknown.push(name.to_owned()),
        }
    }
    if !unknown.is_empty() {
        return Err(ImportError::UnknownColumns {
            file: file.to_owned(),
            columns: unknown,
            accepted,
        });
    }
    let missing: Vec<String> = required
        .iter()
        .filter(|r| !seen.contains(*r))
        .map(|r| (*r).to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns {
            file: file.to_owned(),
            columns: missing,
        });
    }
    if !duplicate.is_empty() {
        return Err(ImportError::DuplicateColumns {
            file: file.to_owned(),
            columns: duplicate,
        });
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_error(file, Some(i + 1), e))?;
        let cells = columns
            .iter()
            .zip(record.iter())
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| (*name, value.to_owned()))
            .collect();
        rows.push(cells);
    }
    Ok(rows)
}

/// A CSV error as a [`ImportError::BadFormat`] naming the data row (`None`: the header).
fn csv_error(file: &Path, row: Option<usize>, error: csv::Error) -> ImportError {
    let place = row.map_or_else(|| "the header row".to_owned(), |r| format!("data row {r}"));
    let reason = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{place} has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => format!("{place} is not UTF-8 text"),
        _ => format!("{place}: {error}"),
    };
    ImportError::BadFormat {
        file: file.to_owned(),
        format: "CSV",
        reason,
    }
}

/// `a; b;` as `[a, b]`.
fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn export_csv(file: &Path, bytes: &[u8]) -> Result<Vec<RawRow>, ImportError> {
    let rows = read_csv(file, bytes, EXPORT_FIELDS, EXPORT_REQUIRED)?;
    Ok(rows
        .into_iter()
        .map(|mut cells| {
            let list = |text: Option<String>| text.as_deref().map(split_list).unwrap_or_default();
            RawRow {
                state: cells.remove("state"),
                role: cells.remove("role"),
                organisation: cells.remove("organisation"),
                email: list(cells.remove("email")),
                phone: list(cells.remove("phone")),
                languages: list(cells.remove("languages")),
                webpage: cells.remove("webpage"),
                time_zone: cells.remove("time_zone"),
            }
        })
        .collect())
}

fn export_json(file: &Path, bytes: &[u8]) -> Result<Vec<RawRow>, ImportError> {
    let bad_format = |reason: String| ImportError::BadFormat {
        file: file.to_owned(),
        format: "JSON",
        reason,
    };
    let value: Value = serde_json::from_slice(bytes).map_err(|e| bad_format(e.to_string()))?;
    let Value::Array(items) = value else {
        return Err(bad_format(
            "the export must be an array of objects, one per PoC".to_owned(),
        ));
    };
    // Name every unknown key of every row at once.
    let mut unknown = BTreeSet::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Object(object) = item else {
            return Err(bad_format(format!("row {} is not an object", i + 1)));
        };
        unknown.extend(
            object
                .keys()
                .filter(|k| !EXPORT_FIELDS.contains(&k.as_str()))
                .cloned(),
        );
    }
    if !unknown.is_empty() {
        return Err(ImportError::UnknownColumns {
            file: file.to_owned(),
            columns: unknown.into_iter().collect(),
            accepted: EXPORT_FIELDS,
        });
    }
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let row = i + 1;
        let json: JsonRow =
            serde_json::from_value(item).map_err(|e| bad_format(format!("row {row}: {e}")))?;
        rows.push(RawRow {
            state: json_text(file, row, "state", json.state)?,
            role: json_text(file, row, "role", json.role)?,
            organisation: json_text(file, row, "organisation", json.organisation)?,
            email: json_list(file, row, "email", json.email)?,
            phone: json_list(file, row, "phone", json.phone)?,
            languages: json_list(file, row, "languages", json.languages)?,
            webpage: json_text(file, row, "webpage", json.webpage)?,
            time_zone: json_text(file, row, "time_zone", json.time_zone)?,
        });
    }
    Ok(rows)
}

fn bad_value(
    file: &Path,
    row: usize,
    field: &'static str,
    reason: impl Into<String>,
) -> ImportError {
    ImportError::BadValue {
        file: file.to_owned(),
        row,
        field,
        reason: reason.into(),
    }
}

/// A JSON string (absent, null or blank: none).
fn json_text(
    file: &Path,
    row: usize,
    field: &'static str,
    value: Option<Value>,
) -> Result<Option<String>, ImportError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let s = s.trim();
            Ok((!s.is_empty()).then(|| s.to_owned()))
        }
        Some(_) => Err(bad_value(file, row, field, "must be a string")),
    }
}

/// A JSON list: a `;`-separated string or an array of strings.
fn json_list(
    file: &Path,
    row: usize,
    field: &'static str,
    value: Option<Value>,
) -> Result<Vec<String>, ImportError> {
    let wrong = || bad_value(file, row, field, "must be a string or an array of strings");
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(split_list(&s)),
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let Value::String(s) = item else {
                    return Err(wrong());
                };
                let s = s.trim();
                if !s.is_empty() {
                    out.push(s.to_owned());
                }
            }
            Ok(out)
        }
        Some(_) => Err(wrong()),
    }
}

/// Validates one export row. Messages quote codes and tags but never personal data (names,
/// addresses, numbers): the row and field locate it.
fn validate_row(file: &Path, row: usize, raw: RawRow) -> Result<Row, ImportError> {
    let bad = |field, reason: String| bad_value(file, row, field, reason);
    let required = |field| bad_value(file, row, field, "is required but empty or absent");

    let state = raw.state.ok_or_else(|| required("state"))?;
    check_state(&state).map_err(|r| bad("state", r))?;
    let role = match raw.role.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("diplomatic") => Role::Diplomatic,
        Some("technical") => Role::Technical,
        Some(_) => {
            return Err(bad(
                "role",
                format!(
                    "must be `diplomatic` or `technical`, not {}",
                    quote(raw.role.as_deref().unwrap_or_default())
                ),
            ))
        }
        None => return Err(required("role")),
    };
    let org_name = raw.organisation.ok_or_else(|| required("organisation"))?;
    if raw.email.is_empty() {
        return Err(required("email"));
    }
    let profile = Profile {
        org_name,
        emails: raw.email,
        phones: raw.phone,
        languages: raw.languages,
        webpage: raw.webpage,
        time_zone: raw.time_zone,
    };
    profile::validate(&profile).map_err(|e| bad(e.field(), e.reason()))?;
    Ok(Row {
        state,
        role,
        profile,
    })
}

fn check_state(state: &str) -> Result<(), String> {
    if state.len() == 3 && state.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(format!(
            "must be an ISO 3166-1 alpha-3 code (three capital letters, e.g. MEX), not {}",
            quote(state)
        ))
    }
}

/// `YYYY-MM-DD` with a real month and day.
fn check_date(date: &str) -> Result<(), String> {
    let wrong = || {
        format!(
            "must be a date of the form YYYY-MM-DD, e.g. 2025-02-11, not {}",
            quote(date)
        )
    };
    let b = date.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || ![0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
    {
        return Err(wrong());
    }
    let number = |range: std::ops::Range<usize>| date[range].parse::<u8>().map_err(|_| wrong());
    let year: i32 = date[0..4].parse().map_err(|_| wrong())?;
    let month = time::Month::try_from(number(5..7)?).map_err(|_| wrong())?;
    // The calendar (month lengths, leap years) is the `time` crate's.
    time::Date::from_calendar_date(year, month, number(8..10)?)
        .map(|_| ())
        .map_err(|_| wrong())
}

/// Parses and validates a whole consent file.
fn parse_consent(file: &Path) -> Result<Vec<Consent>, ImportError> {
    parse_consent_bytes(file, &read(file)?)
}

fn parse_consent_bytes(file: &Path, bytes: &[u8]) -> Result<Vec<Consent>, ImportError> {
    let rows = read_csv(file, bytes, CONSENT_FIELDS, CONSENT_FIELDS)?;
    let mut out = Vec::with_capacity(rows.len());
    for (i, mut cells) in rows.into_iter().enumerate() {
        let row = i + 1;
        let mut take = |field: &'static str| {
            cells
                .remove(field)
                .ok_or_else(|| bad_value(file, row, field, "is required but empty"))
        };
        let (state, source, date, reference) = (
            take("state")?,
            take("source")?,
            take("date")?,
            take("reference")?,
        );
        check_state(&state).map_err(|r| bad_value(file, row, "state", r))?;
        check_date(&date).map_err(|r| bad_value(file, row, "date", r))?;
        for (field, value) in [("source", &source), ("reference", &reference)] {
            if value.chars().any(char::is_control) {
                return Err(bad_value(file, row, field, "contains control characters"));
            }
        }
        out.push(Consent {
            state,
            source,
            date,
            reference,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_dates_follow_the_calendar() {
        for good in ["2024-02-29", "2000-02-29", "2025-12-31", "0001-01-01"] {
            assert_eq!(check_date(good), Ok(()), "{good}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-04-31",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "2025-1-01",
            "+025-01-01",
            "2025/01/01",
            "",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }
    use poc_proto::{encode, Entry, EntryBody, PublicKeyBytes, SignatureBytes};
    use tempfile::TempDir;

    /// The time of every import here.
    const NOW: u64 = 1_750_000_000;

    const CONSENT: &str = "state,source,date,reference\n\
        MEX,OAS,2025-02-11,NV/MEX/2025/0042\n\
        CAN,oas,2025-03-04,CAN-NV-2025-17\n";

    const HEADER: &str = "state,role,organisation,email,phone,languages,webpage,time_zone\n";

    /// A fresh home and a separate folder for the input files.
    fn setup() -> (TempDir, TempDir, Home) {
        let home_dir = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let home = Home::new(home_dir.path());
        (home_dir, inputs, home)
    }

    fn input(dir: &TempDir, name: &str, text: &str) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn files_under(root: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_owned()];
        while let Some(dir) = stack.pop() {
            for item in std::fs::read_dir(&dir).unwrap() {
                let path = item.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push(path);
                }
            }
        }
        out
    }

    fn id(text: &str) -> PocId {
        text.parse().unwrap()
    }

    fn import_error(result: anyhow::Result<ImportReport>) -> ImportError {
        result
            .unwrap_err()
            .downcast::<ImportError>()
            .expect("an ImportError")
    }

    #[test]
    fn csv_import_keeps_only_states_with_consent_and_stores_nothing_of_the_others() {
        let (home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "oas.csv",
            &format!(
                "{HEADER}\
                 MEX,technical,CERT-MX,cert@cert.mx.example; soc@cert.mx.example,+52 55 1234 5678,es;en,https://cert.mx.example,America/Mexico_City\n\
                 BRA,technical,CERT.br,secret-contact@cert.br.example,+55 11 5509 3500,pt-BR,,America/Sao_Paulo\n\
                 CAN,diplomatic,Global Affairs Canada,cyber@international.gc.example,,en;fr,,\n\
                 BRA,diplomatic,Itamaraty,another-secret@itamaraty.example,,pt,,\n"
            ),
        );
        let consent = input(&inputs, "consent.csv", CONSENT);
        let report = import(&home, &export, "OAS", &consent, NOW).unwrap();
        assert_eq!(
            report.imported,
            vec![id("MEX.technical"), id("CAN.diplomatic")]
        );
        assert!(report.already_present.is_empty());
        assert_eq!(report.skipped_states, vec!["BRA".to_owned()]);

        let stored = pending(&home).unwrap();
        assert_eq!(stored.len(), 2);
        let mex = &stored[1];
        assert_eq!(mex.id, id("MEX.technical"));
        assert_eq!(mex.org_name, "CERT-MX");
        assert_eq!(mex.emails, ["cert@cert.mx.example", "soc@cert.mx.example"]);
        assert_eq!(mex.phones, ["+52 55 1234 5678"]);
        assert_eq!(mex.languages, ["es", "en"]);
        assert_eq!(mex.webpage.as_deref(), Some("https://cert.mx.example"));
        assert_eq!(mex.time_zone.as_deref(), Some("America/Mexico_City"));
        assert_eq!(mex.source, "OAS");
        assert_eq!(mex.consent_reference, "NV/MEX/2025/0042");
        assert_eq!(mex.consent_date, "2025-02-11");
        let can = &stored[0];
        assert_eq!(can.id, id("CAN.diplomatic"));
        assert_eq!(can.source, "oas");
        assert!(can.phones.is_empty() && can.webpage.is_none() && can.time_zone.is_none());

        // Nothing of Brazil anywhere in the home.
        let files = files_under(home_dir.path());
        assert!(!files.is_empty());
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            for needle in [
                "secret-contact@cert.br.example",
                "another-secret@itamaraty.example",
                "CERT.br",
                "Itamaraty",
            ] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "{} contains {needle}",
                    file.display()
                );
            }
        }
    }

    #[test]
    fn json_import_accepts_array_and_string_lists() {
        let (_home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "oas.json",
            r#"[
              {"state": "MEX", "role": "diplomatic", "organisation": "SRE",
               "email": ["cyber@sre.example", "guardia@sre.example"],
               "phone": ["+52 55 3686 5100"], "languages": ["es", "en"],
               "webpage": "https://sre.example", "time_zone": null},
              {"state": "CAN", "role": "technical", "organisation": "Canadian Centre for Cyber Security",
               "email": "contact@cyber.gc.example;ops@cyber.gc.example",
               "phone": "+1 613 949 7048", "languages": "en;fr"}
            ]"#,
        );
        let consent = input(&inputs, "consent.csv", CONSENT);
        let report = import(&home, &export, "oas", &consent, NOW).unwrap();
        assert_eq!(
            report.imported,
            vec![id("MEX.diplomatic"), id("CAN.technical")]
        );
        let stored = pending(&home).unwrap();
        let can = &stored[0];
        assert_eq!(
            can.emails,
            ["contact@cyber.gc.example", "ops@cyber.gc.example"]
        );
        assert_eq!(can.phones, ["+1 613 949 7048"]);
        assert_eq!(can.languages, ["en", "fr"]);
        let mex = &stored[1];
        assert_eq!(mex.emails, ["cyber@sre.example", "guardia@sre.example"]);
        assert_eq!(mex.languages, ["es", "en"]);
        assert_eq!(mex.time_zone, None);
        assert_eq!(mex.profile().org_name, "SRE");
    }

    #[test]
    fn json_unknown_keys_and_bad_types_are_named() {
        let (home_dir, inputs, home) = setup();
        let consent = input(&inputs, "consent.csv", CONSENT);
        let export = input(
            &inputs,
            "oas.json",
            r#"[{"state": "MEX", "role": "technical", "organisation": "CERT-MX",
                 "email": "a@b.example", "fax": "1", "mobile": "2"}]"#,
        );
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(&err, ImportError::UnknownColumns { columns, .. } if columns == &["fax", "mobile"]),
            "{err}"
        );
        assert!(err.to_string().contains("`fax`, `mobile`"));

        let export = input(
            &inputs,
            "oas.json",
            r#"[{"state": "MEX", "role": "technical", "organisation": "CERT-MX",
                 "email": "a@b.example", "phone": 5255}]"#,
        );
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(
                err,
                ImportError::BadValue {
                    row: 1,
                    field: "phone",
                    ..
                }
            ),
            "{err}"
        );
        assert!(files_under(home_dir.path()).is_empty());
    }

    #[test]
    fn taken_ids_get_the_next_index() {
        let (_home_dir, inputs, home) = setup();
        // An accepted entry already holds MEX.technical.
        let body = EntryBody {
            id: id("MEX.technical"),
            org_name: "CERT-MX (enrolled)".to_owned(),
            webpage: None,
            emails: vec!["enrolled@cert.mx.example".to_owned()],
            phones: Vec::new(),
            languages: Vec::new(),
            time_zone: None,
            signing_key: PublicKeyBytes([7; 32]),
            encryption_key: "age1example".to_owned(),
            created_at: 1,
            updated_at: 1,
        };
        let entry = Entry {
            body,
            self_signature: SignatureBytes([0; 64]),
        };
        let entries = home.ensure_dir("custodian/entries").unwrap();
        std::fs::write(entries.join("MEX.technical.entry"), encode(&entry).unwrap()).unwrap();
        let consent = input(&inputs, "consent.csv", CONSENT);

        // A first import takes MEX.technical.2 (pending).
        let first = input(
            &inputs,
            "first.csv",
            &format!("{HEADER}MEX,technical,CERT-MX,a@cert.mx.example,,,,\n"),
        );
        let report = import(&home, &first, "OAS", &consent, NOW).unwrap();
        assert_eq!(report.imported, vec![id("MEX.technical.2")]);

        // Then two new rows of one import: .3 and .4.
        let second = input(
            &inputs,
            "second.csv",
            &format!(
                "{HEADER}MEX,technical,CSIRT Banxico,b@banxico.example,,,,\n\
                 MEX,technical,CSIRT Pemex,c@pemex.example,,,,\n"
            ),
        );
        let report = import(&home, &second, "OAS", &consent, NOW).unwrap();
        assert_eq!(
            report.imported,
            vec![id("MEX.technical.3"), id("MEX.technical.4")]
        );
        let ids: Vec<PocId> = pending(&home).unwrap().into_iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            vec![
                id("MEX.technical.2"),
                id("MEX.technical.3"),
                id("MEX.technical.4")
            ]
        );
    }

    #[test]
    fn unknown_column_is_named_and_nothing_is_written() {
        let (home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "oas.csv",
            "state,role,organisation,email,fax\nMEX,technical,CERT-MX,a@cert.mx.example,123\n",
        );
        let consent = input(&inputs, "consent.csv", CONSENT);
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(&err, ImportError::UnknownColumns { columns, .. } if columns == &["fax"]),
            "{err}"
        );
        assert!(err.to_string().contains("`fax`"), "{err}");
        assert!(files_under(home_dir.path()).is_empty());
    }

    #[test]
    fn missing_required_column_is_named() {
        let (home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "oas.csv",
            "state,organisation,phone\nMEX,CERT-MX,+52 55 1234 5678\n",
        );
        let consent = input(&inputs, "consent.csv", CONSENT);
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(&err, ImportError::MissingColumns { columns, .. } if columns == &["role", "email"]),
            "{err}"
        );
        assert!(err.to_string().contains("`role`, `email`"), "{err}");
        assert!(files_under(home_dir.path()).is_empty());
    }

    #[test]
    fn bad_state_code_reports_its_row() {
        let (home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "oas.csv",
            &format!(
                "{HEADER}MEX,technical,CERT-MX,a@cert.mx.example,,,,\n\
                 Can,technical,CCCS,b@cyber.gc.example,,,,\n"
            ),
        );
        let consent = input(&inputs, "consent.csv", CONSENT);
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(
                err,
                ImportError::BadValue {
                    row: 2,
                    field: "state",
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("row 2"), "{err}");
        // The valid first row was not written either.
        assert!(files_under(home_dir.path()).is_empty());
    }

    #[test]
    fn bad_values_name_row_and_field() {
        let (_home_dir, inputs, home) = setup();
        let consent = input(&inputs, "consent.csv", CONSENT);
        for (row, field) in [
            ("MEX,technical,CERT-MX,,,,,", "email"),
            ("MEX,technical,CERT-MX,a@b.example,,en_US,,", "languages"),
            ("MEX,custodian,CERT-MX,a@b.example,,,,", "role"),
            ("MEX,technical,,a@b.example,,,,", "organisation"),
            ("MEX,technical,CERT-MX,not-an-address,,,,", "email"),
            ("MEX,technical,CERT-MX,a@b.example,,,ftp://x,", "webpage"),
            (
                "MEX,technical,CERT-MX,a@b.example,,,,Mexico City",
                "time_zone",
            ),
        ] {
            let export = input(&inputs, "oas.csv", &format!("{HEADER}{row}\n"));
            let err = import_error(import(&home, &export, "OAS", &consent, NOW));
            assert!(
                matches!(&err, ImportError::BadValue { row: 1, field: f, .. } if *f == field),
                "{row}: {err}"
            );
        }
    }

    #[test]
    fn consent_file_with_wrong_columns_is_rejected() {
        let (home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "oas.csv",
            &format!("{HEADER}MEX,technical,CERT-MX,a@cert.mx.example,,,,\n"),
        );
        let consent = input(
            &inputs,
            "consent.csv",
            "state,source,when,reference\nMEX,OAS,2025-02-11,NV/1\n",
        );
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(&err, ImportError::UnknownColumns { columns, .. } if columns == &["when"]),
            "{err}"
        );
        let consent = input(
            &inputs,
            "consent.csv",
            "state,source,date\nMEX,OAS,2025-02-11\n",
        );
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(&err, ImportError::MissingColumns { columns, .. } if columns == &["reference"]),
            "{err}"
        );
        let consent = input(
            &inputs,
            "consent.csv",
            "state,source,date,reference\nMEX,OAS,2025-02-30,NV/1\n",
        );
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(
            matches!(
                err,
                ImportError::BadValue {
                    row: 1,
                    field: "date",
                    ..
                }
            ),
            "{err}"
        );
        assert!(files_under(home_dir.path()).is_empty());
    }

    #[test]
    fn source_mismatch_imports_nothing() {
        let (home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "export.csv",
            &format!("{HEADER}MEX,technical,CERT-MX,a@cert.mx.example,,,,\n"),
        );
        let consent = input(
            &inputs,
            "consent.csv",
            "state,source,date,reference\nMEX,OSCE,2025-02-11,NV/1\n",
        );
        let report = import(&home, &export, "OAS", &consent, NOW).unwrap();
        assert!(report.imported.is_empty());
        assert_eq!(report.skipped_states, vec!["MEX".to_owned()]);
        assert!(files_under(home_dir.path()).is_empty());
        assert!(pending(&home).unwrap().is_empty());
    }

    #[test]
    fn reimport_reports_already_present() {
        let (_home_dir, inputs, home) = setup();
        let export = input(
            &inputs,
            "oas.csv",
            &format!(
                "{HEADER}MEX,technical,CERT-MX,a@cert.mx.example;b@cert.mx.example,,,,\n\
                 CAN,technical,CCCS,c@cyber.gc.example,,,,\n"
            ),
        );
        let consent = input(&inputs, "consent.csv", CONSENT);
        let first = import(&home, &export, "OAS", &consent, NOW).unwrap();
        assert_eq!(first.imported.len(), 2);
        let before = pending(&home).unwrap();

        // Same rows (addresses in another order and case) plus a duplicated row.
        let again = input(
            &inputs,
            "oas.csv",
            &format!(
                "{HEADER}MEX,technical,CERT-MX,B@cert.mx.example;a@cert.mx.example,,,,\n\
                 CAN,technical,CCCS,c@cyber.gc.example,,,,\n\
                 CAN,technical,CCCS,c@cyber.gc.example,,,,\n"
            ),
        );
        let second = import(&home, &again, "OAS", &consent, NOW).unwrap();
        assert!(second.imported.is_empty());
        assert_eq!(
            second.already_present,
            vec![id("MEX.technical"), id("CAN.technical")]
        );
        assert_eq!(pending(&home).unwrap(), before);
    }

    #[test]
    fn take_pending_removes_the_invitation() {
        let (_home_dir, inputs, home) = setup();
        assert!(pending(&home).unwrap().is_empty());
        assert_eq!(take_pending(&home, &id("MEX.technical")).unwrap(), None);
        let export = input(
            &inputs,
            "oas.csv",
            &format!("{HEADER}MEX,technical,CERT-MX,a@cert.mx.example,,,,\n"),
        );
        let consent = input(&inputs, "consent.csv", CONSENT);
        import(&home, &export, "OAS", &consent, NOW).unwrap();
        let taken = take_pending(&home, &id("MEX.technical")).unwrap().unwrap();
        assert_eq!(taken.emails, ["a@cert.mx.example"]);
        assert!(pending(&home).unwrap().is_empty());
        assert_eq!(take_pending(&home, &id("MEX.technical")).unwrap(), None);
    }

    #[test]
    fn other_file_types_are_refused() {
        let (_home_dir, inputs, home) = setup();
        let export = input(&inputs, "oas.xlsx", "");
        let consent = input(&inputs, "consent.csv", CONSENT);
        let err = import_error(import(&home, &export, "OAS", &consent, NOW));
        assert!(matches!(err, ImportError::UnsupportedFormat { .. }));
        assert!(err.to_string().contains(".csv or a .json"), "{err}");
    }
}
