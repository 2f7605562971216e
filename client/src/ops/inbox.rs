//! Fetching, listing, reading and acknowledging.

use poc_proto::{EnvelopeId, MessageKind, PingAck, Priority, Receipt, Tlp};

use super::send::{send, Outgoing, SentEnvelope};
use super::Identity;
use crate::error::Failure;
use crate::mailbox::{
    check_receipt, listing_order, verify, Mailbox, ReadError, ReceiptCheck, Verified,
};
use crate::transport::RelayClient;
use crate::trust::TrustedDirectory;

/// Result of a fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// Envelopes new to the local inbox.
    pub new: usize,
    /// Their ids.
    pub new_ids: Vec<EnvelopeId>,
    /// Envelopes removed from the relay after they were stored locally.
    pub removed: u32,
    /// Envelopes for this PoC the relay turned away because the mailbox was full, since
    /// the previous fetch (see [`Fetched::warning`]).
    pub refused_while_full: u64,
}

impl Fetched {
    /// What the user should hear about this fetch, if anything: envelopes were refused
    /// because the relay mailbox was full.
    pub fn warning(&self) -> Option<String> {
        (self.refused_while_full > 0).then(|| {
            format!(
                "warning: your mailbox at the relay was full: {} envelope(s) sent to you were refused (their senders were told); fetch more often or ask the relay operator to raise the quota",
                self.refused_while_full
            )
        })
    }
}

/// Moves every waiting envelope from the relay to the local inbox: stored durably first,
/// deleted at the relay only afterwards, so nothing is lost if either side stops midway.
pub async fn fetch(identity: &Identity, client: &RelayClient<'_>) -> anyhow::Result<Fetched> {
    let (envelopes, refused_while_full) = client.fetch_all().await?;
    let mailbox = Mailbox::new(&identity.home);
    let new = mailbox.store_fetched(&envelopes, identity.now())?;
    let ids: Vec<EnvelopeId> = envelopes.iter().map(|e| e.id).collect();
    let removed = if ids.is_empty() {
        0
    } else {
        client.delete(ids).await?
    };
    Ok(Fetched {
        new: new.len(),
        new_ids: new,
        removed,
        refused_while_full,
    })
}

/// One line of the inbox.
#[derive(Debug)]
pub struct Item {
    /// Envelope id.
    pub id: EnvelopeId,
    /// Priority (from the envelope; verified as part of the signature when `verdict` is Ok).
    pub priority: Priority,
    /// When it was fetched.
    pub fetched_at: u64,
    /// When this PoC acknowledged it.
    pub acked_at: Option<u64>,
    /// The verified message, or why it cannot be trusted.
    pub verdict: Result<Verified, ReadError>,
    /// For receipts: what they prove.
    pub receipt: Option<ReceiptCheck>,
}

/// Every local envelope, verified, high priority first.
pub fn list(identity: &Identity, directory: &TrustedDirectory) -> anyhow::Result<Vec<Item>> {
    let mailbox = Mailbox::new(&identity.home);
    let mut loaded = Vec::new();
    for id in mailbox.ids()? {
        loaded.push(mailbox.load(&id)?);
    }
    loaded.sort_by_key(|(envelope, state)| listing_order(envelope, state));
    Ok(loaded
        .into_iter()
        .map(|(envelope, state)| {
            let key = identity.key_for(&envelope.to);
            let verdict = verify(key, &identity.config.id, directory, &envelope);
            let receipt = verdict
                .as_ref()
                .ok()
                .and_then(|v| check_receipt(&mailbox, v));
            Item {
                id: envelope.id,
                priority: envelope.priority,
                fetched_at: state.fetched_at,
                acked_at: state.acked_at,
                verdict,
                receipt,
            }
        })
        .collect())
}

/// Opens one local envelope (by id or unique prefix) and verifies it.
pub fn read(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(EnvelopeId, Priority, Verified)> {
    let (envelope, verified) = open_local(identity, directory, id)?;
    Ok((envelope.id, envelope.priority, verified))
}

/// Loads one local envelope (by id or unique prefix) and verifies it; returns both.
pub fn open_local(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(poc_proto::Envelope, Verified)> {
    let mailbox = Mailbox::new(&identity.home);
    let id = mailbox.resolve(id)?;
    let (envelope, _) = mailbox.load(&id)?;
    let verified = verify(
        identity.key_for(&envelope.to),
        &identity.config.id,
        directory,
        &envelope,
    )
    .map_err(|e| Failure::verification(anyhow::Error::new(e).context(format!("envelope {id}"))))?;
    Ok((envelope, verified))
}

/// Acknowledges a verified envelope to its sender with a signed answer: a [`PingAck`] for a
/// ping (marked automatic when a program sends it), a [`Receipt`] for anything else.
pub async fn ack(
    identity: &Identity,
    client: &RelayClient<'_>,
    directory: &TrustedDirectory,
    id: &str,
    automatic: bool,
) -> anyhow::Result<(EnvelopeId, SentEnvelope)> {
    let (id, _, verified) = read(identity, directory, id)?;
    let mailbox = Mailbox::new(&identity.home);
    let (_, mut state) = mailbox.load(&id)?;
    let now = identity.now();
    let kind = match &verified.message.kind {
        MessageKind::Receipt(_) | MessageKind::PingAck(_) => {
            anyhow::bail!("envelope {id} is itself an acknowledgement; it is not acknowledged")
        }
        MessageKind::Ping(ping) => MessageKind::PingAck(PingAck {
            campaign: ping.campaign,
            nonce: ping.nonce,
            ping_envelope: id,
            received_at: state.fetched_at.min(now),
            automatic,
        }),
        _ => MessageKind::Receipt(Receipt {
            envelope: id,
            received_at: now,
        }),
    };
    let answer = Outgoing {
        to: vec![verified.sender.clone()],
        priority: Priority::Low,
        tlp: Tlp::Green,
        language: Some(verified.message.language.clone()),
        exercise: verified.message.exercise,
        thread: Some(id),
        ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
        kind,
        attachments: Vec::new(),
    };
    let sent = send(identity, client, directory, &answer).await?;
    state.acked_at = Some(now);
    mailbox.save_state(&id, &state)?;
    let first = sent
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no acknowledgement was sent"))?;
    Ok((id, first))
}

/// A message acknowledged (`poc ack`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct Acknowledged {
    /// The envelope id of the message acknowledged.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub acknowledged: EnvelopeId,
    /// The signed receipt (or ping answer) sent to its sender.
    pub sent: Vec<SentEnvelope>,
}

/// A message read from the local inbox (`poc read`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct ReadMessage {
    /// The message.
    #[serde(flatten)]
    pub message: crate::ops::view::MessageView,
    /// The files its attachments were saved to (with `--save-attachments`).
    pub saved: Vec<String>,
    /// The envelope id, for the full view.
    #[serde(skip)]
    pub id: EnvelopeId,
    /// The envelope's priority, for the full view.
    #[serde(skip)]
    pub priority: Priority,
    /// The verified message, for the full view.
    #[serde(skip)]
    pub verified: crate::mailbox::Verified,
    /// The sender's entry in the directory in force.
    #[serde(skip)]
    pub sender: Option<poc_proto::Entry>,
    /// The serial of the directory the signature was verified against.
    #[serde(skip)]
    pub serial: u64,
    /// The language of the labels.
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
}
