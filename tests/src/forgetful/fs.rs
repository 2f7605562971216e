//! The FUSE side of the forgetting file system: translates each kernel request into an
//! operation on the [`Tree`] and applies the injected [`Faults`].
//!
//! Every reply tells the kernel to cache nothing (entries and attributes live 0 s, files are
//! opened with `FOPEN_DIRECT_IO`), so after a cut no process sees a page, name or size that
//! the cut took away. File locks are left to the kernel (it keeps `flock` and POSIX locks
//! locally when the file system does not take them), which is what sled's lock needs.

use std::ffi::OsStr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use fuser::{
    consts::FOPEN_DIRECT_IO, FileAttr, FileType, Filesystem, ReplyAttr, ReplyCreate, ReplyData,
    ReplyDirectory, ReplyEmpty, ReplyEntry, ReplyOpen, ReplyStatfs, ReplyWrite, Request, TimeOrNow,
};
use rustix::io::Errno;

use super::model::{Dir, File, Kind, Tree, PAGE};

/// Size the file system reports (`statfs`).
const CAPACITY: u64 = 64 << 30;
/// Nothing is cached by the kernel.
const TTL: Duration = Duration::ZERO;

/// Faults in force.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Writes, extensions and new nodes fail with ENOSPC; `statfs` reports no free space.
    pub no_space: bool,
    /// The same, but `statfs` still reports free space (the disk filled up since).
    pub no_space_unreported: bool,
    /// The next this many file syncs fail with EIO (dropping the file's unsynced data).
    pub sync_eio: u32,
    /// Each write stores only the first half of what it was given (at least one byte).
    pub short_writes: bool,
    /// Each sync waits this long before it completes.
    pub slow_sync: Option<Duration>,
}

impl Faults {
    /// Whether writes fail with ENOSPC.
    fn full(&self) -> bool {
        self.no_space || self.no_space_unreported
    }
}

/// Counts of what the file system did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// Successful file syncs (`fsync`, `fdatasync`).
    pub file_syncs: u64,
    /// Successful directory syncs.
    pub dir_syncs: u64,
    /// Writes refused with ENOSPC.
    pub enospc: u64,
    /// Syncs failed with EIO.
    pub eio: u64,
    /// Writes answered short.
    pub short_writes: u64,
    /// Bytes written.
    pub bytes_written: u64,
}

/// What the file system and its controller share.
#[derive(Debug)]
pub struct Shared {
    /// The nodes.
    pub tree: Tree,
    /// Faults in force.
    pub faults: Faults,
    /// What happened.
    pub counters: Counters,
}

/// The FUSE file system.
#[derive(Debug)]
pub struct ForgetfulFs {
    shared: Arc<Mutex<Shared>>,
    uid: u32,
    gid: u32,
}

fn code(e: Errno) -> i32 {
    e.raw_os_error()
}

