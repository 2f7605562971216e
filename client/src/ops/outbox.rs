//! Sending through the outbox: every envelope is recorded (`prepared`) before any byte
//! leaves, moved to `submitted` just before it is handed to the relay and to `stored` when
//! the relay answers ([`crate::mailbox::outbox`]). The [`Journal`] holds the envelopes this
//! run recorded, so that an interrupted or failed run can say which were stored, which may
//! have been sent and which were not. `poc sent` lists the records ([`list`]) and submits an
//! unfinished one again ([`resend`]): the same envelope bytes, so the relay keeps one copy.
//!
//! This module does not print; the CLI reports the journal (`cli::interrupt`).

use std::sync::{Arc, Mutex, MutexGuard};

use poc_proto::limits::MAX_SUBMIT_BATCH;
use poc_proto::{Envelope, EnvelopeId, ErrorCode, Message, PocId};
use schemars::JsonSchema;
use serde::Serialize;

use super::Identity;
use crate::json::Timestamp;
use crate::mailbox::outbox::{Outbox, Preparing, SendState};
use crate::mailbox::SentRecord;
use crate::transport::{RelayClient, TransportError};

/// One envelope this run recorded, in the state last written to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// The envelope id.
    pub id: EnvelopeId,
    /// Its recipient.
    pub to: PocId,
    /// Its state.
    pub state: SendState,
    /// The ping campaign it belongs to (32 hex digits), if any: a campaign's envelopes are
    /// told as counts per campaign.
    pub campaign: Option<String>,
}

/// The envelopes one run of the program recorded in the outbox, in order, with the state
/// each is in on disk. Shared by the sending operations (through [`Identity`]) and the CLI.
/// A state changes on disk and here under one lock: whoever holds [`Journal::lock`] sees
/// what is on disk, and no envelope moves on meanwhile.
#[derive(Debug, Clone, Default)]
pub struct Journal(Arc<Mutex<Vec<JournalEntry>>>);

impl Journal {
    /// The entries, locked: while the guard lives no state changes.
    pub fn lock(&self) -> MutexGuard<'_, Vec<JournalEntry>> {
        // A panic while holding the lock left the entries as they were on disk.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A copy of the entries.
    pub fn entries(&self) -> Vec<JournalEntry> {
        self.lock().clone()
    }

