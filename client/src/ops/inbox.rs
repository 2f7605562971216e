//! Fetching, listing, reading, answering and acknowledging.

use poc_proto::{
    EnvelopeId, MessageKind, PingAck, Priority, Receipt, ResponseStatus, StatusResponse, Tlp,
};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;

pub use super::paged::FetchProgress;
use super::send::{send, Outgoing, SentEnvelope};
use super::Identity;
use crate::error::Failure;
use crate::json::Timestamp;
use crate::mailbox::{check_receipt, verify, Invalid, Mailbox, ReadError, ReceiptCheck, Verified};
use crate::transport::relays::Relays;
use crate::trust::TrustedDirectory;

/// Result of a fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Fetched {
    /// Envelopes new to the local inbox.
    pub new: usize,
    /// Their ids.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub new_ids: Vec<EnvelopeId>,
    /// Envelopes removed from the relay after they were stored locally.
    pub removed: u32,
    /// Envelopes for this PoC the relay turned away because the mailbox was full, since
    /// the previous fetch (the CLI warns when not zero).
    pub refused_while_full: u64,
}

impl Fetched {
    /// The warning to show when the relay turned envelopes away, if it did.
    pub fn warning(&self) -> Option<String> {
        full_mailbox_warning(self.refused_while_full)
    }
}

/// The warning for `refused` envelopes turned away by a full mailbox (none when zero).
pub fn full_mailbox_warning(refused: u64) -> Option<String> {
    (refused > 0).then(|| format!(
        "your mailbox at the relay was full: {refused} envelope(s) sent to you were refused (their senders were told); fetch more often or ask the relay operator to raise the quota"
    ))
}

/// Moves every waiting envelope from the relay to the local inbox, page by page: each page
/// stored durably first, deleted at the relay only afterwards, so nothing is lost if either
/// side stops midway ([`super::paged`]).
pub async fn fetch(identity: &Identity, client: &Relays) -> anyhow::Result<Fetched> {
    fetch_with_progress(identity, client, &mut |_| {}).await
}

/// [`fetch`], calling `progress` after each page.
pub async fn fetch_with_progress(
    identity: &Identity,
    client: &Relays,
    progress: &mut (dyn FnMut(FetchProgress) + Send),
) -> anyhow::Result<Fetched> {
    let mailbox = Mailbox::new(&identity.home);
    let mut total = Fetched {
        new: 0,
        new_ids: Vec::new(),
        removed: 0,
        refused_while_full: 0,
    };
    mailbox.prune_gone(identity.now())?;
    // A copy that differs from the one held already is settled by opening both: the relay
    // cannot make a genuine one, since the sender's signature covers the envelope's id.
    let genuine = |envelope: &poc_proto::Envelope| {
        poc_keys::open(identity.key_for(&envelope.to), envelope).is_ok()
    };
    let mut first_error = None;
    let mut fetched_any = false;
    // Relay by relay: each page is stored here, then deleted at that relay only. A copy that
    // came from another relay already is stored once and counted new once.
    for (address, relay) in client.up() {
        let result =
            super::paged::fetch_pages(&mut &*relay, &mailbox, identity.now(), &genuine, progress)
                .await;
        match result {
            Ok(fetched) => {
                fetched_any = true;
                total.new += fetched.new;
                total.new_ids.extend(fetched.new_ids);
                total.removed += fetched.removed;
                // Each relay counts what it turned away; one envelope may have been turned
                // away by several.
                total.refused_while_full = total.refused_while_full.max(fetched.refused_while_full);
            }
            Err(e) => {
                // A relay that failed is one of several; anything else (the home's disk is
                // full, say) is this command's failure.
                let transport = e.downcast_ref::<crate::transport::TransportError>();
                let Some(transport) = transport.filter(|_| client.len() > 1) else {
                    return Err(e);
                };
                client.report(&address, transport);
                tracing::warn!(relay = %address.address, error = %e, "fetch from one relay failed");
                identity.unreached.add(&address.address);
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) if !fetched_any => Err(e),
        _ => Ok(total),
    }
}

/// The local inbox (`poc inbox`), after an optional fetch.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Inbox {
    /// What the fetch brought; `null` with `--offline`.
    pub fetched: Option<Fetched>,
    /// Every local envelope, high priority first, except those that cannot be opened or
    /// verified: these are in `unopened`.
    pub items: Vec<Item>,
    /// The envelopes that cannot be opened or verified, one group per key that submitted
    /// them to the relay.
    pub unopened: Vec<super::unopened::Unopened>,
    /// Verified attachment parts that no message of their own sender in the local inbox
    /// names, one group per sender: stored but shown nowhere else (`poc delete --orphans`
    /// removes them). A part can arrive before its message, so a group may shrink at the next
    /// fetch.
    pub orphan_parts: Vec<super::orphans::OrphanParts>,
    /// The reader's language, for the text output (not part of the JSON document).
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
}

