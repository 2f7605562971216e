//! The JSON views of the things several results show: a directory entry and a verified
//! message. Commands that show the same thing show it in the same shape.

use std::collections::BTreeMap;

use poc_proto::{Entry, EnvelopeId, Priority};
use schemars::JsonSchema;
use serde::Serialize;

use crate::json::Timestamp;
use crate::mailbox::Verified;
use crate::render::fields;

/// A directory entry.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EntryView {
    /// The PoC id, e.g. `MEX.technical`.
    pub id: String,
    /// The State or organisation code, e.g. `MEX`.
    pub org: String,
    /// Its role.
    #[schemars(schema_with = "crate::json::role_schema")]
    pub role: &'static str,
    /// Organisation name.
    pub org_name: String,
    /// Web page.
    pub webpage: Option<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Telephone numbers.
    pub phones: Vec<String>,
    /// Operational languages (BCP 47), preferred first.
    pub languages: Vec<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
    /// Fingerprint of its first member's signing key, as read out by phone.
    pub fingerprint: String,
    /// Its first member's ed25519 signing key (64 hex digits).
    pub signing_key: String,
    /// Its first member's age encryption key (`age1...`).
    pub encryption_key: String,
    /// When the entry was created.
    pub created_at: Timestamp,
    /// When the entry last changed.
    pub updated_at: Timestamp,
    /// The people and devices acting for the PoC, each with its own keys (one member without
    /// a label for a PoC held by one key).
    pub members: Vec<MemberView>,
}

/// One member of a PoC.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MemberView {
    /// Its label within the PoC, e.g. "on-call laptop 2"; empty for the one member of a PoC
    /// held by one key.
    pub label: String,
    /// Fingerprint of its signing key, as read out by phone.
    pub fingerprint: String,
    /// Its ed25519 signing key (64 hex digits).
    pub signing_key: String,
    /// Its age encryption key (`age1...`).
    pub encryption_key: String,
    /// When it was added.
    pub added_at: Timestamp,
    /// The label of the member that co-signed it, if one did.
    pub cosigned_by: Option<String>,
}

impl MemberView {
    /// The view of `member` of `team`.
    pub fn of(
        team: &poc_keys::team::VerifiedTeam,
        member: &poc_keys::team::VerifiedMember,
    ) -> Self {
        let r = &member.record;
        MemberView {
            label: r.label.clone(),
            fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&r.signing_key))
                .to_string(),
            signing_key: r.signing_key.to_string(),
            encryption_key: r.encryption_key.clone(),
            added_at: r.added_at.into(),
            cosigned_by: member
                .cosigned_by
                .and_then(|key| team.member(&key))
                .map(|m| m.record.label.clone()),
        }
    }
}

impl MemberView {
    /// The view of `member` among the `members` the custodian keeps for the next
    /// publication (`cosigned_by` names the co-signing member, if it is still one).
    pub fn of_kept(member: &poc_proto::TeamMember, members: &[poc_proto::TeamMember]) -> Self {
        let r = &member.record;
        MemberView {
            label: r.label.clone(),
            fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&r.signing_key))
                .to_string(),
            signing_key: r.signing_key.to_string(),
            encryption_key: r.encryption_key.clone(),
            added_at: r.added_at.into(),
            cosigned_by: member.cosignature.as_ref().and_then(|c| {
                members
                    .iter()
                    .find(|m| m.record.signing_key == c.signer)
                    .map(|m| m.record.label.clone())
            }),
        }
    }
}

impl EntryView {
    /// The view of `entry`, a PoC held by one key.
    pub fn of(entry: &Entry) -> Self {
        let b = &entry.body;
        let member = MemberView {
            label: String::new(),
            fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&b.signing_key))
                .to_string(),
            signing_key: b.signing_key.to_string(),
            encryption_key: b.encryption_key.clone(),
            added_at: b.created_at.into(),
            cosigned_by: None,
        };
        EntryView::with(&poc_keys::team::team_body(b), vec![member])
    }

    /// The view of a PoC of the directory in force, with its members.
    pub fn of_team(team: &poc_keys::team::VerifiedTeam) -> Self {
        let b = &team.body;
        let members: Vec<MemberView> = team
            .members
            .iter()
            .map(|m| MemberView::of(team, m))
            .collect();
        EntryView::with(b, members)
    }

    /// The view of a PoC with these contact details and members; the key fields are its first
    /// member's.
    fn with(b: &poc_proto::TeamBody, members: Vec<MemberView>) -> Self {
        let first = members.first();
        EntryView {
            id: b.id.to_string(),
            org: b.id.org().to_owned(),
            role: b.id.role().as_str(),
            org_name: b.org_name.clone(),
            webpage: b.webpage.clone(),
            emails: b.emails.clone(),
            phones: b.phones.clone(),
            languages: b.languages.clone(),
            time_zone: b.time_zone.clone(),
            fingerprint: first.map(|m| m.fingerprint.clone()).unwrap_or_default(),
            signing_key: first.map(|m| m.signing_key.clone()).unwrap_or_default(),
            encryption_key: first.map(|m| m.encryption_key.clone()).unwrap_or_default(),
            created_at: b.created_at.into(),
            updated_at: b.updated_at.into(),
            members,
        }
    }
}