    /// Records `items` as prepared, on disk then here.
    fn prepared(&self, identity: &Identity, items: &[Preparing<'_>]) -> anyhow::Result<()> {
        let mut entries = self.lock();
        Outbox::new(&identity.home).prepare(&identity.key, items)?;
        entries.extend(items.iter().map(|item| JournalEntry {
            id: item.envelope.id,
            to: item.record.to.clone(),
            state: SendState::Prepared,
            campaign: None,
        }));
        Ok(())
    }

    /// Records a batch of `items` as prepared with one sync, on disk then here, as envelopes
    /// of `campaign` if given.
    fn prepared_batch(
        &self,
        identity: &Identity,
        items: &[Preparing<'_>],
        campaign: Option<&str>,
    ) -> anyhow::Result<()> {
        let mut entries = self.lock();
        Outbox::new(&identity.home).prepare_batch(&identity.key, items)?;
        entries.extend(items.iter().map(|item| JournalEntry {
            id: item.envelope.id,
            to: item.record.to.clone(),
            state: SendState::Prepared,
            campaign: campaign.map(str::to_owned),
        }));
        Ok(())
    }

    /// Moves a batch of `ids`, all recorded by this run, to `state` with one sync, on disk
    /// then here.
    pub(crate) fn set_batch(
        &self,
        identity: &Identity,
        ids: &[EnvelopeId],
        state: SendState,
    ) -> anyhow::Result<()> {
        let mut entries = self.lock();
        Outbox::new(&identity.home).set_state_batch(ids, state)?;
        let moved: std::collections::HashSet<&EnvelopeId> = ids.iter().collect();
        for entry in entries.iter_mut().filter(|e| moved.contains(&e.id)) {
            entry.state = state;
        }
        Ok(())
    }

    /// Moves `ids` to `state`, on disk then here (an id this run did not prepare, as in a
    /// resend, is added).
    fn set(&self, identity: &Identity, ids: &[EnvelopeId], state: SendState) -> anyhow::Result<()> {
        let mut entries = self.lock();
        let outbox = Outbox::new(&identity.home);
        outbox.set_state(ids, state)?;
        for id in ids {
            match entries.iter_mut().find(|e| e.id == *id) {
                Some(entry) => entry.state = state,
                None => entries.push(JournalEntry {
                    id: *id,
                    to: outbox.record(id)?.to,
                    state,
                    campaign: None,
                }),
            }
        }
        Ok(())
    }
}

/// Records `items` as prepared (envelope, own copy, record, synced) before anything is sent.
pub fn record(identity: &Identity, items: &[Preparing<'_>]) -> anyhow::Result<()> {
    identity.journal.prepared(identity, items)
}

/// Records a batch of `items` (thousands: a ping campaign, directory notices) as prepared,
/// made durable with one sync, before anything is sent; `campaign` names the ping campaign
/// they belong to. Submit them with [`super::deliver::deliver_all`].
pub fn record_batch(
    identity: &Identity,
    items: &[Preparing<'_>],
    campaign: Option<&str>,
) -> anyhow::Result<()> {
    identity.journal.prepared_batch(identity, items, campaign)
}

/// What records `envelope`, carrying `message` to `to`, in the outbox.
pub fn preparing<'a>(envelope: &'a Envelope, message: &'a Message, to: &PocId) -> Preparing<'a> {
    Preparing {
        envelope,
        message,
        record: SentRecord {
            to: to.clone(),
            kind: message.kind.name().into(),
            priority: envelope.priority.to_string(),
            sent_at: message.sent_at,
            state: SendState::Prepared,
            expires_at: Some(envelope.expires_at),
        },
    }
}

/// Whether a refusal with `code` proves that the relay holds nothing of the batch, even if an
/// earlier attempt of the same submit was lost after reaching it. The relay checks the form
/// of each envelope (version, size, lifetime, recipient) the same way on every attempt, and
/// counts an envelope it already holds as a duplicate before any quota check; a batch is
/// stored whole or not at all. Any other refusal (a full disk, a lost login, a rate limit
/// given up on) may follow an attempt that was stored.
pub fn nothing_stored(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::Malformed
            | ErrorCode::UnsupportedVersion
            | ErrorCode::UnknownRecipient
            | ErrorCode::TooLarge
            | ErrorCode::Expired
            | ErrorCode::QuotaExceeded
    )
}

/// Submits recorded envelopes, a batch at a time: each batch is marked submitted, handed to
/// the relay, and marked stored once the relay has it on disk (duplicates included: the
/// relay already had them). A refusal that proves nothing of the batch is stored
/// ([`nothing_stored`]) takes it back to prepared; any other failure leaves it submitted (it
/// may have been stored). The error is returned as the transport gave it.
pub async fn submit(
    identity: &Identity,
    client: &RelayClient<'_>,
    envelopes: Vec<Envelope>,
) -> anyhow::Result<Result<(), TransportError>> {
    let journal = &identity.journal;
    for batch in envelopes.chunks(MAX_SUBMIT_BATCH) {
        let ids: Vec<EnvelopeId> = batch.iter().map(|e| e.id).collect();
        journal.set(identity, &ids, SendState::Submitted)?;
        match client.submit(batch.to_vec()).await {
            Ok(_) => journal.set(identity, &ids, SendState::Stored)?,
            Err(TransportError::Refused(refusal)) if nothing_stored(refusal.code) => {
                journal.set(identity, &ids, SendState::Prepared)?;
                return Ok(Err(TransportError::Refused(refusal)));
            }
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(()))
}

/// One record of the outbox.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SentItem {
    /// The envelope id (32 hex digits).
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub id: EnvelopeId,
    /// The recipient PoC.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub to: PocId,
    /// Message type.
    #[serde(rename = "type")]
    #[schemars(schema_with = "crate::json::message_type_schema")]
    pub kind: String,
    /// Priority.
    #[schemars(schema_with = "crate::json::priority_schema")]
    pub priority: String,
    /// How far the send went: `prepared` (nothing sent), `submitted` (handed to the relay,
    /// no answer: it may have been stored), `stored` (the relay has it).
    pub state: SendState,
    /// When it was signed.
    pub sent_at: Timestamp,
    /// When it expires at the relay (absent for records older than the outbox).
    pub expires_at: Option<Timestamp>,
    /// Whether `poc sent --resend` can submit it: unfinished, its sealed envelope kept, and
    /// its lifetime not over.
    pub resendable: bool,
}

/// The outbox (`poc sent`): every envelope this PoC sent or began to send, newest first;
/// after `--resend` or `--resend-all`, the records submitted again, in their new state.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SentList {
    /// The records.
    pub records: Vec<SentItem>,
    /// Whether this run submitted `records` again.
    pub resent: bool,
}

fn item(outbox: &Outbox, id: EnvelopeId, now: u64) -> anyhow::Result<SentItem> {
    let record = outbox.record(&id)?;
    let live = record.expires_at.is_some_and(|t| t > now);
    let kept = outbox.envelope(&id).is_ok();
    Ok(SentItem {
        id,
        to: record.to,
        // The record keeps the message's own name (`ping-ack`); JSON carries snake_case.
        kind: record.kind.replace('-', "_"),
        priority: record.priority,
        state: record.state,
        sent_at: record.sent_at.into(),
        expires_at: record.expires_at.map(Timestamp),
        resendable: record.state.unfinished() && live && kept,
    })
}

/// The records of `home`, newest first, after pruning the envelopes that can no longer be
/// sent (see [`Outbox::prune`]).
pub fn list(home: &crate::home::Home, now: u64) -> anyhow::Result<SentList> {
    let outbox = Outbox::new(home);
    outbox.prune(now)?;
    let records = outbox
        .records()?
        .into_iter()
        .map(|(id, _)| item(&outbox, id, now))
        .collect::<anyhow::Result<_>>()?;
    Ok(SentList {
        records,
        resent: false,
    })
}

/// Why a record is not submitted again.
#[derive(Debug, thiserror::Error)]
pub enum ResendError {
    /// Its lifetime at the relay is over.
    #[error("envelope {id} expired at {expires} and can no longer be delivered; `poc thread {id}` shows the message: send it anew with `poc send`")]
    Expired {
        /// The record.
        id: EnvelopeId,
        /// When it expired.
        expires: Timestamp,
    },
}

/// Which records to submit again.
#[derive(Debug, Clone)]
pub enum Resend {
    /// These (ids or unique prefixes).
    Ids(Vec<String>),
    /// Every unfinished record whose lifetime is not over.
    Unfinished,
}

/// Resolves `which` to records at `now`, from the home alone (before the passphrase is
/// asked): an unfinished record whose lifetime is over is refused; a stored one is kept in
/// the list (it is done, [`resend`] leaves it as it is).
pub fn to_resend(
    home: &crate::home::Home,
    now: u64,
    which: &Resend,
) -> anyhow::Result<Vec<EnvelopeId>> {
    let outbox = Outbox::new(home);
    let mut ids = Vec::new();
    match which {
        Resend::Ids(prefixes) => {
            for prefix in prefixes {
                let id = outbox.resolve(prefix)?;
                let record = outbox.record(&id)?;
                if ids.contains(&id) {
                    continue;
                }
                if let Some(expires) = record
                    .expires_at
                    .filter(|t| record.state.unfinished() && *t <= now)
                {
                    return Err(ResendError::Expired {
                        id,
                        expires: expires.into(),
                    }
                    .into());
                }
                ids.push(id);
            }
        }
        Resend::Unfinished => {
            for (id, record) in outbox.records()? {
                let live = record.expires_at.is_none_or(|t| t > now);
                if record.state.unfinished() && live && outbox.envelope(&id).is_ok() {
                    ids.push(id);
                }
            }
        }
    }
    Ok(ids)
}

/// Submits the unfinished records among `ids` again: the same sealed envelopes, so the relay
/// stores each at most once. Returns every record of `ids` in its new state. On a failure
/// the records say how far they went (and the journal of `identity` too).
pub async fn resend(
    identity: &Identity,
    client: &RelayClient<'_>,
    ids: &[EnvelopeId],
) -> anyhow::Result<SentList> {
    let outbox = Outbox::new(&identity.home);
    let mut envelopes = Vec::new();
    for id in ids {
        if outbox.record(id)?.state.unfinished() {
            envelopes.push(outbox.envelope(id)?);
        }
    }
    submit(identity, client, envelopes).await??;
    let now = identity.now();
    let records = ids
        .iter()
        .map(|id| item(&outbox, *id, now))
        .collect::<anyhow::Result<_>>()?;
    Ok(SentList {
        records,
        resent: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_refusals_that_prove_nothing_was_stored_take_a_batch_back_to_prepared() {
        let proof = [
            ErrorCode::Malformed,
            ErrorCode::UnsupportedVersion,
            ErrorCode::UnknownRecipient,
            ErrorCode::TooLarge,
            ErrorCode::Expired,
            ErrorCode::QuotaExceeded,
        ];
        let uncertain = [
            ErrorCode::NotAuthenticated,
            ErrorCode::AuthFailed,
            ErrorCode::NotCustodian,
            ErrorCode::RateLimited,
            ErrorCode::InvalidDirectory,
            ErrorCode::StorageFailure,
            ErrorCode::Unavailable,
        ];
        assert!(proof.into_iter().all(nothing_stored));
        assert!(!uncertain.into_iter().any(nothing_stored));
    }
}
