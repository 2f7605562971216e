//! The relay login proof.
//!
//! After the QUIC handshake both sides derive 32 bytes from the TLS session with
//! `export_keying_material(label = "EXPORTER-poc-auth-v1", context = "")`. The relay sends a
//! random 32-byte challenge; the client signs `"poc/auth/v1" | 0 | challenge | exporter`.
//! A proof is therefore useless on any other connection, even with the same challenge.

use poc_proto::{PublicKeyBytes, SignatureBytes};

use crate::identity::PocKey;
use crate::signing::{self, domain, SignatureError};

/// TLS exporter label for the channel binding.
pub const EXPORTER_LABEL: &[u8] = b"EXPORTER-poc-auth-v1";

/// Bytes taken from the TLS exporter.
pub const EXPORTER_LEN: usize = 32;

/// Signs the challenge together with the connection's exporter value.
pub fn prove(key: &PocKey, challenge: &[u8; 32], exporter: &[u8; EXPORTER_LEN]) -> SignatureBytes {
    key.sign(domain::AUTH, &[challenge, exporter])
}

/// Checks a login proof.
pub fn verify(
    key: &PublicKeyBytes,
    challenge: &[u8; 32],
    exporter: &[u8; EXPORTER_LEN],
    proof: &SignatureBytes,
) -> Result<(), SignatureError> {
    signing::verify(key, domain::AUTH, &[challenge, exporter], proof).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proof_is_bound_to_challenge_and_connection() {
        let key = PocKey::generate();
        let proof = prove(&key, &[1; 32], &[2; 32]);
        assert!(verify(&key.signing_public(), &[1; 32], &[2; 32], &proof).is_ok());
        assert!(verify(&key.signing_public(), &[1; 32], &[3; 32], &proof).is_err());
        assert!(verify(&key.signing_public(), &[4; 32], &[2; 32], &proof).is_err());
        let other = PocKey::generate();
        assert!(verify(&other.signing_public(), &[1; 32], &[2; 32], &proof).is_err());
    }
}
