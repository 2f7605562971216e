//! Directory format v2: an entry is a team of members, each with its own keys.
//!
//! What is signed, and by whom:
//! - a member's proof of possession: the member's own key over
//!   `"poc/member/v2" | 0 | encode(MemberStatement { entry, member })`, so the proof binds the
//!   record (label, keys, date) to one entry and cannot be replayed for another;
//! - a co-signature: another member of the same entry over
//!   `"poc/member-cosign/v2" | 0 | encode(MemberStatement)` (same statement, its own domain);
//! - the directory: the custodian key over `"poc/directory/v2" | 0 | body`, where the body is
//!   `encode(TeamDirectory)` and starts with [`DIRECTORY_V2_FORMAT`].
//!
//! The contact details of a v2 entry are covered by the custodian's signature only (in v1 the
//! owner's self-signature covered them too). A v1 directory is read as one-member teams: each
//! entry's key becomes one member with an empty label, checked by the v1 rules.
//!
//! It does not store directories, decide which one is in force (that is the client's
//! `trust` module), nor build the commands that add or co-sign members.

use std::collections::{HashMap, HashSet};

use poc_proto::limits::{MAX_DIRECTORY_ENTRIES, MAX_MEMBER_LABEL_CHARS, MAX_TEAM_MEMBERS};
use poc_proto::{
    decode, CoSignature, Directory, Entry, Member, MemberRecord, MemberStatement, PocId,
    PublicKeyBytes, SignedDirectory, Team, TeamBody, TeamDirectory, TeamMember,
    DIRECTORY_V2_FORMAT,
};

use crate::directory::{check_custodian, encoded, malformed, verify_entry, DirectoryError};
use crate::identity::{PocKey, PocPublic};
use crate::signing::{self, domain};

/// Whether a directory body is in format v2 or later (its first byte is the v2 marker's, which
/// no v1 body can start with).
pub fn is_v2(body: &[u8]) -> bool {
    body.first() == Some(&DIRECTORY_V2_FORMAT[0])
}

/// The bytes a member's proof of possession and a co-signature cover (after their domain):
/// `encode(MemberStatement { entry, member })`.
pub fn member_statement(entry: &PocId, member: &MemberRecord) -> Result<Vec<u8>, DirectoryError> {
    encoded(
        &MemberStatement {
            entry: entry.clone(),
            member: member.clone(),
        },
        "member",
    )
}

/// A member of `entry` holding `key`, labelled `label`, with its proof of possession and no
/// co-signature.
pub fn sign_member(
    key: &PocKey,
    entry: &PocId,
    label: &str,
    added_at: u64,
) -> Result<TeamMember, DirectoryError> {
    let record = MemberRecord {
        label: label.to_owned(),
        signing_key: key.signing_public(),
        encryption_key: key.public().encryption.to_string(),
        added_at,
    };
    check_label(entry, &record.label)?;
    let statement = member_statement(entry, &record)?;
    Ok(TeamMember {
        proof: key.sign(domain::MEMBER, &[&statement]),
        record,
        cosignature: None,
    })
}

/// `cosigner` (a member of `entry`) vouches for `member`: sets its co-signature.
pub fn cosign_member(
    cosigner: &PocKey,
    entry: &PocId,
    member: &mut TeamMember,
) -> Result<(), DirectoryError> {
    let statement = member_statement(entry, &member.record)?;
    member.cosignature = Some(CoSignature {
        signer: cosigner.signing_public(),
        signature: cosigner.sign(domain::MEMBER_COSIGN, &[&statement]),
    });
    Ok(())
}

/// Checks the co-signature of `member` of `entry`, if it has one, against the key it names
/// (whether that key is another member of the entry is for the caller to check): the
/// co-signing key, or none for a member without a co-signature.
pub fn verify_cosignature(
    entry: &PocId,
    member: &TeamMember,
) -> Result<Option<PublicKeyBytes>, DirectoryError> {
    let Some(cosignature) = &member.cosignature else {
        return Ok(None);
    };
    let statement = member_statement(entry, &member.record)?;
    signing::verify(
        &cosignature.signer,
        domain::MEMBER_COSIGN,
        &[&statement],
        &cosignature.signature,
    )
    .map_err(|source| DirectoryError::BadCoSignature {
        id: entry.clone(),
        label: member.record.label.clone(),
        source,
    })?;
    Ok(Some(cosignature.signer))
}

