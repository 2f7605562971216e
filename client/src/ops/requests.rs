//! The custodian's queue of update requests: contact changes and key rotations sent by PoCs
//! through the relay, and a team member's new key or its request to remove a member
//! (checked and applied by [`super::member_changes`]), checked, shown as a diff, approved or
//! rejected.

use anyhow::Context;
use poc_keys::directory::verify_entry;
use poc_keys::rotation::verify_rotation;
use poc_proto::{
    Entry, EntryUpdate, EnvelopeId, MemberKeyUpdate, MemberRemoval, MessageKind, PocId,
    PublicKeyBytes,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::custodian::{entries, store_entry};
use super::inbox;
use super::member_changes;
use super::Identity;
use crate::error::Classify;
use crate::home::write_atomic;
use crate::json::Timestamp;
use crate::mailbox::Mailbox;
use crate::render::time;
use crate::trust::TrustedDirectory;

/// The custodian's answer to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Approved or rejected.
    pub approved: bool,
    /// Unix seconds.
    pub at: u64,
    /// Reason given for a rejection.
    pub reason: Option<String>,
}

/// A field of an entry that a request can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangedField {
    /// The whole entry: the requester has no accepted entry (`old` is empty).
    Entry,
    /// Organisation name.
    OrgName,
    /// E-mail addresses.
    Emails,
    /// Telephone numbers.
    Phones,
    /// Operational languages.
    Languages,
    /// Web page.
    Webpage,
    /// Time zone.
    TimeZone,
    /// The signing key (values are fingerprints).
    Key,
    /// A member of a team (values are `label (fingerprint)`; the new value is empty when it
    /// is removed).
    Member,
}

impl ChangedField {
    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            ChangedField::Entry => "entry",
            ChangedField::OrgName => "organisation",
            ChangedField::Emails => "e-mail",
            ChangedField::Phones => "phone",
            ChangedField::Languages => "languages",
            ChangedField::Webpage => "web page",
            ChangedField::TimeZone => "time zone",
            ChangedField::Key => "key",
            ChangedField::Member => "member",
        }
    }
}

/// One field that a request changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Change {
    /// The field.
    pub field: ChangedField,
    /// Value in the accepted entry (lists joined with `, `; keys as fingerprints).
    pub old: String,
    /// Requested value.
    pub new: String,
}

/// What a request asks for.
#[derive(Debug, Clone)]
pub enum Requested {
    /// A new entry: contact details, or a new key for a PoC held by one key.
    Entry(EntryUpdate),
    /// A member of a team asks for a new key.
    MemberKey(MemberKeyUpdate),
    /// A member of a team asks to remove a member.
    Removal(MemberRemoval),
}

/// A request in the queue.
#[derive(Debug, Clone)]
pub struct UpdateRequest {
    /// Envelope that carried it.
    pub envelope: EnvelopeId,
    /// Requesting PoC (verified sender).
    pub from: PocId,
    /// The label of the member that signed it (empty for a PoC held by one key).
    pub from_member: String,
    /// The request.
    pub update: Requested,
    /// Field-by-field differences to the current entry.
    pub changes: Vec<Change>,
    /// Why it cannot be approved, if so.
    pub problem: Option<String>,
    /// The custodian's decision, once taken.
    pub decision: Option<Decision>,
}

fn decision_path(identity: &Identity, id: &EnvelopeId) -> anyhow::Result<std::path::PathBuf> {
    Ok(identity
        .home
        .ensure_dir("custodian/decisions")?
        .join(format!("{id}.toml")))
}

