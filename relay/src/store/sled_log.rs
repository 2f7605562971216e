//! The `fsync` that sled's flush leaves out.
//!
//! sled 0.34 writes its log into one file, `<store>/db`, and pages too large for the log
//! (a tree node holding a large value, for example) into files of `<store>/blobs/`. Its explicit flush ends its log writes with
//! `sync_file_range` on Linux, which starts writeback of the written pages and waits for it,
//! but neither writes the file's metadata nor asks the disk to empty its volatile cache; it
//! never syncs blob files at all. sled relies on its periodic background flush, which does
//! `fsync`, and the relay turns that timer off so that durability never depends on it. On a
//! file system that keeps only what was synced (a power cut), every record sled wrote was
//! lost: the power-cut run lost every acknowledged envelope it checked.
//!
//! [`SledLog::sync`] runs after each sled flush: `fdatasync` of the log file, then of every
//! blob file not yet known to be whole and synced, then of the blob directory if any was.
//! A blob is known whole only if it was listed before the flush (sled writes a blob in
//! several calls, and one that appears during the flush may not be complete yet). What
//! sled's flush wrote is then on disk, and so is everything sled wrote before it, so sled's
//! recovery (which replays its log up to the first gap) finds at least the state of the
//! flush. At open, the store's directory, its parent and the blob directory are synced as
//! well, so that the files and folders sled created stay.
//!
//! This module knows sled's file names and nothing else of its format.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::StoreError;

/// sled's log file, inside the store directory.
const LOG_FILE: &str = "db";
/// sled's configuration file, inside the store directory.
const CONF_FILE: &str = "conf";
/// sled's directory of blob files, inside the store directory.
const BLOB_DIR: &str = "blobs";

fn io(what: &str, path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Backend(format!("{what} {}: {e}", path.display()))
}

/// Handles that make sled's writes durable.
#[derive(Debug)]
pub struct SledLog {
    log: File,
    log_path: PathBuf,
    blobs: PathBuf,
    /// Blob files already synced (sled writes a blob file once and never changes it).
    /// Held through each [`SledLog::sync`]: Linux reports a failed writeback to one `fsync`
    /// of a file only, so two at once could both see success.
    synced_blobs: Mutex<HashSet<OsString>>,
    /// Set when a sync failed: every later one fails too, since the pages the failed one
    /// dropped are gone and a later sync could succeed without them.
    failed: AtomicBool,
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io("syncing the directory", dir, e))
}

impl SledLog {
    /// Opens sled's log file in `dir` (after sled opened the store there) and makes what
    /// sled wrote so far durable: the log, every blob file, and both directories.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(LOG_FILE);
        // fsync flushes the file's pages whatever mode the handle was opened in.
        let log = File::open(&path).map_err(|e| io("opening sled's log", &path, e))?;
        let this = SledLog {
            log,
            log_path: path,
            blobs: dir.join(BLOB_DIR),
            synced_blobs: Mutex::new(HashSet::new()),
            failed: AtomicBool::new(false),
        };
        let listed = this.blobs_before_flush()?;
        this.sync(listed)?;
        // sled writes its configuration once, at creation, without syncing it.
        let conf = dir.join(CONF_FILE);
        if conf.exists() {
            File::open(&conf)
                .and_then(|f| f.sync_all())
                .map_err(|e| io("syncing sled's configuration", &conf, e))?;
        }
        if this.blobs.is_dir() {
            sync_dir(&this.blobs)?;
        }
        sync_dir(dir)?;
        // sled creates the store directory when it is missing: its name must stay too.
        match dir.parent() {
            Some(parent) if parent.as_os_str().is_empty() => sync_dir(Path::new("."))?,
            Some(parent) => sync_dir(parent)?,
            None => {}
        }
        Ok(this)
    }

    /// Whether a sync failed: every later one fails too.
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    /// The blob files there are now. Taken before `sled::Db::flush`: every blob listed then
    /// belongs to a write that flush waits for, so it is whole once the flush returned. A blob
    /// that appears later may still be being written (sled writes it in several calls).
    pub fn blobs_before_flush(&self) -> Result<HashSet<OsString>, StoreError> {
        let entries = match std::fs::read_dir(&self.blobs) {
            Ok(entries) => entries,
            // sled creates the directory with its first blob.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
            Err(e) => return Err(io("listing sled's blobs in", &self.blobs, e)),
        };
        let mut names = HashSet::new();
        for entry in entries {
            let entry = entry.map_err(|e| io("listing sled's blobs in", &self.blobs, e))?;
            names.insert(entry.file_name());
        }
        Ok(names)
    }

    /// Makes every write sled completed so far durable. Call it after `sled::Db::flush`, with
    /// [`SledLog::blobs_before_flush`] taken before it. Every blob not known to be whole and
    /// synced is synced (again); only those listed before the flush are then known so.
    pub fn sync(&self, listed: HashSet<OsString>) -> Result<(), StoreError> {
        let mut synced = self.synced_blobs.lock().unwrap_or_else(|p| p.into_inner());
        if self.failed.load(Ordering::SeqCst) {
            return Err(StoreError::Backend(
                "an earlier sync of sled's files failed; the relay must be restarted".into(),
            ));
        }
        // Only a failed fsync is for ever: it may have dropped pages a later one would not
        // write. Failing to list or open (too many open files, say) leaves nothing recorded.
        let fsync = |result: std::io::Result<()>, what: &str, path: &Path| {
            result.map_err(|e| {
                self.failed.store(true, Ordering::SeqCst);
                io(what, path, e)
            })
        };
        fsync(self.log.sync_data(), "syncing sled's log", &self.log_path)?;
        let present = self.blobs_before_flush()?;
        let mut new = false;
        for name in present.iter().filter(|n| !synced.contains(*n)) {
            let path = self.blobs.join(name);
            match File::open(&path) {
                Ok(file) => fsync(file.sync_data(), "syncing sled's blob", &path)?,
                // sled removed it meanwhile (its page was rewritten).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io("opening sled's blob", &path, e)),
            }
            new = true;
        }
        if new {
            fsync(
                File::open(&self.blobs).and_then(|d| d.sync_all()),
                "syncing the directory",
                &self.blobs,
            )?;
        }
        // Whole and synced: listed before the flush, still there. Names sled removed are
        // forgotten, so that the set stays as small as the folder.
        *synced = present
            .into_iter()
            .filter(|n| listed.contains(n) || synced.contains(n))
            .collect();
        Ok(())
    }
}
