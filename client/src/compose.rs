//! Building messages from `--field key=value` pairs.

use poc_proto::{IncidentNotification, MessageKind, TextMessage};

/// The kinds of message a user can compose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Incident notification (technical PoCs).
    Incident,
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

/// Field names of a text message.
pub const TEXT_FIELDS: &[&str] = &["subject", "text"];

/// Why fields could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// Not `key=value`.
    #[error("`{0}` is not a field: write key=value")]
    Shape(String),
    /// Unknown key for this kind.
    #[error("unknown field `{key}` for a {kind} message; known fields: {known}")]
    Unknown {
        /// The key.
        key: String,
        /// The kind.
        kind: &'static str,
        /// The valid keys.
        known: String,
    },
    /// The same single-valued key twice.
    #[error("field `{0}` is given twice")]
    Repeated(String),
    /// A text message needs a text.
    #[error("a text message needs --field text=...")]
    MissingText,
}

fn split(field: &str) -> Result<(String, String), ComposeError> {
    let (key, value) = field
        .split_once('=')
        .ok_or_else(|| ComposeError::Shape(field.to_owned()))?;
    let key = key.trim().replace('-', "_");
    if key.is_empty() {
        return Err(ComposeError::Shape(field.to_owned()));
    }
    Ok((key, value.to_owned()))
}

fn set(slot: &mut Option<String>, key: &str, value: String) -> Result<(), ComposeError> {
    if slot.is_some() {
        return Err(ComposeError::Repeated(key.to_owned()));
    }
    *slot = Some(value);
    Ok(())
}

/// Builds the message kind from fields. Every incident field is optional; `indicators` may be
/// repeated or comma-separated.
pub fn build(kind: Kind, fields: &[String]) -> Result<MessageKind, ComposeError> {
    match kind {
        Kind::Incident => {
            let mut n = IncidentNotification::default();
            for field in fields {
                let (key, value) = split(field)?;
                let slot = match key.as_str() {
                    "reference" => &mut n.reference,
                    "summary" => &mut n.summary,
                    "description" => &mut n.description,
                    "incident_class" | "class" => &mut n.incident_class,
                    "time_detected" => &mut n.time_detected,
                    "affected_sector" | "sector" => &mut n.affected_sector,
                    "affected_systems" | "systems" => &mut n.affected_systems,
                    "actions_taken" => &mut n.actions_taken,
                    "assistance_requested" => &mut n.assistance_requested,
                    "requested_response_time" => &mut n.requested_response_time,
                    "follow_up_contact" | "contact" => &mut n.follow_up_contact,
                    "indicators" | "indicator" => {
                        n.indicators.extend(
                            value
                                .split(',')
                                .map(str::trim)
                                .filter(|s| !s.is_empty())
                                .map(str::to_owned),
                        );
                        continue;
                    }
                    _ => {
                        return Err(ComposeError::Unknown {
                            key,
                            kind: "incident",
                            known: INCIDENT_FIELDS.join(", "),
                        })
                    }
                };
                set(slot, &key, value)?;
            }
            Ok(MessageKind::IncidentNotification(Box::new(n)))
        }
        Kind::Text => {
            let mut subject = None;
            let mut text = None;
            for field in fields {
                let (key, value) = split(field)?;
                match key.as_str() {
                    "subject" => set(&mut subject, &key, value)?,
                    "text" => set(&mut text, &key, value)?,
                    _ => {
                        return Err(ComposeError::Unknown {
                            key,
                            kind: "text",
                            known: TEXT_FIELDS.join(", "),
                        })
                    }
                }
            }
            Ok(MessageKind::Text(TextMessage {
                subject,
                text: text.ok_or(ComposeError::MissingText)?,
            }))
        }
    }
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
            Err(ComposeError::MissingText)
        ));
    }
}
