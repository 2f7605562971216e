//! A verified directory of any format, as the client uses it: the header fields, every
//! entry as a team of members, the revocations, the relays and `k`.
//!
//! A v1 body is checked by `directory::verify_directory`, a v2 body by
//! `team::verify_team_directory`, a v3 body by `relays::verify_relay_directory`; all end
//! here, so nothing above this module needs to know which format the custodian published. It does not decide which directory is in force
//! (that is the client's `trust` module).

use poc_proto::{KeyRotation, PocId, PublicKeyBytes, RelayEntry, Revocation, SignedDirectory};

use crate::directory::{verify_directory, DirectoryError};
use crate::relays::{is_v3, relays_of_v2, verify_relay_directory};
use crate::team::{is_v2, v1_teams, verify_team_directory, VerifiedMember, VerifiedTeam};

/// The format a directory was published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectoryFormat {
    /// One key per entry (`poc/directory/v1`).
    V1,
    /// Entries may be teams of members (`poc/directory/v2`).
    V2,
    /// Format v2 with the relays described and `k` (`poc/directory/v3`).
    V3,
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
    /// Relays serving this directory's members, checked (see `relays::check_relays`); a
    /// v1 or v2 directory's have no operator and no region, and may be none.
    pub relays: Vec<RelayEntry>,
    /// How many relays must store an envelope before its sender is told it is stored (1 for
    /// a v1 or v2 directory).
    pub k: u8,
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

