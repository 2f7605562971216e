//! The directories the custodian signed, one file per serial in `custodian/published/`.
//!
//! A directory is written here, synced, before the relay sees it, and the next publication
//! follows the newest one here even when the directory in force is older. So a power cut
//! between the relay's acceptance and the home's own record never makes the custodian sign a
//! second, different directory under a serial the relay (or a member) already holds: that
//! would be refused as not newer, and members would take it for equivocation.
//!
//! One publication at a time per home ([`lock`]): the browser interface and a terminal, or two
//! terminals, would otherwise pick the same next serial and sign two different directories
//! under it.
//!
//! This module does not publish, verify or accept a directory (see [`super::custodian`] and
//! [`crate::trust`]).

use std::path::PathBuf;

use anyhow::Context;
use poc_keys::directory::directory_digest;
use poc_keys::verified::verify_any_directory;
use poc_proto::{decode, encode, PublicKeyBytes, SignedDirectory};

use crate::home::{write_atomic, Home};

const DIR: &str = "custodian/published";
/// The file a publication holds locked.
const LOCK: &str = "custodian/publishing.lock";

/// Held while a directory is signed and published from this home; released when dropped.
#[derive(Debug)]
pub struct PublishLock {
    _file: std::fs::File,
}

/// Takes the home's publication lock, or says that another publication holds it.
pub fn lock(home: &Home) -> anyhow::Result<PublishLock> {
    use std::os::unix::fs::OpenOptionsExt;
    home.ensure_dir(DIR)?;
    let path = home.path(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(PublishLock { _file: file }),
        Err(rustix::io::Errno::WOULDBLOCK) => anyhow::bail!(
            "another publication from this home is under way (in `poc ui` or another \
             terminal): run this again once it has finished"
        ),
        Err(e) => {
            Err(std::io::Error::from(e)).with_context(|| format!("locking {}", path.display()))
        }
    }
}

/// The file of the directory signed under `serial`.
pub fn path(home: &Home, serial: u64) -> PathBuf {
    home.path(DIR).join(format!("{serial}.bin"))
}

/// Records `signed`, signed under `serial`, durably (before it is published).
pub fn record(home: &Home, serial: u64, signed: &SignedDirectory) -> anyhow::Result<()> {
    home.ensure_dir(DIR)?;
    write_atomic(
        &path(home, serial),
        &encode(signed).context("encoding the directory")?,
    )
}

/// The serial and digest of the newest directory recorded here above `serial`, if any,
/// checked: it must verify under the custodian key `pinned` and carry the serial its file is
/// named after.
pub fn newest_above(
    home: &Home,
    pinned: &PublicKeyBytes,
    serial: u64,
) -> anyhow::Result<Option<(u64, [u8; 32])>> {
    let dir = home.path(DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    let mut newest = None;
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let name = entry.file_name();
        let recorded = name
            .to_str()
            .and_then(|n| n.strip_suffix(".bin"))
            .and_then(|n| n.parse::<u64>().ok());
        if let Some(recorded) = recorded.filter(|r| *r > serial) {
            newest = newest.max(Some(recorded));
        }
    }
    let Some(newest) = newest else {
        return Ok(None);
    };
    let file = path(home, newest);
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let damaged = || {
        format!(
            "{} is damaged: restore it from a backup of the custodian's home",
            file.display()
        )
    };
    let signed: SignedDirectory = decode(&bytes).with_context(damaged)?;
    // The name must be the serial signed inside, or the next serial would follow a wrong one.
    let verified = verify_any_directory(pinned, &signed).with_context(damaged)?;
    if verified.serial != newest {
        anyhow::bail!("{}", damaged());
    }
    Ok(Some((newest, directory_digest(&signed))))
}