/// Fetches (unless `offline`, `progress` after each page), then lists the local inbox.
pub async fn inbox(
    identity: &Identity,
    offline: bool,
    progress: &mut (dyn FnMut(FetchProgress) + Send),
) -> anyhow::Result<Inbox> {
    let fetched = if offline {
        None
    } else {
        Some(
            super::online(identity, async |client| {
                fetch_with_progress(identity, client, progress).await
            })
            .await?,
        )
    };
    let directory = super::require_directory(identity)?;
    let (items, orphan_parts) = list_all(identity, &directory)?;
    let (items, unopened) = super::unopened::set_apart(items, &directory);
    Ok(Inbox {
        fetched,
        items,
        unopened,
        orphan_parts,
        lang: super::directory::preferred_lang(&directory, &identity.config.id),
    })
}

/// Where an inbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The signature verified against the directory.
    Verified,
    /// Verified, and this PoC acknowledged it (at `acked_at`).
    Acknowledged,
    /// A verified receipt from the addressee of `receipt_for`, an envelope this PoC sent:
    /// it received it at `received_at`.
    ReceiptConfirmed,
    /// Warning: a verified receipt for `receipt_for`, which this PoC has no record of sending.
    ReceiptUnknownEnvelope,
    /// Warning: a verified receipt for `receipt_for` signed by `from`, but that envelope was
    /// sent to `addressee`.
    ReceiptWrongSigner,
    /// The team's own outgoing message: a co-member (another member of this PoC, named in
    /// `from_member`) sent it to `to`, and it was sealed to this member too as the team's
    /// shared history. It is never new to answer: it is not acknowledged or replied to, and
    /// `inbox --watch` runs no `--on-high` command for it.
    TeamSent,
    /// Warning: a verified message that claims to be a communication check (ping) but is not
    /// signed by the custodian key in force. It is never acknowledged automatically.
    PingNotFromCustodian,
    /// The message cannot be trusted: `invalid` says why and `error` in a sentence.
    Invalid,
}

/// What the list shows of a verified message.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Headline {
    /// The verified sender (directory id of the entry the signing key acts for).
    pub from: String,
    /// The label of the member of `from` whose key signed it; `null` for a PoC of one key.
    pub from_member: Option<String>,
    /// Message type.
    #[serde(rename = "type")]
    #[schemars(schema_with = "crate::json::message_type_schema")]
    pub kind: &'static str,
    /// TLP label.
    #[schemars(schema_with = "crate::json::tlp_schema")]
    pub tlp: &'static str,
    /// One line about the content (summary, subject, status...).
    pub summary: String,
    /// Whether it belongs to an exercise.
    pub exercise: bool,
    /// The envelope id of the thread's first message, if it answers one.
    pub thread: Option<String>,
}

