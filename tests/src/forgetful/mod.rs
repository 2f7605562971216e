//! A file system that forgets: a FUSE mount over a backing directory that keeps every write
//! not yet made durable in memory and drops it when the test cuts the power, plus injected
//! disk faults. The power-cut tests run the relay with its store on it.
//!
//! [`Forgetful::mount`] reads the backing directory and mounts it (through `fusermount3`;
//! Debian's `fuse3` package). While mounted, the whole file system lives in memory, each node
//! twice: as processes see it and as it would come back after a power loss
//! ([`model::Tree`]). The test then calls:
//!
//! - [`Forgetful::cut_power`]: every node goes back to its durable state. Kill the processes
//!   using the mount first (a process that survives a power cut is not one).
//! - [`Forgetful::inject`]: ENOSPC on writes, EIO on file syncs, short writes, slow syncs
//!   ([`Fault`]); [`Forgetful::clear_faults`] ends them.
//! - [`Forgetful::unmount`] (or dropping the handle): the backing directory is rewritten
//!   with the durable state, i.e. unmounting is a power cut, not a clean shutdown.
//!
//! # The durability model
//!
//! - **File data** (contents and length) survives a cut as it was at the file's last
//!   successful `fsync` or `fdatasync` — both sync data and length, which is what
//!   `fdatasync` guarantees for a size change. Nothing written after it survives, in whole or
//!   in part. ftruncate and fallocate (modes 0 and `KEEP_SIZE`) count as writes.
//! - **Names** (create, mkdir, mknod, rename, unlink, rmdir) depend on the [`Model`]:
//!   - [`Model::Posix`]: a change survives only once its directory was fsynced afterwards; a
//!     rename between two directories is committed whole when either is synced. A file
//!     fsynced but whose directory was not synced is gone after the cut.
//!   - [`Model::Ext4Ordered`], ext4's default `data=ordered` journal: every sync (file or
//!     directory) commits the journal, which holds every namespace change made so far in the
//!     whole file system, in order. A file whose name was committed but whose data was never
//!     synced comes back empty (ext4's delayed allocation does the same).
//! - A failed sync (injected EIO) drops the file's unsynced data: reads see the last synced
//!   contents again and no later sync brings the lost writes back, as Linux drops the pages
//!   whose writeback failed.
//! - Permission bits and times are not subject to cuts.
//!
//! Against real ext4 (`data=ordered`, default mount options) this model is:
//!
//! - **stricter** in that ext4 also commits its journal every 5 s and writes dirty pages
//!   back within about 30 s, so unsynced data and names often survive there; ext4 also flushes
//!   a file's data when it replaces another by rename or is truncated to zero
//!   (`auto_da_alloc`); and under [`Model::Posix`], ext4 makes a new file's name durable with
//!   the file's own fsync, which the model does not;
//! - **looser** in that a cut never tears: ext4 may have written back some of the pages
//!   written after the last sync and not others, in any order, while the model keeps none of
//!   them, so code that must cope with a torn tail is not tested by it; an `fdatasync` that
//!   changes no size does not commit ext4's journal, and in the model it does (under
//!   [`Model::Ext4Ordered`]); and the disk is assumed to honour flushes (no `nobarrier`, no
//!   volatile write cache that lies).
//!
//! `syncfs(2)` never reaches it: the kernel sends `FUSE_SYNCFS` only to virtiofs. Files a
//! program made durable with `syncfs` alone therefore look unsynced here and a cut takes them
//! back, where ext4 keeps them. The client does this for its large batches
//! (`home::write_files_batch`: the sent copies of a campaign's pings or of a publication's
//! notices), so after a cut those copies may be missing here although they would not be on
//! ext4; what the relay acknowledged and the client's own state (keys, directory, inbox) use
//! `fsync`/`fdatasync` and are modelled exactly.
//!
//! File locks (`flock`, POSIX locks) are kept by the kernel; they do not survive a cut
//! because the processes holding them are gone. Hard links and symbolic links are not
//! supported (EPERM); sockets and FIFOs are names without contents.
//!
//! This module does not start or stop the processes that use the mount. The file system is
//! served by a thread of the process that mounted it: if that process is killed while one of
//! its own threads waits on the mount, the thread cannot end (`fusermount3 -u -z MOUNTPOINT`
//! and writing 1 to `/sys/fs/fuse/connections/N/abort` free it).

pub mod fs;
mod image;
pub mod model;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use fs::Counters;
pub use model::{CutReport, Model};

use fs::{lock, Faults, ForgetfulFs, Shared};

