//! The custodian's ping campaigns: the list, a new campaign (every PoC, some PoCs or States,
//! a role; a deadline), the live status of one (the page refreshes it itself), reminders,
//! the report with its charts, and the proof bundle to download.
//!
//! Every operation is the command line's (`poc ping start`, `status`, `remind`, `report`,
//! `report --bundle`), through [`crate::ops::ping`]; the charts draw the figures of the
//! report (the same groups as the HTML report of `poc ping report --format html`) as SVG in
//! the template. Shown only in a custodian's home.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Form;

use super::custodian::is_custodian;
use super::custodian_words::CustodianText as C;
use crate::i18n::phrases::{self, PingColumn, ReportColumn, ReportOutcome, Text};
use crate::i18n::{Lang, Translated};
use crate::ops::{self, ping};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// A campaign in the list.
#[derive(Debug)]
pub struct CampaignRow {
    /// Its id (32 hex digits).
    pub id: String,
    /// When it started, for people.
    pub started: String,
    /// Its deadline, for people.
    pub deadline: String,
    /// PoCs pinged.
    pub targets: usize,
    /// Part of an exercise.
    pub exercise: bool,
}

/// One PoC's verdict.
#[derive(Debug)]
pub struct ResultRow {
    /// The PoC.
    pub id: String,
    /// `on_time`, `late`, `no_answer`, `invalid`: the class of its badge.
    pub class: &'static str,
    /// The verdict in the reader's language.
    pub verdict: &'static str,
    /// Who answered (`MEX.technical (on-call laptop 2)`); empty without a valid answer.
    pub answered_by: String,
    /// Time to answer, in words; empty without a valid answer.
    pub latency: String,
    /// Problems with its acknowledgements, one sentence each.
    pub problems: Vec<String>,
}

/// A group of the report's tables (a role or a State).
#[derive(Debug)]
pub struct GroupRow {
    /// The group's name.
    pub name: String,
    /// Its counts.
    pub tally: ping::Tally,
    /// Its response rate in whole percent.
    pub percent: u64,
}

/// A bar of a chart.
#[derive(Debug)]
pub struct Bar {
    /// What it counts.
    pub label: String,
    /// How many.
    pub count: usize,
    /// Its length in the chart's units (out of 340).
    pub width: usize,
    /// Its vertical position.
    pub y: usize,
    /// Its colour (an SVG presentation attribute, not a style).
    pub fill: &'static str,
}

/// A horizontal bar chart, with its values as text for those who cannot see it.
#[derive(Debug)]
pub struct Chart {
    /// Its title.
    pub title: String,
    /// The values as one sentence (the chart's accessible name).
    pub alternative: String,
    /// Its height in the chart's units.
    pub height: usize,
    /// The bars.
    pub bars: Vec<Bar>,
}

impl Chart {
    fn of(title: String, items: Vec<(String, usize, &'static str)>, lang: Lang) -> Chart {
        let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
        let alternative = items
            .iter()
            .map(|(label, n, _)| {
                crate::i18n::screens::report_html_chart_item(lang, label, *n as u64)
            })
            .collect::<Vec<_>>()
            .join(", ");
        Chart {
            title,
            alternative,
            height: items.len() * 28 + 4,
            bars: items
                .into_iter()
                .enumerate()
                .map(|(i, (label, count, fill))| Bar {
                    width: count * 340 / max,
                    y: i * 28 + 4,
                    label,
                    count,
                    fill,
                })
                .collect(),
        }
    }
}

/// Where a campaign stands.
#[derive(Debug)]
pub struct Standing {
    /// The campaign id.
    pub id: String,
    /// Part of an exercise.
    pub exercise: bool,
    /// The custodian's note, as written.
    pub note: Option<String>,
    /// The deadline, for people.
    pub deadline: String,
    /// Whether it has passed.
    pub deadline_passed: bool,
    /// The counts over every PoC.
    pub summary: ping::Tally,
    /// The response rate in whole percent.
    pub percent: u64,
    /// One verdict per PoC.
    pub results: Vec<ResultRow>,
    /// A relay that could not be reached: the status is the local one.
    pub warning: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "campaigns.html")]
