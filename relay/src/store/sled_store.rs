//! The sled implementation of [`Store`].
//!
//! Trees (all keys big-endian):
//!
//! | tree        | key                 | value                  |
//! |-------------|---------------------|------------------------|
//! | `envelopes` | seq(8)              | mailbox(32) rank(1) body pointer(16) id(16) expires_at(8) payload length(8) [submitter(32)] |
//! | `meta`      | `directory`         | encoded `PublishedDirectory` |
//! | `meta`      | `seq_floor`         | u64: first sequence number to use |
//! | `local`     | `bodies_synced`     | how far the body segments were synced: segment(4) length(8) (never backed up) |
//! | `stats`     | month(7) rank(1)    | count(8)               |
//! | `refused`   | mailbox(32)         | envelopes refused while full (8) |
//!
//! The submitter is the logged-in key that submitted the envelope. Records written before
//! the relay recorded submitters end after the payload length (89 bytes); they still open,
//! and their envelopes are delivered with no submitter.
//!
//! One record per envelope, keyed by a relay-wide increasing sequence number, so that sled
//! always appends at the right edge of one tree: a few hundred bytes of disk per envelope
//! rather than per record of each of four trees. The encoded envelopes themselves (bodies)
//! are in segment files beside sled ([`super::bodies`]). Each mailbox's queue, its ids and
//! its quota usage are in memory ([`super::index`]), rebuilt from the records at open.
//!
//! Writers of envelopes hold the index lock while they change sled and the index together
//! (a put holds it only to decide and to publish, not while it writes bodies: one put
//! runs at a time). Writers share a gate that a backup takes exclusively, so a snapshot
//! never sees half of a change.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use poc_proto::{
    decode, encode, Envelope, EnvelopeId, FetchCursor, MailboxId, PublicKeyBytes,
    PublishedDirectory,
};

use super::bodies::{Bodies, Pointer, SEGMENT_BYTES};
use super::index::{Entry, Index, Position};
use super::sled_log::SledLog;
#[cfg(test)]
use super::Quota;
use super::{FetchPage, PutOutcome, QuotaReason, Store, StoreError, Submission};

const DIRECTORY_KEY: &[u8] = b"directory";
const SEQ_FLOOR_KEY: &[u8] = b"seq_floor";
/// Key (in `local`, or in `meta` in stores written before `local` existed): how far the
/// bodies were synced at the last flush, segment(4) length(8).
const WATERMARK_KEY: &[u8] = b"bodies_synced";

/// Whether a `meta` key describes this store's own files, so that a backup leaves it out.
pub(super) fn is_local_meta(key: &[u8]) -> bool {
    key == WATERMARK_KEY
}
/// Most records in one sled write, unless one Submit has more (it is never split).
const RECORDS_PER_WRITE: usize = poc_proto::limits::MAX_SUBMIT_BATCH;

/// Tree numbers of the backup format (PROTOCOL.md §12). `index`, `expiry` and `usage` were
/// trees of an earlier layout and are derived data now: backups no longer hold them, and a
/// restore skips them.
pub(super) const TREES: [&str; 7] = [
    "envelopes",
    "index",
    "expiry",
    "usage",
    "meta",
    "stats",
    "refused",
];

/// The trees this layout keeps, other than `envelopes`, copied as they are by a backup.
pub(super) const PLAIN_TREES: [&str; 3] = ["meta", "stats", "refused"];

/// The submitter of the envelopes tests put with [`SledStore::put`].
#[cfg(test)]
pub(crate) const TEST_SUBMITTER: PublicKeyBytes = PublicKeyBytes([0xee; 32]);

/// sled-backed mailboxes.
#[derive(Debug, Clone)]
pub struct SledStore {
    db: sled::Db,
    /// Syncs sled's files after each flush of sled.
    log: Arc<SledLog>,
    envelopes: sled::Tree,
    meta: sled::Tree,
    /// What describes this store's own files (the watermark): never in a backup, and apart
    /// from `meta`, whose node holds the published directory, so that the write every flush
    /// makes does not copy the directory again (sled writes a node that large to a file of
    /// its own, a blob).
    local: sled::Tree,
    stats: sled::Tree,
    refused: sled::Tree,
    /// The encoded envelopes.
    bodies: Arc<Bodies>,
    /// Queues, ids and usage per mailbox, derived from `envelopes`.
    index: Arc<Mutex<Index>>,
    /// Held by a put from its decision to its publication: one put at a time.
    putting: Arc<Mutex<()>>,
    /// Shared by writers, exclusive for a backup.
    gate: Arc<RwLock<()>>,
    /// Added to sled's id generator: raised by a restore above every restored position.
    seq_floor: Arc<AtomicU64>,
    /// Set when sled failed to write its log or the sync of sled's files failed (a full
    /// disk, an I/O error). A later sync could succeed without the pages the failed one
    /// dropped, so every later flush fails, and nothing is acknowledged until a restart.
    log_failed: Arc<AtomicBool>,
    /// Points where tests run code in the middle of an operation.
    #[cfg(test)]
    hooks: Arc<hooks::Hooks>,
}

fn backend(e: sled::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// The same error again (one failed write fails every batch in it).
fn copy_error(e: &StoreError) -> StoreError {
    match e {
        StoreError::QuotaExceeded {
            mailbox,
            reason,
            detail,
        } => StoreError::QuotaExceeded {
            mailbox: *mailbox,
            reason: *reason,
            detail: detail.clone(),
        },
        StoreError::Backend(m) => StoreError::Backend(m.clone()),
        StoreError::Corrupt(m) => StoreError::Corrupt(m.clone()),
    }
}

/// The value of an `envelopes` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Record {
    pub mailbox: MailboxId,
    pub rank: u8,
    pub pointer: Pointer,
    pub id: EnvelopeId,
    pub expires_at: u64,
    pub payload_len: u64,
    pub submitter: Option<PublicKeyBytes>,
}

impl Record {
    /// A record without a submitter (written before submitters were recorded).
    const LEN_WITHOUT_SUBMITTER: usize = 32 + 1 + Pointer::LEN + 16 + 8 + 8;
    const LEN: usize = Self::LEN_WITHOUT_SUBMITTER + 32;

    fn new(pointer: Pointer, envelope: &Envelope, submitter: Option<PublicKeyBytes>) -> Self {
        Record {
            mailbox: envelope.to,
            rank: envelope.priority.rank(),
            pointer,
            id: envelope.id,
            expires_at: envelope.expires_at,
            payload_len: envelope.payload.len() as u64,
            submitter,
        }
    }

    /// What the index keeps of the envelope stored under `seq`.
    fn entry(&self, seq: u64) -> Entry {
        Entry {
            position: (self.rank, seq),
            payload_len: self.payload_len,
            expires_at: self.expires_at,
            submitter: self.submitter,
        }
    }

    fn to_bytes(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(Self::LEN);
        out.extend_from_slice(&self.mailbox.0);
        out.push(self.rank);
        out.extend_from_slice(&self.pointer.to_bytes());
        out.extend_from_slice(&self.id.0);
        out.extend_from_slice(&self.expires_at.to_be_bytes());
        out.extend_from_slice(&self.payload_len.to_be_bytes());
        if let Some(key) = self.submitter {
            out.extend_from_slice(&key.0);
        }
        out
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, StoreError> {
        let submitter = match bytes.len() {
            Self::LEN_WITHOUT_SUBMITTER => None,
            Self::LEN => {
                let mut key = [0u8; 32];
                key.copy_from_slice(&bytes[Self::LEN_WITHOUT_SUBMITTER..]);
                Some(PublicKeyBytes(key))
            }
            _ => return Err(StoreError::Corrupt("envelope record length".into())),
        };
        let u64_at = |i: usize| {
            let mut v = [0u8; 8];
            v.copy_from_slice(&bytes[i..i + 8]);
            u64::from_be_bytes(v)
        };
        let mut mailbox = [0u8; 32];
        mailbox.copy_from_slice(&bytes[..32]);
        let mut id = [0u8; 16];
        id.copy_from_slice(&bytes[49..65]);
        Ok(Record {
            mailbox: MailboxId(mailbox),
            rank: bytes[32],
            pointer: Pointer::from_bytes(&bytes[33..49])?,
            id: EnvelopeId(id),
            expires_at: u64_at(65),
            payload_len: u64_at(73),
            submitter,
        })
    }
}

/// A watermark as stored: segment(4) length(8).
fn parse_watermark(bytes: &[u8]) -> Result<(u32, u64), StoreError> {
    if bytes.len() != 12 {
        return Err(StoreError::Corrupt("body watermark length".into()));
    }
    let mut segment = [0u8; 4];
    let mut len = [0u8; 8];
    segment.copy_from_slice(&bytes[..4]);
    len.copy_from_slice(&bytes[4..]);
    Ok((u32::from_be_bytes(segment), u64::from_be_bytes(len)))
}

fn encode_watermark((segment, len): (u32, u64)) -> [u8; 12] {
    let mut v = [0u8; 12];
    v[..4].copy_from_slice(&segment.to_be_bytes());
    v[4..].copy_from_slice(&len.to_be_bytes());
    v
}

fn parse_seq(key: &[u8]) -> Result<u64, StoreError> {
    <[u8; 8]>::try_from(key)
        .map(u64::from_be_bytes)
        .map_err(|_| StoreError::Corrupt("envelope key length".into()))
}

/// Gives every batch with an envelope in `written` the error `e`.
fn fail_batches(
    results: &mut [Result<PutOutcome, StoreError>],
    written: &[Accepted<'_>],
    e: &StoreError,
) {
    for a in written {
        if let Some(result) = results.get_mut(a.batch) {
            *result = Err(copy_error(e));
        }
    }
}

/// An envelope to remove.
struct Target {
    mailbox: MailboxId,
    id: EnvelopeId,
    /// Only if it is still the one stored under this sequence number.
    seq: Option<u64>,
    /// Only if it expires at or before this time.
    expired_by: Option<u64>,
}

/// An accepted envelope of a put, before it is written.
struct Accepted<'a> {
    batch: usize,
    envelope: &'a Envelope,
    submitter: PublicKeyBytes,
    bytes: Vec<u8>,
    seq: u64,
}

impl SledStore {
    /// Opens (or creates) the store in `dir` with a page cache of `cache_bytes`, and builds
    /// the index from its records (one scan).
    ///
    /// sled's periodic background flush is off: every write the relay acknowledges is made
    /// durable by an explicit [`Store::flush`] (group commit), so durability never depends on
    /// a timer, and the tests can tell when a flush is missing.
    pub fn open(dir: &Path, cache_bytes: u64) -> Result<Self, StoreError> {
        Self::open_with_segments(dir, cache_bytes, SEGMENT_BYTES)
    }

