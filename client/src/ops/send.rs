//! Sending: resolve recipients in the directory, seal one envelope each (and the parts of
//! attachments too large for it), record them all in the outbox, submit the parts, then the
//! messages.

use poc_keys::{seal, PocPublic, RoutingHeader};
use poc_proto::limits::{MAX_SUBMIT_BATCH, MAX_TTL_SECS};
use poc_proto::{encode, EnvelopeId, Message, MessageKind, PocId, Priority, Tlp};

use super::chunks::PARTS_PER_BATCH;
use super::Identity;
use crate::mailbox::outbox::{Preparing, PreparingPart, SendState};
use crate::mailbox::SentRecord;
use crate::transport::relays::Relays;
use crate::trust::TrustedDirectory;

/// A message to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Recipients.
    pub to: Vec<PocId>,
    /// Priority.
    pub priority: Priority,
    /// Handling label.
    pub tlp: Tlp,
    /// Content language, as the sender gave it; without one the message says
    /// [`UNSPECIFIED_LANGUAGE`] (never a guess from the sender's profile).
    pub language: Option<String>,
    /// Exercise flag.
    pub exercise: bool,
    /// Envelope this answers.
    pub thread: Option<EnvelopeId>,
    /// Lifetime at the relay, seconds.
    pub ttl_secs: u64,
    /// The content.
    pub kind: MessageKind,
    /// Files to carry inside the encryption.
    pub attachments: Vec<poc_proto::Attachment>,
}

/// One envelope submitted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct SentEnvelope {
    /// The envelope id (64 hex digits).
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub id: EnvelopeId,
    /// The recipient PoC.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub to: PocId,
    /// Its priority.
    #[serde(serialize_with = "crate::json::priority")]
    #[schemars(schema_with = "crate::json::priority_schema")]
    pub priority: Priority,
    /// The labels of the sender's co-members (the other members of its own PoC) whose copy
    /// the relay did not store because their mailbox was full: the recipient has the message,
    /// their shared history misses it. Empty when every copy was stored.
    pub team_copy_not_stored: Vec<String>,
}

/// A message sent (`poc send`): one envelope per recipient.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct Sent {
    /// The envelopes the relay stored, one per recipient.
    pub sent: Vec<SentEnvelope>,
}

/// The BCP 47 tag of a message whose sender did not say its language ("undetermined").
pub const UNSPECIFIED_LANGUAGE: &str = "und";

/// Why a send was refused before anything left the machine.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// A recipient is not in the directory.
    #[error(
        "unknown recipient {0}: not in the directory (see `poc directory list`); nothing was sent{1}"
    )]
    UnknownRecipient(PocId, String),
    /// A recipient's key was revoked.
    #[error("{id}'s key was revoked on {date} (directory serial {serial}); nothing was sent; ask the custodian for its new entry")]
    Revoked {
        /// The recipient.
        id: PocId,
        /// When its key was revoked.
        date: String,
        /// The serial of the directory in force.
        serial: u64,
    },
    /// The message needs a confirmation and there is no terminal to ask on.
    #[error("{0}; add --yes to send it without a terminal; nothing was sent")]
    NeedsYes(String),
    /// The person at the terminal did not confirm.
    #[error("not confirmed; nothing was sent")]
    NotConfirmed,
    /// No recipients.
    #[error("no recipient given: use --to (or `to` in the message file)")]
    NoRecipient,
    /// A recipient is neither a PoC id nor an organisation code.
    #[error("{0}; nothing was sent")]
    BadRecipient(String),
    /// No PoC of that State or organisation.
    #[error("no PoC of {0} in the directory (see `poc directory list`); nothing was sent{1}")]
    UnknownOrg(String, String),
    /// TTL out of range.
    #[error("the lifetime must be between 1 second and {} days", MAX_TTL_SECS / 86_400)]
    BadTtl,
}

pub use crate::ids::normalise;

/// Parses a PoC id typed by a person: case does not matter ([`crate::ids::parse_id`]).
pub fn parse_id(text: &str) -> Result<PocId, crate::ids::IdError> {
    crate::ids::parse_id(text)
}

/// Checks the form of recipient tokens without a directory: PoC ids must parse, other tokens
/// must look like an organisation code. Case does not matter ([`crate::ids::recipient`]).
pub fn check_tokens(tokens: &[String]) -> Result<(), SendError> {
    for token in tokens {
        crate::ids::recipient(token).map_err(|e| SendError::BadRecipient(e.to_string()))?;
    }
    Ok(())
}