/// An attachment, without its content.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AttachmentView {
    /// File name as the sender gave it (untrusted).
    pub name: String,
    /// Media type as the sender gave it (untrusted).
    pub media_type: String,
    /// Size in bytes.
    pub size: usize,
    /// For a file carried in parts (`ops::chunks`): how many, and whether they all arrived
    /// and checked out; `null` for a file inside the message, and in views that do not
    /// look at the parts.
    pub parts: Option<PartsView>,
}

/// Where the parts of an attachment stand.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartsView {
    /// Parts the message announces.
    pub total: usize,
    /// `complete` (every part arrived, each and the whole file match their SHA-256 in the
    /// signed message), `incomplete` (some not received yet) or `invalid`.
    pub state: PartsState,
    /// For `incomplete`: the parts received.
    pub received: Option<usize>,
    /// For `invalid`: why, in a sentence.
    pub reason: Option<String>,
}

/// Whether the parts of an attachment all arrived and checked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartsState {
    /// Every part arrived; each, and the whole file, match their SHA-256 in the message.
    Complete,
    /// Some parts have not been received yet.
    Incomplete,
    /// A part, or the whole file, does not check out.
    Invalid,
}

impl PartsView {
    /// The view of a file's state.
    pub fn of(total: usize, state: &crate::ops::chunks::State) -> Self {
        use crate::ops::chunks::State;
        let (name, received, reason) = match state {
            State::Complete => (PartsState::Complete, None, None),
            State::Incomplete { received, .. } => (PartsState::Incomplete, Some(*received), None),
            State::Invalid(e) => (PartsState::Invalid, None, Some(e.to_string())),
        };
        PartsView {
            total,
            state: name,
            received,
            reason,
        }
    }
}

impl AttachmentView {
    /// The view of an attachment: for a file carried in parts, the file's media type and
    /// size as its announcement gives them.
    pub fn of(a: &poc_proto::Attachment) -> Self {
        let announced = (a.media_type == poc_proto::message::PARTS_MEDIA_TYPE)
            .then(|| poc_proto::decode::<poc_proto::AttachmentParts>(&a.data).ok())
            .flatten();
        match announced {
            Some(parts) => AttachmentView {
                name: a.name.clone(),
                media_type: parts.media_type,
                size: usize::try_from(parts.size).unwrap_or(usize::MAX),
                parts: None,
            },
            None => AttachmentView {
                name: a.name.clone(),
                media_type: a.media_type.clone(),
                size: a.data.len(),
                parts: None,
            },
        }
    }
}

/// A message whose signature verified.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MessageView {
    /// The envelope id.
    pub id: String,
    /// The verified sender.
    pub from: String,
    /// The label of the member of `from` whose key signed it; `null` for a PoC of one key.
    pub from_member: Option<String>,
    /// The addressee named inside the signed message.
    pub to: String,
    /// Delivery priority.
    #[schemars(schema_with = "crate::json::priority_schema")]
    pub priority: &'static str,
    /// TLP label.
    #[schemars(schema_with = "crate::json::tlp_schema")]
    pub tlp: &'static str,
    /// Message type.
    #[serde(rename = "type")]
    #[schemars(schema_with = "crate::json::message_type_schema")]
    pub kind: &'static str,
    /// When the sender signed it (the sender's clock).
    pub sent_at: Timestamp,
    /// Content language (BCP 47).
    pub language: String,
    /// Whether it belongs to an exercise.
    pub exercise: bool,
    /// The envelope id of the thread's first message, if it is part of one.
    pub thread: Option<String>,
    /// Always `true`: only messages whose signature verified have this view.
    pub verified: bool,
    /// The non-empty template fields by canonical name; fixed values in canonical form,
    /// lists joined with `, `.
    pub fields: BTreeMap<String, String>,
    /// Attachments.
    pub attachments: Vec<AttachmentView>,
}

impl MessageView {
    /// The view of a verified message in envelope `id`.
    pub fn of(id: &EnvelopeId, priority: Priority, verified: &Verified) -> Self {
        let m = &verified.message;
        MessageView {
            id: id.to_string(),
            from: verified.sender.to_string(),
            from_member: (!verified.member.is_empty()).then(|| verified.member.clone()),
            to: m.to.to_string(),
            priority: priority.as_str(),
            tlp: crate::json::tlp_name(m.tlp),
            kind: crate::json::message_type(&m.kind),
            sent_at: m.sent_at.into(),
            language: m.language.clone(),
            exercise: m.exercise,
            thread: m.thread.map(|t| t.to_string()),
            verified: true,
            fields: field_map(m),
            attachments: m.attachments.iter().map(AttachmentView::of).collect(),
        }
    }

    /// Adds where the parts of each file carried in parts stand (by position among the
    /// attachments).
    pub fn with_parts(
        mut self,
        message: &poc_proto::Message,
        states: &[(usize, crate::ops::chunks::State)],
    ) -> Self {
        for (position, state) in states {
            let total = message
                .attachments
                .get(*position)
                .and_then(|a| poc_proto::decode::<poc_proto::AttachmentParts>(&a.data).ok())
                .map_or(0, |p| p.parts.len());
            if let Some(view) = self.attachments.get_mut(*position) {
                view.parts = Some(PartsView::of(total, state));
            }
        }
        self
    }
}

/// The non-empty fields of `message` by canonical name.
pub fn field_map(message: &poc_proto::Message) -> BTreeMap<String, String> {
    fields(message)
        .into_iter()
        .map(|f| (f.key.to_owned(), f.value))
        .collect()
}