/// Verifies a signed directory of any format against the pinned custodian key.
pub fn verify_any_directory(
    pinned: &PublicKeyBytes,
    signed: &SignedDirectory,
) -> Result<VerifiedDirectory, DirectoryError> {
    if is_v3(&signed.body) {
        let (d, teams) = verify_relay_directory(pinned, signed)?;
        return Ok(VerifiedDirectory {
            format: DirectoryFormat::V3,
            serial: d.serial,
            issued_at: d.issued_at,
            expires_at: d.expires_at,
            previous_digest: d.previous_digest,
            custodian_key: d.custodian_key,
            custodian_rotations: d.custodian_rotations,
            teams,
            revoked: d.revoked,
            relays: d.relays,
            k: d.k,
        });
    }
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
            relays: relays_of_v2(&d.relays)?,
            k: 1,
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
        relays: relays_of_v2(&d.relays)?,
        k: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{sign_directory, sign_entry, DirectoryError};
    use crate::team::{sign_member, sign_team_directory};
    use crate::PocKey;
    use poc_proto::{
        Directory, Entry, EntryBody, Revocation, Team, TeamBody, TeamDirectory, DIRECTORY_V2_FORMAT,
    };

    fn id(text: &str) -> PocId {
        text.parse().unwrap()
    }

    fn entry(key: &PocKey, poc: &str) -> Entry {
        sign_entry(
            key,
            EntryBody {
                id: id(poc),
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

    fn team(poc: &str, members: &[(&PocKey, &str)]) -> Team {
        Team {
            body: TeamBody {
                id: id(poc),
                org_name: "CERT".into(),
                webpage: None,
                emails: vec![],
                phones: vec![],
                languages: vec!["es".into()],
                time_zone: None,
                created_at: 1,
                updated_at: 1,
            },
            members: members
                .iter()
                .map(|(key, label)| sign_member(key, &id(poc), label, 1).unwrap())
                .collect(),
        }
    }

    fn v2(custodian: &PocKey, teams: Vec<Team>, entries: Vec<Entry>) -> TeamDirectory {
        TeamDirectory {
            format: DIRECTORY_V2_FORMAT,
            serial: 3,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            teams,
            entries,
            revoked: vec![],
            relays: vec![],
        }
    }

    fn verify(
        custodian: &PocKey,
        dir: &TeamDirectory,
    ) -> Result<VerifiedDirectory, DirectoryError> {
        let signed = sign_team_directory(custodian, dir).unwrap();
        verify_any_directory(&custodian.signing_public(), &signed)
    }

    #[test]
    fn a_v2_directory_lists_its_teams_and_its_one_key_entries_as_teams_sorted_by_id() {
        let custodian = PocKey::generate();
        let (a, b, fra) = (PocKey::generate(), PocKey::generate(), PocKey::generate());
        let dir = v2(
            &custodian,
            vec![team("MEX.technical", &[(&a, "laptop 1"), (&b, "laptop 2")])],
            vec![
                entry(&fra, "FRA.technical"),
                entry(&custodian, "UN.custodian"),
            ],
        );
        let verified = verify(&custodian, &dir).unwrap();
        assert_eq!(verified.format, DirectoryFormat::V2);
        assert_eq!(verified.serial, 3);
        let ids: Vec<String> = verified
            .teams
            .iter()
            .map(|t| t.body.id.to_string())
            .collect();
        assert_eq!(ids, ["FRA.technical", "MEX.technical", "UN.custodian"]);
        let (team, member) = verified.member_by_key(&b.signing_public()).unwrap();
        assert_eq!(team.member_name(member), "MEX.technical (laptop 2)");
        let (team, member) = verified.member_by_key(&fra.signing_public()).unwrap();
        assert_eq!(team.member_name(member), "FRA.technical");
        assert!(verified
            .member_by_key(&PocKey::generate().signing_public())
            .is_none());
    }

    #[test]
    fn ids_and_keys_are_unique_across_teams_and_entries_and_revoked_keys_refused() {
        let custodian = PocKey::generate();
        let (a, b) = (PocKey::generate(), PocKey::generate());
        let same_id = v2(
            &custodian,
            vec![team("MEX.technical", &[(&a, "laptop 1")])],
            vec![entry(&b, "MEX.technical")],
        );
        assert!(matches!(
            verify(&custodian, &same_id),
            Err(DirectoryError::DuplicateId(_))
        ));
        let same_key = v2(
            &custodian,
            vec![team("MEX.technical", &[(&a, "laptop 1")])],
            vec![entry(&a, "FRA.technical")],
        );
        assert!(matches!(
            verify(&custodian, &same_key),
            Err(DirectoryError::DuplicateKey(..))
        ));
        let mut revoked = v2(&custodian, vec![], vec![entry(&b, "FRA.technical")]);
        revoked.revoked.push(Revocation {
            fingerprint: b.fingerprint(),
            id: id("FRA.technical"),
            reason: "lost".into(),
            revoked_at: 5,
        });
        assert!(matches!(
            verify(&custodian, &revoked),
            Err(DirectoryError::RevokedEntry(_))
        ));
        // A forged one-key entry inside a v2 directory is refused by the v1 rules.
        let mut forged = entry(&b, "FRA.technical");
        forged.body.emails.push("attacker@example.org".into());
        assert!(matches!(
            verify(&custodian, &v2(&custodian, vec![], vec![forged])),
            Err(DirectoryError::BadEntrySignature { .. })
        ));
    }

    #[test]
    fn a_v1_directory_reads_as_one_member_teams() {
        let custodian = PocKey::generate();
        let fra = PocKey::generate();
        let dir = Directory {
            serial: 1,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            entries: vec![entry(&fra, "FRA.technical")],
            revoked: vec![],
            relays: vec![],
        };
        let signed = sign_directory(&custodian, &dir).unwrap();
        let verified = verify_any_directory(&custodian.signing_public(), &signed).unwrap();
        assert_eq!(verified.format, DirectoryFormat::V1);
        assert_eq!(verified.teams.len(), 1);
        assert_eq!(verified.teams[0].members[0].record.label, "");
        // The v2 signature domain does not verify a v1 body, nor the reverse.
        let wrong = poc_proto::SignedDirectory {
            body: signed.body.clone(),
            signature: custodian.sign(crate::signing::domain::DIRECTORY_V2, &[&signed.body]),
        };
        assert!(verify_any_directory(&custodian.signing_public(), &wrong).is_err());
    }
}
