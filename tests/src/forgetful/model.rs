//! The state of the forgetting file system: every node twice, as the running system sees it
//! (*current*) and as it would come back after a power cut (*durable*), and the rules that move
//! state from one to the other (see the module doc of [`super`] for the model).
//!
//! This module knows nothing of FUSE or of the backing directory: it is the model alone, with
//! the operations the FUSE layer ([`super::fs`]) translates system calls into.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::ffi::{OsStr, OsString};
use std::sync::Arc;
use std::time::SystemTime;

use rustix::io::Errno;

/// Granularity of the record of unsynced data.
pub const PAGE: u64 = 4096;
/// Inode number of the root directory (FUSE's).
pub const ROOT: u64 = 1;

/// When a change to a directory becomes durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// POSIX taken at its word: a create, rename or unlink survives a cut only once its
    /// directory was fsynced afterwards (a rename between directories: either of them).
    Posix,
    /// ext4 with its default `data=ordered` journal: every `fsync`, `fdatasync` or directory
    /// fsync commits the journal, which holds every create, rename and unlink made so far in
    /// the whole file system, in order. File data still survives only up to its file's last
    /// sync.
    Ext4Ordered,
}

/// The contents of a regular file: pages present (absent ones read as zeros) and a size.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pages: BTreeMap<u64, Arc<Vec<u8>>>,
    size: u64,
}

impl Data {
    /// A file holding `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        let mut data = Data::default();
        data.write(0, bytes, &mut BTreeSet::new());
        data
    }

    /// Its length.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Up to `len` bytes from `offset` (fewer at the end of the file).
    pub fn read(&self, offset: u64, len: u64) -> Vec<u8> {
        let end = self.size.min(offset.saturating_add(len));
        if offset >= end {
            return Vec::new();
        }
        let mut out = vec![0u8; (end - offset) as usize];
        let mut at = offset;
        while at < end {
            let page = at / PAGE;
            let within = (at % PAGE) as usize;
            let take = ((PAGE as usize - within) as u64).min(end - at) as usize;
            if let Some(bytes) = self.pages.get(&page) {
                let start = (at - offset) as usize;
                out[start..start + take].copy_from_slice(&bytes[within..within + take]);
            }
            at += take as u64;
        }
        out
    }

    /// Writes `bytes` at `offset`, extending the file, and notes the pages touched.
    pub fn write(&mut self, offset: u64, bytes: &[u8], dirty: &mut BTreeSet<u64>) {
        let mut at = offset;
        let mut rest = bytes;
        while !rest.is_empty() {
            let page = at / PAGE;
            let within = (at % PAGE) as usize;
            let take = (PAGE as usize - within).min(rest.len());
            let entry = self
                .pages
                .entry(page)
                .or_insert_with(|| Arc::new(vec![0u8; PAGE as usize]));
            Arc::make_mut(entry)[within..within + take].copy_from_slice(&rest[..take]);
            dirty.insert(page);
            at += take as u64;
            rest = &rest[take..];
        }
        self.size = self.size.max(offset + bytes.len() as u64);
    }

    /// Sets the length: bytes past it are gone, a longer file reads zeros at its end.
    pub fn set_size(&mut self, size: u64, dirty: &mut BTreeSet<u64>) {
        if size < self.size {
            let first_gone = size.div_ceil(PAGE);
            let gone: Vec<u64> = self.pages.range(first_gone..).map(|(p, _)| *p).collect();
            for page in gone {
                self.pages.remove(&page);
                dirty.insert(page);
            }
            let within = (size % PAGE) as usize;
            if within != 0 {
                let page = size / PAGE;
                if let Some(bytes) = self.pages.get_mut(&page) {
                    Arc::make_mut(bytes)[within..].fill(0);
                    dirty.insert(page);
                }
            }
        }
        self.size = size;
    }

    /// The whole contents.
    pub fn to_vec(&self) -> Vec<u8> {
        self.read(0, self.size)
    }
}

/// A regular file.
#[derive(Debug, Clone, Default)]
pub struct File {
    /// What reads see.
    pub current: Data,
    /// What a cut keeps: the contents at the last successful sync.
    pub durable: Data,
    /// Pages of `current` that differ from `durable`.
    dirty: BTreeSet<u64>,
}

