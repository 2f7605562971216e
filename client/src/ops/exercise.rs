//! Scenario-based exercises: timed injects (fictional incident notifications or assistance
//! requests, always marked EXERCISE) from the exercise controller to chosen PoCs, each with an
//! expected answer and a deadline, and the after-action view of who did what, when.
//!
//! A scenario is a TOML file (see `docs/exercise-example.toml`); `--speed N` compresses its
//! time N-fold (offsets and deadlines) for drills and tests. A scenario is checked whole, its
//! recipients against the directory ([`plan`]), before anything is sent; [`run`] sends the
//! injects of a plan at their times, and [`begin`] / [`send_planned`] let a caller that must
//! not wait in one call (the browser interface) send them one at a time.

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
use crate::transport::relays::Relays;
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

/// What is wrong with a scenario, for a reader's sentence ([`ScenarioError`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioFault {
    /// The file cannot be read, or is not text.
    Unreadable,
    /// Not TOML, or not the fields of a scenario.
    NotToml,
    /// No `[[inject]]`.
    NoInjects,
    /// An `at` or `deadline` that is not a duration.
    Duration,
    /// A priority, TLP label or expected status that does not exist.
    Value,
    /// A recipient that is not written as one, or not in the directory.
    Recipients,
    /// A message type or template fields that do not compose.
    Message,
}

/// A scenario refused before anything is sent: what is wrong, in which inject, and the
/// details as the parser or the directory gave them.
#[derive(Debug, thiserror::Error)]
#[error("{}{detail}", inject.map(|n| format!("inject {n}: ")).unwrap_or_default())]
pub struct ScenarioError {
    /// What kind of mistake it is.
    pub fault: ScenarioFault,
    /// The 1-based inject it is in, if it is in one.
    pub inject: Option<usize>,
    /// The details (English, with the offending value).
    pub detail: String,
}

fn refuse(
    fault: ScenarioFault,
    inject: Option<usize>,
    error: impl std::fmt::Display,
) -> ScenarioError {
    ScenarioError {
        fault,
        inject,
        detail: error.to_string(),
    }
}

impl Scenario {
    /// Reads and checks a scenario file ([`Scenario::parse`]).
    pub fn load(path: &Path) -> anyhow::Result<(Scenario, Vec<MessageKind>)> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            refuse(
                ScenarioFault::Unreadable,
                None,
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
        Ok(Self::parse(&text, &path.display().to_string())?)
    }

    /// Checks a scenario given as text (`source` names it in errors): every inject must
    /// compose (fields, fixed values, durations) before anything is sent. Recipients are
    /// checked against the directory by [`plan`].
    pub fn parse(text: &str, source: &str) -> Result<(Scenario, Vec<MessageKind>), ScenarioError> {
        let scenario: Scenario = toml::from_str(text).map_err(|e| {
            refuse(
                ScenarioFault::NotToml,
                None,
                format!("{source} is not a valid scenario: {e}"),
            )
        })?;
        if scenario.injects.is_empty() {
            return Err(refuse(
                ScenarioFault::NoInjects,
                None,
                format!("{source}: the scenario has no [[inject]]"),
            ));
        }
        let mut kinds = Vec::new();
        for (i, inject) in scenario.injects.iter().enumerate() {
            let n = Some(i + 1);
            duration(&inject.at, "at")
                .map_err(|e| refuse(ScenarioFault::Duration, n, format!("{e:#}")))?;
            duration(&inject.deadline, "deadline")
                .map_err(|e| refuse(ScenarioFault::Duration, n, format!("{e:#}")))?;
            inject
                .priority
                .parse::<Priority>()
                .map_err(|e| refuse(ScenarioFault::Value, n, e))?;
            if let Some(tlp) = &inject.tlp {
                tlp.parse::<Tlp>()
                    .map_err(|e| refuse(ScenarioFault::Value, n, e))?;
            }
            if let Some(status) = &inject.expect_status {
                compose::status_from(status).map_err(|e| {
                    refuse(ScenarioFault::Value, n, format!("expect_status: {e:#}"))
                })?;
            }
            super::send::check_tokens(&inject.to)
                .map_err(|e| refuse(ScenarioFault::Recipients, n, format!("to: {e}")))?;
            let file = compose::MessageFile {
                fields: inject.fields.clone(),
                ..compose::MessageFile::default()
            };
            let composed = Kind::from_name(&inject.kind).and_then(|kind| {
                let pairs = file.field_pairs()?;
                compose::build(kind, &pairs)
            });
            kinds.push(composed.map_err(|e| refuse(ScenarioFault::Message, n, format!("{e:#}")))?);
        }
        Ok((scenario, kinds))
    }
}

/// One inject ready to leave: its recipients found in the directory, its times compressed
/// with the exercise's speed.
#[derive(Debug, Clone)]
pub struct PlannedInject {
    /// 1-based inject number in the scenario.
    pub inject: usize,
    /// When it leaves, in milliseconds after the start (compressed).
    pub offset_millis: u64,
    /// Time to answer after it is sent, in seconds (compressed).
    pub deadline_secs: u64,
    /// The message type as the scenario names it.
    pub kind: String,
    /// What each recipient should do.
    pub expect: Expect,
    /// For replies: the status expected.
    pub expect_status: Option<String>,
    /// The message, its recipients resolved.
    pub outgoing: Outgoing,
}

