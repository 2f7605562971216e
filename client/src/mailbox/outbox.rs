//! The outbox: the record of every envelope this PoC sends, written durably before any byte
//! of it leaves the machine, and the state each record is in.
//!
//! ```text
//! sent/<id>.env    the sealed envelope exactly as submitted (kept until the relay stored it
//!                  or its lifetime ended), so that a resend submits the same bytes
//! sent/<id>.age    the sender's own copy of the message, encrypted to its own key
//! sent/<id>.toml   the record ([`SentRecord`]): recipient, type, priority, time, state
//! ```
//!
//! States ([`SendState`]): `prepared` (recorded, nothing sent), `submitted` (handed to the
//! relay, no answer yet: it may have been stored), `stored` (the relay said it has it on
//! disk). A refusal from the relay (it stored nothing of the batch) takes a record back to
//! `prepared`. The record's file is written last and replaced atomically, so after a crash
//! a record is whole and in the last state written; a record left `submitted` may or may not
//! be at the relay, and submitting its envelope again is safe: the relay keeps one copy per
//! envelope id.
//!
//! An attachment part ([`poc_proto::AttachmentPart`]) is an envelope like any other: its
//! sealed envelope and its record, whose `part_of` names the message that announces it, go
//! through the same states. It has no own copy (the message's own copy announces the file,
//! its size and hashes). Parts are recorded a batch at a time ([`Outbox::prepare_parts`]:
//! one write of the batch, one sync of the folder), before the message that announces them,
//! so that a message on record always has all its parts on record. Parts whose message has
//! no record (a crash while recording, before anything was sent) are not listed nor sent;
//! their sealed envelopes go when their lifetime ends ([`Outbox::prune`]), like any other.
//!
//! Records and own copies are kept like the sent copies always were (they match receipts and
//! make up `poc thread`); only the sealed envelopes are pruned ([`Outbox::prune`]). This
//! module stores and reads; it does not talk to the relay (see `ops::outbox`).

use std::path::PathBuf;

use anyhow::Context;
use poc_keys::PocKey;
use poc_proto::{decode, encode, Envelope, EnvelopeId, Message};
use serde::{Deserialize, Serialize};

use super::SentRecord;
use crate::error::Failure;
use crate::home::{write_files, write_files_batch, Home};

/// How far the send of one envelope went.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SendState {
    /// Recorded with its sealed envelope; nothing was sent.
    Prepared,
    /// Handed to the relay without an answer yet: it may have been stored.
    Submitted,
    /// The relay stored it on disk.
    Stored,
}

impl SendState {
    /// The state of records written before the outbox existed.
    pub fn stored() -> Self {
        SendState::Stored
    }

    /// Whether a record in this state may be submitted (again).
    pub fn unfinished(self) -> bool {
        self != SendState::Stored
    }

    /// Whether a record may go from `self` to `next`: prepared and submitted records are
    /// submitted (again); a submitted one becomes stored when the relay answers, or prepared
    /// again when the relay refused it; a stored record is final.
    pub fn can_become(self, next: SendState) -> bool {
        use SendState::{Prepared, Stored, Submitted};
        matches!(
            (self, next),
            (Prepared | Submitted, Submitted) | (Submitted, Stored | Prepared)
        )
    }

    /// Canonical name, as in JSON and `sent/<id>.toml`.
    pub fn name(self) -> &'static str {
        match self {
            SendState::Prepared => "prepared",
            SendState::Submitted => "submitted",
            SendState::Stored => "stored",
        }
    }
}

/// What the outbox refuses.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    /// No record starts with this prefix.
    #[error("no envelope {0} in the outbox (see `poc sent`)")]
    NotFound(String),
    /// Several do.
    #[error("`{0}` matches several envelopes of the outbox; give more characters")]
    Ambiguous(String),
    /// A step the state machine does not allow.
    #[error("envelope {id} is {from}; it cannot become {to}")]
    Transition {
        /// The record.
        id: EnvelopeId,
        /// Its state.
        from: &'static str,
        /// The state asked for.
        to: &'static str,
    },
    /// The sealed envelope of an unfinished record is gone (its lifetime ended and it was
    /// pruned, or the file was removed).
    #[error("the sealed envelope {0} is no longer in the outbox, so it cannot be sent again; `poc thread {0}` shows the message: send it anew with `poc send`")]
    NoEnvelope(EnvelopeId),
}

