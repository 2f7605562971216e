//! What PoCs write to each other: the body inside a sealed envelope.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::directory::{Entry, KeyRotation, TeamMember};
use crate::ids::{EnvelopeId, PocId};

/// Traffic Light Protocol 2.0 label: how far the recipient may share the content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tlp {
    /// No limit on disclosure.
    Clear,
    /// The recipient's community.
    Green,
    /// The recipient's organisation and its clients, on a need-to-know basis.
    #[default]
    Amber,
    /// The recipient's organisation only.
    AmberStrict,
    /// The named recipients only.
    Red,
}

impl fmt::Display for Tlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tlp::Clear => "TLP:CLEAR",
            Tlp::Green => "TLP:GREEN",
            Tlp::Amber => "TLP:AMBER",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Red => "TLP:RED",
        })
    }
}

impl FromStr for Tlp {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        match upper.strip_prefix("TLP:").unwrap_or(&upper) {
            "CLEAR" => Ok(Tlp::Clear),
            "GREEN" => Ok(Tlp::Green),
            "AMBER" => Ok(Tlp::Amber),
            "AMBER+STRICT" | "AMBER-STRICT" => Ok(Tlp::AmberStrict),
            "RED" => Ok(Tlp::Red),
            _ => Err(format!(
                "`{s}` is not a TLP label: use clear, green, amber, amber+strict or red"
            )),
        }
    }
}

/// One message, as signed by its sender.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Sender's PoC id; the recipient checks it against the directory entry of the signing key.
    pub from: PocId,
    /// Recipient's PoC id.
    pub to: PocId,
    /// Unix seconds when the sender wrote it (the sender's clock).
    pub sent_at: u64,
    /// Envelope this message answers or continues, if any.
    pub thread: Option<EnvelopeId>,
    /// BCP 47 language of the content, e.g. `fr`.
    pub language: String,
    /// Handling label.
    pub tlp: Tlp,
    /// Part of an exercise, not a real event.
    pub exercise: bool,
    /// What kind of message, with its fields.
    pub kind: MessageKind,
    /// Files carried inside the encryption (e.g. an indicator list).
    pub attachments: Vec<Attachment>,
}

/// A file attached to a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// File name as given by the sender (never used as a path without sanitising).
    pub name: String,
    /// Media type, e.g. `text/plain`.
    pub media_type: String,
    /// Content.
    pub data: Vec<u8>,
}

/// The `media_type` of an [`Attachment`] whose `data` is an encoded [`AttachmentParts`]: a
/// file too large for the first message, carried in [`AttachmentPart`] envelopes.
pub const PARTS_MEDIA_TYPE: &str = "application/vnd.poc-relay.parts";

/// What the first message says of a file carried in parts: enough for the reader to find
/// every part, check each one as it arrives and the whole file once reassembled. It travels
/// as the `data` of an [`Attachment`] named like the file, of media type
/// [`PARTS_MEDIA_TYPE`], so that it is signed with the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentParts {
    /// Media type of the file, e.g. `application/pdf`.
    pub media_type: String,
    /// Size of the file in bytes.
    pub size: u64,
    /// SHA-256 of the whole file.
    pub sha256: [u8; 32],
    /// The parts in file order: part `i` holds bytes `i * ATTACHMENT_PART_BYTES` onwards.
    pub parts: Vec<PartRef>,
}

/// One part of a file, as the first message names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartRef {
    /// The envelope that carries it.
    pub envelope: EnvelopeId,
    /// SHA-256 of its data.
    pub sha256: [u8; 32],
}

/// One part of a file announced by a message's [`AttachmentParts`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentPart {
    /// The envelope id of the message that announces the file.
    pub message: EnvelopeId,
    /// Position of the file among that message's attachments.
    pub attachment: u32,
    /// Position of this part in the file, from 0.
    pub index: u32,
    /// The bytes of the file this part carries.
    pub data: Vec<u8>,
}

/// The kinds of message. New kinds are appended at the end (the encoding uses the position).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageKind {
    /// A confidential incident notification between technical PoCs.
    IncidentNotification(Box<IncidentNotification>),
    /// Free text.
    Text(TextMessage),
    /// Signed proof that the recipient received an envelope.
    Receipt(Receipt),
    /// A PoC asks the custodian to replace its entry (new contact details or a new key).
    EntryUpdate(Box<EntryUpdate>),
    /// The custodian announces that a new directory is published.
    DirectoryNotice(DirectoryNotice),
    /// A request for assistance (usually between diplomatic PoCs).
    AssistanceRequest(Box<AssistanceRequest>),
    /// The status of a notification or request, answering it in its thread.
    Response(StatusResponse),
    /// A communication check from the custodian.
    Ping(Ping),
    /// The signed answer to a [`Ping`].
    PingAck(PingAck),
    /// One part of a file too large for the message that announces it.
    AttachmentPart(AttachmentPart),
    /// A member of a team asks the custodian to replace its own key by a new one.
    MemberKeyUpdate(Box<MemberKeyUpdate>),
    /// A member of a team asks the custodian to remove a member of the same team.
    MemberRemoval(MemberRemoval),
}

