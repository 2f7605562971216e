//! Scenario-based exercises: timed injects (fictional incident notifications or assistance
//! requests, always marked EXERCISE) from the exercise controller to chosen PoCs, each with an
//! expected answer and a deadline, and the after-action view of who did what, when.
//!
//! A scenario is a TOML file (see `docs/exercise-example.toml`); `--speed N` compresses its
//! time N-fold (offsets and deadlines) for drills and tests.

use std::path::{Path, PathBuf};

use anyhow::Context;
use poc_proto::{decode, encode, EnvelopeId, MessageKind, PocId, Priority, Tlp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::send::{expand, send, Outgoing, SentEnvelope};
use super::{inbox, Identity};
use crate::compose::{self, Kind};
use crate::error::Failure;
use crate::home::write_atomic;
use crate::json::Timestamp;
use crate::transport::RelayClient;
use crate::trust::{hex, TrustedDirectory};

/// What an inject expects from each recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    /// A signed receipt (`poc ack`).
    Ack,
    /// A status response (`poc reply`).
    Reply,
}

/// One inject of a scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectSpec {
    /// Offset from the start, e.g. `30m`.
    pub at: String,
    /// PoC ids or State codes.
    pub to: Vec<String>,
    /// incident or assistance (any message type is accepted).
    #[serde(rename = "type")]
    pub kind: String,
    /// high, medium or low.
    pub priority: String,
    /// TLP label [default amber].
    pub tlp: Option<String>,
    /// What each recipient should do.
    pub expect: Expect,
    /// For `reply`: the status expected (received, channelled, in_progress, resolved, declined).
    pub expect_status: Option<String>,
    /// Time to answer after the inject is sent, e.g. `2h`.
    pub deadline: String,
    /// Template fields.
    #[serde(default)]
    pub fields: toml::Table,
}

/// A scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Name of the exercise.
    pub name: String,
    /// What it trains.
    pub description: Option<String>,
    /// The injects.
    #[serde(rename = "inject")]
    pub injects: Vec<InjectSpec>,
}

fn duration(text: &str, what: &str) -> anyhow::Result<u64> {
    humantime::parse_duration(text)
        .map(|d| d.as_secs())
        .with_context(|| format!("{what}: `{text}` is not a duration (e.g. 30m, 2h)"))
}

impl Scenario {
    /// Reads and checks a scenario: every inject must compose (fields, fixed values,
    /// durations) before anything is sent.
    pub fn load(path: &Path) -> anyhow::Result<(Scenario, Vec<MessageKind>)> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let scenario: Scenario = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid scenario", path.display()))?;
        if scenario.injects.is_empty() {
            anyhow::bail!("{}: the scenario has no [[inject]]", path.display());
        }
        let mut kinds = Vec::new();
        for (i, inject) in scenario.injects.iter().enumerate() {
            let n = i + 1;
            duration(&inject.at, &format!("inject {n}: at"))?;
            duration(&inject.deadline, &format!("inject {n}: deadline"))?;
            inject
                .priority
                .parse::<Priority>()
                .map_err(|e| anyhow::anyhow!("inject {n}: {e}"))?;
            if let Some(tlp) = &inject.tlp {
                tlp.parse::<Tlp>()
                    .map_err(|e| anyhow::anyhow!("inject {n}: {e}"))?;
            }
            if let Some(status) = &inject.expect_status {
                compose::status_from(status)
                    .with_context(|| format!("inject {n}: expect_status"))?;
            }
            super::send::check_tokens(&inject.to).with_context(|| format!("inject {n}: to"))?;
            let file = compose::MessageFile {
                fields: inject.fields.clone(),
                ..compose::MessageFile::default()
            };
            let kind = Kind::from_name(&inject.kind).with_context(|| format!("inject {n}"))?;
            kinds.push(
                compose::build(kind, &file.field_pairs()?)
                    .with_context(|| format!("inject {n}"))?,
            );
        }
        Ok((scenario, kinds))
    }
}