/// One message to record before it is submitted.
#[derive(Debug)]
pub struct Preparing<'a> {
    /// Its sealed envelopes, as they will be submitted: one per member of the recipient PoC,
    /// all with the same id (the message's), each to its member's mailbox. At least one.
    pub envelopes: &'a [Envelope],
    /// The message it carries (kept encrypted to the sender's own key).
    pub message: &'a Message,
    /// Recipient, type, priority and time (its state is set to prepared).
    pub record: SentRecord,
}

/// One attachment part to record before it is submitted: its sealed envelopes and its record
/// (whose `part_of` names the message that announces it). It has no own copy.
#[derive(Debug)]
pub struct PreparingPart {
    /// The sealed part, as it will be submitted: one envelope per member of the recipient
    /// PoC, all with the same id. At least one.
    pub envelopes: Vec<Envelope>,
    /// Recipient, type, priority, time and message (its state is set to prepared).
    pub record: SentRecord,
}

/// The outbox of a home (`sent/`).
#[derive(Debug, Clone)]
pub struct Outbox {
    home: Home,
}

impl Outbox {
    /// The outbox of `home`.
    pub fn new(home: &Home) -> Self {
        Outbox { home: home.clone() }
    }

    fn dir(&self) -> anyhow::Result<PathBuf> {
        self.home.ensure_dir("sent")
    }

