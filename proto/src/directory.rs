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

/// A directory (v1 [`Directory`], v2 [`TeamDirectory`] or v3 [`RelayDirectory`]) with the
/// custodian's signature over its exact encoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedDirectory {
    /// `encode(Directory)`, `encode(TeamDirectory)` or `encode(RelayDirectory)`.
    pub body: Vec<u8>,
    /// Custodian signature over `"poc/directory/v1" | body` for a v1 body, over
    /// `"poc/directory/v2" | body` for a v2 body (one starting with [`DIRECTORY_V2_FORMAT`]),
    /// over `"poc/directory/v3" | body` for a v3 body (starting with [`DIRECTORY_V3_FORMAT`]).
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

// --- Directory format v2: an entry is a team of members -------------------------------------
//
// A v1 directory (`Directory`, signed under `poc/directory/v1`) holds one key per entry. A v2
// directory (`TeamDirectory`, signed under `poc/directory/v2`) holds teams: one entry's contact
// details and role, and its members, each with its own keys. A v2 body starts with
// [`DIRECTORY_V2_FORMAT`], whose first byte (0xFF) can never start a v1 body (a v1 body starts
// with the serial as a varint, and 0xFF is no varint's first byte), so no body decodes as both.

/// The first two bytes of every v2 directory body: a byte no v1 body can start with, then the
/// format version.
pub const DIRECTORY_V2_FORMAT: [u8; 2] = [0xFF, 2];

/// One entry's contact details in a v2 directory: [`EntryBody`] without the keys, which belong
/// to the members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamBody {
    /// `ORG.role[.n]`; the organisation and role are parts of it.
    pub id: PocId,
    /// Name of the organisation.
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
    /// Unix seconds when this PoC was first created.
    pub created_at: u64,
    /// Unix seconds of the last change.
    pub updated_at: u64,
}

/// One member of a team: a person or a device acting for the entry with its own keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRecord {
    /// Who or what it is within the entry, e.g. "on-call laptop 2" or "deputy"; unique within
    /// the entry. Empty only for the one member of an entry read from a v1 directory.
    pub label: String,
    /// ed25519 key: signs what this member sends; its mailbox is SHA-256 of it.
    pub signing_key: PublicKeyBytes,
    /// age X25519 recipient (`age1...`): envelopes to this member are encrypted to it.
    pub encryption_key: String,
    /// Unix seconds when the member was added to the entry.
    pub added_at: u64,
}

/// What a member's proof of possession and a co-signature cover: the member record bound to
/// the entry it belongs to, so neither can be replayed for another entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberStatement {
    /// The entry the member belongs to.
    pub entry: PocId,
    /// The member.
    pub member: MemberRecord,
}

/// An existing member vouching for a new one (the signature a co-signing member makes instead
/// of the custodian's check of the new key's fingerprint by telephone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoSignature {
    /// Signing key of the co-signing member; a current member of the same entry.
    pub signer: PublicKeyBytes,
    /// Signature by `signer` over `"poc/member-cosign/v2" | 0 | encode(MemberStatement)`.
    pub signature: SignatureBytes,
}

/// A member with its proofs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The record.
    pub record: MemberRecord,
    /// Proof of possession: signature by `record.signing_key` over
    /// `"poc/member/v2" | 0 | encode(MemberStatement)`.
    pub proof: SignatureBytes,
    /// The co-signature of another member of the same entry, if one vouched for it.
    pub cosignature: Option<CoSignature>,
}

/// What a new member of an existing entry hands to the custodian (through a current member,
/// who co-signs it): its member record with its proof of possession.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRequest {
    /// The entry it asks to join.
    pub entry: PocId,
    /// The new member; its co-signature is set by the current member who vouches for it.
    pub member: TeamMember,
    /// The co-signing member's own record and proof, when its entry is still held by one key
    /// (read from a v1 entry, without a label): the entry's first member in format v2.
    pub cosigner: Option<TeamMember>,
}

