//! Requests and responses: one request per bidirectional stream, one frame each way.
//!
//! A connection starts with [`Request::Hello`] (the relay answers with a random challenge) and
//! [`Request::Auth`]; every other request is refused until authentication succeeds.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::directory::PublishedDirectory;
use crate::envelope::Envelope;
use crate::ids::{EnvelopeId, MailboxId, PublicKeyBytes, SignatureBytes};

/// Protocol version spoken by this crate (`Hello.version`). The ALPN (`poc/1`) names the
/// protocol family and does not change with it.
pub const PROTOCOL_VERSION: u16 = 2;

/// TLS server name clients ask for; relays are recognised by their key pin, not this name.
pub const SERVER_NAME: &str = "poc-relay";

/// ALPN identifier of the protocol.
pub const ALPN: &[u8] = b"poc/1";

/// Position in a mailbox: (priority rank, sequence number) of the last envelope returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FetchCursor {
    /// Priority rank (0 = high).
    pub rank: u8,
    /// Relay-assigned sequence number within the rank.
    pub seq: u64,
}

/// Client to relay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Opens a session; answered by [`Response::Challenge`].
    Hello {
        /// Client's protocol version.
        version: u16,
    },
    /// Proves possession of a directory key for this connection (see `poc-keys::auth`).
    Auth {
        /// The client's ed25519 key.
        signing_key: PublicKeyBytes,
        /// Signature over `"poc/auth/v1" | challenge | TLS exporter value`.
        signature: SignatureBytes,
    },
    /// Stores envelopes; answered only once they are durable. Idempotent by envelope id.
    Submit {
        /// Envelopes for any members' mailboxes.
        envelopes: Vec<Envelope>,
    },
    /// Reads the caller's own mailbox, high priority first.
    Fetch {
        /// Continue after this position; `None` starts at the beginning.
        after: Option<FetchCursor>,
        /// Most envelopes to return (capped by the relay).
        limit: u32,
    },
    /// Removes envelopes from the caller's own mailbox (after the client stored them).
    Delete {
        /// Envelope ids to remove; unknown ids are ignored.
        ids: Vec<EnvelopeId>,
    },
    /// Downloads the published directory if its serial is above `have_serial`.
    GetDirectory {
        /// Serial the client already has (0 for none).
        have_serial: u64,
    },
    /// Replaces the published directory and access list. Custodian only.
    PublishDirectory(PublishedDirectory),
    /// Asks the relay to push a [`Notify`] on a new unidirectional stream whenever an envelope
    /// arrives for the caller's mailbox, for as long as the connection lasts.
    Subscribe,
    /// Relay statistics (counts only). Custodian only.
    Stats,
}

/// Envelopes accepted in one calendar month (UTC), by priority. Counts only: the relay keeps
/// no record of who wrote to whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// High-priority envelopes.
    pub high: u64,
    /// Medium-priority envelopes.
    pub medium: u64,
    /// Low-priority envelopes.
    pub low: u64,
}

/// What the relay reports to the custodian.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayStats {
    /// Envelopes waiting in mailboxes now.
    pub waiting: u64,
    /// Keys admitted.
    pub members: u64,
    /// Serial of the access list in force.
    pub directory_serial: u64,
    /// Envelopes accepted per month, oldest first.
    pub months: Vec<MonthCount>,
}

/// Pushed by the relay on a server-opened unidirectional stream (one frame per stream) after
/// an envelope for a subscribed mailbox is stored durably. Carries no content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notify {
    /// The new envelope.
    pub id: EnvelopeId,
    /// Its priority (as the relay sees it; verified once the envelope is opened).
    pub priority: crate::Priority,
}

