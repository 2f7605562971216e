//! # poc-proto: the PoC Relay wire format
//!
//! What travels between `poc` clients and the `poc-relay` server, and what is stored in files
//! that cross organisational boundaries (enrolment requests, signed directories):
//!
//! - [`limits`]: every size bound, as named constants;
//! - [`codec`]: the one encoder and the one decoder (bincode 2 with a size limit; trailing bytes
//!   and integers not in their shortest form rejected, so each value has one encoding);
//! - [`framing`]: the `u32` big-endian length prefix around each frame;
//! - [`ids`]: mailbox, envelope and PoC identifiers, keys and signatures as bytes;
//! - [`envelope`]: the routed, end-to-end encrypted [`Envelope`] and its sealed plaintext;
//! - [`message`]: what a PoC writes (incident notifications, text, receipts);
//! - [`directory`]: directory entries, the signed directory and the relay's access list;
//! - [`request`]: the request/response protocol between client and relay.
//!
//! This crate does no I/O, reads no clock and does no cryptography: signatures and ciphertexts
//! are opaque bytes here and are produced and checked by `poc-keys`.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod codec;
pub mod directory;
pub mod envelope;
pub mod framing;
pub mod ids;
pub mod limits;
pub mod message;
pub mod request;

pub use codec::{decode, encode, DecodeError};
pub use directory::{
    AccessList, CoSignature, Directory, EnrolmentRequest, Entry, EntryBody, KeyRotation, Member,
    MemberRecord, MemberRequest, MemberStatement, PublishedDirectory, RelayDirectory, RelayEntry,
    RelayInfo, Revocation, SignedAccessList, SignedDirectory, Team, TeamBody, TeamDirectory,
    TeamMember, DIRECTORY_V2_FORMAT, DIRECTORY_V3_FORMAT,
};
pub use envelope::{Envelope, Priority, Sealed, ENVELOPE_VERSION};
pub use framing::{frame, unframe, FrameError};
pub use ids::{
    EnvelopeId, Fingerprint, MailboxId, PocId, PocIdError, PublicKeyBytes, Role, SignatureBytes,
};
pub use message::{
    AssistanceRequest, Attachment, AttachmentPart, AttachmentParts, DirectoryNotice, EntryUpdate,
    IncidentNotification, MemberKeyUpdate, MemberRemoval, Message, MessageKind, Nature, PartRef,
    Ping, PingAck, Receipt, ResponseStatus, StatusResponse, TextMessage, Tlp,
};
pub use request::{
    ErrorCode, FetchCursor, MonthCount, Notify, RelayError, RelayStats, Request, Response,
};
