//! A member's requests about its own team: a new key for itself (`poc keys rotate` by a
//! member of a team) and the removal of a member (`poc team remove`).
//!
//! The member side builds and sends them to the custodian through the relay, as an update
//! request (see [`super::keys`]); the custodian side checks them against the members it keeps
//! (`custodian/teams/ID.team`, see [`super::team`]) and applies an approved one. The queue,
//! the decisions and their display are [`super::requests`]'. Nothing here publishes: the
//! change reaches the directory and the relay's access list at the next publication.

use anyhow::Context;
use poc_keys::rotation::{sign_rotation, verify_rotation};
use poc_keys::team::{sign_member, verify_member};
use poc_keys::PocKey;
use poc_proto::{MemberKeyUpdate, MemberRemoval, MessageKind, PocId, PublicKeyBytes, TeamMember};

use super::send::SentEnvelope;
use super::team::{keys_in_use, members_of, TeamError};
use super::Identity;
use crate::home::Home;
use crate::transport::relays::Relays;
use crate::trust::TrustedDirectory;

/// Why `poc team remove` refuses to ask.
#[derive(Debug, thiserror::Error)]
pub enum RemovalError {
    /// This device's key is not a labelled member of its PoC.
    #[error("{0} is held by one key, not a team: there is no member to remove (the custodian revokes a whole PoC with `poc custodian revoke`)")]
    NotATeam(PocId),
    /// No member of this PoC has the label.
    #[error(
        "{id} has no member labelled {label:?}: `poc team list` shows the labels of its members"
    )]
    NoSuchMember {
        /// The PoC.
        id: PocId,
        /// The label asked for.
        label: String,
    },
}

/// The new member record and the request carrying it, for `member` (this device's record,
/// labelled) of `entry`, moving from `old` to `new`, dated `now`.
pub fn key_update(
    old: &PocKey,
    new: &PocKey,
    entry: &PocId,
    label: &str,
    now: u64,
) -> anyhow::Result<MemberKeyUpdate> {
    Ok(MemberKeyUpdate {
        entry: entry.clone(),
        member: sign_member(new, entry, label, now).context("signing the new member record")?,
        rotation: sign_rotation(old, &new.signing_public()),
    })
}

/// Checks the request to remove the member `label` of this device's PoC against the
/// directory in force and returns it: the label exists, the PoC keeps another member.
pub fn removal(
    identity: &Identity,
    directory: &TrustedDirectory,
    label: &str,
    reason: Option<&str>,
) -> anyhow::Result<MemberRemoval> {
    let id = &identity.config.id;
    let (team, me) = directory
        .member_by_key(&identity.key.signing_public())
        .filter(|(team, _)| &team.body.id == id)
        .ok_or_else(|| TeamError::NotAMember(id.clone()))?;
    if me.record.label.is_empty() {
        return Err(RemovalError::NotATeam(id.clone()).into());
    }
    if !team.members.iter().any(|m| m.record.label == label) {
        return Err(
            crate::error::Failure::not_found(RemovalError::NoSuchMember {
                id: id.clone(),
                label: label.to_owned(),
            })
            .into(),
        );
    }
    if team.members.len() < 2 {
        return Err(TeamError::LastMember(id.clone()).into());
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    Ok(MemberRemoval {
        entry: id.clone(),
        label: label.to_owned(),
        reason: reason.map(str::to_owned),
    })
}

/// Asks the custodian to remove the member `label` of this PoC (see [`removal`]).
pub async fn request_removal(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    label: &str,
    reason: Option<&str>,
) -> anyhow::Result<SentEnvelope> {
    let removal = removal(identity, directory, label, reason)?;
    super::keys::request(
        identity,
        client,
        directory,
        MessageKind::MemberRemoval(removal),
    )
    .await
}

/// A request to the custodian to remove a member (`poc team remove`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct RemovalRequested {
    /// The request, as sent to the custodian.
    pub sent: Vec<SentEnvelope>,
    /// The PoC.
    pub id: String,
    /// The label of the member to remove.
    pub label: String,
    /// The reason given; `null` lets the custodian name the member who asked.
    pub reason: Option<String>,
}

// --- The custodian's side ---------------------------------------------------------------

/// The members of `id` the custodian keeps, or why a member request cannot apply to it.
fn team_of(home: &Home, id: &PocId) -> Result<Vec<TeamMember>, String> {
    members_of(home, id)
        .map_err(|e| format!("{e:#}"))?
        .ok_or_else(|| format!("{id} is held by one key, not a team"))
}

/// A checked member key update: the members `id` will have once it is approved, and the
/// member record it replaces.
#[derive(Debug, Clone)]
pub struct KeyChange {
    /// The members after the change.
    pub members: Vec<TeamMember>,
    /// The record replaced.
    pub old: TeamMember,
}