    /// Records `items` as prepared: for each, the sealed envelope and the own copy (encrypted
    /// to `key`), then the record, all synced to disk before this returns.
    pub fn prepare(&self, key: &PocKey, items: &[Preparing<'_>]) -> anyhow::Result<()> {
        write_files(&self.dir()?, &prepared_files(key, items)?)
    }

    /// [`Outbox::prepare`] for a batch of thousands (a ping campaign): the same files, made
    /// durable with one sync for the batch rather than one per file
    /// ([`crate::home::write_files_batch`]).
    pub fn prepare_batch(&self, key: &PocKey, items: &[Preparing<'_>]) -> anyhow::Result<()> {
        write_files_batch(&self.dir()?, &prepared_files(key, items)?)
    }

    /// Records a batch of attachment parts as prepared: each sealed part, then each record,
    /// written in one [`write_files`] (every file synced, the folder synced once for the
    /// batch). The caller seals one batch at a time, so that about one batch of parts is held
    /// in memory, however large the file.
    pub fn prepare_parts(&self, parts: Vec<PreparingPart>) -> anyhow::Result<()> {
        let dir = self.dir()?;
        let mut files = Vec::with_capacity(parts.len() * 2);
        let mut records = Vec::with_capacity(parts.len());
        for part in parts {
            let (id, expires_at) = first_of(&part.envelopes)?;
            anyhow::ensure!(
                part.record.part_of.is_some(),
                "the record of part {id} names no message"
            );
            let record = SentRecord {
                state: SendState::Prepared,
                expires_at: Some(expires_at),
                ..part.record
            };
            files.push(envelope_file(&part.envelopes)?);
            records.push((format!("{id}.toml"), encode_record(&record)?));
        }
        // Renamed in order: a record appears only once its envelope is in place.
        files.extend(records);
        write_files(&dir, &files)
    }

    /// The records of the attachment parts of `message`, by id.
    pub fn parts_of(&self, message: &EnvelopeId) -> anyhow::Result<Vec<(EnvelopeId, SentRecord)>> {
        Ok(self
            .records()?
            .into_iter()
            .filter(|(_, r)| r.part_of.as_ref() == Some(message))
            .collect())
    }

    /// Moves the records `ids` to `state`, durably; refuses a step [`SendState::can_become`]
    /// does not allow (and then changes nothing). A stored record's sealed envelope is
    /// removed: it is never submitted again.
    pub fn set_state(&self, ids: &[EnvelopeId], state: SendState) -> anyhow::Result<()> {
        self.move_to(ids, state, write_files)
    }

    /// [`Outbox::set_state`] for a batch of thousands: one sync for the batch rather than one
    /// per record ([`crate::home::write_files_batch`]).
    pub fn set_state_batch(&self, ids: &[EnvelopeId], state: SendState) -> anyhow::Result<()> {
        self.move_to(ids, state, write_files_batch)
    }

    fn move_to(
        &self,
        ids: &[EnvelopeId],
        state: SendState,
        write: WriteFiles,
    ) -> anyhow::Result<()> {
        let dir = self.dir()?;
        let mut files = Vec::with_capacity(ids.len());
        for id in ids {
            let mut record = self.record(id)?;
            if !record.state.can_become(state) {
                return Err(OutboxError::Transition {
                    id: *id,
                    from: record.state.name(),
                    to: state.name(),
                }
                .into());
            }
            record.state = state;
            files.push((format!("{id}.toml"), encode_record(&record)?));
        }
        write(&dir, &files)?;
        if state == SendState::Stored {
            for id in ids {
                remove_envelopes(&dir, id)?;
            }
        }
        Ok(())
    }

    /// The record of `id`.
    pub fn record(&self, id: &EnvelopeId) -> anyhow::Result<SentRecord> {
        let path = self.home.path("sent").join(format!("{id}.toml"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("{} is damaged", path.display()))
    }

    /// The sealed envelopes of an unfinished record (one per member of the recipient PoC),
    /// exactly as first submitted.
    pub fn envelopes(&self, id: &EnvelopeId) -> anyhow::Result<Vec<Envelope>> {
        let dir = self.home.path("sent");
        let (path, several) = match dir.join(format!("{id}.{SEVERAL}")) {
            path if path.exists() => (path, true),
            _ => (dir.join(format!("{id}.{ONE}")), false),
        };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(OutboxError::NoEnvelope(*id).into())
            }
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let damaged = || format!("{} is damaged", path.display());
        let envelopes: Vec<Envelope> = if several {
            decode(&bytes).with_context(damaged)?
        } else {
            vec![decode(&bytes).with_context(damaged)?]
        };
        anyhow::ensure!(!envelopes.is_empty(), "{} is damaged", path.display());
        if let Some(other) = envelopes.iter().find(|e| e.id != *id) {
            anyhow::bail!("{} holds another envelope ({})", path.display(), other.id);
        }
        Ok(envelopes)
    }

    /// Removes from the sealed envelopes of `id` the ones to `mailbox`, durably; the last
    /// envelope of a record is never removed (a record keeps at least its recipient's).
    /// Returns whether one was removed.
    pub fn without_mailbox(
        &self,
        id: &EnvelopeId,
        mailbox: &poc_proto::MailboxId,
    ) -> anyhow::Result<bool> {
        let envelopes = self.envelopes(id)?;
        let kept: Vec<Envelope> = envelopes
            .iter()
            .filter(|e| e.to != *mailbox)
            .cloned()
            .collect();
        if kept.is_empty() || kept.len() == envelopes.len() {
            return Ok(false);
        }
        let dir = self.dir()?;
        let (name, bytes) = envelope_file(&kept)?;
        write_files(&dir, &[(name.clone(), bytes)])?;
        // The file of the other form goes once the new one is in place (a crash between
        // leaves the old list, which is still whole).
        for old in [format!("{id}.{ONE}"), format!("{id}.{SEVERAL}")] {
            if old != name {
                remove(&dir.join(old))?;
            }
        }
        Ok(true)
    }

    /// Whether the sealed envelopes of `id` are kept (without reading them).
    pub fn has_envelope(&self, id: &EnvelopeId) -> bool {
        let dir = self.home.path("sent");
        dir.join(format!("{id}.{ONE}")).exists() || dir.join(format!("{id}.{SEVERAL}")).exists()
    }

    /// Every record, newest first (then by id). A record that does not read is skipped
    /// with a warning in the log.
    pub fn records(&self) -> anyhow::Result<Vec<(EnvelopeId, SentRecord)>> {
        let mut all = Vec::new();
        for id in super::Mailbox::new(&self.home).sent_ids()? {
            match self.record(&id) {
                Ok(record) => all.push((id, record)),
                Err(e) => tracing::warn!("skipping a record of the outbox: {e:#}"),
            }
        }
        all.sort_by(|(a, ra), (b, rb)| rb.sent_at.cmp(&ra.sent_at).then(a.cmp(b)));
        Ok(all)
    }

    /// Resolves a full id or a unique prefix of one among the records.
    pub fn resolve(&self, prefix: &str) -> anyhow::Result<EnvelopeId> {
        let prefix = prefix.trim().to_ascii_lowercase();
        let matches: Vec<EnvelopeId> = super::Mailbox::new(&self.home)
            .sent_ids()?
            .into_iter()
            .filter(|id| !prefix.is_empty() && id.to_string().starts_with(&prefix))
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(Failure::not_found(OutboxError::NotFound(prefix)).into()),
            _ => Err(Failure::not_found(OutboxError::Ambiguous(prefix)).into()),
        }
    }

    /// Removes the sealed envelopes that can never be submitted again: those of stored
    /// records, of records whose lifetime ended by `now`, and those without a record (a
    /// crash while recording, before anything was sent) once their own lifetime ended.
    /// Returns how many went.
    ///
    /// Safe while another process sends from the same home: every file appears whole (it
    /// is renamed into place), a record in a final state (stored, or its lifetime over)
    /// never becomes unfinished again, and an envelope without a record may be one that
    /// [`Outbox::prepare`] is recording right now (its record is renamed in last), so it
    /// is kept for as long as it could be sent.
    pub fn prune(&self, now: u64) -> anyhow::Result<usize> {
        let dir = self.home.path("sent");
        let mailbox = super::Mailbox::new(&self.home);
        let mut removed = 0;
        let mut ids = mailbox.ids_in("sent", ".env")?;
        ids.extend(mailbox.ids_in("sent", ".envs")?);
        for id in ids {
            let keep = match self.record(&id) {
                Ok(record) => {
                    record.state.unfinished() && record.expires_at.is_none_or(|t| t > now)
                }
                Err(_) if dir.join(format!("{id}.toml")).exists() => true,
                Err(_) => match self.envelopes(&id) {
                    Ok(envelopes) => envelopes.iter().any(|e| e.expires_at > now),
                    // Gone meanwhile, or damaged: nothing to keep.
                    Err(_) => false,
                },
            };
            if !keep {
                remove_envelopes(&dir, &id)?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// The files that record `items` as prepared: each sealed envelope and own copy (encrypted to
/// `key`), then the records, in the order they are to be renamed into place.
fn prepared_files(key: &PocKey, items: &[Preparing<'_>]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let own = key.public().encryption;
    let mut files = Vec::with_capacity(items.len() * 3);
    let mut records = Vec::with_capacity(items.len());
    for item in items {
        let (id, expires_at) = first_of(item.envelopes)?;
        let copy = encode(item.message).context("encoding the sent message")?;
        files.push(envelope_file(item.envelopes)?);
        files.push((
            format!("{id}.age"),
            poc_keys::seal::encrypt_to(&own, &copy)?,
        ));
        let record = SentRecord {
            state: SendState::Prepared,
            expires_at: Some(expires_at),
            ..item.record.clone()
        };
        records.push((format!("{id}.toml"), encode_record(&record)?));
    }
    // Renamed in order: a record appears only once its envelope and copy are in place.
    files.extend(records);
    Ok(files)
}

/// The file suffix of the sealed envelope of a message to a PoC with one member: the
/// envelope's encoding (the format of every outbox before PoCs had members).
const ONE: &str = "env";

/// The file suffix of the sealed envelopes of a message to a PoC with several members: the
/// encoding of the list of envelopes, one per member.
const SEVERAL: &str = "envs";

/// The id and lifetime of a message's envelopes, which must be at least one and share both.
fn first_of(envelopes: &[Envelope]) -> anyhow::Result<(EnvelopeId, u64)> {
    let first = envelopes
        .first()
        .context("a message to record has no envelope")?;
    anyhow::ensure!(
        envelopes
            .iter()
            .all(|e| e.id == first.id && e.expires_at == first.expires_at),
        "the envelopes of message {} differ in id or lifetime",
        first.id
    );
    Ok((first.id, first.expires_at))
}

/// The file holding a message's sealed envelopes: `ID.env` for one, `ID.envs` for several.
fn envelope_file(envelopes: &[Envelope]) -> anyhow::Result<(String, Vec<u8>)> {
    let (id, _) = first_of(envelopes)?;
    Ok(match envelopes {
        [one] => (
            format!("{id}.{ONE}"),
            encode(one).context("encoding the envelope")?,
        ),
        several => (
            format!("{id}.{SEVERAL}"),
            encode(&several.to_vec()).context("encoding the envelopes")?,
        ),
    })
}

/// Removes the sealed envelopes of `id`, in either file.
fn remove_envelopes(dir: &std::path::Path, id: &EnvelopeId) -> anyhow::Result<()> {
    remove(&dir.join(format!("{id}.{ONE}")))?;
    remove(&dir.join(format!("{id}.{SEVERAL}")))
}

/// [`write_files`] or [`write_files_batch`].
type WriteFiles = fn(&std::path::Path, &[(String, Vec<u8>)]) -> anyhow::Result<()>;

fn encode_record(record: &SentRecord) -> anyhow::Result<Vec<u8>> {
    Ok(toml::to_string(record)
        .context("encoding the sent record")?
        .into_bytes())
}

/// Removes a file; one already gone is not an error.
fn remove(path: &std::path::Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("removing {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_keys::{seal, RoutingHeader};
    use poc_proto::{MessageKind, PocId, Priority, TextMessage, Tlp};

    use SendState::{Prepared, Stored, Submitted};

    #[test]
    fn the_state_machine_allows_only_the_steps_of_a_send() {
        let all = [Prepared, Submitted, Stored];
        let allowed = [
            (Prepared, Submitted),
            (Submitted, Submitted),
            (Submitted, Stored),
            (Submitted, Prepared),
        ];
        for from in all {
            for to in all {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
        assert!(Prepared.unfinished() && Submitted.unfinished() && !Stored.unfinished());
    }

    struct Fixture {
        _dir: tempfile::TempDir,
        outbox: Outbox,
        mailbox: super::super::Mailbox,
        key: PocKey,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        Fixture {
            outbox: Outbox::new(&home),
            mailbox: super::super::Mailbox::new(&home),
            key: PocKey::generate(),
            _dir: dir,
        }
    }

    fn sealed(key: &PocKey, n: u8, sent_at: u64) -> (Envelope, Message, SentRecord) {
        let to: PocId = "MEX.technical".parse().unwrap();
        let recipient = PocKey::generate();
        let message = Message {
            from: "FRA.technical".parse().unwrap(),
            to: to.clone(),
            sent_at,
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
        let header = RoutingHeader {
            id: EnvelopeId([n; 16]),
            to: recipient.public().mailbox(),
            priority: Priority::High,
            expires_at: sent_at + 100,
        };
        let envelope = seal(
            key,
            &recipient.public().encryption,
            header,
            &encode(&message).unwrap(),
        )
        .unwrap();
        let record = SentRecord {
            to,
            kind: "text".into(),
            priority: "high".into(),
            sent_at,
            state: Stored,
            expires_at: None,
            part_of: None,
            campaign: None,
        };
        (envelope, message, record)
    }

    fn prepare(f: &Fixture, n: u8, sent_at: u64) -> Envelope {
        let (envelope, message, record) = sealed(&f.key, n, sent_at);
        f.outbox
            .prepare(
                &f.key,
                &[Preparing {
                    envelopes: std::slice::from_ref(&envelope),
                    message: &message,
                    record,
                }],
            )
            .unwrap();
        envelope
    }

    #[test]
    fn a_prepared_record_holds_the_envelope_and_the_own_copy_before_anything_is_sent() {
        let f = fixture();
        let envelope = prepare(&f, 1, 1_000);
        let record = f.outbox.record(&envelope.id).unwrap();
        assert_eq!(record.state, Prepared);
        assert_eq!(record.expires_at, Some(1_100));
        // The very bytes to submit, and the copy `poc thread` shows.
        assert_eq!(
            f.outbox.envelopes(&envelope.id).unwrap(),
            vec![envelope.clone()]
        );
        let copy = f.mailbox.sent_copy(&envelope.id, [&f.key]).unwrap();
        assert_eq!(copy.sent_at, 1_000);
        assert_eq!(f.mailbox.sent_ids().unwrap(), vec![envelope.id]);
    }

    #[test]
    fn a_send_goes_prepared_submitted_stored_and_the_stored_envelope_is_dropped() {
        let f = fixture();
        let id = prepare(&f, 1, 1_000).id;
        f.outbox.set_state(&[id], Submitted).unwrap();
        assert_eq!(f.outbox.record(&id).unwrap().state, Submitted);
        assert!(f.outbox.envelopes(&id).is_ok());
        f.outbox.set_state(&[id], Stored).unwrap();
        assert_eq!(f.outbox.record(&id).unwrap().state, Stored);
        let gone = f.outbox.envelopes(&id).unwrap_err();
        assert!(
            matches!(
                gone.downcast_ref::<OutboxError>(),
                Some(OutboxError::NoEnvelope(_))
            ),
            "{gone:#}"
        );
        // Final: a stored record is never submitted again.
        let refused = f.outbox.set_state(&[id], Submitted).unwrap_err();
        assert!(refused.to_string().contains("is stored"), "{refused:#}");
        assert_eq!(f.outbox.record(&id).unwrap().state, Stored);
    }

    #[test]
    fn a_refused_record_is_prepared_again_and_a_refused_step_changes_nothing() {
        let f = fixture();
        let a = prepare(&f, 1, 1_000).id;
        let b = prepare(&f, 2, 1_000).id;
        f.outbox.set_state(&[a], Submitted).unwrap();
        f.outbox.set_state(&[a], Prepared).unwrap();
        assert_eq!(f.outbox.record(&a).unwrap().state, Prepared);
        // b was never submitted: it cannot be stored, and a batch with it changes neither.
        f.outbox.set_state(&[a], Submitted).unwrap();
        assert!(f.outbox.set_state(&[a, b], Stored).is_err());
        assert_eq!(f.outbox.record(&a).unwrap().state, Submitted);
        assert_eq!(f.outbox.record(&b).unwrap().state, Prepared);
    }

    #[test]
    fn after_a_crash_a_record_left_submitted_is_offered_with_its_same_envelope() {
        let f = fixture();
        let envelope = prepare(&f, 1, 1_000);
        f.outbox.set_state(&[envelope.id], Submitted).unwrap();
        // A new process (the old one died between "submitted" and "stored").
        let reopened = Outbox::new(&f.outbox.home);
        let records = reopened.records().unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].0, envelope.id);
        assert!(records[0].1.state.unfinished());
        assert_eq!(
            reopened.envelopes(&envelope.id).unwrap(),
            vec![envelope.clone()]
        );
        reopened.set_state(&[envelope.id], Submitted).unwrap();
        reopened.set_state(&[envelope.id], Stored).unwrap();
    }

    #[test]
    fn records_list_newest_first_and_resolve_by_prefix() {
        let f = fixture();
        let old = prepare(&f, 0x11, 1_000).id;
        let new = prepare(&f, 0x22, 2_000).id;
        let ids: Vec<_> = f
            .outbox
            .records()
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids, vec![new, old]);
        assert_eq!(f.outbox.resolve("22").unwrap(), new);
        assert_eq!(f.outbox.resolve(&old.to_string()).unwrap(), old);
        assert!(f.outbox.resolve("33").is_err());
        assert!(f.outbox.resolve("").is_err());
    }

    #[test]
    fn records_written_before_the_outbox_read_as_stored() {
        let text = "to = \"MEX.technical\"\nkind = \"text\"\npriority = \"low\"\nsent_at = 5\n";
        let record: SentRecord = toml::from_str(text).unwrap();
        assert_eq!(record.state, Stored);
        assert_eq!(record.expires_at, None);
    }

    #[test]
    fn pruning_drops_envelopes_that_can_never_be_sent_and_keeps_the_records() {
        let f = fixture();
        let live = prepare(&f, 1, 1_000).id; // expires at 1_100
        let expired = prepare(&f, 2, 500).id; // expires at 600
        let stored = prepare(&f, 3, 1_000).id;
        f.outbox.set_state(&[stored], Submitted).unwrap();
        f.outbox.set_state(&[stored], Stored).unwrap();
        // A crash while recording left envelopes without their record: one whose lifetime
        // ended, one that could still be sent (or is being recorded right now).
        let dir = f.outbox.home.path("sent");
        let (old_orphan, _, _) = sealed(&f.key, 4, 500); // expires at 600
        let (new_orphan, _, _) = sealed(&f.key, 5, 1_000); // expires at 1_100
        for orphan in [&old_orphan, &new_orphan] {
            std::fs::write(
                dir.join(format!("{}.env", orphan.id)),
                encode(orphan).unwrap(),
            )
            .unwrap();
        }
        assert_eq!(f.outbox.prune(1_050).unwrap(), 2);
        assert!(f.outbox.envelopes(&live).is_ok());
        assert!(f.outbox.envelopes(&expired).is_err());
        assert!(!dir.join(format!("{}.env", old_orphan.id)).exists());
        assert!(dir.join(format!("{}.env", new_orphan.id)).exists());
        assert_eq!(f.outbox.records().unwrap().len(), 3);
        // Once its lifetime ended, the orphan goes too.
        assert_eq!(f.outbox.prune(1_100).unwrap(), 2);
        assert!(!dir.join(format!("{}.env", new_orphan.id)).exists());
    }

    #[test]
    fn pruning_while_another_process_records_loses_no_envelope() {
        let f = fixture();
        let home = f.outbox.home.clone();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        // `poc sent` pruning over and over in another process (same home, own handle).
        let pruner = {
            let stop = stop.clone();
            let outbox = Outbox::new(&home);
            std::thread::spawn(move || {
                let mut rounds = 0u32;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) || rounds == 0 {
                    outbox.prune(1_050).unwrap();
                    rounds += 1;
                }
                rounds
            })
        };
        // `poc send` to many recipients meanwhile (each batch renames its envelopes into
        // place before its records): every envelope must keep its sealed bytes.
        let mut ids = Vec::new();
        for round in 0..8u8 {
            let sealed: Vec<_> = (0..30u8)
                .map(|n| sealed(&f.key, round * 30 + n, 1_000))
                .collect();
            let items: Vec<Preparing<'_>> = sealed
                .iter()
                .map(|(envelope, message, record)| Preparing {
                    envelopes: std::slice::from_ref(envelope),
                    message,
                    record: record.clone(),
                })
                .collect();
            f.outbox.prepare(&f.key, &items).unwrap();
            ids.extend(sealed.iter().map(|(e, _, _)| e.id));
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(pruner.join().unwrap() > 0);
        for id in &ids {
            assert_eq!(f.outbox.envelopes(id).unwrap()[0].id, *id, "{id} lost");
            assert_eq!(f.outbox.record(id).unwrap().state, Prepared);
        }
        assert_eq!(f.outbox.records().unwrap().len(), ids.len());
    }

    fn sealed_batch(f: &Fixture, count: u16) -> Vec<(Envelope, Message, SentRecord)> {
        (0..count)
            .map(|n| {
                let (mut envelope, message, record) = sealed(&f.key, 0, 1_000);
                // Distinct ids (the signature does not matter to the outbox).
                envelope.id.0[..2].copy_from_slice(&n.to_be_bytes());
                (envelope, message, record)
            })
            .collect()
    }

    #[test]
    fn a_batch_is_recorded_and_moved_with_one_sync_for_all_its_files() {
        let f = fixture();
        let batch = sealed_batch(&f, 200);
        let items: Vec<Preparing<'_>> = batch
            .iter()
            .map(|(envelope, message, record)| Preparing {
                envelopes: std::slice::from_ref(envelope),
                message,
                record: record.clone(),
            })
            .collect();
        let ids: Vec<EnvelopeId> = batch.iter().map(|(e, _, _)| e.id).collect();

        let before = crate::home::syncs_on_this_thread();
        f.outbox.prepare_batch(&f.key, &items).unwrap();
        // The files of 200 envelopes (600 files), made durable at once: the file system,
        // then the folder.
        assert_eq!(crate::home::syncs_on_this_thread() - before, 2);
        for (envelope, _, _) in &batch {
            assert_eq!(f.outbox.record(&envelope.id).unwrap().state, Prepared);
            assert_eq!(
                f.outbox.envelopes(&envelope.id).unwrap(),
                vec![envelope.clone()]
            );
            assert_eq!(
                f.mailbox.sent_copy(&envelope.id, [&f.key]).unwrap().sent_at,
                1_000
            );
        }
        assert_eq!(f.mailbox.sent_ids().unwrap().len(), 200);
        // No temporary left behind.
        let dir = f.outbox.home.path("sent");
        assert!(std::fs::read_dir(&dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp")));

        let before = crate::home::syncs_on_this_thread();
        f.outbox.set_state_batch(&ids, Submitted).unwrap();
        f.outbox.set_state_batch(&ids, Stored).unwrap();
        assert_eq!(crate::home::syncs_on_this_thread() - before, 4);
        for id in &ids {
            assert_eq!(f.outbox.record(id).unwrap().state, Stored);
            assert!(f.outbox.envelopes(id).is_err());
        }
        // The same steps as one by one: a stored record is final, and a refused batch
        // changes nothing.
        assert!(f.outbox.set_state_batch(&ids, Submitted).is_err());
        assert!(ids
            .iter()
            .all(|id| f.outbox.record(id).unwrap().state == Stored));
    }

    #[test]
    fn a_pings_record_keeps_its_campaign_so_a_resend_still_tells_it_as_counts() {
        let f = fixture();
        let campaign = "ab".repeat(16);
        let batch = sealed_batch(&f, 3);
        let items: Vec<Preparing<'_>> = batch
            .iter()
            .map(|(envelope, message, record)| Preparing {
                envelopes: std::slice::from_ref(envelope),
                message,
                record: SentRecord {
                    campaign: Some(campaign.clone()),
                    ..record.clone()
                },
            })
            .collect();
        f.outbox.prepare_batch(&f.key, &items).unwrap();
        let ids: Vec<EnvelopeId> = batch.iter().map(|(e, _, _)| e.id).collect();
        f.outbox.set_state_batch(&ids, Submitted).unwrap();
        for id in &ids {
            let record = f.outbox.record(id).unwrap();
            assert_eq!(record.campaign.as_deref(), Some(campaign.as_str()));
            assert_eq!(record.state, Submitted);
        }
    }

    #[test]
    fn recording_one_by_one_syncs_every_file_which_a_batch_avoids() {
        let f = fixture();
        let batch = sealed_batch(&f, 10);
        let items: Vec<Preparing<'_>> = batch
            .iter()
            .map(|(envelope, message, record)| Preparing {
                envelopes: std::slice::from_ref(envelope),
                message,
                record: record.clone(),
            })
            .collect();
        let before = crate::home::syncs_on_this_thread();
        f.outbox.prepare(&f.key, &items).unwrap();
        // 30 files and the folder.
        assert_eq!(crate::home::syncs_on_this_thread() - before, 31);
    }
}
