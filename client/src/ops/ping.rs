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

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Context;
use poc_keys::seal::verify_message;
use poc_keys::RoutingHeader;
use poc_proto::{
    decode, encode, Envelope, EnvelopeId, MailboxId, Message, MessageKind, Ping, PingAck, PocId,
    Priority, PublicKeyBytes, Role, SignatureBytes, SignedDirectory, Tlp,
};
use serde::{Deserialize, Serialize};

use super::Identity;
use crate::home::write_atomic;
use crate::mailbox::Mailbox;
use crate::transport::RelayClient;
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

/// The campaign whose id starts with `prefix`.
pub fn find(identity: &Identity, prefix: &str) -> anyhow::Result<Campaign> {
    let prefix = prefix.trim().to_ascii_lowercase();
    let mut matches: Vec<Campaign> = list(identity)?
        .into_iter()
        .filter(|c| !prefix.is_empty() && c.id_text().starts_with(&prefix))
        .collect();
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 => Err(crate::mailbox::LookupError::NotFound(format!("campaign {prefix}")).into()),
        _ => Err(crate::mailbox::LookupError::Ambiguous(prefix).into()),
    }
}

fn ping_envelope(
    identity: &Identity,
    directory: &TrustedDirectory,
    campaign: &Campaign,
    target: &Target,
) -> anyhow::Result<Envelope> {
    let public = directory
        .public(&target.id)
        .context("target left the directory")?;
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
    let header = RoutingHeader {
        id: EnvelopeId(poc_keys::random_bytes::<16>()),
        to: public.mailbox(),
        priority: Priority::Medium,
        expires_at: campaign.deadline.max(identity.now()) + poc_proto::limits::DEFAULT_TTL_SECS,
    };
    Ok(poc_keys::seal(
        &identity.key,
        &public.encryption,
        header,
        &encode(&message)?,
    )?)
}

/// What sending pings left to tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PingWarnings {
    /// PoCs not pinged because their relay mailbox is full (ids, or mailboxes no longer in
    /// the directory); they count as not answering.
    pub mailbox_full: Vec<String>,
}

impl PingWarnings {
    /// The warning sentences, one per line (none when everyone was pinged).
    pub fn lines(&self) -> Vec<String> {
        if self.mailbox_full.is_empty() {
            return Vec::new();
        }
        vec![format!(
            "warning: not pinged, their relay mailbox is full: {}",
            self.mailbox_full.join(", ")
        )]
    }
}

/// A campaign just started.
#[derive(Debug, Clone)]
pub struct Started {
    /// The campaign as recorded.
    pub campaign: Campaign,
    /// What the user should hear.
    pub warnings: PingWarnings,
}

/// Reminders just sent.
#[derive(Debug, Clone)]
pub struct Reminded {
    /// The PoCs pinged again.
    pub reminded: Vec<PocId>,
    /// What the user should hear.
    pub warnings: PingWarnings,
}

