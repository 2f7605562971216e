//! Composing messages: the templates, their fields and fixed values, from `--field key=value`
//! pairs, from a TOML file, or from a commented skeleton (`poc compose`).
//!
//! Every field is optional (the States asked for voluntary, flexible templates) except the
//! text of a text message and the status of a response. Unknown fields and invalid fixed
//! values are refused before anything is sent.

use std::collections::BTreeMap;
use std::path::Path;

use poc_proto::{
    AssistanceRequest, IncidentNotification, MessageKind, Nature, ResponseStatus, StatusResponse,
    TextMessage,
};
use serde::Deserialize;

use crate::i18n::{self, IncidentClass, Label, Translated};

/// The kinds of message a user can compose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Incident notification (technical PoCs).
    Incident,
    /// Assistance request (usually diplomatic PoCs).
    Assistance,
    /// Status response to a notification or request.
    Response,
    /// Free text.
    Text,
}

/// Field names of the incident template, in display order.
pub const INCIDENT_FIELDS: &[&str] = &[
    "reference",
    "summary",
    "description",
    "incident_class",
    "time_detected",
    "affected_sector",
    "affected_systems",
    "indicators",
    "actions_taken",
    "assistance_requested",
    "requested_response_time",
    "follow_up_contact",
];

/// Field names of the assistance request template.
pub const ASSISTANCE_FIELDS: &[&str] = &[
    "reference",
    "nature",
    "related_incident",
    "details",
    "requested_response_time",
    "legal_context",
];

/// Field names of a response.
pub const RESPONSE_FIELDS: &[&str] = &["status", "text"];

/// Field names of a text message.
pub const TEXT_FIELDS: &[&str] = &["subject", "text"];

impl Kind {
    /// Name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Assistance => "assistance",
            Kind::Response => "response",
            Kind::Text => "text",
        }
    }

    /// The template's fields.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Incident => INCIDENT_FIELDS,
            Kind::Assistance => ASSISTANCE_FIELDS,
            Kind::Response => RESPONSE_FIELDS,
            Kind::Text => TEXT_FIELDS,
        }
    }

    /// Parses a kind name.
    pub fn from_name(name: &str) -> Result<Self, ComposeError> {
        [Kind::Incident, Kind::Assistance, Kind::Response, Kind::Text]
            .into_iter()
            .find(|k| k.name() == name.trim().to_ascii_lowercase())
            .ok_or_else(|| ComposeError::UnknownKind(name.to_owned()))
    }
}

/// Why a message could not be composed.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// Not `key=value`.
    #[error("`{0}` is not a field: write key=value")]
    Shape(String),
    /// Unknown key for this kind.
    #[error("`{key}` is not a field of the {kind} template{hint}; its fields: {known}")]
    Unknown {
        /// The key.
        key: String,
        /// The kind.
        kind: &'static str,
        /// ` (did you mean X?)` when a known field is close, else empty.
        hint: String,
        /// The valid keys.
        known: String,
    },
    /// An incident notification without any field.
    #[error("an incident notification needs at least a summary: add --field summary=\"...\" (or `summary` under [fields] in --file); nothing was sent")]
    EmptyIncident,
    /// A message file still holds an example value of the template.
    #[error("{path}: `{key}` still holds the template's example ({value}); write your own {what} in `{key}` (or give --{key} on the command line), then send again; nothing was sent")]
    ExampleLeft {
        /// The file.
        path: String,
        /// The setting (`to` or `priority`).
        key: &'static str,
        /// The example value found.
        value: String,
        /// What to write instead.
        what: &'static str,
    },
    /// A required setting of a message file is empty.
    #[error("{path}: `{key}` is empty; write {what} (or give --{key} on the command line), then send again; nothing was sent")]
    EmptySetting {
        /// The file.
        path: String,
        /// The setting.
        key: &'static str,
        /// What to write.
        what: &'static str,
    },
    /// The same single-valued key twice.
    #[error("field `{0}` is given twice")]
    Repeated(String),
    /// A required field is missing.
    #[error("a {kind} message needs --field {field}=...")]
    Missing {
        /// The kind.
        kind: &'static str,
        /// The field.
        field: &'static str,
    },
    /// A fixed-value field has another value.
    #[error("`{value}` is not a valid {field}; use one of: {allowed}")]
    BadValue {
        /// The field.
        field: &'static str,
        /// The value given.
        value: String,
        /// The valid values.
        allowed: String,
    },
    /// Unknown message type.
    #[error("`{0}` is not a message type: use incident, assistance, response or text")]
    UnknownKind(String),
    /// The message file cannot be used.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Fields that may be given several times (lists).
