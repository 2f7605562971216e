//! Ping campaigns: the custodian checks that every PoC can be reached, and can prove who
//! acknowledged.
//!
//! A campaign gives each selected PoC a fresh random nonce and sends it a [`Ping`]. The PoC
//! answers with a [`PingAck`] (campaign, nonce, ping envelope, time received, manual or
//! automatic), signed with its directory key by the envelope signature. Acknowledgements are
//! classified the same way live (from the custodian's inbox) and offline (from a bundle):
//! on time, late, no answer, or invalid (signature, unknown or revoked key, wrong nonce,
//! replayed from another campaign).
//!
//! A bundle holds the campaign record signed by the custodian, the signed directory in force,
//! and every acknowledgement with its signature and signed bytes: anyone holding the
//! custodian public key can re-check it offline.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use anyhow::Context;
use poc_keys::seal::verify_message;
use poc_keys::RoutingHeader;
use poc_proto::{
    decode, encode, Envelope, EnvelopeId, MailboxId, Message, MessageKind, Ping, PingAck, PocId,
    Priority, PublicKeyBytes, Role, SignatureBytes, SignedDirectory, Tlp,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::send::SentEnvelope;
use super::Identity;
use crate::error::{Classify, Failure};
use crate::home::write_atomic;
use crate::json::Timestamp;
use crate::mailbox::Mailbox;
use crate::transport::relays::Relays;
use crate::trust::{hex, TrustedDirectory};

/// Format tag of bundle files.
pub const BUNDLE_FORMAT: &str = "poc-ping-bundle-v1";

/// One PoC in a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The PoC.
    pub id: PocId,
    /// Its directory key when the campaign started.
    pub signing_key: PublicKeyBytes,
    /// Its nonce.
    pub nonce: [u8; 32],
    /// Ping envelopes sent to it (the first, then reminders).
    pub envelopes: Vec<EnvelopeId>,
    /// Unix seconds of the first ping.
    pub sent_at: u64,
}

/// A campaign as the custodian records (and signs) it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    /// Random id.
    pub id: [u8; 16],
    /// Unix seconds.
    pub created_at: u64,
    /// Acknowledgements after this are late.
    pub deadline: u64,
    /// Serial of the directory in force.
    pub directory_serial: u64,
    /// Part of an exercise.
    pub exercise: bool,
    /// Note shown to PoCs.
    pub note: Option<String>,
    /// The PoCs pinged.
    pub targets: Vec<Target>,
}

impl Campaign {
    /// Hex id.
    pub fn id_text(&self) -> String {
        hex(&self.id)
    }
}

/// What a new campaign asks.
#[derive(Debug, Clone, Default)]
pub struct CampaignOptions {
    /// Ping every PoC but the custodian.
    pub all: bool,
    /// Ping these PoC ids or State codes.
    pub to: Vec<String>,
    /// Only PoCs with this role.
    pub role: Option<Role>,
    /// Seconds the PoCs have to answer.
    pub deadline_secs: u64,
    /// Part of an exercise.
    pub exercise: bool,
    /// Note shown to the PoCs.
    pub note: Option<String>,
}

/// How long the PoCs have to answer unless told otherwise (`ping start --deadline`).
pub const DEFAULT_DEADLINE: &str = "72h";

/// A time given as text (`72h`, `21d`, `90d`) that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("`{text}` is not a duration (e.g. 72h, 21d): {problem}")]
pub struct BadDuration {
    /// What was given.
    pub text: String,
    /// Why it cannot be read.
    pub problem: String,
}

/// Seconds of a duration written as `72h`, `21d`, `1h 30m`.
pub fn parse_duration(text: &str) -> Result<u64, BadDuration> {
    humantime::parse_duration(text.trim())
        .map(|d| d.as_secs())
        .map_err(|e| BadDuration {
            text: text.to_owned(),
            problem: e.to_string(),
        })
}

fn campaigns_dir(identity: &Identity) -> anyhow::Result<PathBuf> {
    identity.home.ensure_dir("custodian/campaigns")
}

/// Saves a campaign record.
pub fn save(identity: &Identity, campaign: &Campaign) -> anyhow::Result<()> {
    let path = campaigns_dir(identity)?.join(format!("{}.bin", campaign.id_text()));
    write_atomic(&path, &encode(campaign).context("encoding the campaign")?)
}

/// Every campaign, newest first.
pub fn list(identity: &Identity) -> anyhow::Result<Vec<Campaign>> {
    let dir = campaigns_dir(identity)?;
    let mut out = Vec::new();
    for item in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = item?.path();
        if path.extension().is_some_and(|e| e == "bin") {
            let bytes = std::fs::read(&path)?;
            out.push(
                decode::<Campaign>(&bytes)
                    .with_context(|| format!("{} is damaged", path.display()))?,
            );
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.created_at));
    Ok(out)
}

/// The campaign whose id starts with `prefix`; a prefix no campaign has is a not-found
/// failure.
pub fn find(identity: &Identity, prefix: &str) -> anyhow::Result<Campaign> {
    let prefix = prefix.trim().to_ascii_lowercase();
    let mut matches: Vec<Campaign> = list(identity)?
        .into_iter()
        .filter(|c| !prefix.is_empty() && c.id_text().starts_with(&prefix))
        .collect();
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 => Err(Failure::not_found(anyhow::anyhow!(
            "no campaign {prefix} (see `poc ping list`)"
        )))?,
        _ => anyhow::bail!("`{prefix}` matches several campaigns; give more characters"),
    }
}

/// One campaign in `poc ping list`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CampaignSummary {
    /// The campaign id (32 hex digits).
    pub id: String,
    /// When it started.
    pub created_at: Timestamp,
    /// Acknowledgements after this are late.
    pub deadline: Timestamp,
    /// Number of PoCs pinged.
    pub targets: usize,
    /// Part of an exercise.
    pub exercise: bool,
}

/// Every campaign of this custodian, newest first.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CampaignList {
    /// The campaigns.
    pub campaigns: Vec<CampaignSummary>,
}

/// Every campaign, newest first, as `poc ping list` shows them.
pub fn summaries(identity: &Identity) -> anyhow::Result<CampaignList> {
    Ok(CampaignList {
        campaigns: list(identity)?
            .iter()
            .map(|c| CampaignSummary {
                id: c.id_text(),
                created_at: c.created_at.into(),
                deadline: c.deadline.into(),
                targets: c.targets.len(),
                exercise: c.exercise,
            })
            .collect(),
    })
}