fn decision(identity: &Identity, id: &EnvelopeId) -> anyhow::Result<Option<Decision>> {
    let path = decision_path(identity, id)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            Ok(Some(toml::from_str(&text).with_context(|| {
                format!("{} is damaged", path.display())
            })?))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Checks that `sender` (holding `sender_key`) may make this change: the entry is the
/// sender's own, self-signed, and either keeps the sender's key or carries a valid rotation
/// from it to the entry's key. `Err` holds the reason shown to the custodian.
pub fn check(
    sender: &PocId,
    sender_key: &PublicKeyBytes,
    update: &EntryUpdate,
) -> Result<(), String> {
    if update.entry.body.id != *sender {
        return Err(format!(
            "{sender} asks to change the entry of {}",
            update.entry.body.id
        ));
    }
    verify_entry(&update.entry).map_err(|e| e.to_string())?;
    // The new details will be published to every member: the same checks as `poc update`.
    crate::profile::validate(&crate::profile::Profile::of_entry(&update.entry.body))
        .map_err(|e| format!("invalid contact details: {e}"))?;
    match &update.rotation {
        None if update.entry.body.signing_key != *sender_key => {
            Err("the entry names a new key but carries no signed key rotation".into())
        }
        None => Ok(()),
        Some(rotation) => {
            if rotation.old_key != *sender_key {
                return Err(
                    "the key rotation does not start from the sender's directory key".into(),
                );
            }
            if rotation.new_key != update.entry.body.signing_key {
                return Err("the key rotation does not lead to the entry's key".into());
            }
            verify_rotation(rotation).map_err(|e| e.to_string())
        }
    }
}

fn list_of(items: &[String]) -> String {
    items.join(", ")
}

fn diff(current: Option<&Entry>, new: &Entry) -> Vec<Change> {
    let n = &new.body;
    let fp = |k: &PublicKeyBytes| poc_keys::FingerprintText(poc_keys::fingerprint(k)).to_string();
    let fields: Vec<(ChangedField, String, String)> = match current.map(|e| &e.body) {
        None => vec![(
            ChangedField::Entry,
            String::new(),
            "(not in the directory)".into(),
        )],
        Some(o) => vec![
            (
                ChangedField::OrgName,
                o.org_name.clone(),
                n.org_name.clone(),
            ),
            (ChangedField::Emails, list_of(&o.emails), list_of(&n.emails)),
            (ChangedField::Phones, list_of(&o.phones), list_of(&n.phones)),
            (
                ChangedField::Languages,
                list_of(&o.languages),
                list_of(&n.languages),
            ),
            (
                ChangedField::Webpage,
                o.webpage.clone().unwrap_or_default(),
                n.webpage.clone().unwrap_or_default(),
            ),
            (
                ChangedField::TimeZone,
                o.time_zone.clone().unwrap_or_default(),
                n.time_zone.clone().unwrap_or_default(),
            ),
            (ChangedField::Key, fp(&o.signing_key), fp(&n.signing_key)),
        ],
    };
    fields
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| Change { field, old, new })
        .collect()
}

/// A member as a change shows it: `label (fingerprint)`.
fn member_text(label: &str, key: &PublicKeyBytes) -> String {
    format!(
        "{label} ({})",
        poc_keys::FingerprintText(poc_keys::fingerprint(key))
    )
}

/// Every update request in the custodian's local inbox (fetch first with `poc inbox`).
pub fn list(
    identity: &Identity,
    directory: &TrustedDirectory,
) -> anyhow::Result<Vec<UpdateRequest>> {
    let home = &identity.home;
    let accepted = entries(home)?;
    let mut out = Vec::new();
    for item in inbox::list(identity, directory)? {
        let Ok(verified) = item.verdict else { continue };
        let sender = &verified.sender;
        let key = &verified.sender_key;
        let (update, changes, problem) = match verified.message.kind {
            MessageKind::EntryUpdate(update) => {
                let current = accepted.iter().find(|e| e.body.id == *sender);
                let mut problem = check(sender, key, &update).err();
                if problem.is_none()
                    && update.rotation.is_some()
                    && super::team::members_of(home, sender)?.is_some()
                {
                    problem = Some(format!(
                        "{sender} is a team: each member rotates its own key with `poc keys rotate`, which sends a member key update"
                    ));
                }
                (
                    Requested::Entry(*update.clone()),
                    diff(current, &update.entry),
                    problem,
                )
            }
            MessageKind::MemberKeyUpdate(update) => {
                let problem = member_changes::check_key_update(home, sender, key, &update).err();
                let label = &update.member.record.label;
                let changes = vec![Change {
                    field: ChangedField::Key,
                    old: member_text(label, &update.rotation.old_key),
                    new: member_text(label, &update.member.record.signing_key),
                }];
                (Requested::MemberKey(*update), changes, problem)
            }
            MessageKind::MemberRemoval(removal) => {
                let checked = member_changes::check_removal(home, sender, key, &removal);
                // Once removed, the member is no longer kept: its label alone is shown.
                let old = match &checked {
                    Ok((gone, _)) => member_text(&gone.record.label, &gone.record.signing_key),
                    Err(_) => removal.label.clone(),
                };
                let changes = vec![Change {
                    field: ChangedField::Member,
                    old,
                    new: String::new(),
                }];
                (Requested::Removal(removal), changes, checked.err())
            }
            _ => continue,
        };
        out.push(UpdateRequest {
            envelope: item.id,
            changes,
            problem,
            decision: decision(identity, &item.id)?,
            from: verified.sender,
            from_member: verified.member,
            update,
        });
    }
    Ok(out)
}