/// One line of the inbox.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Item {
    /// Envelope id (64 hex digits).
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub id: EnvelopeId,
    /// Priority the envelope claims (verified as part of the signature when `verified`). An
    /// `invalid` envelope's priority is vouched for by nothing: it is listed last, and the
    /// text output shows `?` for it.
    #[serde(serialize_with = "crate::json::priority")]
    #[schemars(schema_with = "crate::json::priority_schema")]
    pub priority: Priority,
    /// Where it stands.
    pub status: Status,
    /// Whether the signature verified against the directory (every status but `invalid`).
    pub verified: bool,
    /// Sender, type, TLP and summary: present when `verified`.
    #[serde(flatten)]
    pub headline: Option<Headline>,
    /// For the team's own outgoing message (`team_sent`): the PoC it was sent to.
    pub to: Option<String>,
    /// For a receipt: the envelope it names.
    pub receipt_for: Option<String>,
    /// For a confirmed receipt: when the addressee received the envelope (its clock).
    pub received_at: Option<Timestamp>,
    /// For a receipt signed by the wrong PoC: who the envelope was sent to.
    pub addressee: Option<String>,
    /// For an invalid message: why it cannot be trusted.
    pub invalid: Option<Invalid>,
    /// For an invalid message: the problem in a sentence.
    pub error: Option<String>,
    /// When it was fetched.
    pub fetched_at: Timestamp,
    /// When it was acknowledged: by this member, or by a co-member (`acked_by`), whose
    /// receipt or ping answer, sealed to this member as the team's history, is in the inbox.
    pub acked_at: Option<Timestamp>,
    /// When a co-member acknowledged it (and this member did not): that member's label.
    pub acked_by: Option<String>,
    /// Whether `poc read` has shown it (the text output marks the others as new).
    pub read: bool,
    /// When `poc read` first showed it.
    pub read_at: Option<Timestamp>,
    /// The verified message, or why it cannot be trusted.
    #[serde(skip)]
    pub verdict: Result<Verified, ReadError>,
    /// For receipts: what they prove.
    #[serde(skip)]
    pub receipt: Option<ReceiptCheck>,
    /// The key that submitted it to the relay, as the relay verified it at login.
    #[serde(skip)]
    pub submitter: Option<poc_proto::PublicKeyBytes>,
    /// Whether it is a ping signed by the custodian key in force.
    #[serde(skip)]
    custodian_ping: bool,
}

impl Item {
    /// The item of a verified (or not) envelope and its local state.
    fn new(
        id: EnvelopeId,
        priority: Priority,
        state: &crate::mailbox::ItemState,
        verdict: Result<Verified, ReadError>,
        receipt: Option<ReceiptCheck>,
        custodian: &poc_proto::PublicKeyBytes,
        me: &poc_proto::PocId,
    ) -> Self {
        let mut item = Item {
            id,
            priority,
            status: Status::Invalid,
            verified: verdict.is_ok(),
            headline: None,
            to: None,
            receipt_for: None,
            received_at: None,
            addressee: None,
            invalid: None,
            error: None,
            fetched_at: state.fetched_at.into(),
            acked_at: state.acked_at.map(Timestamp),
            acked_by: None,
            read: false,
            read_at: None,
            verdict,
            receipt,
            submitter: state.submitter(),
            custodian_ping: false,
        };
        item.custodian_ping = item
            .verdict
            .as_ref()
            .is_ok_and(|v| is_ping(&v.message.kind) && v.sender_key == *custodian);
        let verified = match &item.verdict {
            Ok(v) => v,
            Err(e) => {
                item.invalid = Some(e.reason());
                item.error = Some(e.to_string());
                return item;
            }
        };
        let m = &verified.message;
        item.headline = Some(Headline {
            from: verified.sender.to_string(),
            from_member: (!verified.member.is_empty()).then(|| verified.member.clone()),
            kind: crate::json::message_type(&m.kind),
            tlp: crate::json::tlp_name(m.tlp),
            summary: crate::render::headline(m),
            exercise: m.exercise,
            thread: m.thread.map(|t| t.to_string()),
        });
        if is_team_sent(verified, me) {
            item.to = Some(m.to.to_string());
            item.receipt_for = acknowledged_by(m).map(|(e, _)| e.to_string());
            item.status = Status::TeamSent;
            // Never answered: not even a ping a co-member passed on.
            item.custodian_ping = false;
            return item;
        }
        item.status = match &item.receipt {
            Some(ReceiptCheck::Confirmed {
                envelope,
                received_at,
            }) => {
                item.receipt_for = Some(envelope.to_string());
                item.received_at = Some(Timestamp(*received_at));
                Status::ReceiptConfirmed
            }
            Some(ReceiptCheck::UnknownEnvelope(envelope)) => {
                item.receipt_for = Some(envelope.to_string());
                Status::ReceiptUnknownEnvelope
            }
            Some(ReceiptCheck::WrongSigner {
                envelope,
                addressee,
            }) => {
                item.receipt_for = Some(envelope.to_string());
                item.addressee = Some(addressee.to_string());
                Status::ReceiptWrongSigner
            }
            None if is_ping(&m.kind) && verified.sender_key != *custodian => {
                Status::PingNotFromCustodian
            }
            None if item.acked_at.is_some() => Status::Acknowledged,
            None => Status::Verified,
        };
        item
    }
}