fn ping_envelope(
    identity: &Identity,
    directory: &TrustedDirectory,
    campaign: &Campaign,
    target: &Target,
) -> anyhow::Result<(Vec<Envelope>, Message)> {
    let members = directory.members(&target.id);
    anyhow::ensure!(!members.is_empty(), "{} left the directory", target.id);
    let message = Message {
        from: identity.config.id.clone(),
        to: target.id.clone(),
        sent_at: identity.now(),
        thread: None,
        language: "en".into(),
        tlp: Tlp::Clear,
        exercise: campaign.exercise,
        kind: MessageKind::Ping(Ping {
            campaign: campaign.id,
            nonce: target.nonce,
            deadline: campaign.deadline,
            note: campaign.note.clone(),
        }),
        attachments: Vec::new(),
    };
    // One ping per PoC, in every member's mailbox under one id: whichever member answers
    // answers for the PoC.
    let id = EnvelopeId(poc_keys::random_bytes::<16>());
    let expires_at = campaign.deadline.max(identity.now()) + poc_proto::limits::DEFAULT_TTL_SECS;
    let body = encode(&message)?;
    let envelopes = members
        .iter()
        .map(|member| {
            let header = RoutingHeader {
                id,
                to: member.public().mailbox(),
                priority: Priority::Medium,
                expires_at,
            };
            poc_keys::seal(&identity.key, &member.encryption, header, &body)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((envelopes, message))
}

/// Pings as submitted: the envelopes the relay stored, and the PoCs whose relay mailbox was
/// full.
struct Submitted {
    sent: Vec<SentEnvelope>,
    not_pinged: Vec<PocId>,
}

/// Records ping envelopes (each with its message and PoC) in the outbox as envelopes of
/// `campaign`, with one sync, then submits them in batches through it, reporting progress as
/// (done, total). PoCs whose relay mailbox is full are set aside and counted as not
/// answering; everyone else is pinged.
async fn submit_batches(
    identity: &Identity,
    client: &Relays,
    campaign: &Campaign,
    pings: Vec<(Vec<Envelope>, Message, PocId)>,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Submitted> {
    let campaign_id = campaign.id_text();
    let preparing: Vec<_> = pings
        .iter()
        .filter_map(|(e, m, to)| super::outbox::preparing(e, m, to, Some(&campaign_id)))
        .collect();
    super::outbox::record_batch(identity, &preparing)?;
    drop(preparing);
    let pings: Vec<(Vec<Envelope>, PocId)> = pings.into_iter().map(|(e, _, to)| (e, to)).collect();
    let messages: Vec<Vec<Envelope>> = pings.iter().map(|(e, _)| e.clone()).collect();
    let delivered = super::deliver::deliver_all(identity, client, messages, 64, progress).await??;
    // A PoC is not pinged when every one of its members' mailboxes was full.
    let reached = |copies: &[Envelope]| copies.iter().any(|e| !delivered.full.contains(&e.to));
    let not_pinged = pings
        .iter()
        .filter(|(e, _)| !reached(e))
        .map(|(_, id)| id.clone())
        .collect();
    let sent = pings
        .into_iter()
        .filter(|(e, _)| reached(e))
        .filter_map(|(e, to)| Some((e.first()?.id, to)))
        .map(|(id, to)| SentEnvelope {
            id,
            to,
            priority: Priority::Medium,
            team_copy_not_stored: Vec::new(),
        })
        .collect();
    Ok(Submitted { sent, not_pinged })
}

/// A campaign just started.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CampaignStarted {
    /// The campaign id (32 hex digits).
    pub campaign: String,
    /// Number of PoCs in the campaign (pinged, or set aside in `not_pinged`).
    pub targets: usize,
    /// Acknowledgements after this are late.
    pub deadline: Timestamp,
    /// Part of an exercise.
    pub exercise: bool,
    /// The pings the relay stored, one per PoC.
    pub sent: Vec<SentEnvelope>,
    /// PoCs not pinged because their relay mailbox is full; they count as not answering.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub not_pinged: Vec<PocId>,
}

/// A campaign asked of a home that does not hold the custodian key.
#[derive(Debug, thiserror::Error)]
#[error("only the custodian runs ping campaigns: this home holds the key of {id}, not the custodian key; run it from the custodian's home")]
pub struct NotCustodian {
    /// The PoC this home belongs to.
    pub id: PocId,
}

/// Refuses unless `identity` signs with the custodian key of `directory`: recipients treat a
/// ping as a communication check only when that key signed it.
pub fn ensure_custodian(
    identity: &Identity,
    directory: &TrustedDirectory,
) -> Result<(), NotCustodian> {
    if identity.key.signing_public() == directory.directory.custodian_key {
        Ok(())
    } else {
        Err(NotCustodian {
            id: identity.config.id.clone(),
        })
    }
}

/// Starts a campaign: picks the PoCs, records the campaign, sends every ping. Only the
/// custodian does ([`ensure_custodian`]).
pub async fn start(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    options: &CampaignOptions,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<CampaignStarted> {
    ensure_custodian(identity, directory)?;
    let me = &identity.config.id;
    let chosen: Vec<PocId> = if options.all || (options.to.is_empty() && options.role.is_some()) {
        directory
            .teams()
            .iter()
            .map(|t| t.body.id.clone())
            .filter(|id| id != me)
            .collect()
    } else {
        super::send::expand(directory, me, &options.to)?
    };
    let chosen: Vec<PocId> = chosen
        .into_iter()
        .filter(|id| options.role.is_none_or(|r| id.role() == r))
        .collect();
    if chosen.is_empty() {
        anyhow::bail!("no PoC selected: use --all, --to or --role");
    }
    let created_at = identity.now();
    let mut campaign = Campaign {
        id: poc_keys::random_bytes::<16>(),
        created_at,
        deadline: created_at + options.deadline_secs,
        directory_serial: directory.directory.serial,
        exercise: options.exercise,
        note: options.note.clone(),
        targets: Vec::new(),
    };
    let mut pings = Vec::new();
    for id in chosen {
        let first = directory
            .members(&id)
            .first()
            .with_context(|| format!("{id} is not in the directory"))?;
        let mut target = Target {
            id: id.clone(),
            signing_key: first.record.signing_key,
            nonce: poc_keys::random_bytes::<32>(),
            envelopes: Vec::new(),
            sent_at: created_at,
        };
        let (envelopes, message) = ping_envelope(identity, directory, &campaign, &target)?;
        target.envelopes.extend(envelopes.first().map(|e| e.id));
        pings.push((envelopes, message, id));
        campaign.targets.push(target);
    }
    // Recorded before sending, so acknowledgements can be matched whatever happens next.
    save(identity, &campaign)?;
    let submitted = submit_batches(identity, client, &campaign, pings, progress).await?;
    Ok(CampaignStarted {
        campaign: campaign.id_text(),
        targets: campaign.targets.len(),
        deadline: campaign.deadline.into(),
        exercise: campaign.exercise,
        sent: submitted.sent,
        not_pinged: submitted.not_pinged,
    })
}

/// The reminders of a campaign.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Reminded {
    /// The campaign id (32 hex digits).
    pub campaign: String,
    /// PoCs pinged again (no valid acknowledgement yet), in campaign order.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub reminded: Vec<PocId>,
    /// The reminders the relay stored, one per PoC.
    pub sent: Vec<SentEnvelope>,
    /// PoCs not reminded because their relay mailbox is full.
    #[serde(serialize_with = "crate::json::texts")]
    #[schemars(with = "Vec<String>")]
    pub not_pinged: Vec<PocId>,
}

/// Pings again every PoC without a valid acknowledgement (same nonce, new envelope).
pub async fn remind(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    campaign: &mut Campaign,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Reminded> {
    ensure_custodian(identity, directory)?;
    let results = evaluate(identity, directory, campaign)?.results;
    let mut pings = Vec::new();
    let mut reminded = Vec::new();
    // What a ping carries of the campaign (the targets are not needed to build one).
    let meta = Campaign {
        targets: Vec::new(),
        ..campaign.clone()
    };
    for target in campaign.targets.iter_mut() {
        let answered = results
            .iter()
            .any(|r| r.id == target.id && matches!(r.outcome, Outcome::OnTime | Outcome::Late));
        if answered || directory.team(&target.id).is_none() {
            continue;
        }
        let (envelopes, message) = ping_envelope(identity, directory, &meta, target)?;
        target.envelopes.extend(envelopes.first().map(|e| e.id));
        pings.push((envelopes, message, target.id.clone()));
        reminded.push(target.id.clone());
    }
    save(identity, campaign)?;
    let submitted = submit_batches(identity, client, &meta, pings, progress).await?;
    Ok(Reminded {
        campaign: campaign.id_text(),
        reminded,
        sent: submitted.sent,
        not_pinged: submitted.not_pinged,
    })
}

/// How a PoC answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A valid acknowledgement before the deadline.
    OnTime,
    /// A valid acknowledgement after the deadline.
    Late,
    /// Nothing.
    NoAnswer,
    /// Only invalid acknowledgements.
    Invalid,
}

/// The verdict for one PoC.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TargetResult {
    /// The PoC.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub id: PocId,
    /// Its role.
    #[serde(serialize_with = "crate::json::role")]
    #[schemars(schema_with = "crate::json::role_schema")]
    pub role: Role,
    /// Its State or organisation code.
    pub state: String,
    /// Its outcome.
    pub outcome: Outcome,
    /// Seconds from ping to the valid acknowledgement (`on_time` and `late` only).
    pub latency_seconds: Option<u64>,
    /// The valid acknowledgement was sent by a program.
    pub automatic: bool,
    /// The label of the member whose acknowledgement counted (`on-call laptop 2`), found by
    /// its signing key in the campaign's directory; null for a PoC of one key and when no
    /// acknowledgement counted.
    pub member: Option<String>,
    /// Problems found with acknowledgements claiming to come from it, one sentence each.
    pub problems: Vec<String>,
}

impl TargetResult {
    /// Who answered for the PoC, as reports show it: `MEX.technical (on-call laptop 2)`, or
    /// the id alone when no member is named.
    pub fn answered_by(&self) -> String {
        match &self.member {
            Some(label) => format!("{} ({label})", self.id),
            None => self.id.to_string(),
        }
    }
}

impl TargetResult {
    /// The verdict as reports name it (automatic answers apart), typed for translation.
    pub fn verdict(&self) -> crate::i18n::phrases::ReportOutcome {
        use crate::i18n::phrases::ReportOutcome;
        match (self.outcome, self.automatic) {
            (Outcome::OnTime, false) => ReportOutcome::OnTime,
            (Outcome::OnTime, true) => ReportOutcome::OnTimeAutomatic,
            (Outcome::Late, false) => ReportOutcome::Late,
            (Outcome::Late, true) => ReportOutcome::LateAutomatic,
            (Outcome::NoAnswer, _) => ReportOutcome::NoAnswer,
            (Outcome::Invalid, _) => ReportOutcome::Invalid,
        }
    }
}

/// The upper limits (seconds) of the latency chart's groups; the last group has none.
pub const LATENCY_LIMITS: [u64; 5] = [60, 600, 3600, 21_600, 86_400];

/// The name of a group of the latency chart (`< 10 minutes`, `≥ 24 hours`) in `lang`: the
/// group of answers within `limit` seconds, or after the last limit (`None`).
pub fn latency_label(limit: Option<u64>, lang: crate::i18n::Lang) -> String {
    use crate::i18n::phrases;
    match limit {
        Some(s) if s < 3600 => format!("< {}", phrases::minutes(lang, s / 60)),
        Some(s) => format!("< {}", phrases::hours(lang, s / 3600)),
        None => format!("≥ {}", phrases::hours(lang, 24)),
    }
}

impl CampaignReport {
    /// How many valid answers came within each limit of [`LATENCY_LIMITS`] (and not within
    /// the one before), then after the last (`None`): the latency chart of the reports.
    pub fn latency_buckets(&self) -> Vec<(Option<u64>, usize)> {
        let mut buckets: Vec<(Option<u64>, usize)> = LATENCY_LIMITS
            .iter()
            .map(|l| (Some(*l), 0))
            .chain([(None, 0)])
            .collect();
        for latency in self.results.iter().filter_map(|r| r.latency_seconds) {
            if let Some(bucket) = buckets
                .iter_mut()
                .find(|(limit, _)| limit.is_none_or(|l| latency < l))
            {
                bucket.1 += 1;
            }
        }
        buckets
    }
}

/// An acknowledgement with everything needed to check its signature offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AckEvidence {
    /// Envelope id.
    pub id: EnvelopeId,
    /// Recipient mailbox (the custodian's).
    pub to: MailboxId,
    /// Priority.
    pub priority: Priority,
    /// Expiry.
    pub expires_at: u64,
    /// Signing key.
    pub sender: PublicKeyBytes,
    /// Signature.
    pub signature: SignatureBytes,
    /// Signed message bytes.
    pub body: Vec<u8>,
}

