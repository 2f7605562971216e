//! Building blocks of the JSON that operations' results serialize to (`poc --json`): one
//! time format, enums as snake_case names, ids as text.
//!
//! Operation results (`crate::ops`) derive `Serialize` and `JsonSchema` with these types in
//! their fields; the documents around them (schema version, errors) are the CLI's
//! (`crate::cli::output`). Nothing here formats text for people.

use std::borrow::Cow;
use std::time::{Duration, UNIX_EPOCH};

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};

/// The last second RFC 3339 can write (9999-12-31T23:59:59Z).
pub const MAX_RFC3339_SECS: u64 = 253_402_300_799;

/// A point in time, as unix seconds. Serializes as an RFC 3339 UTC string
/// (`2026-12-04T03:38:38Z`). A time past year 9999, which only a forged message can carry,
/// serializes as its unix seconds in a string (`"253402300800"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// The RFC 3339 text, or the seconds past year 9999.
    pub fn text(self) -> String {
        if self.0 > MAX_RFC3339_SECS {
            return self.0.to_string();
        }
        humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(self.0)).to_string()
    }
}

/// For people: RFC 3339, or `N s after 1970 (after year 9999)`.
impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 > MAX_RFC3339_SECS {
            return write!(f, "{} s after 1970 (after year 9999)", self.0);
        }
        f.write_str(&self.text())
    }
}

impl From<u64> for Timestamp {
    fn from(unix: u64) -> Self {
        Timestamp(unix)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "RFC 3339 UTC time, e.g. 2026-12-04T03:38:38Z (unix seconds in a string past year 9999)",
        })
    }
}

/// Serializes a field through its `Display` text (ids, PoC ids, fingerprints):
/// `#[serde(serialize_with = "crate::json::text")] #[schemars(with = "String")]`.
pub fn text<T: std::fmt::Display, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Serializes a list through the `Display` text of its items (`#[schemars(with = "Vec<String>")]`).
pub fn texts<T: std::fmt::Display, S: Serializer>(
    values: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(values.iter().map(|v| v.to_string()))
}

/// Serializes a priority as its snake_case name (with [`priority_schema`]).
pub fn priority<S: Serializer>(
    value: &poc_proto::Priority,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Serializes a TLP label as its snake_case name (with [`tlp_schema`]).
pub fn tlp<S: Serializer>(value: &poc_proto::Tlp, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tlp_name(*value))
}

/// Serializes a role as its snake_case name (with [`role_schema`]).
pub fn role<S: Serializer>(value: &poc_proto::Role, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// A schema for a string field holding one of `values`.
fn one_of(values: &[&str], description: &str) -> Schema {
    json_schema!({ "type": "string", "enum": values, "description": description })
}

/// Schema of a priority field (`Priority::as_str`).
pub fn priority_schema(_: &mut SchemaGenerator) -> Schema {
    one_of(&["high", "medium", "low"], "delivery priority")
}

/// Schema of a TLP field ([`tlp_name`]).
pub fn tlp_schema(_: &mut SchemaGenerator) -> Schema {
    one_of(
        &["clear", "green", "amber", "amber_strict", "red"],
        "Traffic Light Protocol 2.0 label",
    )
}

/// Schema of a role field (`Role::as_str`).
pub fn role_schema(_: &mut SchemaGenerator) -> Schema {
    one_of(&["diplomatic", "technical", "custodian"], "role of a PoC")
}

/// The snake_case names of message types, as JSON carries them.
pub const MESSAGE_TYPES: [&str; 10] = [
    "incident",
    "text",
    "receipt",
    "entry_update",
    "directory_notice",
    "assistance",
    "response",
    "ping",
    "ping_ack",
    "attachment_part",
];

/// The snake_case name of a message's type ([`MESSAGE_TYPES`]).
pub fn message_type(kind: &poc_proto::MessageKind) -> &'static str {
    use poc_proto::MessageKind as K;
    match kind {
        K::IncidentNotification(_) => "incident",
        K::Text(_) => "text",
        K::Receipt(_) => "receipt",
        K::EntryUpdate(_) => "entry_update",
        K::DirectoryNotice(_) => "directory_notice",
        K::AssistanceRequest(_) => "assistance",
        K::Response(_) => "response",
        K::Ping(_) => "ping",
        K::PingAck(_) => "ping_ack",
        K::AttachmentPart(_) => "attachment_part",
        // Requests to the custodian about a team's members are update requests too.
        K::MemberKeyUpdate(_) | K::MemberRemoval(_) => "entry_update",
    }
}

/// Schema of a message type field ([`message_type`]).
pub fn message_type_schema(_: &mut SchemaGenerator) -> Schema {
    one_of(&MESSAGE_TYPES, "message type")
}

/// The snake_case name of a TLP label, as JSON carries it.
pub fn tlp_name(tlp: poc_proto::Tlp) -> &'static str {
    use poc_proto::Tlp;
    match tlp {
        Tlp::Clear => "clear",
        Tlp::Green => "green",
        Tlp::Amber => "amber",
        Tlp::AmberStrict => "amber_strict",
        Tlp::Red => "red",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc_and_never_panic() {
        let json = |t: u64| serde_json::to_string(&Timestamp(t)).expect("serializes");
        assert_eq!(json(0), "\"1970-01-01T00:00:00Z\"");
        assert_eq!(json(MAX_RFC3339_SECS), "\"9999-12-31T23:59:59Z\"");
        assert_eq!(json(MAX_RFC3339_SECS + 1), "\"253402300800\"");
        assert_eq!(json(u64::MAX), format!("\"{}\"", u64::MAX));
    }
}

/// Version of the JSON documents `poc --json` prints. Raised when a field is removed or
/// changes meaning; adding a field does not raise it.
pub const SCHEMA_VERSION: u32 = 2;

/// The JSON document around a result.
#[derive(Serialize)]
struct Document<'a, T> {
    schema: u32,
    command: &'static str,
    #[serde(flatten)]
    result: &'a T,
}

/// The JSON document of `result` as command `command` (e.g. `exercise report`) prints it
/// with `--json`: the result's fields next to `schema` and `command`.
pub fn document<T: Serialize>(
    command: &'static str,
    result: &T,
) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::to_value(Document {
        schema: SCHEMA_VERSION,
        command,
        result,
    })?)
}
