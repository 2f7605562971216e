//! The routed envelope and the signed, padded plaintext it carries.
//!
//! ```text
//! Envelope { version, id, to, priority, expires_at, payload = age(Sealed) }
//! Sealed   { sender key, signature, body = encode(Message), padding }
//! signature over "poc/msg/v1" | id | to | priority | expires_at | body   (see poc-keys)
//! ```
//! The relay sees only the envelope's routing fields; everything about the sender and the
//! content is inside the age ciphertext.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::{EnvelopeId, MailboxId, PublicKeyBytes, SignatureBytes};

/// Version of the envelope format described here.
pub const ENVELOPE_VERSION: u8 = 1;

/// Delivery priority. Declared high first: the derived order sorts high before low.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    /// Urgent: fetched and notified first.
    High,
    /// Normal.
    Medium,
    /// Routine (pings, receipts).
    Low,
}

impl Priority {
    /// Rank used in storage keys: 0 = high.
    pub fn rank(self) -> u8 {
        match self {
            Priority::High => 0,
            Priority::Medium => 1,
            Priority::Low => 2,
        }
    }

    /// Inverse of [`Priority::rank`].
    pub fn from_rank(rank: u8) -> Option<Self> {
        match rank {
            0 => Some(Priority::High),
            1 => Some(Priority::Medium),
            2 => Some(Priority::Low),
            _ => None,
        }
    }

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "high" => Ok(Priority::High),
            "medium" => Ok(Priority::Medium),
            "low" => Ok(Priority::Low),
            _ => Err(format!("`{s}` is not a priority: use high, medium or low")),
        }
    }
}

/// What the relay stores and forwards. Only `payload` is secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// [`ENVELOPE_VERSION`].
    pub version: u8,
    /// Random id chosen by the sender.
    pub id: EnvelopeId,
    /// Recipient mailbox.
    pub to: MailboxId,
    /// Delivery priority (also bound inside the signature).
    pub priority: Priority,
    /// Unix seconds after which the relay drops the envelope (also bound inside the signature).
    pub expires_at: u64,
    /// age ciphertext of an encoded [`Sealed`].
    pub payload: Vec<u8>,
}

/// The plaintext inside an envelope's payload: sign-then-encrypt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// Sender's ed25519 public key.
    pub sender: PublicKeyBytes,
    /// Sender's signature over the routing fields and `body`.
    pub signature: SignatureBytes,
    /// Encoded [`crate::Message`].
    pub body: Vec<u8>,
    /// Zero bytes that bring the encoded `Sealed` to a padding bucket size.
    pub padding: Vec<u8>,
}