impl AckEvidence {
    fn header(&self) -> RoutingHeader {
        RoutingHeader {
            id: self.id,
            to: self.to,
            priority: self.priority,
            expires_at: self.expires_at,
        }
    }
}

/// The verdicts and the evidence behind them.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// One per target, in campaign order.
    pub results: Vec<TargetResult>,
    /// Every acknowledgement that concerns this campaign.
    pub evidence: Vec<AckEvidence>,
}

/// Counts for a group of PoCs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Tally {
    /// PoCs in the group.
    pub targets: usize,
    /// Valid acknowledgements before the deadline.
    pub on_time: usize,
    /// Valid acknowledgements after the deadline.
    pub late: usize,
    /// Valid acknowledgements sent by a program (counted in `on_time` or `late` too).
    pub automatic: usize,
    /// PoCs that did not answer.
    pub no_answer: usize,
    /// PoCs with only invalid acknowledgements.
    pub invalid: usize,
    /// Share of PoCs with a valid acknowledgement, on time or late (0 to 1).
    pub response_rate: f64,
}

impl Tally {
    fn add(&mut self, r: &TargetResult) {
        self.targets += 1;
        match r.outcome {
            Outcome::OnTime => self.on_time += 1,
            Outcome::Late => self.late += 1,
            Outcome::NoAnswer => self.no_answer += 1,
            Outcome::Invalid => self.invalid += 1,
        }
        if r.automatic {
            self.automatic += 1;
        }
        self.response_rate = (self.on_time + self.late) as f64 / self.targets as f64;
    }
}