fn find(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<UpdateRequest> {
    let envelope = Mailbox::new(&identity.home).resolve(id)?;
    let request = list(identity, directory)?
        .into_iter()
        .find(|r| r.envelope == envelope)
        .with_context(|| format!("envelope {envelope} is not an update request"))
        .not_found()?;
    if let Some(d) = &request.decision {
        anyhow::bail!(
            "request {envelope} was already {} at {}",
            if d.approved { "approved" } else { "rejected" },
            time(d.at)
        );
    }
    Ok(request)
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Waiting for the custodian's decision.
    Pending,
    /// Approved: the new entry goes into the next directory.
    Approved,
    /// Rejected: nothing changes.
    Rejected,
    /// It cannot be approved (`problem` says why).
    Invalid,
}

/// An update request as `poc custodian requests`, `approve` and `reject` show it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RequestView {
    /// The envelope id that carried it.
    pub id: String,
    /// The requesting PoC (verified sender).
    pub from: String,
    /// Where it stands (a decision taken counts over a problem).
    pub status: RequestStatus,
    /// Why it cannot be approved, if so.
    pub problem: Option<String>,
    /// When the custodian decided; `null` while pending.
    pub decided_at: Option<Timestamp>,
    /// The reason given for a rejection.
    pub reason: Option<String>,
    /// Whether it carries a key rotation (of the entry, or of the member that sent it).
    pub rotation: bool,
    /// What it changes in the accepted entry.
    pub changes: Vec<Change>,
    /// The label of the member that sent it; empty for a PoC held by one key.
    pub from_member: String,
    /// The member of a team it concerns, by label: the sender for a new member key, the
    /// member to remove for a removal; `null` for a request about the entry.
    pub member: Option<String>,
}

impl RequestView {
    /// The view of `request`.
    pub fn of(request: &UpdateRequest) -> Self {
        let status = match (&request.decision, &request.problem) {
            (Some(d), _) if d.approved => RequestStatus::Approved,
            (Some(_), _) => RequestStatus::Rejected,
            (None, Some(_)) => RequestStatus::Invalid,
            (None, None) => RequestStatus::Pending,
        };
        RequestView {
            id: request.envelope.to_string(),
            from: request.from.to_string(),
            status,
            problem: request.problem.clone(),
            decided_at: request.decision.as_ref().map(|d| d.at.into()),
            reason: request.decision.as_ref().and_then(|d| d.reason.clone()),
            rotation: match &request.update {
                Requested::Entry(u) => u.rotation.is_some(),
                Requested::MemberKey(_) => true,
                Requested::Removal(_) => false,
            },
            changes: request.changes.clone(),
            from_member: request.from_member.clone(),
            member: match &request.update {
                Requested::Entry(_) => None,
                Requested::MemberKey(u) => Some(u.member.record.label.clone()),
                Requested::Removal(r) => Some(r.label.clone()),
            },
        }
    }
}

/// The queue `poc custodian requests` lists.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Requests {
    /// Every update request in the custodian's inbox.
    pub requests: Vec<RequestView>,
}

/// A request `poc custodian approve` approved.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Approved {
    /// The request, now approved.
    pub request: RequestView,
}

/// A request `poc custodian reject` rejected.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Rejected {
    /// The request, now rejected.
    pub request: RequestView,
}

/// Approves a request: the new entry replaces the old one in the next directory.
pub fn approve(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<UpdateRequest> {
    let request = find(identity, directory, id)?;
    if let Some(problem) = &request.problem {
        // A forged signature, a broken key rotation or invalid details: the request does not
        // verify, and nothing is changed.
        return Err(crate::error::Failure::verification(anyhow::anyhow!(
            "request {} cannot be approved: {problem}; reject it with `poc custodian reject`",
            request.envelope
        ))
        .into());
    }
    match &request.update {
        Requested::Entry(update) => {
            let new = &update.entry;
            if let Some(other) = entries(&identity.home)?
                .iter()
                .find(|e| e.body.id != new.body.id && e.body.signing_key == new.body.signing_key)
            {
                anyhow::bail!("the requested key already belongs to {}", other.body.id);
            }
            store_entry(&identity.home, new)?;
        }
        Requested::MemberKey(update) => {
            let change = member_changes::check_key_update(
                &identity.home,
                &request.from,
                &update.rotation.old_key,
                update,
            )
            .map_err(|e| anyhow::anyhow!("request {} cannot be approved: {e}", request.envelope))?;
            super::team::store_members(&identity.home, &request.from, &change.members)?;
        }
        Requested::Removal(removal) => {
            let asking = request.from_member.clone();
            super::team::revoke_member(
                &identity.home,
                &request.from,
                &removal.label,
                &member_changes::removal_reason(removal, &asking),
                identity.now(),
            )?;
        }
    }
    let decision = Decision {
        approved: true,
        at: identity.now(),
        reason: None,
    };
    record(identity, &request.envelope, &decision)?;
    Ok(UpdateRequest {
        decision: Some(decision),
        ..request
    })
}

/// Rejects a request; nothing changes in the directory.
pub fn reject(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
    reason: Option<String>,
) -> anyhow::Result<UpdateRequest> {
    let request = find(identity, directory, id)?;
    let decision = Decision {
        approved: false,
        at: identity.now(),
        reason,
    };
    record(identity, &request.envelope, &decision)?;
    Ok(UpdateRequest {
        decision: Some(decision),
        ..request
    })
}

fn record(identity: &Identity, id: &EnvelopeId, decision: &Decision) -> anyhow::Result<()> {
    let text = toml::to_string(decision).context("encoding the decision")?;
    write_atomic(&decision_path(identity, id)?, text.as_bytes())
}