/// A label is 1 to [`MAX_MEMBER_LABEL_CHARS`] characters, no control character, no
/// invisible or direction-changing format character (which could make one label look like
/// another on a screen), no leading or trailing white space.
pub fn check_label(entry: &PocId, label: &str) -> Result<(), DirectoryError> {
    let chars = label.chars().count();
    if chars == 0
        || chars > MAX_MEMBER_LABEL_CHARS
        || label.chars().any(|c| c.is_control() || is_format(c))
        || label.trim() != label
    {
        return Err(DirectoryError::BadLabel { id: entry.clone() });
    }
    Ok(())
}

/// Invisible and bidirectional format characters: the Arabic letter mark, zero-width and
/// direction marks, embeddings, overrides, isolates, invisible operators, the byte order mark.
pub(crate) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Checks one member of `entry` on its own: label, keys, proof of possession. The
/// co-signature needs the other members and is checked by [`verify_team`].
pub fn verify_member(entry: &PocId, member: &TeamMember) -> Result<PocPublic, DirectoryError> {
    let record = &member.record;
    check_label(entry, &record.label)?;
    signing::verifying_key(&record.signing_key).map_err(|source| DirectoryError::BadKey {
        what: format!("entry {entry}, member {:?}", record.label),
        source,
    })?;
    let encryption = PocPublic::parse_encryption_key(&record.encryption_key)
        .map_err(|_| DirectoryError::BadEncryptionKey(entry.clone()))?;
    let statement = member_statement(entry, record)?;
    signing::verify(
        &record.signing_key,
        domain::MEMBER,
        &[&statement],
        &member.proof,
    )
    .map_err(|source| DirectoryError::BadMemberProof {
        id: entry.clone(),
        label: record.label.clone(),
        source,
    })?;
    Ok(PocPublic {
        signing_key: record.signing_key,
        encryption,
    })
}

/// Checks a team: 1 to [`MAX_TEAM_MEMBERS`] members, labels unique, every member valid (see
/// [`verify_member`]), every co-signature made by another member of this team over this
/// member's statement.
pub fn verify_team(team: &Team) -> Result<VerifiedTeam, DirectoryError> {
    let id = &team.body.id;
    if team.members.is_empty() {
        return Err(DirectoryError::EmptyTeam(id.clone()));
    }
    if team.members.len() > MAX_TEAM_MEMBERS {
        return Err(DirectoryError::TooManyMembers {
            id: id.clone(),
            count: team.members.len(),
        });
    }
    let mut labels = HashSet::new();
    let mut members = Vec::with_capacity(team.members.len());
    for member in &team.members {
        let public = verify_member(id, member)?;
        if !labels.insert(member.record.label.as_str()) {
            return Err(DirectoryError::DuplicateLabel {
                id: id.clone(),
                label: member.record.label.clone(),
            });
        }
        let cosigned_by = match &member.cosignature {
            None => None,
            Some(cosignature) => {
                let label = member.record.label.clone();
                let is_other_member = cosignature.signer != member.record.signing_key
                    && team
                        .members
                        .iter()
                        .any(|m| m.record.signing_key == cosignature.signer);
                if !is_other_member {
                    return Err(DirectoryError::CoSignerNotMember {
                        id: id.clone(),
                        label,
                    });
                }
                let statement = member_statement(id, &member.record)?;
                signing::verify(
                    &cosignature.signer,
                    domain::MEMBER_COSIGN,
                    &[&statement],
                    &cosignature.signature,
                )
                .map_err(|source| DirectoryError::BadCoSignature {
                    id: id.clone(),
                    label,
                    source,
                })?;
                Some(cosignature.signer)
            }
        };
        members.push(VerifiedMember {
            record: member.record.clone(),
            encryption: public.encryption,
            cosigned_by,
        });
    }
    Ok(VerifiedTeam {
        body: team.body.clone(),
        members,
    })
}