/// A campaign's verdicts: per PoC, in all, by role and by State.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CampaignReport {
    /// The campaign id (32 hex digits).
    pub campaign: String,
    /// When it started.
    pub created_at: Timestamp,
    /// Acknowledgements after this are late.
    pub deadline: Timestamp,
    /// Whether the deadline had passed when this report was made.
    pub deadline_passed: bool,
    /// Serial of the directory in force for the campaign.
    pub directory_serial: u64,
    /// Part of an exercise.
    pub exercise: bool,
    /// The note the custodian gave the campaign (`ping start --note`), as written.
    pub note: Option<String>,
    /// One verdict per PoC, in campaign order.
    pub results: Vec<TargetResult>,
    /// Counts over every PoC.
    pub summary: Tally,
    /// Counts by role (`diplomatic`, `technical`, ...).
    pub by_role: BTreeMap<String, Tally>,
    /// Counts by State or organisation code.
    pub by_state: BTreeMap<String, Tally>,
}

impl CampaignReport {
    /// The report of `evaluation`, made at `now` (unix seconds).
    pub fn new(campaign: &Campaign, evaluation: &Evaluation, now: u64) -> Self {
        let mut summary = Tally::default();
        let mut by_role: BTreeMap<String, Tally> = BTreeMap::new();
        let mut by_state: BTreeMap<String, Tally> = BTreeMap::new();
        for r in &evaluation.results {
            summary.add(r);
            by_role.entry(r.role.to_string()).or_default().add(r);
            by_state.entry(r.state.clone()).or_default().add(r);
        }
        CampaignReport {
            campaign: campaign.id_text(),
            created_at: campaign.created_at.into(),
            deadline: campaign.deadline.into(),
            deadline_passed: now > campaign.deadline,
            directory_serial: campaign.directory_serial,
            exercise: campaign.exercise,
            note: campaign.note.clone(),
            results: evaluation.results.clone(),
            summary,
            by_role,
            by_state,
        }
    }
}

/// The live verdicts of a campaign (`poc ping status`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CampaignStatus {
    /// The verdicts.
    #[serde(flatten)]
    pub report: CampaignReport,
    /// The reader's language, for the text output (not part of the JSON document).
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
}

/// Why an acknowledgement whose signature fails is invalid.
const FORGED: &str = "signature does not verify (altered or forged)";

/// Classifies acknowledgements (already signature-checked) against the campaign; `forged`
/// are the messages of envelopes whose signature failed: an acknowledgement among them makes
/// the PoC it names INVALID unless it also sent a valid one.
fn classify(
    campaign: &Campaign,
    directory: &TrustedDirectory,
    acks: &[(AckEvidence, Message)],
    forged: &[Message],
) -> Evaluation {
    // The best valid acknowledgement of each PoC: on time before late, then the earliest,
    // whichever member sent it.
    let mut best: HashMap<&PocId, Answer> = HashMap::new();
    let mut problems: HashMap<&PocId, Vec<String>> = HashMap::new();
    let mut evidence = Vec::new();
    let all_pings: Vec<EnvelopeId> = campaign
        .targets
        .iter()
        .flat_map(|t| t.envelopes.clone())
        .collect();
    for (ev, message) in acks {
        let MessageKind::PingAck(ack) = &message.kind else {
            continue;
        };
        let relevant =
            ack.campaign == campaign.id || message.thread.is_some_and(|t| all_pings.contains(&t));
        if !relevant {
            continue;
        }
        let Some(target) = campaign.targets.iter().find(|t| t.id == message.from) else {
            continue;
        };
        evidence.push(ev.clone());
        let problem = ack_problem(campaign, directory, target, ev, ack)
            .or_else(|| ack_problem_dated(target, message.sent_at));
        match problem {
            Some(p) => problems.entry(&target.id).or_default().push(p),
            None => {
                let latency = message.sent_at.saturating_sub(target.sent_at);
                let outcome = if message.sent_at <= campaign.deadline {
                    Outcome::OnTime
                } else {
                    Outcome::Late
                };
                let answer = Answer {
                    outcome,
                    latency,
                    automatic: ack.automatic,
                    member: member_label(directory, &ev.sender),
                    envelope: ev.id,
                };
                if best
                    .get(&target.id)
                    .is_none_or(|b| answer.is_better_than(b))
                {
                    best.insert(&target.id, answer);
                }
            }
        }
    }
    for message in forged {
        let MessageKind::PingAck(ack) = &message.kind else {
            continue;
        };
        let relevant =
            ack.campaign == campaign.id || message.thread.is_some_and(|t| all_pings.contains(&t));
        if let Some(target) = campaign.targets.iter().find(|t| t.id == message.from) {
            if relevant {
                problems.entry(&target.id).or_default().push(FORGED.into());
            }
        }
    }
    let results = campaign
        .targets
        .iter()
        .map(|t| {
            let problems = problems.remove(&t.id).unwrap_or_default();
            let (outcome, latency_seconds, automatic, member) = match best.remove(&t.id) {
                Some(a) => (a.outcome, Some(a.latency), a.automatic, a.member),
                None if !problems.is_empty() => (Outcome::Invalid, None, false, None),
                None => (Outcome::NoAnswer, None, false, None),
            };
            TargetResult {
                id: t.id.clone(),
                role: t.id.role(),
                state: t.id.org().to_owned(),
                outcome,
                latency_seconds,
                automatic,
                member,
                problems,
            }
        })
        .collect();
    Evaluation { results, evidence }
}

/// A valid acknowledgement of one PoC, as it counts.
struct Answer {
    outcome: Outcome,
    latency: u64,
    automatic: bool,
    member: Option<String>,
    /// The envelope of the acknowledgement: between two signed in the same second, the one
    /// with the lower id counts, so the verdict does not depend on the order they are read
    /// in (the custodian's inbox, a proof bundle).
    envelope: EnvelopeId,
}

impl Answer {
    /// On time beats late; between two of the same kind the earlier one counts, so a second
    /// member answering after the first changes nothing.
    fn is_better_than(&self, other: &Answer) -> bool {
        match (self.outcome, other.outcome) {
            (Outcome::OnTime, Outcome::Late) => true,
            (a, b) if a == b => (self.latency, self.envelope) < (other.latency, other.envelope),
            _ => false,
        }
    }
}

