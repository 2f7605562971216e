//! Envelope bodies in append-only segment files; sled keeps only a [`Pointer`] to each.
//!
//! sled rewrites a tree node whole each time it consolidates it and cleans a log segment only
//! once half of it is garbage, so 1 KiB values inside its trees took about three bytes of disk
//! per payload byte. Here a body is written once, at the end of the active segment file
//! (`<store>/bodies/<number>.seg`, up to [`SEGMENT_BYTES`]), and never rewritten.
//!
//! Rules that keep every acknowledged envelope readable after a crash:
//!
//! - A flush syncs the bodies first ([`Bodies::sync`]: `fdatasync` of the active segment; a
//!   segment is synced whole when it is sealed), then records in sled how far they are synced
//!   (the *watermark*), then flushes sled. Every acknowledged envelope's body is below the
//!   watermark that its flush made durable.
//! - sled may write records on its own before a flush, so after a power loss a record can
//!   point to a body that never reached the disk. Such an envelope was never acknowledged:
//!   at open, every pointer above the watermark is checked (bounds and CRC) and dropped if its
//!   body is not whole ([`Bodies::open`]); below the watermark a bad body is damage, reported
//!   as such. Writers that repoint records outside a flush (compaction, restore) sync first.
//! - A segment file is removed only once no pointer into it is left, and only after the sled
//!   flush that made those removals durable ([`Bodies::doomed`], then [`Bodies::remove`]).
//! - At open, live pointers are counted from sled itself ([`Bodies::open`]); segments
//!   with none (bodies refused as duplicates or over quota, or written just before a crash)
//!   are removed, and writing starts in a new segment, so a torn tail is never appended to.
//!
//! Space: a segment is freed when its last envelope is fetched and acknowledged, or expires.
//! A sealed segment less than half full of live bodies is compacted: the store copies them to
//! the active segment and repoints them ([`super::Store::compact`], run with each expiry
//! sweep), so envelopes left unread do not keep whole segments on disk.

use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use super::StoreError;

/// Largest segment file. Bodies are at most one frame, far smaller.
pub const SEGMENT_BYTES: u64 = 64 << 20;

/// Where one body is: segment, offset, length and CRC-32 of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pointer {
    segment: u32,
    offset: u32,
    len: u32,
    crc: u32,
}

impl Pointer {
    /// Encoded length.
    pub const LEN: usize = 16;

    /// Big-endian segment, offset, length, CRC.
    pub fn to_bytes(self) -> [u8; Self::LEN] {
        let mut out = [0u8; Self::LEN];
        for (i, v) in [self.segment, self.offset, self.len, self.crc]
            .into_iter()
            .enumerate()
        {
            out[i * 4..i * 4 + 4].copy_from_slice(&v.to_be_bytes());
        }
        out
    }

    /// Parses [`Pointer::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StoreError> {
        if bytes.len() != Self::LEN {
            return Err(StoreError::Corrupt("body pointer length".into()));
        }
        let field = |i: usize| {
            let mut v = [0u8; 4];
            v.copy_from_slice(&bytes[i * 4..i * 4 + 4]);
            u32::from_be_bytes(v)
        };
        Ok(Pointer {
            segment: field(0),
            offset: field(1),
            len: field(2),
            crc: field(3),
        })
    }

    /// Number of the segment file.
    pub fn segment(self) -> u32 {
        self.segment
    }

    /// Bytes of the body.
    pub fn len(self) -> u64 {
        u64::from(self.len)
    }
}

/// Pointers into one segment and their bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Live {
    count: u64,
    bytes: u64,
}

#[derive(Debug)]
struct Inner {
    /// Number of the segment being appended to, and its length.
    active: u32,
    active_len: u64,
    /// Open handles of every segment, the active one included.
    files: HashMap<u32, Arc<File>>,
    /// Live pointers per segment.
    live: BTreeMap<u32, Live>,
    /// Sealed segments without live pointers, waiting for the next flush.
    doomed: Vec<u32>,
    /// Set when a sync failed: the kernel may have dropped the unsynced pages, and a later
    /// sync could succeed without them, so nothing more is written or synced until a restart
    /// re-checks what is above the last watermark.
    failed: Option<String>,
    /// The last watermark a sync made durable: every body that ends at or below it (in an
    /// earlier segment, or in this one up to this length) is on disk.
    synced: (u32, u64),
}

