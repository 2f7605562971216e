//! Backups of a [`SledStore`]: a consistent snapshot of every tree in one checksummed file.
//!
//! Format (all integers big-endian):
//!
//! ```text
//! header  "POC-RELAY-BACKUP" (16 bytes) | version u16 (= 2; 1 is still read)
//! record  0x01 | tree u8 | key length u32 | key | value length u32 | value    (repeated)
//! end     0x00 | record count u64 | SHA-256 of every byte before the end marker
//! ```
//!
//! `tree` indexes `TREES` (in `sled_store.rs`). A backup holds the trees `envelopes` (key mailbox(32) rank(1)
//! seq(8), then in version 2 the submitting key(32) when the store knows it; value the encoded envelope), `meta`, `stats` and `refused`; a restore skips
//! records of `index`, `expiry` and `usage`, derived data of an earlier layout. A reader checks the magic, version, every length against its
//! limit, the count and the checksum; [`verify`] reads a whole file without writing anything,
//! and [`SledStore::restore`] imports only into an empty store after a successful
//! verification. The snapshot holds what the store holds: ciphertexts, mailbox ids and the
//! published directory, never plaintext.

use std::io::{BufReader, BufWriter, Read, Write};

use sha2::{Digest, Sha256};

use super::sled_store::{is_local_meta, SledStore, PLAIN_TREES, TREES};
use super::StoreError;

const MAGIC: &[u8; 16] = b"POC-RELAY-BACKUP";
/// Version written. Version 2 adds the submitter to envelope keys; version 1 files (without
/// it) are still read, and their envelopes restored with no submitter.
const VERSION: u16 = 2;
/// Oldest version read.
const OLDEST_VERSION: u16 = 1;
const RECORD: u8 = 1;
const END: u8 = 0;
/// Longest key of any tree (the expiry tree's 49 bytes, with room to grow).
const MAX_KEY_BYTES: u32 = 1024;
/// Longest value: an encoded envelope or directory stays under the protocol's frame limit.
const MAX_VALUE_BYTES: u32 = poc_proto::limits::MAX_FRAME_BYTES as u32;