impl Item {
    /// Whether this is a communication check (ping) signed by the custodian key in force:
    /// the only pings that are answered automatically.
    pub fn is_custodian_ping(&self) -> bool {
        self.custodian_ping
    }
}

/// Whether `verified` is the team's own outgoing message: signed for this PoC `me` by a
/// co-member, to another PoC ([`crate::mailbox::verify`] accepts nothing else from `me`).
pub fn is_team_sent(verified: &Verified, me: &poc_proto::PocId) -> bool {
    verified.message.from == *me && verified.message.to != *me
}

/// The envelope an acknowledgement names and when it was signed: a receipt's message, a ping
/// answer's ping; none for anything else.
fn acknowledged_by(message: &poc_proto::Message) -> Option<(EnvelopeId, u64)> {
    match &message.kind {
        MessageKind::Receipt(r) => Some((r.envelope, message.sent_at)),
        MessageKind::PingAck(p) => Some((p.ping_envelope, message.sent_at)),
        _ => None,
    }
}

/// Marks acknowledged the items a co-member acknowledged: those named by a receipt or ping
/// answer among the team's own outgoing messages in `items`, unless this member acknowledged
/// them itself (its own time stands). The earliest acknowledgement stands.
fn mark_team_acks(items: &mut [Item], me: &poc_proto::PocId) {
    let mut acks: std::collections::HashMap<EnvelopeId, (u64, String)> =
        std::collections::HashMap::new();
    for verified in items.iter().filter_map(|i| i.verdict.as_ref().ok()) {
        if !is_team_sent(verified, me) {
            continue;
        }
        if let Some((envelope, at)) = acknowledged_by(&verified.message) {
            let entry = acks
                .entry(envelope)
                .or_insert((at, verified.member.clone()));
            if at < entry.0 {
                *entry = (at, verified.member.clone());
            }
        }
    }
    for item in items.iter_mut() {
        if item.acked_at.is_some() || item.status == Status::TeamSent {
            continue;
        }
        if let Some((at, member)) = acks.get(&item.id) {
            item.acked_at = Some(Timestamp(*at));
            item.acked_by = Some(member.clone());
            if item.status == Status::Verified {
                item.status = Status::Acknowledged;
            }
        }
    }
}

fn is_ping(kind: &MessageKind) -> bool {
    matches!(kind, MessageKind::Ping(_))
}

/// Whether `verified` was signed by the custodian key of `directory` (the one in force).
pub fn from_custodian(verified: &Verified, directory: &TrustedDirectory) -> bool {
    verified.sender_key == directory.directory.custodian_key
}