/// Expands recipients: a PoC id stays itself, a State or organisation code (no dot) stands
/// for every PoC of that organisation except the sender.
pub fn expand(
    directory: &TrustedDirectory,
    me: &PocId,
    tokens: &[String],
) -> Result<Vec<PocId>, SendError> {
    let mut out: Vec<PocId> = Vec::new();
    for token in tokens
        .iter()
        .map(|t| normalise(t))
        .filter(|t| !t.is_empty())
    {
        let token = token.as_str();
        let ids: Vec<PocId> = if token.contains('.') {
            vec![crate::ids::parse_id(token).map_err(|e| SendError::BadRecipient(e.to_string()))?]
        } else {
            let found: Vec<PocId> = directory
                .teams()
                .iter()
                .map(|t| t.body.id.clone())
                .filter(|id| id.org().eq_ignore_ascii_case(token) && id != me)
                .collect();
            if found.is_empty() {
                let orgs: Vec<&str> = directory.teams().iter().map(|t| t.body.id.org()).collect();
                return Err(SendError::UnknownOrg(
                    token.to_owned(),
                    hint(crate::compose::did_you_mean(token, orgs)),
                ));
            }
            found
        };
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    Ok(out)
}

/// Why a send needs confirming, for the error given without a terminal.
pub fn why_confirm(tlp: Tlp, tokens: &[String]) -> String {
    // The error sentence is English: so are the States' names in it.
    let english = crate::i18n::Lang::En;
    let states: Vec<String> = tokens
        .iter()
        .filter(|t| !t.contains('.'))
        .map(|code| match crate::states::name(code, english) {
            Some(name) => format!("{name} ({code})"),
            None => code.clone(),
        })
        .collect();
    if states.is_empty() {
        format!("this {tlp} message goes to several people")
    } else {
        format!(
            "this {tlp} message goes to every PoC of {}",
            states.join(", ")
        )
    }
}

/// `. Did you mean X?` for a suggestion, else empty.
fn hint(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(". Did you mean {s}?"))
        .unwrap_or_default()
}

/// The revocation of `id` in the directory, if the entry is gone and its last key was
/// revoked. (A directory never lists a revoked key: an entry whose every key was revoked is
/// removed from it.)
pub fn revocation_of<'a>(
    directory: &'a TrustedDirectory,
    id: &PocId,
) -> Option<&'a poc_proto::Revocation> {
    match directory.team(id) {
        Some(_) => None,
        None => directory
            .directory
            .revoked
            .iter()
            .filter(|r| &r.id == id)
            .max_by_key(|r| r.revoked_at),
    }
}

/// Why `id` cannot be written to: its key was revoked, or it is not in the directory (with
/// the closest id as a suggestion).
pub fn not_reachable(directory: &TrustedDirectory, id: &PocId) -> SendError {
    if let Some(revocation) = revocation_of(directory, id) {
        return SendError::Revoked {
            id: id.clone(),
            date: crate::render::time(revocation.revoked_at),
            serial: directory.directory.serial,
        };
    }
    let ids: Vec<String> = directory
        .teams()
        .iter()
        .map(|t| t.body.id.to_string())
        .collect();
    let typed = id.to_string();
    SendError::UnknownRecipient(
        id.clone(),
        hint(crate::compose::did_you_mean(
            &typed,
            ids.iter().map(String::as_str),
        )),
    )
}

/// Resolves every recipient to the keys of its current members, or fails naming the first
/// unknown or revoked one.
pub fn resolve(
    directory: &TrustedDirectory,
    to: &[PocId],
) -> Result<Vec<Vec<PocPublic>>, SendError> {
    if to.is_empty() {
        return Err(SendError::NoRecipient);
    }
    to.iter()
        .map(|id| {
            let members = directory.members(id);
            if members.is_empty() {
                return Err(not_reachable(directory, id));
            }
            Ok(members.iter().map(|m| m.public()).collect())
        })
        .collect()
}

/// The sender's co-members: the other members of its own PoC `me` in the directory in force,
/// never the key `own` that signs. What the sender sends is also sealed to them (the team's
/// shared history). None for a PoC of one key.
pub fn co_members<'a>(
    directory: &'a TrustedDirectory,
    me: &PocId,
    own: &poc_proto::PublicKeyBytes,
) -> Vec<&'a poc_keys::team::VerifiedMember> {
    directory
        .members(me)
        .iter()
        .filter(|m| m.record.signing_key != *own)
        .collect()
}