/// The label of the member holding `key` in `directory`: none for the one member of a
/// one-key entry (it has no label) and for a key the directory does not hold.
fn member_label(directory: &TrustedDirectory, key: &PublicKeyBytes) -> Option<String> {
    let (_, member) = directory.member_by_key(key)?;
    Some(member.record.label.clone()).filter(|l| !l.is_empty())
}

fn ack_problem_dated(target: &Target, sent_at: u64) -> Option<String> {
    // The time is the PoC's own clock (the relay does not timestamp envelopes); an answer
    // dated before its ping was sent is impossible and reported.
    (sent_at < target.sent_at)
        .then(|| "dated before the ping was sent (clock wrong or forged)".to_owned())
}

fn ack_problem(
    campaign: &Campaign,
    directory: &TrustedDirectory,
    target: &Target,
    ev: &AckEvidence,
    ack: &PingAck,
) -> Option<String> {
    if let Some(revocation) = directory.revocation(&ev.sender) {
        return Some(format!("signed with a revoked key ({})", revocation.reason));
    }
    // Any member of the PoC answers for it (the campaign's directory says who they are).
    match directory.member_by_key(&ev.sender) {
        Some((team, _)) if team.body.id == target.id => {}
        None if ev.sender == target.signing_key => {}
        None => return Some("signed with a key that is not in the directory (forged?)".into()),
        Some((other, _)) => return Some(format!("signed with the key of {}", other.body.id)),
    }
    if ack.campaign != campaign.id {
        return Some(format!(
            "replayed acknowledgement from campaign {}",
            hex(&ack.campaign)
        ));
    }
    if ack.nonce != target.nonce {
        return Some("wrong nonce".into());
    }
    if !target.envelopes.contains(&ack.ping_envelope) {
        return Some("acknowledges a ping this PoC was not sent".into());
    }
    None
}

/// The signed directory the campaign ran under, as published (`custodian/published/`), or
/// `directory` when that copy is not kept.
fn campaign_signed_directory(
    identity: &Identity,
    directory: &TrustedDirectory,
    campaign: &Campaign,
) -> anyhow::Result<SignedDirectory> {
    let published = super::published::path(&identity.home, campaign.directory_serial);
    match std::fs::read(&published) {
        Ok(bytes) => decode(&bytes).with_context(|| format!("{} is damaged", published.display())),
        Err(_) => Ok(directory.signed.clone()),
    }
}

/// The directory acknowledgements of `campaign` are judged against: the one it ran under
/// (its members are those who answer for each PoC, as in a bundle), with every revocation
/// known since added, so a key revoked after the campaign is reported live.
fn campaign_directory(
    identity: &Identity,
    directory: &TrustedDirectory,
    campaign: &Campaign,
) -> anyhow::Result<TrustedDirectory> {
    if campaign.directory_serial == directory.directory.serial {
        return Ok(directory.clone());
    }
    let signed = campaign_signed_directory(identity, directory, campaign)?;
    let verified = poc_keys::verified::verify_any_directory(
        &identity.config.custodian_key,
        &signed,
    )
    .or_else(|_| {
        poc_keys::verified::verify_any_directory(&directory.directory.custodian_key, &signed)
    });
    let Ok(mut verified) = verified else {
        return Ok(directory.clone());
    };
    for revocation in &directory.directory.revoked {
        if !verified
            .revoked
            .iter()
            .any(|r| r.fingerprint == revocation.fingerprint)
        {
            verified.revoked.push(revocation.clone());
        }
    }
    Ok(TrustedDirectory {
        digest: poc_keys::directory::directory_digest(&signed),
        signed,
        directory: verified,
    })
}

/// Evaluates a campaign from the custodian's local inbox (fetch first), against the
/// directory the campaign ran under (see [`campaign_directory`]).
pub fn evaluate(
    identity: &Identity,
    directory: &TrustedDirectory,
    campaign: &Campaign,
) -> anyhow::Result<Evaluation> {
    let mailbox = Mailbox::new(&identity.home);
    let mut acks = Vec::new();
    let mut forged = Vec::new();
    for id in mailbox.ids()? {
        let (envelope, _) = mailbox.load(&id)?;
        // The signature is checked against the key inside; who that key belongs to is
        // judged by `classify`, so forged acknowledgements are reported, not dropped.
        let key = identity.key_for(&envelope.to);
        let opened = match poc_keys::open(key, &envelope) {
            Ok(opened) => opened,
            Err(poc_keys::OpenError::BadSignature(_)) => {
                // Reported as invalid, but kept out of the evidence: a bundle carries only
                // what verifies, so that any change to it is detected.
                forged.extend(claimed_message(key, &envelope));
                continue;
            }
            Err(_) => continue,
        };
        let Ok(message) = decode::<Message>(&opened.body) else {
            continue;
        };
        let evidence = AckEvidence {
            id: envelope.id,
            to: envelope.to,
            priority: envelope.priority,
            expires_at: envelope.expires_at,
            sender: opened.sender,
            signature: opened.signature,
            body: opened.body,
        };
        acks.push((evidence, message));
    }
    let directory = campaign_directory(identity, directory, campaign)?;
    Ok(classify(campaign, &directory, &acks, &forged))
}

/// What an envelope whose signature does not verify claims to say: it decrypts, but nothing
/// in it is proven (not even who sent it).
fn claimed_message(key: &poc_keys::PocKey, envelope: &Envelope) -> Option<Message> {
    let plaintext =
        poc_keys::seal::decrypt_own(key, &envelope.payload, poc_proto::limits::MAX_SEALED_BYTES)
            .ok()?;
    let sealed: poc_proto::Sealed = decode(&plaintext).ok()?;
    decode(&sealed.body).ok()
}

/// A proof bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    /// [`BUNDLE_FORMAT`].
    pub format: String,
    /// `encode(Campaign)`.
    pub campaign: Vec<u8>,
    /// Custodian signature over `"poc/campaign/v1" | 0 | campaign`, by `signer`.
    pub campaign_signature: SignatureBytes,
    /// The custodian key that wrote the bundle (it may have rotated since the campaign).
    pub signer: PublicKeyBytes,
    /// Custodian key rotations leading from the pinned key to `signer`.
    pub signer_rotations: Vec<poc_proto::KeyRotation>,
    /// The signed directory in force for the campaign.
    pub directory: SignedDirectory,
    /// Every acknowledgement concerning the campaign.
    pub acks: Vec<AckEvidence>,
}

/// Writes the bundle of a campaign.
pub fn bundle(
    identity: &Identity,
    directory: &TrustedDirectory,
    campaign: &Campaign,
) -> anyhow::Result<Vec<u8>> {
    let evaluation = evaluate(identity, directory, campaign)?;
    let signed_directory = campaign_signed_directory(identity, directory, campaign)?;
    let body = encode(campaign)?;
    let bundle = Bundle {
        format: BUNDLE_FORMAT.into(),
        signer: identity.key.signing_public(),
        signer_rotations: super::custodian::state(&identity.home)?.rotations,
        campaign_signature: identity
            .key
            .sign(poc_keys::signing::domain::CAMPAIGN, &[&body]),
        campaign: body,
        directory: signed_directory,
        acks: evaluation.evidence,
    };
    Ok(encode(&bundle)?)
}