/// A directory.
#[derive(Debug, Clone, Default)]
pub struct Dir {
    /// Its entries as the running system sees them.
    pub current: BTreeMap<OsString, u64>,
    /// Its entries as a cut leaves them.
    pub durable: BTreeMap<OsString, u64>,
    /// Directories whose changes become durable with this one's (the other side of a
    /// rename between directories, which a file system commits as one).
    linked: BTreeSet<u64>,
}

/// What a node is.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A regular file.
    File(File),
    /// A directory.
    Dir(Dir),
    /// A socket or FIFO: a name and nothing else.
    Special(rustix::fs::FileType),
}

/// One inode.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it is and holds.
    pub kind: Kind,
    /// Permission bits (kept as set, not subject to cuts).
    pub perm: u16,
    /// Last change of its contents.
    pub mtime: SystemTime,
    /// Bytes written to it since its last sync (or the mount).
    pub written: u64,
    /// Successful syncs of it since the mount.
    pub syncs: u64,
}

/// Figures of a power cut.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CutReport {
    /// Files whose contents went back to their last sync.
    pub files_reverted: u64,
    /// Directories whose entries went back to their last sync.
    pub dirs_reverted: u64,
    /// Inodes no durable directory entry reached, dropped.
    pub nodes_dropped: u64,
}

/// Every node, by inode number.
#[derive(Debug)]
pub struct Tree {
    /// The durability model.
    pub model: Model,
    nodes: HashMap<u64, Node>,
    next_ino: u64,
}

fn is_dir(node: &Node) -> bool {
    matches!(node.kind, Kind::Dir(_))
}

impl Tree {
    /// An empty root directory.
    pub fn new(model: Model) -> Self {
        let mut nodes = HashMap::new();
        nodes.insert(
            ROOT,
            Node {
                kind: Kind::Dir(Dir::default()),
                perm: 0o755,
                mtime: SystemTime::now(),
                written: 0,
                syncs: 0,
            },
        );
        Tree {
            model,
            nodes,
            next_ino: ROOT + 1,
        }
    }

    /// A node.
    pub fn node(&self, ino: u64) -> Result<&Node, Errno> {
        self.nodes.get(&ino).ok_or(Errno::NOENT)
    }

    fn node_mut(&mut self, ino: u64) -> Result<&mut Node, Errno> {
        self.nodes.get_mut(&ino).ok_or(Errno::NOENT)
    }

    fn dir(&self, ino: u64) -> Result<&Dir, Errno> {
        match &self.node(ino)?.kind {
            Kind::Dir(dir) => Ok(dir),
            _ => Err(Errno::NOTDIR),
        }
    }

    fn dir_mut(&mut self, ino: u64) -> Result<&mut Dir, Errno> {
        match &mut self.node_mut(ino)?.kind {
            Kind::Dir(dir) => Ok(dir),
            _ => Err(Errno::NOTDIR),
        }
    }

    fn file_mut(&mut self, ino: u64) -> Result<&mut File, Errno> {
        match &mut self.node_mut(ino)?.kind {
            Kind::File(file) => Ok(file),
            Kind::Dir(_) => Err(Errno::ISDIR),
            Kind::Special(_) => Err(Errno::INVAL),
        }
    }

    /// The inode `name` in `parent` names now.
    pub fn lookup(&self, parent: u64, name: &OsStr) -> Result<u64, Errno> {
        self.dir(parent)?
            .current
            .get(name)
            .copied()
            .ok_or(Errno::NOENT)
    }

    /// The current entries of a directory.
    pub fn entries(&self, dir: u64) -> Result<Vec<(OsString, u64)>, Errno> {
        Ok(self
            .dir(dir)?
            .current
            .iter()
            .map(|(n, i)| (n.clone(), *i))
            .collect())
    }

    /// Adds a new node as `name` in `parent` (not durable until synced).
    pub fn create(
        &mut self,
        parent: u64,
        name: &OsStr,
        kind: Kind,
        perm: u16,
    ) -> Result<u64, Errno> {
        if self.dir(parent)?.current.contains_key(name) {
            return Err(Errno::EXIST);
        }
        let ino = self.next_ino;
        self.next_ino += 1;
        self.nodes.insert(
            ino,
            Node {
                kind,
                perm,
                mtime: SystemTime::now(),
                written: 0,
                syncs: 0,
            },
        );
        self.dir_mut(parent)?.current.insert(name.to_owned(), ino);
        Ok(ino)
    }