/// The segment files of one store.
#[derive(Debug)]
pub struct Bodies {
    dir: PathBuf,
    segment_bytes: u64,
    inner: Mutex<Inner>,
    /// Held through each [`Bodies::sync`]: Linux reports a failed writeback to one `fsync`
    /// of a file only, so two at once could both see success.
    syncing: Mutex<()>,
}

fn io(what: &str, e: std::io::Error) -> StoreError {
    StoreError::Backend(format!("{what}: {e}"))
}

fn segment_path(dir: &Path, number: u32) -> PathBuf {
    dir.join(format!("{number:08x}.seg"))
}

fn open_segment(dir: &Path, number: u32, create: bool) -> Result<File, StoreError> {
    OpenOptions::new()
        .read(true)
        .append(false)
        .write(create)
        .create_new(create)
        .mode(0o600)
        .open(segment_path(dir, number))
        .map_err(|e| io("opening a body segment", e))
}

/// Records that a sync failed, and returns its error.
fn fail(inner: &mut Inner, error: StoreError) -> StoreError {
    inner.failed = Some(error.to_string());
    error
}

/// The error for every write and sync after a failed sync.
fn refuse_if_failed(inner: &Inner) -> Result<(), StoreError> {
    match &inner.failed {
        None => Ok(()),
        Some(cause) => Err(StoreError::Backend(format!(
            "an earlier sync of the envelope files failed ({cause}); the relay must be \
             restarted before it stores anything more"
        ))),
    }
}

/// Whether the body `pointer` points to is whole (in a file of `files`, and passes its CRC).
fn check(files: &HashMap<u32, Arc<File>>, pointer: Pointer) -> bool {
    files
        .get(&pointer.segment)
        .is_some_and(|file| read_body(file, pointer).is_ok())
}

/// The body `pointer` points to in `file`, checked against its CRC.
fn read_body(file: &File, pointer: Pointer) -> Result<Vec<u8>, StoreError> {
    let mut body = vec![0u8; pointer.len as usize];
    file.read_exact_at(&mut body, u64::from(pointer.offset))
        .map_err(|e| match e.kind() {
            ErrorKind::UnexpectedEof => StoreError::Corrupt(format!(
                "body segment {:08x} is shorter than an envelope in it",
                pointer.segment
            )),
            _ => io("reading a body segment", e),
        })?;
    if crc32fast::hash(&body) != pointer.crc {
        return Err(StoreError::Corrupt(format!(
            "an envelope in body segment {:08x} fails its checksum",
            pointer.segment
        )));
    }
    Ok(body)
}

/// fsync of the directory, so that a created or removed segment file stays so.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io("syncing the body directory", e))
}

