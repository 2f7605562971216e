//! The directory as the root of trust: verification against the pinned custodian key and
//! protection against rollback, equivocation and broken history.
//!
//! The newest accepted signed directory is kept in `directory.bin`; its serial and digest are
//! the client's trust state (derived from the file, so the two can never disagree). A
//! directory that conflicts with it is refused and, for equivocation, kept in `evidence/`.
//!
//! A newer directory that arrives already expired does not replace one still valid: the
//! valid one stays in force (messages are still sent with it) and the expired one is kept
//! in `directory-offered.bin`, so every command warns and asks for a new publication until
//! a newer valid directory arrives. It is not a rollback: its serial is higher and its
//! history is checked like any other. When the directory in force has expired too, the
//! newer one replaces it (both are expired; the newer one has the latest entries and
//! revocations, and an expired directory in force is still used, with a warning).

use crate::error::Failure;
use crate::json::Timestamp;
use anyhow::Context;
use poc_keys::directory::{directory_digest, DirectoryError};
use poc_keys::team::{VerifiedMember, VerifiedTeam};
use poc_keys::verified::{verify_any_directory, VerifiedDirectory};
use poc_proto::{
    decode, encode, AccessList, PocId, PublicKeyBytes, PublishedDirectory, SignedDirectory,
};

use crate::home::{write_atomic, Home};

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
    /// The custodian key rotations do not continue those in force.
    #[error("directory refused: serial {serial} does not continue the custodian key rotations in force (a retired custodian key starting another chain?)")]
    ForkedChain {
        /// Offered serial.
        serial: u64,
    },
    /// Already expired when offered.
    #[error("directory refused: serial {serial} expired at {expired}")]
    Expired {
        /// Offered serial.
        serial: u64,
        /// When it expired.
        expired: Timestamp,
    },
}

impl TrustError {
    /// Whether this refusal proves something about the custodian's keys (two directories
    /// under one serial, a broken or forked history): both sides of it were signed by a
    /// custodian key, so a relay alone cannot cause it, and it must not be set aside because
    /// another relay served a good directory.
    pub fn incriminates_custodian_key(&self) -> bool {
        matches!(
            self,
            TrustError::Equivocation { .. }
                | TrustError::BrokenChain { .. }
                | TrustError::ForkedChain { .. }
        )
    }
}

/// Whether `error` is a directory refusal that [`TrustError::incriminates_custodian_key`].
pub fn incriminates_custodian_key(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<Failure>()
        .and_then(|f| f.error().downcast_ref::<TrustError>())
        .or_else(|| error.downcast_ref::<TrustError>())
        .is_some_and(TrustError::incriminates_custodian_key)
}

/// The serial an offered directory claims, for trying the newest first (unverified: a relay
/// may claim any serial; only the order of the attempts depends on it).
pub fn claimed_serial(published: &PublishedDirectory) -> u64 {
    decode::<AccessList>(&published.access_list.body).map_or(0, |a| a.serial)
}

/// Opens (with `me`) and offers every directory of `offered` (one per relay) to [`accept`],
/// so the newest valid one is in force whatever the others are: an older, rolled-back or
/// forged answer, or a false claim of a high serial, does not stop a good one. A refusal
/// that [`TrustError::incriminates_custodian_key`] is returned even then; other refusals
/// only when no answer was accepted. Also returns the published form of the directory that
/// came into force, if one did (to hand to relays that lag behind).
pub fn accept_offered(
    home: &Home,
    pinned: &PublicKeyBytes,
    me: &poc_keys::PocKey,
    mut offered: Vec<PublishedDirectory>,
    now: u64,
) -> anyhow::Result<(Accepted, Option<PublishedDirectory>)> {
    offered.sort_by_key(|p| std::cmp::Reverse(claimed_serial(p)));
    let mut outcome = None;
    let mut first_error = None;
    // The directories that came into force, each newer than the last: from the first one's
    // `from` to the last one's `to`, and the last one's published form.
    let mut came_into_force: Option<(u64, u64, PublishedDirectory)> = None;
    for published in offered {
        let accepted = poc_keys::directory::open_directory(me, &published.sealed_directory)
            .map_err(|e| anyhow::Error::from(Failure::verification(e)))
            .and_then(|signed| accept(home, pinned, signed, now));
        match accepted {
            Ok(Accepted::Newer { from, to }) => {
                let from = came_into_force
                    .as_ref()
                    .map_or(from, |(first, _, _)| *first);
                came_into_force = Some((from, to, published));
            }
            Ok(accepted) => {
                if !matches!(outcome, Some(Accepted::KeptValid { .. })) {
                    outcome = Some(accepted);
                }
            }
            Err(e) if incriminates_custodian_key(&e) => return Err(e),
            Err(e) => {
                tracing::warn!(error = %e, "a relay offered a directory that was not accepted");
                first_error.get_or_insert(e);
            }
        }
    }
    if let Some((from, to, published)) = came_into_force {
        return Ok((Accepted::Newer { from, to }, Some(published)));
    }
    match (outcome, first_error) {
        (Some(accepted), _) => Ok((accepted, None)),
        (None, Some(e)) => Err(e),
        (None, None) => Ok((Accepted::Same, None)),
    }
}

