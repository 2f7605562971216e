//! Domain-separated ed25519 signatures.
//!
//! Every signature covers `domain | 0x00 | parts...`, where the domain names the purpose
//! (`poc/msg/v1`, `poc/entry/v1`, ...). All fields but the last have a fixed length, so the
//! input is unambiguous. Verification always uses `verify_strict`, and keys are rejected if they
//! are not valid points or are weak (small order).

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use poc_proto::{PublicKeyBytes, SignatureBytes};

/// Signature domains.
pub mod domain {
    /// Envelope contents (sign-then-encrypt).
    pub const MESSAGE: &[u8] = b"poc/msg/v1";
    /// A PoC's self-signature on its own entry.
    pub const ENTRY: &[u8] = b"poc/entry/v1";
    /// The custodian's signature on a directory.
    pub const DIRECTORY: &[u8] = b"poc/directory/v1";
    /// The custodian's signature on a directory in format v2 (entries are teams).
    pub const DIRECTORY_V2: &[u8] = b"poc/directory/v2";
    /// The custodian's signature on a directory in format v3 (relays described, `k`).
    pub const DIRECTORY_V3: &[u8] = b"poc/directory/v3";
    /// A team member's proof of possession of its key, bound to its entry (format v2).
    pub const MEMBER: &[u8] = b"poc/member/v2";
    /// A team member vouching for another member of the same entry (format v2).
    pub const MEMBER_COSIGN: &[u8] = b"poc/member-cosign/v2";
    /// The custodian's signature on the relay access list.
    pub const ACCESS_LIST: &[u8] = b"poc/access/v1";
    /// A client's login proof.
    pub const AUTH: &[u8] = b"poc/auth/v1";
    /// A key handing over to its successor.
    pub const ROTATION: &[u8] = b"poc/rotation/v1";
    /// The custodian's record of a ping campaign (in proof bundles).
    pub const CAMPAIGN: &[u8] = b"poc/campaign/v1";
}

/// Why a public key is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The bytes are not a point on the curve.
    #[error("not a valid ed25519 public key")]
    Invalid,
    /// The key has small order: anyone could forge signatures for it.
    #[error("weak ed25519 public key (small order)")]
    Weak,
}

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The key is unusable.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The signature does not verify under the key.
    #[error("signature does not verify")]
    Invalid,
}

/// Parses and checks a public key: a valid point that is not weak.
pub fn verifying_key(bytes: &PublicKeyBytes) -> Result<VerifyingKey, KeyError> {
    let key = VerifyingKey::from_bytes(&bytes.0).map_err(|_| KeyError::Invalid)?;
    if key.is_weak() {
        return Err(KeyError::Weak);
    }
    Ok(key)
}

/// The exact bytes a signature covers.
pub fn signing_input(domain: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let len = domain.len() + 1 + parts.iter().map(|p| p.len()).sum::<usize>();
    let mut input = Vec::with_capacity(len);
    input.extend_from_slice(domain);
    input.push(0);
    for part in parts {
        input.extend_from_slice(part);
    }
    input
}

/// Signs `domain | 0 | parts`.
pub fn sign(key: &SigningKey, domain: &[u8], parts: &[&[u8]]) -> SignatureBytes {
    SignatureBytes(key.sign(&signing_input(domain, parts)).to_bytes())
}

/// Verifies `domain | 0 | parts` with `verify_strict`.
pub fn verify(
    key: &PublicKeyBytes,
    domain: &[u8],
    parts: &[&[u8]],
    signature: &SignatureBytes,
) -> Result<VerifyingKey, SignatureError> {
    let verifying = verifying_key(key)?;
    let signature = Signature::from_bytes(&signature.0);
    verifying
        .verify_strict(&signing_input(domain, parts), &signature)
        .map_err(|_| SignatureError::Invalid)?;
    Ok(verifying)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_bound_to_domain_and_content() {
        let key = SigningKey::from_bytes(&[1; 32]);
        let public = PublicKeyBytes(key.verifying_key().to_bytes());
        let sig = sign(&key, domain::ENTRY, &[b"abc"]);
        assert!(verify(&public, domain::ENTRY, &[b"abc"], &sig).is_ok());
        assert_eq!(
            verify(&public, domain::DIRECTORY, &[b"abc"], &sig),
            Err(SignatureError::Invalid)
        );
        assert_eq!(
            verify(&public, domain::ENTRY, &[b"abd"], &sig),
            Err(SignatureError::Invalid)
        );
    }

    #[test]
    fn weak_and_invalid_keys_are_refused() {
        // The identity point (small order) encodes as 1 followed by zeros.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(
            verifying_key(&PublicKeyBytes(identity)),
            Err(KeyError::Weak)
        );
        // y = 2 is not on the curve.
        let mut off_curve = [0u8; 32];
        off_curve[0] = 2;
        assert_eq!(
            verifying_key(&PublicKeyBytes(off_curve)),
            Err(KeyError::Invalid)
        );
    }
}