/// Seals `outgoing` for each recipient and submits the batch; returns once the relay has it
/// on disk.
pub async fn send(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    outgoing: &Outgoing,
) -> anyhow::Result<Vec<SentEnvelope>> {
    send_with_progress(identity, client, directory, outgoing, &mut |_, _| {}).await
}

/// [`send`], reporting (parts submitted, parts in all) to `progress` while it submits the
/// parts of attachments too large for the message (`ops::chunks`). Every envelope, parts
/// included, goes through the outbox (`ops::outbox`): all recorded before the first byte
/// leaves, the parts submitted before the messages that announce them.
pub async fn send_with_progress(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    outgoing: &Outgoing,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Vec<SentEnvelope>> {
    if outgoing.ttl_secs == 0 || outgoing.ttl_secs > MAX_TTL_SECS {
        return Err(SendError::BadTtl.into());
    }
    let mut recipients = resolve(directory, &outgoing.to)?;
    let me = &identity.config.id;
    // The team's shared history: every message is also sealed to the sender's co-members,
    // in the same record under the same id (a message to one's own PoC already reaches them).
    let co = co_members(directory, me, &identity.key.signing_public());
    let team: Vec<(poc_proto::MailboxId, String)> = co
        .iter()
        .map(|m| (m.public().mailbox(), m.record.label.clone()))
        .collect();
    for (to, members) in outgoing.to.iter().zip(recipients.iter_mut()) {
        if to != me {
            members.extend(co.iter().map(|m| m.public()));
        }
    }
    let language = outgoing
        .language
        .clone()
        .unwrap_or_else(|| UNSPECIFIED_LANGUAGE.into());
    let sent_at = identity.now();
    // Files too large for the message travel in parts, announced in it.
    let split = super::chunks::split(outgoing.attachments.clone());
    let inline = split.inline.len();
    let files = super::chunks::prepare(split.large);
    let mut plans = Vec::with_capacity(recipients.len());
    let mut envelopes = Vec::with_capacity(recipients.len());
    let mut sent = Vec::with_capacity(recipients.len());
    let mut messages = Vec::with_capacity(recipients.len());
    for (to, members) in outgoing.to.iter().zip(&recipients) {
        let mut message = Message {
            from: me.clone(),
            to: to.clone(),
            sent_at,
            thread: outgoing.thread,
            language: language.clone(),
            tlp: outgoing.tlp,
            exercise: outgoing.exercise,
            kind: outgoing.kind.clone(),
            attachments: split.inline.clone(),
        };
        let plan = super::chunks::plan(&files)?;
        message.attachments.extend(plan.announced.iter().cloned());
        // One message id for every member of the recipient PoC: threads, receipts and
        // duplicates see one message; each member gets its own envelope in its own mailbox.
        let id = EnvelopeId(poc_keys::random_bytes::<16>());
        let headers: Vec<RoutingHeader> = members
            .iter()
            .map(|public| RoutingHeader {
                id,
                to: public.mailbox(),
                priority: outgoing.priority,
                expires_at: sent_at + outgoing.ttl_secs,
            })
            .collect();
        let body = encode(&message)?;
        let copies = members
            .iter()
            .zip(&headers)
            .map(|(public, header)| seal(&identity.key, &public.encryption, *header, &body))
            .collect::<Result<Vec<_>, _>>()?;
        envelopes.push(copies);
        plans.push((plan, headers));
        messages.push(message);
        sent.push(SentEnvelope {
            id,
            to: to.clone(),
            priority: outgoing.priority,
            team_copy_not_stored: Vec::new(),
        });
    }
    let mailboxes: Vec<(poc_proto::MailboxId, PocId)> = envelopes
        .iter()
        .zip(&sent)
        .flat_map(|(copies, s)| copies.iter().map(|e| (e.to, s.to.clone())))
        .collect();
    // Recorded durably before any byte leaves, so that an interrupted or failed send can be
    // told and finished (`poc sent`): first every part of every recipient, a batch at a
    // time (about one batch of sealed parts in memory), then the messages that announce
    // them (envelopes, own copy, record).
    let mut parts = Vec::new();
    for ((members, message), (plan, headers)) in recipients.iter().zip(&messages).zip(&plans) {
        let Some(first) = headers.first() else {
            continue;
        };
        for batch in plan.parts.chunks(PARTS_PER_BATCH) {
            let sealed = batch
                .iter()
                .map(|part| {
                    let envelopes = members
                        .iter()
                        .zip(headers)
                        .map(|(public, header)| {
                            super::chunks::seal_part(
                                &identity.key,
                                public,
                                message,
                                header,
                                &files,
                                inline,
                                *part,
                            )
                        })
                        .collect::<anyhow::Result<Vec<_>>>()?;
                    Ok(PreparingPart {
                        envelopes,
                        record: SentRecord {
                            to: message.to.clone(),
                            kind: PART_KIND.into(),
                            priority: outgoing.priority.to_string(),
                            sent_at,
                            state: SendState::Prepared,
                            expires_at: Some(first.expires_at),
                            part_of: Some(first.id),
                            campaign: None,
                        },
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            super::outbox::record_parts(identity, sealed)?;
            parts.extend(batch.iter().map(|(_, _, id)| *id));
        }
    }
    let preparing: Vec<Preparing<'_>> = envelopes
        .iter()
        .zip(&messages)
        .zip(&sent)
        .map(|((copies, message), item)| Preparing {
            envelopes: copies,
            message,
            record: SentRecord {
                to: item.to.clone(),
                kind: outgoing.kind.name().into(),
                priority: item.priority.to_string(),
                sent_at,
                state: SendState::Prepared,
                expires_at: Some(sent_at + outgoing.ttl_secs),
                part_of: None,
                campaign: None,
            },
        })
        .collect();
    super::outbox::record(identity, &preparing)?;
    drop(preparing);
    drop(envelopes);
    // The parts first, the messages last: a reader never gets a message whose parts are
    // still on their way.
    let total = parts.len();
    let mut done = 0;
    if total > 0 {
        progress(done, total);
    }
    let ids: Vec<EnvelopeId> = sent.iter().map(|s| s.id).collect();
    let mut not_stored = Vec::new();
    let mut stored = 0;
    for (batch, per_batch, messages) in [
        (&parts, PARTS_PER_BATCH, false),
        (&ids, MAX_SUBMIT_BATCH, true),
    ] {
        loop {
            // What the relay stored already is not submitted again (a co-member's full
            // mailbox below sends the rest again without its copies).
            let outbox = crate::mailbox::outbox::Outbox::new(&identity.home);
            let pending: Vec<EnvelopeId> = batch
                .iter()
                .filter(|id| outbox.has_envelope(id))
                .copied()
                .collect();
            let submitted =
                super::outbox::submit_recorded(identity, client, &pending, per_batch, &mut |n| {
                    if messages {
                        stored += n;
                    } else {
                        done += n;
                        progress(done, total);
                    }
                })
                .await?;
            let Err(e) = submitted else { break };
            // A co-member's full mailbox does not hold back the message to its recipient:
            // that copy is left out and the rest submitted again.
            if let Some((mailbox, label)) = full_team_mailbox(&e, &team) {
                let all: Vec<EnvelopeId> = parts.iter().chain(&ids).copied().collect();
                super::outbox::leave_out(identity, &all, &mailbox)?;
                if !not_stored.contains(&label) {
                    not_stored.push(label);
                }
                continue;
            }
            let earlier = if messages {
                total > 0 || stored > 0
            } else {
                done > 0
            };
            return Err(name_full_mailbox(e, &mailboxes, earlier));
        }
    }
    for item in &mut sent {
        item.team_copy_not_stored.clone_from(&not_stored);
    }
    Ok(sent)
}

/// The co-member whose mailbox a QuotaExceeded refusal names, if it names one of `team`.
fn full_team_mailbox(
    e: &crate::transport::TransportError,
    team: &[(poc_proto::MailboxId, String)],
) -> Option<(poc_proto::MailboxId, String)> {
    let crate::transport::TransportError::Refused(refusal) = e else {
        return None;
    };
    if refusal.code != poc_proto::ErrorCode::QuotaExceeded {
        return None;
    }
    team.iter()
        .find(|(m, _)| refusal.detail.contains(&m.to_string()))
        .cloned()
}

/// The record kind of an attachment part, as [`MessageKind::name`] gives it.
const PART_KIND: &str = "attachment-part";

/// A QuotaExceeded refusal names the full mailbox by its id; say which recipient that is.
/// `earlier`: whether envelopes of this send went in earlier batches.
fn name_full_mailbox(
    e: crate::transport::TransportError,
    mailboxes: &[(poc_proto::MailboxId, PocId)],
    earlier: bool,
) -> anyhow::Error {
    if let crate::transport::TransportError::Refused(refusal) = &e {
        if refusal.code == poc_proto::ErrorCode::QuotaExceeded {
            let full = mailboxes
                .iter()
                .find(|(m, _)| refusal.detail.contains(&m.to_string()));
            if let Some((mailbox, id)) = full {
                let why = refusal
                    .detail
                    .trim_start_matches(&format!("mailbox {mailbox}: "))
                    .to_owned();
                let sent = if earlier {
                    "envelopes in earlier batches may have been delivered"
                } else {
                    "nothing was sent"
                };
                // The relay says which limit refused: the recipient's whole quota, or the
                // share of it one sender may hold.
                if why.starts_with("sender share") {
                    return anyhow::anyhow!(
                        "{id}'s mailbox at the relay holds its share of envelopes from you ({why}); {sent}: wait until {id} fetches them or they expire, then send again"
                    );
                }
                return anyhow::anyhow!(
                    "the mailbox of {id} at the relay is full ({why}); {sent}: try again later, or reach {id} another way"
                );
            }
        }
    }
    e.into()
}

/// Whether a send must be confirmed: TLP:RED or AMBER+STRICT to more than one person or
/// through a State code, and any message through a State code (every PoC of a State).
pub fn needs_confirmation(tlp: Tlp, tokens: &[String], recipients: usize) -> bool {
    let sensitive = matches!(tlp, Tlp::Red | Tlp::AmberStrict);
    let through_state = tokens.iter().any(|t| !t.contains('.'));
    through_state || (sensitive && recipients > 1)
}

/// The recipient tokens as typed, in canonical case, without blanks and repeats.
pub fn tokens(to: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in to.iter().map(|t| normalise(t)).filter(|t| !t.is_empty()) {
        if !out.contains(&token) {
            out.push(token);
        }
    }
    out
}

/// The confirmation question, in the reader's language: the label when it restricts sharing,
/// how many people, of which States, and who they are (id and organisation).
pub fn question(
    lang: crate::i18n::Lang,
    tlp: Tlp,
    tokens: &[String],
    to: &[PocId],
    dir: &TrustedDirectory,
) -> String {
    let sensitive = matches!(tlp, Tlp::Red | Tlp::AmberStrict);
    let states: Vec<String> = tokens
        .iter()
        .filter(|t| !t.contains('.'))
        .map(|code| crate::states::name_or_code(code, lang))
        .collect();
    let recipients: Vec<String> = to
        .iter()
        .map(|id| match dir.team(id) {
            Some(entry) => format!("{id} ({})", entry.body.org_name),
            None => id.to_string(),
        })
        .collect();
    let (label, count, states, recipients) = (
        tlp.to_string(),
        to.len() as u64,
        states.join(", "),
        recipients.join(", "),
    );
    let label = label.trim_start_matches("TLP:");
    match (sensitive, states.is_empty()) {
        (true, true) => crate::i18n::screens::confirm_send_tlp(lang, label, count, &recipients),
        (true, false) => {
            crate::i18n::screens::confirm_send_tlp_states(lang, label, count, &states, &recipients)
        }
        (false, _) => crate::i18n::screens::confirm_send_states(lang, count, &states, &recipients),
    }
}

/// The media type of an attachment, from its file name's extension (the generic binary
/// type when the extension says nothing).
pub fn media_type(name: &str) -> &'static str {
    let extension = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("txt") | Some("log") => "text/plain",
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The largest total of attachments the protocol carries, for people ("64 MiB").
pub fn limit_text() -> String {
    format!(
        "{} MiB",
        poc_proto::limits::MAX_ATTACHMENT_BYTES / (1024 * 1024)
    )
}

/// The refusal of attachments of `total` bytes in all, over `limit`.
pub fn attachments_too_large(total: u64, limit: usize) -> anyhow::Error {
    anyhow::anyhow!(
        "attachments too large: {total} bytes in all, limit {limit} bytes ({}; max_attachment_bytes in poc.toml may lower it, not raise it); nothing was sent",
        limit_text()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_state_codes_ignore_case() {
        assert_eq!(normalise(" mar.Technical "), "MAR.technical");
        assert_eq!(normalise("mar"), "MAR");
        assert_eq!(
            parse_id("mar.technical").unwrap().to_string(),
            "MAR.technical"
        );
        check_tokens(&["mar.technical".into(), "fra".into()]).unwrap();
        assert!(check_tokens(&["f.technical".into()]).is_err());
    }
}