/// A verified directory with its digest.
#[derive(Debug, Clone)]
pub struct TrustedDirectory {
    /// The signed form, as stored.
    pub signed: SignedDirectory,
    /// The verified directory, in either format: every entry a team of members.
    pub directory: VerifiedDirectory,
    /// SHA-256 of the signed form.
    pub digest: [u8; 32],
}

impl TrustedDirectory {
    /// Every entry as a team of members, sorted by id (an entry of a v1 directory is one
    /// member with an empty label, see `poc_keys::team`).
    pub fn teams(&self) -> &[VerifiedTeam] {
        &self.directory.teams
    }

    /// The entry `id` as a team: its contact details and members.
    pub fn team(&self, id: &PocId) -> Option<&VerifiedTeam> {
        self.directory.team(id)
    }

    /// The current members of the entry `id`, none if it is not in the directory. Every
    /// member was fully verified when the directory was accepted.
    pub fn members(&self, id: &PocId) -> &[VerifiedMember] {
        self.team(id).map_or(&[], |t| t.members.as_slice())
    }

    /// The entry and the member that hold this signing key: who signed a message, and for
    /// which entry it acts (`VerifiedTeam::member_name` gives "MEX.technical (deputy)").
    pub fn member_by_key(&self, key: &PublicKeyBytes) -> Option<(&VerifiedTeam, &VerifiedMember)> {
        self.directory.member_by_key(key)
    }

    /// How a member holding this key is named: "MEX.technical (deputy)", or the id alone for
    /// a one-key entry; none for a key the directory does not hold.
    pub fn member_name(&self, key: &PublicKeyBytes) -> Option<String> {
        self.member_by_key(key).map(|(t, m)| t.member_name(m))
    }