    /// [`SledStore::open`] with body segments of at most `segment_bytes` (tests use small
    /// ones to see segments fill and go).
    pub(crate) fn open_with_segments(
        dir: &Path,
        cache_bytes: u64,
        segment_bytes: u64,
    ) -> Result<Self, StoreError> {
        let config = sled::Config::new()
            .path(dir)
            .cache_capacity(cache_bytes)
            .flush_every_ms(None);
        // sled releases its file lock when its last background reference goes, which can
        // lag a moment behind dropping the handle in this process: wait briefly for it.
        let mut attempts = 0;
        let db = loop {
            match config.open() {
                // sled reports it as ErrorKind::Other with this text.
                Err(sled::Error::Io(e))
                    if e.to_string().starts_with("could not acquire lock") && attempts < 20 =>
                {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                other => break other.map_err(backend)?,
            }
        };
        let log = SledLog::open(dir)?;
        let meta = db.open_tree("meta").map_err(backend)?;
        let seq_floor = match meta.get(SEQ_FLOOR_KEY).map_err(backend)? {
            None => 0,
            Some(v) => <[u8; 8]>::try_from(v.as_ref())
                .map(u64::from_be_bytes)
                .map_err(|_| StoreError::Corrupt("seq_floor length".into()))?,
        };
        let local = db.open_tree("local").map_err(backend)?;
        let watermark = [&local, &meta]
            .into_iter()
            .map(|tree| {
                tree.get(WATERMARK_KEY)
                    .map_err(backend)?
                    .map(|v| parse_watermark(&v))
                    .transpose()
            })
            .collect::<Result<Vec<_>, StoreError>>()?
            .into_iter()
            .max()
            .flatten();
        let envelopes = db.open_tree("envelopes").map_err(backend)?;
        // Two passes, so that only the pointers are held at once: check the bodies, then
        // index what is whole and drop the records of envelopes lost in a crash.
        let mut pointers = Vec::new();
        for item in envelopes.iter() {
            let (_, value) = item.map_err(backend)?;
            pointers.push(Record::from_bytes(&value)?.pointer);
        }
        let (bodies, whole) =
            Bodies::open(&dir.join("bodies"), segment_bytes, watermark, &pointers)?;
        drop(pointers);
        let mut index = Index::default();
        let mut lost = sled::Batch::default();
        let mut lost_count = 0u64;
        for (item, whole) in envelopes.iter().zip(whole) {
            let (key, value) = item.map_err(backend)?;
            let record = Record::from_bytes(&value)?;
            let seq = parse_seq(&key)?;
            if !whole {
                lost.remove(key);
                lost_count += 1;
                continue;
            }
            if !index.insert(record.mailbox, record.id, record.entry(seq)) {
                return Err(StoreError::Corrupt(
                    "an envelope id is stored twice in one mailbox".into(),
                ));
            }
        }
        if lost_count > 0 {
            tracing::warn!(
                envelopes = lost_count,
                "envelopes stored but never acknowledged were cut short by a crash; removed"
            );
            envelopes.apply_batch(lost).map_err(backend)?;
            let listed = log.blobs_before_flush()?;
            db.flush().map_err(backend)?;
            log.sync(listed)?;
        }
        Ok(SledStore {
            envelopes,
            stats: db.open_tree("stats").map_err(backend)?,
            refused: db.open_tree("refused").map_err(backend)?,
            meta,
            local,
            db,
            log: Arc::new(log),
            bodies: Arc::new(bodies),
            index: Arc::new(Mutex::new(index)),
            putting: Arc::default(),
            gate: Arc::default(),
            seq_floor: Arc::new(AtomicU64::new(seq_floor)),
            log_failed: Arc::new(AtomicBool::new(false)),
            #[cfg(test)]
            hooks: Arc::default(),
        })
    }

    /// The plain tree named `name` (one of [`PLAIN_TREES`]).
    pub(super) fn plain_tree(&self, name: &str) -> Result<&sled::Tree, StoreError> {
        Ok(match name {
            "meta" => &self.meta,
            "stats" => &self.stats,
            "refused" => &self.refused,
            other => return Err(StoreError::Corrupt(format!("unknown tree {other}"))),
        })
    }

    /// Held by every writer.
    fn shared(&self) -> RwLockReadGuard<'_, ()> {
        self.gate.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Held by a backup: no writer runs meanwhile.
    pub(super) fn exclusive(&self) -> RwLockWriteGuard<'_, ()> {
        self.gate.write().unwrap_or_else(|p| p.into_inner())
    }

    fn index(&self) -> MutexGuard<'_, Index> {
        self.index.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether a directory has been published into this store.
    pub(super) fn directory_present(&self) -> Result<bool, StoreError> {
        self.meta.contains_key(DIRECTORY_KEY).map_err(backend)
    }

    /// Makes every later sequence number at least `floor` (persisted with the next flush).
    pub(super) fn raise_seq_floor(&self, floor: u64) -> Result<(), StoreError> {
        let floor = floor.max(self.seq_floor.load(Ordering::SeqCst));
        self.meta
            .insert(SEQ_FLOOR_KEY, &floor.to_be_bytes()[..])
            .map_err(backend)?;
        self.seq_floor.store(floor, Ordering::SeqCst);
        Ok(())
    }

    fn next_seq(&self) -> Result<u64, StoreError> {
        let id = self.db.generate_id().map_err(backend)?;
        self.seq_floor
            .load(Ordering::SeqCst)
            .checked_add(id)
            .ok_or_else(|| StoreError::Corrupt("sequence numbers exhausted".into()))
    }

    /// Tests: a put of one Submit by [`TEST_SUBMITTER`] at time 0, with `quota` for every
    /// mailbox.
    #[cfg(test)]
    pub(crate) fn put(
        &self,
        envelopes: &[Envelope],
        quota: Quota,
    ) -> Result<PutOutcome, StoreError> {
        let quotas = super::Quotas::uniform(quota);
        let submission = Submission {
            envelopes,
            submitter: TEST_SUBMITTER,
            quotas: &quotas,
        };
        self.put_many(&[submission], 0)
            .pop()
            .unwrap_or_else(|| Err(StoreError::Backend("no put result".into())))
    }

    /// Number of stored envelopes (all mailboxes).
    pub fn envelope_count(&self) -> usize {
        self.index().count()
    }

    /// Envelopes waiting in `mailbox` and their payload bytes.
    #[cfg(test)]
    pub(super) fn usage(&self, mailbox: &MailboxId) -> (u64, u64) {
        self.index().usage(mailbox)
    }

    /// Syncs the bodies, then flushes sled with the watermark that says how far they are
    /// synced. The watermark only moves forward (two flushes may run at once).
    fn flush_records(&self) -> Result<(), StoreError> {
        if self.log_failed.load(Ordering::SeqCst) {
            return Err(StoreError::Backend(
                "an earlier write or sync of the store's log failed; the relay must be \
                 restarted before it stores anything more"
                    .into(),
            ));
        }
        let synced = self.bodies.sync()?;
        self.local
            .fetch_and_update(WATERMARK_KEY, |old| {
                let newest = match old.map(parse_watermark) {
                    Some(Ok(old)) => old.max(synced),
                    _ => synced,
                };
                Some(encode_watermark(newest).to_vec())
            })
            .map_err(backend)?;
        let listed = self.log.blobs_before_flush()?;
        if let Err(e) = self.db.flush() {
            // sled keeps that error and fails every later write.
            self.stop_writes(&e.to_string());
            return Err(backend(e));
        }
        // sled's flush writes its log but does not make it durable: the sync does.
        if let Err(e) = self.log.sync(listed) {
            if self.log.failed() {
                self.stop_writes(&e.to_string());
            }
            return Err(e);
        }
        Ok(())
    }

    /// Refuses every later flush, and says so once.
    fn stop_writes(&self, error: &str) {
        if !self.log_failed.swap(true, Ordering::SeqCst) {
            tracing::error!(error = %error, "writing the store's log failed; the relay must be restarted before it stores anything more");
        }
    }

