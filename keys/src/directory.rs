//! Signatures on entries, directories and access lists; the directory encrypted to members.

use std::collections::HashSet;
use std::io::Read;

use poc_proto::limits::{MAX_DIRECTORY_BYTES, MAX_DIRECTORY_ENTRIES};
use poc_proto::{
    decode, encode, AccessList, Directory, Entry, EntryBody, PocId, PublicKeyBytes,
    SignedAccessList, SignedDirectory,
};
use sha2::{Digest, Sha256};

use crate::identity::{PocKey, PocPublic};
use crate::rotation::{follow_chain, RotationError};
use crate::signing::{self, domain, KeyError, SignatureError};

/// Why an entry, directory or access list was refused.
#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// The bytes do not decode.
    #[error("malformed {what}: {detail}")]
    Malformed {
        /// What was being decoded.
        what: &'static str,
        /// Decoder message.
        detail: String,
    },
    /// The custodian signature does not verify under the pinned key (or its rotations).
    #[error("the {0} is not signed by the pinned custodian key")]
    BadCustodianSignature(&'static str),
    /// The custodian key is not the pinned one and no valid rotation chain leads to it.
    #[error("the {what} is signed by a custodian key that the pinned key never handed over to: {source}")]
    UnknownCustodian {
        /// Directory or access list.
        what: &'static str,
        /// Why the chain failed.
        source: RotationError,
    },
    /// An entry uses a revoked key.
    #[error("entry {0} uses a revoked key")]
    RevokedEntry(PocId),
    /// An entry's self-signature is invalid.
    #[error("entry {id}: self-signature does not verify ({source})")]
    BadEntrySignature {
        /// The entry.
        id: PocId,
        /// Why.
        source: SignatureError,
    },
    /// An entry's encryption key is not an age X25519 recipient.
    #[error("entry {0}: the encryption key is not an age X25519 recipient")]
    BadEncryptionKey(PocId),
    /// A signing key is invalid or weak.
    #[error("{what}: {source}")]
    BadKey {
        /// Where the key was found.
        what: String,
        /// Why it is unusable.
        source: KeyError,
    },
    /// Two entries share an id.
    #[error("duplicate PoC id {0}")]
    DuplicateId(PocId),
    /// Two entries share a signing key.
    #[error("entries {0} and {1} share a signing key")]
    DuplicateKey(PocId, PocId),
    /// Too many entries.
    #[error("too many entries: {0}, limit {MAX_DIRECTORY_ENTRIES}")]
    TooManyEntries(usize),
    /// The relay list breaks a bound (see `relays::check_relays`).
    #[error("{0}")]
    Relays(#[from] crate::relays::RelayListError),
    /// A v2 body (entries are teams) given where only a v1 directory is read.
    #[error("the directory is in format v2 (entries with several members), which this part of poc does not read yet; keep using the directory in force and upgrade poc")]
    TeamFormat,
    /// A body claiming format v2 carries another format marker.
    #[error("unknown directory format {0:02x?}")]
    UnknownFormat([u8; 2]),
    /// A team has no member.
    #[error("entry {0} has no member")]
    EmptyTeam(PocId),
    /// A team has more members than allowed.
    #[error("entry {id} has {count} members, limit {limit}", limit = poc_proto::limits::MAX_TEAM_MEMBERS)]
    TooManyMembers {
        /// The entry.
        id: PocId,
        /// How many it lists.
        count: usize,
    },
    /// A member label is empty, too long, has control characters or surrounding spaces.
    #[error("entry {id}: a member label is empty, longer than {limit} characters, has control characters or surrounding spaces", limit = poc_proto::limits::MAX_MEMBER_LABEL_CHARS)]
    BadLabel {
        /// The entry.
        id: PocId,
    },
    /// Two members of one entry share a label.
    #[error("entry {id}: two members are labelled {label:?}")]
    DuplicateLabel {
        /// The entry.
        id: PocId,
        /// The label.
        label: String,
    },
    /// A member's proof of possession does not verify (forged, or made for another entry).
    #[error("entry {id}, member {label:?}: proof of possession does not verify ({source})")]
    BadMemberProof {
        /// The entry.
        id: PocId,
        /// The member's label.
        label: String,
        /// Why.
        source: SignatureError,
    },
    /// A co-signature names a key that is not another member of the same entry.
    #[error(
        "entry {id}, member {label:?}: co-signed by a key that is not another member of the entry"
    )]
    CoSignerNotMember {
        /// The entry.
        id: PocId,
        /// The co-signed member's label.
        label: String,
    },
    /// A co-signature does not verify.
    #[error("entry {id}, member {label:?}: co-signature does not verify ({source})")]
    BadCoSignature {
        /// The entry.
        id: PocId,
        /// The co-signed member's label.
        label: String,
        /// Why.
        source: SignatureError,
    },
    /// A member uses a revoked key.
    #[error("entry {id}, member {label:?} uses a revoked key")]
    RevokedMember {
        /// The entry.
        id: PocId,
        /// The member's label.
        label: String,
    },
    /// The encrypted directory does not decrypt with this identity.
    #[error("the encrypted directory cannot be decrypted with this identity (not a member?)")]
    NotDecryptable,
}