/// What an offline check of a bundle found.
#[derive(Debug, Clone)]
pub struct BundleCheck {
    /// The campaign.
    pub campaign: Campaign,
    /// Verdicts recomputed from the bundle alone.
    pub evaluation: Evaluation,
    /// Acknowledgements whose signature or content is broken.
    pub failures: Vec<AckFailure>,
    /// The directory of the campaign, as the bundle carries it (verified).
    pub directory: poc_keys::verified::VerifiedDirectory,
}

/// An acknowledgement in a bundle that fails verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AckFailure {
    /// Its position in the bundle (from 0).
    pub index: usize,
    /// The PoC it claims to come from (or `an unknown key`).
    pub claims: String,
    /// The check it fails.
    pub check: AckCheck,
    /// Why it fails, in one sentence.
    pub reason: String,
}

/// The checks every acknowledgement of a bundle must pass, in the order they are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AckCheck {
    /// It is addressed to the custodian's mailbox.
    AddressedToCustodian,
    /// Its signature verifies with the sender key it carries.
    Signature,
    /// Its body is a ping acknowledgement.
    PingAck,
}

impl std::fmt::Display for AckFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "acknowledgement #{} (claims {}): {}",
            self.index, self.claims, self.reason
        )
    }
}

/// Some acknowledgements in a bundle do not verify: the bundle was altered or forged.
#[derive(Debug, thiserror::Error)]
#[error("{} acknowledgement(s) in the bundle failed verification: {}", .0.len(), failure_list(.0))]
pub struct BundleAltered(pub Vec<AckFailure>);

fn failure_list(failures: &[AckFailure]) -> String {
    failures
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl BundleCheck {
    /// The report of the check, made at `now` (unix seconds).
    pub fn report(&self, now: u64) -> CampaignReport {
        CampaignReport::new(&self.campaign, &self.evaluation, now)
    }
}

/// Why a bundle cannot be checked at all. Each sentence says what is wrong in plain words and
/// what to do; none carries a decoder's internal message.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BundleError {
    /// Not a bundle, or a bundle cut short or damaged (in transfer, by an editor).
    #[error("the file is not a ping proof bundle, or it was cut short or damaged on the way; ask the custodian to send it again (`poc ping report CAMPAIGN --bundle FILE` writes it) and compare its SHA-256 with the one the custodian gives")]
    Damaged,
    /// A bundle of a format this version does not know.
    #[error("the bundle is in a format this version of poc does not know (not {expected}); verify it with the poc version the custodian used")]
    UnknownFormat {
        /// The format this version reads.
        expected: &'static str,
    },
    /// The bundle was not written by the custodian whose key was given (or was altered).
    #[error("the bundle is not signed by this custodian key: check that --custodian-key is the custodian.pub of the custodian who wrote it (or run this in a PoC home of that directory); if it is, the bundle was altered, ask the custodian to send it again")]
    OtherCustodian,
    /// The campaign record is not signed by the custodian.
    #[error("the campaign record in the bundle is not signed by this custodian key: the bundle was altered or comes from another custodian; check --custodian-key and ask the custodian to send it again")]
    BadCampaignSignature,
    /// The bundled directory is not the one the campaign ran under.
    #[error("the bundled directory (serial {directory}) is not the one of the campaign (serial {campaign}): the bundle was put together wrongly; ask the custodian to write it again")]
    WrongDirectory {
        /// Serial of the bundled directory.
        directory: u64,
        /// Serial recorded in the campaign.
        campaign: u64,
    },
}

/// The bundle error a directory check gives: a directory that does not decode is a damaged
/// bundle, one under another key another custodian's; the rest say what is wrong with it.
fn directory_problem(error: poc_keys::directory::DirectoryError) -> anyhow::Error {
    use poc_keys::directory::DirectoryError;
    match error {
        DirectoryError::Malformed { .. } => BundleError::Damaged.into(),
        DirectoryError::BadCustodianSignature(_) | DirectoryError::UnknownCustodian { .. } => {
            BundleError::OtherCustodian.into()
        }
        other => anyhow::Error::new(other).context("the directory in the bundle is not valid"),
    }
}

/// Re-verifies a bundle with nothing but the custodian public key. A bundle that cannot be
/// checked at all (malformed, not signed by the custodian, wrong directory) is a verification
/// failure; broken acknowledgements are listed in [`BundleCheck::failures`].
pub fn verify_bundle(bytes: &[u8], custodian: &PublicKeyBytes) -> anyhow::Result<BundleCheck> {
    Ok(check_bundle(bytes, custodian).verification()?)
}