    /// The body of the envelope under `seq`, read through `pointer`; or, if compaction has
    /// moved it meanwhile (and its old segment is gone), through its new pointer. None if the
    /// envelope was removed meanwhile, or if its body was lost with a failed sync (its submit
    /// was refused).
    fn body_of(&self, seq: u64, mut pointer: Pointer) -> Result<Option<Vec<u8>>, StoreError> {
        loop {
            let error = match self.bodies.read(pointer) {
                Ok(body) => return Ok(Some(body)),
                Err(e) => e,
            };
            match self.record(seq)? {
                None => return Ok(None),
                Some(now) if now.pointer != pointer => pointer = now.pointer,
                // Never acknowledged: its submit was refused when the sync failed.
                Some(_) if self.bodies.lost_in_failed_sync(pointer) => return Ok(None),
                Some(_) => return Err(error),
            }
        }
    }

    /// The record under `seq`, if any.
    fn record(&self, seq: u64) -> Result<Option<Record>, StoreError> {
        self.envelopes
            .get(seq.to_be_bytes())
            .map_err(backend)?
            .map(|v| Record::from_bytes(&v))
            .transpose()
    }

    /// Applies `change` to one stored envelope. For tests that simulate a damaged or
    /// tampered store; returns false if the envelope is not present.
    pub fn tamper_with(
        &self,
        mailbox: &MailboxId,
        id: &EnvelopeId,
        change: impl FnOnce(&mut Envelope),
    ) -> Result<bool, StoreError> {
        let index = self.index();
        let Some((_, seq)) = index.position(mailbox, id) else {
            return Ok(false);
        };
        let Some(old) = self.record(seq)? else {
            return Ok(false);
        };
        let mut envelope: Envelope = decode(&self.bodies.read(old.pointer)?)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        change(&mut envelope);
        let bytes = encode(&envelope).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let pointer = self.bodies.append(&[&bytes])?[0];
        let record = Record { pointer, ..old };
        self.envelopes
            .insert(seq.to_be_bytes(), &record.to_bytes()[..])
            .map_err(backend)?;
        self.bodies.release(&[old.pointer]);
        drop(index);
        self.flush()?;
        Ok(true)
    }

    /// Every record as a backup holds it: key mailbox(32) rank(1) seq(8) [submitter(32)],
    /// value the encoded envelope. Call with the gate held exclusively.
    pub(super) fn for_each_envelope(
        &self,
        mut each: impl FnMut(&[u8], &[u8]) -> Result<(), super::BackupError>,
    ) -> Result<(), super::BackupError> {
        for item in self.envelopes.iter() {
            let (key, value) = item.map_err(backend)?;
            let record = Record::from_bytes(&value)?;
            let mut backup_key = Vec::with_capacity(73);
            backup_key.extend_from_slice(&record.mailbox.0);
            backup_key.push(record.rank);
            backup_key.extend_from_slice(&key);
            if let Some(submitter) = record.submitter {
                backup_key.extend_from_slice(&submitter.0);
            }
            each(&backup_key, &self.bodies.read(record.pointer)?)?;
        }
        Ok(())
    }

