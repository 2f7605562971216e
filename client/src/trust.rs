//! The directory as the root of trust: verification against the pinned custodian key and
//! protection against rollback, equivocation and broken history.
//!
//! The newest accepted signed directory is kept in `directory.bin`; its serial and digest are
//! the client's trust state (derived from the file, so the two can never disagree). A
//! directory that conflicts with it is refused and, for equivocation, kept in `evidence/`.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use poc_keys::directory::{directory_digest, verify_directory, DirectoryError};
use poc_proto::{decode, encode, Directory, Entry, PocId, PublicKeyBytes, SignedDirectory};

use crate::home::{write_atomic, Home};

/// Unix seconds now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Why a directory was refused.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    /// Signature, entries or structure are invalid.
    #[error("directory refused: {0}")]
    Invalid(#[from] DirectoryError),
    /// Older than the one already accepted.
    #[error("directory refused: serial {got} is older than the accepted serial {have} (rollback)")]
    Rollback {
        /// Accepted serial.
        have: u64,
        /// Offered serial.
        got: u64,
    },
    /// Same serial, different content: the custodian key signed two versions.
    #[error("directory refused: two different directories carry serial {serial} (equivocation); both kept in {evidence}")]
    Equivocation {
        /// The serial.
        serial: u64,
        /// Where the conflicting copy was saved.
        evidence: String,
    },
    /// The next serial does not point at the accepted one.
    #[error("directory refused: serial {serial} does not continue the accepted history (previous digest mismatch)")]
    BrokenChain {
        /// Offered serial.
        serial: u64,
    },
    /// Already expired when offered.
    #[error("directory refused: serial {serial} expired at {expired}")]
    Expired {
        /// Offered serial.
        serial: u64,
        /// When it expired.
        expired: String,
    },
}

/// A verified directory with its digest.
#[derive(Debug, Clone)]
pub struct TrustedDirectory {
    /// The signed form, as stored.
    pub signed: SignedDirectory,
    /// The decoded, verified directory.
    pub directory: Directory,
    /// SHA-256 of the signed form.
    pub digest: [u8; 32],
}

impl TrustedDirectory {
    /// The entry with this id.
    pub fn entry(&self, id: &PocId) -> Option<&Entry> {
        self.directory.entries.iter().find(|e| &e.body.id == id)
    }

    /// The entry with this signing key.
    pub fn entry_by_key(&self, key: &PublicKeyBytes) -> Option<&Entry> {
        self.directory
            .entries
            .iter()
            .find(|e| &e.body.signing_key == key)
    }

    /// The revocation of this key, if it was revoked.
    pub fn revocation(&self, key: &PublicKeyBytes) -> Option<&poc_proto::Revocation> {
        let fingerprint = poc_keys::fingerprint(key);
        self.directory.revoked.iter().find(|r| r.fingerprint == fingerprint)
    }

    /// Whether the directory's validity has ended.
    pub fn is_expired(&self, now: u64) -> bool {
        self.directory.expires_at <= now
    }
}

/// Outcome of offering a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// It is new and now in force.
    Newer {
        /// Previous serial (0 for none).
        from: u64,
        /// New serial.
        to: u64,
    },
    /// It is the one already in force.
    Same,
}

/// The accepted directory, re-verified against the pinned key.
pub fn current(home: &Home, pinned: &PublicKeyBytes) -> anyhow::Result<Option<TrustedDirectory>> {
    let path = home.path("directory.bin");
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let signed: SignedDirectory =
        decode(&bytes).with_context(|| format!("{} is damaged", path.display()))?;
    let directory = verify_directory(pinned, &signed)
        .with_context(|| format!("{} no longer verifies", path.display()))?;
    let digest = directory_digest(&signed);
    Ok(Some(TrustedDirectory {
        signed,
        directory,
        digest,
    }))
}

/// Verifies `signed` and makes it the directory in force if it is a legitimate successor.
pub fn accept(
    home: &Home,
    pinned: &PublicKeyBytes,
    signed: SignedDirectory,
) -> anyhow::Result<Accepted> {
    let directory = verify_directory(pinned, &signed).map_err(TrustError::from)?;
    let digest = directory_digest(&signed);
    let have = current(home, pinned)?;
    let from = have.as_ref().map_or(0, |h| h.directory.serial);
    if let Some(have) = &have {
        let serial = directory.serial;
        if serial < have.directory.serial {
            return Err(TrustError::Rollback {
                have: have.directory.serial,
                got: serial,
            }
            .into());
        }
        if serial == have.directory.serial {
            if digest == have.digest {
                return Ok(Accepted::Same);
            }
            let dir = home.ensure_dir("evidence")?;
            let evidence = dir.join(format!("directory-{serial}-{}.bin", hex(&digest[..8])));
            let bytes = encode(&signed).context("encoding evidence")?;
            write_atomic(&evidence, &bytes)?;
            return Err(TrustError::Equivocation {
                serial,
                evidence: dir.display().to_string(),
            }
            .into());
        }
        if serial == have.directory.serial + 1 && directory.previous_digest != Some(have.digest) {
            return Err(TrustError::BrokenChain { serial }.into());
        }
    }
    if directory.expires_at <= now() {
        return Err(TrustError::Expired {
            serial: directory.serial,
            expired: crate::render::time(directory.expires_at),
        }
        .into());
    }
    let bytes = encode(&signed).context("encoding the directory")?;
    home.ensure_dir("")?;
    write_atomic(&home.path("directory.bin"), &bytes)?;
    Ok(Accepted::Newer {
        from,
        to: directory.serial,
    })
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}
