//! Ping campaign reports: per-PoC verdicts, summaries by role and by State, response rate,
//! as aligned text, JSON, CSV, or a self-contained HTML page with charts.
//!
//! The text table and the HTML page are in the reader's language ([`crate::i18n`]); JSON
//! and CSV are data for other programs and keep canonical English names.

use std::collections::BTreeMap;

use poc_proto::Role;
use serde_json::json;

use super::args::ReportFormat;
use crate::i18n::phrases::{self, ReportColumn, ReportOutcome, Text};
use crate::i18n::{Lang, Translated};
use crate::ops::ping::{Campaign, Evaluation, Outcome, TargetResult};
use crate::render::{table, time};

fn outcome(r: &TargetResult) -> ReportOutcome {
    match (&r.outcome, r.automatic) {
        (Outcome::OnTime { .. }, false) => ReportOutcome::OnTime,
        (Outcome::OnTime { .. }, true) => ReportOutcome::OnTimeAutomatic,
        (Outcome::Late { .. }, false) => ReportOutcome::Late,
        (Outcome::Late { .. }, true) => ReportOutcome::LateAutomatic,
        (Outcome::NoAnswer, _) => ReportOutcome::NoAnswer,
        (Outcome::Invalid, _) => ReportOutcome::Invalid,
    }
}

fn count(n: usize) -> u64 {
    n.try_into().unwrap_or(u64::MAX)
}

fn percent(rate: f64) -> u64 {
    // A share between 0 and 1, shown in whole percent.
    (rate * 100.0).round().clamp(0.0, 100.0) as u64
}

fn latency(r: &TargetResult) -> Option<u64> {
    match r.outcome {
        Outcome::OnTime { latency } | Outcome::Late { latency } => Some(latency),
        _ => None,
    }
}

/// Counts for a group of PoCs.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    targets: usize,
    on_time: usize,
    late: usize,
    automatic: usize,
    no_answer: usize,
    invalid: usize,
}

impl Tally {
    fn add(&mut self, r: &TargetResult) {
        self.targets += 1;
        match r.outcome {
            Outcome::OnTime { .. } => self.on_time += 1,
            Outcome::Late { .. } => self.late += 1,
            Outcome::NoAnswer => self.no_answer += 1,
            Outcome::Invalid => self.invalid += 1,
        }
        if r.automatic {
            self.automatic += 1;
        }
    }

