//! A message with the evidence of its origin, for case-management systems (`poc export`) and
//! for national authorities outside the directory (`poc forward`, an age file).
//!
//! The evidence is what the sender signed: the routing fields, the signed message bytes, the
//! sender's key and signature, and the exact signing input, so anyone can check the signature
//! with any ed25519 implementation and the sender's key from the directory.

use data_encoding::{BASE64, HEXLOWER};
use poc_keys::RoutingHeader;
use poc_proto::{Envelope, EnvelopeId};
use schemars::JsonSchema;
use serde::Serialize;

use super::view::MessageView;
use super::Identity;
use crate::json::Timestamp;
use crate::mailbox::Verified;
use crate::trust::TrustedDirectory;

/// Format name written into every export.
pub const FORMAT: &str = "poc-evidence-v2";

/// A message with the evidence of its origin.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Evidence {
    /// [`FORMAT`].
    pub format: &'static str,
    /// The verified message.
    pub message: MessageView,
    /// Who signed it.
    pub sender: Signer,
    /// The directory in force that the signature was verified against.
    pub directory: DirectoryRef,
    /// The signature and everything needed to check it again.
    pub signature: Signature,
    /// The attachments with their content.
    pub attachments: Vec<AttachmentData>,
}

/// The signer of a message.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Signer {
    /// Its PoC id.
    pub id: String,
    /// Its organisation name in the directory in force, if it is still there.
    pub organisation: Option<String>,
    /// Fingerprint of its signing key.
    pub fingerprint: String,
    /// Its ed25519 public key (64 hex digits).
    pub ed25519_public_key: String,
}

/// The directory a signature was verified against.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DirectoryRef {
    /// Its serial.
    pub serial: u64,
    /// Its digest (64 hex digits).
    pub digest: String,
    /// The custodian key that signed it (64 hex digits).
    pub custodian_key: String,
}

/// An ed25519 signature with its signing input.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Signature {
    /// `ed25519 (RFC 8032), verify_strict`.
    pub algorithm: &'static str,
    /// The signature (128 hex digits).
    pub value: String,
    /// The complete signing input, base64.
    pub signing_input_base64: String,
    /// A description of the signing input's layout.
    pub signing_input_layout: &'static str,
    /// The envelope id signed.
    pub envelope_id: String,
    /// The recipient mailbox signed (64 hex digits).
    pub recipient_mailbox: String,
    /// The priority signed.
    #[schemars(schema_with = "crate::json::priority_schema")]
    pub priority: &'static str,
    /// The expiry signed.
    pub expires_at: Timestamp,
    /// The signed message bytes, base64.
    pub message_bytes_base64: String,
}

/// An attachment with its content.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AttachmentData {
    /// File name as the sender gave it (untrusted).
    pub name: String,
    /// Media type as the sender gave it (untrusted).
    pub media_type: String,
    /// The content, base64.
    pub data_base64: String,
}

/// The message and its evidence.
pub fn evidence(
    directory: &TrustedDirectory,
    envelope: &Envelope,
    verified: &Verified,
) -> Evidence {
    let header = RoutingHeader::of(envelope);
    let input = poc_keys::seal::message_signing_input(&header, &verified.signed_body);
    let sender = directory.team(&verified.sender);
    Evidence {
        format: FORMAT,
        message: MessageView::of(&envelope.id, envelope.priority, verified),
        sender: Signer {
            id: verified.sender.to_string(),
            organisation: sender.map(|e| e.body.org_name.clone()),
            fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&verified.sender_key))
                .to_string(),
            ed25519_public_key: verified.sender_key.to_string(),
        },
        directory: DirectoryRef {
            serial: directory.directory.serial,
            digest: HEXLOWER.encode(&directory.digest),
            custodian_key: directory.directory.custodian_key.to_string(),
        },
        signature: Signature {
            algorithm: "ed25519 (RFC 8032), verify_strict",
            value: HEXLOWER.encode(&verified.signature.0),
            signing_input_base64: BASE64.encode(&input),
            signing_input_layout: "\"poc/msg/v1\" | 0x00 | envelope id (16) | recipient mailbox (32) | priority rank (1) | expires_at (u64 BE) | message bytes",
            envelope_id: header.id.to_string(),
            recipient_mailbox: header.to.to_string(),
            priority: header.priority.as_str(),
            expires_at: header.expires_at.into(),
            message_bytes_base64: BASE64.encode(&verified.signed_body),
        },
        attachments: verified
            .message
            .attachments
            .iter()
            .map(|a| AttachmentData {
                name: a.name.clone(),
                media_type: a.media_type.clone(),
                data_base64: BASE64.encode(&a.data),
            })
            .collect(),
    }
}

/// Loads and verifies a local envelope, returning it with its evidence.
pub fn export(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(EnvelopeId, Evidence)> {
    let (envelope, verified) = super::inbox::open_local(identity, directory, id)?;
    Ok((envelope.id, evidence(directory, &envelope, &verified)))
}

/// The evidence of a message written for an authority outside the directory (`poc forward`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Forwarded {
    /// The envelope id of the message forwarded.
    pub forwarded: String,
    /// The age file written.
    pub file: String,
    /// The age recipient it is encrypted to.
    pub recipient: String,
}

/// The age public key `text` (`age1...`) that [`forward`] encrypts to.
pub fn age_recipient(text: &str) -> anyhow::Result<age::x25519::Recipient> {
    poc_keys::PocPublic::parse_encryption_key(text.trim())
        .map_err(|_| anyhow::anyhow!("`{text}` is not an age public key (age1...)"))
}

/// The evidence encrypted to an age recipient: a standard age file.
pub fn forward(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
    recipient: &str,
) -> anyhow::Result<(EnvelopeId, Vec<u8>)> {
    let recipient = age_recipient(recipient)?;
    let (id, evidence) = export(identity, directory, id)?;
    let text = serde_json::to_string_pretty(&evidence)?;
    Ok((id, poc_keys::seal::encrypt_to(&recipient, text.as_bytes())?))
}