    /// Stores `(key, encoded envelope)` records as a backup holds them (key mailbox(32)
    /// rank(1) seq(8), then the submitter(32) if known): writes the bodies, then the records
    /// pointing to them.
    pub(super) fn insert_bodies(&self, entries: &[(Vec<u8>, Vec<u8>)]) -> Result<(), StoreError> {
        let _writing = self.shared();
        let mut records = Vec::with_capacity(entries.len());
        for (key, bytes) in entries {
            let envelope: Envelope =
                decode(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let seq = key
                .get(33..41)
                .ok_or_else(|| StoreError::Corrupt("backup envelope key length".into()))
                .and_then(parse_seq)?;
            let submitter = match key.len() {
                41 => None,
                73 => {
                    let mut k = [0u8; 32];
                    k.copy_from_slice(&key[41..]);
                    Some(PublicKeyBytes(k))
                }
                _ => return Err(StoreError::Corrupt("backup envelope key length".into())),
            };
            if key[..32] != envelope.to.0 || key[32] != envelope.priority.rank() {
                return Err(StoreError::Corrupt(
                    "a backup envelope is filed under another mailbox or priority".into(),
                ));
            }
            records.push((seq, envelope, submitter));
        }
        let bodies: Vec<&[u8]> = entries.iter().map(|(_, b)| b.as_slice()).collect();
        let mut index = self.index();
        let pointers = self.bodies.append(&bodies)?;
        if let Err(e) = self.bodies.sync() {
            self.bodies.release(&pointers);
            return Err(e);
        }
        let mut batch = sled::Batch::default();
        let mut seen = std::collections::HashSet::new();
        for ((seq, envelope, submitter), pointer) in records.iter().zip(&pointers) {
            if index.position(&envelope.to, &envelope.id).is_some()
                || !seen.insert((envelope.to, envelope.id))
            {
                self.bodies.release(&pointers);
                return Err(StoreError::Corrupt(
                    "the backup holds an envelope id twice in one mailbox".into(),
                ));
            }
            batch.insert(
                &seq.to_be_bytes()[..],
                &Record::new(*pointer, envelope, *submitter).to_bytes()[..],
            );
        }
        if let Err(e) = self.envelopes.apply_batch(batch) {
            self.bodies.release(&pointers);
            return Err(backend(e));
        }
        for ((seq, envelope, submitter), pointer) in records.iter().zip(&pointers) {
            let record = Record::new(*pointer, envelope, *submitter);
            index.insert(envelope.to, envelope.id, record.entry(*seq));
        }
        Ok(())
    }

    /// Removes the envelopes of `targets`, with the index lock held. Returns how many were
    /// removed.
    fn remove_locked(&self, index: &mut Index, targets: &[Target]) -> Result<u32, StoreError> {
        let mut batch = sled::Batch::default();
        let mut gone = Vec::new();
        for target in targets {
            let (mailbox, id) = (&target.mailbox, &target.id);
            let Some((_, seq)) = index.position(mailbox, id) else {
                continue;
            };
            // Not the envelope the caller saw (acknowledged and sent again meanwhile).
            if target.seq.is_some_and(|s| s != seq) {
                continue;
            }
            let Some(record) = self.record(seq)? else {
                return Err(StoreError::Corrupt(
                    "an indexed envelope has no record".into(),
                ));
            };
            if record.mailbox != *mailbox || record.id != *id {
                return Err(StoreError::Corrupt(
                    "an envelope record differs from its index entry".into(),
                ));
            }
            if target.expired_by.is_some_and(|now| record.expires_at > now) {
                continue;
            }
            batch.remove(&seq.to_be_bytes()[..]);
            gone.push((seq, record));
        }
        if gone.is_empty() {
            return Ok(0);
        }
        self.envelopes.apply_batch(batch).map_err(backend)?;
        for (seq, record) in &gone {
            index.remove(&record.mailbox, &record.id, record.entry(*seq));
        }
        // Their segments go once no envelope is left in them, after the next flush.
        let pointers: Vec<Pointer> = gone.iter().map(|(_, r)| r.pointer).collect();
        self.bodies.release(&pointers);
        Ok(u32::try_from(gone.len()).unwrap_or(u32::MAX))
    }

    /// Removes the envelopes of `mailbox` that expired by `now`. Called by a put (which holds
    /// the gate and the put lock) before it checks quotas. The removals are made durable by
    /// the flush of the round, like the sweep's; were they lost, the sweep removes them again.
    fn purge_mailbox_locked(&self, mailbox: &MailboxId, now: u64) -> Result<u32, StoreError> {
        let mut index = self.index();
        let expired = index.expired_in(mailbox, now);
        if expired.is_empty() {
            return Ok(0);
        }
        let mut targets = Vec::with_capacity(expired.len());
        for seq in expired {
            if let Some(record) = self.record(seq)? {
                targets.push(Target {
                    mailbox: *mailbox,
                    id: record.id,
                    seq: Some(seq),
                    expired_by: Some(now),
                });
            }
        }
        let mut removed = 0;
        for chunk in targets.chunks(512) {
            removed += self.remove_locked(&mut index, chunk)?;
        }
        Ok(removed)
    }

    /// Copies the envelopes of sparse body segments ([`Bodies::sparse`], for
    /// [`Store::compact`]) to the active segment and repoints them, then flushes, which
    /// removes the emptied segments. An envelope deleted meanwhile is left alone. Returns
    /// how many envelopes were moved.
    fn compact_segments(&self) -> Result<u64, StoreError> {
        let sparse = self.bodies.sparse()?;
        if sparse.is_empty() {
            return Ok(0);
        }
        let mut found = Vec::new();
        for item in self.envelopes.iter() {
            let (key, value) = item.map_err(backend)?;
            if sparse.contains(&Record::from_bytes(&value)?.pointer.segment()) {
                found.push((key, value));
            }
        }
        let mut moved = 0u64;
        for chunk in found.chunks(256) {
            let _writing = self.shared();
            let mut bodies = Vec::with_capacity(chunk.len());
            let mut kept = Vec::with_capacity(chunk.len());
            for (key, value) in chunk {
                let record = Record::from_bytes(value)?;
                // None: deleted since the scan, and its segment already removed.
                if let Some(body) = self.body_of(parse_seq(key)?, record.pointer)? {
                    bodies.push(body);
                    kept.push((key, value, record));
                }
            }
            let refs: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
            let pointers = self.bodies.append(&refs)?;
            // Durable before any record points to them.
            if let Err(e) = self.bodies.sync() {
                self.bodies.release(&pointers);
                return Err(e);
            }
            // Deletes hold the index lock from reading a record to releasing its pointer.
            let _index = self.index();
            for (n, ((key, value, record), pointer)) in kept.into_iter().zip(&pointers).enumerate()
            {
                let new = Record {
                    pointer: *pointer,
                    ..record
                };
                let swapped =
                    self.envelopes
                        .compare_and_swap(key, Some(value), Some(&new.to_bytes()[..]));
                match swapped {
                    Ok(Ok(())) => {
                        self.bodies.release(&[record.pointer]);
                        moved += 1;
                    }
                    // Deleted or changed meanwhile: the copy is not needed.
                    Ok(Err(_)) => self.bodies.release(&[*pointer]),
                    Err(e) => {
                        // Neither this copy nor the ones after it are pointed to.
                        self.bodies.release(&pointers[n..]);
                        return Err(backend(e));
                    }
                }
            }
        }
        self.flush()?;
        Ok(moved)
    }
}

impl Store for SledStore {
    fn put_many(
        &self,
        submissions: &[Submission<'_>],
        now: u64,
    ) -> Vec<Result<PutOutcome, StoreError>> {
        let _writing = self.shared();
        let _putting = self.putting.lock().unwrap_or_else(|p| p.into_inner());
        // Expired envelopes of the recipient mailboxes go first: they never hold a quota.
        let recipients: std::collections::HashSet<MailboxId> = submissions
            .iter()
            .flat_map(|s| s.envelopes.iter().map(|e| e.to))
            .collect();
        for mailbox in &recipients {
            if let Err(e) = self.purge_mailbox_locked(mailbox, now) {
                tracing::warn!(error = %e, "removing the expired envelopes of a mailbox failed");
            }
        }
        // Decide: each batch is checked in full against the index (as left by the batches
        // before it), so a refused batch writes nothing and the others go ahead. Only this
        // put adds envelopes meanwhile; deletes can only make room.
        let mut results: Vec<Result<PutOutcome, StoreError>> =
            Vec::with_capacity(submissions.len());
        let mut accepted: Vec<Accepted<'_>> = Vec::new();
        {
            let index = self.index();
            // Usage added by the batches of this round accepted so far, per mailbox and per
            // (mailbox, submitter).
            let mut taken: std::collections::HashMap<MailboxId, (u64, u64)> =
                std::collections::HashMap::new();
            let mut taken_by: std::collections::HashMap<(MailboxId, PublicKeyBytes), (u64, u64)> =
                std::collections::HashMap::new();
            let mut ids = std::collections::HashSet::new();
            for (number, submission) in submissions.iter().enumerate() {
                let submitter = submission.submitter;
                let mut outcome = PutOutcome::default();
                let mut fresh = Vec::with_capacity(submission.envelopes.len());
                let mut seen = std::collections::HashSet::new();
                let mut usages = std::collections::HashMap::new();
                let mut refusal = None;
                for envelope in submission.envelopes.iter() {
                    let key = (envelope.to, envelope.id);
                    if !seen.insert(key)
                        || ids.contains(&key)
                        || index.position(&envelope.to, &envelope.id).is_some()
                    {
                        outcome.duplicates += 1;
                        continue;
                    }
                    let ((count, total), (own, own_bytes)) = match usages.get(&envelope.to) {
                        Some(u) => *u,
                        None => {
                            let add = |(a, b): (u64, u64), (c, d): (u64, u64)| (a + c, b + d);
                            let zero = (0, 0);
                            (
                                add(
                                    index.usage(&envelope.to),
                                    taken.get(&envelope.to).copied().unwrap_or(zero),
                                ),
                                add(
                                    index.sender_usage(&envelope.to, &submitter),
                                    taken_by
                                        .get(&(envelope.to, submitter))
                                        .copied()
                                        .unwrap_or(zero),
                                ),
                            )
                        }
                    };
                    let quota = submission.quotas.of(&envelope.to);
                    let (own_limit, own_bytes_limit) = quota.per_sender();
                    let size = envelope.payload.len() as u64;
                    let refuse = |reason, detail| {
                        Some(StoreError::QuotaExceeded {
                            mailbox: envelope.to,
                            reason,
                            detail,
                        })
                    };
                    if count + 1 > quota.max_envelopes {
                        refusal = refuse(
                            QuotaReason::MailboxFull,
                            format!(
                                "full: {count} envelopes waiting, limit {}",
                                quota.max_envelopes
                            ),
                        );
                        break;
                    }
                    if total + size > quota.max_bytes {
                        refusal = refuse(
                            QuotaReason::MailboxFull,
                            format!("full: {total} bytes waiting, limit {}", quota.max_bytes),
                        );
                        break;
                    }
                    if own + 1 > own_limit {
                        refusal = refuse(
                            QuotaReason::SenderShare,
                            format!(
                                "sender share: {own} envelopes from you waiting, limit {own_limit}"
                            ),
                        );
                        break;
                    }
                    if own_bytes + size > own_bytes_limit {
                        refusal = refuse(
                            QuotaReason::SenderShare,
                            format!(
                                "sender share: {own_bytes} bytes from you waiting, limit {own_bytes_limit}"
                            ),
                        );
                        break;
                    }
                    usages.insert(
                        envelope.to,
                        ((count + 1, total + size), (own + 1, own_bytes + size)),
                    );
                    fresh.push(envelope);
                }
                if let Some(refusal) = refusal {
                    results.push(Err(refusal));
                    continue;
                }
                let mut encoded = Vec::with_capacity(fresh.len());
                let prepared = fresh.iter().try_for_each(|envelope| {
                    let bytes =
                        encode(*envelope).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    encoded.push(Accepted {
                        batch: number,
                        envelope,
                        submitter,
                        bytes,
                        seq: self.next_seq()?,
                    });
                    Ok::<_, StoreError>(())
                });
                if let Err(e) = prepared {
                    results.push(Err(e));
                    continue;
                }
                for envelope in &fresh {
                    let rank = usize::from(envelope.priority.rank().min(2));
                    let size = envelope.payload.len() as u64;
                    outcome.stored += 1;
                    outcome.stored_bytes += size;
                    outcome.stored_by_rank[rank] += 1;
                    ids.insert((envelope.to, envelope.id));
                    let t = taken.entry(envelope.to).or_insert((0, 0));
                    t.0 += 1;
                    t.1 += size;
                    let t = taken_by.entry((envelope.to, submitter)).or_insert((0, 0));
                    t.0 += 1;
                    t.1 += size;
                }
                accepted.extend(encoded);
                results.push(Ok(outcome));
            }
        }
        if accepted.is_empty() {
            return results;
        }
        // Write: bodies, then the records pointing to them, then the index. The flush that
        // follows syncs the bodies before sled (see `flush`).
        let bodies: Vec<&[u8]> = accepted.iter().map(|a| a.bytes.as_slice()).collect();
        let pointers = match self.bodies.append(&bodies) {
            Ok(pointers) => pointers,
            Err(e) => {
                fail_batches(&mut results, &accepted, &e);
                return results;
            }
        };
        // Records go to sled in atomic batches of whole submits, at most RECORDS_PER_WRITE
        // records each (sled turns a larger write into a blob file and holds it in memory).
        let mut start = 0;
        while start < accepted.len() {
            let mut end = start;
            while end < accepted.len() {
                let batch = accepted[end].batch;
                let submit_end = accepted[end..]
                    .iter()
                    .position(|a| a.batch != batch)
                    .map_or(accepted.len(), |n| end + n);
                if end > start && submit_end - start > RECORDS_PER_WRITE {
                    break;
                }
                end = submit_end;
            }
            let mut write = sled::Batch::default();
            let records: Vec<Record> = accepted[start..end]
                .iter()
                .zip(&pointers[start..end])
                .map(|(a, pointer)| Record::new(*pointer, a.envelope, Some(a.submitter)))
                .collect();
            for (a, record) in accepted[start..end].iter().zip(&records) {
                write.insert(&a.seq.to_be_bytes()[..], &record.to_bytes()[..]);
            }
            match self.envelopes.apply_batch(write) {
                Ok(()) => {
                    let mut index = self.index();
                    for (a, record) in accepted[start..end].iter().zip(&records) {
                        index.insert(a.envelope.to, a.envelope.id, record.entry(a.seq));
                    }
                }
                Err(e) => {
                    self.bodies.release(&pointers[start..end]);
                    fail_batches(&mut results, &accepted[start..end], &backend(e));
                }
            }
            start = end;
        }
        results
    }

    fn writes_stopped(&self) -> bool {
        self.bodies.failed() || self.log_failed.load(Ordering::SeqCst)
    }

    fn flush(&self) -> Result<(), StoreError> {
        // Segments emptied by removals before this flush may go once it is done.
        let doomed = self.bodies.doomed();
        match self.flush_records() {
            Ok(()) => self.bodies.remove(&doomed),
            Err(e) => {
                self.bodies.requeue(doomed);
                Err(e)
            }
        }
    }

    fn fetch(
        &self,
        mailbox: &MailboxId,
        after: Option<FetchCursor>,
        limit: usize,
        max_bytes: usize,
        now: u64,
    ) -> Result<FetchPage, StoreError> {
        let mut page = FetchPage::default();
        let mut bytes_out = 0usize;
        let mut cursor: Option<Position> = after.map(|c| (c.rank, c.seq));
        loop {
            let positions = self.index().after(mailbox, cursor, 256);
            if positions.is_empty() {
                page.next = None;
                return Ok(page);
            }
            for position in positions {
                cursor = Some(position);
                // Deleted since the index was read: not an error.
                let Some(record) = self.record(position.1)? else {
                    continue;
                };
                if record.mailbox != *mailbox {
                    return Err(StoreError::Corrupt(
                        "an envelope record differs from its index entry".into(),
                    ));
                }
                let len = usize::try_from(record.pointer.len()).unwrap_or(usize::MAX);
                if page.envelopes.len() >= limit
                    || (bytes_out.saturating_add(len) > max_bytes && !page.envelopes.is_empty())
                {
                    // More remain: continue after the last one returned.
                    return Ok(page);
                }
                page.next = Some(FetchCursor {
                    rank: position.0,
                    seq: position.1,
                });
                if record.expires_at <= now {
                    continue;
                }
                #[cfg(test)]
                self.hooks.run(&self.hooks.before_body_read);
                let Some(body) = self.body_of(position.1, record.pointer)? else {
                    // Deleted meanwhile, and its segment removed: not an error.
                    continue;
                };
                let envelope: Envelope =
                    decode(&body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                if envelope.to != *mailbox || envelope.id != record.id {
                    return Err(StoreError::Corrupt(
                        "an envelope record points to another envelope".into(),
                    ));
                }
                bytes_out += len;
                page.envelopes.push(envelope);
                page.submitters.push(record.submitter);
            }
        }
    }

    fn delete(&self, mailbox: &MailboxId, ids: &[EnvelopeId]) -> Result<u32, StoreError> {
        let _writing = self.shared();
        let targets: Vec<Target> = ids
            .iter()
            .map(|id| Target {
                mailbox: *mailbox,
                id: *id,
                seq: None,
                expired_by: None,
            })
            .collect();
        let mut index = self.index();
        self.remove_locked(&mut index, &targets)
    }

    fn purge_expired(&self, now: u64) -> Result<u64, StoreError> {
        if !self.index().may_have_expired(now) {
            return Ok(0);
        }
        // One scan of the records finds what expired and the earliest expiry of the rest;
        // envelopes stored meanwhile lower the index's earliest expiry themselves.
        self.index().start_sweep();
        let mut earliest = u64::MAX;
        let mut expired = Vec::new();
        let scanned = (|| {
            for item in self.envelopes.iter() {
                let (key, value) = item.map_err(backend)?;
                let record = Record::from_bytes(&value)?;
                if record.expires_at <= now {
                    // The removal checks again that this very envelope is still there: it
                    // may have been acknowledged, and sent again, since the scan.
                    expired.push(Target {
                        mailbox: record.mailbox,
                        id: record.id,
                        seq: Some(parse_seq(&key)?),
                        expired_by: Some(now),
                    });
                } else {
                    earliest = earliest.min(record.expires_at);
                }
            }
            Ok::<_, StoreError>(())
        })();
        if let Err(e) = scanned {
            // Sweep again next time.
            self.index().end_sweep(0);
            return Err(e);
        }
        self.index().end_sweep(earliest);
        #[cfg(test)]
        self.hooks.run(&self.hooks.after_expiry_scan);
        let mut purged = 0u64;
        for chunk in expired.chunks(512) {
            let _writing = self.shared();
            let mut index = self.index();
            purged += u64::from(self.remove_locked(&mut index, chunk)?);
        }
        Ok(purged)
    }

    fn compact(&self) -> Result<u64, StoreError> {
        self.compact_segments()
    }

    fn put_directory(&self, published: &PublishedDirectory) -> Result<(), StoreError> {
        let bytes = encode(published).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let _writing = self.shared();
        self.meta.insert(DIRECTORY_KEY, bytes).map_err(backend)?;
        Ok(())
    }

    fn note_refused(&self, mailbox: &MailboxId, n: u64) -> Result<(), StoreError> {
        let _writing = self.shared();
        self.refused
            .update_and_fetch(mailbox.0, |old| {
                let before = old
                    .and_then(|v| <[u8; 8]>::try_from(v).ok())
                    .map_or(0, u64::from_be_bytes);
                Some(before.saturating_add(n).to_be_bytes().to_vec())
            })
            .map_err(backend)?;
        Ok(())
    }

    fn take_refused(&self, mailbox: &MailboxId) -> Result<u64, StoreError> {
        let _writing = self.shared();
        Ok(self
            .refused
            .remove(mailbox.0)
            .map_err(backend)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map_or(0, u64::from_be_bytes))
    }

    fn count_arrivals(&self, month: &str, by_rank: [u64; 3]) -> Result<(), StoreError> {
        let _writing = self.shared();
        for (rank, n) in by_rank.iter().enumerate().filter(|(_, n)| **n > 0) {
            let mut key = month.as_bytes().to_vec();
            key.push(rank as u8);
            self.stats
                .update_and_fetch(key, |old| {
                    let before = old
                        .and_then(|v| <[u8; 8]>::try_from(v).ok())
                        .map_or(0, u64::from_be_bytes);
                    Some((before + n).to_be_bytes().to_vec())
                })
                .map_err(backend)?;
        }
        Ok(())
    }

    fn stats(&self) -> Result<(Vec<poc_proto::MonthCount>, u64), StoreError> {
        let mut months: Vec<poc_proto::MonthCount> = Vec::new();
        for item in self.stats.iter() {
            let (key, value) = item.map_err(backend)?;
            let Some((&rank, month)) = key.split_last() else {
                continue;
            };
            let month = String::from_utf8_lossy(month).into_owned();
            let n = <[u8; 8]>::try_from(value.as_ref()).map_or(0, u64::from_be_bytes);
            if months.last().is_none_or(|m| m.month != month) {
                months.push(poc_proto::MonthCount {
                    month,
                    high: 0,
                    medium: 0,
                    low: 0,
                });
            }
            if let Some(m) = months.last_mut() {
                match rank {
                    0 => m.high += n,
                    1 => m.medium += n,
                    _ => m.low += n,
                }
            }
        }
        Ok((months, self.envelope_count() as u64))
    }

    fn directory(&self) -> Result<Option<PublishedDirectory>, StoreError> {
        match self.meta.get(DIRECTORY_KEY).map_err(backend)? {
            None => Ok(None),
            Some(bytes) => decode(&bytes)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(e.to_string())),
        }
    }
}

/// Code that tests run in the middle of an operation, once, to force an interleaving.
#[cfg(test)]
mod hooks {
    use std::sync::Mutex;