struct ListPage {
    chrome: Chrome,
    campaigns: Vec<CampaignRow>,
    roles: Vec<(&'static str, &'static str)>,
    deadline: &'static str,
}

#[derive(askama::Template)]
#[template(path = "campaign.html")]
struct CampaignPage {
    chrome: Chrome,
    s: Standing,
}

#[derive(askama::Template)]
#[template(path = "campaign_status.html")]
struct StatusFragment {
    chrome: Chrome,
    s: Standing,
}

#[derive(askama::Template)]
#[template(path = "campaign_report.html")]
struct ReportPage {
    chrome: Chrome,
    s: Standing,
    created: String,
    serial: u64,
    charts: Vec<Chart>,
    by_role: Vec<GroupRow>,
    by_state: Vec<GroupRow>,
}

#[derive(askama::Template)]
#[template(path = "campaign_reminded.html")]
struct RemindedFragment {
    chrome: Chrome,
    reminded: Vec<String>,
    not_pinged: Vec<String>,
}

fn percent(rate: f64) -> u64 {
    (rate * 100.0).round_ties_even() as u64
}

fn standing(report: &ping::CampaignReport, lang: Lang, warning: Option<String>) -> Standing {
    let zone = crate::render::reader_zone();
    Standing {
        id: report.campaign.clone(),
        exercise: report.exercise,
        note: report.note.clone(),
        deadline: crate::render::local_time(report.deadline.0, &zone),
        deadline_passed: report.deadline_passed,
        summary: report.summary,
        percent: percent(report.summary.response_rate),
        results: report
            .results
            .iter()
            .map(|r| ResultRow {
                id: r.id.to_string(),
                class: match r.outcome {
                    ping::Outcome::OnTime => "on-time",
                    ping::Outcome::Late => "late",
                    ping::Outcome::NoAnswer => "no-answer",
                    ping::Outcome::Invalid => "invalid",
                },
                verdict: r.verdict().text(lang),
                answered_by: match r.outcome {
                    ping::Outcome::OnTime | ping::Outcome::Late => r.answered_by(),
                    _ => String::new(),
                },
                latency: r
                    .latency_seconds
                    .map(|s| phrases::duration(lang, s))
                    .unwrap_or_default(),
                problems: r.problems.clone(),
            })
            .collect(),
        warning,
    }
}

/// Fetches the custodian's inbox (where the answers arrive; an unreachable relay only
/// warns) and evaluates campaign `prefix` as `poc ping status` does.
async fn evaluated(
    identity: &ops::Identity,
    prefix: &str,
) -> anyhow::Result<(ping::CampaignReport, Option<String>)> {
    let campaign = ping::find(identity, prefix)?;
    let warning = ops::online(identity, async |client| {
        ops::inbox::fetch(identity, client).await
    })
    .await
    .err()
    .map(|e| format!("{e:#}"));
    let directory = ops::require_directory(identity)?;
    let evaluation = ping::evaluate(identity, &directory, &campaign)?;
    Ok((
        ping::CampaignReport::new(&campaign, &evaluation, identity.now()),
        warning,
    ))
}

