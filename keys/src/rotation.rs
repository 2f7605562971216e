//! Key rotation certificates and custodian key chains.
//!
//! A [`KeyRotation`] is the old key's signature over `"poc/rotation/v1" | 0 | old | new`.
//! Clients pin the custodian key they were given at enrolment; every directory carries the
//! chain of rotations from the first custodian key to the current one, and [`follow_chain`]
//! accepts the current key only if an unbroken chain leads to it from the pinned key.

use poc_proto::{KeyRotation, PublicKeyBytes};

use crate::identity::PocKey;
use crate::signing::{self, domain, SignatureError};

/// Why a rotation or a chain was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotationError {
    /// A rotation's signature does not verify under its old key.
    #[error("a key rotation is not signed by the key it retires ({0})")]
    BadSignature(SignatureError),
    /// No chain leads from the pinned key to the key in use.
    #[error("the signing key is neither the pinned custodian key nor reached from it by signed rotations")]
    NotReachable,
    /// The new key is invalid or weak.
    #[error("the successor key is unusable ({0})")]
    BadSuccessor(crate::signing::KeyError),
}

/// `old` hands over to `new`.
pub fn sign_rotation(old: &PocKey, new: &PublicKeyBytes) -> KeyRotation {
    KeyRotation {
        old_key: old.signing_public(),
        new_key: *new,
        signature: old.sign(domain::ROTATION, &[&old.signing_public().0, &new.0]),
    }
}

/// Checks one rotation: signed by its old key, successor usable.
pub fn verify_rotation(rotation: &KeyRotation) -> Result<(), RotationError> {
    signing::verify(
        &rotation.old_key,
        domain::ROTATION,
        &[&rotation.old_key.0, &rotation.new_key.0],
        &rotation.signature,
    )
    .map_err(RotationError::BadSignature)?;
    signing::verifying_key(&rotation.new_key).map_err(RotationError::BadSuccessor)?;
    Ok(())
}

/// Succeeds if `current` is `pinned`, or is reached from `pinned` by valid rotations in
/// `chain` (in order; rotations before the pinned key are skipped), and `chain` does not
/// rotate `current` away (a retired key that copies the genuine history is not current).
pub fn follow_chain(
    pinned: &PublicKeyBytes,
    chain: &[KeyRotation],
    current: &PublicKeyBytes,
) -> Result<(), RotationError> {
    if chain.iter().any(|r| r.old_key == *current) {
        return Err(RotationError::NotReachable);
    }
    let mut key = *pinned;
    if key == *current {
        return Ok(());
    }
    for rotation in chain.iter().skip_while(|r| r.old_key != *pinned) {
        if rotation.old_key != key {
            return Err(RotationError::NotReachable);
        }
        verify_rotation(rotation)?;
        key = rotation.new_key;
        if key == *current {
            return Ok(());
        }
    }
    Err(RotationError::NotReachable)
}

/// Whether `new` continues `current`: the rotations in force are a prefix of the new ones.
/// A directory whose chain does not extend the one in force is a fork, e.g. by a retired key.
pub fn extends(current: &[KeyRotation], new: &[KeyRotation]) -> bool {
    new.starts_with(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_are_followed_from_any_pinned_key() {
        let k1 = PocKey::generate();
        let k2 = PocKey::generate();
        let k3 = PocKey::generate();
        let chain = vec![
            sign_rotation(&k1, &k2.signing_public()),
            sign_rotation(&k2, &k3.signing_public()),
        ];
        assert!(follow_chain(&k1.signing_public(), &chain, &k3.signing_public()).is_ok());
        assert!(follow_chain(&k2.signing_public(), &chain, &k3.signing_public()).is_ok());
        assert!(follow_chain(&k3.signing_public(), &chain, &k3.signing_public()).is_ok());
        let stranger = PocKey::generate();
        assert_eq!(
            follow_chain(&stranger.signing_public(), &chain, &k3.signing_public()),
            Err(RotationError::NotReachable)
        );
    }

    #[test]
    fn a_rotation_not_signed_by_the_old_key_breaks_the_chain() {
        let k1 = PocKey::generate();
        let attacker = PocKey::generate();
        let mut forged = sign_rotation(&attacker, &attacker.signing_public());
        forged.old_key = k1.signing_public();
        assert!(matches!(
            follow_chain(&k1.signing_public(), &[forged], &attacker.signing_public()),
            Err(RotationError::BadSignature(_))
        ));
    }
}
