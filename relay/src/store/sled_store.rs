//! The sled implementation of [`Store`].
//!
//! Trees (all keys big-endian so that byte order is delivery order):
//!
//! | tree        | key                                   | value                  |
//! |-------------|---------------------------------------|------------------------|
//! | `envelopes` | mailbox(32) rank(1) seq(8)            | body pointer(16) id(16) expires_at(8) payload length(8) |
//! | `index`     | mailbox(32) envelope id(16)           | rank(1) seq(8)         |
//! | `expiry`    | expires_at(8) mailbox(32) rank(1) seq(8) | envelope id(16)     |
//! | `usage`     | mailbox(32)                           | count(8) bytes(8)      |
//! | `meta`      | `directory`                           | encoded `PublishedDirectory` |
//! | `meta`      | `seq_floor`                           | u64: first sequence number to use |
//! | `stats`     | month(7) rank(1)                      | count(8)               |
//! | `refused`   | mailbox(32)                           | envelopes refused while full (8) |
//!
//! The encoded envelopes themselves (the bodies) are in segment files beside sled
//! ([`super::bodies`]); the `envelopes` tree says where each one is, and holds what a delete
//! or an expiry needs so that neither reads a body.
//!
//! Every put and delete changes the four mailbox trees in one transaction. Writers share a
//! gate that a backup takes exclusively, so a snapshot never sees half of a change.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use poc_proto::{decode, encode, Envelope, EnvelopeId, FetchCursor, MailboxId, PublishedDirectory};
use sled::transaction::{ConflictableTransactionError, TransactionError, Transactional};

use super::bodies::{Bodies, Pointer, SEGMENT_BYTES};
use super::{FetchPage, PutOutcome, Quota, Store, StoreError};

const DIRECTORY_KEY: &[u8] = b"directory";
const SEQ_FLOOR_KEY: &[u8] = b"seq_floor";

/// Every tree of the store, in backup order (a backup names trees by their index here).
pub(super) const TREES: [&str; 7] = [
    "envelopes",
    "index",
    "expiry",
    "usage",
    "meta",
    "stats",
    "refused",
];

/// sled-backed mailboxes.
#[derive(Debug, Clone)]
pub struct SledStore {
    db: sled::Db,
    envelopes: sled::Tree,
    index: sled::Tree,
    expiry: sled::Tree,
    usage: sled::Tree,
    meta: sled::Tree,
    stats: sled::Tree,
    refused: sled::Tree,
    /// The encoded envelopes.
    bodies: Arc<Bodies>,
    /// Shared by writers, exclusive for a backup.
    gate: Arc<RwLock<()>>,
    /// Added to sled's id generator: raised by a restore above every restored position.
    seq_floor: Arc<AtomicU64>,
}

fn backend(e: sled::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

fn tx_error(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => backend(e),
    }
}

/// The same error again (one failed transaction fails every batch in it).
fn copy_error(e: &StoreError) -> StoreError {
    match e {
        StoreError::QuotaExceeded { mailbox, detail } => StoreError::QuotaExceeded {
            mailbox: *mailbox,
            detail: detail.clone(),
        },
        StoreError::Backend(m) => StoreError::Backend(m.clone()),
        StoreError::Corrupt(m) => StoreError::Corrupt(m.clone()),
    }
}

fn envelope_key(mailbox: &MailboxId, rank: u8, seq: u64) -> [u8; 41] {
    let mut key = [0u8; 41];
    key[..32].copy_from_slice(&mailbox.0);
    key[32] = rank;
    key[33..].copy_from_slice(&seq.to_be_bytes());
    key
}

fn index_key(mailbox: &MailboxId, id: &EnvelopeId) -> [u8; 48] {
    let mut key = [0u8; 48];
    key[..32].copy_from_slice(&mailbox.0);
    key[32..].copy_from_slice(&id.0);
    key
}

fn expiry_key(expires_at: u64, envelope_key: &[u8; 41]) -> [u8; 49] {
    let mut key = [0u8; 49];
    key[..8].copy_from_slice(&expires_at.to_be_bytes());
    key[8..].copy_from_slice(envelope_key);
    key
}

/// The value of an `envelopes` entry: where the body is, and what deletes need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    pointer: Pointer,
    id: EnvelopeId,
    expires_at: u64,
    payload_len: u64,
}

impl Record {
    const LEN: usize = Pointer::LEN + 16 + 8 + 8;

