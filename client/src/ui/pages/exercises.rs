//! The custodian's exercises: the list of those run from this home, running a scenario (a
//! file or pasted TOML and a speed; a preview of every inject, then a confirmation), its live
//! status while the injects leave in the background, and the after-action report with its
//! JSON to download.
//!
//! Every operation is the command line's (`poc exercise run`, `list`, `report`), through
//! [`crate::ops::exercise`]. A run is a background task that borrows the identity only to
//! send an inject that is due, and releases it in between: other pages keep working, and the
//! idle lock still comes. An inject due while the identity is locked waits until the user
//! unlocks (its deadline counts from when it leaves). Shown only in a custodian's home.

use std::sync::Arc;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;

use super::custodian::is_custodian;
use super::custodian_words::CustodianText as C;
use super::exercise_words::ExerciseText as E;
use crate::i18n::phrases;
use crate::i18n::screens::{self, Column, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::exercise::{self, Expect, ScenarioError, ScenarioFault};
use crate::ops::{self};
use crate::ui::page::{self, Chrome};
use crate::ui::runs::{Progress, RunState};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// The largest speed factor accepted (one hour per 36 ms).
const MAX_SPEED: u32 = 100_000;

/// How often a run waiting for the identity looks again, in milliseconds.
const UNLOCK_POLL_MILLIS: u64 = 2_000;

/// An exercise in the list.
#[derive(Debug)]
pub struct ExerciseRow {
    /// Its id.
    pub id: String,
    /// The scenario's name.
    pub name: String,
    /// When it started, for people.
    pub started: String,
    /// Its speed factor.
    pub speed: u32,
    /// Envelopes sent.
    pub sent: usize,
}

/// One inject of a preview.
#[derive(Debug)]
pub struct InjectRow {
    /// Its number in the scenario.
    pub inject: usize,
    /// When it leaves after the start, in words.
    pub at: String,
    /// Its recipients.
    pub to: Vec<String>,
    /// Its message type.
    pub kind: String,
    /// What is expected, in words.
    pub expected: String,
    /// The time to answer, in words.
    pub deadline: String,
}

/// One result of the report: one inject at one PoC.
#[derive(Debug)]
pub struct ResultRow {
    /// The inject's number.
    pub inject: usize,
    /// The PoC.
    pub to: String,
    /// What is expected, in words.
    pub expected: String,
    /// When it was sent.
    pub sent: String,
    /// Its deadline.
    pub deadline: String,
    /// When it was acknowledged, if it was.
    pub acked: String,
    /// Its first status reply and when, if there is one.
    pub replied: String,
    /// `met`, `late`, `missing`, `pending`, `wrong_status`: the class of its badge.
    pub class: &'static str,
    /// The verdict in the reader's language.
    pub verdict: &'static str,
}

/// An exercise's standing: the report figures and, while this launch runs it, its progress.
#[derive(Debug)]
pub struct Standing {
    /// Its id.
    pub id: String,
    /// The scenario's name.
    pub name: String,
    /// When it started.
    pub started: String,
    /// Its speed factor.
    pub speed: u32,
    /// Where its run stands, in words; empty when it is not running in this launch.
    pub state: String,
    /// The error that stopped it, if one did.
    pub failure: Option<String>,
    /// Envelopes sent and due, while this launch runs it.
    pub progress: Option<(usize, usize)>,
    /// When the next inject leaves.
    pub next_at: Option<String>,
    /// Expectations met, as a sentence.
    pub met: String,
    /// One row per inject and PoC.
    pub results: Vec<ResultRow>,
    /// A relay that could not be reached: the answers are those already fetched.
    pub warning: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "exercises.html")]
struct ListPage {
    chrome: Chrome,
    exercises: Vec<ExerciseRow>,
}

#[derive(askama::Template)]
#[template(path = "exercise_preview.html")]
struct PreviewFragment {
    chrome: Chrome,
    name: String,
    description: Option<String>,
    injects: Vec<InjectRow>,
    scenario: String,
    speed: u32,
}