/// Signs a v2 directory with the custodian key. Its `format` must be [`DIRECTORY_V2_FORMAT`].
pub fn sign_team_directory(
    custodian: &PocKey,
    directory: &TeamDirectory,
) -> Result<SignedDirectory, DirectoryError> {
    if directory.format != DIRECTORY_V2_FORMAT {
        return Err(DirectoryError::UnknownFormat(directory.format));
    }
    let body = encoded(directory, "directory")?;
    let signature = custodian.sign(domain::DIRECTORY_V2, &[&body]);
    Ok(SignedDirectory { body, signature })
}

/// Verifies a signed v2 directory against the pinned custodian key (following signed
/// custodian key rotations), then every team (see [`verify_team`]) and every one-key entry
/// (by the v1 rules): ids unique across both, member keys unique across the whole directory,
/// no member key revoked, at most [`MAX_DIRECTORY_ENTRIES`] PoCs and as many member keys in
/// all. The verified teams list the one-key entries as one-member teams, all sorted by id.
pub fn verify_team_directory(
    pinned: &PublicKeyBytes,
    signed: &SignedDirectory,
) -> Result<(TeamDirectory, Vec<VerifiedTeam>), DirectoryError> {
    if !is_v2(&signed.body) {
        return Err(DirectoryError::UnknownFormat([
            signed.body.first().copied().unwrap_or(0),
            0,
        ]));
    }
    // Decoding before the signature check is safe: the codec is bounded and total.
    let directory: TeamDirectory = decode(&signed.body).map_err(malformed("directory"))?;
    if directory.format != DIRECTORY_V2_FORMAT {
        return Err(DirectoryError::UnknownFormat(directory.format));
    }
    check_custodian(
        pinned,
        &directory.custodian_rotations,
        &directory.custodian_key,
        domain::DIRECTORY_V2,
        signed,
    )?;
    let teams = verify_pocs(&directory.teams, &directory.entries, &directory.revoked)?;
    Ok((directory, teams))
}

/// Checks the PoCs of a v2 or later directory, once its signature verified: every team (see
/// [`verify_team`]) and every one-key entry (by the v1 rules), ids unique across both, member
/// keys unique across the whole directory, no member key revoked, at most
/// [`MAX_DIRECTORY_ENTRIES`] PoCs and as many member keys in all. Returns them all as teams,
/// sorted by id.
pub(crate) fn verify_pocs(
    teams: &[Team],
    entries: &[Entry],
    revoked: &[poc_proto::Revocation],
) -> Result<Vec<VerifiedTeam>, DirectoryError> {
    let pocs = teams.len() + entries.len();
    if pocs > MAX_DIRECTORY_ENTRIES {
        return Err(DirectoryError::TooManyEntries(pocs));
    }
    let member_count: usize = teams.iter().map(|t| t.members.len()).sum::<usize>() + entries.len();
    if member_count > MAX_DIRECTORY_ENTRIES {
        return Err(DirectoryError::TooManyEntries(member_count));
    }
    let mut verified = Vec::with_capacity(pocs);
    for team in teams {
        verified.push(verify_team(team)?);
    }
    for entry in entries {
        verify_entry(entry)?;
        verified.extend(v1_team(entry));
    }
    check_unique(&verified, revoked)?;
    verified.sort_by(|a, b| a.body.id.cmp(&b.body.id));
    Ok(verified)
}

/// Ids unique, member keys unique across all teams, no member key revoked.
fn check_unique(
    teams: &[VerifiedTeam],
    revoked: &[poc_proto::Revocation],
) -> Result<(), DirectoryError> {
    let revoked: HashSet<_> = revoked.iter().map(|r| r.fingerprint).collect();
    let mut ids = HashSet::new();
    let mut keys: HashMap<PublicKeyBytes, &PocId> = HashMap::new();
    for team in teams {
        let id = &team.body.id;
        if !ids.insert(id) {
            return Err(DirectoryError::DuplicateId(id.clone()));
        }
        for member in &team.members {
            let key = member.record.signing_key;
            if let Some(other) = keys.insert(key, id) {
                return Err(DirectoryError::DuplicateKey(other.clone(), id.clone()));
            }
            if revoked.contains(&crate::fingerprint(&key)) {
                return Err(if member.record.label.is_empty() {
                    DirectoryError::RevokedEntry(id.clone())
                } else {
                    DirectoryError::RevokedMember {
                        id: id.clone(),
                        label: member.record.label.clone(),
                    }
                });
            }
        }
    }
    Ok(())
}