impl ForgetfulFs {
    /// The file system over `shared`, its files owned by the mounting user.
    pub fn new(shared: Arc<Mutex<Shared>>) -> Self {
        ForgetfulFs {
            shared,
            uid: rustix::process::getuid().as_raw(),
            gid: rustix::process::getgid().as_raw(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        lock(&self.shared)
    }

    fn attr(&self, tree: &Tree, ino: u64) -> Result<FileAttr, Errno> {
        let node = tree.node(ino)?;
        let (kind, size, nlink) = match &node.kind {
            Kind::File(f) => (FileType::RegularFile, f.current.size(), 1),
            Kind::Dir(_) => (FileType::Directory, 0, 2),
            Kind::Special(t) => (
                if *t == rustix::fs::FileType::Fifo {
                    FileType::NamedPipe
                } else {
                    FileType::Socket
                },
                0,
                1,
            ),
        };
        Ok(FileAttr {
            ino,
            size,
            blocks: size.div_ceil(512),
            atime: node.mtime,
            mtime: node.mtime,
            ctime: node.mtime,
            crtime: node.mtime,
            kind,
            perm: node.perm,
            nlink,
            uid: self.uid,
            gid: self.gid,
            rdev: 0,
            blksize: PAGE as u32,
            flags: 0,
        })
    }

    fn reply_entry(&self, tree: &Tree, ino: Result<u64, Errno>, reply: ReplyEntry) {
        match ino.and_then(|ino| self.attr(tree, ino)) {
            Ok(attr) => reply.entry(&TTL, &attr, 0),
            Err(e) => reply.error(code(e)),
        }
    }
}

/// Locks the shared state (a panic elsewhere does not make it unusable).
pub fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(|p| p.into_inner())
}

fn perm_of(mode: u32) -> u16 {
    (mode & 0o7777) as u16
}

fn done(reply: ReplyEmpty, result: Result<(), Errno>) {
    match result {
        Ok(()) => reply.ok(),
        Err(e) => reply.error(code(e)),
    }
}

/// Completes a sync: applies it to the tree (or fails it) and replies.
fn finish_sync(shared: &Mutex<Shared>, ino: u64, dir: bool, reply: ReplyEmpty) {
    let mut guard = lock(shared);
    let state = &mut *guard;
    if dir {
        let result = state.tree.sync_dir(ino);
        if result.is_ok() {
            state.counters.dir_syncs += 1;
        }
        return done(reply, result);
    }
    if state.faults.sync_eio > 0 {
        state.faults.sync_eio -= 1;
        state.counters.eio += 1;
        let _ = state.tree.fail_sync(ino);
        return reply.error(code(Errno::IO));
    }
    let result = state.tree.sync_file(ino);
    if result.is_ok() {
        state.counters.file_syncs += 1;
    }
    done(reply, result)
}

/// A sync, delayed on another thread when slow syncs are injected (the other requests go
/// on meanwhile, as they do beside a slow disk flush).
fn sync(shared: &Arc<Mutex<Shared>>, ino: u64, dir: bool, reply: ReplyEmpty) {
    let delay = lock(shared).faults.slow_sync;
    match delay {
        Some(delay) => {
            let shared = shared.clone();
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                finish_sync(&shared, ino, dir, reply);
            });
        }
        None => finish_sync(shared, ino, dir, reply),
    }
}

impl Filesystem for ForgetfulFs {
    fn lookup(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEntry) {
        let state = self.lock();
        let ino = state.tree.lookup(parent, name);
        self.reply_entry(&state.tree, ino, reply);
    }

    fn getattr(&mut self, _req: &Request<'_>, ino: u64, _fh: Option<u64>, reply: ReplyAttr) {
        let state = self.lock();
        match self.attr(&state.tree, ino) {
            Ok(attr) => reply.attr(&TTL, &attr),
            Err(e) => reply.error(code(e)),
        }
    }

    fn setattr(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        mode: Option<u32>,
        _uid: Option<u32>,
        _gid: Option<u32>,
        size: Option<u64>,
        _atime: Option<TimeOrNow>,
        _mtime: Option<TimeOrNow>,
        _ctime: Option<SystemTime>,
        _fh: Option<u64>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<u32>,
        reply: ReplyAttr,
    ) {
        let mut guard = self.lock();
        let state = &mut *guard;
        let mut result = Ok(());
        if let Some(size) = size {
            let grows = self
                .attr(&state.tree, ino)
                .is_ok_and(|attr| size > attr.size);
            result = if grows && state.faults.full() {
                state.counters.enospc += 1;
                Err(Errno::NOSPC)
            } else {
                state.tree.set_size(ino, size)
            };
        }
        if let (Ok(()), Some(mode)) = (result, mode) {
            result = state.tree.set_perm(ino, perm_of(mode));
        }
        match result.and_then(|()| self.attr(&state.tree, ino)) {
            Ok(attr) => reply.attr(&TTL, &attr),
            Err(e) => reply.error(code(e)),
        }
    }

