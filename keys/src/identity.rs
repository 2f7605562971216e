//! A PoC identity: one ed25519 key that signs everything and one age X25519 key that receives
//! envelopes.

use std::fmt;
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use ed25519_dalek::SigningKey;
use poc_proto::{Fingerprint, MailboxId, PublicKeyBytes, SignatureBytes};
use zeroize::Zeroizing;

use crate::fingerprint::{fingerprint, mailbox_id};
use crate::signing::{self, KeyError};

/// The secret half of an identity. Both keys zeroize on drop; `Debug` never shows them.
pub struct PocKey {
    signing: SigningKey,
    encryption: age::x25519::Identity,
}

impl PocKey {
    /// Generates a fresh identity from the operating system's random number generator.
    pub fn generate() -> Self {
        let seed = Zeroizing::new(crate::random_bytes::<32>());
        PocKey {
            signing: SigningKey::from_bytes(&seed),
            encryption: age::x25519::Identity::generate(),
        }
    }

    /// Rebuilds an identity from its secret parts (used by the keystore).
    pub(crate) fn from_parts(seed: &[u8; 32], age_identity: &str) -> Result<Self, KeyError> {
        let encryption =
            age::x25519::Identity::from_str(age_identity).map_err(|_| KeyError::Invalid)?;
        Ok(PocKey {
            signing: SigningKey::from_bytes(seed),
            encryption,
        })
    }

    /// A second copy of this key in memory, for a task that must own its key (a connection
    /// to one of several relays, which lives as long as the command and logs in again after
    /// a lost connection). It zeroizes on drop like this one.
    pub fn duplicate(&self) -> Self {
        PocKey {
            signing: SigningKey::from_bytes(&self.signing_seed_secret()),
            encryption: self.encryption.clone(),
        }
    }

    /// The ed25519 seed, for writing into an encrypted keystore only.
    pub(crate) fn signing_seed_secret(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }

    /// The age identity string, for writing into an encrypted keystore only.
    pub(crate) fn age_identity_secret(&self) -> Zeroizing<String> {
        Zeroizing::new(self.encryption.to_string().expose_secret().to_owned())
    }

    /// The age identity, to decrypt envelopes addressed to this PoC.
    pub(crate) fn age_identity(&self) -> &age::x25519::Identity {
        &self.encryption
    }

    /// Signs `domain | 0 | parts` (see [`crate::signing`]).
    pub fn sign(&self, domain: &[u8], parts: &[&[u8]]) -> SignatureBytes {
        signing::sign(&self.signing, domain, parts)
    }

    /// The public half.
    pub fn public(&self) -> PocPublic {
        PocPublic {
            signing_key: PublicKeyBytes(self.signing.verifying_key().to_bytes()),
            encryption: self.encryption.to_public(),
        }
    }

    /// The ed25519 public key.
    pub fn signing_public(&self) -> PublicKeyBytes {
        PublicKeyBytes(self.signing.verifying_key().to_bytes())
    }

    /// Fingerprint of the signing key.
    pub fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.signing_public())
    }

    /// The relay mailbox of this identity.
    pub fn mailbox(&self) -> MailboxId {
        mailbox_id(&self.signing_public())
    }
}

impl fmt::Debug for PocKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PocKey(SecretKey(..), {:?})", self.fingerprint())
    }
}

/// The public half of an identity, as published in the directory.
#[derive(Clone)]
pub struct PocPublic {
    /// ed25519 key.
    pub signing_key: PublicKeyBytes,
    /// age X25519 recipient.
    pub encryption: age::x25519::Recipient,
}

impl PocPublic {
    /// Parses the directory form of an encryption key (`age1...`).
    pub fn parse_encryption_key(text: &str) -> Result<age::x25519::Recipient, KeyError> {
        age::x25519::Recipient::from_str(text).map_err(|_| KeyError::Invalid)
    }

    /// Fingerprint of the signing key.
    pub fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.signing_key)
    }

    /// Mailbox id.
    pub fn mailbox(&self) -> MailboxId {
        mailbox_id(&self.signing_key)
    }
}

impl fmt::Debug for PocPublic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PocPublic({:?}, {})", self.signing_key, self.encryption)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let key = PocKey::generate();
        let debug = format!("{key:?}");
        assert!(debug.starts_with("PocKey(SecretKey(..)"));
        assert!(!debug.contains(key.age_identity_secret().as_str()));
        let seed_hex: String = key
            .signing_seed_secret()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(!debug.contains(&seed_hex));
    }

    #[test]
    fn parts_round_trip() {
        let key = PocKey::generate();
        let again =
            PocKey::from_parts(&key.signing_seed_secret(), &key.age_identity_secret()).unwrap();
        assert_eq!(again.signing_public(), key.signing_public());
        assert_eq!(
            again.public().encryption.to_string(),
            key.public().encryption.to_string()
        );
    }
}