    /// Share of PoCs with a valid acknowledgement, on time or late.
    fn rate(&self) -> f64 {
        if self.targets == 0 {
            0.0
        } else {
            (self.on_time + self.late) as f64 / self.targets as f64
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({ "targets": self.targets, "on_time": self.on_time, "late": self.late, "automatic": self.automatic,
                "no_answer": self.no_answer, "invalid": self.invalid, "response_rate": self.rate() })
    }

    fn row(&self, name: &str) -> Vec<String> {
        vec![
            name.to_owned(),
            self.targets.to_string(),
            self.on_time.to_string(),
            self.late.to_string(),
            self.no_answer.to_string(),
            self.invalid.to_string(),
            format!("{}%", percent(self.rate())),
        ]
    }
}

struct Summary {
    all: Tally,
    by_role: BTreeMap<Role, Tally>,
    by_state: BTreeMap<String, Tally>,
}

fn summarise(evaluation: &Evaluation) -> Summary {
    let mut s = Summary {
        all: Tally::default(),
        by_role: BTreeMap::new(),
        by_state: BTreeMap::new(),
    };
    for r in &evaluation.results {
        s.all.add(r);
        s.by_role.entry(r.id.role()).or_default().add(r);
        s.by_state.entry(r.id.org().to_owned()).or_default().add(r);
    }
    s
}

/// The report in `format`, in English (see [`render_in`]).
pub fn render(campaign: &Campaign, evaluation: &Evaluation, format: ReportFormat) -> String {
    render_in(campaign, evaluation, format, Lang::En)
}

/// The report in `format`; the text table and the HTML page are in `lang`.
pub fn render_in(
    campaign: &Campaign,
    evaluation: &Evaluation,
    format: ReportFormat,
    lang: Lang,
) -> String {
    let summary = summarise(evaluation);
    match format {
        ReportFormat::Table => text(campaign, evaluation, &summary, lang),
        ReportFormat::Json => format!("{}\n", json_report(campaign, evaluation)),
        ReportFormat::Csv => csv(evaluation),
        ReportFormat::Html => html(campaign, evaluation, &summary, lang),
    }
}

/// The groups of the summary: all PoCs, each role, each State.
fn groups(summary: &Summary, lang: Lang) -> Vec<(String, Tally)> {
    std::iter::once((Text::ReportAll.text(lang).to_owned(), summary.all))
        .chain(
            summary
                .by_role
                .iter()
                .map(|(k, t)| (phrases::report_role(lang, *k), *t)),
        )
        .chain(
            summary
                .by_state
                .iter()
                .map(|(k, t)| (phrases::report_state(lang, k), *t)),
        )
        .collect()
}

const GROUP_COLUMNS: [ReportColumn; 7] = [
    ReportColumn::Group,
    ReportColumn::Pocs,
    ReportColumn::OnTime,
    ReportColumn::Late,
    ReportColumn::NoAnswer,
    ReportColumn::Invalid,
    ReportColumn::ResponseRate,
];

const POC_COLUMNS: [ReportColumn; 4] = [
    ReportColumn::Poc,
    ReportColumn::Result,
    ReportColumn::Latency,
    ReportColumn::Problems,
];

/// The JSON form of a report.
pub fn json_report(campaign: &Campaign, evaluation: &Evaluation) -> serde_json::Value {
    let summary = summarise(evaluation);
    json!({
        "campaign": campaign.id_text(),
        "created_at": campaign.created_at,
        "deadline": campaign.deadline,
        "directory_serial": campaign.directory_serial,
        "exercise": campaign.exercise,
        "results": evaluation.results.iter().map(|r| json!({
            "id": r.id.to_string(), "role": r.id.role().to_string(), "state": r.id.org(),
            "outcome": match r.outcome { Outcome::OnTime { .. } => "on_time", Outcome::Late { .. } => "late", Outcome::NoAnswer => "no_answer", Outcome::Invalid => "invalid" },
            "latency_seconds": latency(r), "automatic": r.automatic, "problems": r.problems,
        })).collect::<Vec<_>>(),
        "summary": summary.all.json(),
        "by_role": summary.by_role.iter().map(|(k, t)| (k.as_str().to_owned(), t.json())).collect::<serde_json::Map<_, _>>(),
        "by_state": summary.by_state.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
    })
}

fn exercise_mark(campaign: &Campaign, lang: Lang) -> String {
    if campaign.exercise {
        format!(" ({})", crate::i18n::Label::Exercise.text(lang))
    } else {
        String::new()
    }
}

fn text(campaign: &Campaign, evaluation: &Evaluation, summary: &Summary, lang: Lang) -> String {
    let mut out = format!(
        "{}{}\n{}\n\n",
        phrases::report_campaign(lang, &campaign.id_text()),
        exercise_mark(campaign, lang),
        phrases::report_summary_line(
            lang,
            &time(campaign.created_at),
            &time(campaign.deadline),
            campaign.directory_serial,
            count(campaign.targets.len()),
        )
    );
    let rows: Vec<Vec<String>> = evaluation
        .results
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                outcome(r).text(lang).to_owned(),
                latency(r)
                    .map(|l| phrases::duration(lang, l))
                    .unwrap_or_default(),
                r.problems.join("; "),
            ]
        })
        .collect();
    let upper = |columns: &[ReportColumn]| -> Vec<String> {
        columns
            .iter()
            .map(|c| c.text(lang).to_uppercase())
            .collect()
    };
    let poc_header = upper(&POC_COLUMNS);
    let poc_header: Vec<&str> = poc_header.iter().map(String::as_str).collect();
    out.push_str(&table(&poc_header, &rows));
    let group_header = upper(&GROUP_COLUMNS);
    let group_header: Vec<&str> = group_header.iter().map(String::as_str).collect();
    let group_rows: Vec<Vec<String>> = groups(summary, lang)
        .iter()
        .map(|(name, t)| t.row(name))
        .collect();
    out.push('\n');
    out.push_str(&table(&group_header, &group_rows));
    let invalid = evaluation
        .results
        .iter()
        .filter(|r| !r.problems.is_empty())
        .count();
    if invalid > 0 {
        out.push_str(&format!(
            "\n{}\n",
            phrases::report_invalid_warning(lang, count(invalid))
        ));
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv(evaluation: &Evaluation) -> String {
    let mut out = String::from("poc,state,role,result,latency_seconds,automatic,problems\n");
    for r in &evaluation.results {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.id,
            r.id.org(),
            r.id.role(),
            csv_field(outcome(r).text(Lang::En)),
            latency(r).map(|l| l.to_string()).unwrap_or_default(),
            r.automatic,
            csv_field(&r.problems.join("; "))
        ));
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart as inline SVG.
fn bars(title: &str, items: &[(String, usize, &str)]) -> String {
    let max = items.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg role=\"img\" width=\"520\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(title),
        items.len() * 28 + 8
    );
    for (i, (label, n, colour)) in items.iter().enumerate() {
        let y = i * 28 + 4;
        let w = n * 300 / max;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{}</text><rect x=\"150\" y=\"{y}\" width=\"{w}\" height=\"20\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"13\">{n}</text>",
            y + 15,
            escape(label),
            155 + w,
            y + 15
        ));
    }
    svg.push_str("</svg></figure>");
    svg
}