fn check_bundle(bytes: &[u8], custodian: &PublicKeyBytes) -> anyhow::Result<BundleCheck> {
    let bundle: Bundle = decode(bytes).map_err(|_| BundleError::Damaged)?;
    if bundle.format != BUNDLE_FORMAT {
        return Err(BundleError::UnknownFormat {
            expected: BUNDLE_FORMAT,
        }
        .into());
    }
    let directory = poc_keys::verified::verify_any_directory(custodian, &bundle.directory)
        .map_err(directory_problem)?;
    // The writer may be a later custodian key: it must be reached from the pinned key.
    poc_keys::rotation::follow_chain(custodian, &bundle.signer_rotations, &bundle.signer)
        .map_err(|_| BundleError::BadCampaignSignature)?;
    poc_keys::signing::verify(
        &bundle.signer,
        poc_keys::signing::domain::CAMPAIGN,
        &[&bundle.campaign],
        &bundle.campaign_signature,
    )
    .map_err(|_| BundleError::BadCampaignSignature)?;
    // Signed by the custodian yet not a campaign: written by a broken or foreign program.
    let campaign: Campaign = decode(&bundle.campaign).map_err(|_| BundleError::Damaged)?;
    if campaign.directory_serial != directory.serial {
        return Err(BundleError::WrongDirectory {
            directory: directory.serial,
            campaign: campaign.directory_serial,
        }
        .into());
    }
    let custodian_mailbox = poc_keys::mailbox_id(&directory.custodian_key);
    let trusted = TrustedDirectory {
        digest: poc_keys::directory::directory_digest(&bundle.directory),
        signed: bundle.directory.clone(),
        directory,
    };
    let mut acks = Vec::new();
    let mut failures = Vec::new();
    for (i, ev) in bundle.acks.iter().enumerate() {
        // Name the PoC by its signing key (the body may be what was altered).
        let claimed = trusted
            .member_name(&ev.sender)
            .or_else(|| decode::<Message>(&ev.body).ok().map(|m| m.from.to_string()))
            .unwrap_or_else(|| "an unknown key".into());
        if ev.to != custodian_mailbox {
            failures.push(AckFailure {
                index: i,
                claims: claimed,
                check: AckCheck::AddressedToCustodian,
                reason: "not addressed to the custodian".into(),
            });
            continue;
        }
        if verify_message(&ev.header(), &ev.sender, &ev.body, &ev.signature).is_err() {
            failures.push(AckFailure {
                index: i,
                claims: claimed,
                check: AckCheck::Signature,
                reason: FORGED.into(),
            });
            continue;
        }
        match decode::<Message>(&ev.body) {
            Ok(message) if matches!(message.kind, MessageKind::PingAck(_)) => {
                acks.push((ev.clone(), message))
            }
            _ => failures.push(AckFailure {
                index: i,
                claims: claimed,
                check: AckCheck::PingAck,
                reason: "not a ping acknowledgement".into(),
            }),
        }
    }
    Ok(BundleCheck {
        evaluation: classify(&campaign, &trusted, &acks, &[]),
        campaign,
        failures,
        directory: trusted.directory,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(format: &str, directory_body: Vec<u8>) -> Vec<u8> {
        encode(&Bundle {
            format: format.into(),
            campaign: vec![1, 2, 3],
            campaign_signature: SignatureBytes([0; 64]),
            signer: PublicKeyBytes([9; 32]),
            signer_rotations: Vec::new(),
            directory: SignedDirectory {
                body: directory_body,
                signature: SignatureBytes([0; 64]),
            },
            acks: Vec::new(),
        })
        .unwrap()
    }

    /// A v2 directory: MEX.technical with the members "desk" and "on-call laptop 2",
    /// FRA.technical held by one key (no label); with `laptop_revoked`, the laptop is
    /// revoked for that reason (and so no longer a member).
    struct Teams {
        desk: poc_keys::PocKey,
        laptop: poc_keys::PocKey,
        fra: poc_keys::PocKey,
        directory: TrustedDirectory,
    }

    const NOW: u64 = 1_800_000_000;

    fn teams(laptop_revoked: Option<&str>) -> Teams {
        use poc_keys::team::{sign_member, sign_team_directory};
        let custodian = poc_keys::PocKey::generate();
        let (desk, laptop, fra) = (
            poc_keys::PocKey::generate(),
            poc_keys::PocKey::generate(),
            poc_keys::PocKey::generate(),
        );
        let mex: PocId = "MEX.technical".parse().unwrap();
        let mut members = vec![sign_member(&desk, &mex, "desk", 1).unwrap()];
        if laptop_revoked.is_none() {
            members.push(sign_member(&laptop, &mex, "on-call laptop 2", 1).unwrap());
        }
        let fra_entry = poc_keys::directory::sign_entry(
            &fra,
            poc_proto::EntryBody {
                id: "FRA.technical".parse().unwrap(),
                org_name: "CERT-FR".into(),
                webpage: None,
                emails: vec![],
                phones: vec![],
                languages: vec!["fr".into()],
                time_zone: None,
                signing_key: fra.signing_public(),
                encryption_key: fra.public().encryption.to_string(),
                created_at: 1,
                updated_at: 1,
            },
        )
        .unwrap();
        let v2 = poc_proto::TeamDirectory {
            format: poc_proto::DIRECTORY_V2_FORMAT,
            serial: 4,
            issued_at: NOW,
            expires_at: NOW + 3600,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            teams: vec![poc_proto::Team {
                body: poc_proto::TeamBody {
                    id: mex,
                    org_name: "CERT-MX".into(),
                    webpage: None,
                    emails: vec![],
                    phones: vec![],
                    languages: vec!["es".into()],
                    time_zone: None,
                    created_at: 1,
                    updated_at: 1,
                },
                members,
            }],
            entries: vec![fra_entry],
            revoked: laptop_revoked
                .iter()
                .map(|reason| poc_proto::Revocation {
                    fingerprint: poc_keys::fingerprint(&laptop.signing_public()),
                    id: "MEX.technical".parse().unwrap(),
                    reason: (*reason).into(),
                    revoked_at: NOW,
                })
                .collect(),
            relays: vec![],
        };
        let signed = sign_team_directory(&custodian, &v2).unwrap();
        let directory = TrustedDirectory {
            digest: poc_keys::directory::directory_digest(&signed),
            directory: poc_keys::verified::verify_any_directory(
                &custodian.signing_public(),
                &signed,
            )
            .unwrap(),
            signed,
        };
        Teams {
            desk,
            laptop,
            fra,
            directory,
        }
    }

    fn campaign(t: &Teams) -> Campaign {
        let target = |id: &str, key: &poc_keys::PocKey, n: u8| Target {
            id: id.parse().unwrap(),
            signing_key: key.signing_public(),
            nonce: [n; 32],
            envelopes: vec![EnvelopeId([n; 16])],
            sent_at: NOW,
        };
        Campaign {
            id: [9; 16],
            created_at: NOW,
            deadline: NOW + 600,
            directory_serial: 4,
            exercise: false,
            note: None,
            targets: vec![
                target("MEX.technical", &t.desk, 1),
                target("FRA.technical", &t.fra, 2),
            ],
        }
    }

    /// An acknowledgement of `target` signed by `signer`, sent `after` seconds into the
    /// campaign.
    fn ack(
        campaign: &Campaign,
        target: usize,
        signer: &poc_keys::PocKey,
        after: u64,
    ) -> (AckEvidence, Message) {
        let t = &campaign.targets[target];
        let message = Message {
            from: t.id.clone(),
            to: "UN.custodian".parse().unwrap(),
            sent_at: NOW + after,
            thread: t.envelopes.first().copied(),
            language: "en".into(),
            tlp: Tlp::Clear,
            exercise: false,
            kind: MessageKind::PingAck(PingAck {
                campaign: campaign.id,
                nonce: t.nonce,
                ping_envelope: t.envelopes[0],
                received_at: NOW + after,
                automatic: false,
            }),
            attachments: vec![],
        };
        let evidence = AckEvidence {
            id: EnvelopeId(poc_keys::random_bytes::<16>()),
            to: MailboxId([0; 32]),
            priority: Priority::Low,
            expires_at: NOW + 3600,
            sender: signer.signing_public(),
            signature: SignatureBytes([0; 64]),
            body: encode(&message).unwrap(),
        };
        (evidence, message)
    }

    fn result<'a>(evaluation: &'a Evaluation, id: &str) -> &'a TargetResult {
        evaluation
            .results
            .iter()
            .find(|r| r.id.to_string() == id)
            .unwrap()
    }

    #[test]
    fn the_second_member_answers_for_its_poc_and_is_named() {
        let t = teams(None);
        let c = campaign(&t);
        let evaluation = classify(
            &c,
            &t.directory,
            &[ack(&c, 0, &t.laptop, 30), ack(&c, 1, &t.fra, 40)],
            &[],
        );
        let mex = result(&evaluation, "MEX.technical");
        assert_eq!(mex.outcome, Outcome::OnTime, "{mex:?}");
        assert_eq!(mex.latency_seconds, Some(30));
        assert_eq!(mex.member.as_deref(), Some("on-call laptop 2"));
        assert_eq!(mex.answered_by(), "MEX.technical (on-call laptop 2)");
        assert!(mex.problems.is_empty(), "{mex:?}");
        // A PoC of one key: counted, no member named.
        let fra = result(&evaluation, "FRA.technical");
        assert_eq!(fra.outcome, Outcome::OnTime);
        assert_eq!(fra.member, None);
        assert_eq!(fra.answered_by(), "FRA.technical");
        assert_eq!(evaluation.evidence.len(), 2);
    }

    #[test]
    fn the_earliest_answer_of_a_team_counts_and_a_later_one_is_no_problem() {
        let t = teams(None);
        let c = campaign(&t);
        // In inbox order the later answer may come first.
        for acks in [
            vec![ack(&c, 0, &t.desk, 200), ack(&c, 0, &t.laptop, 20)],
            vec![ack(&c, 0, &t.laptop, 20), ack(&c, 0, &t.desk, 200)],
        ] {
            let evaluation = classify(&c, &t.directory, &acks, &[]);
            let mex = result(&evaluation, "MEX.technical");
            assert_eq!(mex.outcome, Outcome::OnTime);
            assert_eq!(mex.latency_seconds, Some(20));
            assert_eq!(mex.member.as_deref(), Some("on-call laptop 2"));
            assert!(mex.problems.is_empty(), "{mex:?}");
        }
        // On time beats an earlier-listed late answer by the other member.
        let evaluation = classify(
            &c,
            &t.directory,
            &[ack(&c, 0, &t.desk, 700), ack(&c, 0, &t.laptop, 500)],
            &[],
        );
        let mex = result(&evaluation, "MEX.technical");
        assert_eq!(
            (mex.outcome, mex.member.as_deref()),
            (Outcome::OnTime, Some("on-call laptop 2"))
        );
        // Only late answers: the earliest late one counts.
        let evaluation = classify(
            &c,
            &t.directory,
            &[ack(&c, 0, &t.desk, 900), ack(&c, 0, &t.laptop, 700)],
            &[],
        );
        let mex = result(&evaluation, "MEX.technical");
        assert_eq!(
            (mex.outcome, mex.member.as_deref()),
            (Outcome::Late, Some("on-call laptop 2"))
        );
    }

    #[test]
    fn a_revoked_member_or_a_key_of_another_poc_does_not_answer_for_the_team() {
        let t = teams(Some("laptop lost"));
        let c = campaign(&t);
        // The revoked member's answer: not counted, reported as revoked, with the reason.
        let evaluation = classify(&c, &t.directory, &[ack(&c, 0, &t.laptop, 30)], &[]);
        let mex = result(&evaluation, "MEX.technical");
        assert_eq!(mex.outcome, Outcome::Invalid, "{mex:?}");
        assert_eq!(mex.member, None);
        assert_eq!(mex.problems, ["signed with a revoked key (laptop lost)"]);
        // With the other member's answer too, the team counts, by that member.
        let evaluation = classify(
            &c,
            &t.directory,
            &[ack(&c, 0, &t.laptop, 30), ack(&c, 0, &t.desk, 60)],
            &[],
        );
        let mex = result(&evaluation, "MEX.technical");
        assert_eq!(mex.outcome, Outcome::OnTime);
        assert_eq!(mex.member.as_deref(), Some("desk"));
        assert_eq!(mex.problems, ["signed with a revoked key (laptop lost)"]);
        // FRA's key answering for MEX.technical, a MEX member answering for FRA, a stranger.
        let stranger = poc_keys::PocKey::generate();
        let evaluation = classify(
            &c,
            &t.directory,
            &[
                ack(&c, 0, &t.fra, 10),
                ack(&c, 1, &t.desk, 10),
                ack(&c, 1, &stranger, 10),
            ],
            &[],
        );
        let mex = result(&evaluation, "MEX.technical");
        assert_eq!(mex.outcome, Outcome::Invalid);
        assert_eq!(mex.problems, ["signed with the key of FRA.technical"]);
        let fra = result(&evaluation, "FRA.technical");
        assert_eq!(fra.outcome, Outcome::Invalid);
        assert_eq!(
            fra.problems,
            [
                "signed with the key of MEX.technical",
                "signed with a key that is not in the directory (forged?)"
            ]
        );
    }

    fn bundle_error(bytes: &[u8]) -> BundleError {
        let error = check_bundle(bytes, &PublicKeyBytes([9; 32])).unwrap_err();
        let sentence = format!("{error:#}");
        for debug in ["{", "}", "Error(", "UnexpectedEnd", "additional"] {
            assert!(!sentence.contains(debug), "Debug text in: {sentence}");
        }
        error.downcast::<BundleError>().unwrap()
    }

    #[test]
    fn a_truncated_or_garbled_bundle_is_called_damaged_in_plain_words() {
        let whole = bundle(BUNDLE_FORMAT, vec![0xff; 40]);
        for len in [0, 1, whole.len() / 2, whole.len() - 1] {
            assert_eq!(bundle_error(&whole[..len]), BundleError::Damaged, "{len}");
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert_eq!(bundle_error(&longer), BundleError::Damaged);
        assert_eq!(
            bundle_error(b"{\"not\": \"a bundle\"}\n"),
            BundleError::Damaged
        );
        // A well-formed bundle whose directory does not decode.
        assert_eq!(bundle_error(&whole), BundleError::Damaged);
        let sentence = BundleError::Damaged.to_string();
        assert!(
            sentence.contains("cut short or damaged") && sentence.contains("SHA-256"),
            "{sentence}"
        );
    }

    #[test]
    fn a_bundle_of_another_format_names_the_format_this_version_reads() {
        let error = bundle_error(&bundle("poc-ping-bundle-v9 {\"x\"}", vec![]));
        assert_eq!(
            error,
            BundleError::UnknownFormat {
                expected: BUNDLE_FORMAT
            }
        );
        assert!(error.to_string().contains(BUNDLE_FORMAT));
    }

    #[test]
    fn every_bundle_error_says_what_to_do() {
        for error in [
            BundleError::Damaged,
            BundleError::UnknownFormat {
                expected: BUNDLE_FORMAT,
            },
            BundleError::OtherCustodian,
            BundleError::BadCampaignSignature,
            BundleError::WrongDirectory {
                directory: 2,
                campaign: 3,
            },
        ] {
            let sentence = error.to_string();
            assert!(
                sentence.contains("ask the custodian")
                    || sentence.contains("verify it with the poc version"),
                "{sentence}"
            );
            assert!(!sentence.contains('{'), "{sentence}");
        }
    }
}