impl Bodies {
    /// Opens the segments under `dir` (created 0700 if missing), given every pointer stored
    /// in sled and the watermark last recorded by a flush. Pointers above the watermark whose
    /// body is not whole are left out (their flags in the returned list are false: the caller
    /// removes their records); the others are counted as live. Then removes the segments
    /// nothing points into (left over from refused bodies or from before a crash), syncs the
    /// ones that may hold unsynced bodies, and starts a new segment to append to, numbered
    /// after every segment that exists, is pointed to or holds the watermark.
    pub fn open(
        dir: &Path,
        segment_bytes: u64,
        watermark: Option<(u32, u64)>,
        pointers: &[Pointer],
    ) -> Result<(Self, Vec<bool>), StoreError> {
        match std::fs::DirBuilder::new().mode(0o700).create(dir) {
            // The new directory's name stays only once its parent is synced.
            Ok(()) => {
                if let Some(parent) = dir.parent() {
                    sync_dir(parent)?;
                }
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io("creating the body directory", e)),
        }
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io("listing body segments", e))? {
            let entry = entry.map_err(|e| io("listing body segments", e))?;
            let name = entry.file_name();
            let Some(number) = name
                .to_str()
                .and_then(|n| n.strip_suffix(".seg"))
                .and_then(|n| u32::from_str_radix(n, 16).ok())
            else {
                continue;
            };
            files.insert(number, Arc::new(open_segment(dir, number, false)?));
        }
        let mut sizes = HashMap::new();
        let mut live: BTreeMap<u32, Live> = BTreeMap::new();
        let mut kept = Vec::with_capacity(pointers.len());
        for pointer in pointers.iter().copied() {
            let end = u64::from(pointer.offset) + pointer.len();
            let durable = watermark.is_some_and(|(segment, len)| {
                pointer.segment < segment || (pointer.segment == segment && end <= len)
            });
            let size = match files.get(&pointer.segment) {
                None => None,
                Some(file) => Some(match sizes.get(&pointer.segment) {
                    Some(size) => *size,
                    None => {
                        let size = file
                            .metadata()
                            .map_err(|e| io("reading a body segment's size", e))?
                            .len();
                        sizes.insert(pointer.segment, size);
                        size
                    }
                }),
            };
            let whole = match size {
                Some(size) if end <= size => durable || check(&files, pointer),
                _ => false,
            };
            if !whole && durable {
                return Err(StoreError::Corrupt(match size {
                    None => format!(
                        "an envelope points into body segment {:08x}, which is missing",
                        pointer.segment
                    ),
                    Some(_) => format!(
                        "an envelope points past the end of body segment {:08x}",
                        pointer.segment
                    ),
                }));
            }
            kept.push(whole);
            if whole {
                let entry = live.entry(pointer.segment).or_default();
                entry.count += 1;
                entry.bytes += pointer.len();
            }
        }
        // Segments at or above the watermark may hold bodies written but not synced: sync
        // them now, so that the next watermark (which covers every segment below its own)
        // tells the truth.
        let floor = watermark.map_or(0, |(segment, _)| segment);
        for (number, file) in &files {
            if *number >= floor {
                file.sync_data()
                    .map_err(|e| io("syncing a body segment", e))?;
            }
        }
        // Never reuse a number that a file, a pointer (even one being dropped) or the
        // watermark has named.
        let highest = files
            .keys()
            .copied()
            .chain(pointers.iter().map(|p| p.segment))
            .chain(watermark.map(|(segment, _)| segment))
            .max();
        let active = match highest {
            None => 0,
            Some(n) => n
                .checked_add(1)
                .ok_or_else(|| StoreError::Corrupt("body segment numbers exhausted".into()))?,
        };
        files.insert(active, Arc::new(open_segment(dir, active, true)?));
        sync_dir(dir)?;
        let bodies = Bodies {
            dir: dir.to_path_buf(),
            segment_bytes: segment_bytes.clamp(1, u64::from(u32::MAX)),
            inner: Mutex::new(Inner {
                active,
                active_len: 0,
                files,
                live,
                doomed: Vec::new(),
                failed: None,
                // Every segment was synced above, and the new active one is empty.
                synced: (active, 0),
            }),
            syncing: Mutex::new(()),
        };
        let unused: Vec<u32> = {
            let inner = bodies.lock();
            inner
                .files
                .keys()
                .copied()
                .filter(|n| *n != active && !inner.live.contains_key(n))
                .collect()
        };
        bodies.remove(&unused)?;
        Ok((bodies, kept))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes `bodies` at the end of the active segment (starting a new one when it is
    /// full). Not durable until [`Bodies::sync`]. Every returned pointer counts as live until
    /// [`Bodies::release`]d: release the ones that end up not stored. On error nothing is
    /// left counted.
    pub fn append(&self, bodies: &[&[u8]]) -> Result<Vec<Pointer>, StoreError> {
        let mut pointers = Vec::with_capacity(bodies.len());
        match self.write(bodies, &mut pointers) {
            Ok(()) => Ok(pointers),
            Err(e) => {
                self.release(&pointers);
                Err(e)
            }
        }
    }

    /// Makes every body appended so far durable. Returns the watermark: the active segment
    /// and the length of it now synced (every segment below it was synced when sealed).
    pub fn sync(&self) -> Result<(u32, u64), StoreError> {
        let _one = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
        let (number, len, file) = {
            let inner = self.lock();
            refuse_if_failed(&inner)?;
            let file =
                inner.files.get(&inner.active).cloned().ok_or_else(|| {
                    StoreError::Backend("the active body segment is not open".into())
                })?;
            (inner.active, inner.active_len, file)
        };
        // Synced outside the lock: readers and writers are not held up by the disk.
        if let Err(e) = file.sync_data() {
            return Err(fail(&mut self.lock(), io("syncing a body segment", e)));
        }
        let mut inner = self.lock();
        // A roll may have synced this segment meanwhile and been told of the failure that
        // this sync was then not told of.
        refuse_if_failed(&inner)?;
        inner.synced = inner.synced.max((number, len));
        Ok((number, len))
    }

    fn write(&self, bodies: &[&[u8]], pointers: &mut Vec<Pointer>) -> Result<(), StoreError> {
        let mut inner = self.lock();
        refuse_if_failed(&inner)?;
        for body in bodies {
            let len = u32::try_from(body.len())
                .ok()
                .filter(|l| u64::from(*l) <= self.segment_bytes)
                .ok_or_else(|| {
                    StoreError::Backend("an envelope is larger than a segment".into())
                })?;
            if inner.active_len > 0 && inner.active_len + u64::from(len) > self.segment_bytes {
                self.roll(&mut inner)?;
            }
            let file =
                inner.files.get(&inner.active).cloned().ok_or_else(|| {
                    StoreError::Backend("the active body segment is not open".into())
                })?;
            let offset = inner.active_len;
            file.write_all_at(body, offset)
                .map_err(|e| io("writing a body segment", e))?;
            inner.active_len += u64::from(len);
            let pointer = Pointer {
                segment: inner.active,
                offset: u32::try_from(offset)
                    .map_err(|_| StoreError::Backend("body segment offset overflow".into()))?,
                len,
                crc: crc32fast::hash(body),
            };
            let live = inner.live.entry(pointer.segment).or_default();
            live.count += 1;
            live.bytes += pointer.len();
            pointers.push(pointer);
        }
        Ok(())
    }

    /// Seals the active segment, synced whole, and starts the next one.
    fn roll(&self, inner: &mut Inner) -> Result<(), StoreError> {
        if let Some(sealed) = inner.files.get(&inner.active).cloned() {
            if let Err(e) = sealed.sync_data() {
                return Err(fail(inner, io("syncing a body segment", e)));
            }
        }
        // A number skipped by an earlier failed roll stays skipped.
        let mut next = inner.active;
        let file = loop {
            next = next
                .checked_add(1)
                .ok_or_else(|| StoreError::Corrupt("body segment numbers exhausted".into()))?;
            match OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(segment_path(&self.dir, next))
            {
                Ok(file) => break file,
                Err(e) if e.kind() == ErrorKind::AlreadyExists && next - inner.active < 16 => {}
                Err(e) => return Err(io("creating a body segment", e)),
            }
        };
        if let Err(e) = sync_dir(&self.dir) {
            // Leave no file behind that a later roll would trip over.
            let _ = std::fs::remove_file(segment_path(&self.dir, next));
            return Err(e);
        }
        let sealed = inner.active;
        inner.files.insert(next, Arc::new(file));
        inner.active = next;
        inner.active_len = 0;
        // Every segment below the new one was synced whole.
        inner.synced = inner.synced.max((next, 0));
        if !inner.live.contains_key(&sealed) {
            inner.doomed.push(sealed);
        }
        Ok(())
    }

    /// Whether a sync failed: nothing more is written until a restart.
    pub fn failed(&self) -> bool {
        self.lock().failed.is_some()
    }

    /// Whether the body `pointer` points to was lost with a failed sync: a sync failed, and
    /// the body ends beyond the last watermark synced. Its submit was refused (its record
    /// may still be in sled until the restart, which drops such records); read as absent.
    pub fn lost_in_failed_sync(&self, pointer: Pointer) -> bool {
        let inner = self.lock();
        let end = u64::from(pointer.offset) + pointer.len();
        inner.failed.is_some() && (pointer.segment, end) > inner.synced
    }

    /// The body `pointer` points to, checked against its CRC.
    pub fn read(&self, pointer: Pointer) -> Result<Vec<u8>, StoreError> {
        let file = self
            .lock()
            .files
            .get(&pointer.segment)
            .cloned()
            .ok_or_else(|| {
                StoreError::Corrupt(format!("body segment {:08x} is missing", pointer.segment))
            })?;
        read_body(&file, pointer)
    }

    /// `pointers` no longer point anywhere (removed from sled, or never stored). A sealed
    /// segment left without live pointers is removed after the next flush.
    pub fn release(&self, pointers: &[Pointer]) {
        if pointers.is_empty() {
            return;
        }
        let mut inner = self.lock();
        for pointer in pointers {
            let std::collections::btree_map::Entry::Occupied(mut live) =
                inner.live.entry(pointer.segment)
            else {
                continue;
            };
            let l = live.get_mut();
            l.count = l.count.saturating_sub(1);
            l.bytes = l.bytes.saturating_sub(pointer.len());
            if l.count == 0 {
                live.remove();
                if pointer.segment != inner.active {
                    inner.doomed.push(pointer.segment);
                }
            }
        }
    }

    /// Segments to remove once the removals that emptied them are durable: take them
    /// before the sled flush, and pass them to [`Bodies::remove`] after it succeeded.
    pub fn doomed(&self) -> Vec<u32> {
        std::mem::take(&mut self.lock().doomed)
    }

    /// Removes segment files (none may have live pointers). Those that cannot be removed
    /// wait for the next flush again.
    pub fn remove(&self, segments: &[u32]) -> Result<(), StoreError> {
        if segments.is_empty() {
            return Ok(());
        }
        let mut inner = self.lock();
        let mut first_error = None;
        for number in segments {
            if inner.live.contains_key(number) || *number == inner.active {
                continue;
            }
            match std::fs::remove_file(segment_path(&self.dir, *number)) {
                Ok(()) => {
                    inner.files.remove(number);
                }
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    inner.files.remove(number);
                }
                Err(e) => {
                    inner.doomed.push(*number);
                    first_error.get_or_insert(io("removing a body segment", e));
                }
            }
        }
        drop(inner);
        match first_error {
            Some(e) => Err(e),
            None => sync_dir(&self.dir),
        }
    }