/// One inject as sent to one PoC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentInject {
    /// 1-based inject number in the scenario.
    pub inject: usize,
    /// Recipient.
    pub to: PocId,
    /// Envelope.
    pub envelope: EnvelopeId,
    /// Unix seconds it was sent.
    pub sent_at: u64,
    /// Unix seconds by which the answer is expected (compressed).
    pub deadline: u64,
    /// What is expected.
    pub expect: Expect,
    /// Status expected, for replies.
    pub expect_status: Option<String>,
}

/// An exercise as run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    /// Random id.
    pub id: [u8; 16],
    /// Scenario name.
    pub name: String,
    /// Unix seconds.
    pub started_at: u64,
    /// Time compression factor.
    pub speed: u32,
    /// Every inject sent.
    pub sent: Vec<SentInject>,
}

/// One inject as sent to one PoC, as results show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InjectSent {
    /// 1-based inject number in the scenario.
    pub inject: usize,
    /// The recipient PoC.
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub to: PocId,
    /// The envelope id (64 hex digits).
    #[serde(serialize_with = "crate::json::text")]
    #[schemars(with = "String")]
    pub envelope: EnvelopeId,
    /// When it was sent.
    pub sent_at: Timestamp,
    /// When the answer is due (compressed with the exercise's speed).
    pub deadline: Timestamp,
    /// What is expected: a signed receipt (`ack`) or a status reply (`reply`).
    pub expect: Expect,
    /// The status expected, for replies (`received`, `channelled`, `in_progress`, `resolved`,
    /// `declined`).
    pub expect_status: Option<String>,
}

impl From<&SentInject> for InjectSent {
    fn from(s: &SentInject) -> Self {
        InjectSent {
            inject: s.inject,
            to: s.to.clone(),
            envelope: s.envelope,
            sent_at: s.sent_at.into(),
            deadline: s.deadline.into(),
            expect: s.expect,
            expect_status: s.expect_status.clone(),
        }
    }
}

/// An exercise just run (`poc exercise run`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExerciseRun {
    /// The exercise id (32 hex digits).
    pub exercise: String,
    /// The scenario name.
    pub name: String,
    /// When it started.
    pub started_at: Timestamp,
    /// Time compression factor.
    pub speed: u32,
    /// Every envelope sent, one per inject and recipient, in the order sent.
    pub sent: Vec<SentEnvelope>,
    /// What each of those envelopes expects, in the same order.
    pub injects: Vec<InjectSent>,
}

/// One exercise in `poc exercise list`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExerciseSummary {
    /// The exercise id (32 hex digits).
    pub id: String,
    /// The scenario name.
    pub name: String,
    /// When it started.
    pub started_at: Timestamp,
    /// Time compression factor.
    pub speed: u32,
    /// Number of injects sent (one per inject and recipient).
    pub injects_sent: usize,
}

/// The exercises run from this home, newest first.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExerciseList {
    /// The exercises.
    pub exercises: Vec<ExerciseSummary>,
}

impl From<&Exercise> for ExerciseSummary {
    fn from(e: &Exercise) -> Self {
        ExerciseSummary {
            id: hex(&e.id),
            name: e.name.clone(),
            started_at: e.started_at.into(),
            speed: e.speed,
            injects_sent: e.sent.len(),
        }
    }
}

fn dir(identity: &Identity) -> anyhow::Result<PathBuf> {
    identity.home.ensure_dir("exercises")
}

fn save(identity: &Identity, exercise: &Exercise) -> anyhow::Result<()> {
    write_atomic(
        &dir(identity)?.join(format!("{}.bin", hex(&exercise.id))),
        &encode(exercise)?,
    )
}

/// Every exercise run from this home, newest first, as `poc exercise list` shows them.
pub fn summaries(identity: &Identity) -> anyhow::Result<ExerciseList> {
    Ok(ExerciseList {
        exercises: list(identity)?.iter().map(ExerciseSummary::from).collect(),
    })
}

