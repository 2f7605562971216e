//! Delivery of many envelopes at once (ping campaigns, directory notices): a recipient whose
//! relay mailbox is full must not stop delivery to everyone else.

use std::collections::HashSet;

use poc_proto::{Envelope, ErrorCode, MailboxId};

use crate::transport::{RelayClient, TransportError};

/// What a bulk delivery achieved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Envelopes the relay stored (retries of stored ones included).
    pub stored: usize,
    /// Mailboxes the relay refused as full: their envelopes were not delivered.
    pub full: Vec<MailboxId>,
}

/// Submits `envelopes` in batches of `batch`, reporting progress as (done, total). When the
/// relay refuses a batch because one recipient's mailbox is full, that recipient's envelopes
/// are set aside and the rest of the batch is submitted again; every other refusal stops
/// delivery with its error.
pub async fn deliver_all(
    client: &RelayClient<'_>,
    envelopes: Vec<Envelope>,
    batch: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Delivered, TransportError> {
    let total = envelopes.len();
    let mut done = 0;
    let mut delivered = Delivered::default();
    let mut full: HashSet<MailboxId> = HashSet::new();
    for chunk in envelopes.chunks(batch.max(1)) {
        let mut pending: Vec<Envelope> = chunk.to_vec();
        loop {
            pending.retain(|e| !full.contains(&e.to));
            if pending.is_empty() {
                break;
            }
            match client.submit(pending.clone()).await {
                Ok((stored, duplicates)) => {
                    delivered.stored += (stored + duplicates) as usize;
                    break;
                }
                Err(TransportError::Refused(refusal))
                    if refusal.code == ErrorCode::QuotaExceeded =>
                {
                    // The refusal names the full mailbox; without a name nothing can be set
                    // aside safely.
                    let Some(mailbox) = pending
                        .iter()
                        .map(|e| e.to)
                        .find(|m| refusal.detail.contains(&m.to_string()))
                    else {
                        return Err(TransportError::Refused(refusal));
                    };
                    full.insert(mailbox);
                    delivered.full.push(mailbox);
                }
                Err(e) => return Err(e),
            }
        }
        done += chunk.len();
        progress(done, total);
    }
    Ok(delivered)
}