/// Every local envelope, verified: high priority first, newest first within a priority (by
/// fetch time, then by the time the sender signed it), and envelopes that do not verify last
/// whatever priority they claim.
pub fn list(identity: &Identity, directory: &TrustedDirectory) -> anyhow::Result<Vec<Item>> {
    Ok(list_all(identity, directory)?.0)
}

/// [`list`], and the verified attachment parts no listed message names, grouped by sender
/// ([`super::orphans`]).
pub fn list_all(
    identity: &Identity,
    directory: &TrustedDirectory,
) -> anyhow::Result<(Vec<Item>, Vec<super::orphans::OrphanParts>)> {
    let mailbox = Mailbox::new(&identity.home);
    // One envelope in memory at a time: attachment parts are large, and not listed (their
    // message shows where they stand), so their content is not kept either.
    let mut ordered = Vec::new();
    let mut parts = Vec::new();
    let mut named = std::collections::HashSet::new();
    for id in mailbox.ids()? {
        let (envelope, state) = mailbox.load(&id)?;
        let key = identity.key_for(&envelope.to);
        let verdict = verify(key, &identity.config.id, directory, &envelope);
        if let Ok(v) = &verdict {
            if matches!(v.message.kind, MessageKind::AttachmentPart(_)) {
                parts.push(super::orphans::Part {
                    id: envelope.id,
                    from: v.sender.clone(),
                    bytes: envelope.payload.len() as u64,
                });
                continue;
            }
            named.extend(
                super::chunks::named_parts(&v.message)
                    .into_iter()
                    .map(|part| (part, v.sender.clone())),
            );
        }
        // A co-member's receipt is the team's history, not an answer to this PoC.
        let receipt = verdict
            .as_ref()
            .ok()
            .filter(|v| !is_team_sent(v, &identity.config.id))
            .and_then(|v| check_receipt(&mailbox, v));
        let item = Item::new(
            envelope.id,
            envelope.priority,
            &state,
            verdict,
            receipt,
            &directory.directory.custodian_key,
            &identity.config.id,
        );
        ordered.push(item);
    }
    let mut items: Vec<Item> = ordered;
    mark_team_acks(&mut items, &identity.config.id);
    for item in &mut items {
        item.read_at = mailbox.read_at(&item.id).map(Timestamp);
        item.read = item.read_at.is_some();
    }
    items.sort_by_key(newest_first);
    Ok((items, super::orphans::group(parts, &named)))
}

/// Sort key of the listing: verified first, then priority, then newest first (fetch time,
/// then the time the sender signed, which only a verified message has), then id.
fn newest_first(
    item: &Item,
) -> (
    bool,
    Priority,
    std::cmp::Reverse<u64>,
    std::cmp::Reverse<u64>,
    EnvelopeId,
) {
    let signed_at = item.verdict.as_ref().map_or(0, |v| v.message.sent_at);
    (
        !item.verified,
        item.priority,
        std::cmp::Reverse(item.fetched_at.0),
        std::cmp::Reverse(signed_at),
        item.id,
    )
}

/// Records that `poc read` showed envelope `id` (the first time stands).
pub fn mark_read(identity: &Identity, id: &EnvelopeId) -> anyhow::Result<()> {
    Mailbox::new(&identity.home).mark_read(id, identity.now())
}