const LIST_FIELDS: &[&str] = &["indicators"];

fn canonical_key(key: &str) -> String {
    let key = key.trim().to_ascii_lowercase().replace('-', "_");
    match key.as_str() {
        "class" => "incident_class".into(),
        "sector" => "affected_sector".into(),
        "systems" => "affected_systems".into(),
        "contact" => "follow_up_contact".into(),
        "indicator" => "indicators".into(),
        _ => key,
    }
}

/// Collects `key=value` pairs into the template's fields, refusing unknown and repeated keys.
fn collect(
    kind: Kind,
    fields: &[String],
) -> Result<BTreeMap<&'static str, Vec<String>>, ComposeError> {
    let mut map: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for field in fields {
        let (key, value) = field
            .split_once('=')
            .ok_or_else(|| ComposeError::Shape(field.clone()))?;
        let key = canonical_key(key);
        let Some(&known) = kind.fields().iter().find(|f| **f == key) else {
            let hint = did_you_mean(&key, kind.fields().iter().copied())
                .map(|k| format!(" (did you mean {k}?)"))
                .unwrap_or_default();
            return Err(ComposeError::Unknown {
                key,
                kind: kind.name(),
                hint,
                known: kind.fields().join(", "),
            });
        };
        let slot = map.entry(known).or_default();
        if LIST_FIELDS.contains(&known) {
            slot.extend(
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
        } else if slot.is_empty() {
            slot.push(value.to_owned());
        } else {
            return Err(ComposeError::Repeated(known.to_owned()));
        }
    }
    Ok(map)
}

/// The candidate closest to `typed` when it is close enough to be a typing slip (case
/// ignored), for "did you mean ...?" hints.
pub fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&typed, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Parses a TLP label; `white` (TLP 1.0, now CLEAR) gives CLEAR and `true`, so the caller can
/// say so.
pub fn parse_tlp(s: &str) -> Result<(poc_proto::Tlp, bool), String> {
    let upper = s.trim().to_ascii_uppercase();
    if upper.strip_prefix("TLP:").unwrap_or(&upper) == "WHITE" {
        return Ok((poc_proto::Tlp::Clear, true));
    }
    s.parse().map(|tlp| (tlp, false))
}

/// Checks a fixed value against its typed set (`-` and `_` are interchangeable, case ignored).
fn fixed<T: Translated>(field: &'static str, value: &str) -> Result<T, ComposeError> {
    let wanted = value.trim().to_ascii_lowercase().replace('_', "-");
    T::ALL
        .iter()
        .copied()
        .find(|v| v.key().replace('_', "-") == wanted)
        .ok_or_else(|| ComposeError::BadValue {
            field,
            value: value.to_owned(),
            allowed: T::KEYS.join(", "),
        })
}

/// Builds the message kind from `key=value` fields.
pub fn build(kind: Kind, fields: &[String]) -> Result<MessageKind, ComposeError> {
    let mut map = collect(kind, fields)?;
    let mut one = |key: &str| map.remove(key).and_then(|mut v| v.pop());
    Ok(match kind {
        Kind::Incident => {
            let incident_class = match one("incident_class") {
                Some(v) => Some(
                    fixed::<IncidentClass>("incident class", &v)?
                        .key()
                        .to_owned(),
                ),
                None => None,
            };
            let notification = IncidentNotification {
                reference: one("reference"),
                summary: one("summary"),
                description: one("description"),
                incident_class,
                time_detected: one("time_detected"),
                affected_sector: one("affected_sector"),
                affected_systems: one("affected_systems"),
                actions_taken: one("actions_taken"),
                assistance_requested: one("assistance_requested"),
                requested_response_time: one("requested_response_time"),
                follow_up_contact: one("follow_up_contact"),
                indicators: map.remove("indicators").unwrap_or_default(),
            };
            if is_empty(&notification) {
                return Err(ComposeError::EmptyIncident);
            }
            MessageKind::IncidentNotification(Box::new(notification))
        }
        Kind::Assistance => {
            let nature = match one("nature") {
                Some(v) => Some(fixed::<Nature>("nature of the request", &v)?),
                None => None,
            };
            MessageKind::AssistanceRequest(Box::new(AssistanceRequest {
                reference: one("reference"),
                nature,
                related_incident: one("related_incident"),
                details: one("details"),
                requested_response_time: one("requested_response_time"),
                legal_context: one("legal_context"),
            }))
        }
        Kind::Response => {
            let status = one("status").ok_or(ComposeError::Missing {
                kind: "response",
                field: "status",
            })?;
            MessageKind::Response(StatusResponse {
                status: status_from(&status)?,
                text: one("text"),
            })
        }
        Kind::Text => MessageKind::Text(TextMessage {
            subject: one("subject"),
            text: one("text").ok_or(ComposeError::Missing {
                kind: "text",
                field: "text",
            })?,
        }),
    })
}