pub(crate) fn malformed(what: &'static str) -> impl Fn(poc_proto::DecodeError) -> DirectoryError {
    move |e| DirectoryError::Malformed {
        what,
        detail: e.to_string(),
    }
}

pub(crate) fn encoded<T: serde::Serialize>(
    value: &T,
    what: &'static str,
) -> Result<Vec<u8>, DirectoryError> {
    encode(value).map_err(|e| DirectoryError::Malformed {
        what,
        detail: e.to_string(),
    })
}

/// Self-signs an entry body with the owner's key.
pub fn sign_entry(key: &PocKey, body: EntryBody) -> Result<Entry, DirectoryError> {
    let bytes = encoded(&body, "entry")?;
    let self_signature = key.sign(domain::ENTRY, &[&bytes]);
    Ok(Entry {
        body,
        self_signature,
    })
}

/// Checks an entry: valid, non-weak signing key; valid age key; valid self-signature.
pub fn verify_entry(entry: &Entry) -> Result<PocPublic, DirectoryError> {
    let id = entry.body.id.clone();
    signing::verifying_key(&entry.body.signing_key).map_err(|source| DirectoryError::BadKey {
        what: format!("entry {id}"),
        source,
    })?;
    let encryption = PocPublic::parse_encryption_key(&entry.body.encryption_key)
        .map_err(|_| DirectoryError::BadEncryptionKey(id.clone()))?;
    let bytes = encoded(&entry.body, "entry")?;
    signing::verify(
        &entry.body.signing_key,
        domain::ENTRY,
        &[&bytes],
        &entry.self_signature,
    )
    .map_err(|source| DirectoryError::BadEntrySignature { id, source })?;
    Ok(PocPublic {
        signing_key: entry.body.signing_key,
        encryption,
    })
}

/// Signs a directory with the custodian key.
pub fn sign_directory(
    custodian: &PocKey,
    directory: &Directory,
) -> Result<SignedDirectory, DirectoryError> {
    let body = encoded(directory, "directory")?;
    let signature = custodian.sign(domain::DIRECTORY, &[&body]);
    Ok(SignedDirectory { body, signature })
}

/// Verifies a signed directory against the pinned custodian key (following signed custodian
/// key rotations from it) and checks every entry: self-signatures, key validity, unique ids,
/// unique keys, no revoked key.
pub fn verify_directory(
    pinned: &PublicKeyBytes,
    signed: &SignedDirectory,
) -> Result<Directory, DirectoryError> {
    if crate::team::is_v2(&signed.body) {
        // A body that decodes as a v2 directory is named as such; other bytes are malformed.
        if crate::relays::is_v3(&signed.body) {
            decode::<poc_proto::RelayDirectory>(&signed.body).map_err(malformed("directory"))?;
        } else {
            decode::<poc_proto::TeamDirectory>(&signed.body).map_err(malformed("directory"))?;
        }
        return Err(DirectoryError::TeamFormat);
    }
    // Decoding before the signature check is safe: the codec is bounded and total.
    let directory: Directory = decode(&signed.body).map_err(malformed("directory"))?;
    check_custodian(
        pinned,
        &directory.custodian_rotations,
        &directory.custodian_key,
        domain::DIRECTORY,
        signed,
    )?;
    if directory.entries.len() > MAX_DIRECTORY_ENTRIES {
        return Err(DirectoryError::TooManyEntries(directory.entries.len()));
    }
    let revoked: HashSet<_> = directory.revoked.iter().map(|r| r.fingerprint).collect();
    let mut ids = HashSet::new();
    let mut keys = std::collections::HashMap::new();
    for entry in &directory.entries {
        verify_entry(entry)?;
        if !ids.insert(&entry.body.id) {
            return Err(DirectoryError::DuplicateId(entry.body.id.clone()));
        }
        if let Some(other) = keys.insert(entry.body.signing_key, &entry.body.id) {
            return Err(DirectoryError::DuplicateKey(
                other.clone(),
                entry.body.id.clone(),
            ));
        }
        if revoked.contains(&crate::fingerprint(&entry.body.signing_key)) {
            return Err(DirectoryError::RevokedEntry(entry.body.id.clone()));
        }
    }
    Ok(directory)
}