#[derive(askama::Template)]
#[template(path = "exercise_refused.html")]
struct RefusedFragment {
    chrome: Chrome,
    sentence: String,
    inject: Option<usize>,
    detail: String,
}

#[derive(askama::Template)]
#[template(path = "exercise.html")]
struct ExercisePage {
    chrome: Chrome,
    s: Standing,
}

#[derive(askama::Template)]
#[template(path = "exercise_status.html")]
struct StatusFragment {
    chrome: Chrome,
    s: Standing,
}

#[derive(askama::Template)]
#[template(path = "exercise_report.html")]
struct ReportPage {
    chrome: Chrome,
    s: Standing,
}

/// The sentence for a refused scenario, and the inject and details it is about.
fn refused(ui: &Ui, error: &anyhow::Error) -> Option<(String, Option<usize>, String)> {
    let lang = ui.lang();
    let e = error.downcast_ref::<ScenarioError>()?;
    let word = match e.fault {
        ScenarioFault::Unreadable => E::FaultUnreadable,
        ScenarioFault::NotToml => E::FaultToml,
        ScenarioFault::NoInjects => E::FaultNoInjects,
        ScenarioFault::Duration => E::FaultDuration,
        ScenarioFault::Value => E::FaultValue,
        ScenarioFault::Recipients => E::FaultRecipients,
        ScenarioFault::Message => E::FaultMessage,
    };
    Some((word.text(lang).to_owned(), e.inject, e.detail.clone()))
}

/// A refusal as a fragment of the page (422), nothing sent.
async fn refuse(ui: &Ui, headers: &HeaderMap, error: &anyhow::Error) -> Response {
    let Some((sentence, inject, detail)) = refused(ui, error) else {
        return page::failed(ui, headers, error).await;
    };
    let mut response = page::render(&RefusedFragment {
        chrome: Chrome::of(ui, "exercises").await,
        sentence,
        inject,
        detail,
    });
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

/// A sentence of this module's words as a refusal (422).
async fn refuse_with(ui: &Ui, word: E) -> Response {
    let mut response = page::render(&RefusedFragment {
        chrome: Chrome::of(ui, "exercises").await,
        sentence: word.text(ui.lang()).to_owned(),
        inject: None,
        detail: String::new(),
    });
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

fn expected(expect: Expect, status: Option<&str>, lang: Lang) -> String {
    match (expect, status) {
        (Expect::Ack, _) => Word::ExpectAck.text(lang).to_owned(),
        (Expect::Reply, Some(s)) => {
            screens::exercise_expect_reply_status(lang, status_text(s, lang))
        }
        (Expect::Reply, None) => Word::ExpectReply.text(lang).to_owned(),
    }
}

/// A response status in `lang` (as written if it is not one of the statuses).
fn status_text(status: &str, lang: Lang) -> &str {
    crate::i18n::value("status", status, lang).unwrap_or(status)
}

fn parse_speed(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|s| (1..=MAX_SPEED).contains(s))
}

/// `GET /exercises`: the exercises run from this home, newest first, and the form to run one.
pub async fn list(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let list = match page::read(&ui, &headers, exercise::summaries).await {
        Ok(list) => list,
        Err(response) => return response,
    };
    let zone = crate::render::reader_zone();
    page::render(&ListPage {
        chrome: Chrome::of(&ui, "exercises").await,
        exercises: list
            .exercises
            .into_iter()
            .map(|e| ExerciseRow {
                started: crate::render::local_time(e.started_at.0, &zone),
                id: e.id,
                name: e.name,
                speed: e.speed,
                sent: e.injects_sent,
            })
            .collect(),
    })
}

/// The scenario text (the file, else the pasted text) and the speed of the run form.
async fn scenario_form(mut form: Multipart) -> anyhow::Result<(String, String)> {
    let (mut file, mut pasted, mut speed) = (String::new(), String::new(), String::new());
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| ScenarioError {
            fault: ScenarioFault::Unreadable,
            inject: None,
            // An error detail, English like every error chain; the page's sentence is translated.
            detail: "the file is not UTF-8 text".to_owned(), // canonical, not translated
        })?;
        match name.as_str() {
            "file" => file = text,
            "scenario" => pasted = text,
            "speed" => speed = text,
            _ => {}
        }
    }
    Ok((if file.trim().is_empty() { pasted } else { file }, speed))
}