/// The exercise whose id starts with `prefix`, or the latest without one; none is a
/// not-found failure.
pub fn find(identity: &Identity, prefix: Option<&str>) -> anyhow::Result<Exercise> {
    let all = list(identity)?;
    let Some(prefix) = prefix.map(|s| s.trim().to_ascii_lowercase()) else {
        return match all.into_iter().next() {
            Some(latest) => Ok(latest),
            None => Err(Failure::not_found(anyhow::anyhow!(
                "no exercise has been run from this home (see `poc exercise run`)"
            )))?,
        };
    };
    let mut matches: Vec<Exercise> = all
        .into_iter()
        .filter(|e| hex(&e.id).starts_with(&prefix))
        .collect();
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 => Err(Failure::not_found(anyhow::anyhow!(
            "no exercise {prefix} (see `poc exercise list`)"
        )))?,
        _ => anyhow::bail!("`{prefix}` matches several exercises; give more characters"),
    }
}

/// Every exercise run from this home, newest first.
pub fn list(identity: &Identity) -> anyhow::Result<Vec<Exercise>> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir(identity)?)? {
        let path = item?.path();
        if path.extension().is_some_and(|e| e == "bin") {
            out.push(
                decode::<Exercise>(&std::fs::read(&path)?)
                    .with_context(|| format!("{} is damaged", path.display()))?,
            );
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.started_at));
    Ok(out)
}

/// Runs a scenario: sends each inject at its (compressed) time on the identity's clock; `log`
/// hears each send.
pub async fn run(
    identity: &Identity,
    client: &RelayClient<'_>,
    directory: &TrustedDirectory,
    scenario: &Scenario,
    kinds: &[MessageKind],
    speed: u32,
    log: &mut (dyn FnMut(&SentInject) + Send),
) -> anyhow::Result<ExerciseRun> {
    let speed = speed.max(1);
    let clock = &identity.clock;
    let start = clock.now_millis();
    let mut exercise = Exercise {
        id: poc_keys::random_bytes::<16>(),
        name: scenario.name.clone(),
        started_at: start / 1000,
        speed,
        sent: Vec::new(),
    };
    let mut envelopes = Vec::new();
    let mut order: Vec<usize> = (0..scenario.injects.len()).collect();
    order.sort_by_key(|&i| duration(&scenario.injects[i].at, "at").unwrap_or(0));
    for i in order {
        let spec = &scenario.injects[i];
        let at = duration(&spec.at, "at")?;
        clock
            .sleep_until_millis(start.saturating_add(at.saturating_mul(1000) / u64::from(speed)))
            .await;
        let outgoing = Outgoing {
            to: expand(directory, &identity.config.id, &spec.to)?,
            priority: spec
                .priority
                .parse()
                .map_err(|e: String| anyhow::anyhow!(e))?,
            tlp: spec
                .tlp
                .as_deref()
                .map_or(Ok(Tlp::Amber), str::parse)
                .map_err(|e: String| anyhow::anyhow!(e))?,
            language: None,
            exercise: true,
            thread: None,
            ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
            kind: kinds[i].clone(),
            attachments: Vec::new(),
        };
        let deadline = duration(&spec.deadline, "deadline")? / u64::from(speed);
        for sent in send(identity, client, directory, &outgoing).await? {
            let sent_at = identity.now();
            let record = SentInject {
                inject: i + 1,
                to: sent.to.clone(),
                envelope: sent.id,
                sent_at,
                deadline: sent_at + deadline,
                expect: spec.expect,
                expect_status: spec.expect_status.clone(),
            };
            log(&record);
            exercise.sent.push(record);
            envelopes.push(sent);
        }
        save(identity, &exercise)?;
    }
    Ok(ExerciseRun {
        exercise: hex(&exercise.id),
        name: exercise.name,
        started_at: exercise.started_at.into(),
        speed: exercise.speed,
        injects: exercise.sent.iter().map(InjectSent::from).collect(),
        sent: envelopes,
    })
}