/// A member as verified: its record, its parsed age recipient, and who co-signed it.
#[derive(Clone, Debug)]
pub struct VerifiedMember {
    /// Label, keys, date added.
    pub record: MemberRecord,
    /// `record.encryption_key`, parsed.
    pub encryption: age::x25519::Recipient,
    /// The signing key of the member whose co-signature was verified, if any.
    pub cosigned_by: Option<PublicKeyBytes>,
}

impl VerifiedMember {
    /// The member's public keys.
    pub fn public(&self) -> PocPublic {
        PocPublic {
            signing_key: self.record.signing_key,
            encryption: self.encryption.clone(),
        }
    }
}

/// An entry as verified, in either format: contact details and members.
#[derive(Clone, Debug)]
pub struct VerifiedTeam {
    /// Contact details and role.
    pub body: TeamBody,
    /// At least one member.
    pub members: Vec<VerifiedMember>,
}

impl VerifiedTeam {
    /// How a reader is shown who acted for the entry: `MEX.technical (on-call laptop 2)`, or
    /// the id alone for a member without a label (the one member of a v1 entry).
    pub fn member_name(&self, member: &VerifiedMember) -> String {
        if member.record.label.is_empty() {
            self.body.id.to_string()
        } else {
            format!("{} ({})", self.body.id, member.record.label)
        }
    }

    /// The member holding this signing key.
    pub fn member(&self, key: &PublicKeyBytes) -> Option<&VerifiedMember> {
        self.members.iter().find(|m| &m.record.signing_key == key)
    }
}

/// The entries of a verified v1 directory as one-member teams: each entry's keys become one
/// member with an empty label, added when the entry was created. Entries whose encryption key
/// does not parse (impossible after `verify_directory`) are skipped.
pub fn v1_teams(directory: &Directory) -> Vec<VerifiedTeam> {
    directory.entries.iter().filter_map(v1_team).collect()
}

/// The contact details of a v1 entry, as its team carries them (the keys go to the member).
pub fn team_body(b: &poc_proto::EntryBody) -> TeamBody {
    TeamBody {
        id: b.id.clone(),
        org_name: b.org_name.clone(),
        webpage: b.webpage.clone(),
        emails: b.emails.clone(),
        phones: b.phones.clone(),
        languages: b.languages.clone(),
        time_zone: b.time_zone.clone(),
        created_at: b.created_at,
        updated_at: b.updated_at,
    }
}

/// One v1 entry as a one-member team (see [`v1_teams`]); none if its keys do not verify.
pub fn v1_team(entry: &Entry) -> Option<VerifiedTeam> {
    let public = verify_entry(entry).ok()?;
    let b = &entry.body;
    Some(VerifiedTeam {
        body: team_body(b),
        members: vec![VerifiedMember {
            record: MemberRecord {
                label: String::new(),
                signing_key: b.signing_key,
                encryption_key: b.encryption_key.clone(),
                added_at: b.created_at,
            },
            encryption: public.encryption,
            cosigned_by: None,
        }],
    })
}