/// Whether an incident notification has no field at all (blank ones count as absent).
fn is_empty(n: &IncidentNotification) -> bool {
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|t| t.trim().is_empty());
    [
        &n.reference,
        &n.summary,
        &n.description,
        &n.incident_class,
        &n.time_detected,
        &n.affected_sector,
        &n.affected_systems,
        &n.actions_taken,
        &n.assistance_requested,
        &n.requested_response_time,
        &n.follow_up_contact,
    ]
    .into_iter()
    .all(blank)
        && n.indicators.is_empty()
}

/// Parses a response status (`received`, `channelled`, `in_progress`, `resolved`, `declined`).
pub fn status_from(value: &str) -> Result<ResponseStatus, ComposeError> {
    fixed::<ResponseStatus>("status", value)
}

/// Canonical name of a status (the key of its translations).
pub fn status_name(status: ResponseStatus) -> &'static str {
    status.key()
}

/// Canonical name of a nature (the key of its translations).
pub fn nature_name(nature: Nature) -> &'static str {
    nature.key()
}

/// A message written as a TOML file (`poc send --file`); command-line options take precedence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageFile {
    /// incident, assistance, response or text.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// high, medium or low.
    pub priority: Option<String>,
    /// TLP label.
    pub tlp: Option<String>,
    /// Content language.
    pub language: Option<String>,
    /// Recipients.
    pub to: Option<Vec<String>>,
    /// Exercise flag.
    pub exercise: Option<bool>,
    /// The template fields.
    #[serde(default)]
    pub fields: toml::Table,
    /// Where it was read from, and whether it was written by `poc compose`.
    #[serde(skip)]
    pub origin: Option<(String, bool)>,
}

impl MessageFile {
    /// Reads a message file.
    pub fn load(path: &Path) -> Result<Self, ComposeError> {
        let err = |reason: String| ComposeError::File {
            path: path.display().to_string(),
            reason,
        };
        let text =
            std::fs::read_to_string(path).map_err(|e| err(format!("cannot read it ({e})")))?;
        let mut file: Self = toml::from_str(&text).map_err(|e| err(e.to_string()))?;
        file.origin = Some((path.display().to_string(), text.contains(TEMPLATE_MARK)));
        Ok(file)
    }

    /// Refuses a file made from a template whose example values were left in (`to` and
    /// `priority` as the commented example, or as older templates wrote them), and empty
    /// `priority` settings. Call it after removing the settings that command-line options
    /// replace.
    pub fn check_filled_in(&self) -> Result<(), ComposeError> {
        let Some((path, from_template)) = &self.origin else {
            return Ok(());
        };
        let from_template = *from_template;
        if let Some(to) = &self.to {
            if from_template && to.iter().any(|t| t.trim() == EXAMPLE_TO) {
                return Err(ComposeError::ExampleLeft {
                    path: path.clone(),
                    key: "to",
                    value: EXAMPLE_TO.into(),
                    what: "recipients (PoC ids, or a State code for all its PoCs)",
                });
            }
        }
        if let Some(priority) = &self.priority {
            if priority.trim().is_empty() {
                return Err(ComposeError::EmptySetting {
                    path: path.clone(),
                    key: "priority",
                    what: "high, medium or low",
                });
            }
            let example = self.to.as_deref() == Some(&[EXAMPLE_TO.to_owned()][..]);
            if from_template && example && priority.trim() == EXAMPLE_PRIORITY {
                return Err(ComposeError::ExampleLeft {
                    path: path.clone(),
                    key: "priority",
                    value: EXAMPLE_PRIORITY.into(),
                    what: "priority (high, medium or low)",
                });
            }
        }
        Ok(())
    }

    /// The fields as `key=value` pairs (a list gives one pair per element).
    pub fn field_pairs(&self) -> Result<Vec<String>, ComposeError> {
        let mut out = Vec::new();
        for (key, value) in &self.fields {
            match value {
                toml::Value::String(s) => out.push(format!("{key}={s}")),
                toml::Value::Array(items) => {
                    for item in items {
                        let toml::Value::String(s) = item else {
                            return Err(ComposeError::BadValue {
                                field: "list element",
                                value: format!("{key} = {item}"),
                                allowed: "text in quotes".into(),
                            });
                        };
                        out.push(format!("{key}={s}"));
                    }
                }
                other => {
                    return Err(ComposeError::BadValue {
                        field: "field value",
                        value: format!("{key} = {other}"),
                        allowed: "text in quotes, or a list of texts".into(),
                    })
                }
            }
        }
        Ok(out)
    }
}

