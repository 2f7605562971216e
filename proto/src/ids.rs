//! Identifiers and fixed-size byte values: mailboxes, envelopes, PoC ids, keys, signatures.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_big_array::BigArray;

use crate::limits::MAX_POC_ID_CHARS;

/// Writes bytes as lowercase hex (ids in logs and on screen).
fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    bytes.iter().try_for_each(|b| write!(f, "{b:02x}"))
}

/// Parses exactly `N` bytes of hex.
fn parse_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.as_bytes();
    if s.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (i, pair) in s.chunks_exact(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

/// A relay mailbox: SHA-256 of the owner's ed25519 public key. The relay addresses mailboxes,
/// never names.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MailboxId(pub [u8; 32]);

/// A random envelope id chosen by the sender; also the idempotency key of a submit.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EnvelopeId(pub [u8; 16]);

/// An ed25519 public key as bytes (checked by `poc-keys` before use).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PublicKeyBytes(pub [u8; 32]);

/// An ed25519 signature as bytes.
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureBytes(#[serde(with = "BigArray")] pub [u8; 64]);

/// First 20 bytes of SHA-256 of an ed25519 public key; read aloud to confirm a key.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint(pub [u8; 20]);

macro_rules! hex_display {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_hex(f, &self.0)
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($t), "("))?;
                write_hex(f, &self.0)?;
                write!(f, ")")
            }
        }
    )*};
}
hex_display!(
    MailboxId,
    EnvelopeId,
    PublicKeyBytes,
    SignatureBytes,
    Fingerprint
);

impl FromStr for EnvelopeId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_hex::<16>(s.trim())
            .map(EnvelopeId)
            .ok_or_else(|| format!("`{s}` is not an envelope id (32 hex characters)"))
    }
}

impl FromStr for PublicKeyBytes {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_hex::<32>(s.trim())
            .map(PublicKeyBytes)
            .ok_or_else(|| format!("`{s}` is not a public key (64 hex characters)"))
    }
}

impl FromStr for MailboxId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_hex::<32>(s.trim())
            .map(MailboxId)
            .ok_or_else(|| format!("`{s}` is not a mailbox id (64 hex characters)"))
    }
}

/// What a PoC is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Foreign ministry contact.
    Diplomatic,
    /// National CERT/CSIRT contact.
    Technical,
    /// Keeper of the directory (UNODA).
    Custodian,
}

impl Role {
    /// The lowercase name used in PoC ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Diplomatic => "diplomatic",
            Role::Technical => "technical",
            Role::Custodian => "custodian",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = PocIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "diplomatic" => Ok(Role::Diplomatic),
            "technical" => Ok(Role::Technical),
            "custodian" => Ok(Role::Custodian),
            other => Err(PocIdError::Role(other.to_owned())),
        }
    }
}

/// Why a text is not a PoC id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PocIdError {
    /// Not of the form `ORG.role[.n]`.
    #[error("`{0}` is not a PoC id: expected ORG.role or ORG.role.N, e.g. FRA.technical or MEX.diplomatic.2")]
    Shape(String),
    /// The organisation part is not 2 to 10 capital letters.
    #[error("`{0}` is not an organisation code: use an ISO 3166-1 alpha-3 code (e.g. FRA) or a registered code (e.g. OSCE)")]
    Org(String),
    /// Unknown role.
    #[error("`{0}` is not a role: use diplomatic, technical or custodian")]
    Role(String),
    /// The index is not a number from 2 to 999.
    #[error("`{0}` is not a PoC index: use a number from 2 to 999 (the first PoC has none)")]
    Index(String),
}

/// `<ORG>.<role>[.<n>]`: e.g. `FRA.technical`, `MEX.diplomatic.2`, `UNODA.custodian`.
///
/// Serialised as its text form; decoding validates it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PocId {
    org: String,
    role: Role,
    index: Option<u16>,
}

impl PocId {
    /// The organisation code (ISO 3166-1 alpha-3 or a registered organisation code).
    pub fn org(&self) -> &str {
        &self.org
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }
}

impl fmt::Display for PocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.org, self.role)?;
        if let Some(n) = self.index {
            write!(f, ".{n}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for PocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PocId({self})")
    }
}

impl FromStr for PocId {
    type Err = PocIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() > MAX_POC_ID_CHARS {
            return Err(PocIdError::Shape(
                s.chars().take(MAX_POC_ID_CHARS).collect(),
            ));
        }
        let parts: Vec<&str> = s.split('.').collect();
        let (org, role, index) = match parts.as_slice() {
            [org, role] => (*org, *role, None),
            [org, role, index] => (*org, *role, Some(*index)),
            _ => return Err(PocIdError::Shape(s.to_owned())),
        };
        if !(2..=10).contains(&org.len()) || !org.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(PocIdError::Org(org.to_owned()));
        }
        let role = role.parse()?;
        let index = match index {
            None => None,
            Some(text) => match text.parse::<u16>() {
                Ok(n) if (2..=999).contains(&n) && !text.starts_with('0') => Some(n),
                _ => return Err(PocIdError::Index(text.to_owned())),
            },
        };
        Ok(PocId {
            org: org.to_owned(),
            role,
            index,
        })
    }
}

impl Serialize for PocId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PocId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode, encode};
    use proptest::prelude::*;

    #[test]
    fn poc_ids_parse_and_print() {
        for text in [
            "FRA.technical",
            "MEX.diplomatic.2",
            "UNODA.custodian",
            "OSCE.technical.12",
        ] {
            let id: PocId = text.parse().unwrap();
            assert_eq!(id.to_string(), text);
            assert_eq!(decode::<PocId>(&encode(&id).unwrap()).unwrap(), id);
        }
        let id: PocId = "MEX.diplomatic.2".parse().unwrap();
        assert_eq!((id.org(), id.role()), ("MEX", Role::Diplomatic));
    }

    #[test]
    fn bad_poc_ids_name_the_problem() {
        assert!(matches!(
            "fra.technical".parse::<PocId>(),
            Err(PocIdError::Org(_))
        ));
        assert!(matches!(
            "FRA.tech".parse::<PocId>(),
            Err(PocIdError::Role(_))
        ));
        assert!(matches!(
            "FRA.technical.1".parse::<PocId>(),
            Err(PocIdError::Index(_))
        ));
        assert!(matches!(
            "FRA.technical.02".parse::<PocId>(),
            Err(PocIdError::Index(_))
        ));
        assert!(matches!("FRA".parse::<PocId>(), Err(PocIdError::Shape(_))));
        assert!(matches!(
            "A.b.c.d".parse::<PocId>(),
            Err(PocIdError::Shape(_))
        ));
        // An invalid id never decodes, even when the bytes are a valid string.
        let bytes = encode(&"fra.technical".to_string()).unwrap();
        assert!(decode::<PocId>(&bytes).is_err());
    }

    #[test]
    fn envelope_ids_parse_from_hex() {
        let id = EnvelopeId([0xab; 16]);
        assert_eq!(id.to_string().parse::<EnvelopeId>().unwrap(), id);
        assert!("xyz".parse::<EnvelopeId>().is_err());
    }

    proptest! {
        #[test]
        fn poc_id_parse_never_panics(s in "\\PC{0,50}") {
            let _ = s.parse::<PocId>();
        }
    }
}