/// Checks that `custodian_key` is the pinned key or reached from it by `rotations`, and that
/// the directory's signature verifies under it in `domain`.
pub(crate) fn check_custodian(
    pinned: &PublicKeyBytes,
    rotations: &[poc_proto::KeyRotation],
    custodian_key: &PublicKeyBytes,
    domain: &[u8],
    signed: &SignedDirectory,
) -> Result<(), DirectoryError> {
    follow_chain(pinned, rotations, custodian_key).map_err(|source| {
        DirectoryError::UnknownCustodian {
            what: "directory",
            source,
        }
    })?;
    signing::verify(custodian_key, domain, &[&signed.body], &signed.signature)
        .map_err(|_| DirectoryError::BadCustodianSignature("directory"))?;
    Ok(())
}

/// SHA-256 of the encoded signed directory: what the next directory's `previous_digest` holds.
pub fn directory_digest(signed: &SignedDirectory) -> [u8; 32] {
    // Encoding a decoded value cannot exceed the limit it was decoded under.
    let bytes = encode(signed).unwrap_or_default();
    Sha256::digest(bytes).into()
}

/// SHA-256 of a sealed directory (the bytes published beside the access list): what the
/// access list's `sealed_directory_digest` holds, and what the relay checks a publication by.
pub fn sealed_directory_digest(sealed: &[u8]) -> [u8; 32] {
    Sha256::digest(sealed).into()
}

/// Signs an access list with the custodian key.
pub fn sign_access_list(
    custodian: &PocKey,
    list: &AccessList,
) -> Result<SignedAccessList, DirectoryError> {
    let body = encoded(list, "access list")?;
    let signature = custodian.sign(domain::ACCESS_LIST, &[&body]);
    Ok(SignedAccessList { body, signature })
}

/// Verifies an access list against the pinned custodian key (following rotations); every
/// member key must be usable.
pub fn verify_access_list(
    pinned: &PublicKeyBytes,
    signed: &SignedAccessList,
) -> Result<AccessList, DirectoryError> {
    let list: AccessList = decode(&signed.body).map_err(malformed("access list"))?;
    follow_chain(pinned, &list.custodian_rotations, &list.custodian_key).map_err(|source| {
        DirectoryError::UnknownCustodian {
            what: "access list",
            source,
        }
    })?;
    signing::verify(
        &list.custodian_key,
        domain::ACCESS_LIST,
        &[&signed.body],
        &signed.signature,
    )
    .map_err(|_| DirectoryError::BadCustodianSignature("access list"))?;
    if list.members.len() > MAX_DIRECTORY_ENTRIES {
        return Err(DirectoryError::TooManyEntries(list.members.len()));
    }
    for member in &list.members {
        signing::verifying_key(&member.signing_key).map_err(|source| DirectoryError::BadKey {
            what: format!("access list member {}", member.signing_key),
            source,
        })?;
    }
    Ok(list)
}

/// Encrypts a signed directory to every member's age key: the relay stores only this.
pub fn seal_directory(
    signed: &SignedDirectory,
    recipients: &[age::x25519::Recipient],
) -> Result<Vec<u8>, DirectoryError> {
    let plaintext = encoded(signed, "directory")?;
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| DirectoryError::Malformed {
                what: "directory recipients",
                detail: e.to_string(),
            })?;
    let mut out = Vec::with_capacity(plaintext.len() + 128 * recipients.len() + 1024);
    let io_err = |e: std::io::Error| DirectoryError::Malformed {
        what: "directory encryption",
        detail: e.to_string(),
    };
    let mut writer = encryptor.wrap_output(&mut out).map_err(io_err)?;
    std::io::Write::write_all(&mut writer, &plaintext).map_err(io_err)?;
    writer.finish().map_err(io_err)?;
    Ok(out)
}