/// A directory entry in format v2: contact details and the members acting for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Contact details and role.
    pub body: TeamBody,
    /// At least one member, labels unique.
    pub members: Vec<TeamMember>,
}

/// The directory in format v2. Same fields as [`Directory`], with teams for entries and the
/// format marker first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDirectory {
    /// Always [`DIRECTORY_V2_FORMAT`].
    pub format: [u8; 2],
    /// Strictly increasing version number (one sequence across both formats).
    pub serial: u64,
    /// Unix seconds of publication.
    pub issued_at: u64,
    /// Unix seconds after which clients freeze it and warn.
    pub expires_at: u64,
    /// SHA-256 of the previous signed directory (of either format), none for the first.
    pub previous_digest: Option<[u8; 32]>,
    /// The custodian key that signs this directory.
    pub custodian_key: PublicKeyBytes,
    /// Every custodian key rotation so far, oldest first.
    pub custodian_rotations: Vec<KeyRotation>,
    /// The PoCs with members, sorted by id.
    pub teams: Vec<Team>,
    /// The PoCs still held by one key, as their self-signed v1 entries, sorted by id: read as
    /// one-member teams whose member has no label. An id is in `teams` or here, never both.
    pub entries: Vec<Entry>,
    /// Member keys that must no longer be trusted.
    pub revoked: Vec<Revocation>,
    /// Relays serving this directory's members.
    pub relays: Vec<RelayInfo>,
}

// --- Directory format v3: format v2 with the relays described and `k` -----------------------
//
// A v3 directory (`RelayDirectory`, signed under `poc/directory/v3`) holds everything a v2
// directory holds, and describes each relay (operator and region next to address and TLS pin)
// and states `k`, how many relays must store an envelope before its sender is told it is stored.
// A v3 body starts with [`DIRECTORY_V3_FORMAT`]; its first byte is the v2 marker's, its second
// tells the two apart. The custodian publishes v3 only when the relay list says more than v1 or
// v2 can (more than one relay, or an operator or region); a one-relay directory stays v1 or v2.

/// The first two bytes of every v3 directory body.
pub const DIRECTORY_V3_FORMAT: [u8; 2] = [0xFF, 3];

/// A relay as a v3 directory describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayEntry {
    /// `host:port` of the QUIC endpoint, unique in the directory.
    pub address: String,
    /// SHA-256 of the relay's TLS SubjectPublicKeyInfo, unique in the directory.
    pub tls_pin: [u8; 32],
    /// Who runs it, e.g. "UNODA" or "OSCE Secretariat"; may be empty.
    pub operator: String,
    /// Where it runs, e.g. "Europe" or "eu-central"; may be empty.
    pub region: String,
}

/// The directory in format v3: [`TeamDirectory`] with [`RelayEntry`] relays and `k`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayDirectory {
    /// Always [`DIRECTORY_V3_FORMAT`].
    pub format: [u8; 2],
    /// Strictly increasing version number (one sequence across all formats).
    pub serial: u64,
    /// Unix seconds of publication.
    pub issued_at: u64,
    /// Unix seconds after which clients freeze it and warn.
    pub expires_at: u64,
    /// SHA-256 of the previous signed directory (of any format), none for the first.
    pub previous_digest: Option<[u8; 32]>,
    /// The custodian key that signs this directory.
    pub custodian_key: PublicKeyBytes,
    /// Every custodian key rotation so far, oldest first.
    pub custodian_rotations: Vec<KeyRotation>,
    /// The PoCs with members, sorted by id.
    pub teams: Vec<Team>,
    /// The PoCs still held by one key, as their self-signed v1 entries, sorted by id.
    pub entries: Vec<Entry>,
    /// Member keys that must no longer be trusted.
    pub revoked: Vec<Revocation>,
    /// Relays serving this directory's members: 1 to `MAX_DIRECTORY_RELAYS`, addresses and
    /// pins unique.
    pub relays: Vec<RelayEntry>,
    /// How many relays must store an envelope before its sender is told it is stored:
    /// 1 to `relays.len()`.
    pub k: u8,
}