/// `POST /exercises/preview` (a file or pasted text, and a speed): checks the scenario
/// against the directory and shows every inject, with the button that runs it. Nothing is
/// sent.
pub async fn preview(State(ui): State<Arc<Ui>>, headers: HeaderMap, form: Multipart) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let (text, speed) = match scenario_form(form).await {
        Ok(given) => given,
        Err(e) => return refuse(&ui, &headers, &e).await,
    };
    if text.trim().is_empty() {
        return refuse_with(&ui, E::Empty).await;
    }
    let Some(speed) = parse_speed(&speed) else {
        return refuse_with(&ui, E::BadSpeed).await;
    };
    let plan = match plan_of(&ui, &text, speed).await {
        None => return page::to_unlock(&headers),
        Some(Err(e)) => return refuse(&ui, &headers, &e).await,
        Some(Ok(plan)) => plan,
    };
    let lang = ui.lang();
    page::render(&PreviewFragment {
        chrome: Chrome::of(&ui, "exercises").await,
        name: plan.name.clone(),
        description: plan.description.clone(),
        injects: plan
            .injects
            .iter()
            .map(|p| InjectRow {
                inject: p.inject,
                at: phrases::duration(lang, p.offset_millis / 1000),
                to: p.outgoing.to.iter().map(ToString::to_string).collect(),
                kind: p.kind.clone(),
                expected: expected(p.expect, p.expect_status.as_deref(), lang),
                deadline: phrases::duration(lang, p.deadline_secs),
            })
            .collect(),
        scenario: text,
        speed: plan.speed,
    })
}

/// The plan of `text` at `speed` on the unlocked identity (None when it is locked).
async fn plan_of(ui: &Ui, text: &str, speed: u32) -> Option<anyhow::Result<exercise::Plan>> {
    let identity = ui.identity().await?;
    let planned = (|| {
        // Where the parser's details say the text came from (error chains are English).
        let source = "the scenario"; // canonical, not translated
        let (scenario, kinds) = exercise::Scenario::parse(text, source)?;
        let directory = ops::require_directory(&identity)?;
        exercise::plan(&identity, &directory, &scenario, &kinds, speed)
    })();
    drop(identity);
    Some(planned)
}

/// The confirmed run: the scenario as previewed and its speed.
#[derive(Debug, serde::Deserialize)]
pub struct RunForm {
    /// The scenario's text.
    scenario: String,
    /// The speed factor.
    speed: String,
}

/// `POST /exercises/run`: checks the scenario again, records the exercise and starts sending
/// its injects in the background, then goes to its live status.
pub async fn run(
    State(ui): State<Arc<Ui>>,
    headers: HeaderMap,
    Form(form): Form<RunForm>,
) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(speed) = parse_speed(&form.speed) else {
        return refuse_with(&ui, E::BadSpeed).await;
    };
    let plan = match plan_of(&ui, &form.scenario, speed).await {
        None => return page::to_unlock(&headers),
        Some(Err(e)) => return refuse(&ui, &headers, &e).await,
        Some(Ok(plan)) => plan,
    };
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let start = ui.clock.now_millis();
    let begun = exercise::begin(&identity, &plan, start);
    drop(identity);
    let exercise = match begun {
        Ok(exercise) => exercise,
        Err(e) => return page::failed(&ui, &headers, &e).await,
    };
    let id = exercise::ExerciseSummary::from(&exercise).id;
    ui.runs.set(
        &id,
        Progress {
            state: RunState::Running,
            sent: 0,
            due: plan.envelopes(),
            next_at: plan
                .injects
                .first()
                .map(|p| (start + p.offset_millis) / 1000),
        },
    );
    tokio::spawn(drive(ui.clone(), id.clone(), plan, start, exercise));
    page::redirect(&headers, &format!("/exercises/{id}"))
}

