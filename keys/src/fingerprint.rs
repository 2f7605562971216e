//! Fingerprints and mailbox ids, both derived from an ed25519 public key.

use std::fmt;

use data_encoding::BASE32_NOPAD;
use poc_proto::{Fingerprint, MailboxId, PublicKeyBytes};
use sha2::{Digest, Sha256};

/// First 20 bytes of SHA-256 of the public key.
pub fn fingerprint(key: &PublicKeyBytes) -> Fingerprint {
    let digest = Sha256::digest(key.0);
    let mut out = [0u8; 20];
    out.copy_from_slice(&digest[..20]);
    Fingerprint(out)
}

/// SHA-256 of the public key: the relay mailbox of its owner.
pub fn mailbox_id(key: &PublicKeyBytes) -> MailboxId {
    MailboxId(Sha256::digest(key.0).into())
}

/// A fingerprint as 32 base32 characters in 8 groups of 4, e.g. `MFRG GZDF ...`.
///
/// 20 bytes are 160 bits, exactly 32 base32 characters: no padding, no ambiguity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FingerprintText(pub Fingerprint);

impl fmt::Display for FingerprintText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = BASE32_NOPAD.encode(&self.0 .0);
        for (i, group) in text.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(std::str::from_utf8(group).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_text_has_eight_groups_of_four() {
        let text = FingerprintText(fingerprint(&PublicKeyBytes([7; 32]))).to_string();
        let groups: Vec<&str> = text.split(' ').collect();
        assert_eq!(groups.len(), 8);
        assert!(groups.iter().all(|g| g.len() == 4));
    }

    #[test]
    fn mailbox_is_sha256_of_key() {
        // SHA-256 of 32 zero bytes.
        let expected = "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925";
        assert_eq!(mailbox_id(&PublicKeyBytes([0; 32])).to_string(), expected);
        assert_eq!(
            fingerprint(&PublicKeyBytes([0; 32])).0[..],
            mailbox_id(&PublicKeyBytes([0; 32])).0[..20]
        );
    }
}