/// Submits envelopes in batches, reporting progress as (done, total). PoCs whose relay
/// mailbox is full are returned (they count as not answering); everyone else is pinged.
async fn submit_batches(
    client: &RelayClient<'_>,
    directory: &TrustedDirectory,
    envelopes: Vec<Envelope>,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<PingWarnings> {
    let delivered = super::deliver::deliver_all(client, envelopes, 64, progress).await?;
    if !delivered.full.is_empty() {
        let names: Vec<String> = delivered
            .full
            .iter()
            .map(|m| {
                directory
                    .directory
                    .entries
                    .iter()
                    .find(|e| poc_keys::mailbox_id(&e.body.signing_key) == *m)
                    .map_or_else(|| m.to_string(), |e| e.body.id.to_string())
            })
            .collect();
        return Ok(PingWarnings {
            mailbox_full: names,
        });
    }
    Ok(PingWarnings::default())
}

/// Starts a campaign: picks the PoCs, records the campaign, sends every ping.
pub async fn start(
    identity: &Identity,
    client: &RelayClient<'_>,
    directory: &TrustedDirectory,
    options: &CampaignOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<Started> {
    let me = &identity.config.id;
    let chosen: Vec<PocId> = if options.all || (options.to.is_empty() && options.role.is_some()) {
        directory
            .directory
            .entries
            .iter()
            .map(|e| e.body.id.clone())
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
    let mut envelopes = Vec::new();
    for id in chosen {
        let entry = directory
            .entry(&id)
            .with_context(|| format!("{id} is not in the directory"))?;
        let mut target = Target {
            id: id.clone(),
            signing_key: entry.body.signing_key,
            nonce: poc_keys::random_bytes::<32>(),
            envelopes: Vec::new(),
            sent_at: created_at,
        };
        let envelope = ping_envelope(identity, directory, &campaign, &target)?;
        target.envelopes.push(envelope.id);
        envelopes.push(envelope);
        campaign.targets.push(target);
    }
    // Recorded before sending, so acknowledgements can be matched whatever happens next.
    save(identity, &campaign)?;
    let warnings = submit_batches(client, directory, envelopes, progress).await?;
    Ok(Started { campaign, warnings })
}

/// Pings again every PoC without a valid acknowledgement (same nonce, new envelope).
pub async fn remind(
    identity: &Identity,
    client: &RelayClient<'_>,
    directory: &TrustedDirectory,
    campaign: &mut Campaign,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<Reminded> {
    let results = evaluate(identity, directory, campaign)?.results;
    let mut envelopes = Vec::new();
    let mut reminded = Vec::new();
    // What a ping carries of the campaign (the targets are not needed to build one).
    let meta = Campaign {
        targets: Vec::new(),
        ..campaign.clone()
    };
    for target in campaign.targets.iter_mut() {
        let answered = results.iter().any(|r| {
            r.id == target.id && matches!(r.outcome, Outcome::OnTime { .. } | Outcome::Late { .. })
        });
        if answered || directory.entry(&target.id).is_none() {
            continue;
        }
        let envelope = ping_envelope(identity, directory, &meta, target)?;
        target.envelopes.push(envelope.id);
        envelopes.push(envelope);
        reminded.push(target.id.clone());
    }
    save(identity, campaign)?;
    let warnings = submit_batches(client, directory, envelopes, progress).await?;
    Ok(Reminded { reminded, warnings })
}

/// How a PoC answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A valid acknowledgement before the deadline.
    OnTime {
        /// Seconds from ping to acknowledgement.
        latency: u64,
    },
    /// A valid acknowledgement after the deadline.
    Late {
        /// Seconds from ping to acknowledgement.
        latency: u64,
    },
    /// Nothing.
    NoAnswer,
    /// Only invalid acknowledgements.
    Invalid,
}

/// The verdict for one PoC.
#[derive(Debug, Clone)]
pub struct TargetResult {
    /// The PoC.
    pub id: PocId,
    /// Its outcome.
    pub outcome: Outcome,
    /// The valid acknowledgement was sent by a program.
    pub automatic: bool,
    /// Problems found with acknowledgements claiming to come from it.
    pub problems: Vec<String>,
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

/// Classifies acknowledgements (already signature-checked) against the campaign.
fn classify(
    campaign: &Campaign,
    directory: &TrustedDirectory,
    acks: &[(AckEvidence, Message)],
) -> Evaluation {
    let mut best: HashMap<&PocId, (Outcome, bool)> = HashMap::new();
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
                    Outcome::OnTime { latency }
                } else {
                    Outcome::Late { latency }
                };
                let better = match best.get(&target.id) {
                    None => true,
                    Some((Outcome::Late { .. }, _)) => matches!(outcome, Outcome::OnTime { .. }),
                    Some((Outcome::OnTime { latency: l }, _)) => {
                        matches!(outcome, Outcome::OnTime { latency: n } if n < *l)
                    }
                    Some(_) => true,
                };
                if better {
                    best.insert(&target.id, (outcome, ack.automatic));
                }
            }
        }
    }
    let results = campaign
        .targets
        .iter()
        .map(|t| {
            let problems = problems.remove(&t.id).unwrap_or_default();
            let (outcome, automatic) = match best.remove(&t.id) {
                Some(found) => found,
                None if !problems.is_empty() => (Outcome::Invalid, false),
                None => (Outcome::NoAnswer, false),
            };
            TargetResult {
                id: t.id.clone(),
                outcome,
                automatic,
                problems,
            }
        })
        .collect();
    Evaluation { results, evidence }
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
    if ev.sender != target.signing_key {
        return Some(match directory.entry_by_key(&ev.sender) {
            None => "signed with a key that is not in the directory (forged?)".into(),
            Some(other) => format!("signed with the key of {}", other.body.id),
        });
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

/// Evaluates a campaign from the custodian's local inbox (fetch first).
pub fn evaluate(
    identity: &Identity,
    directory: &TrustedDirectory,
    campaign: &Campaign,
) -> anyhow::Result<Evaluation> {
    let mailbox = Mailbox::new(&identity.home);
    let mut acks = Vec::new();
    for id in mailbox.ids()? {
        let (envelope, _) = mailbox.load(&id)?;
        // The signature is checked against the key inside; who that key belongs to is
        // judged by `classify`, so forged acknowledgements are reported, not dropped.
        let Ok(opened) = poc_keys::open(identity.key_for(&envelope.to), &envelope) else {
            continue;
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
    Ok(classify(campaign, directory, &acks))
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
    let published = identity
        .home
        .path("custodian/published")
        .join(format!("{}.bin", campaign.directory_serial));
    let signed_directory: SignedDirectory = match std::fs::read(&published) {
        Ok(bytes) => {
            decode(&bytes).with_context(|| format!("{} is damaged", published.display()))?
        }
        Err(_) => directory.signed.clone(),
    };
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
    /// Acknowledgements whose signature or content is broken: (index in the bundle, claimed
    /// sender, reason).
    pub failures: Vec<(usize, String, String)>,
}

/// Why a bundle cannot be checked at all.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Not a bundle.
    #[error("not a ping bundle ({0})")]
    Malformed(String),
    /// The campaign record is not signed by the custodian.
    #[error("the campaign record is not signed by the custodian key")]
    BadCampaignSignature,
    /// The bundled directory is not the one the campaign ran under.
    #[error("the bundled directory (serial {directory}) is not the one of the campaign (serial {campaign})")]
    WrongDirectory {
        /// Serial of the bundled directory.
        directory: u64,
        /// Serial recorded in the campaign.
        campaign: u64,
    },
}

/// Re-verifies a bundle with nothing but the custodian public key.
pub fn verify_bundle(bytes: &[u8], custodian: &PublicKeyBytes) -> anyhow::Result<BundleCheck> {
    let bundle: Bundle = decode(bytes).map_err(|e| BundleError::Malformed(e.to_string()))?;
    if bundle.format != BUNDLE_FORMAT {
        return Err(BundleError::Malformed(format!("format {}", bundle.format)).into());
    }
    let directory = poc_keys::directory::verify_directory(custodian, &bundle.directory)?;
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
    let campaign: Campaign =
        decode(&bundle.campaign).map_err(|e| BundleError::Malformed(e.to_string()))?;
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
            .entry_by_key(&ev.sender)
            .map(|e| e.body.id.to_string())
            .or_else(|| decode::<Message>(&ev.body).ok().map(|m| m.from.to_string()))
            .unwrap_or_else(|| "an unknown key".into());
        if ev.to != custodian_mailbox {
            failures.push((i, claimed, "not addressed to the custodian".into()));
            continue;
        }
        if verify_message(&ev.header(), &ev.sender, &ev.body, &ev.signature).is_err() {
            failures.push((
                i,
                claimed,
                "signature does not verify (altered or forged)".into(),
            ));
            continue;
        }
        match decode::<Message>(&ev.body) {
            Ok(message) if matches!(message.kind, MessageKind::PingAck(_)) => {
                acks.push((ev.clone(), message))
            }
            _ => failures.push((i, claimed, "not a ping acknowledgement".into())),
        }
    }
    Ok(BundleCheck {
        evaluation: classify(&campaign, &trusted, &acks),
        campaign,
        failures,
    })
}
