//! Who may connect: the custodian-signed access list in force.

use std::collections::{HashMap, HashSet};

use poc_keys::directory::{verify_access_list, DirectoryError};
use poc_proto::{AccessList, KeyRotation, MailboxId, PublicKeyBytes, SignedAccessList};

/// The admitted keys and their mailboxes.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// Serial of the directory the list belongs to (0 before the first publish).
    pub serial: u64,
    /// Custodian key rotations of the list in force; a new list must extend them.
    rotations: Vec<KeyRotation>,
    members: HashMap<PublicKeyBytes, bool>,
    mailboxes: HashSet<MailboxId>,
}

/// Why a new access list was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// Signature, chain or member keys are invalid.
    #[error(transparent)]
    Invalid(#[from] DirectoryError),
    /// The list's custodian key rotations do not continue those in force (a retired custodian
    /// key trying to start another chain).
    #[error("the custodian key rotations do not continue the ones in force")]
    ForkedChain,
}

impl Access {
    /// Only the configured custodian key, before any directory is published.
    pub fn bootstrap(custodian: PublicKeyBytes) -> Self {
        let mut access = Access::default();
        access.admit(custodian, true);
        access
    }

    /// The members of a verified list, plus the custodian key that signed it. After a
    /// custodian key rotation the retired keys are no longer admitted.
    pub fn from_list(list: &AccessList) -> Self {
        let mut access = Access::bootstrap(list.custodian_key);
        access.serial = list.serial;
        access.rotations = list.custodian_rotations.clone();
        for member in &list.members {
            let custodian = member.custodian || member.signing_key == list.custodian_key;
            access.admit(member.signing_key, custodian);
        }
        access
    }

    /// Verifies a signed list against the configured custodian key (following signed rotations
    /// from it), checks that it continues the rotations in force, and builds the access state.
    pub fn verified(
        pinned: PublicKeyBytes,
        signed: &SignedAccessList,
        in_force: Option<&Access>,
    ) -> Result<(Self, AccessList), AccessError> {
        let list = verify_access_list(&pinned, signed)?;
        if let Some(current) = in_force {
            if !poc_keys::rotation::extends(&current.rotations, &list.custodian_rotations) {
                return Err(AccessError::ForkedChain);
            }
        }
        Ok((Access::from_list(&list), list))
    }

    fn admit(&mut self, key: PublicKeyBytes, custodian: bool) {
        self.mailboxes.insert(poc_keys::mailbox_id(&key));
        self.members.insert(key, custodian);
    }

    /// `Some(is_custodian)` if the key is admitted.
    pub fn member(&self, key: &PublicKeyBytes) -> Option<bool> {
        self.members.get(key).copied()
    }

    /// Whether envelopes may be addressed to this mailbox.
    pub fn has_mailbox(&self, mailbox: &MailboxId) -> bool {
        self.mailboxes.contains(mailbox)
    }

    /// The mailboxes of the admitted custodian keys.
    pub fn custodian_mailboxes(&self) -> Vec<MailboxId> {
        self.members
            .iter()
            .filter(|(_, custodian)| **custodian)
            .map(|(key, _)| poc_keys::mailbox_id(key))
            .collect()
    }

    /// Number of admitted keys.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no key is admitted.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_keys::directory::sign_access_list;
    use poc_keys::rotation::sign_rotation;
    use poc_keys::PocKey;
    use poc_proto::Member;

    fn list(
        signer: &PocKey,
        serial: u64,
        rotations: Vec<KeyRotation>,
        members: &[&PocKey],
    ) -> SignedAccessList {
        let body = AccessList {
            serial,
            issued_at: 0,
            custodian_key: signer.signing_public(),
            custodian_rotations: rotations,
            sealed_directory_digest: [0; 32],
            members: members
                .iter()
                .map(|k| Member {
                    signing_key: k.signing_public(),
                    custodian: false,
                })
                .collect(),
        };
        sign_access_list(signer, &body).unwrap()
    }

    #[test]
    fn after_a_rotation_only_the_new_custodian_key_is_admitted() {
        let first = PocKey::generate();
        let second = PocKey::generate();
        let member = PocKey::generate();
        let (one, _) = Access::verified(
            first.signing_public(),
            &list(&first, 1, vec![], &[&first, &member]),
            None,
        )
        .unwrap();
        assert_eq!(one.member(&first.signing_public()), Some(true));

        let chain = vec![sign_rotation(&first, &second.signing_public())];
        let signed = list(&second, 2, chain, &[&second, &member]);
        let (two, _) = Access::verified(first.signing_public(), &signed, Some(&one)).unwrap();
        assert_eq!(two.member(&second.signing_public()), Some(true));
        assert_eq!(two.member(&member.signing_public()), Some(false));
        assert_eq!(
            two.member(&first.signing_public()),
            None,
            "the retired custodian key is cut off"
        );
    }

    #[test]
    fn a_retired_custodian_key_cannot_start_another_chain() {
        let first = PocKey::generate();
        let second = PocKey::generate();
        let chain = vec![sign_rotation(&first, &second.signing_public())];
        let (in_force, _) = Access::verified(
            first.signing_public(),
            &list(&second, 2, chain, &[&second]),
            None,
        )
        .unwrap();

        // Whoever still holds the first key hands over to a key of their own.
        let attacker = PocKey::generate();
        let fork = vec![sign_rotation(&first, &attacker.signing_public())];
        let signed = list(&attacker, 3, fork, &[&attacker]);
        assert!(matches!(
            Access::verified(first.signing_public(), &signed, Some(&in_force)),
            Err(AccessError::ForkedChain)
        ));
    }
}