fn html(campaign: &Campaign, evaluation: &Evaluation, summary: &Summary, lang: Lang) -> String {
    let t = summary.all;
    let outcome_chart = bars(
        &phrases::report_response_rate(
            lang,
            percent(t.rate()),
            count(t.on_time + t.late),
            count(t.targets),
        ),
        &[
            (
                ReportOutcome::OnTime.text(lang).into(),
                t.on_time,
                "#2e7d32",
            ),
            (ReportOutcome::Late.text(lang).into(), t.late, "#f9a825"),
            (
                ReportOutcome::NoAnswer.text(lang).into(),
                t.no_answer,
                "#9e9e9e",
            ),
            (
                ReportOutcome::Invalid.text(lang).into(),
                t.invalid,
                "#c62828",
            ),
        ],
    );
    let buckets: [(String, u64); 6] = [
        (format!("< {}", phrases::minutes(lang, 1)), 60),
        (format!("< {}", phrases::minutes(lang, 10)), 600),
        (format!("< {}", phrases::hours(lang, 1)), 3600),
        (format!("< {}", phrases::hours(lang, 6)), 21_600),
        (format!("< {}", phrases::hours(lang, 24)), 86_400),
        (format!("≥ {}", phrases::hours(lang, 24)), u64::MAX),
    ];
    let mut counts = [0usize; 6];
    for l in evaluation.results.iter().filter_map(latency) {
        if let Some(i) = buckets.iter().position(|(_, limit)| l < *limit) {
            counts[i] += 1;
        }
    }
    let latency_chart = bars(
        Text::ReportLatencyChart.text(lang),
        &buckets
            .iter()
            .zip(counts)
            .map(|((label, _), n)| (label.clone(), n, "#1565c0"))
            .collect::<Vec<_>>(),
    );
    let rows: String = evaluation
        .results
        .iter()
        .map(|r| {
            let class = if r.problems.is_empty() {
                ""
            } else {
                " class=\"invalid\""
            };
            format!(
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.id.to_string()),
                escape(outcome(r).text(lang)),
                escape(
                    &latency(r)
                        .map(|l| phrases::duration(lang, l))
                        .unwrap_or_default()
                ),
                escape(&r.problems.join("; "))
            )
        })
        .collect();
    let groups: String = groups(summary, lang)
        .iter()
        .map(|(name, t)| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}%</td></tr>",
                escape(name),
                t.targets,
                t.on_time,
                t.late,
                t.no_answer,
                t.invalid,
                percent(t.rate())
            )
        })
        .collect();
    let header = |columns: &[ReportColumn]| -> String {
        columns
            .iter()
            .map(|c| format!("<th>{}</th>", escape(c.text(lang))))
            .collect()
    };
    let title = escape(&phrases::report_title(lang, &campaign.id_text()));
    format!(
        "<!DOCTYPE html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:start}}\
         tr.invalid{{background:#ffebee;font-weight:bold}}figure{{margin:1em 0}}</style></head><body>\
         <h1>{title}{exercise}</h1><p>{intro}</p>\
         {outcome_chart}{latency_chart}<h2>{by_group}</h2><table><tr>{group_header}</tr>{groups}</table>\
         <h2>{by_poc}</h2><table><tr>{poc_header}</tr>{rows}</table></body></html>\n",
        code = lang.code(),
        dir = if lang.is_rtl() { "rtl" } else { "ltr" },
        exercise = escape(&exercise_mark(campaign, lang)),
        intro = escape(&phrases::report_intro(
            lang,
            &time(campaign.created_at),
            &time(campaign.deadline),
            campaign.directory_serial
        )),
        by_group = escape(Text::ReportByGroup.text(lang)),
        by_poc = escape(Text::ReportByPoc.text(lang)),
        group_header = header(&GROUP_COLUMNS),
        poc_header = header(&POC_COLUMNS),
    )
}
