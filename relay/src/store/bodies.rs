//! Envelope bodies in append-only segment files; sled keeps only a [`Pointer`] to each.
//!
//! sled rewrites a tree node whole each time it consolidates it and cleans a log segment only
//! once half of it is garbage, so 1 KiB values inside its trees took about three bytes of disk
//! per payload byte. Here a body is written once, at the end of the active segment file
//! (`<store>/bodies/<number>.seg`, up to [`SEGMENT_BYTES`]), and never rewritten.
//!
//! Rules that keep every acknowledged envelope readable after a crash:
//!
//! - [`Bodies::append`] syncs the bodies (`fdatasync`) before it returns, and the store writes
//!   a pointer into sled only after that: sled never holds a pointer to a body that is not on
//!   disk, whatever sled writes on its own before its next flush.
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
}

/// The segment files of one store.
#[derive(Debug)]
pub struct Bodies {
    dir: PathBuf,
    segment_bytes: u64,
    inner: Mutex<Inner>,
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

/// fsync of the directory, so that a created or removed segment file stays so.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io("syncing the body directory", e))
}

impl Bodies {
    /// Opens the segments under `dir` (created 0700 if missing), given every pointer stored
    /// in sled: counts them as live, removes the segments none of them points into (left
    /// over from refused bodies or from before a crash), and starts a new segment to append
    /// to, numbered after every segment that exists or is pointed to.
    pub fn open(
        dir: &Path,
        segment_bytes: u64,
        pointers: impl Iterator<Item = Result<Pointer, StoreError>>,
    ) -> Result<Self, StoreError> {
        match std::fs::DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
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
        for pointer in pointers {
            let pointer = pointer?;
            let Some(file) = files.get(&pointer.segment) else {
                return Err(StoreError::Corrupt(format!(
                    "an envelope points into body segment {:08x}, which is missing",
                    pointer.segment
                )));
            };
            let size = match sizes.get(&pointer.segment) {
                Some(size) => *size,
                None => {
                    let size = file
                        .metadata()
                        .map_err(|e| io("reading a body segment's size", e))?
                        .len();
                    sizes.insert(pointer.segment, size);
                    size
                }
            };
            if u64::from(pointer.offset) + pointer.len() > size {
                return Err(StoreError::Corrupt(format!(
                    "an envelope points past the end of body segment {:08x}",
                    pointer.segment
                )));
            }
            let entry = live.entry(pointer.segment).or_default();
            entry.count += 1;
            entry.bytes += pointer.len();
        }
        let active = match files.keys().max() {
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
            }),
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
        Ok(bodies)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes `bodies` at the end of the active segment (starting a new one when it is
    /// full) and syncs them. Every returned pointer counts as live until
    /// [`Bodies::release`]d: release the ones that end up not stored. On error nothing is
    /// left counted.
    pub fn append(&self, bodies: &[&[u8]]) -> Result<Vec<Pointer>, StoreError> {
        let mut pointers = Vec::with_capacity(bodies.len());
        let mut touched: Vec<Arc<File>> = Vec::new();
        let written = self.write(bodies, &mut pointers, &mut touched);
        // Synced outside the lock: readers are not held up by the disk.
        let synced = written.and_then(|()| {
            touched
                .iter()
                .try_for_each(|file| file.sync_data())
                .map_err(|e| io("syncing a body segment", e))
        });
        match synced {
            Ok(()) => Ok(pointers),
            Err(e) => {
                self.release(&pointers);
                Err(e)
            }
        }
    }

    fn write(
        &self,
        bodies: &[&[u8]],
        pointers: &mut Vec<Pointer>,
        touched: &mut Vec<Arc<File>>,
    ) -> Result<(), StoreError> {
        let mut inner = self.lock();
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
            if !touched.iter().any(|f| Arc::ptr_eq(f, &file)) {
                touched.push(file);
            }
        }
        Ok(())
    }

    /// Seals the active segment and starts the next one.
    fn roll(&self, inner: &mut Inner) -> Result<(), StoreError> {
        let next = inner
            .active
            .checked_add(1)
            .ok_or_else(|| StoreError::Corrupt("body segment numbers exhausted".into()))?;
        let file = open_segment(&self.dir, next, true)?;
        sync_dir(&self.dir)?;
        let sealed = inner.active;
        inner.files.insert(next, Arc::new(file));
        inner.active = next;
        inner.active_len = 0;
        if !inner.live.contains_key(&sealed) {
            inner.doomed.push(sealed);
        }
        Ok(())
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

    /// Removes segment files (none may have live pointers).
    pub fn remove(&self, segments: &[u32]) -> Result<(), StoreError> {
        if segments.is_empty() {
            return Ok(());
        }
        let mut inner = self.lock();
        for number in segments {
            if inner.live.contains_key(number) || *number == inner.active {
                continue;
            }
            inner.files.remove(number);
            match std::fs::remove_file(segment_path(&self.dir, *number)) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(io("removing a body segment", e)),
            }
        }
        drop(inner);
        sync_dir(&self.dir)
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
        let bodies = Bodies::open(dir.path(), 100, std::iter::empty()).unwrap();
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
        let bodies = Bodies::open(dir.path(), 1 << 20, std::iter::empty()).unwrap();
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
        let bodies = Bodies::open(dir.path(), 64, std::iter::empty()).unwrap();
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
            let bodies = Bodies::open(dir.path(), 64, std::iter::empty()).unwrap();
            let kept = bodies.append(&[&[1u8; 40]]).unwrap();
            let dropped = bodies.append(&[&[2u8; 40]]).unwrap();
            (kept, dropped)
        };
        let bodies = Bodies::open(dir.path(), 64, kept.iter().copied().map(Ok)).unwrap();
        // Segment 0 is referenced, 1 is not, 2 is the new active one.
        assert_eq!(segments(dir.path()), ["00000000.seg", "00000002.seg"]);
        assert_eq!(bodies.read(kept[0]).unwrap(), vec![1u8; 40]);
        drop(bodies);
        // A pointer into a missing segment, or past the end of one, is damage.
        let missing = Pointer {
            segment: 1,
            ..kept[0]
        };
        assert!(matches!(
            Bodies::open(dir.path(), 64, std::iter::once(Ok(missing))),
            Err(StoreError::Corrupt(m)) if m.contains("missing")
        ));
        let past = Pointer {
            offset: 30,
            ..kept[0]
        };
        assert!(matches!(
            Bodies::open(dir.path(), 64, std::iter::once(Ok(past))),
            Err(StoreError::Corrupt(m)) if m.contains("past the end")
        ));
    }

    #[test]
    fn pointers_round_trip_and_segment_files_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = Bodies::open(&dir.path().join("bodies"), 1 << 20, std::iter::empty()).unwrap();
        let pointer = bodies.append(&[b"body"]).unwrap()[0];
        assert_eq!(Pointer::from_bytes(&pointer.to_bytes()).unwrap(), pointer);
        assert!(Pointer::from_bytes(&[0u8; 15]).is_err());
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("bodies")), 0o700);
        assert_eq!(mode(&segment_path(&dir.path().join("bodies"), 0)), 0o600);
    }
}