    type Hook = Mutex<Option<Box<dyn FnOnce() + Send>>>;

    #[derive(Default)]
    pub struct Hooks {
        /// In `fetch`, after reading a record and before reading its body.
        pub before_body_read: Hook,
        /// In `purge_expired`, after the scan and before the removals.
        pub after_expiry_scan: Hook,
    }

    impl std::fmt::Debug for Hooks {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Hooks")
        }
    }

    impl Hooks {
        pub fn run(&self, hook: &Hook) {
            let once = hook.lock().unwrap_or_else(|p| p.into_inner()).take();
            if let Some(once) = once {
                once();
            }
        }

        pub fn set(hook: &Hook, f: impl FnOnce() + Send + 'static) {
            *hook.lock().unwrap_or_else(|p| p.into_inner()) = Some(Box::new(f));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_proto::{Priority, ENVELOPE_VERSION};

    const QUOTA: Quota = Quota {
        max_envelopes: 3,
        max_bytes: 1000,
        sender_share_percent: 100,
    };

    const ROOMY: Quota = Quota {
        max_envelopes: 100,
        max_bytes: 1 << 20,
        sender_share_percent: 100,
    };

    /// Every unexpired envelope waiting in mailbox `[to; 32]`, in delivery order.
    fn waiting(store: &SledStore, to: u8) -> Vec<Envelope> {
        store
            .fetch(&MailboxId([to; 32]), None, 10_000, usize::MAX, 0)
            .unwrap()
            .envelopes
    }

    fn env(to: u8, id: u8, priority: Priority, expires_at: u64) -> Envelope {
        Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId([id; 16]),
            to: MailboxId([to; 32]),
            priority,
            expires_at,
            payload: vec![id; 100],
        }
    }

    fn by<'a>(
        envelopes: &'a [Envelope],
        submitter: PublicKeyBytes,
        quotas: &'a super::super::Quotas,
    ) -> Submission<'a> {
        Submission {
            envelopes,
            submitter,
            quotas,
        }
    }

    fn open() -> (tempfile::TempDir, SledStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path(), 1 << 20).unwrap();
        (dir, store)
    }