    /// Removes `name` from `parent`: a file (`want_dir` false) or an empty directory.
    pub fn remove(&mut self, parent: u64, name: &OsStr, want_dir: bool) -> Result<(), Errno> {
        let ino = self.lookup(parent, name)?;
        match (&self.node(ino)?.kind, want_dir) {
            (Kind::Dir(dir), true) if !dir.current.is_empty() => return Err(Errno::NOTEMPTY),
            (Kind::Dir(_), false) => return Err(Errno::ISDIR),
            (Kind::Dir(_), true) => {}
            (_, true) => return Err(Errno::NOTDIR),
            (_, false) => {}
        }
        self.dir_mut(parent)?.current.remove(name);
        Ok(())
    }

    /// Renames, replacing a target of the same type (`no_replace`: fails if it exists).
    pub fn rename(
        &mut self,
        parent: u64,
        name: &OsStr,
        new_parent: u64,
        new_name: &OsStr,
        no_replace: bool,
    ) -> Result<(), Errno> {
        let ino = self.lookup(parent, name)?;
        self.dir(new_parent)?;
        if let Ok(target) = self.lookup(new_parent, new_name) {
            if target == ino {
                return Ok(());
            }
            if no_replace {
                return Err(Errno::EXIST);
            }
            let moving_dir = is_dir(self.node(ino)?);
            match &self.node(target)?.kind {
                Kind::Dir(_) if !moving_dir => return Err(Errno::ISDIR),
                Kind::Dir(dir) if !dir.current.is_empty() => return Err(Errno::NOTEMPTY),
                _ if moving_dir && !is_dir(self.node(target)?) => return Err(Errno::NOTDIR),
                _ => {}
            }
        }
        if is_dir(self.node(ino)?) && self.is_under(new_parent, ino) {
            return Err(Errno::INVAL);
        }
        self.dir_mut(parent)?.current.remove(name);
        self.dir_mut(new_parent)?
            .current
            .insert(new_name.to_owned(), ino);
        if parent != new_parent {
            self.dir_mut(parent)?.linked.insert(new_parent);
            self.dir_mut(new_parent)?.linked.insert(parent);
        }
        Ok(())
    }

    /// Whether `dir` is `ancestor` or below it (current entries).
    fn is_under(&self, dir: u64, ancestor: u64) -> bool {
        if dir == ancestor {
            return true;
        }
        let mut stack = vec![ancestor];
        while let Some(at) = stack.pop() {
            if let Ok(d) = self.dir(at) {
                for child in d.current.values() {
                    if *child == dir {
                        return true;
                    }
                    stack.push(*child);
                }
            }
        }
        false
    }

    /// Reads from a file.
    pub fn read(&self, ino: u64, offset: u64, len: u64) -> Result<Vec<u8>, Errno> {
        match &self.node(ino)?.kind {
            Kind::File(file) => Ok(file.current.read(offset, len)),
            Kind::Dir(_) => Err(Errno::ISDIR),
            Kind::Special(_) => Err(Errno::INVAL),
        }
    }

    /// Writes to a file (not durable until synced).
    pub fn write(&mut self, ino: u64, offset: u64, bytes: &[u8]) -> Result<(), Errno> {
        let file = self.file_mut(ino)?;
        let File { current, dirty, .. } = file;
        current.write(offset, bytes, dirty);
        let node = self.node_mut(ino)?;
        node.mtime = SystemTime::now();
        node.written += bytes.len() as u64;
        Ok(())
    }

    /// Sets a file's length (not durable until synced).
    pub fn set_size(&mut self, ino: u64, size: u64) -> Result<(), Errno> {
        let file = self.file_mut(ino)?;
        let File { current, dirty, .. } = file;
        current.set_size(size, dirty);
        self.node_mut(ino)?.mtime = SystemTime::now();
        Ok(())
    }

    /// Sets permission bits.
    pub fn set_perm(&mut self, ino: u64, perm: u16) -> Result<(), Errno> {
        self.node_mut(ino)?.perm = perm;
        Ok(())
    }

    /// `fsync`/`fdatasync` of a file: its contents become durable; under
    /// [`Model::Ext4Ordered`] the journal (every directory change so far) is committed too.
    pub fn sync_file(&mut self, ino: u64) -> Result<(), Errno> {
        let node = self.node_mut(ino)?;
        node.syncs += 1;
        node.written = 0;
        if let Kind::File(file) = &mut node.kind {
            let File {
                current,
                durable,
                dirty,
            } = file;
            for page in std::mem::take(dirty) {
                match current.pages.get(&page) {
                    Some(bytes) => {
                        durable.pages.insert(page, bytes.clone());
                    }
                    None => {
                        durable.pages.remove(&page);
                    }
                }
            }
            durable.size = current.size;
        }
        if self.model == Model::Ext4Ordered {
            self.commit_all_dirs();
        }
        Ok(())
    }