/// Checks that `sender` (holding `sender_key`) may replace its own member record by the one
/// `update` carries: the entry is the sender's, the sender's key is a member the custodian
/// keeps, the label is unchanged, the new record's proof of possession and the rotation from
/// the sender's key to the new key verify, and the new key acts for no PoC yet. `Err` holds
/// the reason shown to the custodian.
pub fn check_key_update(
    home: &Home,
    sender: &PocId,
    sender_key: &PublicKeyBytes,
    update: &MemberKeyUpdate,
) -> Result<KeyChange, String> {
    if update.entry != *sender {
        return Err(format!(
            "{sender} asks to change a member of {}",
            update.entry
        ));
    }
    let mut members = team_of(home, sender)?;
    let position = members
        .iter()
        .position(|m| m.record.signing_key == *sender_key)
        .ok_or_else(|| format!("the sender's key is no longer a member of {sender}"))?;
    let old = members[position].clone();
    let new = &update.member;
    if new.record.label != old.record.label {
        return Err(format!(
            "the new member record is labelled {:?}, not {:?}: a key update keeps the label",
            new.record.label, old.record.label
        ));
    }
    verify_member(sender, new).map_err(|e| e.to_string())?;
    let rotation = &update.rotation;
    if rotation.old_key != *sender_key {
        return Err("the key rotation does not start from the sender's member key".into());
    }
    if rotation.new_key != new.record.signing_key {
        return Err("the key rotation does not lead to the new member key".into());
    }
    verify_rotation(rotation).map_err(|e| e.to_string())?;
    if members
        .iter()
        .any(|m| m.record.signing_key == new.record.signing_key)
    {
        return Err(format!("the new key already acts for {sender}"));
    }
    if let Some((_, owner)) = keys_in_use(home)
        .map_err(|e| format!("{e:#}"))?
        .into_iter()
        .find(|(key, _)| *key == new.record.signing_key)
    {
        return Err(format!("the new key already acts for {owner}"));
    }
    // The old co-signature vouched for the old record; the rotation signed by the old key
    // vouches for the new one. Co-signatures made by the old key would name a key no longer
    // in the team, so they are dropped as when a member leaves.
    members[position] = TeamMember {
        cosignature: None,
        ..new.clone()
    };
    for member in &mut members {
        if member
            .cosignature
            .as_ref()
            .is_some_and(|c| c.signer == old.record.signing_key)
        {
            member.cosignature = None;
        }
    }
    Ok(KeyChange { members, old })
}

/// Checks that `sender` (holding `sender_key`) may ask to remove a member: the entry is the
/// sender's, its key is a member the custodian keeps, the member named exists and is not the
/// last one. Returns the member to remove and the asking member's label; `Err` holds the
/// reason shown to the custodian.
pub fn check_removal(
    home: &Home,
    sender: &PocId,
    sender_key: &PublicKeyBytes,
    removal: &MemberRemoval,
) -> Result<(TeamMember, String), String> {
    if removal.entry != *sender {
        return Err(format!(
            "{sender} asks to remove a member of {}",
            removal.entry
        ));
    }
    let members = team_of(home, sender)?;
    let asking = members
        .iter()
        .find(|m| m.record.signing_key == *sender_key)
        .ok_or_else(|| format!("the sender's key is no longer a member of {sender}"))?;
    let gone = members
        .iter()
        .find(|m| m.record.label == removal.label)
        .ok_or_else(|| format!("{sender} has no member labelled {:?}", removal.label))?;
    if members.len() < 2 {
        return Err(TeamError::LastMember(sender.clone()).to_string());
    }
    Ok((gone.clone(), asking.record.label.clone()))
}