/// A disk fault to inject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The disk is full: writes, file extensions and new names fail with ENOSPC, and
    /// `statfs` reports no free space.
    NoSpace,
    /// Writes, extensions and new names fail with ENOSPC while `statfs` still reports free
    /// space: the disk filled up between a check and a write.
    NoSpaceUnreported,
    /// The next `times` file syncs fail with EIO, each dropping its file's unsynced data.
    SyncEio {
        /// How many syncs fail.
        times: u32,
    },
    /// Every write stores and reports only the first half of its bytes.
    ShortWrites,
    /// Every sync takes this long (other requests go on meanwhile).
    SlowSync(Duration),
}

/// Whether this machine can mount the forgetting file system (`/dev/fuse` and
/// `fusermount3`).
pub fn available() -> bool {
    Path::new("/dev/fuse").exists()
        && std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("fusermount3").is_file())
        })
}

/// A mounted forgetting file system. Dropping it unmounts it (see [`Forgetful::unmount`]).
#[derive(Debug)]
pub struct Forgetful {
    shared: Arc<Mutex<Shared>>,
    session: Option<fuser::BackgroundSession>,
    backing: PathBuf,
    mountpoint: PathBuf,
}

impl Forgetful {
    /// Mounts the contents of the directory `backing` at the (empty) directory
    /// `mountpoint`, everything in it durable.
    pub fn mount(backing: &Path, mountpoint: &Path, model: Model) -> io::Result<Self> {
        let mut tree = model::Tree::new(model);
        image::load(backing, &mut tree)?;
        let shared = Arc::new(Mutex::new(Shared {
            tree,
            faults: Faults::default(),
            counters: Counters::default(),
        }));
        let options = [
            fuser::MountOption::FSName("forgetful".into()),
            fuser::MountOption::Subtype("forgetful".into()),
            fuser::MountOption::AutoUnmount,
            fuser::MountOption::AllowRoot,
        ];
        let session = fuser::spawn_mount2(ForgetfulFs::new(shared.clone()), mountpoint, &options)?;
        Ok(Forgetful {
            shared,
            session: Some(session),
            backing: backing.to_path_buf(),
            mountpoint: mountpoint.to_path_buf(),
        })
    }

    /// Where it is mounted.
    pub fn mountpoint(&self) -> &Path {
        &self.mountpoint
    }

    /// Cuts the power: everything not made durable is gone (see the module doc). The mount
    /// stays; processes started afterwards see what a reboot would show.
    pub fn cut_power(&self) -> CutReport {
        lock(&self.shared).tree.cut()
    }

    /// Adds a fault (they add up; [`Forgetful::clear_faults`] ends them all).
    pub fn inject(&self, fault: Fault) {
        let mut state = lock(&self.shared);
        match fault {
            Fault::NoSpace => state.faults.no_space = true,
            Fault::NoSpaceUnreported => state.faults.no_space_unreported = true,
            Fault::SyncEio { times } => state.faults.sync_eio += times,
            Fault::ShortWrites => state.faults.short_writes = true,
            Fault::SlowSync(delay) => state.faults.slow_sync = Some(delay),
        }
    }

    /// Ends every injected fault (the space returns, syncs succeed and are fast again).
    pub fn clear_faults(&self) {
        lock(&self.shared).faults = Faults::default();
    }

    /// What the file system did so far.
    pub fn counters(&self) -> Counters {
        lock(&self.shared).counters
    }

    /// Every regular file now in the file system (path from the mount's root), with the
    /// bytes written to it since its last sync and its successful syncs since the mount.
    pub fn file_stats(&self) -> Vec<(String, u64, u64)> {
        lock(&self.shared).tree.file_stats()
    }

    /// Unmounts, then writes the durable state to the backing directory (unsynced writes
    /// are dropped, as by [`Forgetful::cut_power`]).
    pub fn unmount(mut self) -> io::Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(session) = self.session.take() {
            // Dropping the session alone leaves the mount in place (its thread keeps the
            // connection open): unmount first (lazily, should a file still be open), which
            // ends the connection and the session's thread with it.
            let unmounted = std::process::Command::new("fusermount3")
                .args(["-u", "-z", "--"])
                .arg(&self.mountpoint)
                .status();
            drop(session);
            match unmounted {
                Ok(status) if status.success() => {}
                Ok(status) => {
                    return Err(io::Error::other(format!(
                        "fusermount3 -u {} failed: {status}",
                        self.mountpoint.display()
                    )))
                }
                Err(e) => return Err(e),
            }
            image::save(&lock(&self.shared).tree, &self.backing)?;
        }
        Ok(())
    }
}

impl Drop for Forgetful {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}