/// Opens one local envelope (by id or unique prefix) and verifies it.
pub fn read(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(EnvelopeId, Priority, Verified)> {
    let (envelope, verified) = open_local(identity, directory, id)?;
    Ok((envelope.id, envelope.priority, verified))
}

/// Loads one local envelope (by id or unique prefix) and verifies it; returns both.
pub fn open_local(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(poc_proto::Envelope, Verified)> {
    let mailbox = Mailbox::new(&identity.home);
    let id = mailbox.resolve(id)?;
    let (envelope, _) = mailbox.load(&id)?;
    let verified = verify(
        identity.key_for(&envelope.to),
        &identity.config.id,
        directory,
        &envelope,
    )
    .map_err(|e| Failure::verification(anyhow::Error::new(e).context(format!("envelope {id}"))))?;
    Ok((envelope, verified))
}

/// Acknowledges a verified envelope to its sender with a signed answer: a [`PingAck`] for a
/// ping signed by the custodian key in force (marked automatic when a program sends it), a
/// [`Receipt`] for anything else, pings from anyone else included.
pub async fn ack(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    id: &str,
    automatic: bool,
) -> anyhow::Result<(EnvelopeId, SentEnvelope)> {
    let (id, _, verified) = read(identity, directory, id)?;
    refuse_team_sent(identity, &id, &verified)?;
    let mailbox = Mailbox::new(&identity.home);
    let (_, mut state) = mailbox.load(&id)?;
    let now = identity.now();
    let kind = match &verified.message.kind {
        MessageKind::Receipt(_) | MessageKind::PingAck(_) => {
            anyhow::bail!("envelope {id} is itself an acknowledgement; it is not acknowledged")
        }
        // Only the custodian's pings are communication checks; another PoC's gets a receipt.
        MessageKind::Ping(ping) if from_custodian(&verified, directory) => {
            MessageKind::PingAck(PingAck {
                campaign: ping.campaign,
                nonce: ping.nonce,
                ping_envelope: id,
                received_at: state.fetched_at.min(now),
                automatic,
            })
        }
        _ => MessageKind::Receipt(Receipt {
            envelope: id,
            received_at: now,
        }),
    };
    let answer = Outgoing {
        to: vec![verified.sender.clone()],
        priority: Priority::Low,
        tlp: Tlp::Green,
        language: Some(verified.message.language.clone()),
        exercise: verified.message.exercise,
        thread: Some(id),
        ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
        kind,
        attachments: Vec::new(),
    };
    let sent = send(identity, client, directory, &answer).await?;
    state.acked_at = Some(now);
    mailbox.save_state(&id, &state)?;
    let first = sent
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no acknowledgement was sent"))?;
    Ok((id, first))
}

/// Why a message is not acknowledged or answered.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    /// The team's own outgoing message.
    #[error("envelope {id} is your team's own message: {by} sent it to {to}; it is not acknowledged or answered here (see `poc thread {id}` for its conversation)")]
    TeamSent {
        /// The envelope.
        id: EnvelopeId,
        /// Who sent it: `MEX.technical (on-call laptop 1)`.
        by: String,
        /// Its recipient.
        to: poc_proto::PocId,
    },
}

/// Refuses to acknowledge or answer the team's own outgoing message.
fn refuse_team_sent(
    identity: &Identity,
    id: &EnvelopeId,
    verified: &Verified,
) -> Result<(), AnswerError> {
    if is_team_sent(verified, &identity.config.id) {
        return Err(AnswerError::TeamSent {
            id: *id,
            by: verified.sender_name(),
            to: verified.message.to.clone(),
        });
    }
    Ok(())
}

/// Where a ping signed by the custodian key in force stands for its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PingStanding {
    /// The time to answer by: an answer after it counts as late.
    pub deadline: Timestamp,
    /// Whether it is unanswered and its deadline has passed on this PoC's clock (an answer
    /// sent now counts as late); `false` once answered.
    pub late: bool,
    /// When this PoC answered it, if it did.
    pub answered_at: Option<Timestamp>,
}

/// The standing of the verified local envelope `id` if it is a ping signed by the custodian
/// key in force (`None` for anything else: other PoCs' pings get a plain receipt).
pub fn ping_standing(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &EnvelopeId,
    verified: &Verified,
) -> anyhow::Result<Option<PingStanding>> {
    let MessageKind::Ping(ping) = &verified.message.kind else {
        return Ok(None);
    };
    if !from_custodian(verified, directory) {
        return Ok(None);
    }
    let (_, state) = Mailbox::new(&identity.home).load(id)?;
    Ok(Some(PingStanding {
        deadline: Timestamp(ping.deadline),
        late: state.acked_at.is_none() && identity.now() > ping.deadline,
        answered_at: state.acked_at.map(Timestamp),
    }))
}