/// Relay to client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// Answer to Hello.
    Challenge {
        /// Relay's protocol version.
        version: u16,
        /// Random bytes to sign.
        nonce: [u8; 32],
    },
    /// Answer to a successful Auth.
    Authenticated {
        /// The caller's mailbox.
        mailbox: MailboxId,
        /// Whether the caller holds the custodian key.
        custodian: bool,
    },
    /// Answer to Submit: all envelopes are on disk.
    Submitted {
        /// Envelopes newly stored.
        stored: u32,
        /// Envelopes already present (retries).
        duplicates: u32,
    },
    /// Answer to Fetch.
    Envelopes {
        /// Envelopes in delivery order.
        envelopes: Vec<Envelope>,
        /// Position to continue from when more remain.
        next: Option<FetchCursor>,
        /// Envelopes for this mailbox the relay refused because it was full, since the
        /// previous Fetch from the start (`after: None`); reported once, on that first page.
        refused_while_full: u64,
        /// The key that submitted each envelope, one per envelope in the same order, as the
        /// relay verified it at login (not as the envelope claims): lets the recipient see who
        /// sent what it cannot open. `None` for envelopes stored by a relay that did not
        /// record submitters.
        submitters: Vec<Option<PublicKeyBytes>>,
    },
    /// Answer to Delete.
    Deleted {
        /// Envelopes removed.
        count: u32,
    },
    /// Answer to GetDirectory: `None` if the client is up to date or nothing is published.
    Directory(Option<PublishedDirectory>),
    /// Answer to PublishDirectory.
    Published {
        /// Serial now in force.
        serial: u64,
    },
    /// The request was refused; nothing was changed.
    Error(RelayError),
    /// Answer to Subscribe.
    Subscribed,
    /// Answer to Stats.
    Stats(RelayStats),
}

/// Why the relay refused a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    /// The frame or request could not be decoded.
    Malformed,
    /// Client and relay speak different protocol versions.
    UnsupportedVersion,
    /// A request other than Hello/Auth arrived before authentication.
    NotAuthenticated,
    /// The key is not in the access list, or the proof is invalid.
    AuthFailed,
    /// Only the custodian may do this.
    NotCustodian,
    /// An envelope is addressed to a mailbox not in the access list.
    UnknownRecipient,
    /// Frame, envelope or batch over its limit.
    TooLarge,
    /// Envelope already expired, or its lifetime is above the relay's maximum.
    Expired,
    /// The recipient's mailbox is full.
    QuotaExceeded,
    /// Too many requests; retry later.
    RateLimited,
    /// The signed directory or access list is invalid, or not newer than the one in force.
    InvalidDirectory,
    /// The relay could not store the data; nothing was acknowledged.
    StorageFailure,
    /// The relay is shutting down or overloaded.
    Unavailable,
}

impl ErrorCode {
    /// One sentence for the user.
    pub fn describe(self) -> &'static str {
        match self {
            ErrorCode::Malformed => "the relay could not decode the request",
            ErrorCode::UnsupportedVersion => "the relay speaks another protocol version",
            ErrorCode::NotAuthenticated => "the request was sent before authenticating",
            ErrorCode::AuthFailed => {
                "the relay did not accept this key: it is not in the published directory"
            }
            ErrorCode::NotCustodian => "only the custodian may do this",
            ErrorCode::UnknownRecipient => "the recipient is not a member of the directory",
            ErrorCode::TooLarge => "the request is larger than the relay accepts",
            ErrorCode::Expired => "the envelope's lifetime is already over or too long",
            ErrorCode::QuotaExceeded => {
                "the recipient's mailbox is full, or holds all it may of your envelopes"
            }
            ErrorCode::RateLimited => "too many requests; try again shortly",
            ErrorCode::InvalidDirectory => {
                "the relay refused the directory: bad signature or not newer than the current one"
            }
            ErrorCode::StorageFailure => "the relay could not store the data; nothing was accepted",
            ErrorCode::Unavailable => "the relay is shutting down or overloaded",
        }
    }
}

/// A refusal with a short detail that never contains content or key material.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayError {
    /// Machine-readable cause.
    pub code: ErrorCode,
    /// Human-readable detail.
    pub detail: String,
}

impl fmt::Display for RelayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code.describe())?;
        if !self.detail.is_empty() {
            write!(f, " ({})", self.detail)?;
        }
        Ok(())
    }
}

impl std::error::Error for RelayError {}
