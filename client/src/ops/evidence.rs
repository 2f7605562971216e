//! A message with the evidence of its origin, for case-management systems (`poc export`) and
//! for national authorities outside the directory (`poc forward`, an age file).
//!
//! The evidence is what the sender signed: the routing fields, the signed message bytes, the
//! sender's key and signature, and the exact signing input, so anyone can check the signature
//! with any ed25519 implementation and the sender's key from the directory.

use data_encoding::{BASE64, HEXLOWER};
use poc_keys::RoutingHeader;
use poc_proto::{Envelope, EnvelopeId};
use serde_json::json;

use super::Identity;
use crate::cli::show::message_json;
use crate::mailbox::Verified;
use crate::trust::TrustedDirectory;

/// Format name written into every export.
pub const FORMAT: &str = "poc-evidence-v1";

/// The message and its evidence as JSON.
pub fn evidence(
    directory: &TrustedDirectory,
    envelope: &Envelope,
    verified: &Verified,
) -> serde_json::Value {
    let header = RoutingHeader::of(envelope);
    let input = poc_keys::seal::message_signing_input(&header, &verified.signed_body);
    let sender = directory.entry(&verified.sender);
    json!({
        "format": FORMAT,
        "message": message_json(&envelope.id, envelope.priority, verified),
        "sender": {
            "id": verified.sender.to_string(),
            "organisation": sender.map(|e| e.body.org_name.clone()),
            "fingerprint": poc_keys::FingerprintText(poc_keys::fingerprint(&verified.sender_key)).to_string(),
            "ed25519_public_key": verified.sender_key.to_string(),
        },
        "directory": {
            "serial": directory.directory.serial,
            "digest": HEXLOWER.encode(&directory.digest),
            "custodian_key": directory.directory.custodian_key.to_string(),
        },
        "signature": {
            "algorithm": "ed25519 (RFC 8032), verify_strict",
            "value": HEXLOWER.encode(&verified.signature.0),
            "signing_input_base64": BASE64.encode(&input),
            "signing_input_layout": "\"poc/msg/v1\" | 0x00 | envelope id (16) | recipient mailbox (32) | priority rank (1) | expires_at (u64 BE) | message bytes",
            "envelope_id": header.id.to_string(),
            "recipient_mailbox": header.to.to_string(),
            "priority": header.priority.as_str(),
            "expires_at": header.expires_at,
            "message_bytes_base64": BASE64.encode(&verified.signed_body),
        },
        "attachments": verified.message.attachments.iter().map(|a| json!({
            "name": a.name, "media_type": a.media_type, "data_base64": BASE64.encode(&a.data)
        })).collect::<Vec<_>>(),
    })
}

/// Loads and verifies a local envelope, returning it with its evidence.
pub fn export(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(EnvelopeId, serde_json::Value)> {
    let (envelope, verified) = super::inbox::open_local(identity, directory, id)?;
    Ok((envelope.id, evidence(directory, &envelope, &verified)))
}

/// The evidence encrypted to an age recipient: a standard age file.
pub fn forward(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
    recipient: &str,
) -> anyhow::Result<(EnvelopeId, Vec<u8>)> {
    let recipient = poc_keys::PocPublic::parse_encryption_key(recipient.trim())
        .map_err(|_| anyhow::anyhow!("`{recipient}` is not an age public key (age1...)"))?;
    let (id, evidence) = export(identity, directory, id)?;
    let text = serde_json::to_string_pretty(&evidence)?;
    Ok((id, poc_keys::seal::encrypt_to(&recipient, text.as_bytes())?))
}