    /// Puts segments taken by [`Bodies::doomed`] back, for a flush that failed.
    pub fn requeue(&self, segments: Vec<u32>) {
        self.lock().doomed.extend(segments);
    }

    /// Sealed segments whose live bodies fill less than half of their file: worth copying
    /// the live bodies forward ([`super::Store::compact`]) so that the file can go.
    pub fn sparse(&self) -> Result<Vec<u32>, StoreError> {
        let inner = self.lock();
        let mut sparse = Vec::new();
        for (number, live) in &inner.live {
            if *number == inner.active {
                continue;
            }
            let Some(file) = inner.files.get(number) else {
                continue;
            };
            let size = file
                .metadata()
                .map_err(|e| io("reading a body segment's size", e))?
                .len();
            if live.bytes.saturating_mul(2) < size {
                sparse.push(*number);
            }
        }
        Ok(sparse)
    }

    /// Segment files and the bytes of live bodies in them.
    #[cfg(test)]
    pub fn usage(&self) -> (usize, u64) {
        let inner = self.lock();
        (
            inner.files.len(),
            inner.live.values().map(|l| l.bytes).sum(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn bodies_read_back_and_fill_segments_in_turn() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = Bodies::open(dir.path(), 100, None, &[]).unwrap().0;
        let items: Vec<Vec<u8>> = (0..10u8).map(|i| vec![i; 30]).collect();
        let refs: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
        let pointers = bodies.append(&refs).unwrap();
        for (pointer, item) in pointers.iter().zip(&items) {
            assert_eq!(&bodies.read(*pointer).unwrap(), item);
        }
        // Three bodies of 30 bytes fit in a segment of 100: four segments.
        assert_eq!(segments(dir.path()).len(), 4);
        assert_eq!(bodies.usage(), (4, 300));
    }

    #[test]
    fn a_damaged_or_short_body_is_reported_as_damage() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = Bodies::open(dir.path(), 1 << 20, None, &[]).unwrap().0;
        let pointers = bodies.append(&[b"first body", b"second body"]).unwrap();
        let path = segment_path(dir.path(), 0);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[3] ^= 1;
        std::fs::write(&path, &bytes[..15]).unwrap();
        assert!(matches!(
            bodies.read(pointers[0]),
            Err(StoreError::Corrupt(m)) if m.contains("checksum")
        ));
        assert!(matches!(
            bodies.read(pointers[1]),
            Err(StoreError::Corrupt(m)) if m.contains("shorter")
        ));
    }

    #[test]
    fn an_emptied_segment_is_removed_only_after_the_flush_that_follows() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = Bodies::open(dir.path(), 64, None, &[]).unwrap().0;
        let first = bodies.append(&[&[1u8; 40]]).unwrap();
        let second = bodies.append(&[&[2u8; 40]]).unwrap();
        assert_eq!(segments(dir.path()), ["00000000.seg", "00000001.seg"]);
        // Released, but the removal is not durable yet: the file stays.
        bodies.release(&first);
        assert_eq!(segments(dir.path()).len(), 2);
        let doomed = bodies.doomed();
        assert_eq!(doomed, [0]);
        bodies.remove(&doomed).unwrap();
        assert_eq!(segments(dir.path()), ["00000001.seg"]);
        // The active segment stays even when empty.
        bodies.release(&second);
        bodies.remove(&bodies.doomed()).unwrap();
        assert_eq!(segments(dir.path()), ["00000001.seg"]);
        assert_eq!(bodies.usage(), (1, 0));
    }