/// A scenario checked against the directory, its injects in the order they leave.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The scenario's name.
    pub name: String,
    /// What it trains.
    pub description: Option<String>,
    /// Time compression factor (at least 1).
    pub speed: u32,
    /// The injects, in the order they leave.
    pub injects: Vec<PlannedInject>,
}

impl Plan {
    /// How many envelopes the exercise sends (one per inject and recipient).
    pub fn envelopes(&self) -> usize {
        self.injects.iter().map(|p| p.outgoing.to.len()).sum()
    }
}

/// Checks `scenario` against the directory (every recipient must be in it) and compresses its
/// times `speed`-fold: nothing is sent when any inject is wrong.
pub fn plan(
    identity: &Identity,
    directory: &TrustedDirectory,
    scenario: &Scenario,
    kinds: &[MessageKind],
    speed: u32,
) -> anyhow::Result<Plan> {
    let speed = speed.max(1);
    let mut injects = Vec::new();
    for (i, (spec, kind)) in scenario.injects.iter().zip(kinds).enumerate() {
        let n = Some(i + 1);
        let value = |e: String| refuse(ScenarioFault::Value, n, e);
        let at = duration(&spec.at, "at")
            .map_err(|e| refuse(ScenarioFault::Duration, n, format!("{e:#}")))?;
        let deadline = duration(&spec.deadline, "deadline")
            .map_err(|e| refuse(ScenarioFault::Duration, n, format!("{e:#}")))?;
        let to = expand(directory, &identity.config.id, &spec.to)
            .map_err(|e| refuse(ScenarioFault::Recipients, n, format!("to: {e}")))?;
        if let Some(unknown) = to
            .iter()
            .find(|id| !directory.teams().iter().any(|t| &t.body.id == *id))
        {
            return Err(refuse(
                ScenarioFault::Recipients,
                n,
                format!("to: {unknown} is not in the directory (see `poc directory list`)"),
            )
            .into());
        }
        let outgoing = Outgoing {
            to,
            priority: spec.priority.parse().map_err(value)?,
            tlp: spec
                .tlp
                .as_deref()
                .map_or(Ok(Tlp::Amber), str::parse)
                .map_err(value)?,
            language: None,
            exercise: true,
            thread: None,
            ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
            kind: kind.clone(),
            attachments: Vec::new(),
        };
        injects.push(PlannedInject {
            inject: i + 1,
            offset_millis: at.saturating_mul(1000) / u64::from(speed),
            deadline_secs: deadline / u64::from(speed),
            kind: spec.kind.clone(),
            expect: spec.expect,
            expect_status: spec.expect_status.clone(),
            outgoing,
        });
    }
    injects.sort_by_key(|p| p.offset_millis);
    Ok(Plan {
        name: scenario.name.clone(),
        description: scenario.description.clone(),
        speed,
        injects,
    })
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

/// Starts an exercise of `plan` at `start_millis` (the identity's clock) and records it, with
/// nothing sent yet, so that it is listed from its start.
pub fn begin(identity: &Identity, plan: &Plan, start_millis: u64) -> anyhow::Result<Exercise> {
    let exercise = Exercise {
        id: poc_keys::random_bytes::<16>(),
        name: plan.name.clone(),
        started_at: start_millis / 1000,
        speed: plan.speed,
        sent: Vec::new(),
    };
    save(identity, &exercise)?;
    Ok(exercise)
}

/// Sends one planned inject now, to each of its recipients, and records it in `exercise`.
pub async fn send_planned(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    exercise: &mut Exercise,
    planned: &PlannedInject,
) -> anyhow::Result<Vec<(SentInject, SentEnvelope)>> {
    let mut out = Vec::new();
    for sent in send(identity, client, directory, &planned.outgoing).await? {
        let sent_at = identity.now();
        let record = SentInject {
            inject: planned.inject,
            to: sent.to.clone(),
            envelope: sent.id,
            sent_at,
            deadline: sent_at + planned.deadline_secs,
            expect: planned.expect,
            expect_status: planned.expect_status.clone(),
        };
        exercise.sent.push(record.clone());
        out.push((record, sent));
    }
    save(identity, exercise)?;
    Ok(out)
}

impl ExerciseRun {
    /// The result of `exercise` once its `envelopes` have left.
    pub fn of(exercise: &Exercise, envelopes: Vec<SentEnvelope>) -> ExerciseRun {
        ExerciseRun {
            exercise: hex(&exercise.id),
            name: exercise.name.clone(),
            started_at: exercise.started_at.into(),
            speed: exercise.speed,
            injects: exercise.sent.iter().map(InjectSent::from).collect(),
            sent: envelopes,
        }
    }
}

/// Runs a scenario: checks it against the directory ([`plan`]), then sends each inject at its
/// (compressed) time on the identity's clock; `log` hears each send.
pub async fn run(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    scenario: &Scenario,
    kinds: &[MessageKind],
    speed: u32,
    log: &mut (dyn FnMut(&SentInject) + Send),
) -> anyhow::Result<ExerciseRun> {
    let plan = plan(identity, directory, scenario, kinds, speed)?;
    let clock = &identity.clock;
    let start = clock.now_millis();
    let mut exercise = begin(identity, &plan, start)?;
    let mut envelopes = Vec::new();
    for planned in &plan.injects {
        clock
            .sleep_until_millis(start.saturating_add(planned.offset_millis))
            .await;
        for (record, sent) in
            send_planned(identity, client, directory, &mut exercise, planned).await?
        {
            log(&record);
            envelopes.push(sent);
        }
    }
    Ok(ExerciseRun::of(&exercise, envelopes))
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
