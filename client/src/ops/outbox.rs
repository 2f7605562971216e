//! Sending through the outbox: every envelope is recorded (`prepared`) before any byte
//! leaves, moved to `submitted` just before it is handed to the relay and to `stored` when
//! the relay answers ([`crate::mailbox::outbox`]). The [`Journal`] holds the envelopes this
//! run recorded, so that an interrupted or failed run can say which were stored, which may
//! have been sent and which were not. `poc sent` lists the records ([`list`]) and submits an
//! unfinished one again ([`resend`]): the same envelope bytes, so the relay keeps one copy.
//!
//! Attachment parts go through the same states. Every part of every recipient is recorded
//! before anything leaves ([`record_parts`], a batch at a time), then the message that
//! announces them; the parts are submitted first, a batch at a time ([`submit_recorded`]),
//! and the message last, so that a reader never gets a message whose parts are still on
//! their way. A message is listed with its parts folded ([`PartsProgress`]), and resending
//! it submits its unfinished parts first, then the message.
//!
//! This module does not print; the CLI reports the journal (`cli::interrupt`).

use std::sync::{Arc, Mutex, MutexGuard};

use poc_proto::limits::MAX_SUBMIT_BATCH;
use poc_proto::{Envelope, EnvelopeId, ErrorCode, Message, PocId};
use schemars::JsonSchema;
use serde::Serialize;

use super::Identity;
use crate::json::Timestamp;
use crate::mailbox::outbox::{Outbox, Preparing, PreparingPart, SendState};
use crate::mailbox::SentRecord;
use crate::transport::relays::Relays;
use crate::transport::TransportError;

/// One envelope this run recorded, in the state last written to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// The envelope id.
    pub id: EnvelopeId,
    /// Its recipient.
    pub to: PocId,
    /// Its state.
    pub state: SendState,
    /// For an attachment part, the message that announces it.
    pub part_of: Option<EnvelopeId>,
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

impl JournalEntry {
    /// The entry of a message just recorded as prepared (none for a message without an
    /// envelope, which is never recorded).
    fn prepared(item: &Preparing<'_>) -> Option<Self> {
        Some(JournalEntry {
            id: item.envelopes.first()?.id,
            to: item.record.to.clone(),
            state: SendState::Prepared,
            part_of: item.record.part_of,
            campaign: item.record.campaign.clone(),
        })
    }
}

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
        entries.extend(items.iter().filter_map(JournalEntry::prepared));
        Ok(())
    }

    /// Records the attachment parts `parts` as prepared, on disk then here.
    fn prepared_parts(&self, identity: &Identity, parts: Vec<PreparingPart>) -> anyhow::Result<()> {
        let new: Vec<JournalEntry> = parts
            .iter()
            .filter_map(|part| {
                Some(JournalEntry {
                    id: part.envelopes.first()?.id,
                    to: part.record.to.clone(),
                    state: SendState::Prepared,
                    part_of: part.record.part_of,
                    campaign: None,
                })
            })
            .collect();
        let mut entries = self.lock();
        Outbox::new(&identity.home).prepare_parts(parts)?;
        entries.extend(new);
        Ok(())
    }

    /// Records a batch of `items` as prepared with one sync, on disk then here, as envelopes
    /// of the campaign their records name.
    fn prepared_batch(&self, identity: &Identity, items: &[Preparing<'_>]) -> anyhow::Result<()> {
        let mut entries = self.lock();
        Outbox::new(&identity.home).prepare_batch(&identity.key, items)?;
        entries.extend(items.iter().filter_map(JournalEntry::prepared));
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
                None => {
                    let record = outbox.record(id)?;
                    entries.push(JournalEntry {
                        id: *id,
                        to: record.to,
                        state,
                        part_of: record.part_of,
                        campaign: record.campaign,
                    })
                }
            }
        }
        Ok(())
    }
}