/// The relay's access list members for these teams: every member's signing key (each its own
/// mailbox), the custodian flag set on `custodian_key`.
pub fn access_members(teams: &[VerifiedTeam], custodian_key: &PublicKeyBytes) -> Vec<Member> {
    teams
        .iter()
        .flat_map(|t| &t.members)
        .map(|m| Member {
            signing_key: m.record.signing_key,
            custodian: &m.record.signing_key == custodian_key,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{sign_directory, verify_directory};
    use poc_proto::{EntryBody, Revocation};

    fn id(text: &str) -> PocId {
        text.parse().unwrap()
    }

    fn body(entry: &str) -> TeamBody {
        TeamBody {
            id: id(entry),
            org_name: "CERT".into(),
            webpage: None,
            emails: vec!["cert@example.org".into()],
            phones: vec![],
            languages: vec!["en".into()],
            time_zone: None,
            created_at: 1,
            updated_at: 1,
        }
    }

    fn team(entry: &str, members: &[(&PocKey, &str)]) -> Team {
        Team {
            body: body(entry),
            members: members
                .iter()
                .map(|(key, label)| sign_member(key, &id(entry), label, 5).unwrap())
                .collect(),
        }
    }

    fn directory(custodian: &PocKey, teams: Vec<Team>) -> TeamDirectory {
        TeamDirectory {
            format: DIRECTORY_V2_FORMAT,
            serial: 1,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            teams,
            entries: vec![],
            revoked: vec![],
            relays: vec![],
        }
    }

    fn verify(
        custodian: &PocKey,
        dir: &TeamDirectory,
    ) -> Result<Vec<VerifiedTeam>, DirectoryError> {
        let signed = sign_team_directory(custodian, dir).unwrap();
        verify_team_directory(&custodian.signing_public(), &signed).map(|(_, teams)| teams)
    }

    #[test]
    fn a_team_of_two_verifies_and_each_member_is_found_by_its_key() {
        let custodian = PocKey::generate();
        let (a, b) = (PocKey::generate(), PocKey::generate());
        let mut t = team(
            "MEX.technical",
            &[(&a, "on-call laptop 1"), (&b, "on-call laptop 2")],
        );
        cosign_member(&a, &id("MEX.technical"), &mut t.members[1]).unwrap();
        let dir = directory(&custodian, vec![t]);
        let signed = sign_team_directory(&custodian, &dir).unwrap();
        let (decoded, teams) = verify_team_directory(&custodian.signing_public(), &signed).unwrap();
        assert_eq!(decoded, dir);
        assert_eq!(teams.len(), 1);
        let second = teams[0].member(&b.signing_public()).unwrap();
        assert_eq!(second.record.label, "on-call laptop 2");
        assert_eq!(second.cosigned_by, Some(a.signing_public()));
        assert_eq!(
            teams[0].member_name(second),
            "MEX.technical (on-call laptop 2)"
        );
        assert_eq!(
            teams[0].member(&a.signing_public()).unwrap().cosigned_by,
            None
        );
        assert!(teams[0].member(&custodian.signing_public()).is_none());
        let members = access_members(&teams, &custodian.signing_public());
        let keys: Vec<_> = members.iter().map(|m| m.signing_key).collect();
        assert_eq!(keys, [a.signing_public(), b.signing_public()]);
        assert!(members.iter().all(|m| !m.custodian));
    }

    #[test]
    fn no_body_is_read_in_both_formats_nor_signature_accepted_across_them() {
        let custodian = PocKey::generate();
        let a = PocKey::generate();
        let v2 = sign_team_directory(
            &custodian,
            &directory(&custodian, vec![team("FRA.technical", &[(&a, "desk")])]),
        )
        .unwrap();
        // A v2 body is refused by the v1 reader with its own error, and does not decode as v1.
        assert!(matches!(
            verify_directory(&custodian.signing_public(), &v2),
            Err(DirectoryError::TeamFormat)
        ));
        assert!(decode::<Directory>(&v2.body).is_err());
        // Bytes starting like a v2 body that are not one are malformed, not v2.
        let garbled = SignedDirectory {
            body: vec![0xff; 40],
            signature: v2.signature,
        };
        assert!(matches!(
            verify_directory(&custodian.signing_public(), &garbled),
            Err(DirectoryError::Malformed { .. })
        ));
        // A v1 body does not decode as v2 and is refused by the v2 reader.
        let v1 = sign_directory(
            &custodian,
            &Directory {
                serial: 1,
                issued_at: 10,
                expires_at: 20,
                previous_digest: None,
                custodian_key: custodian.signing_public(),
                custodian_rotations: vec![],
                entries: vec![],
                revoked: vec![],
                relays: vec![],
            },
        )
        .unwrap();
        assert!(!is_v2(&v1.body));
        assert!(decode::<TeamDirectory>(&v1.body).is_err());
        assert!(matches!(
            verify_team_directory(&custodian.signing_public(), &v1),
            Err(DirectoryError::UnknownFormat(_))
        ));
        // The custodian's v2 signature is under its own domain: a v2 body signed under the v1
        // domain is refused.
        let mut cross = v2.clone();
        cross.signature = custodian.sign(domain::DIRECTORY, &[&v2.body]);
        assert!(matches!(
            verify_team_directory(&custodian.signing_public(), &cross),
            Err(DirectoryError::BadCustodianSignature(_))
        ));
        // Another format marker is refused even when correctly signed.
        let mut other = directory(&custodian, vec![]);
        other.format = [0xFF, 3];
        let body = crate::directory::encoded(&other, "directory").unwrap();
        let signed = SignedDirectory {
            signature: custodian.sign(domain::DIRECTORY_V2, &[&body]),
            body,
        };
        assert!(matches!(
            verify_team_directory(&custodian.signing_public(), &signed),
            Err(DirectoryError::UnknownFormat([0xFF, 3]))
        ));
        assert!(sign_team_directory(&custodian, &other).is_err());
    }

    #[test]
    fn a_member_cannot_be_moved_to_another_entry_nor_altered() {
        let custodian = PocKey::generate();
        let a = PocKey::generate();
        let b = PocKey::generate();
        // b's member record and proof, made for MEX.technical, replayed in KEN.technical.
        let mex = team("MEX.technical", &[(&a, "desk"), (&b, "deputy")]);
        let mut ken = team("KEN.technical", &[(&PocKey::generate(), "desk")]);
        ken.members.push(mex.members[1].clone());
        let err = verify(&custodian, &directory(&custodian, vec![ken])).unwrap_err();
        assert!(
            matches!(&err, DirectoryError::BadMemberProof { id, label, .. } if id.to_string() == "KEN.technical" && label == "deputy"),
            "{err:?}"
        );
        // A label changed after signing.
        let mut relabelled = mex.clone();
        relabelled.members[1].record.label = "head of CERT".into();
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![relabelled])),
            Err(DirectoryError::BadMemberProof { .. })
        ));
        // An encryption key swapped for someone else's.
        let mut swapped = mex.clone();
        swapped.members[1].record.encryption_key =
            PocKey::generate().public().encryption.to_string();
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![swapped])),
            Err(DirectoryError::BadMemberProof { .. })
        ));
        // A proof signed under the co-signature domain is not a proof of possession.
        let mut wrong_domain = mex;
        let statement =
            member_statement(&id("MEX.technical"), &wrong_domain.members[1].record).unwrap();
        wrong_domain.members[1].proof = b.sign(domain::MEMBER_COSIGN, &[&statement]);
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![wrong_domain])),
            Err(DirectoryError::BadMemberProof { .. })
        ));
    }

    #[test]
    fn a_cosignature_must_come_from_another_current_member_of_the_same_entry() {
        let custodian = PocKey::generate();
        let (a, b, outsider) = (PocKey::generate(), PocKey::generate(), PocKey::generate());
        let mex_id = id("MEX.technical");
        let base = team("MEX.technical", &[(&a, "desk"), (&b, "deputy")]);

        // By someone outside the entry (a member of another entry).
        let mut by_outsider = base.clone();
        cosign_member(&outsider, &mex_id, &mut by_outsider.members[1]).unwrap();
        let other = team("KEN.technical", &[(&outsider, "desk")]);
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![other, by_outsider])),
            Err(DirectoryError::CoSignerNotMember { .. })
        ));
        // By the member itself.
        let mut by_itself = base.clone();
        cosign_member(&b, &mex_id, &mut by_itself.members[1]).unwrap();
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![by_itself])),
            Err(DirectoryError::CoSignerNotMember { .. })
        ));
        // Forged: names member a, signed by the outsider.
        let mut forged = base.clone();
        cosign_member(&outsider, &mex_id, &mut forged.members[1]).unwrap();
        if let Some(c) = forged.members[1].cosignature.as_mut() {
            c.signer = a.signing_public();
        }
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![forged])),
            Err(DirectoryError::BadCoSignature { .. })
        ));
        // Made for another entry.
        let mut elsewhere = base.clone();
        cosign_member(&a, &id("KEN.technical"), &mut elsewhere.members[1]).unwrap();
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![elsewhere])),
            Err(DirectoryError::BadCoSignature { .. })
        ));
        // The proof-of-possession domain is not a co-signature.
        let mut wrong_domain = base.clone();
        cosign_member(&a, &mex_id, &mut wrong_domain.members[1]).unwrap();
        let statement = member_statement(&mex_id, &wrong_domain.members[1].record).unwrap();
        if let Some(c) = wrong_domain.members[1].cosignature.as_mut() {
            c.signature = a.sign(domain::MEMBER, &[&statement]);
        }
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![wrong_domain])),
            Err(DirectoryError::BadCoSignature { .. })
        ));
        // Once a is removed from the entry, its co-signature no longer counts.
        let mut removed = base;
        cosign_member(&a, &mex_id, &mut removed.members[1]).unwrap();
        removed.members.remove(0);
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![removed])),
            Err(DirectoryError::CoSignerNotMember { .. })
        ));
    }

    #[test]
    fn teams_are_refused_when_empty_too_large_badly_labelled_or_sharing_keys() {
        let custodian = PocKey::generate();
        let a = PocKey::generate();
        let empty = Team {
            body: body("MEX.technical"),
            members: vec![],
        };
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![empty])),
            Err(DirectoryError::EmptyTeam(_))
        ));
        let keys: Vec<PocKey> = (0..=MAX_TEAM_MEMBERS).map(|_| PocKey::generate()).collect();
        let labels: Vec<String> = (0..keys.len()).map(|i| format!("device {i}")).collect();
        let many: Vec<(&PocKey, &str)> = keys
            .iter()
            .zip(&labels)
            .map(|(k, l)| (k, l.as_str()))
            .collect();
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![team("MEX.technical", &many)])),
            Err(DirectoryError::TooManyMembers { count, .. }) if count == MAX_TEAM_MEMBERS + 1
        ));
        assert!(verify(
            &custodian,
            &directory(&custodian, vec![team("MEX.technical", &many[1..])])
        )
        .is_ok());
        let b = PocKey::generate();
        assert!(matches!(
            verify(
                &custodian,
                &directory(
                    &custodian,
                    vec![team("MEX.technical", &[(&a, "desk"), (&b, "desk")])]
                )
            ),
            Err(DirectoryError::DuplicateLabel { .. })
        ));
        for label in [
            "",
            " desk",
            "desk\n",
            "a\u{1b}[31m",
            "laptop \u{202E}2",
            "desk\u{200B}",
            &"x".repeat(MAX_MEMBER_LABEL_CHARS + 1),
        ] {
            assert!(
                matches!(
                    sign_member(&a, &id("MEX.technical"), label, 1),
                    Err(DirectoryError::BadLabel { .. })
                ),
                "{label:?}"
            );
            // Signed by hand, it is still refused by the verifier.
            let record = MemberRecord {
                label: label.to_owned(),
                signing_key: a.signing_public(),
                encryption_key: a.public().encryption.to_string(),
                added_at: 1,
            };
            let statement = member_statement(&id("MEX.technical"), &record).unwrap();
            let member = TeamMember {
                proof: a.sign(domain::MEMBER, &[&statement]),
                record,
                cosignature: None,
            };
            assert!(matches!(
                verify_member(&id("MEX.technical"), &member),
                Err(DirectoryError::BadLabel { .. })
            ));
        }
        assert!(sign_member(
            &a,
            &id("MEX.technical"),
            &"é".repeat(MAX_MEMBER_LABEL_CHARS),
            1
        )
        .is_ok());
        // One key in two entries, or twice in one.
        let two_entries = vec![
            team("KEN.technical", &[(&a, "desk")]),
            team("MEX.technical", &[(&a, "desk")]),
        ];
        assert!(matches!(
            verify(&custodian, &directory(&custodian, two_entries)),
            Err(DirectoryError::DuplicateKey(..))
        ));
        let twice = team("MEX.technical", &[(&a, "desk"), (&a, "deputy")]);
        assert!(matches!(
            verify(&custodian, &directory(&custodian, vec![twice])),
            Err(DirectoryError::DuplicateKey(..))
        ));
        let dup_ids = vec![
            team("MEX.technical", &[(&a, "desk")]),
            team("MEX.technical", &[(&b, "desk")]),
        ];
        assert!(matches!(
            verify(&custodian, &directory(&custodian, dup_ids)),
            Err(DirectoryError::DuplicateId(_))
        ));
    }

    #[test]
    fn revoking_one_member_leaves_the_others() {
        let custodian = PocKey::generate();
        let (a, b) = (PocKey::generate(), PocKey::generate());
        let revocation = Revocation {
            fingerprint: b.fingerprint(),
            id: id("MEX.technical"),
            reason: "laptop lost".into(),
            revoked_at: 9,
        };
        // Still listed with a revoked key: the directory is invalid.
        let mut dir = directory(
            &custodian,
            vec![team("MEX.technical", &[(&a, "desk"), (&b, "deputy")])],
        );
        dir.revoked = vec![revocation.clone()];
        assert!(matches!(
            verify(&custodian, &dir),
            Err(DirectoryError::RevokedMember { label, .. }) if label == "deputy"
        ));
        // Removed and revoked: the entry keeps its other member, and the access list only it.
        let mut dir = directory(&custodian, vec![team("MEX.technical", &[(&a, "desk")])]);
        dir.revoked = vec![revocation];
        let teams = verify(&custodian, &dir).unwrap();
        assert_eq!(teams[0].members.len(), 1);
        let members = access_members(&teams, &custodian.signing_public());
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].signing_key, a.signing_public());
    }

    #[test]
    fn a_v1_directory_reads_as_one_member_teams() {
        let custodian = PocKey::generate();
        let fra = PocKey::generate();
        let entry = crate::directory::sign_entry(
            &fra,
            EntryBody {
                id: id("FRA.technical"),
                org_name: "CERT-FR".into(),
                webpage: Some("https://cert.example".into()),
                emails: vec!["cert@example.org".into()],
                phones: vec!["+33 1".into()],
                languages: vec!["fr".into()],
                time_zone: Some("Europe/Paris".into()),
                signing_key: fra.signing_public(),
                encryption_key: fra.public().encryption.to_string(),
                created_at: 7,
                updated_at: 8,
            },
        )
        .unwrap();
        let v1 = Directory {
            serial: 1,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            entries: vec![entry.clone()],
            revoked: vec![],
            relays: vec![],
        };
        let signed = sign_directory(&custodian, &v1).unwrap();
        let read = verify_directory(&custodian.signing_public(), &signed).unwrap();
        let teams = v1_teams(&read);
        assert_eq!(teams.len(), 1);
        let team = &teams[0];
        assert_eq!(team.body.id, entry.body.id);
        assert_eq!(team.body.org_name, "CERT-FR");
        assert_eq!(team.body.webpage.as_deref(), Some("https://cert.example"));
        assert_eq!(team.body.phones, ["+33 1"]);
        assert_eq!(team.body.time_zone.as_deref(), Some("Europe/Paris"));
        assert_eq!((team.body.created_at, team.body.updated_at), (7, 8));
        assert_eq!(team.members.len(), 1);
        let member = &team.members[0];
        assert_eq!(member.record.label, "");
        assert_eq!(team.member_name(member), "FRA.technical");
        assert_eq!(member.record.signing_key, fra.signing_public());
        assert_eq!(member.record.encryption_key, entry.body.encryption_key);
        assert_eq!(member.record.added_at, 7);
        assert_eq!(member.encryption.to_string(), entry.body.encryption_key);
        assert_eq!(member.cosigned_by, None);
        // The access list of a v1 directory read as teams is the one publish builds today.
        let members = access_members(&teams, &custodian.signing_public());
        assert_eq!(
            members,
            [Member {
                signing_key: fra.signing_public(),
                custodian: false
            }]
        );
    }
}