    #[test]
    fn put_many_gives_each_batch_the_result_of_putting_it_alone() {
        let (_dir, store) = open();
        let first = [
            env(1, 1, Priority::High, 100),
            env(1, 2, Priority::Low, 100),
        ];
        // Would make four in mailbox 1 (quota 3): refused whole, mailbox 2 untouched.
        let second = [
            env(2, 3, Priority::Low, 100),
            env(1, 4, Priority::Low, 100),
            env(1, 5, Priority::Low, 100),
        ];
        // A duplicate of the first batch, a repeat inside the batch, and one new envelope.
        let third = [
            env(1, 2, Priority::Low, 100),
            env(2, 6, Priority::Low, 100),
            env(2, 6, Priority::Low, 100),
        ];
        let quotas = super::super::Quotas::uniform(QUOTA);
        let results = store.put_many(
            &[
                by(&first, TEST_SUBMITTER, &quotas),
                by(&second, TEST_SUBMITTER, &quotas),
                by(&third, TEST_SUBMITTER, &quotas),
            ],
            0,
        );
        assert_eq!(results.len(), 3);
        let one = results[0].as_ref().unwrap();
        assert_eq!((one.stored, one.duplicates, one.stored_bytes), (2, 0, 200));
        assert_eq!(one.stored_by_rank, [1, 0, 1]);
        match &results[1] {
            Err(StoreError::QuotaExceeded {
                mailbox,
                reason,
                detail,
            }) => {
                assert_eq!(*mailbox, MailboxId([1; 32]));
                assert_eq!(*reason, QuotaReason::MailboxFull);
                assert_eq!(detail, "full: 3 envelopes waiting, limit 3");
            }
            other => panic!("expected a quota refusal, got {other:?}"),
        }
        let three = results[2].as_ref().unwrap();
        assert_eq!((three.stored, three.duplicates), (1, 2));
        let ids = |to: u8| -> Vec<u8> {
            store
                .fetch(&MailboxId([to; 32]), None, 100, 1 << 20, 0)
                .unwrap()
                .envelopes
                .iter()
                .map(|e| e.id.0[0])
                .collect()
        };
        assert_eq!(ids(1), vec![1, 2]);
        assert_eq!(ids(2), vec![6]);
        // Usage counts what is stored: two more fit in mailbox 2, not three.
        let more = [env(2, 7, Priority::Low, 100), env(2, 8, Priority::Low, 100)];
        assert!(store.put(&more, QUOTA).is_ok());
        assert!(store.put(&[env(2, 9, Priority::Low, 100)], QUOTA).is_err());
    }

    #[test]
    fn fetch_orders_by_priority_then_arrival_and_pages() {
        let (_dir, store) = open();
        let q = ROOMY;
        store
            .put(
                &[
                    env(1, 1, Priority::Low, 100),
                    env(1, 2, Priority::High, 100),
                ],
                q,
            )
            .unwrap();
        store
            .put(
                &[
                    env(1, 3, Priority::Medium, 100),
                    env(1, 4, Priority::High, 100),
                ],
                q,
            )
            .unwrap();
        store.put(&[env(2, 5, Priority::High, 100)], q).unwrap();
        let page = store
            .fetch(&MailboxId([1; 32]), None, 3, usize::MAX, 0)
            .unwrap();
        let ids: Vec<u8> = page.envelopes.iter().map(|e| e.id.0[0]).collect();
        assert_eq!(ids, vec![2, 4, 3]);
        let rest = store
            .fetch(&MailboxId([1; 32]), page.next, 3, usize::MAX, 0)
            .unwrap();
        assert_eq!(
            rest.envelopes.iter().map(|e| e.id.0[0]).collect::<Vec<_>>(),
            vec![1]
        );
        assert_eq!(rest.next, None);
    }

    #[test]
    fn puts_are_idempotent_by_id() {
        let (_dir, store) = open();
        let batch = [env(1, 1, Priority::High, 100)];
        assert_eq!(
            store.put(&batch, QUOTA).unwrap(),
            PutOutcome {
                stored: 1,
                stored_bytes: 100,
                stored_by_rank: [1, 0, 0],
                duplicates: 0
            }
        );
        assert_eq!(
            store.put(&batch, QUOTA).unwrap(),
            PutOutcome {
                stored: 0,
                stored_bytes: 0,
                stored_by_rank: [0, 0, 0],
                duplicates: 1
            }
        );
        assert_eq!(store.envelope_count(), 1);
    }

    #[test]
    fn quota_rejects_the_whole_batch() {
        let (_dir, store) = open();
        store
            .put(
                &[
                    env(1, 1, Priority::High, 100),
                    env(1, 2, Priority::High, 100),
                ],
                QUOTA,
            )
            .unwrap();
        let err = store
            .put(
                &[
                    env(1, 3, Priority::High, 100),
                    env(1, 4, Priority::High, 100),
                ],
                QUOTA,
            )
            .unwrap_err();
        assert!(matches!(err, StoreError::QuotaExceeded { .. }));
        assert_eq!(store.envelope_count(), 2);
        // Deleting frees the quota again.
        assert_eq!(
            store
                .delete(&MailboxId([1; 32]), &[EnvelopeId([1; 16])])
                .unwrap(),
            1
        );
        store
            .put(
                &[
                    env(1, 3, Priority::High, 100),
                    env(1, 4, Priority::High, 100),
                ],
                QUOTA,
            )
            .unwrap();
    }

    #[test]
    fn delete_only_touches_the_callers_mailbox() {
        let (_dir, store) = open();
        store.put(&[env(1, 1, Priority::High, 100)], QUOTA).unwrap();
        assert_eq!(
            store
                .delete(&MailboxId([2; 32]), &[EnvelopeId([1; 16])])
                .unwrap(),
            0
        );
        assert_eq!(store.envelope_count(), 1);
    }

    #[test]
    fn expired_envelopes_are_hidden_then_purged() {
        let (_dir, store) = open();
        let q = ROOMY;
        store
            .put(
                &[
                    env(1, 1, Priority::High, 50),
                    env(1, 2, Priority::High, 150),
                ],
                q,
            )
            .unwrap();
        let page = store
            .fetch(&MailboxId([1; 32]), None, 10, usize::MAX, 100)
            .unwrap();
        assert_eq!(page.envelopes.len(), 1);
        assert_eq!(store.purge_expired(100).unwrap(), 1);
        assert_eq!(store.envelope_count(), 1);
        assert_eq!(store.purge_expired(100).unwrap(), 0);
        // The sweep remembered 150 as the earliest expiry; an envelope stored later that
        // expires sooner is still found, as are both once 150 has passed.
        store.put(&[env(1, 3, Priority::Low, 120)], q).unwrap();
        assert_eq!(store.purge_expired(130).unwrap(), 1);
        assert_eq!(store.purge_expired(149).unwrap(), 0);
        assert_eq!(store.purge_expired(150).unwrap(), 1);
        assert_eq!(store.envelope_count(), 0);
        assert_eq!(store.usage(&MailboxId([1; 32])), (0, 0));
    }

    #[test]
    fn arrivals_are_counted_by_month_and_priority() {
        let (_dir, store) = open();
        let q = ROOMY;
        let outcome = store
            .put(
                &[
                    env(1, 1, Priority::High, 100),
                    env(2, 2, Priority::High, 100),
                    env(1, 3, Priority::Low, 100),
                ],
                q,
            )
            .unwrap();
        assert_eq!(outcome.stored_by_rank, [2, 0, 1]);
        store
            .count_arrivals("2026-11", outcome.stored_by_rank)
            .unwrap();
        store.count_arrivals("2026-12", [0, 1, 0]).unwrap();
        store.count_arrivals("2026-11", [1, 0, 0]).unwrap();
        let (months, waiting) = store.stats().unwrap();
        assert_eq!(waiting, 3);
        assert_eq!(months.len(), 2);
        assert_eq!(
            (
                months[0].month.as_str(),
                months[0].high,
                months[0].medium,
                months[0].low
            ),
            ("2026-11", 3, 0, 1)
        );
        assert_eq!((months[1].month.as_str(), months[1].medium), ("2026-12", 1));
    }