/// Records `items` as prepared (envelope, own copy, record, synced) before anything is sent.
pub fn record(identity: &Identity, items: &[Preparing<'_>]) -> anyhow::Result<()> {
    identity.journal.prepared(identity, items)
}

/// Records a batch of attachment parts as prepared (sealed part and record, synced) before
/// anything of the send leaves.
pub fn record_parts(identity: &Identity, parts: Vec<PreparingPart>) -> anyhow::Result<()> {
    identity.journal.prepared_parts(identity, parts)
}

/// Records a batch of `items` (thousands: a ping campaign, directory notices) as prepared,
/// made durable with one sync, before anything is sent (a ping's record names its campaign:
/// [`preparing`]). Submit them with [`super::deliver::deliver_all`].
pub fn record_batch(identity: &Identity, items: &[Preparing<'_>]) -> anyhow::Result<()> {
    identity.journal.prepared_batch(identity, items)
}

/// What records `envelopes` (one per member of `to`, all with one id), carrying `message` to
/// `to`, in the outbox, as a ping of `campaign` if given. None for no envelope.
pub fn preparing<'a>(
    envelopes: &'a [Envelope],
    message: &'a Message,
    to: &PocId,
    campaign: Option<&str>,
) -> Option<Preparing<'a>> {
    let first = envelopes.first()?;
    Some(Preparing {
        envelopes,
        message,
        record: SentRecord {
            to: to.clone(),
            kind: message.kind.name().into(),
            priority: first.priority.to_string(),
            sent_at: message.sent_at,
            state: SendState::Prepared,
            expires_at: Some(first.expires_at),
            part_of: None,
            campaign: campaign.map(str::to_owned),
        },
    })
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

/// Most payload bytes in one Submit request this client makes: well below the frame limit,
/// so a batch of large attachment parts still fits in one request.
const SUBMIT_BATCH_BYTES: usize = poc_proto::limits::MAX_FRAME_BYTES / 5 * 4;

/// Groups messages (each its envelopes, one per member of the recipient PoC) into Submit
/// batches of at most [`MAX_SUBMIT_BATCH`] envelopes and [`SUBMIT_BATCH_BYTES`] of payload,
/// never splitting a message: its record moves as one.
fn batches(messages: Vec<Vec<Envelope>>) -> Vec<Vec<Vec<Envelope>>> {
    let mut out: Vec<Vec<Vec<Envelope>>> = Vec::new();
    let (mut count, mut bytes) = (0, 0);
    for message in messages {
        let (n, b) = (
            message.len(),
            message.iter().map(|e| e.payload.len()).sum::<usize>(),
        );
        let fits = count + n <= MAX_SUBMIT_BATCH && bytes + b <= SUBMIT_BATCH_BYTES;
        match out.last_mut() {
            Some(batch) if fits => batch.push(message),
            _ => {
                out.push(vec![message]);
                (count, bytes) = (0, 0);
            }
        }
        count += n;
        bytes += b;
    }
    out
}

/// Submits recorded messages (each its envelopes, one per member of the recipient PoC, all
/// with the message's id), a batch at a time: each batch is marked submitted, handed to the
/// relay, and marked stored once the relay has it on disk (duplicates included: the relay
/// already had them). A refusal that proves nothing of the batch is stored
/// ([`nothing_stored`]) takes it back to prepared; any other failure leaves it submitted (it
/// may have been stored). The error is returned as the transport gave it. `progress` gets
/// the number of messages of each batch the relay stored.
pub async fn submit(
    identity: &Identity,
    client: &Relays,
    messages: Vec<Vec<Envelope>>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> anyhow::Result<Result<(), TransportError>> {
    let journal = &identity.journal;
    for batch in batches(messages) {
        let ids: Vec<EnvelopeId> = batch.iter().filter_map(|m| Some(m.first()?.id)).collect();
        journal.set(identity, &ids, SendState::Submitted)?;
        match client.submit(batch.into_iter().flatten().collect()).await {
            Ok(_) => {
                journal.set(identity, &ids, SendState::Stored)?;
                progress(ids.len());
            }
            Err(TransportError::Refused(refusal)) if nothing_stored(refusal.code) => {
                journal.set(identity, &ids, SendState::Prepared)?;
                return Ok(Err(TransportError::Refused(refusal)));
            }
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(()))
}

/// Leaves the copies sealed to `mailbox` out of the unfinished records `ids` (those whose
/// sealed envelopes are still kept), so that they are submitted without them: used when a
/// co-member's mailbox is full, whose copy of the team's history is not worth holding back
/// the message to its recipient.
pub fn leave_out(
    identity: &Identity,
    ids: &[EnvelopeId],
    mailbox: &poc_proto::MailboxId,
) -> anyhow::Result<()> {
    let outbox = Outbox::new(&identity.home);
    for id in ids {
        if outbox.has_envelope(id) {
            outbox.without_mailbox(id, mailbox)?;
        }
    }
    Ok(())
}

/// Submits recorded messages read back from the outbox, `per_batch` at a time (so that one
/// batch is held in memory), each batch through [`submit`]; `progress` gets the number of
/// messages of each batch the relay stored, as soon as it stored them. Stops at the first
/// failure, returned as the transport gave it.
pub async fn submit_recorded(
    identity: &Identity,
    client: &Relays,
    ids: &[EnvelopeId],
    per_batch: usize,
    progress: &mut (dyn FnMut(usize) + Send),
) -> anyhow::Result<Result<(), TransportError>> {
    let outbox = Outbox::new(&identity.home);
    for batch in ids.chunks(per_batch.max(1)) {
        let messages = batch
            .iter()
            .map(|id| outbox.envelopes(id))
            .collect::<anyhow::Result<Vec<_>>>()?;
        if let Err(e) = submit(identity, client, messages, progress).await? {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

/// How far the attachment parts of one message went, by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PartsProgress {
    /// Parts in all.
    pub total: u64,
    /// Parts the relay stored.
    pub stored: u64,
    /// Parts handed to the relay without an answer: they may have been stored.
    pub submitted: u64,
    /// Parts recorded and not sent.
    pub prepared: u64,
}

impl PartsProgress {
    /// Counts `states`.
    pub fn of(states: impl IntoIterator<Item = SendState>) -> Self {
        let mut out = PartsProgress::default();
        for state in states {
            out.total += 1;
            match state {
                SendState::Stored => out.stored += 1,
                SendState::Submitted => out.submitted += 1,
                SendState::Prepared => out.prepared += 1,
            }
        }
        out
    }

    /// The same with one more part in `state`.
    pub fn with(self, state: SendState) -> Self {
        let one = PartsProgress::of([state]);
        PartsProgress {
            total: self.total + one.total,
            stored: self.stored + one.stored,
            submitted: self.submitted + one.submitted,
            prepared: self.prepared + one.prepared,
        }
    }

    /// Whether a part is not stored yet.
    pub fn unfinished(&self) -> bool {
        self.stored < self.total
    }
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
    /// Whether `poc sent --resend` can submit it: it or one of its parts unfinished, their
    /// sealed envelopes kept, and its lifetime not over.
    pub resendable: bool,
    /// For a message with files carried in parts: how far its parts went (null for a
    /// message without).
    pub parts: Option<PartsProgress>,
}

impl SentItem {
    /// Whether the message or one of its parts is not stored yet.
    pub fn unfinished(&self) -> bool {
        self.state.unfinished() || self.parts.is_some_and(|p| p.unfinished())
    }
}

/// The outbox (`poc sent`): every message this PoC sent or began to send (one per
/// recipient, the attachment parts of each counted in its `parts`), newest first;
/// after `--resend` or `--resend-all`, the records submitted again, in their new state.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SentList {
    /// The records.
    pub records: Vec<SentItem>,
    /// Whether this run submitted `records` again.
    pub resent: bool,
}

/// The outbox's records, messages apart from parts: each message (newest first) with the
/// records of its parts. Parts whose message has no record are left out (see
/// [`crate::mailbox::outbox`]).
type Grouped = Vec<(EnvelopeId, SentRecord, Vec<(EnvelopeId, SentRecord)>)>;

fn grouped(outbox: &Outbox) -> anyhow::Result<Grouped> {
    let all = outbox.records()?;
    let mut parts: std::collections::HashMap<EnvelopeId, Vec<(EnvelopeId, SentRecord)>> =
        std::collections::HashMap::new();
    let mut messages = Vec::new();
    for (id, record) in all {
        match record.part_of {
            Some(message) => parts.entry(message).or_default().push((id, record)),
            None => messages.push((id, record)),
        }
    }
    Ok(messages
        .into_iter()
        .map(|(id, record)| {
            let mine = parts.remove(&id).unwrap_or_default();
            (id, record, mine)
        })
        .collect())
}

/// The item of message `id` with the records of its `parts`.
fn item(
    outbox: &Outbox,
    id: EnvelopeId,
    record: SentRecord,
    parts: &[(EnvelopeId, SentRecord)],
    now: u64,
) -> SentItem {
    let live = record.expires_at.is_some_and(|t| t > now);
    let kept = (!record.state.unfinished() || outbox.has_envelope(&id))
        && parts
            .iter()
            .all(|(p, r)| !r.state.unfinished() || outbox.has_envelope(p));
    let progress =
        (!parts.is_empty()).then(|| PartsProgress::of(parts.iter().map(|(_, r)| r.state)));
    let unfinished = record.state.unfinished() || progress.is_some_and(|p| p.unfinished());
    SentItem {
        id,
        to: record.to,
        // The record keeps the message's own name (`ping-ack`); JSON carries snake_case.
        kind: record.kind.replace('-', "_"),
        priority: record.priority,
        state: record.state,
        sent_at: record.sent_at.into(),
        expires_at: record.expires_at.map(Timestamp),
        resendable: unfinished && live && kept,
        parts: progress,
    }
}

/// The records of `home`, newest first, after pruning the envelopes that can no longer be
/// sent (see [`Outbox::prune`]).
pub fn list(home: &crate::home::Home, now: u64) -> anyhow::Result<SentList> {
    let outbox = Outbox::new(home);
    outbox.prune(now)?;
    let records = grouped(&outbox)?
        .into_iter()
        .map(|(id, record, parts)| item(&outbox, id, record, &parts, now))
        .collect();
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

/// Resolves `which` to messages at `now`, from the home alone (before the passphrase is
/// asked): an id (or prefix) of an attachment part stands for its message; a message that
/// is unfinished (it or one of its parts) and whose lifetime is over is refused; a stored
/// one is kept in the list (it is done, [`resend`] leaves it as it is).
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
                let mut id = outbox.resolve(prefix)?;
                let mut record = outbox.record(&id)?;
                if let Some(message) = record.part_of {
                    id = message;
                    record = outbox.record(&id)?;
                }
                if ids.contains(&id) {
                    continue;
                }
                let unfinished = record.state.unfinished()
                    || outbox
                        .parts_of(&id)?
                        .iter()
                        .any(|(_, r)| r.state.unfinished());
                if let Some(expires) = record.expires_at.filter(|t| unfinished && *t <= now) {
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
            for (id, record, parts) in grouped(&outbox)? {
                let live = record.expires_at.is_none_or(|t| t > now);
                let message = record.state.unfinished() && outbox.envelopes(&id).is_ok();
                let unfinished_parts: Vec<&EnvelopeId> = parts
                    .iter()
                    .filter(|(_, r)| r.state.unfinished())
                    .map(|(p, _)| p)
                    .collect();
                let parts_kept = unfinished_parts.iter().all(|p| outbox.has_envelope(p));
                let message_kept = !record.state.unfinished() || message;
                if live
                    && (record.state.unfinished() || !unfinished_parts.is_empty())
                    && message_kept
                    && parts_kept
                {
                    ids.push(id);
                }
            }
        }
    }
    Ok(ids)
}

/// Submits the unfinished envelopes of the messages `ids` again: first the unfinished parts
/// of each (a batch at a time, `progress` getting parts done and parts to send), then the
/// unfinished messages; the same sealed envelopes, so the relay stores each at most once.
/// Returns every message of `ids` in its new state. On a failure the records say how far
/// they went (and the journal of `identity` too).
pub async fn resend(
    identity: &Identity,
    client: &Relays,
    ids: &[EnvelopeId],
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<SentList> {
    let outbox = Outbox::new(&identity.home);
    let mut envelopes = Vec::new();
    let mut parts = Vec::new();
    for id in ids {
        parts.extend(
            outbox
                .parts_of(id)?
                .into_iter()
                .filter(|(_, r)| r.state.unfinished())
                .map(|(p, _)| p),
        );
        if outbox.record(id)?.state.unfinished() {
            envelopes.push(outbox.envelopes(id)?);
        }
    }
    let total = parts.len();
    let mut done = 0;
    if total > 0 {
        progress(done, total);
    }
    let per_batch = super::chunks::PARTS_PER_BATCH;
    submit_recorded(identity, client, &parts, per_batch, &mut |n| {
        done += n;
        progress(done, total);
    })
    .await??;
    submit(identity, client, envelopes, &mut |_| {}).await??;
    let now = identity.now();
    let records = ids
        .iter()
        .map(|id| {
            let record = outbox.record(id)?;
            Ok(item(&outbox, *id, record, &outbox.parts_of(id)?, now))
        })
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

    mod grouping {
        use super::super::*;
        use crate::home::Home;
        use crate::mailbox::outbox::PreparingPart;
        use poc_keys::{seal, PocKey, RoutingHeader};
        use poc_proto::{encode, Message, MessageKind, Priority, TextMessage, Tlp};

        use SendState::{Prepared, Stored, Submitted};

        struct Fixture {
            _dir: tempfile::TempDir,
            home: Home,
            outbox: Outbox,
            key: PocKey,
        }

        fn fixture() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let home = Home::new(dir.path());
            Fixture {
                outbox: Outbox::new(&home),
                home,
                key: PocKey::generate(),
                _dir: dir,
            }
        }

        fn record(part_of: Option<EnvelopeId>) -> SentRecord {
            SentRecord {
                to: "MEX.technical".parse().unwrap(),
                kind: if part_of.is_some() {
                    "attachment-part"
                } else {
                    "text"
                }
                .into(),
                priority: "high".into(),
                sent_at: 1_000,
                state: Prepared,
                expires_at: None,
                part_of,
                campaign: None,
            }
        }

        fn envelope(f: &Fixture, id: EnvelopeId, message: &Message) -> Envelope {
            let recipient = PocKey::generate();
            let header = RoutingHeader {
                id,
                to: recipient.public().mailbox(),
                priority: Priority::High,
                expires_at: 2_000,
            };
            seal(
                &f.key,
                &recipient.public().encryption,
                header,
                &encode(message).unwrap(),
            )
            .unwrap()
        }

        /// Records message `n` with `parts` parts (ids `[0x80 | i, n, ...]`), parts first.
        fn send(f: &Fixture, n: u8, parts: u8) -> (EnvelopeId, Vec<EnvelopeId>) {
            let message = Message {
                from: "FRA.technical".parse().unwrap(),
                to: "MEX.technical".parse().unwrap(),
                sent_at: 1_000,
                thread: None,
                language: "en".into(),
                tlp: Tlp::Amber,
                exercise: false,
                kind: MessageKind::Text(TextMessage {
                    subject: None,
                    text: format!("message {n}"),
                }),
                attachments: vec![],
            };
            let id = EnvelopeId([n; 16]);
            let mut ids = Vec::new();
            let mut batch = Vec::new();
            for i in 1..=parts {
                let mut part = [n; 16];
                part[0] = 0x80 | i;
                let part = EnvelopeId(part);
                ids.push(part);
                batch.push(PreparingPart {
                    envelopes: vec![envelope(f, part, &message)],
                    record: record(Some(id)),
                });
            }
            f.outbox.prepare_parts(batch).unwrap();
            let sealed = envelope(f, id, &message);
            f.outbox
                .prepare(
                    &f.key,
                    &[Preparing {
                        envelopes: std::slice::from_ref(&sealed),
                        message: &message,
                        record: record(None),
                    }],
                )
                .unwrap();
            (id, ids)
        }

        fn to(f: &Fixture, ids: &[EnvelopeId], state: SendState) {
            if state == Stored {
                f.outbox.set_state(ids, Submitted).unwrap();
            }
            f.outbox.set_state(ids, state).unwrap();
        }

        #[test]
        fn a_message_is_listed_once_with_its_parts_counted_by_state() {
            let f = fixture();
            let (id, parts) = send(&f, 1, 10);
            let (plain, _) = send(&f, 2, 0);
            to(&f, &parts[..3], Stored);
            to(&f, &parts[3..5], Submitted);
            let list = list(&f.home, 1_500).unwrap();
            assert_eq!(list.records.len(), 2, "{:?}", list.records);
            let item = list.records.iter().find(|r| r.id == id).unwrap();
            assert_eq!(item.state, Prepared);
            assert_eq!(
                item.parts,
                Some(PartsProgress {
                    total: 10,
                    stored: 3,
                    submitted: 2,
                    prepared: 5
                })
            );
            assert!(item.resendable && item.unfinished());
            let other = list.records.iter().find(|r| r.id == plain).unwrap();
            assert_eq!(other.parts, None);
            // A message stored before its parts are is still unfinished, and offered again.
            to(&f, &[id], Stored);
            let list = super::super::list(&f.home, 1_500).unwrap();
            let item = list.records.iter().find(|r| r.id == id).unwrap();
            assert!(item.unfinished() && item.resendable, "{item:?}");
            // Once every part is stored too, it is done.
            to(&f, &parts[3..5], Stored);
            to(&f, &parts[5..], Stored);
            let list = super::super::list(&f.home, 1_500).unwrap();
            let item = list.records.iter().find(|r| r.id == id).unwrap();
            assert!(!item.unfinished() && !item.resendable, "{item:?}");
            assert_eq!(item.parts.unwrap().stored, 10);
        }

        #[test]
        fn resending_a_part_resends_its_message_and_resend_all_finishes_unfinished_parts() {
            let f = fixture();
            let (a, a_parts) = send(&f, 1, 3);
            let (b, b_parts) = send(&f, 2, 2);
            let (c, _) = send(&f, 3, 0);
            to(&f, &[a], Stored);
            to(&f, &a_parts[..2], Stored);
            to(&f, &[b], Stored);
            to(&f, &b_parts, Stored);
            to(&f, &[c], Stored);
            // A part's id (or a prefix of it) stands for its message.
            let part = a_parts[2].to_string();
            let ids = to_resend(&f.home, 1_500, &Resend::Ids(vec![part[..8].into()])).unwrap();
            assert_eq!(ids, vec![a]);
            // Only the message with a part left is unfinished.
            assert_eq!(
                to_resend(&f.home, 1_500, &Resend::Unfinished).unwrap(),
                vec![a]
            );
            // Its lifetime over: refused by id, left out of everything unfinished.
            let expired = to_resend(&f.home, 2_500, &Resend::Ids(vec![a.to_string()]));
            assert!(expired.is_err());
            assert!(to_resend(&f.home, 2_500, &Resend::Unfinished)
                .unwrap()
                .is_empty());
        }

        #[test]
        fn parts_whose_message_was_never_recorded_are_neither_listed_nor_resent() {
            let f = fixture();
            let orphan = EnvelopeId([7; 16]);
            let message = Message {
                from: "FRA.technical".parse().unwrap(),
                to: "MEX.technical".parse().unwrap(),
                sent_at: 1_000,
                thread: None,
                language: "en".into(),
                tlp: Tlp::Amber,
                exercise: false,
                kind: MessageKind::Text(TextMessage::default()),
                attachments: vec![],
            };
            f.outbox
                .prepare_parts(vec![PreparingPart {
                    envelopes: vec![envelope(&f, EnvelopeId([8; 16]), &message)],
                    record: record(Some(orphan)),
                }])
                .unwrap();
            assert!(list(&f.home, 1_500).unwrap().records.is_empty());
            assert!(to_resend(&f.home, 1_500, &Resend::Unfinished)
                .unwrap()
                .is_empty());
            // A part must name its message.
            let refused = f.outbox.prepare_parts(vec![PreparingPart {
                envelopes: vec![envelope(&f, EnvelopeId([9; 16]), &message)],
                record: record(None),
            }]);
            assert!(refused.is_err());
        }
    }
}