/// Why a backup could not be written, read or restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// Reading or writing the backup failed.
    #[error("backup I/O failed: {0}")]
    Io(#[from] std::io::Error),
    /// The file does not start with the backup header.
    #[error("not a PoC Relay backup (wrong header)")]
    NotABackup,
    /// Written by a newer relay.
    #[error("backup format version {0} is not supported (this relay reads versions {OLDEST_VERSION} to {VERSION}); restore it with a relay at least as new as the one that wrote it")]
    UnsupportedVersion(u16),
    /// The file ends before its end marker.
    #[error("the backup is truncated")]
    Truncated,
    /// A length, tree number or marker is out of range, or the checksum does not match.
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    /// Restoring needs an empty store.
    #[error(
        "the data directory already holds {0} envelopes or a directory; restore needs an empty one"
    )]
    NotEmpty(usize),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a backup holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackupSummary {
    /// Records of every tree.
    pub records: u64,
    /// Envelopes among them.
    pub envelopes: u64,
    /// Bytes of the backup file.
    pub bytes: u64,
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl SledStore {
    /// Writes a consistent snapshot of the whole store to `out`. Writers wait while the
    /// snapshot is taken, so it never holds half of a submit, delete or purge.
    pub fn backup(&self, out: &mut dyn Write) -> Result<BackupSummary, BackupError> {
        let _quiet = self.exclusive();
        let mut w = Hashing {
            inner: BufWriter::new(out),
            hash: Sha256::new(),
            bytes: 0,
        };
        w.write_all(MAGIC)?;
        w.write_all(&VERSION.to_be_bytes())?;
        let mut summary = BackupSummary::default();
        fn record<W: Write>(
            w: &mut W,
            summary: &mut BackupSummary,
            name: &str,
            key: &[u8],
            value: &[u8],
        ) -> Result<(), BackupError> {
            let number = TREES.iter().position(|t| *t == name).unwrap_or(usize::MAX);
            let key_len = u32::try_from(key.len()).unwrap_or(u32::MAX);
            let value_len = u32::try_from(value.len()).unwrap_or(u32::MAX);
            if number >= TREES.len() || key_len > MAX_KEY_BYTES || value_len > MAX_VALUE_BYTES {
                return Err(BackupError::Damaged(format!(
                    "a record of tree {name} is larger than the format allows"
                )));
            }
            w.write_all(&[RECORD, number as u8])?;
            w.write_all(&key_len.to_be_bytes())?;
            w.write_all(key)?;
            w.write_all(&value_len.to_be_bytes())?;
            w.write_all(value)?;
            summary.records += 1;
            if name == "envelopes" {
                summary.envelopes += 1;
            }
            Ok(())
        }
        // Envelopes whole, not as pointers into this store's files.
        self.for_each_envelope(|key, value| record(&mut w, &mut summary, "envelopes", key, value))?;
        for name in PLAIN_TREES {
            for item in self.plain_tree(name)?.iter() {
                let (key, value) = item.map_err(|e| StoreError::Backend(e.to_string()))?;
                if name == "meta" && is_local_meta(&key) {
                    continue;
                }
                record(&mut w, &mut summary, name, &key, &value)?;
            }
        }
        let digest = w.hash.clone().finalize();
        let mut inner = w.inner;
        inner.write_all(&[END])?;
        inner.write_all(&summary.records.to_be_bytes())?;
        inner.write_all(&digest)?;
        inner.flush()?;
        summary.bytes = w.bytes + 1 + 8 + 32;
        Ok(summary)
    }

    /// Imports a backup into this store, which must be empty. The whole file is verified
    /// first (`open` is called twice: once to verify, once to import), so a damaged backup
    /// writes nothing. The store is flushed before returning.
    pub fn restore<R: Read>(
        &self,
        mut open: impl FnMut() -> std::io::Result<R>,
    ) -> Result<BackupSummary, BackupError> {
        let held = self.envelope_count() + usize::from(self.directory_present()?);
        if held > 0 {
            return Err(BackupError::NotEmpty(held));
        }
        verify(open()?)?;
        let mut max_seq = None::<u64>;
        // Envelope bodies are written (and synced) a few hundred at a time.
        let mut pending = Vec::new();
        let summary = read(open()?, |tree, key, value| {
            let name = TREES[usize::from(tree)];
            if name == "meta" && is_local_meta(&key) {
                return Ok(());
            }
            if PLAIN_TREES.contains(&name) {
                return self
                    .plain_tree(name)?
                    .insert(key, value)
                    .map(|_| ())
                    .map_err(|e| StoreError::Backend(e.to_string()));
            }
            if name != "envelopes" {
                // Derived data of an earlier layout (index, expiry, usage): rebuilt instead.
                return Ok(());
            }
            if let Some(seq) = key.get(33..41).and_then(|s| <[u8; 8]>::try_from(s).ok()) {
                let seq = u64::from_be_bytes(seq);
                max_seq = Some(max_seq.map_or(seq, |m| m.max(seq)));
            }
            pending.push((key, value));
            if pending.len() >= 256 {
                self.insert_bodies(&std::mem::take(&mut pending))?;
            }
            Ok(())
        })?;
        self.insert_bodies(&pending)?;
        // New envelopes must never reuse the position of a restored one.
        if let Some(seq) = max_seq {
            self.raise_seq_floor(seq.saturating_add(1))?;
        }
        use super::Store;
        self.flush()?;
        Ok(summary)
    }
}

/// Reads a whole backup and checks it, writing nothing.
pub fn verify(input: impl Read) -> Result<BackupSummary, BackupError> {
    read(input, |_, _, _| Ok(()))
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<(), BackupError> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => BackupError::Truncated,
        _ => BackupError::Io(e),
    })
}

fn read_u32(r: &mut impl Read, hash: &mut Sha256) -> Result<u32, BackupError> {
    let mut b = [0u8; 4];
    read_exact(r, &mut b)?;
    hash.update(b);
    Ok(u32::from_be_bytes(b))
}