/// How an expectation of an inject turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Answered as expected by the deadline.
    Met,
    /// Answered as expected after the deadline.
    Late,
    /// No answer, and the deadline has passed.
    Missing,
    /// No answer yet; the deadline has not passed.
    Pending,
    /// Replied with another status than the one expected.
    WrongStatus,
}

impl Verdict {
    /// The verdict as the report table shows it.
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Late => "late",
            Verdict::Missing => "missing",
            Verdict::Pending => "pending",
            Verdict::WrongStatus => "wrong status",
        }
    }
}

/// A status reply to an inject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InjectReply {
    /// The status (`received`, `channelled`, `in_progress`, `resolved`, `declined`).
    pub status: String,
    /// When it was sent (the PoC's clock).
    pub at: Timestamp,
}

/// What happened to one inject at one PoC.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InjectResult {
    /// The inject as sent.
    #[serde(flatten)]
    pub sent: InjectSent,
    /// When the PoC acknowledged it (signed receipt).
    pub acked_at: Option<Timestamp>,
    /// Its first status reply.
    pub reply: Option<InjectReply>,
    /// How the expectation turned out.
    pub verdict: Verdict,
}

/// The after-action view of an exercise (`poc exercise report`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExerciseReport {
    /// The exercise id (32 hex digits).
    pub exercise: String,
    /// The scenario name.
    pub name: String,
    /// When it started.
    pub started_at: Timestamp,
    /// Time compression factor.
    pub speed: u32,
    /// Number of expectations met.
    pub met: usize,
    /// One per inject and recipient, in the order sent.
    pub results: Vec<InjectResult>,
}

/// The after-action view, from this home's inbox (fetch first).
pub fn report(
    identity: &Identity,
    directory: &TrustedDirectory,
    exercise: &Exercise,
) -> anyhow::Result<ExerciseReport> {
    let items = inbox::list(identity, directory)?;
    let now = identity.now();
    let results: Vec<InjectResult> = exercise
        .sent
        .iter()
        .map(|sent| {
            let mut acked_at = None;
            let mut reply: Option<(String, u64)> = None;
            for item in &items {
                let Ok(v) = &item.verdict else { continue };
                if v.sender != sent.to {
                    continue;
                }
                match &v.message.kind {
                    MessageKind::Receipt(r) if r.envelope == sent.envelope => {
                        acked_at = acked_at.min(Some(v.message.sent_at)).or(Some(v.message.sent_at));
                    }
                    MessageKind::Response(r)
                        if v.message.thread == Some(sent.envelope)
                            && reply.as_ref().is_none_or(|(_, at)| v.message.sent_at < *at) =>
                    {
                        reply = Some((compose::status_name(r.status).to_owned(), v.message.sent_at));
                    }
                    _ => {}
                }
            }
            let answered_at = match sent.expect {
                Expect::Ack => acked_at,
                Expect::Reply => reply.as_ref().map(|(_, at)| *at),
            };
            let wrong_status = sent.expect == Expect::Reply
                && matches!((&reply, &sent.expect_status), (Some((got, _)), Some(want)) if compose::status_from(want).map(compose::status_name).ok() != Some(got.as_str()));
            let verdict = match answered_at {
                _ if wrong_status => Verdict::WrongStatus,
                Some(at) if at <= sent.deadline => Verdict::Met,
                Some(_) => Verdict::Late,
                None if now > sent.deadline => Verdict::Missing,
                None => Verdict::Pending,
            };
            InjectResult {
                sent: InjectSent::from(sent),
                acked_at: acked_at.map(Timestamp),
                reply: reply.map(|(status, at)| InjectReply {
                    status,
                    at: Timestamp(at),
                }),
                verdict,
            }
        })
        .collect();
    Ok(ExerciseReport {
        exercise: hex(&exercise.id),
        name: exercise.name.clone(),
        started_at: exercise.started_at.into(),
        speed: exercise.speed,
        met: results.iter().filter(|r| r.verdict == Verdict::Met).count(),
        results,
    })
}
