//! Conversations: a message and every message that answers it, received or sent.

use std::collections::BTreeMap;

use poc_proto::{EnvelopeId, Message, PocId};
use schemars::JsonSchema;
use serde::Serialize;

use super::Identity;
use crate::error::Failure;
use crate::json::Timestamp;
use crate::mailbox::{verify, Invalid, Mailbox, ReadError};
use crate::trust::TrustedDirectory;

/// A conversation (`poc thread`): its first message and every answer, oldest first.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Thread {
    /// The envelope id of the thread's first message.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub root: EnvelopeId,
    /// Its messages, received and sent, oldest first.
    pub messages: Vec<ThreadItem>,
    /// The language of the labels in the text.
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
}

/// Where a message of a thread stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThreadState {
    /// This PoC sent it: this member's own copy, or a co-member's message sealed to this
    /// member too (the team's shared history).
    Sent,
    /// Received, and its signature verified against the directory.
    Verified,
    /// Received, and it cannot be trusted: `invalid` says why and `error` in a sentence.
    Invalid,
}

/// What a thread shows of a message that is sent or verified.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ThreadContent {
    /// Message type.
    #[serde(rename = "type")]
    #[schemars(schema_with = "crate::json::message_type_schema")]
    pub kind: &'static str,
    /// TLP label.
    #[schemars(schema_with = "crate::json::tlp_schema")]
    pub tlp: &'static str,
    /// When the sender signed it (the sender's clock).
    pub sent_at: Timestamp,
    /// Whether it belongs to an exercise.
    pub exercise: bool,
    /// The non-empty template fields by canonical name; fixed values in canonical form,
    /// lists joined with `, `.
    pub fields: BTreeMap<String, String>,
}

/// One message of a thread.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreadItem {
    /// Envelope id (64 hex digits).
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub id: EnvelopeId,
    /// Sender (as verified, or this PoC for its own messages); `null` when invalid.
    pub from: Option<String>,
    /// For a received message signed by a member of a PoC that is a team: that member's label
    /// (`on-call laptop 2`), so a receipt or a reply names who acknowledged or answered;
    /// `null` for a PoC of one key, this PoC's own messages and invalid ones. Same field as in
    /// `inbox` and `read`.
    pub from_member: Option<String>,
    /// Whether this PoC sent it (this member or a co-member).
    pub outgoing: bool,
    /// Whether it can be trusted: this PoC's own copy, or a verified signature.
    pub verified: bool,
    /// Where it stands.
    pub state: ThreadState,
    /// Type, label, time and fields: present unless invalid.
    #[serde(flatten)]
    pub content: Option<ThreadContent>,
    /// For an invalid message: why it cannot be trusted.
    pub invalid: Option<Invalid>,
    /// For an invalid message: the problem in a sentence.
    pub error: Option<String>,
    /// The message, or why it could not be verified.
    #[serde(skip)]
    pub message: Result<Message, ReadError>,
}

impl ThreadItem {
    fn new(
        id: EnvelopeId,
        from: Option<PocId>,
        from_member: Option<String>,
        outgoing: bool,
        message: Result<Message, ReadError>,
    ) -> Self {
        let content = message.as_ref().ok().map(|m| ThreadContent {
            kind: crate::json::message_type(&m.kind),
            tlp: crate::json::tlp_name(m.tlp),
            sent_at: m.sent_at.into(),
            exercise: m.exercise,
            fields: crate::render::fields(m)
                .into_iter()
                .map(|f| (f.key.to_owned(), f.value))
                .collect(),
        });
        let state = match (&message, outgoing) {
            (Ok(_), true) => ThreadState::Sent,
            (Ok(_), false) => ThreadState::Verified,
            (Err(_), _) => ThreadState::Invalid,
        };
        ThreadItem {
            id,
            from: from.map(|f| f.to_string()),
            from_member,
            outgoing,
            verified: message.is_ok(),
            state,
            content,
            invalid: message.as_ref().err().map(ReadError::reason),
            error: message.as_ref().err().map(ToString::to_string),
            message,
        }
    }

    /// Who sent it, as a reader is shown: `MEX.technical (on-call laptop 2)`, the id alone
    /// when no member is named, `?` for an invalid message.
    pub fn sender_name(&self) -> String {
        match (&self.from, &self.from_member) {
            (Some(from), Some(member)) => format!("{from} ({member})"),
            (Some(from), None) => from.clone(),
            (None, _) => "?".into(),
        }
    }

    fn sent_at(&self) -> u64 {
        self.message.as_ref().map_or(0, |m| m.sent_at)
    }
}

/// The thread containing `id`: its root and every message referring to it, oldest first.
pub fn thread(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(EnvelopeId, Vec<ThreadItem>)> {
    let mailbox = Mailbox::new(&identity.home);
    let keys: Vec<_> = std::iter::once(&identity.key)
        .chain(&identity.archived)
        .collect();
    let mut items = Vec::new();
    for eid in mailbox.ids()? {
        let (envelope, _) = mailbox.load(&eid)?;
        let verdict = verify(
            identity.key_for(&envelope.to),
            &identity.config.id,
            directory,
            &envelope,
        );
        items.push(match verdict {
            // Attachment parts belong to their message; their content is not kept.
            Ok(v) if matches!(v.message.kind, poc_proto::MessageKind::AttachmentPart(_)) => {
                continue
            }
            // The team's own outgoing messages (a co-member's, sealed to this member too)
            // are this PoC's side of the conversation.
            Ok(v) => {
                let team = super::inbox::is_team_sent(&v, &identity.config.id);
                let member = Some(v.member.clone()).filter(|m| !m.is_empty());
                ThreadItem::new(eid, Some(v.sender), member, team, Ok(v.message))
            }
            Err(e) => ThreadItem::new(eid, None, None, false, Err(e)),
        });
    }
    for eid in mailbox.sent_ids()? {
        if let Some(message) = mailbox.sent_copy(&eid, keys.iter().copied()) {
            items.push(ThreadItem::new(
                eid,
                Some(message.from.clone()),
                None,
                true,
                Ok(message),
            ));
        }
    }
    let wanted = id.trim().to_ascii_lowercase();
    let start = {
        let matches: Vec<&ThreadItem> = items
            .iter()
            .filter(|i| !wanted.is_empty() && i.id.to_string().starts_with(&wanted))
            .collect();
        match matches.as_slice() {
            [one] => *one,
            [] => {
                return Err(
                    Failure::not_found(crate::mailbox::LookupError::NotFound(wanted)).into(),
                )
            }
            _ => {
                return Err(crate::error::Failure::not_found(
                    crate::mailbox::LookupError::Ambiguous(wanted),
                )
                .into())
            }
        }
    };
    let root = start
        .message
        .as_ref()
        .ok()
        .and_then(|m| m.thread)
        .unwrap_or(start.id);
    let mut thread: Vec<ThreadItem> = items
        .into_iter()
        .filter(|i| i.id == root || i.message.as_ref().is_ok_and(|m| m.thread == Some(root)))
        .collect();
    // The root first even when a reply carries the same second (`sent_at` has no finer
    // resolution), then by time.
    thread.sort_by_key(|i| (i.id != root, i.sent_at(), i.id));
    Ok((root, thread))
}