    fn mknod(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        mode: u32,
        umask: u32,
        _rdev: u32,
        reply: ReplyEntry,
    ) {
        let kind = match rustix::fs::FileType::from_raw_mode(mode) {
            rustix::fs::FileType::RegularFile => Kind::File(File::default()),
            t @ (rustix::fs::FileType::Socket | rustix::fs::FileType::Fifo) => Kind::Special(t),
            _ => return reply.error(code(Errno::PERM)),
        };
        let mut state = self.lock();
        if state.faults.full() {
            state.counters.enospc += 1;
            return reply.error(code(Errno::NOSPC));
        }
        let ino = state
            .tree
            .create(parent, name, kind, perm_of(mode & !umask));
        self.reply_entry(&state.tree, ino, reply);
    }

    fn mkdir(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        mode: u32,
        umask: u32,
        reply: ReplyEntry,
    ) {
        let mut state = self.lock();
        if state.faults.full() {
            state.counters.enospc += 1;
            return reply.error(code(Errno::NOSPC));
        }
        let ino = state.tree.create(
            parent,
            name,
            Kind::Dir(Dir::default()),
            perm_of(mode & !umask),
        );
        self.reply_entry(&state.tree, ino, reply);
    }

    fn unlink(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        done(reply, self.lock().tree.remove(parent, name, false));
    }

    fn rmdir(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        done(reply, self.lock().tree.remove(parent, name, true));
    }

    fn rename(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        newparent: u64,
        newname: &OsStr,
        flags: u32,
        reply: ReplyEmpty,
    ) {
        let no_replace = rustix::fs::RenameFlags::NOREPLACE.bits();
        if flags & !no_replace != 0 {
            return reply.error(code(Errno::INVAL));
        }
        let result =
            self.lock()
                .tree
                .rename(parent, name, newparent, newname, flags & no_replace != 0);
        done(reply, result);
    }

    fn open(&mut self, _req: &Request<'_>, ino: u64, _flags: i32, reply: ReplyOpen) {
        match self.lock().tree.node(ino) {
            Ok(_) => reply.opened(0, FOPEN_DIRECT_IO),
            Err(e) => reply.error(code(e)),
        }
    }

    fn read(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        size: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyData,
    ) {
        let Ok(offset) = u64::try_from(offset) else {
            return reply.error(code(Errno::INVAL));
        };
        match self.lock().tree.read(ino, offset, u64::from(size)) {
            Ok(bytes) => reply.data(&bytes),
            Err(e) => reply.error(code(e)),
        }
    }

    fn write(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        data: &[u8],
        _write_flags: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyWrite,
    ) {
        let Ok(offset) = u64::try_from(offset) else {
            return reply.error(code(Errno::INVAL));
        };
        let mut guard = self.lock();
        let state = &mut *guard;
        if state.faults.full() && !data.is_empty() {
            state.counters.enospc += 1;
            return reply.error(code(Errno::NOSPC));
        }
        let stored = if state.faults.short_writes && data.len() > 1 {
            state.counters.short_writes += 1;
            &data[..data.len() / 2]
        } else {
            data
        };
        match state.tree.write(ino, offset, stored) {
            Ok(()) => {
                state.counters.bytes_written += stored.len() as u64;
                reply.written(stored.len() as u32)
            }
            Err(e) => reply.error(code(e)),
        }
    }

    fn flush(&mut self, _req: &Request<'_>, _ino: u64, _fh: u64, _owner: u64, reply: ReplyEmpty) {
        reply.ok();
    }

    fn fsync(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, _data: bool, reply: ReplyEmpty) {
        sync(&self.shared, ino, false, reply);
    }

    fn opendir(&mut self, _req: &Request<'_>, ino: u64, _flags: i32, reply: ReplyOpen) {
        match self.lock().tree.entries(ino) {
            Ok(_) => reply.opened(0, 0),
            Err(e) => reply.error(code(e)),
        }
    }