    /// The revocation of this key, if it was revoked.
    pub fn revocation(&self, key: &PublicKeyBytes) -> Option<&poc_proto::Revocation> {
        let fingerprint = poc_keys::fingerprint(key);
        self.directory
            .revoked
            .iter()
            .find(|r| r.fingerprint == fingerprint)
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
    /// It is newer but had already expired, so the one in force, still valid, stays in
    /// force (see [`offered_expired`]).
    KeptValid {
        /// Serial in force.
        serial: u64,
        /// Serial of the expired directory offered.
        offered: u64,
        /// When the offered one expired.
        expired: u64,
    },
}

/// The file keeping the last newer directory that arrived already expired.
const OFFERED: &str = "directory-offered.bin";

/// Whether `newer` revokes a key that `older` does not.
fn revokes_more(newer: &VerifiedDirectory, older: &VerifiedDirectory) -> bool {
    newer.revoked.iter().any(|r| {
        !older
            .revoked
            .iter()
            .any(|known| known.fingerprint == r.fingerprint)
    })
}

/// A newer directory that arrived already expired while the one in force was still valid:
/// (its serial, when it expired), if its serial is still above the one in force. Verified
/// against the pinned key again; an unreadable copy counts as none.
pub fn offered_expired(home: &Home, pinned: &PublicKeyBytes) -> Option<(u64, u64)> {
    let bytes = std::fs::read(home.path(OFFERED)).ok()?;
    let signed: SignedDirectory = decode(&bytes).ok()?;
    let offered = verify_any_directory(pinned, &signed).ok()?;
    let in_force = current(home, pinned).ok()??;
    (offered.serial > in_force.directory.serial).then_some((offered.serial, offered.expires_at))
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
    let directory = verify_any_directory(pinned, &signed)
        .with_context(|| {
            format!(
                "{} no longer verifies against the pinned custodian key (it may have been tampered with): keep a copy for investigation, remove it, then run `poc directory sync`",
                path.display()
            )
        })
        .map_err(Failure::verification)?;
    let digest = directory_digest(&signed);
    Ok(Some(TrustedDirectory {
        signed,
        directory,
        digest,
    }))
}

/// A directory refused: a verification failure (exit code 1).
fn refused(error: impl Into<TrustError>) -> anyhow::Error {
    Failure::verification(error.into()).into()
}

/// Verifies `signed` and makes it the directory in force if it is a legitimate successor
/// that has not expired at `now` (Unix seconds).
pub fn accept(
    home: &Home,
    pinned: &PublicKeyBytes,
    signed: SignedDirectory,
    now: u64,
) -> anyhow::Result<Accepted> {
    let directory = verify_any_directory(pinned, &signed).map_err(refused)?;
    let digest = directory_digest(&signed);
    let have = current(home, pinned)?;
    let from = have.as_ref().map_or(0, |h| h.directory.serial);
    if let Some(have) = &have {
        let serial = directory.serial;
        if serial < have.directory.serial {
            return Err(refused(TrustError::Rollback {
                have: have.directory.serial,
                got: serial,
            }));
        }
        if serial == have.directory.serial {
            if digest == have.digest {
                return Ok(Accepted::Same);
            }
            // Keep both signed versions: together they prove the custodian key signed two
            // different directories under one serial.
            let dir = home.ensure_dir("evidence")?;
            for (signed, digest) in [(&have.signed, &have.digest), (&signed, &digest)] {
                let path = dir.join(format!("directory-{serial}-{}.bin", hex(&digest[..8])));
                write_atomic(&path, &encode(signed).context("encoding evidence")?)?;
            }
            return Err(refused(TrustError::Equivocation {
                serial,
                evidence: dir.display().to_string(),
            }));
        }
        if !poc_keys::rotation::extends(
            &have.directory.custodian_rotations,
            &directory.custodian_rotations,
        ) {
            return Err(refused(TrustError::ForkedChain { serial }));
        }
        if serial == have.directory.serial + 1 && directory.previous_digest != Some(have.digest) {
            return Err(refused(TrustError::BrokenChain { serial }));
        }
    }
    if directory.expires_at <= now {
        match &have {
            // The one in force is still valid: it stays, the newer one is kept for the
            // warning; unless the newer one revokes a key, which is a fact whatever its
            // validity: then the newer one is in force (expired, so every command warns).
            Some(have) if !have.is_expired(now) && !revokes_more(&directory, &have.directory) => {
                let bytes = encode(&signed).context("encoding the directory")?;
                write_atomic(&home.path(OFFERED), &bytes)?;
                return Ok(Accepted::KeptValid {
                    serial: have.directory.serial,
                    offered: directory.serial,
                    expired: directory.expires_at,
                });
            }
            // Both expired: the newer one is the better of the two.
            Some(_) => {}
            None => {
                return Err(refused(TrustError::Expired {
                    serial: directory.serial,
                    expired: Timestamp(directory.expires_at),
                }))
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use poc_keys::directory::{sign_directory, sign_entry};
    use poc_keys::rotation::sign_rotation;
    use poc_keys::PocKey;
    use poc_proto::{Directory, Entry, EntryBody};

    /// The time of every test here: the clock is an argument, so no test depends on the
    /// system clock.
    const NOW: u64 = 1_750_000_000;

    fn entry(key: &PocKey, id: &str) -> Entry {
        sign_entry(
            key,
            EntryBody {
                id: id.parse().unwrap(),
                org_name: "CERT".into(),
                webpage: None,
                emails: vec![],
                phones: vec![],
                languages: vec!["en".into()],
                time_zone: None,
                signing_key: key.signing_public(),
                encryption_key: key.public().encryption.to_string(),
                created_at: 1,
                updated_at: 1,
            },
        )
        .unwrap()
    }

    struct Fixture {
        _dir: tempfile::TempDir,
        home: Home,
        custodian: PocKey,
        member: PocKey,
    }

    impl Fixture {
        fn new() -> Self {
            let dir = tempfile::tempdir().unwrap();
            Fixture {
                home: Home::new(dir.path()),
                _dir: dir,
                custodian: PocKey::generate(),
                member: PocKey::generate(),
            }
        }

        fn pinned(&self) -> PublicKeyBytes {
            self.custodian.signing_public()
        }

        fn directory(&self, serial: u64, previous: Option<[u8; 32]>) -> Directory {
            Directory {
                serial,
                issued_at: NOW,
                expires_at: NOW + 3600,
                previous_digest: previous,
                custodian_key: self.custodian.signing_public(),
                custodian_rotations: vec![],
                entries: vec![entry(&self.member, "FRA.technical")],
                revoked: vec![],
                relays: vec![],
            }
        }

        fn signed(&self, directory: &Directory) -> SignedDirectory {
            sign_directory(&self.custodian, directory).unwrap()
        }

        fn serial_in_force(&self) -> u64 {
            current(&self.home, &self.pinned())
                .unwrap()
                .unwrap()
                .directory
                .serial
        }
    }

    fn reason(result: anyhow::Result<Accepted>) -> TrustError {
        let failure = result.unwrap_err().downcast::<Failure>().unwrap();
        assert_eq!(failure.kind(), crate::error::ErrorKind::Verification);
        failure.into_error().downcast::<TrustError>().unwrap()
    }

    #[test]
    fn serials_advance_and_a_rollback_is_refused() {
        let f = Fixture::new();
        let one = f.signed(&f.directory(1, None));
        assert_eq!(
            accept(&f.home, &f.pinned(), one.clone(), NOW).unwrap(),
            Accepted::Newer { from: 0, to: 1 }
        );
        let two = f.signed(&f.directory(2, Some(directory_digest(&one))));
        assert_eq!(
            accept(&f.home, &f.pinned(), two.clone(), NOW).unwrap(),
            Accepted::Newer { from: 1, to: 2 }
        );
        assert_eq!(
            accept(&f.home, &f.pinned(), two, NOW).unwrap(),
            Accepted::Same
        );
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), one, NOW)),
            TrustError::Rollback { have: 2, got: 1 }
        ));
        assert_eq!(f.serial_in_force(), 2);
    }

    #[test]
    fn equivocation_is_refused_and_kept_as_evidence() {
        let f = Fixture::new();
        let first = f.signed(&f.directory(1, None));
        accept(&f.home, &f.pinned(), first.clone(), NOW).unwrap();
        let mut other = f.directory(1, None);
        other.entries.clear();
        let other = f.signed(&other);
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), other.clone(), NOW)),
            TrustError::Equivocation { serial: 1, .. }
        ));
        let mut kept: Vec<SignedDirectory> = std::fs::read_dir(f.home.path("evidence"))
            .unwrap()
            .map(|e| decode(&std::fs::read(e.unwrap().path()).unwrap()).unwrap())
            .collect();
        assert_eq!(kept.len(), 2, "both signed versions are kept as evidence");
        kept.sort_by_key(|d| d.body.len());
        let mut expected = vec![first.clone(), other];
        expected.sort_by_key(|d| d.body.len());
        assert_eq!(kept, expected);
        // The accepted one stays in force.
        assert_eq!(
            current(&f.home, &f.pinned()).unwrap().unwrap().signed,
            first
        );
    }

    #[test]
    fn a_broken_digest_chain_is_refused() {
        let f = Fixture::new();
        accept(&f.home, &f.pinned(), f.signed(&f.directory(1, None)), NOW).unwrap();
        let forked = f.signed(&f.directory(2, Some([7; 32])));
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), forked, NOW)),
            TrustError::BrokenChain { serial: 2 }
        ));
        assert_eq!(f.serial_in_force(), 1);
    }

    #[test]
    fn only_the_pinned_key_or_its_signed_successors_are_trusted() {
        let f = Fixture::new();
        accept(&f.home, &f.pinned(), f.signed(&f.directory(1, None)), NOW).unwrap();
        let have = current(&f.home, &f.pinned()).unwrap().unwrap();

        // An unrelated key, even claiming to be the custodian, is refused.
        let impostor = PocKey::generate();
        let mut forged = f.directory(2, Some(have.digest));
        forged.custodian_key = impostor.signing_public();
        let forged = sign_directory(&impostor, &forged).unwrap();
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), forged, NOW)),
            TrustError::Invalid(DirectoryError::UnknownCustodian { .. })
        ));

        // A rotated key, handed over by the pinned one, is followed.
        let successor = PocKey::generate();
        let mut rotated = f.directory(2, Some(have.digest));
        rotated.custodian_key = successor.signing_public();
        rotated.custodian_rotations =
            vec![sign_rotation(&f.custodian, &successor.signing_public())];
        let rotated = sign_directory(&successor, &rotated).unwrap();
        assert_eq!(
            accept(&f.home, &f.pinned(), rotated, NOW).unwrap(),
            Accepted::Newer { from: 1, to: 2 }
        );
        assert_eq!(f.serial_in_force(), 2);
    }

    #[test]
    fn a_retired_custodian_key_cannot_fork_the_chain() {
        let f = Fixture::new();
        let successor = PocKey::generate();
        let mut rotated = f.directory(1, None);
        rotated.custodian_key = successor.signing_public();
        rotated.custodian_rotations =
            vec![sign_rotation(&f.custodian, &successor.signing_public())];
        accept(
            &f.home,
            &f.pinned(),
            sign_directory(&successor, &rotated).unwrap(),
            NOW,
        )
        .unwrap();

        // The retired first key hands over to another key and skips a serial.
        let attacker = PocKey::generate();
        let mut fork = f.directory(3, None);
        fork.custodian_key = attacker.signing_public();
        fork.custodian_rotations = vec![sign_rotation(&f.custodian, &attacker.signing_public())];
        let fork = sign_directory(&attacker, &fork).unwrap();
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), fork, NOW)),
            TrustError::ForkedChain { serial: 3 }
        ));
        assert_eq!(f.serial_in_force(), 1);
    }

    #[test]
    fn an_already_expired_directory_is_refused() {
        let f = Fixture::new();
        let mut old = f.directory(1, None);
        old.expires_at = NOW;
        let old = f.signed(&old);
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), old.clone(), NOW)),
            TrustError::Expired { serial: 1, .. }
        ));
        assert!(current(&f.home, &f.pinned()).unwrap().is_none());
        // The time is the caller's: a second earlier the same directory was still valid.
        assert_eq!(
            accept(&f.home, &f.pinned(), old, NOW - 1).unwrap(),
            Accepted::Newer { from: 0, to: 1 }
        );
    }

    #[test]
    fn a_newer_directory_already_expired_leaves_a_valid_one_in_force() {
        let f = Fixture::new();
        let one = f.signed(&f.directory(1, None));
        accept(&f.home, &f.pinned(), one.clone(), NOW).unwrap();
        let mut two = f.directory(2, Some(directory_digest(&one)));
        two.expires_at = NOW;
        let two = f.signed(&two);
        assert_eq!(
            accept(&f.home, &f.pinned(), two.clone(), NOW).unwrap(),
            Accepted::KeptValid {
                serial: 1,
                offered: 2,
                expired: NOW
            }
        );
        assert_eq!(f.serial_in_force(), 1, "the valid one stays in force");
        assert_eq!(offered_expired(&f.home, &f.pinned()), Some((2, NOW)));
        // Offered again, it is kept out again: no rollback, no equivocation.
        assert!(matches!(
            accept(&f.home, &f.pinned(), two.clone(), NOW).unwrap(),
            Accepted::KeptValid { serial: 1, .. }
        ));
        // A newer valid one replaces both and ends the warning.
        let three = f.signed(&f.directory(3, Some(directory_digest(&two))));
        assert_eq!(
            accept(&f.home, &f.pinned(), three, NOW).unwrap(),
            Accepted::Newer { from: 1, to: 3 }
        );
        assert_eq!(offered_expired(&f.home, &f.pinned()), None);
    }

    #[test]
    fn a_newer_directory_already_expired_that_revokes_a_key_is_put_in_force() {
        let f = Fixture::new();
        let one = f.signed(&f.directory(1, None));
        accept(&f.home, &f.pinned(), one.clone(), NOW).unwrap();
        let mut two = f.directory(2, Some(directory_digest(&one)));
        two.expires_at = NOW;
        let member = two.entries.remove(0);
        two.revoked.push(poc_proto::Revocation {
            fingerprint: poc_keys::fingerprint(&member.body.signing_key),
            id: member.body.id,
            reason: "key compromised".into(),
            revoked_at: NOW - 60,
        });
        let two = f.signed(&two);
        assert_eq!(
            accept(&f.home, &f.pinned(), two, NOW).unwrap(),
            Accepted::Newer { from: 1, to: 2 }
        );
        assert_eq!(f.serial_in_force(), 2, "the revocation is in force");
    }

    #[test]
    fn when_the_directory_in_force_expired_too_the_newer_expired_one_replaces_it() {
        let f = Fixture::new();
        let one = f.signed(&f.directory(1, None));
        accept(&f.home, &f.pinned(), one.clone(), NOW).unwrap();
        let later = NOW + 7200;
        let two = f.signed(&f.directory(2, Some(directory_digest(&one))));
        assert_eq!(
            accept(&f.home, &f.pinned(), two, later).unwrap(),
            Accepted::Newer { from: 1, to: 2 }
        );
        assert_eq!(f.serial_in_force(), 2);
    }

    #[test]
    fn malformed_or_truncated_directories_leave_the_one_in_force() {
        let f = Fixture::new();
        accept(&f.home, &f.pinned(), f.signed(&f.directory(1, None)), NOW).unwrap();
        let good = f.signed(&f.directory(2, None));
        let mut truncated = good.clone();
        truncated.body.truncate(truncated.body.len() / 2);
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), truncated, NOW)),
            TrustError::Invalid(DirectoryError::Malformed { .. })
        ));
        let mut flipped = good;
        let last = flipped.body.len() - 1;
        flipped.body[last] ^= 1;
        assert!(accept(&f.home, &f.pinned(), flipped, NOW).is_err());
        assert_eq!(f.serial_in_force(), 1);
    }

    #[test]
    fn a_weak_key_in_a_directory_is_refused() {
        let f = Fixture::new();
        let mut weak = f.directory(1, None);
        let mut forged = entry(&PocKey::generate(), "MEX.technical");
        // The identity point: small order, so signatures for it could be forged by anyone.
        let mut identity_point = [0u8; 32];
        identity_point[0] = 1;
        forged.body.signing_key = PublicKeyBytes(identity_point);
        weak.entries.push(forged);
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), f.signed(&weak), NOW)),
            TrustError::Invalid(DirectoryError::BadKey {
                source: poc_keys::KeyError::Weak,
                ..
            })
        ));
        assert!(current(&f.home, &f.pinned()).unwrap().is_none());
    }

    #[test]
    fn duplicate_keys_in_a_directory_are_refused() {
        let f = Fixture::new();
        let mut dup = f.directory(1, None);
        dup.entries.push(entry(&f.member, "FRA.diplomatic"));
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), f.signed(&dup), NOW)),
            TrustError::Invalid(DirectoryError::DuplicateKey(..))
        ));
    }

    #[test]
    fn the_directory_in_force_gives_each_entry_as_a_one_member_team() {
        let f = Fixture::new();
        accept(&f.home, &f.pinned(), f.signed(&f.directory(1, None)), NOW).unwrap();
        let trusted = current(&f.home, &f.pinned()).unwrap().unwrap();
        let fra: PocId = "FRA.technical".parse().unwrap();
        let members = trusted.members(&fra);
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].record.signing_key, f.member.signing_public());
        assert_eq!(members[0].record.label, "");
        assert!(trusted
            .members(&"KEN.technical".parse().unwrap())
            .is_empty());
        let (team, member) = trusted.member_by_key(&f.member.signing_public()).unwrap();
        assert_eq!(team.body.id, fra);
        assert_eq!(member.record.signing_key, f.member.signing_public());
        // A one-member team is shown as today: the id alone.
        assert_eq!(team.member_name(member), "FRA.technical");
        assert!(trusted
            .member_by_key(&f.custodian.signing_public())
            .is_none());
        assert_eq!(trusted.teams().len(), 1);
        // The member's encryption key is the entry's.
        assert_eq!(
            member.public().encryption.to_string(),
            f.member.public().encryption.to_string()
        );
    }

    #[test]
    fn a_directory_in_format_v2_follows_a_v1_one_and_gives_its_teams() {
        use poc_keys::team::{sign_member, sign_team_directory};
        let f = Fixture::new();
        let one = f.signed(&f.directory(1, None));
        accept(&f.home, &f.pinned(), one.clone(), NOW).unwrap();
        let fra: PocId = "FRA.technical".parse().unwrap();
        let v2 = poc_proto::TeamDirectory {
            format: poc_proto::DIRECTORY_V2_FORMAT,
            serial: 2,
            issued_at: NOW,
            expires_at: NOW + 3600,
            previous_digest: Some(directory_digest(&one)),
            custodian_key: f.custodian.signing_public(),
            custodian_rotations: vec![],
            teams: vec![poc_proto::Team {
                body: poc_proto::TeamBody {
                    id: fra.clone(),
                    org_name: "CERT".into(),
                    webpage: None,
                    emails: vec![],
                    phones: vec![],
                    languages: vec!["en".into()],
                    time_zone: None,
                    created_at: 1,
                    updated_at: 1,
                },
                members: vec![
                    sign_member(&f.member, &fra, "desk", 1).unwrap(),
                    sign_member(&PocKey::generate(), &fra, "deputy", 1).unwrap(),
                ],
            }],
            entries: vec![entry(&f.custodian, "UN.custodian")],
            revoked: vec![],
            relays: vec![],
        };
        let signed = sign_team_directory(&f.custodian, &v2).unwrap();
        assert_eq!(
            accept(&f.home, &f.pinned(), signed.clone(), NOW).unwrap(),
            Accepted::Newer { from: 1, to: 2 }
        );
        let trusted = current(&f.home, &f.pinned()).unwrap().unwrap();
        assert_eq!(
            trusted.directory.format,
            poc_keys::verified::DirectoryFormat::V2
        );
        let ids: Vec<String> = trusted
            .teams()
            .iter()
            .map(|t| t.body.id.to_string())
            .collect();
        assert_eq!(ids, ["FRA.technical", "UN.custodian"]);
        let labels: Vec<&str> = trusted
            .members(&fra)
            .iter()
            .map(|m| m.record.label.as_str())
            .collect();
        assert_eq!(labels, ["desk", "deputy"]);
        assert_eq!(
            trusted.member_name(&f.member.signing_public()).unwrap(),
            "FRA.technical (desk)"
        );
        assert_eq!(
            trusted.member_name(&f.custodian.signing_public()).unwrap(),
            "UN.custodian"
        );
        // A v1 directory after it with the same serial is equivocation; a lower one a
        // rollback: the formats share one history.
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), one, NOW)),
            TrustError::Rollback { have: 2, got: 1 }
        ));
        let mut again = f.directory(2, Some(directory_digest(&signed)));
        again.issued_at += 1;
        assert!(matches!(
            reason(accept(&f.home, &f.pinned(), f.signed(&again), NOW)),
            TrustError::Equivocation { serial: 2, .. }
        ));
        assert_eq!(f.serial_in_force(), 2);
    }

    /// Several relays answer a sync: one claims a huge serial over the directory already in
    /// force, one serves junk, one the genuine next directory. The genuine one is in force;
    /// a second directory under the serial in force is refused whatever else was offered.
    #[test]
    fn the_newest_valid_offer_wins_whatever_the_others_claim() {
        let f = Fixture::new();
        let one = f.signed(&f.directory(1, None));
        accept(&f.home, &f.pinned(), one.clone(), NOW).unwrap();
        let two = f.signed(&f.directory(2, Some(directory_digest(&one))));
        let recipient = f.member.public().encryption.clone();
        let offer = |claimed: u64, sealed: Vec<u8>| PublishedDirectory {
            access_list: poc_keys::directory::sign_access_list(
                &f.member,
                &AccessList {
                    serial: claimed,
                    issued_at: NOW,
                    custodian_key: f.pinned(),
                    custodian_rotations: vec![],
                    sealed_directory_digest: [0; 32],
                    members: vec![],
                },
            )
            .unwrap(),
            sealed_directory: sealed,
        };
        let seal = |d: &SignedDirectory| {
            poc_keys::directory::seal_directory(d, std::slice::from_ref(&recipient)).unwrap()
        };
        let offered = vec![
            offer(u64::MAX, seal(&one)),
            offer(u64::MAX - 1, b"not a directory".to_vec()),
        ];
        let genuine = offer(2, seal(&two));
        let offered = [offered, vec![genuine.clone()]].concat();
        let (accepted, in_force) =
            accept_offered(&f.home, &f.pinned(), &f.member, offered, NOW).unwrap();
        assert_eq!(accepted, Accepted::Newer { from: 1, to: 2 });
        assert_eq!(in_force, Some(genuine), "the published form to hand on");
        assert_eq!(f.serial_in_force(), 2);

        let mut other = f.directory(2, Some(directory_digest(&one)));
        other.entries.clear();
        let offered = vec![offer(2, seal(&two)), offer(2, seal(&f.signed(&other)))];
        let refused = accept_offered(&f.home, &f.pinned(), &f.member, offered, NOW).map(|(a, _)| a);
        assert!(matches!(
            reason(refused),
            TrustError::Equivocation { serial: 2, .. }
        ));
    }
}