/// `GET /campaigns`: every campaign, newest first, and the form of a new one.
pub async fn list(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let result = ping::summaries(&identity);
    drop(identity);
    let zone = crate::render::reader_zone();
    match result {
        Ok(list) => page::render(&ListPage {
            chrome: Chrome::of(&ui, "campaigns").await,
            campaigns: list
                .campaigns
                .into_iter()
                .map(|c| CampaignRow {
                    started: crate::render::local_time(c.created_at.0, &zone),
                    deadline: crate::render::local_time(c.deadline.0, &zone),
                    id: c.id,
                    targets: c.targets,
                    exercise: c.exercise,
                })
                .collect(),
            roles: [poc_proto::Role::Diplomatic, poc_proto::Role::Technical]
                .into_iter()
                .map(|r| (r.as_str(), r.text(lang)))
                .collect(),
            deadline: ping::DEFAULT_DEADLINE,
        }),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// A new campaign, as `poc ping start` takes it.
#[derive(Debug, serde::Deserialize)]
pub struct StartForm {
    /// Every PoC (`--all`).
    all: Option<String>,
    /// PoC ids or State codes, comma-separated (`--to`).
    #[serde(default)]
    to: String,
    /// Only this role (`--role`); empty for any.
    #[serde(default)]
    role: String,
    /// Time to answer (`--deadline`).
    #[serde(default)]
    deadline: String,
    /// A note shown to the PoCs (`--note`).
    #[serde(default)]
    note: String,
    /// Part of an exercise (`--exercise`).
    exercise: Option<String>,
}

impl StartForm {
    fn options(&self) -> anyhow::Result<ping::CampaignOptions> {
        let to: Vec<String> = self
            .to
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        let role = match self.role.trim() {
            "" => None,
            role => Some(crate::ids::parse_role(role)?),
        };
        let all = self.all.as_deref().is_some_and(|v| !v.is_empty());
        if !all && role.is_none() && to.is_empty() {
            anyhow::bail!(
                "no PoC selected: tick every PoC, or name PoCs or States, or choose a role"
            );
        }
        ops::send::check_tokens(&to)?;
        let deadline = match self.deadline.trim() {
            "" => ping::DEFAULT_DEADLINE,
            given => given,
        };
        Ok(ping::CampaignOptions {
            all,
            to,
            role,
            deadline_secs: ping::parse_duration(deadline)?,
            exercise: self.exercise.as_deref().is_some_and(|v| !v.is_empty()),
            note: Some(self.note.trim().to_owned()).filter(|n| !n.is_empty()),
        })
    }
}

/// `POST /campaigns/start`: sends every ping, then goes to the campaign's live status.
pub async fn start(
    State(ui): State<Arc<Ui>>,
    headers: HeaderMap,
    Form(form): Form<StartForm>,
) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let options = match form.options() {
        Ok(options) => options,
        Err(e) => return page::failed(&ui, &headers, &e).await,
    };
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        ping::start(&identity, client, &dir, &options, &mut |_, _| {}).await
    })
    .await;
    drop(identity);
    match result {
        Ok(started) => page::redirect(&headers, &format!("/campaigns/{}", started.campaign)),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

async fn status_of(ui: &Ui, headers: &HeaderMap, id: &str) -> Result<Standing, Response> {
    if !is_custodian(ui) {
        return Err(page::not_found(ui).await);
    }
    let Some(identity) = ui.identity_quick(false).await else {
        return Err(page::to_unlock(headers));
    };
    let result = evaluated(&identity, id).await;
    drop(identity);
    match result {
        Ok((report, warning)) => Ok(standing(&report, ui.lang(), warning)),
        Err(e) => Err(page::failed(ui, headers, &e).await),
    }
}

/// `GET /campaigns/{id}`: the live status of a campaign (the page refreshes it).
pub async fn show(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if ui.identity().await.is_none() {
        return page::to_unlock(&headers);
    }
    match status_of(&ui, &headers, &id).await {
        Ok(s) => page::render(&CampaignPage {
            chrome: Chrome::of(&ui, "campaigns").await,
            s,
        }),
        Err(response) => response,
    }
}

/// `GET /campaigns/{id}/status`: the counts and verdicts, fetched afresh (the page polls
/// it; it does not count as activity for the idle lock).
pub async fn status(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match status_of(&ui, &headers, &id).await {
        Ok(s) => page::render(&StatusFragment {
            chrome: Chrome::of(&ui, "campaigns").await,
            s,
        }),
        Err(response) => response,
    }
}

/// `POST /campaigns/{id}/remind`: pings again every PoC without a valid answer.
pub async fn remind(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = async {
        let mut campaign = ping::find(&identity, &id)?;
        ops::online(&identity, async |client| {
            ops::inbox::fetch(&identity, client).await?;
            let dir = ops::require_directory(&identity)?;
            ping::remind(&identity, client, &dir, &mut campaign, &mut |_, _| {}).await
        })
        .await
    }
    .await;
    drop(identity);
    match result {
        Ok(reminded) => page::render(&RemindedFragment {
            chrome: Chrome::of(&ui, "campaigns").await,
            reminded: reminded.reminded.iter().map(ToString::to_string).collect(),
            not_pinged: reminded
                .not_pinged
                .iter()
                .map(ToString::to_string)
                .collect(),
        }),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

fn groups(
    groups: &std::collections::BTreeMap<String, ping::Tally>,
    name: impl Fn(&str) -> String,
) -> Vec<GroupRow> {
    groups
        .iter()
        .map(|(key, tally)| GroupRow {
            name: name(key),
            tally: *tally,
            percent: percent(tally.response_rate),
        })
        .collect()
}

/// `GET /campaigns/{id}/report`: every verdict, who answered, the counts by role and State,
/// and the charts.
pub async fn report(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = evaluated(&identity, &id).await;
    drop(identity);
    let (report, warning) = match result {
        Ok(evaluated) => evaluated,
        Err(e) => return page::failed(&ui, &headers, &e).await,
    };
    let lang = ui.lang();
    let t = report.summary;
    let word = |o: ReportOutcome| o.text(lang).to_owned();
    let outcomes = Chart::of(
        phrases::report_response_rate(
            lang,
            percent(t.response_rate),
            (t.on_time + t.late) as u64,
            t.targets as u64,
        ),
        vec![
            (word(ReportOutcome::OnTime), t.on_time, "#2e7d32"),
            (word(ReportOutcome::Late), t.late, "#f9a825"),
            (word(ReportOutcome::NoAnswer), t.no_answer, "#9e9e9e"),
            (word(ReportOutcome::Invalid), t.invalid, "#c62828"),
        ],
        lang,
    );
    let latency = Chart::of(
        Text::ReportLatencyChart.text(lang).to_owned(),
        report
            .latency_buckets()
            .into_iter()
            .map(|(limit, n)| (ping::latency_label(limit, lang), n, "#1565c0"))
            .collect(),
        lang,
    );
    let zone = crate::render::reader_zone();
    let by_role = groups(&report.by_role, |role| {
        crate::ids::parse_role(role).map_or_else(|_| role.to_owned(), |r| r.text(lang).to_owned())
    });
    let by_state = groups(&report.by_state, str::to_owned);
    page::render(&ReportPage {
        chrome: Chrome::of(&ui, "campaigns").await,
        created: crate::render::local_time(report.created_at.0, &zone),
        serial: report.directory_serial,
        charts: vec![outcomes, latency],
        by_role,
        by_state,
        s: standing(&report, lang, warning),
    })
}

/// `GET /campaigns/{id}/bundle`: the proof bundle (the signed campaign, the signed directory
/// and every signed answer), for `poc ping verify`.
pub async fn bundle(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = async {
        let campaign = ping::find(&identity, &id)?;
        ops::online(&identity, async |client| {
            ops::inbox::fetch(&identity, client).await
        })
        .await?;
        let directory = ops::require_directory(&identity)?;
        let bytes = ping::bundle(&identity, &directory, &campaign)?;
        anyhow::Ok((campaign.id_text(), bytes))
    }
    .await;
    drop(identity);
    match result {
        Ok((id, bytes)) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            );
            if let Ok(value) =
                HeaderValue::from_str(&format!("attachment; filename=\"campaign-{id}.bundle\""))
            {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}
