//! Copies owed to relays: envelopes that `k` relays stored but some other relay of the
//! directory does not have yet (it was down, stopped, or slower than the command). They are
//! kept durably in the home (`owed/`, one file per relay and batch) and submitted in the
//! background of the next command that reaches that relay, until it stores them, refuses
//! them for good ([`crate::transport::relays::still_owed`]), leaves the directory (as its
//! address and pin were listed), or they expire. A file is removed only after what is still
//! missing was written again, so a crash in between leaves a copy owed twice (a relay keeps
//! one copy per envelope id), never none.
//!
//! Also here: the relays a command did not reach ([`Unreached`]), which the command line names
//! in one line at the end.
//!
//! This module does not connect (it is given the connected [`Relays`]) nor print.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use poc_proto::{decode, encode, Envelope};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Identity;
use crate::home::RelayAddress;
use crate::transport::relays::{Missing, Relays};

/// The folder of the home that holds the owed copies.
const FOLDER: &str = "owed";

/// One owed file: the relay (address and pin, as the directory listed it) and the envelopes
/// it lacks.
#[derive(Debug, Serialize, Deserialize)]
struct OwedFile {
    address: String,
    tls_pin: String,
    envelopes: Vec<Envelope>,
}

/// The relays one run of the program did not reach, each with why, shared by the operations
/// (through [`Identity`]) and the command line, which names them once at the end.
#[derive(Debug, Clone, Default)]
pub struct Unreached(Arc<Mutex<BTreeSet<String>>>);

impl Unreached {
    /// Records `address` as not reached.
    pub fn add(&self, address: &str) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(address.to_owned());
    }

    /// The relays not reached, sorted.
    pub fn list(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .cloned()
            .collect()
    }
}

/// The name of the file of `missing`: the relay and the envelope ids, hashed, so that the
/// same copies owed again replace their file.
fn file_name(relay: &RelayAddress, envelopes: &[Envelope]) -> String {
    let mut hash = Sha256::new();
    hash.update(relay.address.as_bytes());
    hash.update([0]);
    for envelope in envelopes {
        hash.update(envelope.id.0);
        hash.update(envelope.to.0);
    }
    let digest = hash.finalize();
    format!("{}.bin", data_encoding::HEXLOWER.encode(&digest[..16]))
}

/// Keeps `missing` (what [`Relays::close`] returned) for the next command, without the
/// envelopes that expired, and records their relays as not reached. Returns the names of
/// the files written.
pub fn keep(identity: &Identity, missing: Vec<Missing>) -> anyhow::Result<Vec<String>> {
    let now = identity.now();
    let mut files = Vec::new();
    for owed in missing {
        identity.unreached.add(&owed.relay.address);
        let envelopes: Vec<Envelope> = owed
            .envelopes
            .into_iter()
            .filter(|e| e.expires_at > now)
            .collect();
        if envelopes.is_empty() {
            continue;
        }
        let name = file_name(&owed.relay, &envelopes);
        let file = OwedFile {
            address: owed.relay.address,
            tls_pin: owed.relay.tls_pin,
            envelopes,
        };
        files.push((name, encode(&file)?));
    }
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let dir = identity.home.ensure_dir(FOLDER)?;
    crate::home::write_files(&dir, &files)?;
    Ok(files.into_iter().map(|(name, _)| name).collect())
}

/// The owed files of `identity`'s home, each with its name (unreadable files are skipped:
/// an owed copy is an extra copy, never the only one).
fn read_all(identity: &Identity) -> Vec<(std::path::PathBuf, OwedFile)> {
    let Ok(entries) = std::fs::read_dir(identity.home.path(FOLDER)) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let file = decode::<OwedFile>(&bytes).ok()?;
            Some((path, file))
        })
        .collect()
}

/// Hands the copies owed to relays of `relays` to them, in the background of the command
/// ([`Relays::send_later`]), and forgets those that are done: expired, or owed to a relay no
/// longer listed. Returns the files handed over: [`settle`] removes them once the command
/// closed its relays, after keeping again what is still missing.
pub fn resend(identity: &Identity, relays: &Relays) -> Vec<PathBuf> {
    let now = identity.now();
    let listed = relays.addresses();
    let mut handed = Vec::new();
    let mut done = Vec::new();
    for (path, file) in read_all(identity) {
        let relay = RelayAddress {
            address: file.address,
            tls_pin: file.tls_pin,
        };
        let envelopes: Vec<Envelope> = file
            .envelopes
            .into_iter()
            .filter(|e| e.expires_at > now)
            .collect();
        if envelopes.is_empty() || !listed.contains(&relay) {
            done.push(path);
        } else if relays.send_later(&relay, envelopes) {
            handed.push(path);
        }
    }
    remove(identity, &done);
    handed
}

/// After the command closed its relays: keeps `missing` (what [`Relays::close`] returned)
/// for the next command ([`keep`]), then removes the files of `handed` that it did not
/// write again (their copies arrived, or their relay refused them).
pub fn settle(
    identity: &Identity,
    handed: &[PathBuf],
    missing: Vec<Missing>,
) -> anyhow::Result<()> {
    let kept = keep(identity, missing)?;
    let done: Vec<PathBuf> = handed
        .iter()
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| kept.iter().any(|k| n == k.as_str()))
        })
        .cloned()
        .collect();
    remove(identity, &done);
    Ok(())
}

/// Removes owed files that are done, then syncs the folder.
fn remove(identity: &Identity, done: &[PathBuf]) {
    if done.is_empty() {
        return;
    }
    for path in done {
        if let Err(e) = std::fs::remove_file(path) {
            tracing::warn!(error = %e, "cannot remove an owed copy that is done");
        }
    }
    if let Err(e) = crate::home::sync_dir(&identity.home.path(FOLDER)) {
        tracing::warn!(error = %e, "cannot sync the owed folder");
    }
}