    fn readdir(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        mut reply: ReplyDirectory,
    ) {
        let state = self.lock();
        let entries = match state.tree.entries(ino) {
            Ok(entries) => entries,
            Err(e) => return reply.error(code(e)),
        };
        let mut all = vec![
            (".".into(), ino, FileType::Directory),
            ("..".into(), ino, FileType::Directory),
        ];
        for (name, child) in entries {
            let kind = self
                .attr(&state.tree, child)
                .map(|a| a.kind)
                .unwrap_or(FileType::RegularFile);
            all.push((name, child, kind));
        }
        let skip = usize::try_from(offset).unwrap_or(0);
        for (i, (name, child, kind)) in all.into_iter().enumerate().skip(skip) {
            if reply.add(child, i as i64 + 1, kind, name) {
                break;
            }
        }
        reply.ok();
    }

    fn fsyncdir(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        sync(&self.shared, ino, true, reply);
    }

    fn statfs(&mut self, _req: &Request<'_>, _ino: u64, reply: ReplyStatfs) {
        let state = self.lock();
        let blocks = CAPACITY / PAGE;
        let free = if state.faults.no_space {
            0
        } else {
            blocks.saturating_sub(state.tree.used_bytes() / PAGE)
        };
        let files = 1 << 20;
        let nodes = state.tree.len() as u64;
        reply.statfs(
            blocks,
            free,
            free,
            files,
            files.saturating_sub(nodes),
            PAGE as u32,
            255,
            PAGE as u32,
        );
    }

    fn access(&mut self, _req: &Request<'_>, ino: u64, _mask: i32, reply: ReplyEmpty) {
        done(reply, self.lock().tree.node(ino).map(|_| ()));
    }

    fn create(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        mode: u32,
        umask: u32,
        flags: i32,
        reply: ReplyCreate,
    ) {
        let mut guard = self.lock();
        let state = &mut *guard;
        let ino = match state.tree.lookup(parent, name) {
            Ok(_) if flags & rustix::fs::OFlags::EXCL.bits() as i32 != 0 => Err(Errno::EXIST),
            Ok(ino) => {
                if flags & rustix::fs::OFlags::TRUNC.bits() as i32 != 0 {
                    state.tree.set_size(ino, 0).map(|()| ino)
                } else {
                    Ok(ino)
                }
            }
            Err(_) if state.faults.full() => {
                state.counters.enospc += 1;
                Err(Errno::NOSPC)
            }
            Err(_) => state.tree.create(
                parent,
                name,
                Kind::File(File::default()),
                perm_of(mode & !umask),
            ),
        };
        match ino.and_then(|ino| self.attr(&state.tree, ino)) {
            Ok(attr) => reply.created(&TTL, &attr, 0, 0, FOPEN_DIRECT_IO),
            Err(e) => reply.error(code(e)),
        }
    }

    fn fallocate(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        length: i64,
        mode: i32,
        reply: ReplyEmpty,
    ) {
        // Mode 0 (allocate, extend) and FALLOC_FL_KEEP_SIZE (1) only.
        if mode & !1 != 0 {
            return reply.error(code(Errno::OPNOTSUPP));
        }
        let (Ok(offset), Ok(length)) = (u64::try_from(offset), u64::try_from(length)) else {
            return reply.error(code(Errno::INVAL));
        };
        let mut guard = self.lock();
        let state = &mut *guard;
        if state.faults.full() {
            state.counters.enospc += 1;
            return reply.error(code(Errno::NOSPC));
        }
        let size = match self.attr(&state.tree, ino) {
            Ok(attr) => attr.size,
            Err(e) => return reply.error(code(e)),
        };
        let end = offset.saturating_add(length);
        let result = if mode == 0 && end > size {
            state.tree.set_size(ino, end)
        } else {
            Ok(())
        };
        done(reply, result);
    }
}
