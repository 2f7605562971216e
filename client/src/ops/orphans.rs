//! Attachment parts no message names: verified parts in the local inbox whose envelope id no
//! stored message lists among its parts, grouped by their (verified) sender.
//!
//! A part counts as an orphan as soon as no message in the local inbox names it: parts can
//! arrive before their message (a sender interrupted between them, or the relay handing them
//! out first), so a group may shrink at the next fetch. Listing them matters because parts
//! are not shown as messages: a member's key could otherwise fill a reader's disk unseen.
//!
//! This module only groups what [`super::inbox::list_all`] found; it does not open, verify or
//! delete anything (`poc delete --orphans` does, through [`super::delete`]).

use std::collections::{BTreeMap, HashSet};

use poc_proto::{EnvelopeId, PocId};
use schemars::JsonSchema;
use serde::Serialize;

/// The orphan parts one sender signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct OrphanParts {
    /// The verified sender (directory id of the signing key).
    pub from: String,
    /// How many parts.
    pub count: u64,
    /// Their size as stored (bytes of the encrypted envelopes).
    pub bytes: u64,
    /// Their envelope ids.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub ids: Vec<EnvelopeId>,
}

/// A verified part found in the local inbox: its id, sender and stored size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Envelope id.
    pub id: EnvelopeId,
    /// Verified sender.
    pub from: PocId,
    /// Bytes of the stored envelope's payload.
    pub bytes: u64,
}

/// The `parts` that no message of their own sender names (`named`: each part id a verified
/// message names, with that message's sender), one group per sender, the largest first (then
/// by sender). A message from someone else naming a part does not make it its own: else a
/// sender could hide another's orphans from the listing and from `poc delete --orphans`.
pub fn group(parts: Vec<Part>, named: &HashSet<(EnvelopeId, PocId)>) -> Vec<OrphanParts> {
    let mut groups: BTreeMap<String, OrphanParts> = BTreeMap::new();
    for part in parts
        .into_iter()
        .filter(|p| !named.contains(&(p.id, p.from.clone())))
    {
        let from = part.from.to_string();
        let group = groups.entry(from.clone()).or_insert_with(|| OrphanParts {
            from,
            count: 0,
            bytes: 0,
            ids: Vec::new(),
        });
        group.count += 1;
        group.bytes = group.bytes.saturating_add(part.bytes);
        group.ids.push(part.id);
    }
    let mut groups: Vec<OrphanParts> = groups.into_values().collect();
    for group in &mut groups {
        group.ids.sort();
    }
    groups.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.from.cmp(&b.from)));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(n: u8, from: &str, bytes: u64) -> Part {
        Part {
            id: EnvelopeId([n; 16]),
            from: from.parse().expect("test id"),
            bytes,
        }
    }

    #[test]
    fn parts_no_message_names_are_grouped_by_sender_largest_first() {
        let named = named_by(1, "FRA.technical");
        let groups = group(
            vec![
                part(1, "FRA.technical", 900),
                part(2, "FRA.technical", 100),
                part(3, "MAR.technical", 500),
                part(4, "MAR.technical", 400),
            ],
            &named,
        );
        let summary: Vec<(&str, u64, u64)> = groups
            .iter()
            .map(|g| (g.from.as_str(), g.count, g.bytes))
            .collect();
        assert_eq!(
            summary,
            [("MAR.technical", 2, 900), ("FRA.technical", 1, 100)]
        );
        assert_eq!(groups[1].ids, [EnvelopeId([2; 16])]);
    }

    #[test]
    fn no_orphans_when_every_part_is_named() {
        let named = named_by(1, "FRA.technical");
        assert!(group(vec![part(1, "FRA.technical", 9)], &named).is_empty());
    }

    #[test]
    fn a_part_named_only_by_another_senders_message_stays_an_orphan() {
        let named = named_by(1, "MAR.technical");
        let groups = group(vec![part(1, "FRA.technical", 9)], &named);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].ids, [EnvelopeId([1; 16])]);
    }

    fn named_by(n: u8, sender: &str) -> HashSet<(EnvelopeId, PocId)> {
        [(EnvelopeId([n; 16]), sender.parse().expect("test id"))]
            .into_iter()
            .collect()
    }
}