    fn new(pointer: Pointer, envelope: &Envelope) -> Self {
        Record {
            pointer,
            id: envelope.id,
            expires_at: envelope.expires_at,
            payload_len: envelope.payload.len() as u64,
        }
    }

    fn to_bytes(self) -> [u8; Self::LEN] {
        let mut out = [0u8; Self::LEN];
        out[..16].copy_from_slice(&self.pointer.to_bytes());
        out[16..32].copy_from_slice(&self.id.0);
        out[32..40].copy_from_slice(&self.expires_at.to_be_bytes());
        out[40..].copy_from_slice(&self.payload_len.to_be_bytes());
        out
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, StoreError> {
        if bytes.len() != Self::LEN {
            return Err(StoreError::Corrupt("envelope record length".into()));
        }
        let u64_at = |i: usize| {
            let mut v = [0u8; 8];
            v.copy_from_slice(&bytes[i..i + 8]);
            u64::from_be_bytes(v)
        };
        let mut id = [0u8; 16];
        id.copy_from_slice(&bytes[16..32]);
        Ok(Record {
            pointer: Pointer::from_bytes(&bytes[..16])?,
            id: EnvelopeId(id),
            expires_at: u64_at(32),
            payload_len: u64_at(40),
        })
    }
}

fn read_usage(bytes: Option<sled::IVec>) -> (u64, u64) {
    match bytes {
        Some(v) if v.len() == 16 => {
            let mut count = [0u8; 8];
            let mut total = [0u8; 8];
            count.copy_from_slice(&v[..8]);
            total.copy_from_slice(&v[8..]);
            (u64::from_be_bytes(count), u64::from_be_bytes(total))
        }
        _ => (0, 0),
    }
}

fn write_usage(count: u64, bytes: u64) -> [u8; 16] {
    let mut v = [0u8; 16];
    v[..8].copy_from_slice(&count.to_be_bytes());
    v[8..].copy_from_slice(&bytes.to_be_bytes());
    v
}

fn parse_position(value: &[u8]) -> Result<(u8, u64), StoreError> {
    if value.len() != 9 {
        return Err(StoreError::Corrupt("index entry length".into()));
    }
    let mut seq = [0u8; 8];
    seq.copy_from_slice(&value[1..]);
    Ok((value[0], u64::from_be_bytes(seq)))
}

impl SledStore {
    /// Opens (or creates) the store in `dir` with a page cache of `cache_bytes`.
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
        let meta = db.open_tree("meta").map_err(backend)?;
        let seq_floor = match meta.get(SEQ_FLOOR_KEY).map_err(backend)? {
            None => 0,
            Some(v) => <[u8; 8]>::try_from(v.as_ref())
                .map(u64::from_be_bytes)
                .map_err(|_| StoreError::Corrupt("seq_floor length".into()))?,
        };
        let envelopes = db.open_tree("envelopes").map_err(backend)?;
        let bodies = Bodies::open(
            &dir.join("bodies"),
            segment_bytes,
            envelopes.iter().map(|item| {
                let (_, value) = item.map_err(backend)?;
                Ok(Record::from_bytes(&value)?.pointer)
            }),
        )?;
        Ok(SledStore {
            envelopes,
            index: db.open_tree("index").map_err(backend)?,
            expiry: db.open_tree("expiry").map_err(backend)?,
            usage: db.open_tree("usage").map_err(backend)?,
            stats: db.open_tree("stats").map_err(backend)?,
            refused: db.open_tree("refused").map_err(backend)?,
            meta,
            db,
            bodies: Arc::new(bodies),
            gate: Arc::default(),
            seq_floor: Arc::new(AtomicU64::new(seq_floor)),
        })
    }