/// Sends the injects of `plan` at their times, borrowing the identity only for each send;
/// an inject due while the identity is locked waits for the unlock.
async fn drive(
    ui: Arc<Ui>,
    id: String,
    plan: exercise::Plan,
    start: u64,
    mut exercise: exercise::Exercise,
) {
    let due = plan.envelopes();
    let mut sent = 0;
    for (n, planned) in plan.injects.iter().enumerate() {
        let next_at = Some((start + planned.offset_millis) / 1000);
        ui.clock
            .sleep_until_millis(start.saturating_add(planned.offset_millis))
            .await;
        let identity = loop {
            if let Some(identity) = ui.identity_passive().await {
                break identity;
            }
            ui.runs.set(
                &id,
                Progress {
                    state: RunState::WaitingForUnlock,
                    sent,
                    due,
                    next_at,
                },
            );
            let again = ui.clock.now_millis() + UNLOCK_POLL_MILLIS;
            ui.clock.sleep_until_millis(again).await;
        };
        let result = ops::online(&identity, async |client| {
            let directory = ops::require_directory(&identity)?;
            exercise::send_planned(&identity, client, &directory, &mut exercise, planned).await
        })
        .await;
        drop(identity);
        match result {
            Ok(envelopes) => sent += envelopes.len(),
            Err(e) => {
                tracing::warn!("an exercise stopped: {e:#}");
                ui.runs.set(
                    &id,
                    Progress {
                        state: RunState::Failed(format!("{e:#}")),
                        sent,
                        due,
                        next_at: None,
                    },
                );
                return;
            }
        }
        let following = plan.injects.get(n + 1);
        ui.runs.set(
            &id,
            Progress {
                state: if following.is_some() {
                    RunState::Running
                } else {
                    RunState::Finished
                },
                sent,
                due,
                next_at: following.map(|p| (start + p.offset_millis) / 1000),
            },
        );
    }
}

/// Fetches the custodian's inbox (where the answers arrive; an unreachable relay only
/// warns) and makes the after-action report of exercise `id`, as `poc exercise report`.
async fn evaluated(
    identity: &ops::Identity,
    id: &str,
) -> anyhow::Result<(exercise::ExerciseReport, Option<String>)> {
    let run = exercise::find(identity, Some(id))?;
    let warning = ops::online(identity, async |client| {
        ops::inbox::fetch(identity, client).await
    })
    .await
    .err()
    .map(|e| format!("{e:#}"));
    let directory = ops::require_directory(identity)?;
    Ok((exercise::report(identity, &directory, &run)?, warning))
}

fn standing(ui: &Ui, report: &exercise::ExerciseReport, warning: Option<String>) -> Standing {
    let lang = ui.lang();
    let zone = crate::render::reader_zone();
    let time = |t: u64| crate::render::local_time(t, &zone);
    let progress = ui.runs.get(&report.exercise);
    let (state, failure) = match progress.as_ref().map(|p| &p.state) {
        None => (String::new(), None),
        Some(RunState::Running) => (E::Running.text(lang).to_owned(), None),
        Some(RunState::WaitingForUnlock) => (E::WaitingUnlock.text(lang).to_owned(), None),
        Some(RunState::Finished) => (E::Finished.text(lang).to_owned(), None),
        Some(RunState::Failed(e)) => (E::Failed.text(lang).to_owned(), Some(e.clone())),
    };
    Standing {
        id: report.exercise.clone(),
        name: report.name.clone(),
        started: time(report.started_at.0),
        speed: report.speed,
        state,
        failure,
        progress: progress.as_ref().map(|p| (p.sent, p.due)),
        next_at: progress.as_ref().and_then(|p| p.next_at).map(time),
        met: screens::exercise_expectations_met(
            lang,
            report.met as u64,
            report.results.len() as u64,
        ),
        results: report
            .results
            .iter()
            .map(|r| ResultRow {
                inject: r.sent.inject,
                to: r.sent.to.to_string(),
                expected: expected(r.sent.expect, r.sent.expect_status.as_deref(), lang),
                sent: time(r.sent.sent_at.0),
                deadline: time(r.sent.deadline.0),
                acked: r.acked_at.map(|t| time(t.0)).unwrap_or_default(),
                replied: r
                    .reply
                    .as_ref()
                    .map(|reply| {
                        screens::exercise_replied_at(
                            lang,
                            status_text(&reply.status, lang),
                            &time(reply.at.0),
                        )
                    })
                    .unwrap_or_default(),
                class: match r.verdict {
                    exercise::Verdict::Met => "met",
                    exercise::Verdict::Late => "late",
                    exercise::Verdict::Missing => "missing",
                    exercise::Verdict::Pending => "pending",
                    exercise::Verdict::WrongStatus => "wrong_status",
                },
                verdict: Translated::text(r.verdict, lang),
            })
            .collect(),
        warning,
    }
}

