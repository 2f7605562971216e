//! The PoC directory: entries, the custodian-signed directory, and the access list the relay
//! enforces.
//!
//! Signed objects carry the exact signed bytes (`body`) next to the signature, so no
//! re-encoding ambiguity exists. `poc-keys` decodes a body (with the bounded codec) to learn
//! which custodian key and rotation chain apply, and trusts nothing in it until the chain and
//! the signature have been checked.

use serde::{Deserialize, Serialize};

use crate::ids::{Fingerprint, PocId, PublicKeyBytes, SignatureBytes};

/// The contact record of one PoC, as written and self-signed by its owner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryBody {
    /// `ORG.role[.n]`; the organisation and role are parts of it.
    pub id: PocId,
    /// Name of the organisation, e.g. "CERT-FR" or "Ministry of Foreign Affairs".
    pub org_name: String,
    /// Organisation web page.
    pub webpage: Option<String>,
    /// E-mail addresses (functional addresses are welcome).
    pub emails: Vec<String>,
    /// Telephone numbers.
    pub phones: Vec<String>,
    /// Operational languages (BCP 47), preferred first.
    pub languages: Vec<String>,
    /// IANA time zone, e.g. `Europe/Paris`.
    pub time_zone: Option<String>,
    /// ed25519 identity key: signs everything this PoC sends.
    pub signing_key: PublicKeyBytes,
    /// age X25519 recipient (`age1...`): envelopes to this PoC are encrypted to it.
    pub encryption_key: String,
    /// Unix seconds when this PoC was first created.
    pub created_at: u64,
    /// Unix seconds of the last change.
    pub updated_at: u64,
}

/// An entry with its owner's self-signature (proof of possession of the signing key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The record.
    pub body: EntryBody,
    /// Signature by `body.signing_key` over `"poc/entry/v1" | encode(body)`.
    pub self_signature: SignatureBytes,
}

/// What a new PoC hands to the custodian out of band.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentRequest {
    /// The self-signed entry to add.
    pub entry: Entry,
}

/// A signing key handing over to its successor: `old_key` signs `"poc/rotation/v1" | old | new`.
///
/// Used for the custodian key (a chain of them in every directory, from the key clients pinned
/// to the key in force) and for PoC key rotations in update requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRotation {
    /// The key being retired.
    pub old_key: PublicKeyBytes,
    /// Its successor.
    pub new_key: PublicKeyBytes,
    /// Signature by `old_key`.
    pub signature: SignatureBytes,
}

/// A key the custodian withdrew (lost or compromised).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    /// Fingerprint of the revoked signing key.
    pub fingerprint: Fingerprint,
    /// The PoC it belonged to.
    pub id: PocId,
    /// Why, in the custodian's words.
    pub reason: String,
    /// Unix seconds.
    pub revoked_at: u64,
}

/// A relay the directory members use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayInfo {
    /// `host:port` of the QUIC endpoint.
    pub address: String,
    /// SHA-256 of the relay's TLS SubjectPublicKeyInfo.
    pub tls_pin: [u8; 32],
}

/// The directory: the root of trust every PoC relies on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    /// Strictly increasing version number.
    pub serial: u64,
    /// Unix seconds of publication.
    pub issued_at: u64,
    /// Unix seconds after which clients freeze it and warn.
    pub expires_at: u64,
    /// SHA-256 of the previous signed directory, none for the first.
    pub previous_digest: Option<[u8; 32]>,
    /// The custodian key that signs this directory.
    pub custodian_key: PublicKeyBytes,
    /// Every custodian key rotation so far, oldest first: a chain from the first custodian key
    /// to `custodian_key`, so a client that pinned any earlier key can follow it.
    pub custodian_rotations: Vec<KeyRotation>,
    /// Every PoC, sorted by id.
    pub entries: Vec<Entry>,
    /// Keys that must no longer be trusted.
    pub revoked: Vec<Revocation>,
    /// Relays serving this directory's members.
    pub relays: Vec<RelayInfo>,
}

/// A directory with the custodian's signature over its exact encoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedDirectory {
    /// `encode(Directory)`.
    pub body: Vec<u8>,
    /// Custodian signature over `"poc/directory/v1" | body`.
    pub signature: SignatureBytes,
}

/// One key the relay admits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The member's ed25519 key; its mailbox is SHA-256 of it.
    pub signing_key: PublicKeyBytes,
    /// May publish directories and read relay statistics.
    pub custodian: bool,
}

/// What the relay may know of the directory: keys only, no names or contact details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessList {
    /// Serial of the directory it belongs to.
    pub serial: u64,
    /// Unix seconds of publication.
    pub issued_at: u64,
    /// The custodian key that signs this list.
    pub custodian_key: PublicKeyBytes,
    /// The custodian key rotations so far (see [`Directory::custodian_rotations`]).
    pub custodian_rotations: Vec<KeyRotation>,
    /// SHA-256 of the encrypted directory published with it.
    pub sealed_directory_digest: [u8; 32],
    /// Keys admitted to the relay.
    pub members: Vec<Member>,
}

/// An access list with the custodian's signature over its exact encoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedAccessList {
    /// `encode(AccessList)`.
    pub body: Vec<u8>,
    /// Custodian signature over `"poc/access/v1" | body`.
    pub signature: SignatureBytes,
}

/// What the custodian uploads and members download: the access list plus the directory
/// encrypted to every member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDirectory {
    /// Custodian-signed access list.
    pub access_list: SignedAccessList,
    /// age ciphertext of `encode(SignedDirectory)`, one X25519 stanza per member.
    pub sealed_directory: Vec<u8>,
}