/// The first words of every template, by which `send --file` knows a file came from one.
const TEMPLATE_MARK: &str = "# PoC Relay message:";
/// The example recipient of the templates (commented out); refused if left in a template.
const EXAMPLE_TO: &str = "MEX.technical";
/// The example priority of older templates; refused with [`EXAMPLE_TO`].
const EXAMPLE_PRIORITY: &str = "high";

/// A commented TOML skeleton of a template, to fill in and send with `poc send --file`.
/// `to` and `priority` are empty and must be filled in; the example recipient is commented
/// out, and refused if it is uncommented ([`MessageFile::check_filled_in`]).
pub fn skeleton(kind: Kind) -> String {
    let mut out = format!(
        "{TEMPLATE_MARK} {name}. Fill in what you know; every field is optional{required}.\n\
         # `to` and `priority` must be filled in. Send with: poc send --file THIS_FILE\n\n\
         type = \"{name}\"\n\
         to = []                         # required: PoC ids, or a State code for all its PoCs\n\
         # to = [\"{EXAMPLE_TO}\"]        # (example only: refused if left in)\n\
         priority = \"\"                   # required: high, medium or low\n\
         tlp = \"amber\"                   # clear, green, amber, amber+strict, red\n\
         # language = \"en\"               # ar, zh, en, fr, ru, es (default: unspecified)\n\
         # exercise = true               # mark as part of an exercise\n\n\
         [fields]\n",
        name = kind.name(),
        required = match kind {
            Kind::Text => " except text",
            Kind::Response => " except status",
            _ => "",
        }
    );
    for field in kind.fields() {
        let hint = match *field {
            "incident_class" => format!("one of: {}", IncidentClass::KEYS.join(", ")),
            "nature" => format!("one of: {}", Nature::KEYS.join(", ")),
            "status" => format!("one of: {}", ResponseStatus::KEYS.join(", ")),
            "indicators" => "a list: [\"198.51.100.7\", \"bad.example\"]".into(),
            _ => Label::from_key(field)
                .map_or(*field, |l| l.text(i18n::Lang::En))
                .to_owned(),
        };
        if *field == "indicators" {
            out.push_str(&format!("# indicators = []            # {hint}\n"));
        } else {
            out.push_str(&format!("# {field} = \"\"    # {hint}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incident_fields_are_parsed() {
        let kind = build(
            Kind::Incident,
            &[
                "summary=Ransomware at port authority".into(),
                "description=a=b stays intact".into(),
                "indicators=1.2.3.4, evil.example".into(),
                "indicator=hash123".into(),
                "time-detected=2026-11-22T08:00Z".into(),
                "class=Malicious_Code".into(),
            ],
        )
        .unwrap();
        let MessageKind::IncidentNotification(n) = kind else {
            panic!()
        };
        assert_eq!(n.summary.as_deref(), Some("Ransomware at port authority"));
        assert_eq!(n.description.as_deref(), Some("a=b stays intact"));
        assert_eq!(n.indicators, vec!["1.2.3.4", "evil.example", "hash123"]);
        assert_eq!(n.time_detected.as_deref(), Some("2026-11-22T08:00Z"));
        assert_eq!(n.incident_class.as_deref(), Some("malicious-code"));
    }

    #[test]
    fn assistance_and_response_fixed_values_are_checked() {
        let MessageKind::AssistanceRequest(a) =
            build(Kind::Assistance, &["nature=mitigation".into()]).unwrap()
        else {
            panic!()
        };
        assert_eq!(a.nature, Some(Nature::Mitigation));
        assert!(matches!(
            build(Kind::Assistance, &["nature=money".into()]),
            Err(ComposeError::BadValue { .. })
        ));
        let MessageKind::Response(r) =
            build(Kind::Response, &["status=in-progress".into()]).unwrap()
        else {
            panic!()
        };
        assert_eq!(r.status, ResponseStatus::InProgress);
        assert!(matches!(
            build(Kind::Response, &[]),
            Err(ComposeError::Missing { .. })
        ));
        assert!(matches!(
            build(Kind::Incident, &["class=hacking".into()]),
            Err(ComposeError::BadValue { .. })
        ));
    }

    #[test]
    fn bad_fields_are_named() {
        assert!(matches!(
            build(Kind::Incident, &["colour=red".into()]),
            Err(ComposeError::Unknown { .. })
        ));
        assert!(matches!(
            build(Kind::Incident, &["summary".into()]),
            Err(ComposeError::Shape(_))
        ));
        assert!(matches!(
            build(Kind::Incident, &["summary=a".into(), "summary=b".into()]),
            Err(ComposeError::Repeated(_))
        ));
        assert!(matches!(
            build(Kind::Text, &["subject=x".into()]),
            Err(ComposeError::Missing { .. })
        ));
    }

    #[test]
    fn templates_are_not_addressed_and_their_example_is_refused() {
        for kind in [Kind::Incident, Kind::Assistance, Kind::Response, Kind::Text] {
            let text = skeleton(kind);
            let mut file: MessageFile = toml::from_str(&text).unwrap();
            assert_eq!(file.to, Some(vec![]), "{kind:?}: `to` must start empty");
            assert_eq!(
                file.priority.as_deref(),
                Some(""),
                "{kind:?}: no priority value"
            );
            file.origin = Some(("notice.toml".into(), true));
            assert!(matches!(
                file.check_filled_in(),
                Err(ComposeError::EmptySetting {
                    key: "priority",
                    ..
                })
            ));
            // Uncommenting the example recipient does not address the notice.
            let uncommented = text
                .replacen("# to = [", "to = [", 1)
                .replacen("to = []", "", 1);
            let mut file: MessageFile = toml::from_str(&uncommented).unwrap();
            file.priority = Some("low".into());
            file.origin = Some(("notice.toml".into(), true));
            let err = file.check_filled_in().unwrap_err();
            assert!(matches!(err, ComposeError::ExampleLeft { key: "to", .. }));
            assert!(err.to_string().contains("MEX.technical"), "{err}");
        }
        // An older template, pre-addressed, is refused too.
        let old = "# PoC Relay message: incident. Fill in what you know.\n\
                   type = \"incident\"\nto = [\"MEX.technical\"]\npriority = \"high\"\n";
        let mut file: MessageFile = toml::from_str(old).unwrap();
        file.origin = Some(("old.toml".into(), true));
        assert!(file.check_filled_in().is_err());
        // A file written by hand may address MEX.technical.
        file.origin = Some(("mine.toml".into(), false));
        file.check_filled_in().unwrap();
    }

    #[test]
    fn an_incident_without_any_field_is_refused() {
        let err = build(Kind::Incident, &[]).unwrap_err();
        assert!(matches!(err, ComposeError::EmptyIncident));
        assert!(err.to_string().contains("summary"), "{err}");
        assert!(matches!(
            build(Kind::Incident, &["summary=  ".into()]),
            Err(ComposeError::EmptyIncident)
        ));
        build(Kind::Incident, &["indicators=198.51.100.7".into()]).unwrap();
    }

    #[test]
    fn a_misspelt_field_gets_a_suggestion_and_white_is_clear() {
        let err = build(Kind::Incident, &["sumary=x".into()]).unwrap_err();
        assert!(err.to_string().contains("did you mean summary?"), "{err}");
        let err = build(Kind::Incident, &["colour=red".into()]).unwrap_err();
        assert!(!err.to_string().contains("did you mean"), "{err}");
        assert_eq!(parse_tlp("white"), Ok((poc_proto::Tlp::Clear, true)));
        assert_eq!(parse_tlp("TLP:WHITE"), Ok((poc_proto::Tlp::Clear, true)));
        assert_eq!(parse_tlp("red"), Ok((poc_proto::Tlp::Red, false)));
        assert!(parse_tlp("pink").is_err());
    }

    #[test]
    fn every_skeleton_parses_back_and_builds() {
        for kind in [Kind::Incident, Kind::Assistance, Kind::Response, Kind::Text] {
            let mut text = skeleton(kind);
            // Uncomment one field to prove the shape is right.
            match kind {
                Kind::Response => text.push_str("status = \"received\"\n"),
                Kind::Text => text.push_str("text = \"hello\"\n"),
                _ => text.push_str("reference = \"REF-1\"\n"),
            }
            let file: MessageFile = toml::from_str(&text).unwrap();
            assert_eq!(
                Kind::from_name(file.kind.as_deref().unwrap()).unwrap(),
                kind
            );
            build(kind, &file.field_pairs().unwrap()).unwrap();
        }
    }
}

/// A message template (`poc compose`): printed, or written to a file.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct Template {
    /// The template's message type: `incident`, `assistance`, `response` or `text`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The template (TOML), when it was not written to a file.
    pub template: Option<String>,
    /// The file it was written to.
    pub file: Option<String>,
}