/// The reason published with a removal: the one given, or who asked for it.
pub fn removal_reason(removal: &MemberRemoval, asking: &str) -> String {
    removal
        .reason
        .clone()
        .unwrap_or_else(|| format!("removed at the request of member {asking:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::team::store_members;

    fn id() -> PocId {
        "MEX.technical".parse().expect("valid id")
    }

    /// A custodian home keeping MEX.technical with the members `labels` (the first
    /// co-signs the others), and their keys.
    fn team(labels: &[&str]) -> (tempfile::TempDir, Home, Vec<PocKey>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let home = Home::new(dir.path());
        let keys: Vec<PocKey> = labels.iter().map(|_| PocKey::generate()).collect();
        let members: Vec<TeamMember> = labels
            .iter()
            .zip(&keys)
            .enumerate()
            .map(|(i, (label, key))| {
                let mut m = sign_member(key, &id(), label, 10).expect("member");
                if i > 0 {
                    poc_keys::team::cosign_member(&keys[0], &id(), &mut m).expect("cosign");
                }
                m
            })
            .collect();
        store_members(&home, &id(), &members).expect("stored");
        (dir, home, keys)
    }

    #[test]
    fn a_key_update_replaces_only_the_senders_record() {
        let (_dir, home, keys) = team(&["first", "second", "third"]);
        let new = PocKey::generate();
        let update = key_update(&keys[1], &new, &id(), "second", 20).expect("update");
        let change =
            check_key_update(&home, &id(), &keys[1].signing_public(), &update).expect("valid");
        let labels: Vec<_> = change.members.iter().map(|m| &m.record.label).collect();
        assert_eq!(labels, ["first", "second", "third"]);
        assert_eq!(change.members[1].record.signing_key, new.signing_public());
        assert_eq!(change.members[1].cosignature, None);
        assert_eq!(change.old.record.signing_key, keys[1].signing_public());
        for i in [0, 2] {
            assert_eq!(
                change.members[i].record.signing_key,
                keys[i].signing_public()
            );
        }
        // The third member's co-signature by the first is kept.
        assert!(change.members[2].cosignature.is_some());
    }

    #[test]
    fn a_rotating_cosigner_drops_its_cosignatures() {
        let (_dir, home, keys) = team(&["first", "second"]);
        let new = PocKey::generate();
        let update = key_update(&keys[0], &new, &id(), "first", 20).expect("update");
        let change =
            check_key_update(&home, &id(), &keys[0].signing_public(), &update).expect("valid");
        assert_eq!(change.members[1].cosignature, None);
    }

    #[test]
    fn a_key_update_must_come_from_the_member_and_keep_its_label() {
        let (_dir, home, keys) = team(&["first", "second"]);
        let new = PocKey::generate();
        // Sent by another member than the one rotating: its record is not the sender's.
        let update = key_update(&keys[1], &new, &id(), "second", 20).expect("update");
        let err = check_key_update(&home, &id(), &keys[0].signing_public(), &update)
            .expect_err("not the sender's record");
        assert!(err.contains("not \"first\""), "{err}");
        // The sender's own label, but a rotation made by another member's key.
        let update = key_update(&keys[1], &new, &id(), "first", 20).expect("update");
        let err = check_key_update(&home, &id(), &keys[0].signing_public(), &update)
            .expect_err("not the sender's key");
        assert!(err.contains("does not start from the sender"), "{err}");
        // Another label.
        let update = key_update(&keys[1], &new, &id(), "renamed", 20).expect("update");
        let err = check_key_update(&home, &id(), &keys[1].signing_public(), &update)
            .expect_err("label changed");
        assert!(err.contains("keeps the label"), "{err}");
        // A proof not by the new key.
        let mut update = key_update(&keys[1], &new, &id(), "second", 20).expect("update");
        update.member.proof = sign_member(&keys[0], &id(), "second", 20)
            .expect("member")
            .proof;
        assert!(check_key_update(&home, &id(), &keys[1].signing_public(), &update).is_err());
        // The new key already a member.
        let update = key_update(&keys[1], &keys[0], &id(), "second", 20).expect("update");
        let err = check_key_update(&home, &id(), &keys[1].signing_public(), &update)
            .expect_err("key in use");
        assert!(err.contains("already acts for MEX.technical"), "{err}");
        // For another entry.
        let other: PocId = "FRA.technical".parse().expect("valid id");
        let update = key_update(&keys[1], &new, &other, "second", 20).expect("update");
        assert!(check_key_update(&home, &id(), &keys[1].signing_public(), &update).is_err());
    }

    #[test]
    fn a_removal_names_an_existing_member_and_never_the_last() {
        let (_dir, home, keys) = team(&["first", "second"]);
        let ask = |label: &str| MemberRemoval {
            entry: id(),
            label: label.to_owned(),
            reason: None,
        };
        let (gone, asking) =
            check_removal(&home, &id(), &keys[0].signing_public(), &ask("second")).expect("ok");
        assert_eq!(gone.record.signing_key, keys[1].signing_public());
        assert_eq!(asking, "first");
        assert!(check_removal(&home, &id(), &keys[0].signing_public(), &ask("third")).is_err());
        let outsider = PocKey::generate();
        assert!(check_removal(&home, &id(), &outsider.signing_public(), &ask("second")).is_err());
        let (_dir, home, keys) = team(&["alone"]);
        let err = check_removal(&home, &id(), &keys[0].signing_public(), &ask("alone"))
            .expect_err("last member");
        assert!(err.contains("no other member"), "{err}");
    }

    #[test]
    fn a_removal_without_reason_names_who_asked() {
        let removal = MemberRemoval {
            entry: id(),
            label: "second".into(),
            reason: None,
        };
        assert_eq!(
            removal_reason(&removal, "first"),
            "removed at the request of member \"first\""
        );
        let given = MemberRemoval {
            reason: Some("laptop lost".into()),
            ..removal
        };
        assert_eq!(removal_reason(&given, "first"), "laptop lost");
    }
}