/// Decrypts an encrypted directory with a member's identity. The result still has to be
/// verified with [`verify_directory`].
pub fn open_directory(me: &PocKey, sealed: &[u8]) -> Result<SignedDirectory, DirectoryError> {
    let decryptor =
        age::Decryptor::new_buffered(sealed).map_err(|_| DirectoryError::NotDecryptable)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(me.age_identity() as &dyn age::Identity))
        .map_err(|_| DirectoryError::NotDecryptable)?;
    let mut plaintext = Vec::new();
    reader
        .by_ref()
        .take(MAX_DIRECTORY_BYTES as u64)
        .read_to_end(&mut plaintext)
        .map_err(|_| DirectoryError::NotDecryptable)?;
    decode(&plaintext).map_err(malformed("signed directory"))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn entry_for(key: &PocKey, id: &str) -> Entry {
        sign_entry(
            key,
            EntryBody {
                id: id.parse().unwrap(),
                org_name: "CERT".into(),
                webpage: None,
                emails: vec!["cert@example.org".into()],
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

    fn directory(custodian: &PocKey, entries: Vec<Entry>) -> Directory {
        Directory {
            serial: 1,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            entries,
            revoked: vec![],
            relays: vec![],
        }
    }

    #[test]
    fn a_signed_directory_verifies_only_under_the_custodian_key() {
        let custodian = PocKey::generate();
        let fra = PocKey::generate();
        let dir = directory(&custodian, vec![entry_for(&fra, "FRA.technical")]);
        let signed = sign_directory(&custodian, &dir).unwrap();
        assert_eq!(
            verify_directory(&custodian.signing_public(), &signed).unwrap(),
            dir
        );
        assert!(matches!(
            verify_directory(&fra.signing_public(), &signed),
            Err(DirectoryError::UnknownCustodian { .. })
        ));
        let mut tampered = signed.clone();
        let last = tampered.body.len() - 1;
        tampered.body[last] ^= 1;
        assert!(verify_directory(&custodian.signing_public(), &tampered).is_err());
    }

    #[test]
    fn bad_entries_are_refused() {
        let custodian = PocKey::generate();
        let fra = PocKey::generate();
        let mut forged = entry_for(&fra, "FRA.technical");
        forged.body.emails.push("attacker@example.org".into());
        let signed = sign_directory(&custodian, &directory(&custodian, vec![forged])).unwrap();
        assert!(matches!(
            verify_directory(&custodian.signing_public(), &signed),
            Err(DirectoryError::BadEntrySignature { .. })
        ));

        let dup = vec![
            entry_for(&fra, "FRA.technical"),
            entry_for(&PocKey::generate(), "FRA.technical"),
        ];
        let signed = sign_directory(&custodian, &directory(&custodian, dup)).unwrap();
        assert!(matches!(
            verify_directory(&custodian.signing_public(), &signed),
            Err(DirectoryError::DuplicateId(_))
        ));

        let same_key = vec![
            entry_for(&fra, "FRA.technical"),
            entry_for(&fra, "FRA.diplomatic"),
        ];
        let signed = sign_directory(&custodian, &directory(&custodian, same_key)).unwrap();
        assert!(matches!(
            verify_directory(&custodian.signing_public(), &signed),
            Err(DirectoryError::DuplicateKey(..))
        ));
    }

    #[test]
    fn a_rotated_custodian_key_is_followed_and_an_unrelated_one_refused() {
        let old = PocKey::generate();
        let new = PocKey::generate();
        let mut dir = directory(&new, vec![]);
        dir.custodian_rotations = vec![crate::rotation::sign_rotation(&old, &new.signing_public())];
        let signed = sign_directory(&new, &dir).unwrap();
        assert_eq!(
            verify_directory(&old.signing_public(), &signed).unwrap(),
            dir
        );

        let unrelated = PocKey::generate();
        let signed = sign_directory(&unrelated, &directory(&unrelated, vec![])).unwrap();
        assert!(matches!(
            verify_directory(&old.signing_public(), &signed),
            Err(DirectoryError::UnknownCustodian { .. })
        ));
        // Claiming the pinned key while signing with another fails the signature check.
        let mut claim = directory(&old, vec![]);
        claim.serial = 9;
        let signed = sign_directory(&unrelated, &claim).unwrap();
        assert!(matches!(
            verify_directory(&old.signing_public(), &signed),
            Err(DirectoryError::BadCustodianSignature(_))
        ));
    }

    #[test]
    fn an_entry_with_a_revoked_key_is_refused() {
        let custodian = PocKey::generate();
        let fra = PocKey::generate();
        let mut dir = directory(&custodian, vec![entry_for(&fra, "FRA.technical")]);
        dir.revoked = vec![poc_proto::Revocation {
            fingerprint: fra.fingerprint(),
            id: "FRA.technical".parse().unwrap(),
            reason: "lost laptop".into(),
            revoked_at: 5,
        }];
        let signed = sign_directory(&custodian, &dir).unwrap();
        assert!(matches!(
            verify_directory(&custodian.signing_public(), &signed),
            Err(DirectoryError::RevokedEntry(_))
        ));
    }

    #[test]
    fn the_sealed_directory_digest_is_sha256_of_the_sealed_bytes() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assert_eq!(
            data_encoding::HEXLOWER.encode(&sealed_directory_digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn sealed_directory_opens_for_members_only() {
        let custodian = PocKey::generate();
        let fra = PocKey::generate();
        let outsider = PocKey::generate();
        let signed = sign_directory(&custodian, &directory(&custodian, vec![])).unwrap();
        let sealed = seal_directory(
            &signed,
            &[fra.public().encryption, custodian.public().encryption],
        )
        .unwrap();
        assert_eq!(open_directory(&fra, &sealed).unwrap(), signed);
        assert!(matches!(
            open_directory(&outsider, &sealed),
            Err(DirectoryError::NotDecryptable)
        ));
    }
}
