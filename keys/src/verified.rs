//! A verified directory of either format, as the client uses it: the header fields, every
//! entry as a team of members, the revocations and the relays.
//!
//! A v1 body is checked by `directory::verify_directory`, a v2 body by
//! `team::verify_team_directory`; both end here, so nothing above this module needs to know
//! which format the custodian published. It does not decide which directory is in force
//! (that is the client's `trust` module).

use poc_proto::{KeyRotation, PocId, PublicKeyBytes, RelayInfo, Revocation, SignedDirectory};

use crate::directory::{verify_directory, DirectoryError};
use crate::team::{is_v2, v1_teams, verify_team_directory, VerifiedMember, VerifiedTeam};

/// The format a directory was published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectoryFormat {
    /// One key per entry (`poc/directory/v1`).
    V1,
    /// Entries may be teams of members (`poc/directory/v2`).
    V2,
}

/// A directory whose custodian signature, rotations and every entry have been verified.
#[derive(Clone, Debug)]
pub struct VerifiedDirectory {
    /// Format it was published in.
    pub format: DirectoryFormat,
    /// Strictly increasing version number.
    pub serial: u64,
    /// Unix seconds of publication.
    pub issued_at: u64,
    /// Unix seconds after which clients freeze it and warn.
    pub expires_at: u64,
    /// SHA-256 of the previous signed directory, none for the first.
    pub previous_digest: Option<[u8; 32]>,
    /// The custodian key that signed it.
    pub custodian_key: PublicKeyBytes,
    /// The custodian key rotations so far, oldest first.
    pub custodian_rotations: Vec<KeyRotation>,
    /// Every PoC as a team, sorted by id (a v1 entry is one member without a label).
    pub teams: Vec<VerifiedTeam>,
    /// Keys that must no longer be trusted.
    pub revoked: Vec<Revocation>,
    /// Relays serving this directory's members.
    pub relays: Vec<RelayInfo>,
}

impl VerifiedDirectory {
    /// The PoC `id`.
    pub fn team(&self, id: &PocId) -> Option<&VerifiedTeam> {
        self.teams.iter().find(|t| &t.body.id == id)
    }

    /// The PoC and the member that hold this signing key.
    pub fn member_by_key(&self, key: &PublicKeyBytes) -> Option<(&VerifiedTeam, &VerifiedMember)> {
        self.teams
            .iter()
            .find_map(|t| t.member(key).map(|m| (t, m)))
    }
}

/// Verifies a signed directory of either format against the pinned custodian key.
pub fn verify_any_directory(
    pinned: &PublicKeyBytes,
    signed: &SignedDirectory,
) -> Result<VerifiedDirectory, DirectoryError> {
    if is_v2(&signed.body) {
        let (d, teams) = verify_team_directory(pinned, signed)?;
        return Ok(VerifiedDirectory {
            format: DirectoryFormat::V2,
            serial: d.serial,
            issued_at: d.issued_at,
            expires_at: d.expires_at,
            previous_digest: d.previous_digest,
            custodian_key: d.custodian_key,
            custodian_rotations: d.custodian_rotations,
            teams,
            revoked: d.revoked,
            relays: d.relays,
        });
    }
    let d = verify_directory(pinned, signed)?;
    let mut teams = v1_teams(&d);
    teams.sort_by(|a, b| a.body.id.cmp(&b.body.id));
    Ok(VerifiedDirectory {
        format: DirectoryFormat::V1,
        serial: d.serial,
        issued_at: d.issued_at,
        expires_at: d.expires_at,
        previous_digest: d.previous_digest,
        custodian_key: d.custodian_key,
        custodian_rotations: d.custodian_rotations,
        teams,
        revoked: d.revoked,
        relays: d.relays,
    })
}