impl MessageKind {
    /// Short name for lists.
    pub fn name(&self) -> &'static str {
        match self {
            MessageKind::IncidentNotification(_) => "incident",
            MessageKind::Text(_) => "text",
            MessageKind::Receipt(_) => "receipt",
            MessageKind::EntryUpdate(_) => "entry-update",
            MessageKind::DirectoryNotice(_) => "directory-notice",
            MessageKind::AssistanceRequest(_) => "assistance",
            MessageKind::Response(_) => "response",
            MessageKind::Ping(_) => "ping",
            MessageKind::PingAck(_) => "ping-ack",
            MessageKind::AttachmentPart(_) => "attachment-part",
            MessageKind::MemberKeyUpdate(_) => "member-key-update",
            MessageKind::MemberRemoval(_) => "member-removal",
        }
    }
}

/// The incident notification template. Every field is optional: the States asked for voluntary,
/// flexible templates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentNotification {
    /// Sender's reference number.
    pub reference: Option<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// What happened.
    pub description: Option<String>,
    /// Incident class (ENISA / RSIT reference taxonomy).
    pub incident_class: Option<String>,
    /// When the incident was detected.
    pub time_detected: Option<String>,
    /// Affected sector.
    pub affected_sector: Option<String>,
    /// Affected systems.
    pub affected_systems: Option<String>,
    /// Indicators of compromise.
    pub indicators: Vec<String>,
    /// Actions already taken.
    pub actions_taken: Option<String>,
    /// Assistance requested, if any.
    pub assistance_requested: Option<String>,
    /// Requested response time.
    pub requested_response_time: Option<String>,
    /// Who to contact for follow-up.
    pub follow_up_contact: Option<String>,
}

/// A free-text message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextMessage {
    /// Optional subject line.
    pub subject: Option<String>,
    /// The text.
    pub text: String,
}

/// Acknowledges receipt of one envelope. Signed (by the sealing signature) and therefore
/// non-repudiable by design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The envelope being acknowledged.
    pub envelope: EnvelopeId,
    /// Unix seconds when the recipient opened it.
    pub received_at: u64,
}

/// A request to replace the sender's own directory entry.
///
/// The envelope is signed by the sender's current directory key, which authorises the change.
/// `entry` is self-signed by the key it names; when that key is new, `rotation` hands the old
/// key over to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryUpdate {
    /// The complete new entry.
    pub entry: Entry,
    /// Old key to new key, signed by the old key; present only for a key rotation.
    pub rotation: Option<KeyRotation>,
}

/// A member of a team asks the custodian to replace its own member record by one with a new
/// key (directory format v2).
///
/// The envelope is signed by the member's current key, which authorises the change. `member`
/// keeps the member's label and carries the new keys with their proof of possession (by the
/// new key, for `entry`); `rotation` hands the old key over to the new one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberKeyUpdate {
    /// The team (the sender's own PoC).
    pub entry: PocId,
    /// The new member record, without co-signature.
    pub member: TeamMember,
    /// Old key to new key, signed by the old key.
    pub rotation: KeyRotation,
}

/// A member of a team asks the custodian to remove one member (possibly itself) of the same
/// team. The envelope is signed by the asking member's key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRemoval {
    /// The team (the sender's own PoC).
    pub entry: PocId,
    /// The label of the member to remove.
    pub label: String,
    /// Why, published with the revocation; `None` lets the custodian name the asking member.
    pub reason: Option<String>,
}

/// Tells members that a directory with this serial is published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryNotice {
    /// The new serial.
    pub serial: u64,
    /// SHA-256 of the signed directory.
    pub digest: [u8; 32],
}

/// What kind of assistance is requested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Nature {
    /// Information about an incident or a threat.
    Information,
    /// Help to mitigate.
    Mitigation,
    /// Help to investigate.
    Investigation,
    /// Coordination of a response.
    Coordination,
    /// Anything else (see details).
    Other,
}

/// The assistance request template. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistanceRequest {
    /// Sender's reference number.
    pub reference: Option<String>,
    /// Nature of the request.
    pub nature: Option<Nature>,
    /// Reference of the related incident notification.
    pub related_incident: Option<String>,
    /// What is asked.
    pub details: Option<String>,
    /// Requested response time.
    pub requested_response_time: Option<String>,
    /// Legal or diplomatic context.
    pub legal_context: Option<String>,
}

/// Where a notification or request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResponseStatus {
    /// Received.
    Received,
    /// Channelled to the competent national authority.
    Channelled,
    /// Being worked on.
    InProgress,
    /// Resolved.
    Resolved,
    /// Declined (PoCs are channels, not obligated responders).
    Declined,
}

/// A status response in a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusResponse {
    /// The status.
    pub status: ResponseStatus,
    /// Free text.
    pub text: Option<String>,
}

/// A communication check: the custodian asks a PoC to acknowledge before a deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ping {
    /// Campaign id.
    pub campaign: [u8; 16],
    /// Random value for this PoC in this campaign; the acknowledgement must return it.
    pub nonce: [u8; 32],
    /// Unix seconds by which an acknowledgement counts as on time.
    pub deadline: u64,
    /// Optional note from the custodian.
    pub note: Option<String>,
}

/// The acknowledgement of a [`Ping`], signed (by the envelope signature) with the PoC's
/// directory key: proof that this PoC received that ping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PingAck {
    /// Campaign id from the ping.
    pub campaign: [u8; 16],
    /// Nonce from the ping.
    pub nonce: [u8; 32],
    /// The ping's envelope.
    pub ping_envelope: EnvelopeId,
    /// Unix seconds when the PoC received (opened) the ping.
    pub received_at: u64,
    /// Sent by a program (`--auto-ack-pings`), not by a person.
    pub automatic: bool,
}
