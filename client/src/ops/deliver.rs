//! Delivery of many envelopes at once (ping campaigns, directory notices) through the outbox:
//! the envelopes are recorded `prepared` beforehand ([`super::outbox::record_batch`]); each
//! batch is marked `submitted` before it is handed to the relay and `stored` once the relay
//! has it, with one sync per batch, so an interrupted or failed delivery can be told and
//! finished (`poc sent --resend-all`). A recipient whose relay mailbox is full must not stop
//! delivery to everyone else.
//!
//! This module does not record the envelopes nor print.

use std::collections::HashSet;

use poc_proto::{Envelope, EnvelopeId, ErrorCode, MailboxId};

use super::outbox::nothing_stored;
use super::Identity;
use crate::mailbox::outbox::SendState;
use crate::transport::relays::Relays;
use crate::transport::TransportError;

/// What a bulk delivery achieved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Messages the relay stored (retries of stored ones included).
    pub stored: usize,
    /// Mailboxes the relay refused as full: their envelopes were not delivered (a message
    /// with no other recipient mailbox stays `prepared` in the outbox).
    pub full: Vec<MailboxId>,
}

/// Submits `messages` (each its envelopes, one per member of the recipient PoC, all with one
/// id), recorded beforehand in the outbox of `identity`, in batches of `batch` messages,
/// reporting progress as (done, total). When the relay refuses a batch because one mailbox
/// is full, that mailbox's envelopes are set aside and the rest of the batch is submitted
/// again (a message left with no envelope goes back to `prepared`); every other refusal
/// stops delivery with its error, leaving the batch `prepared` when the refusal proves
/// nothing of it was stored and `submitted` otherwise.
pub async fn deliver_all(
    identity: &Identity,
    client: &Relays,
    messages: Vec<Vec<Envelope>>,
    batch: usize,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Result<Delivered, TransportError>> {
    let journal = &identity.journal;
    let total = messages.len();
    let mut done = 0;
    let mut delivered = Delivered::default();
    let mut full: HashSet<MailboxId> = HashSet::new();
    for chunk in messages.chunks(batch.max(1)) {
        let mut pending: Vec<Vec<Envelope>> = chunk.to_vec();
        loop {
            for message in &mut pending {
                message.retain(|e| !full.contains(&e.to));
            }
            pending.retain(|m| !m.is_empty());
            if pending.is_empty() {
                break;
            }
            let ids: Vec<EnvelopeId> = pending.iter().map(|m| m[0].id).collect();
            journal.set_batch(identity, &ids, SendState::Submitted)?;
            let envelopes: Vec<Envelope> = pending.iter().flatten().cloned().collect();
            match client.submit(envelopes).await {
                Ok(_) => {
                    journal.set_batch(identity, &ids, SendState::Stored)?;
                    delivered.stored += ids.len();
                    break;
                }
                Err(TransportError::Refused(refusal))
                    if refusal.code == ErrorCode::QuotaExceeded =>
                {
                    // Nothing of the batch was stored.
                    journal.set_batch(identity, &ids, SendState::Prepared)?;
                    // The refusal names the full mailbox; without a name nothing can be set
                    // aside safely.
                    let Some(mailbox) = pending
                        .iter()
                        .flatten()
                        .map(|e| e.to)
                        .find(|m| refusal.detail.contains(&m.to_string()))
                    else {
                        return Ok(Err(TransportError::Refused(refusal)));
                    };
                    full.insert(mailbox);
                    delivered.full.push(mailbox);
                }
                Err(TransportError::Refused(refusal)) if nothing_stored(refusal.code) => {
                    journal.set_batch(identity, &ids, SendState::Prepared)?;
                    return Ok(Err(TransportError::Refused(refusal)));
                }
                Err(e) => return Ok(Err(e)),
            }
        }
        done += chunk.len();
        progress(done, total);
    }
    Ok(Ok(delivered))
}