fn read_bytes(
    r: &mut impl Read,
    hash: &mut Sha256,
    len: u32,
    limit: u32,
    what: &str,
) -> Result<Vec<u8>, BackupError> {
    if len > limit {
        return Err(BackupError::Damaged(format!(
            "{what} of {len} bytes, limit {limit}"
        )));
    }
    let mut buf = vec![0u8; len as usize];
    read_exact(r, &mut buf)?;
    hash.update(&buf);
    Ok(buf)
}

/// Streams the records of a backup to `each`, then checks the end marker. `each` sees
/// records before the checksum is known: callers that write verify the file first.
fn read(
    input: impl Read,
    mut each: impl FnMut(u8, Vec<u8>, Vec<u8>) -> Result<(), StoreError>,
) -> Result<BackupSummary, BackupError> {
    let mut r = BufReader::new(input);
    let mut hash = Sha256::new();
    let mut header = [0u8; 18];
    read_exact(&mut r, &mut header).map_err(|e| match e {
        BackupError::Truncated => BackupError::NotABackup,
        other => other,
    })?;
    if &header[..16] != MAGIC {
        return Err(BackupError::NotABackup);
    }
    let version = u16::from_be_bytes([header[16], header[17]]);
    if !(OLDEST_VERSION..=VERSION).contains(&version) {
        return Err(BackupError::UnsupportedVersion(version));
    }
    hash.update(header);
    let mut summary = BackupSummary {
        bytes: 18,
        ..BackupSummary::default()
    };
    loop {
        let mut tag = [0u8; 1];
        read_exact(&mut r, &mut tag)?;
        match tag[0] {
            RECORD => {
                hash.update(tag);
                let mut tree = [0u8; 1];
                read_exact(&mut r, &mut tree)?;
                hash.update(tree);
                if usize::from(tree[0]) >= TREES.len() {
                    return Err(BackupError::Damaged(format!("unknown tree {}", tree[0])));
                }
                let key_len = read_u32(&mut r, &mut hash)?;
                let key = read_bytes(&mut r, &mut hash, key_len, MAX_KEY_BYTES, "a key")?;
                let value_len = read_u32(&mut r, &mut hash)?;
                let value = read_bytes(&mut r, &mut hash, value_len, MAX_VALUE_BYTES, "a value")?;
                summary.records += 1;
                summary.bytes += 1 + 1 + 4 + u64::from(key_len) + 4 + u64::from(value_len);
                if TREES[usize::from(tree[0])] == "envelopes" {
                    summary.envelopes += 1;
                }
                each(tree[0], key, value)?;
            }
            END => {
                let mut count = [0u8; 8];
                read_exact(&mut r, &mut count)?;
                let mut digest = [0u8; 32];
                read_exact(&mut r, &mut digest)?;
                if u64::from_be_bytes(count) != summary.records {
                    return Err(BackupError::Damaged(format!(
                        "{} records announced, {} present",
                        u64::from_be_bytes(count),
                        summary.records
                    )));
                }
                if hash.finalize().as_slice() != digest {
                    return Err(BackupError::Damaged("checksum mismatch".into()));
                }
                let mut rest = [0u8; 1];
                if r.read(&mut rest)? != 0 {
                    return Err(BackupError::Damaged("bytes after the end marker".into()));
                }
                summary.bytes += 1 + 8 + 32;
                return Ok(summary);
            }
            other => return Err(BackupError::Damaged(format!("unknown marker {other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Quota, Store};
    use poc_proto::{Envelope, EnvelopeId, MailboxId, Priority, ENVELOPE_VERSION};
    use proptest::prelude::*;

    const QUOTA: Quota = Quota {
        max_envelopes: 100,
        max_bytes: 1 << 20,
        sender_share_percent: 100,
    };

    fn env(to: u8, id: u8) -> Envelope {
        Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId([id; 16]),
            to: MailboxId([to; 32]),
            priority: Priority::Medium,
            expires_at: u64::MAX / 2,
            payload: vec![id; 200],
        }
    }

    /// A well-formed backup (valid checksum) of `records` in tree 0 (`envelopes`).
    fn crafted(records: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&VERSION.to_be_bytes());
        for (key, value) in records {
            out.extend_from_slice(&[RECORD, 0]);
            out.extend_from_slice(&(key.len() as u32).to_be_bytes());
            out.extend_from_slice(key);
            out.extend_from_slice(&(value.len() as u32).to_be_bytes());
            out.extend_from_slice(value);
        }
        let digest = Sha256::digest(&out);
        out.push(END);
        out.extend_from_slice(&(records.len() as u64).to_be_bytes());
        out.extend_from_slice(&digest);
        out
    }

    #[test]
    fn a_backup_that_files_envelopes_wrongly_or_twice_is_refused() {
        let e = env(1, 1);
        let body = poc_proto::encode(&e).unwrap();
        let key = |mailbox: u8, seq: u64| {
            let mut key = vec![mailbox; 32];
            key.push(e.priority.rank());
            key.extend_from_slice(&seq.to_be_bytes());
            key
        };
        for records in [
            vec![(key(1, 5), body.clone()), (key(1, 6), body.clone())],
            vec![(key(2, 5), body.clone())],
        ] {
            let bytes = crafted(&records);
            assert!(verify(std::io::Cursor::new(&bytes)).is_ok());
            let b = tempfile::tempdir().unwrap();
            let target = SledStore::open(b.path(), 1 << 20).unwrap();
            let err = target
                .restore(|| Ok(std::io::Cursor::new(bytes.clone())))
                .unwrap_err();
            assert!(
                matches!(&err, BackupError::Store(StoreError::Corrupt(_))),
                "{err:?}"
            );
            assert_eq!(target.envelope_count(), 0);
        }
        // The same envelope filed once restores.
        let bytes = crafted(&[(key(1, 5), body)]);
        let b = tempfile::tempdir().unwrap();
        let target = SledStore::open(b.path(), 1 << 20).unwrap();
        target
            .restore(|| Ok(std::io::Cursor::new(bytes.clone())))
            .unwrap();
        assert_eq!(target.envelope_count(), 1);
    }

    fn backup_of(store: &SledStore) -> Vec<u8> {
        let mut out = Vec::new();
        store.backup(&mut out).unwrap();
        out
    }

    #[test]
    fn a_restored_store_serves_the_same_envelopes_and_never_reuses_their_positions() {
        let a = tempfile::tempdir().unwrap();
        let store = SledStore::open(a.path(), 1 << 20).unwrap();
        store
            .put(&[env(1, 1), env(1, 2), env(2, 3)], QUOTA)
            .unwrap();
        store
            .delete(&MailboxId([1; 32]), &[EnvelopeId([2; 16])])
            .unwrap();
        let bytes = backup_of(&store);
        let summary = verify(bytes.as_slice()).unwrap();
        assert_eq!((summary.envelopes, summary.bytes), (2, bytes.len() as u64));

        let b = tempfile::tempdir().unwrap();
        let restored = SledStore::open(b.path(), 1 << 20).unwrap();
        restored
            .restore(|| Ok(std::io::Cursor::new(bytes.clone())))
            .unwrap();
        for (to, ids) in [(1u8, vec![1u8]), (2, vec![3])] {
            let page = restored
                .fetch(&MailboxId([to; 32]), None, 100, 1 << 20, 0)
                .unwrap();
            let got: Vec<u8> = page.envelopes.iter().map(|e| e.id.0[0]).collect();
            assert_eq!(got, ids);
        }
        // New envelopes land after the restored ones instead of overwriting them.
        restored.put(&[env(1, 9), env(1, 10)], QUOTA).unwrap();
        let page = restored
            .fetch(&MailboxId([1; 32]), None, 100, 1 << 20, 0)
            .unwrap();
        let got: Vec<u8> = page.envelopes.iter().map(|e| e.id.0[0]).collect();
        assert_eq!(got, vec![1, 9, 10]);
        // A duplicate of a restored envelope is still recognised.
        assert_eq!(restored.put(&[env(2, 3)], QUOTA).unwrap().duplicates, 1);
        // A second restore into a store that holds data is refused.
        let again = restored.restore(|| Ok(std::io::Cursor::new(bytes.clone())));
        assert!(matches!(again, Err(BackupError::NotEmpty(_))), "{again:?}");
    }

    #[test]
    fn damaged_backups_are_refused_and_write_nothing() {
        let a = tempfile::tempdir().unwrap();
        let store = SledStore::open(a.path(), 1 << 20).unwrap();
        store.put(&[env(1, 1), env(2, 2)], QUOTA).unwrap();
        let good = backup_of(&store);
        let mut flipped = good.clone();
        flipped[40] ^= 1;
        type Expect = fn(&BackupError) -> bool;
        let cases: Vec<(Vec<u8>, Expect)> = vec![
            (good[..good.len() - 5].to_vec(), |e| {
                matches!(e, BackupError::Truncated)
            }),
            (flipped, |e| matches!(e, BackupError::Damaged(_))),
            (b"not a backup at all".to_vec(), |e| {
                matches!(e, BackupError::NotABackup)
            }),
            ([good.clone(), vec![0]].concat(), |e| {
                matches!(e, BackupError::Damaged(_))
            }),
        ];
        for (bytes, expected) in cases {
            let b = tempfile::tempdir().unwrap();
            let target = SledStore::open(b.path(), 1 << 20).unwrap();
            let err = target
                .restore(|| Ok(std::io::Cursor::new(bytes.clone())))
                .unwrap_err();
            assert!(expected(&err), "unexpected error {err:?}");
            assert_eq!(target.envelope_count(), 0, "a refused backup wrote data");
        }
    }

    #[test]
    fn a_backup_taken_during_writes_is_consistent() {
        let a = tempfile::tempdir().unwrap();
        let store = SledStore::open(a.path(), 8 << 20).unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writer = {
            let (store, stop) = (store.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = 0u32;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) && i < 3000 {
                    let mut e = env((i % 4) as u8, 0);
                    e.id = EnvelopeId([(i % 251) as u8; 16]);
                    e.id.0[..4].copy_from_slice(&i.to_be_bytes());
                    let roomy = Quota {
                        max_envelopes: u64::MAX,
                        max_bytes: u64::MAX,
                        sender_share_percent: 100,
                    };
                    store.put(&[e.clone()], roomy).unwrap();
                    if i.is_multiple_of(3) {
                        store.delete(&e.to, &[e.id]).unwrap();
                    }
                    i += 1;
                }
                i
            })
        };
        let mut checked = 0;
        for _ in 0..6 {
            let bytes = backup_of(&store);
            let b = tempfile::tempdir().unwrap();
            let restored = SledStore::open(b.path(), 1 << 20).unwrap();
            restored
                .restore(|| Ok(std::io::Cursor::new(bytes.clone())))
                .unwrap();
            // Every envelope restored is whole and counted once, in its own mailbox.
            let envelopes = restored.envelope_count();
            let mut counted = 0;
            for to in 0..4u8 {
                let page = restored
                    .fetch(&MailboxId([to; 32]), None, 100_000, usize::MAX, 0)
                    .unwrap();
                assert!(page.envelopes.iter().all(|e| e.to == MailboxId([to; 32])));
                assert_eq!(
                    restored.usage(&MailboxId([to; 32])),
                    (
                        page.envelopes.len() as u64,
                        200 * page.envelopes.len() as u64
                    )
                );
                counted += page.envelopes.len();
            }
            assert_eq!(counted, envelopes);
            checked += envelopes;
        }
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let written = writer.join().unwrap();
        assert!(
            written > 0 && checked > 0,
            "{written} puts, {checked} checked"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn arbitrary_bytes_never_panic_the_reader(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = verify(bytes.as_slice());
            let mut with_header = MAGIC.to_vec();
            with_header.extend_from_slice(&VERSION.to_be_bytes());
            with_header.extend_from_slice(&bytes);
            prop_assert!(verify(with_header.as_slice()).is_err() || bytes.len() >= 41);
        }
    }
}