/// When the local envelope `id` was acknowledged (by this member), if it was.
pub fn acked_at(identity: &Identity, id: &EnvelopeId) -> anyhow::Result<Option<u64>> {
    Ok(Mailbox::new(&identity.home).load(id)?.1.acked_at)
}

/// `poc ack` and the UI's button: acknowledges the local envelope `id` (by id or unique
/// prefix) to its sender, except a custodian ping this PoC already answered: the first
/// answer stands, nothing is sent again, and `already_answered_at` says when it was.
pub async fn acknowledge(identity: &Identity, id: &str) -> anyhow::Result<Acknowledged> {
    let dir = super::require_directory(identity)?;
    let (envelope, _, verified) = read(identity, &dir, id)?;
    let answered = ping_standing(identity, &dir, &envelope, &verified)?
        .and_then(|standing| standing.answered_at);
    if let Some(first) = answered {
        return Ok(Acknowledged {
            acknowledged: envelope,
            sent: Vec::new(),
            already_answered_at: Some(first),
        });
    }
    let (id, sent) = super::online(identity, async |client| {
        let dir = super::require_directory(identity)?;
        ack(identity, client, &dir, id, false).await
    })
    .await?;
    Ok(Acknowledged {
        acknowledged: id,
        sent: vec![sent],
        already_answered_at: None,
    })
}

/// A message acknowledged (`poc ack`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct Acknowledged {
    /// The envelope id of the message acknowledged.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub acknowledged: EnvelopeId,
    /// The signed receipt (or ping answer) sent to its sender; empty when the message is a
    /// ping this PoC had already answered (nothing is sent again).
    pub sent: Vec<SentEnvelope>,
    /// For a ping answered before: when the first answer was sent (that answer stands).
    pub already_answered_at: Option<Timestamp>,
}

/// A message read from the local inbox (`poc read`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct ReadMessage {
    /// The message.
    #[serde(flatten)]
    pub message: crate::ops::view::MessageView,
    /// The files its attachments were saved to (with `--save-attachments`).
    pub saved: Vec<String>,
    /// The envelope id, for the full view.
    #[serde(skip)]
    pub id: EnvelopeId,
    /// The envelope's priority, for the full view.
    #[serde(skip)]
    pub priority: Priority,
    /// The verified message, for the full view.
    #[serde(skip)]
    pub verified: crate::mailbox::Verified,
    /// The sender's entry in the directory in force.
    #[serde(skip)]
    pub sender: Option<poc_keys::team::VerifiedTeam>,
    /// The serial of the directory the signature was verified against.
    #[serde(skip)]
    pub serial: u64,
    /// The language of the labels.
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
    /// A ping not signed by the custodian key in force (the text view warns).
    #[serde(skip)]
    pub ping_not_from_custodian: bool,
    /// For a ping signed by the custodian key in force: its deadline, whether it is late and
    /// when this PoC answered it (the text view says how to answer); `null` for any other
    /// message.
    pub ping: Option<PingStanding>,
}

/// A status answer sent in the thread of a message (`poc reply`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Replied {
    /// The envelope id of the message answered.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub in_reply_to: EnvelopeId,
    /// The envelope id of the thread's first message.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub thread: EnvelopeId,
    /// The status given.
    #[serde(serialize_with = "response_status")]
    #[schemars(schema_with = "response_status_schema")]
    pub status: ResponseStatus,
    /// The answer, sent to the message's sender.
    pub sent: Vec<SentEnvelope>,
}

fn response_status<S: serde::Serializer>(
    status: &ResponseStatus,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(crate::compose::status_name(*status))
}

fn response_status_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "enum": ["received", "channelled", "in_progress", "resolved", "declined"],
        "description": "status of a response",
    })
}