    /// A failed sync (EIO): the file's unsynced data is gone, as the kernel drops the pages
    /// whose writeback failed; reads see the last synced contents again.
    pub fn fail_sync(&mut self, ino: u64) -> Result<(), Errno> {
        if let Kind::File(file) = &mut self.node_mut(ino)?.kind {
            file.current = file.durable.clone();
            file.dirty.clear();
        }
        Ok(())
    }

    /// fsync of a directory: its entries become durable (with those of the directories a
    /// rename linked it to); under [`Model::Ext4Ordered`] every directory's.
    pub fn sync_dir(&mut self, ino: u64) -> Result<(), Errno> {
        if self.model == Model::Ext4Ordered {
            self.commit_all_dirs();
            return Ok(());
        }
        let mut queue = VecDeque::from([ino]);
        let mut done = BTreeSet::new();
        while let Some(at) = queue.pop_front() {
            if !done.insert(at) {
                continue;
            }
            let Ok(dir) = self.dir_mut(at) else { continue };
            dir.durable = dir.current.clone();
            queue.extend(std::mem::take(&mut dir.linked));
        }
        Ok(())
    }

    fn commit_all_dirs(&mut self) {
        for node in self.nodes.values_mut() {
            if let Kind::Dir(dir) = &mut node.kind {
                if dir.durable != dir.current {
                    dir.durable = dir.current.clone();
                }
                dir.linked.clear();
            }
        }
    }

    /// The power cut: every node goes back to its durable state, and nodes no durable entry
    /// reaches from the root are gone.
    pub fn cut(&mut self) -> CutReport {
        let mut report = CutReport::default();
        for node in self.nodes.values_mut() {
            match &mut node.kind {
                Kind::File(file) => {
                    if !file.dirty.is_empty() || file.current.size != file.durable.size {
                        report.files_reverted += 1;
                    }
                    file.current = file.durable.clone();
                    file.dirty.clear();
                }
                Kind::Dir(dir) => {
                    if dir.current != dir.durable {
                        report.dirs_reverted += 1;
                    }
                    dir.current = dir.durable.clone();
                    dir.linked.clear();
                }
                Kind::Special(_) => {}
            }
        }
        let mut reached = BTreeSet::from([ROOT]);
        let mut stack = vec![ROOT];
        while let Some(at) = stack.pop() {
            if let Ok(dir) = self.dir(at) {
                for child in dir.durable.values() {
                    if reached.insert(*child) {
                        stack.push(*child);
                    }
                }
            }
        }
        let before = self.nodes.len();
        self.nodes.retain(|ino, _| reached.contains(ino));
        // A directory entry to a node that is gone (it cannot happen through the operations
        // above, but a durable image must never name a missing inode).
        let alive: BTreeSet<u64> = self.nodes.keys().copied().collect();
        for node in self.nodes.values_mut() {
            if let Kind::Dir(dir) = &mut node.kind {
                dir.durable.retain(|_, ino| alive.contains(ino));
                dir.current = dir.durable.clone();
            }
        }
        report.nodes_dropped = (before - self.nodes.len()) as u64;
        report
    }

    /// Makes everything durable as it is now (an image just loaded).
    pub fn settle(&mut self) {
        let inos: Vec<u64> = self.nodes.keys().copied().collect();
        for ino in inos {
            let _ = self.sync_file(ino);
        }
        self.commit_all_dirs();
    }

    /// The durable entries of a directory (what a cut would leave).
    pub fn durable_entries(&self, dir: u64) -> Result<Vec<(OsString, u64)>, Errno> {
        Ok(self
            .dir(dir)?
            .durable
            .iter()
            .map(|(n, i)| (n.clone(), *i))
            .collect())
    }

    /// Every regular file reachable now, by path from the root, with the bytes written to it
    /// since its last sync and its syncs since the mount.
    pub fn file_stats(&self) -> Vec<(String, u64, u64)> {
        let mut out = Vec::new();
        let mut stack = vec![(String::new(), ROOT)];
        while let Some((path, dir)) = stack.pop() {
            let Ok(dir) = self.dir(dir) else { continue };
            for (name, ino) in &dir.current {
                let child = format!("{path}/{}", name.to_string_lossy());
                match self.nodes.get(ino) {
                    Some(node) if matches!(node.kind, Kind::Dir(_)) => stack.push((child, *ino)),
                    Some(node) if matches!(node.kind, Kind::File(_)) => {
                        out.push((child, node.written, node.syncs))
                    }
                    _ => {}
                }
            }
        }
        out.sort();
        out
    }