/// How a page borrows the identity to read an exercise's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Borrow {
    /// One quick attempt at the relay; `true` when the user asked (it counts as activity),
    /// `false` for the page's own refresh.
    Quick(bool),
    /// The usual connection settings (a report the user opened).
    Full,
}

/// The standing of exercise `id`, and its report.
async fn standing_of(
    ui: &Ui,
    headers: &HeaderMap,
    id: &str,
    borrow: Borrow,
) -> Result<(Standing, exercise::ExerciseReport), Response> {
    if !is_custodian(ui) {
        return Err(page::not_found(ui).await);
    }
    let result = match borrow {
        Borrow::Quick(activity) => {
            let Some(identity) = ui.identity_quick(activity).await else {
                return Err(page::to_unlock(headers));
            };
            evaluated(&identity, id).await
        }
        Borrow::Full => {
            let Some(identity) = ui.identity().await else {
                return Err(page::to_unlock(headers));
            };
            evaluated(&identity, id).await
        }
    };
    match result {
        Ok((report, warning)) => Ok((standing(ui, &report, warning), report)),
        Err(e) => Err(page::failed(ui, headers, &e).await),
    }
}

/// `GET /exercises/{id}`: the live status of an exercise (the page refreshes it).
pub async fn show(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match standing_of(&ui, &headers, &id, Borrow::Quick(true)).await {
        Ok((s, _)) => page::render(&ExercisePage {
            chrome: Chrome::of(&ui, "exercises").await,
            s,
        }),
        Err(response) => response,
    }
}

/// `GET /exercises/{id}/status`: injects sent and due, and the answers so far, fetched
/// afresh (the page polls it; it does not count as activity for the idle lock).
pub async fn status(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match standing_of(&ui, &headers, &id, Borrow::Quick(false)).await {
        Ok((s, _)) => page::render(&StatusFragment {
            chrome: Chrome::of(&ui, "exercises").await,
            s,
        }),
        Err(response) => response,
    }
}

/// `GET /exercises/{id}/report`: the after-action report, as `poc exercise report`.
pub async fn report(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match standing_of(&ui, &headers, &id, Borrow::Full).await {
        Ok((s, _)) => page::render(&ReportPage {
            chrome: Chrome::of(&ui, "exercises").await,
            s,
        }),
        Err(response) => response,
    }
}

/// `GET /exercises/{id}/report.json`: the report as `poc --json exercise report` prints it.
pub async fn json(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let report = match standing_of(&ui, &headers, &id, Borrow::Full).await {
        Ok((_, report)) => report,
        Err(response) => return response,
    };
    // The command whose `--json` document this is.
    let command = "exercise report"; // canonical, not translated
    let document = match crate::json::document(command, &report) {
        Ok(document) => document,
        Err(e) => return page::failed(&ui, &headers, &e).await,
    };
    let mut response = document.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"exercise-{}.json\"",
        report.exercise
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