/// What a reply says: its status, optional text, priority and TLP (the message's own
/// label unless given).
#[derive(Debug, Clone)]
pub struct Answer {
    /// The status.
    pub status: ResponseStatus,
    /// Free text.
    pub text: Option<String>,
    /// Priority of the answer.
    pub priority: Priority,
    /// TLP label; `None` keeps the message's.
    pub tlp: Option<Tlp>,
}

/// Answers the verified local envelope `id` (id or unique prefix) with a status response to
/// its sender, in the message's thread.
pub async fn reply(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    id: &str,
    answer: Answer,
) -> anyhow::Result<Replied> {
    let (original, _, verified) = read(identity, directory, id)?;
    refuse_team_sent(identity, &original, &verified)?;
    let thread = verified.message.thread.unwrap_or(original);
    let outgoing = Outgoing {
        to: vec![verified.sender.clone()],
        priority: answer.priority,
        tlp: answer.tlp.unwrap_or(verified.message.tlp),
        language: None,
        exercise: verified.message.exercise,
        thread: Some(thread),
        ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
        kind: MessageKind::Response(StatusResponse {
            status: answer.status,
            text: answer.text,
        }),
        attachments: Vec::new(),
    };
    let sent = send(identity, client, directory, &outgoing).await?;
    anyhow::ensure!(!sent.is_empty(), "nothing was sent");
    Ok(Replied {
        in_reply_to: original,
        thread,
        status: answer.status,
        sent,
    })
}

/// An inbox item made in unit tests: `verdict` as given, fetched at `fetched_at`, read or
/// not, from no custodian.
#[cfg(test)]
pub(crate) fn test_item(
    id: EnvelopeId,
    priority: Priority,
    fetched_at: u64,
    read: bool,
    verdict: Result<Verified, ReadError>,
) -> Item {
    let state = crate::mailbox::ItemState {
        fetched_at,
        ..Default::default()
    };
    let mut item = Item::new(
        id,
        priority,
        &state,
        verdict,
        None,
        &poc_proto::PublicKeyBytes([0; 32]),
        &"MEX.technical".parse().expect("test value"),
    );
    item.read = read;
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A verified text message with `subject`, signed at `sent_at`.
    pub(crate) fn text(subject: &str, sent_at: u64) -> Verified {
        Verified {
            member: String::new(),
            sender: "FRA.technical".parse().expect("test value"),
            sender_key: poc_proto::PublicKeyBytes([1; 32]),
            signed_body: Vec::new(),
            message: poc_proto::Message {
                from: "FRA.technical".parse().expect("test value"),
                to: "MEX.technical".parse().expect("test value"),
                sent_at,
                thread: None,
                language: "en".into(),
                tlp: Tlp::Green,
                exercise: false,
                kind: MessageKind::Text(poc_proto::TextMessage {
                    subject: Some(subject.into()),
                    text: String::new(),
                }),
                attachments: Vec::new(),
            },
            signature: poc_proto::SignatureBytes([0; 64]),
        }
    }

    #[test]
    fn newest_first_within_each_priority_and_unverified_last() {
        let id = |n: u8| EnvelopeId([n; 16]);
        let mut items = [
            test_item(id(1), Priority::Low, 100, false, Ok(text("low old", 10))),
            test_item(id(2), Priority::High, 100, false, Ok(text("high old", 10))),
            test_item(id(3), Priority::Low, 200, false, Ok(text("low new", 10))),
            test_item(
                id(4),
                Priority::High,
                100,
                false,
                Ok(text("high newer", 20)),
            ),
            test_item(id(5), Priority::High, 300, false, Err(ReadError::Body)),
            test_item(
                id(6),
                Priority::High,
                200,
                false,
                Ok(text("high newest", 5)),
            ),
        ];
        items.sort_by_key(newest_first);
        let order: Vec<u8> = items.iter().map(|i| i.id.0[0]).collect();
        // High: fetched at 200, then the two fetched at 100 by signing time; then low; the
        // envelope that does not verify last, whatever its priority.
        assert_eq!(order, [6, 4, 2, 3, 1, 5]);
    }
}