    /// Bytes of current file contents (for `statfs`).
    pub fn used_bytes(&self) -> u64 {
        self.nodes
            .values()
            .map(|n| match &n.kind {
                Kind::File(f) => f.current.size,
                _ => PAGE,
            })
            .sum()
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: the root is there.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(tree: &mut Tree, parent: u64, name: &str) -> u64 {
        tree.create(parent, OsStr::new(name), Kind::File(File::default()), 0o644)
            .unwrap()
    }

    #[test]
    fn data_survives_up_to_the_last_sync() {
        let mut tree = Tree::new(Model::Posix);
        let f = file(&mut tree, ROOT, "f");
        tree.sync_dir(ROOT).unwrap();
        tree.write(f, 0, &[1u8; 5000]).unwrap();
        tree.sync_file(f).unwrap();
        tree.write(f, 4000, &[2u8; 3000]).unwrap();
        tree.set_size(f, 6000).unwrap();
        assert_eq!(tree.read(f, 0, 10_000).unwrap().len(), 6000);
        let report = tree.cut();
        assert_eq!(report.files_reverted, 1);
        assert_eq!(tree.read(f, 0, 10_000).unwrap(), vec![1u8; 5000]);
    }

    #[test]
    fn truncation_then_growth_reads_zeros() {
        let mut data = Data::from_bytes(&[7u8; 9000]);
        let mut dirty = BTreeSet::new();
        data.set_size(100, &mut dirty);
        data.set_size(9000, &mut dirty);
        let back = data.to_vec();
        assert_eq!(&back[..100], &[7u8; 100][..]);
        assert!(back[100..].iter().all(|b| *b == 0));
    }

    #[test]
    fn posix_entries_need_their_directory_synced() {
        let mut tree = Tree::new(Model::Posix);
        let a = file(&mut tree, ROOT, "a");
        tree.sync_file(a).unwrap();
        tree.cut();
        assert_eq!(tree.lookup(ROOT, OsStr::new("a")), Err(Errno::NOENT));
        let b = file(&mut tree, ROOT, "b");
        tree.sync_dir(ROOT).unwrap();
        tree.rename(ROOT, OsStr::new("b"), ROOT, OsStr::new("c"), false)
            .unwrap();
        tree.cut();
        assert_eq!(tree.lookup(ROOT, OsStr::new("b")), Ok(b));
        assert_eq!(tree.lookup(ROOT, OsStr::new("c")), Err(Errno::NOENT));
    }

    #[test]
    fn a_rename_between_directories_is_committed_whole() {
        let mut tree = Tree::new(Model::Posix);
        let d1 = tree
            .create(ROOT, OsStr::new("d1"), Kind::Dir(Dir::default()), 0o755)
            .unwrap();
        let d2 = tree
            .create(ROOT, OsStr::new("d2"), Kind::Dir(Dir::default()), 0o755)
            .unwrap();
        let f = file(&mut tree, d1, "f");
        for d in [ROOT, d1, d2] {
            tree.sync_dir(d).unwrap();
        }
        tree.rename(d1, OsStr::new("f"), d2, OsStr::new("g"), false)
            .unwrap();
        tree.sync_dir(d2).unwrap();
        tree.cut();
        assert_eq!(tree.lookup(d2, OsStr::new("g")), Ok(f));
        assert_eq!(tree.lookup(d1, OsStr::new("f")), Err(Errno::NOENT));
    }

    #[test]
    fn ext4_commits_every_directory_with_any_sync() {
        let mut tree = Tree::new(Model::Ext4Ordered);
        let a = file(&mut tree, ROOT, "a");
        tree.write(a, 0, b"unsynced").unwrap();
        let b = file(&mut tree, ROOT, "b");
        tree.write(b, 0, b"synced").unwrap();
        tree.sync_file(b).unwrap();
        tree.cut();
        // a's name was committed with the journal, not its data.
        assert_eq!(tree.lookup(ROOT, OsStr::new("a")), Ok(a));
        assert_eq!(tree.read(a, 0, 100).unwrap(), b"");
        assert_eq!(tree.read(b, 0, 100).unwrap(), b"synced");
    }
}
