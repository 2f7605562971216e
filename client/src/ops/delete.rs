//! Deleting envelopes from the local inbox (`poc delete`): a message with the attachment
//! parts that belong to it and its read state, or the parts no message names
//! ([`super::orphans`]).
//!
//! Deleting is local only: a fetched envelope was already deleted at the relay, so what is
//! deleted here is gone. The record of what this PoC sent (`poc sent`) is never touched. The
//! choice of what to delete ([`Plan`]) is made before anything is removed, so the command can
//! show it and ask first; this module asks nothing and prints nothing.

use poc_proto::{EnvelopeId, MessageKind};
use schemars::JsonSchema;
use serde::Serialize;

use super::Identity;
use crate::mailbox::{verify, Mailbox};
use crate::trust::TrustedDirectory;

/// What a deletion will remove.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The envelopes named (messages, or anything else given by id).
    pub envelopes: Vec<EnvelopeId>,
    /// The attachment parts that go with them, or the orphan parts.
    pub parts: Vec<EnvelopeId>,
    /// Bytes of all of them as stored.
    pub bytes: u64,
}

impl Plan {
    /// Whether there is nothing to delete.
    pub fn is_empty(&self) -> bool {
        self.envelopes.is_empty() && self.parts.is_empty()
    }
}

/// The result of `poc delete`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Deleted {
    /// The envelopes deleted by id (messages, or any envelope given), with their read state.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub deleted: Vec<EnvelopeId>,
    /// The attachment parts deleted: those of the messages, or the orphans.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub parts: Vec<EnvelopeId>,
    /// Bytes freed in the home (the stored envelopes).
    pub bytes: u64,
}

/// The envelopes `ids` (ids or unique prefixes) and, for each verified message, the parts it
/// names that are present and verify as its own (same signer, naming it). An envelope that
/// does not verify is deleted alone.
pub fn plan_messages(
    identity: &Identity,
    directory: &TrustedDirectory,
    ids: &[String],
) -> anyhow::Result<Plan> {
    let mailbox = Mailbox::new(&identity.home);
    let mut plan = Plan::default();
    for given in ids {
        let id = mailbox.resolve(given)?;
        if plan.envelopes.contains(&id) || plan.parts.contains(&id) {
            continue;
        }
        let (envelope, _) = mailbox.load(&id)?;
        plan.bytes += envelope.payload.len() as u64;
        plan.envelopes.push(id);
        let Ok(message) = verify(
            identity.key_for(&envelope.to),
            &identity.config.id,
            directory,
            &envelope,
        ) else {
            continue;
        };
        if matches!(message.message.kind, MessageKind::AttachmentPart(_)) {
            continue;
        }
        for part_id in super::chunks::named_parts(&message.message) {
            if !mailbox.has(&part_id) || plan.parts.contains(&part_id) || part_id == id {
                continue;
            }
            let (part, _) = mailbox.load(&part_id)?;
            let verified = verify(
                identity.key_for(&part.to),
                &identity.config.id,
                directory,
                &part,
            );
            if verified.is_ok_and(|p| super::chunks::is_part_of((&id, &message), &p)) {
                plan.bytes += part.payload.len() as u64;
                plan.parts.push(part_id);
            }
        }
    }
    // A part given by id and also found as a message's part is deleted once, as given.
    plan.parts.retain(|p| !plan.envelopes.contains(p));
    Ok(plan)
}

/// The orphan parts ([`super::orphans`]), all of them or those signed by `from` (a PoC id,
/// in any case).
pub fn plan_orphans(
    identity: &Identity,
    directory: &TrustedDirectory,
    from: Option<&str>,
) -> anyhow::Result<Plan> {
    let (_, orphans) = super::inbox::list_all(identity, directory)?;
    let mut plan = Plan::default();
    for group in orphans {
        if from.is_some_and(|f| !f.trim().eq_ignore_ascii_case(&group.from)) {
            continue;
        }
        plan.bytes += group.bytes;
        plan.parts.extend(group.ids);
    }
    Ok(plan)
}

/// Removes the parts of `confirmed` (a [`plan_orphans`] plan) that are still orphans now: a
/// fetch running meanwhile (`inbox --watch`) may have stored the message that names some of
/// them while the person was asked, and those stay.
pub fn apply_orphans(
    identity: &Identity,
    directory: &TrustedDirectory,
    confirmed: Plan,
    from: Option<&str>,
) -> anyhow::Result<Deleted> {
    let now = plan_orphans(identity, directory, from)?;
    if confirmed.parts.iter().all(|p| now.parts.contains(p)) {
        return apply(identity, confirmed);
    }
    let mailbox = Mailbox::new(&identity.home);
    let mut plan = Plan::default();
    for part in confirmed
        .parts
        .into_iter()
        .filter(|p| now.parts.contains(p))
    {
        plan.bytes += mailbox.load(&part)?.0.payload.len() as u64;
        plan.parts.push(part);
    }
    apply(identity, plan)
}

/// Removes what `plan` names from the local inbox: the parts first, then the envelopes (an
/// interrupted deletion of a message leaves the message, which can be deleted again).
pub fn apply(identity: &Identity, plan: Plan) -> anyhow::Result<Deleted> {
    let mailbox = Mailbox::new(&identity.home);
    mailbox.remove(&plan.parts)?;
    mailbox.remove(&plan.envelopes)?;
    Ok(Deleted {
        deleted: plan.envelopes,
        parts: plan.parts,
        bytes: plan.bytes,
    })
}
