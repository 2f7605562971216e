//! Who may connect: the custodian-signed access list in force.

use std::collections::{HashMap, HashSet};

use poc_keys::directory::{verify_access_list, DirectoryError};
use poc_proto::{AccessList, MailboxId, PublicKeyBytes};

/// The admitted keys and their mailboxes.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// Serial of the directory the list belongs to (0 before the first publish).
    pub serial: u64,
    members: HashMap<PublicKeyBytes, bool>,
    mailboxes: HashSet<MailboxId>,
}

impl Access {
    /// Only the custodian, before any directory is published.
    pub fn bootstrap(custodian: PublicKeyBytes) -> Self {
        let mut access = Access::default();
        access.admit(custodian, true);
        access
    }

    /// The access list, plus the custodian key which is always admitted.
    pub fn from_list(custodian: PublicKeyBytes, list: &AccessList) -> Self {
        let mut access = Access::bootstrap(custodian);
        access.serial = list.serial;
        for member in &list.members {
            access.admit(
                member.signing_key,
                member.custodian || member.signing_key == custodian,
            );
        }
        access
    }

    /// Verifies a signed list against the custodian key and builds the access state.
    pub fn verified(
        custodian: PublicKeyBytes,
        signed: &poc_proto::SignedAccessList,
    ) -> Result<(Self, AccessList), DirectoryError> {
        let list = verify_access_list(&custodian, signed)?;
        Ok((Access::from_list(custodian, &list), list))
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

    /// Number of admitted keys.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no key is admitted.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}