    /// The tree named `name` (one of [`TREES`]).
    pub(super) fn tree(&self, name: &str) -> Result<&sled::Tree, StoreError> {
        Ok(match name {
            "envelopes" => &self.envelopes,
            "index" => &self.index,
            "expiry" => &self.expiry,
            "usage" => &self.usage,
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

    /// Number of stored envelopes (all mailboxes).
    pub fn envelope_count(&self) -> usize {
        self.envelopes.len()
    }

    /// Applies `change` to the raw bytes of one stored envelope. For tests that simulate a
    /// damaged or tampered store; returns false if the envelope is not present.
    pub fn tamper_with(
        &self,
        mailbox: &MailboxId,
        id: &EnvelopeId,
        change: impl FnOnce(&mut Envelope),
    ) -> Result<bool, StoreError> {
        let Some(position) = self.index.get(index_key(mailbox, id)).map_err(backend)? else {
            return Ok(false);
        };
        let (rank, seq) = parse_position(&position)?;
        let key = envelope_key(mailbox, rank, seq);
        let Some(value) = self.envelopes.get(key).map_err(backend)? else {
            return Ok(false);
        };
        let old = Record::from_bytes(&value)?;
        let mut envelope: Envelope = decode(&self.bodies.read(old.pointer)?)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        change(&mut envelope);
        let bytes = encode(&envelope).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let pointers = self.bodies.append(&[&bytes])?;
        let record = Record {
            pointer: pointers[0],
            ..old
        };
        self.envelopes
            .insert(key, &record.to_bytes()[..])
            .map_err(backend)?;
        self.bodies.release(&[old.pointer]);
        self.flush()?;
        Ok(true)
    }

    /// Copies the envelopes of sparse body segments ([`Bodies::sparse`], for [`Store::compact`]) to the active
    /// segment and repoints them, then flushes, which removes the emptied segments. An
    /// envelope deleted meanwhile is left alone. Returns how many envelopes were moved.
    fn compact_segments(&self) -> Result<u64, StoreError> {
        let sparse = self.bodies.sparse()?;
        if sparse.is_empty() {
            return Ok(0);
        }
        let mut moved = 0u64;
        let mut found = Vec::new();
        for item in self.envelopes.iter() {
            let (key, value) = item.map_err(backend)?;
            let record = Record::from_bytes(&value)?;
            if sparse.contains(&record.pointer.segment()) {
                found.push((key, value, record));
            }
        }
        for chunk in found.chunks(256) {
            let _writing = self.shared();
            let mut bodies = Vec::with_capacity(chunk.len());
            let mut kept = Vec::with_capacity(chunk.len());
            for (key, value, record) in chunk {
                match self.bodies.read(record.pointer) {
                    Ok(body) => {
                        bodies.push(body);
                        kept.push((key, value, record));
                    }
                    // Deleted since the scan, and its segment already removed.
                    Err(_) if !self.envelopes.contains_key(key).map_err(backend)? => {}
                    Err(e) => return Err(e),
                }
            }
            let refs: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
            let pointers = self.bodies.append(&refs)?;
            for ((key, value, record), pointer) in kept.into_iter().zip(pointers) {
                let new = Record { pointer, ..*record };
                let swapped = self
                    .envelopes
                    .compare_and_swap(key, Some(value), Some(&new.to_bytes()[..]))
                    .map_err(backend)?;
                match swapped {
                    Ok(()) => {
                        self.bodies.release(&[record.pointer]);
                        moved += 1;
                    }
                    Err(_) => self.bodies.release(&[pointer]),
                }
            }
        }
        self.flush()?;
        Ok(moved)
    }

    /// The encoded envelope an `envelopes` entry points to (for backups).
    pub(super) fn body_of(&self, value: &[u8]) -> Result<Vec<u8>, StoreError> {
        self.bodies.read(Record::from_bytes(value)?.pointer)
    }

    /// Stores `(key, encoded envelope)` entries of the `envelopes` tree as a backup holds
    /// them: writes the bodies, then the entries pointing to them (for a restore, which
    /// writes the other trees itself).
    pub(super) fn insert_bodies(&self, entries: &[(Vec<u8>, Vec<u8>)]) -> Result<(), StoreError> {
        let mut records = Vec::with_capacity(entries.len());
        for (_, bytes) in entries {
            let envelope: Envelope =
                decode(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            records.push(envelope);
        }
        let bodies: Vec<&[u8]> = entries.iter().map(|(_, b)| b.as_slice()).collect();
        let pointers = self.bodies.append(&bodies)?;
        let mut batch = sled::Batch::default();
        for (((key, _), envelope), pointer) in entries.iter().zip(&records).zip(&pointers) {
            batch.insert(
                key.as_slice(),
                &Record::new(*pointer, envelope).to_bytes()[..],
            );
        }
        self.envelopes.apply_batch(batch).map_err(|e| {
            self.bodies.release(&pointers);
            backend(e)
        })
    }

    fn remove_positions(&self, items: &[(MailboxId, u8, u64)]) -> Result<u32, StoreError> {
        let _writing = self.shared();
        let gone = (&self.envelopes, &self.index, &self.expiry, &self.usage)
            .transaction(|(envelopes, index, expiry, usage)| {
                let mut gone = Vec::new();
                for (mailbox, rank, seq) in items {
                    let key = envelope_key(mailbox, *rank, *seq);
                    let Some(value) = envelopes.remove(&key[..])? else {
                        continue;
                    };
                    let record =
                        Record::from_bytes(&value).map_err(ConflictableTransactionError::Abort)?;
                    index.remove(&index_key(mailbox, &record.id)[..])?;
                    expiry.remove(&expiry_key(record.expires_at, &key)[..])?;
                    let (count, total) = read_usage(usage.get(mailbox.0)?);
                    let (count, total) = (
                        count.saturating_sub(1),
                        total.saturating_sub(record.payload_len),
                    );
                    if count == 0 {
                        usage.remove(&mailbox.0[..])?;
                    } else {
                        usage.insert(&mailbox.0[..], &write_usage(count, total)[..])?;
                    }
                    gone.push(record.pointer);
                }
                Ok(gone)
            })
            .map_err(tx_error)?;
        // Their segments go once no envelope is left in them, after the next flush.
        self.bodies.release(&gone);
        Ok(u32::try_from(gone.len()).unwrap_or(u32::MAX))
    }
}

impl Store for SledStore {
    fn put(&self, batch: &[Envelope], quota: Quota) -> Result<PutOutcome, StoreError> {
        self.put_many(&[(batch, quota)])
            .pop()
            .unwrap_or_else(|| Err(StoreError::Backend("no put result".into())))
    }

    fn put_many(&self, batches: &[(&[Envelope], Quota)]) -> Vec<Result<PutOutcome, StoreError>> {
        // Sequence numbers are taken before the transaction: a retried transaction may
        // reuse them, and gaps are harmless.
        let _writing = self.shared();
        let mut encoded = Vec::with_capacity(batches.len());
        for (batch, quota) in batches {
            let mut items = Vec::with_capacity(batch.len());
            let mut failed = None;
            for envelope in batch.iter() {
                let item = encode(envelope)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))
                    .and_then(|bytes| Ok((envelope, bytes, self.next_seq()?)));
                match item {
                    Ok(item) => items.push(item),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            encoded.push((items, *quota, failed));
        }
        // Every body is written and synced before sled sees a pointer to it. Bodies that end
        // up not stored (duplicates, refused batches) are released below.
        let bodies: Vec<&[u8]> = encoded
            .iter()
            .filter(|(_, _, failed)| failed.is_none())
            .flat_map(|(items, _, _)| items.iter().map(|(_, bytes, _)| bytes.as_slice()))
            .collect();
        let pointers = match self.bodies.append(&bodies) {
            Ok(pointers) => pointers,
            Err(e) => return encoded.iter().map(|_| Err(copy_error(&e))).collect(),
        };
        let mut next_pointer = pointers.iter();
        let mut batches = Vec::with_capacity(encoded.len());
        for (items, quota, failed) in &encoded {
            let items: Vec<_> = match failed {
                Some(_) => Vec::new(),
                None => items
                    .iter()
                    .zip(next_pointer.by_ref())
                    .map(|((envelope, _, seq), pointer)| (*envelope, *seq, *pointer))
                    .collect(),
            };
            batches.push((items, *quota, failed));
        }
        // One transaction for every batch: each batch is checked in full before any of its
        // writes, so a refused batch writes nothing and the others go ahead.
        let outcome = (&self.envelopes, &self.index, &self.expiry, &self.usage).transaction(
            |(envelopes, index, expiry, usage)| {
                let mut results = Vec::with_capacity(batches.len());
                let mut stored = Vec::new();
                for (items, quota, failed) in &batches {
                    if let Some(e) = failed {
                        results.push(Err(StoreError::Corrupt(e.to_string())));
                        continue;
                    }
                    // Check: which envelopes are new, and whether the quotas hold.
                    let mut fresh = Vec::with_capacity(items.len());
                    let mut seen = std::collections::HashSet::new();
                    let mut usages: std::collections::HashMap<MailboxId, (u64, u64)> =
                        std::collections::HashMap::new();
                    let mut outcome = PutOutcome::default();
                    let mut refusal = None;
                    for (envelope, seq, pointer) in items {
                        let ikey = index_key(&envelope.to, &envelope.id);
                        if !seen.insert(ikey) || index.get(&ikey[..])?.is_some() {
                            outcome.duplicates += 1;
                            continue;
                        }
                        let (count, total) = match usages.get(&envelope.to) {
                            Some(u) => *u,
                            None => read_usage(usage.get(envelope.to.0)?),
                        };
                        let size = envelope.payload.len() as u64;
                        if count + 1 > quota.max_envelopes {
                            refusal = Some(StoreError::QuotaExceeded {
                                mailbox: envelope.to,
                                detail: format!(
                                    "{count} envelopes waiting, limit {}",
                                    quota.max_envelopes
                                ),
                            });
                            break;
                        }
                        if total + size > quota.max_bytes {
                            refusal = Some(StoreError::QuotaExceeded {
                                mailbox: envelope.to,
                                detail: format!("{total} bytes waiting, limit {}", quota.max_bytes),
                            });
                            break;
                        }
                        usages.insert(envelope.to, (count + 1, total + size));
                        fresh.push((*envelope, *seq, *pointer, ikey));
                    }
                    if let Some(refusal) = refusal {
                        results.push(Err(refusal));
                        continue;
                    }
                    // Write.
                    for (envelope, seq, pointer, ikey) in fresh {
                        let rank = envelope.priority.rank();
                        let key = envelope_key(&envelope.to, rank, seq);
                        envelopes
                            .insert(&key[..], &Record::new(pointer, envelope).to_bytes()[..])?;
                        let mut position = [0u8; 9];
                        position[0] = rank;
                        position[1..].copy_from_slice(&seq.to_be_bytes());
                        index.insert(&ikey[..], &position[..])?;
                        expiry.insert(
                            &expiry_key(envelope.expires_at, &key)[..],
                            &envelope.id.0[..],
                        )?;
                        let size = envelope.payload.len() as u64;
                        outcome.stored += 1;
                        outcome.stored_bytes += size;
                        outcome.stored_by_rank[usize::from(rank.min(2))] += 1;
                        stored.push(pointer);
                    }
                    for (mailbox, (count, total)) in usages {
                        usage.insert(&mailbox.0[..], &write_usage(count, total)[..])?;
                    }
                    results.push(Ok(outcome));
                }
                Ok::<_, ConflictableTransactionError<StoreError>>((results, stored))
            },
        );
        match outcome {
            Ok((results, stored)) => {
                let stored: std::collections::HashSet<Pointer> = stored.into_iter().collect();
                let unused: Vec<Pointer> = pointers
                    .iter()
                    .filter(|p| !stored.contains(p))
                    .copied()
                    .collect();
                self.bodies.release(&unused);
                results
            }
            Err(e) => {
                self.bodies.release(&pointers);
                let e = tx_error(e);
                batches.iter().map(|_| Err(copy_error(&e))).collect()
            }
        }
    }

    fn flush(&self) -> Result<(), StoreError> {
        // Segments emptied by removals before this flush may go once it is done.
        let doomed = self.bodies.doomed();
        self.db.flush().map_err(backend)?;
        self.bodies.remove(&doomed)
    }

    fn fetch(
        &self,
        mailbox: &MailboxId,
        after: Option<FetchCursor>,
        limit: usize,
        max_bytes: usize,
        now: u64,
    ) -> Result<FetchPage, StoreError> {
        let start = match after {
            Some(c) => match c.seq.checked_add(1) {
                Some(seq) => envelope_key(mailbox, c.rank, seq).to_vec(),
                None => envelope_key(mailbox, c.rank.saturating_add(1), 0).to_vec(),
            },
            None => mailbox.0.to_vec(),
        };
        let mut end = mailbox.0.to_vec();
        end.push(0xff);
        let mut page = FetchPage::default();
        let mut bytes_out = 0usize;
        for item in self.envelopes.range(start..end) {
            let (key, value) = item.map_err(backend)?;
            if key.len() != 41 {
                return Err(StoreError::Corrupt("envelope key length".into()));
            }
            let mut seq = [0u8; 8];
            seq.copy_from_slice(&key[33..]);
            let cursor = FetchCursor {
                rank: key[32],
                seq: u64::from_be_bytes(seq),
            };
            let record = Record::from_bytes(&value)?;
            let len = usize::try_from(record.pointer.len()).unwrap_or(usize::MAX);
            if page.envelopes.len() >= limit
                || (bytes_out.saturating_add(len) > max_bytes && !page.envelopes.is_empty())
            {
                // More remain: continue after the last one returned.
                return Ok(page);
            }
            page.next = Some(cursor);
            if record.expires_at <= now {
                continue;
            }
            let body = match self.bodies.read(record.pointer) {
                Ok(body) => body,
                // Deleted meanwhile (acknowledged on another connection, or expired), and
                // its segment removed: not an error.
                Err(_) if !self.envelopes.contains_key(&key).map_err(backend)? => continue,
                Err(e) => return Err(e),
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
        }
        page.next = None;
        Ok(page)
    }

    fn delete(&self, mailbox: &MailboxId, ids: &[EnvelopeId]) -> Result<u32, StoreError> {
        let mut positions = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(position) = self.index.get(index_key(mailbox, id)).map_err(backend)? {
                let (rank, seq) = parse_position(&position)?;
                positions.push((*mailbox, rank, seq));
            }
        }
        self.remove_positions(&positions)
    }

    fn purge_expired(&self, now: u64) -> Result<u64, StoreError> {
        let horizon = now.saturating_add(1).to_be_bytes().to_vec();
        let mut purged = 0u64;
        loop {
            let mut keys = Vec::new();
            let mut positions = Vec::new();
            for item in self.expiry.range(..horizon.clone()).take(512) {
                let (key, _) = item.map_err(backend)?;
                if key.len() != 49 {
                    return Err(StoreError::Corrupt("expiry key length".into()));
                }
                let mut mailbox = [0u8; 32];
                mailbox.copy_from_slice(&key[8..40]);
                let mut seq = [0u8; 8];
                seq.copy_from_slice(&key[41..]);
                positions.push((MailboxId(mailbox), key[40], u64::from_be_bytes(seq)));
                keys.push(key);
            }
            if keys.is_empty() {
                return Ok(purged);
            }
            purged += u64::from(self.remove_positions(&positions)?);
            // The transaction removed the expiry entries of the envelopes it found; this also
            // drops any entry whose envelope is already gone, so the loop always advances.
            let _writing = self.shared();
            for key in keys {
                self.expiry.remove(key).map_err(backend)?;
            }
        }
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
        Ok((months, self.envelopes.len() as u64))
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

#[cfg(test)]
mod tests {
    use super::*;
    use poc_proto::{Priority, ENVELOPE_VERSION};

    const QUOTA: Quota = Quota {
        max_envelopes: 3,
        max_bytes: 1000,
    };

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
        let results = store.put_many(&[(&first, QUOTA), (&second, QUOTA), (&third, QUOTA)]);
        assert_eq!(results.len(), 3);
        let one = results[0].as_ref().unwrap();
        assert_eq!((one.stored, one.duplicates, one.stored_bytes), (2, 0, 200));
        assert_eq!(one.stored_by_rank, [1, 0, 1]);
        match &results[1] {
            Err(StoreError::QuotaExceeded { mailbox, detail }) => {
                assert_eq!(*mailbox, MailboxId([1; 32]));
                assert_eq!(detail, "3 envelopes waiting, limit 3");
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
        let q = Quota {
            max_envelopes: 100,
            max_bytes: 1 << 20,
        };
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
        let q = Quota {
            max_envelopes: 100,
            max_bytes: 1 << 20,
        };
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
    }

    #[test]
    fn arrivals_are_counted_by_month_and_priority() {
        let (_dir, store) = open();
        let q = Quota {
            max_envelopes: 100,
            max_bytes: 1 << 20,
        };
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
        let q = Quota {
            max_envelopes: 100,
            max_bytes: 1 << 20,
        };
        let batch: Vec<Envelope> = (0..20).map(|i| env(1, i, Priority::Low, 100)).collect();
        store.put(&batch, q).unwrap();
        // Retries and refused batches write bodies that nothing points to.
        store.put(&batch[..4], q).unwrap();
        let tight = Quota {
            max_envelopes: 1,
            max_bytes: 1 << 20,
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
        let q = Quota {
            max_envelopes: 100,
            max_bytes: 1 << 20,
        };
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
        let read = |store: &SledStore| {
            store
                .fetch(&MailboxId([1; 32]), None, 100, usize::MAX, 0)
                .unwrap()
                .envelopes
        };
        assert_eq!(read(&store), kept);
        // Acknowledging a moved envelope frees its new place, and a reopen finds the rest.
        store.delete(&MailboxId([1; 32]), &[kept[0].id]).unwrap();
        store.flush().unwrap();
        drop(store);
        let store = SledStore::open_with_segments(dir.path(), 1 << 20, segment).unwrap();
        assert_eq!(read(&store), kept[1..].to_vec());
        assert_eq!(
            store.bodies.usage().1,
            4 * encode(&kept[1]).unwrap().len() as u64
        );
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
}