    #[test]
    fn data_survives_reopen_after_flush() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = SledStore::open(dir.path(), 1 << 20).unwrap();
            store.put(&[env(1, 1, Priority::High, 100)], QUOTA).unwrap();
            store.flush().unwrap();
        }
        let store = SledStore::open(dir.path(), 1 << 20).unwrap();
        let page = store
            .fetch(&MailboxId([1; 32]), None, 10, usize::MAX, 0)
            .unwrap();
        assert_eq!(page.envelopes.len(), 1);
        // The index is rebuilt: usage, duplicates and expiry are as before the reopen.
        assert_eq!(store.usage(&MailboxId([1; 32])), (1, 100));
        let again = store.put(&[env(1, 1, Priority::High, 100)], QUOTA).unwrap();
        assert_eq!((again.stored, again.duplicates), (0, 1));
        assert_eq!(store.purge_expired(100).unwrap(), 1);
    }

    /// Segments hold 4 envelopes of this test's size (about 190 bytes encoded).
    const SMALL_SEGMENTS: u64 = 800;

    fn segment_files(dir: &Path) -> usize {
        std::fs::read_dir(dir.join("bodies")).unwrap().count()
    }

    #[test]
    fn segments_go_once_their_envelopes_are_acknowledged_or_expired() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, SMALL_SEGMENTS).unwrap();
        let q = ROOMY;
        let batch: Vec<Envelope> = (0..20).map(|i| env(1, i, Priority::Low, 100)).collect();
        store.put(&batch, q).unwrap();
        // Retries and refused batches write bodies that nothing points to.
        store.put(&batch[..4], q).unwrap();
        let tight = Quota {
            max_envelopes: 1,
            max_bytes: 1 << 20,
            sender_share_percent: 100,
        };
        assert!(store
            .put(
                &[env(2, 1, Priority::Low, 100), env(2, 2, Priority::Low, 100)],
                tight
            )
            .is_err());
        store.put(&[env(3, 1, Priority::Low, 50)], q).unwrap();
        store.flush().unwrap();
        // 21 envelopes stored at about 4 per segment.
        let (files, live) = store.bodies.usage();
        assert!(files >= 5, "{files} segments");
        assert_eq!(segment_files(dir.path()), files);
        let one = encode(&batch[0]).unwrap().len() as u64;
        assert_eq!(
            live,
            20 * one + encode(&env(3, 1, Priority::Low, 50)).unwrap().len() as u64
        );

        // Acknowledging all of mailbox 1 and expiring mailbox 3 frees every sealed segment.
        let ids: Vec<EnvelopeId> = batch.iter().map(|e| e.id).collect();
        assert_eq!(store.delete(&MailboxId([1; 32]), &ids).unwrap(), 20);
        assert_eq!(store.purge_expired(60).unwrap(), 1);
        store.flush().unwrap();
        assert_eq!(
            segment_files(dir.path()),
            1,
            "only the active segment is left"
        );
        assert_eq!(store.bodies.usage(), (1, 0));

        // What is left after a reopen is what was stored.
        store.put(&batch[..6], q).unwrap();
        store.flush().unwrap();
        drop(store);
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, SMALL_SEGMENTS).unwrap();
        let page = store
            .fetch(&MailboxId([1; 32]), None, 100, usize::MAX, 0)
            .unwrap();
        assert_eq!(page.envelopes, batch[..6].to_vec());
    }

    #[test]
    fn compaction_moves_the_envelopes_of_sparse_segments_and_frees_them() {
        let dir = tempfile::tempdir().unwrap();
        let batch: Vec<Envelope> = (0..20).map(|i| env(1, i, Priority::Low, 100)).collect();
        // Four envelopes to a segment.
        let segment = 4 * encode(&batch[0]).unwrap().len() as u64;
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, segment).unwrap();
        let q = ROOMY;
        store.put(&batch, q).unwrap();
        // Nothing is sparse while every envelope waits.
        assert_eq!(store.compact().unwrap(), 0);
        // One envelope in four stays: every segment keeps one and is mostly garbage.
        let gone: Vec<EnvelopeId> = batch
            .iter()
            .map(|e| e.id)
            .filter(|id| id.0[0] % 4 != 0)
            .collect();
        store.delete(&MailboxId([1; 32]), &gone).unwrap();
        store.flush().unwrap();
        assert_eq!(segment_files(dir.path()), 5);

        // The four sealed segments are copied into the active one (which fills, so a
        // sixth starts); the four go.
        assert_eq!(store.compact().unwrap(), 4);
        assert_eq!(segment_files(dir.path()), 2);
        let kept: Vec<Envelope> = batch
            .iter()
            .filter(|e| e.id.0[0] % 4 == 0)
            .cloned()
            .collect();
        assert_eq!(waiting(&store, 1), kept);
        // Acknowledging a moved envelope frees its new place, and a reopen finds the rest.
        store.delete(&MailboxId([1; 32]), &[kept[0].id]).unwrap();
        store.flush().unwrap();
        drop(store);
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, segment).unwrap();
        assert_eq!(waiting(&store, 1), kept[1..].to_vec());
        assert_eq!(
            store.bodies.usage().1,
            4 * encode(&kept[1]).unwrap().len() as u64
        );
    }

    #[test]
    fn envelopes_whose_bodies_a_power_loss_took_are_dropped_and_acknowledged_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let q = ROOMY;
        let acknowledged = [
            env(1, 1, Priority::High, 100),
            env(1, 2, Priority::Low, 100),
        ];
        let lost = [
            env(1, 3, Priority::High, 100),
            env(2, 4, Priority::Low, 100),
        ];
        let synced_len = {
            let store = SledStore::open(dir.path(), 1 << 20).unwrap();
            store.put(&acknowledged, q).unwrap();
            store.flush().unwrap();
            store.put(&lost, q).unwrap();
            // sled wrote its records on its own; the bodies never reached the disk.
            store.db.flush().unwrap();
            std::fs::metadata(dir.path().join("bodies").join("00000000.seg"))
                .unwrap()
                .len()
        };
        let segment = dir.path().join("bodies").join("00000000.seg");
        let one = encode(&acknowledged[0]).unwrap().len() as u64;
        let acknowledged_len = one + encode(&acknowledged[1]).unwrap().len() as u64;
        assert!(synced_len > acknowledged_len);
        std::fs::OpenOptions::new()
            .write(true)
            .open(&segment)
            .unwrap()
            .set_len(acknowledged_len + 10)
            .unwrap();

        let store = SledStore::open(dir.path(), 1 << 20).unwrap();
        let page = store
            .fetch(&MailboxId([1; 32]), None, 100, usize::MAX, 0)
            .unwrap();
        assert_eq!(page.envelopes, acknowledged.to_vec());
        assert_eq!(store.envelope_count(), 2);
        assert_eq!(store.usage(&MailboxId([2; 32])), (0, 0));
        // The sender's retry stores them again.
        let again = store.put(&lost, q).unwrap();
        assert_eq!((again.stored, again.duplicates), (2, 0));
        store.flush().unwrap();
        drop(store);
        // A body below the watermark that is damaged is reported, never dropped.
        let mut bytes = std::fs::read(&segment).unwrap();
        bytes[3] ^= 1;
        std::fs::write(&segment, &bytes).unwrap();
        let store = SledStore::open(dir.path(), 1 << 20).unwrap();
        assert_eq!(store.envelope_count(), 4);
        assert!(matches!(
            store.fetch(&MailboxId([1; 32]), None, 100, usize::MAX, 0),
            Err(StoreError::Corrupt(m)) if m.contains("checksum")
        ));
    }

    #[test]
    fn compaction_and_concurrent_deletes_agree_on_what_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let sample = env(1, 0, Priority::Low, 100);
        let one = encode(&sample).unwrap().len() as u64;
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, 8 * one).unwrap();
        let q = Quota {
            max_envelopes: u64::MAX,
            max_bytes: u64::MAX,
            sender_share_percent: 100,
        };
        let make = |i: u32| {
            let mut e = sample.clone();
            e.id = EnvelopeId([0; 16]);
            e.id.0[..4].copy_from_slice(&i.to_be_bytes());
            e
        };
        let all: Vec<Envelope> = (0..2000).map(make).collect();
        for chunk in all.chunks(100) {
            store.put(chunk, q).unwrap();
        }
        // Three in four go before compaction starts, so that every segment is sparse.
        let early: Vec<EnvelopeId> = all
            .iter()
            .map(|e| e.id)
            .filter(|id| id.0[3] % 4 != 0)
            .collect();
        store.delete(&MailboxId([1; 32]), &early).unwrap();
        store.flush().unwrap();
        // While compaction moves the rest, another thread acknowledges half of them.
        let late: Vec<EnvelopeId> = all
            .iter()
            .map(|e| e.id)
            .filter(|id| id.0[3] % 8 == 0)
            .collect();
        let deleter = {
            let (store, late) = (store.clone(), late.clone());
            std::thread::spawn(move || {
                for id in late {
                    store.delete(&MailboxId([1; 32]), &[id]).unwrap();
                }
            })
        };
        let moved = store.compact().unwrap();
        deleter.join().unwrap();
        store.flush().unwrap();
        assert!(moved > 0);

        let left: Vec<Envelope> = all.iter().filter(|e| e.id.0[3] % 8 == 4).cloned().collect();
        assert_eq!(waiting(&store, 1), left);
        // Live accounting matches what is left, and a reopen (which recounts from sled)
        // finds the same envelopes and no more segments than live data needs.
        assert_eq!(store.bodies.usage().1, left.len() as u64 * one);
        drop(store);
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, 8 * one).unwrap();
        assert_eq!(waiting(&store, 1), left);
        assert_eq!(store.bodies.usage().1, left.len() as u64 * one);
        // Once nothing else runs, a compaction leaves every sealed segment at least half
        // live: at most twice the segments the live envelopes fill, plus the active one.
        store.compact().unwrap();
        assert!(store.bodies.sparse().unwrap().is_empty());
        let (files, _) = store.bodies.usage();
        assert!(
            files <= left.len() / 4 + 2,
            "{files} segments for {} envelopes",
            left.len()
        );
        assert_eq!(waiting(&store, 1), left);
    }

    #[test]
    fn a_fetch_that_races_compaction_reads_the_moved_envelopes() {
        let dir = tempfile::tempdir().unwrap();
        let batch: Vec<Envelope> = (0..20).map(|i| env(1, i, Priority::Low, 1000)).collect();
        let segment = 4 * encode(&batch[0]).unwrap().len() as u64;
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, segment).unwrap();
        let q = ROOMY;
        store.put(&batch, q).unwrap();
        let gone: Vec<EnvelopeId> = batch
            .iter()
            .map(|e| e.id)
            .filter(|id| id.0[0] % 4 != 0)
            .collect();
        store.delete(&MailboxId([1; 32]), &gone).unwrap();
        store.flush().unwrap();
        // Between reading the first record and its body, compaction moves every envelope and
        // removes their old segments.
        let other = store.clone();
        hooks::Hooks::set(&store.hooks.before_body_read, move || {
            assert!(other.compact().unwrap() > 0);
        });
        let page = store
            .fetch(&MailboxId([1; 32]), None, 100, usize::MAX, 0)
            .unwrap();
        let kept: Vec<Envelope> = batch
            .iter()
            .filter(|e| e.id.0[0] % 4 == 0)
            .cloned()
            .collect();
        assert_eq!(page.envelopes, kept);
    }

    #[test]
    fn the_expiry_sweep_spares_an_envelope_acknowledged_and_sent_again_since_its_scan() {
        let (_dir, store) = open();
        let q = ROOMY;
        store.put(&[env(1, 7, Priority::Low, 50)], q).unwrap();
        store.flush().unwrap();
        // After the scan found it expired: the recipient acknowledges it, and the sender's
        // retry stores it again with a later expiry, acknowledged.
        let other = store.clone();
        hooks::Hooks::set(&store.hooks.after_expiry_scan, move || {
            assert_eq!(
                other
                    .delete(&MailboxId([1; 32]), &[EnvelopeId([7; 16])])
                    .unwrap(),
                1
            );
            assert_eq!(
                other
                    .put(&[env(1, 7, Priority::Low, 10_000)], q)
                    .unwrap()
                    .stored,
                1
            );
            other.flush().unwrap();
        });
        assert_eq!(store.purge_expired(60).unwrap(), 0);
        let left = store
            .fetch(&MailboxId([1; 32]), None, 100, usize::MAX, 60)
            .unwrap()
            .envelopes;
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].expires_at, 10_000);
    }

    #[test]
    fn the_watermark_only_moves_forward_and_stays_out_of_backups() {
        let (_dir, store) = open();
        store.put(&[env(1, 1, Priority::High, 100)], QUOTA).unwrap();
        store.flush().unwrap();
        let stored = |store: &SledStore| {
            parse_watermark(&store.local.get(WATERMARK_KEY).unwrap().unwrap()).unwrap()
        };
        let first = stored(&store);
        assert!(first.1 > 0);
        // A flush that finishes after a later one does not move it back.
        let later = (first.0 + 1, 0);
        store
            .local
            .insert(WATERMARK_KEY, &encode_watermark(later)[..])
            .unwrap();
        store.flush().unwrap();
        assert_eq!(stored(&store), later);
        let mut backup = Vec::new();
        store.backup(&mut backup).unwrap();
        assert!(!backup
            .windows(WATERMARK_KEY.len())
            .any(|w| w == WATERMARK_KEY));
    }

    #[test]
    fn a_missing_segment_is_reported_at_open() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = SledStore::open_with_segments(dir.path(), 1 << 20, SMALL_SEGMENTS).unwrap();
            store.put(&[env(1, 1, Priority::High, 100)], QUOTA).unwrap();
            store.flush().unwrap();
        }
        std::fs::remove_file(dir.path().join("bodies").join("00000000.seg")).unwrap();
        match SledStore::open(dir.path(), 1 << 20) {
            Err(StoreError::Corrupt(m)) => assert!(m.contains("missing"), "{m}"),
            other => panic!("expected damage, got {other:?}"),
        }
    }

    fn submitted(store: &SledStore, to: u8) -> Vec<(u8, Option<PublicKeyBytes>)> {
        let page = store
            .fetch(&MailboxId([to; 32]), None, 10_000, usize::MAX, 0)
            .unwrap();
        assert_eq!(page.envelopes.len(), page.submitters.len());
        page.envelopes
            .iter()
            .map(|e| e.id.0[0])
            .zip(page.submitters)
            .collect()
    }

    #[test]
    fn expired_envelopes_never_hold_a_quota() {
        let (_dir, store) = open();
        let quotas = super::super::Quotas::uniform(QUOTA);
        let (attacker, victim) = (PublicKeyBytes([1; 32]), PublicKeyBytes([2; 32]));
        // Three short-lived envelopes fill mailbox 1 (quota 3) until second 10.
        let junk: Vec<Envelope> = (1..=3).map(|i| env(1, i, Priority::Low, 10)).collect();
        let first = store.put_many(&[by(&junk, attacker, &quotas)], 0);
        assert_eq!(first[0].as_ref().unwrap().stored, 3);
        let before = [env(1, 4, Priority::Low, 100)];
        assert!(matches!(
            store.put_many(&[by(&before, victim, &quotas)], 9)[0],
            Err(StoreError::QuotaExceeded { .. })
        ));
        // Once they expired, a put finds room without waiting for the sweep: the put
        // itself removes them.
        let after = [env(1, 5, Priority::Low, 100)];
        let results = store.put_many(&[by(&after, victim, &quotas)], 10);
        assert_eq!(results[0].as_ref().unwrap().stored, 1);
        store.flush().unwrap();
        assert_eq!(store.usage(&MailboxId([1; 32])), (1, 100));
        assert_eq!(store.envelope_count(), 1);
        assert_eq!(submitted(&store, 1), vec![(5, Some(victim))]);
    }

    #[test]
    fn one_submitter_holds_at_most_its_share_of_a_mailbox() {
        let (_dir, store) = open();
        let quota = Quota {
            max_envelopes: 8,
            max_bytes: 1 << 20,
            sender_share_percent: 25,
        };
        let quotas = super::super::Quotas::uniform(quota);
        let (attacker, other) = (PublicKeyBytes([1; 32]), PublicKeyBytes([2; 32]));
        let two: Vec<Envelope> = (1..=2).map(|i| env(1, i, Priority::Low, 100)).collect();
        let third = [env(1, 3, Priority::Low, 100)];
        let elsewhere = [env(2, 4, Priority::Low, 100)];
        let from_other = [env(1, 5, Priority::Low, 100)];
        let results = store.put_many(
            &[
                by(&two, attacker, &quotas),
                by(&third, attacker, &quotas),
                by(&elsewhere, attacker, &quotas),
                by(&from_other, other, &quotas),
            ],
            0,
        );
        assert_eq!(results[0].as_ref().unwrap().stored, 2);
        match &results[1] {
            Err(StoreError::QuotaExceeded {
                mailbox,
                reason,
                detail,
            }) => {
                assert_eq!(*mailbox, MailboxId([1; 32]));
                assert_eq!(*reason, QuotaReason::SenderShare);
                assert_eq!(
                    detail,
                    "sender share: 2 envelopes from you waiting, limit 2"
                );
            }
            other => panic!("expected a share refusal, got {other:?}"),
        }
        // Its share of another mailbox, and another sender, are not affected.
        assert_eq!(results[2].as_ref().unwrap().stored, 1);
        assert_eq!(results[3].as_ref().unwrap().stored, 1);
        // Once its envelopes are fetched and deleted, it may send again.
        store
            .delete(&MailboxId([1; 32]), &[EnvelopeId([1; 16])])
            .unwrap();
        assert_eq!(
            store.put_many(&[by(&third, attacker, &quotas)], 0)[0]
                .as_ref()
                .unwrap()
                .stored,
            1
        );
    }

    #[test]
    fn custodian_mailboxes_have_their_own_quota() {
        let (_dir, store) = open();
        let quotas = super::super::Quotas {
            member: QUOTA,
            custodian: Quota {
                max_envelopes: 5,
                ..QUOTA
            },
            custodian_mailboxes: vec![MailboxId([9; 32])],
        };
        let five: Vec<Envelope> = (1..=5).map(|i| env(9, i, Priority::Low, 100)).collect();
        let five_member: Vec<Envelope> = (1..=5).map(|i| env(1, i, Priority::Low, 10)).collect();
        let results = store.put_many(
            &[
                by(&five, TEST_SUBMITTER, &quotas),
                by(&five_member, TEST_SUBMITTER, &quotas),
            ],
            0,
        );
        assert_eq!(results[0].as_ref().unwrap().stored, 5);
        assert!(results[1].is_err());
    }

    #[test]
    fn submitters_are_kept_across_reopen_and_records_without_one_still_open() {
        let dir = tempfile::tempdir().unwrap();
        let key = PublicKeyBytes([7; 32]);
        {
            let store = SledStore::open(dir.path(), 1 << 20).unwrap();
            let quotas = super::super::Quotas::uniform(ROOMY);
            let batch = [env(1, 1, Priority::Low, 100)];
            store.put_many(&[by(&batch, key, &quotas)], 0)[0]
                .as_ref()
                .unwrap();
            store.put(&[env(1, 2, Priority::Low, 100)], ROOMY).unwrap();
            // A record as a relay that did not record submitters wrote it.
            let (seq, value) = store
                .envelopes
                .iter()
                .map(|r| r.unwrap())
                .find(|(_, v)| Record::from_bytes(v).unwrap().id == EnvelopeId([2; 16]))
                .unwrap();
            let old = Record {
                submitter: None,
                ..Record::from_bytes(&value).unwrap()
            };
            assert_eq!(old.to_bytes().len(), Record::LEN_WITHOUT_SUBMITTER);
            store.envelopes.insert(seq, old.to_bytes()).unwrap();
            store.flush().unwrap();
        }
        let store = SledStore::open(dir.path(), 1 << 20).unwrap();
        assert_eq!(submitted(&store, 1), vec![(1, Some(key)), (2, None)]);
        // A backup keeps them, and a restore puts them back.
        let mut backup = Vec::new();
        store.backup(&mut backup).unwrap();
        let other = tempfile::tempdir().unwrap();
        let restored = SledStore::open(other.path(), 1 << 20).unwrap();
        restored
            .restore(|| Ok(std::io::Cursor::new(backup.clone())))
            .unwrap();
        assert_eq!(submitted(&restored, 1), vec![(1, Some(key)), (2, None)]);
    }
}
