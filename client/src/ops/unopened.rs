//! Envelopes that cannot be opened or verified, set apart from the inbox list and grouped by
//! the key that submitted them to the relay (as the relay verified it at login, not as the
//! envelope claims): a member who floods a mailbox with junk shows as one line with a count,
//! named by its directory id. Who submitted an envelope is the relay's word, which the
//! client cannot check: screens say "according to the relay", and it is a lead to ask the
//! relay operator about, not a proof against a member.
//!
//! This module only groups items already verified by [`super::inbox::list`]; it does not
//! open, verify or delete anything.

use std::collections::HashMap;

use poc_proto::{EnvelopeId, PublicKeyBytes};
use schemars::JsonSchema;
use serde::Serialize;

use super::inbox::Item;
use crate::json::Timestamp;
use crate::mailbox::Invalid;
use crate::trust::TrustedDirectory;

/// The envelopes one key submitted that cannot be opened or verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Unopened {
    /// The directory id of the submitting key if it is in the directory, else its
    /// fingerprint; `null` if the relay did not record who submitted them. The relay's word,
    /// not a signature: a relay operator could name any member.
    pub submitter: Option<String>,
    /// Whether `submitter` is a directory id (the key belongs to a member).
    pub member: bool,
    /// The submitting key (64 hex digits); `null` if unknown.
    pub key: Option<String>,
    /// How many envelopes.
    pub count: u64,
    /// Why the first of them cannot be trusted.
    pub invalid: Invalid,
    /// The problem of the first of them, in a sentence.
    pub error: String,
    /// The envelope id of the first of them (for `poc read`).
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub first: EnvelopeId,
    /// When the latest of them was fetched.
    pub last_fetched_at: Timestamp,
    /// Their envelope ids, in inbox order (each can be given to `poc read`).
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub ids: Vec<EnvelopeId>,
}

/// How `key` is named to the reader: its directory id if it is a member's, else its
/// fingerprint. The flag says whether it is a directory id.
fn name_of(key: &PublicKeyBytes, directory: &TrustedDirectory) -> (String, bool) {
    match directory.member_name(key) {
        Some(name) => (name, true),
        None => (
            poc_keys::FingerprintText(poc_keys::fingerprint(key)).to_string(),
            false,
        ),
    }
}

/// Splits `items` into those that verified and the groups of those that did not, one group
/// per submitting key, the largest first (then by submitter).
pub fn set_apart(items: Vec<Item>, directory: &TrustedDirectory) -> (Vec<Item>, Vec<Unopened>) {
    let mut kept = Vec::with_capacity(items.len());
    let mut groups: HashMap<Option<PublicKeyBytes>, Unopened> = HashMap::new();
    for item in items {
        let (Some(invalid), Some(error)) = (item.invalid, item.error.as_ref()) else {
            kept.push(item);
            continue;
        };
        let group = groups.entry(item.submitter).or_insert_with(|| {
            let (submitter, member) = match &item.submitter {
                Some(key) => {
                    let (name, member) = name_of(key, directory);
                    (Some(name), member)
                }
                None => (None, false),
            };
            Unopened {
                submitter,
                member,
                key: item.submitter.map(|k| k.to_string()),
                count: 0,
                invalid,
                error: error.clone(),
                first: item.id,
                last_fetched_at: item.fetched_at,
                ids: Vec::new(),
            }
        });
        group.count += 1;
        group.ids.push(item.id);
        if item.fetched_at.0 > group.last_fetched_at.0 {
            group.last_fetched_at = item.fetched_at;
        }
    }
    let mut unopened: Vec<Unopened> = groups.into_values().collect();
    unopened.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.submitter.cmp(&b.submitter))
    });
    (kept, unopened)
}