    #[test]
    fn opening_keeps_referenced_segments_and_drops_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let (kept, _dropped) = {
            let bodies = Bodies::open(dir.path(), 64, None, &[]).unwrap().0;
            let kept = bodies.append(&[&[1u8; 40]]).unwrap();
            let dropped = bodies.append(&[&[2u8; 40]]).unwrap();
            (kept, dropped)
        };
        // Everything below the watermark (0, 40): the first body is taken as durable.
        let synced = Some((0, 40));
        let (bodies, whole) = Bodies::open(dir.path(), 64, synced, &kept).unwrap();
        assert_eq!(whole, [true]);
        // Segment 0 is referenced, 1 is not, 2 is the new active one.
        assert_eq!(segments(dir.path()), ["00000000.seg", "00000002.seg"]);
        assert_eq!(bodies.read(kept[0]).unwrap(), vec![1u8; 40]);
        drop(bodies);
        // Below the watermark, a pointer into a missing segment or past the end of one is
        // damage.
        let synced = Some((5, 0));
        let missing = Pointer {
            segment: 1,
            ..kept[0]
        };
        assert!(matches!(
            Bodies::open(dir.path(), 64, synced, &[missing]),
            Err(StoreError::Corrupt(m)) if m.contains("missing")
        ));
        let past = Pointer {
            offset: 30,
            ..kept[0]
        };
        assert!(matches!(
            Bodies::open(dir.path(), 64, synced, &[past]),
            Err(StoreError::Corrupt(m)) if m.contains("past the end")
        ));
    }

    #[test]
    fn above_the_watermark_bodies_not_whole_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let pointers = {
            let bodies = Bodies::open(dir.path(), 1 << 20, None, &[]).unwrap().0;
            let first = bodies.append(&[&[1u8; 40]]).unwrap();
            assert_eq!(bodies.sync().unwrap(), (0, 40));
            let rest = bodies
                .append(&[&[2u8; 40], &[3u8; 40], &[4u8; 40]])
                .unwrap();
            [first, rest].concat()
        };
        // A power loss kept the second body but lost the third in part and the fourth whole.
        let path = segment_path(dir.path(), 0);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(100);
        bytes[90] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let (bodies, whole) = Bodies::open(dir.path(), 1 << 20, Some((0, 40)), &pointers).unwrap();
        assert_eq!(whole, [true, true, false, false]);
        assert_eq!(bodies.read(pointers[1]).unwrap(), vec![2u8; 40]);
        // Without any watermark (no flush ever finished), every body is checked.
        drop(bodies);
        let (_, whole) = Bodies::open(dir.path(), 1 << 20, None, &pointers).unwrap();
        assert_eq!(whole, [true, true, false, false]);
        // A pointer into a segment that is gone is dropped too, and its number is not
        // reused for the new segment.
        let gone = Pointer {
            segment: 7,
            ..pointers[0]
        };
        let (_, whole) = Bodies::open(dir.path(), 1 << 20, Some((0, 40)), &[gone]).unwrap();
        assert_eq!(whole, [false]);
        assert!(segments(dir.path()).contains(&"00000008.seg".to_string()));
    }

    #[test]
    fn a_roll_skips_a_file_left_by_an_earlier_failed_roll() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = Bodies::open(dir.path(), 64, None, &[]).unwrap().0;
        bodies.append(&[&[1u8; 40]]).unwrap();
        std::fs::write(segment_path(dir.path(), 1), b"").unwrap();
        let pointer = bodies.append(&[&[2u8; 40]]).unwrap()[0];
        assert_eq!(pointer.segment(), 2);
        assert_eq!(bodies.read(pointer).unwrap(), vec![2u8; 40]);
    }

    #[test]
    fn pointers_round_trip_and_segment_files_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = Bodies::open(&dir.path().join("bodies"), 1 << 20, None, &[])
            .unwrap()
            .0;
        let pointer = bodies.append(&[b"body"]).unwrap()[0];
        assert_eq!(Pointer::from_bytes(&pointer.to_bytes()).unwrap(), pointer);
        assert!(Pointer::from_bytes(&[0u8; 15]).is_err());
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("bodies")), 0o700);
        assert_eq!(mode(&segment_path(&dir.path().join("bodies"), 0)), 0o600);
    }
}
