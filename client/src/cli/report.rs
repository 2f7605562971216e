//! Ping campaign reports as people read them: per-PoC verdicts, summaries by role and by
//! State, response rate, as aligned text, CSV, or a self-contained HTML page with charts.
//! The report itself ([`CampaignReport`]) is computed by [`crate::ops::ping`]; its JSON form
//! is the command's document.

use std::time::Duration;

use super::args::ReportFormat;
use crate::ops::ping::{CampaignReport, Outcome, Tally, TargetResult};
use crate::render::{table, time};

fn outcome_name(r: &TargetResult) -> &'static str {
    match (r.outcome, r.automatic) {
        (Outcome::OnTime, false) => "on time",
        (Outcome::OnTime, true) => "on time (automatic)",
        (Outcome::Late, false) => "late",
        (Outcome::Late, true) => "late (automatic)",
        (Outcome::NoAnswer, _) => "no answer",
        (Outcome::Invalid, _) => "INVALID",
    }
}

fn human(secs: u64) -> String {
    humantime::format_duration(Duration::from_secs(secs)).to_string()
}

fn row(tally: &Tally, name: &str) -> Vec<String> {
    vec![
        name.to_owned(),
        tally.targets.to_string(),
        tally.on_time.to_string(),
        tally.late.to_string(),
        tally.no_answer.to_string(),
        tally.invalid.to_string(),
        format!("{:.0}%", tally.response_rate * 100.0),
    ]
}

/// The report in `format`; `document` gives the JSON document for [`ReportFormat::Json`]
/// (the command's own `--json` document).
pub fn render(
    report: &CampaignReport,
    format: ReportFormat,
    document: impl FnOnce() -> String,
) -> String {
    match format {
        ReportFormat::Table => text(report),
        ReportFormat::Json => document(),
        ReportFormat::Csv => csv(report),
        ReportFormat::Html => html(report),
    }
}

fn text(report: &CampaignReport) -> String {
    let mut out = format!(
        "campaign {}{}\nstarted {}, deadline {}, directory serial {}, {} PoCs\n\n",
        report.campaign,
        if report.exercise { " (EXERCISE)" } else { "" },
        time(report.created_at.0),
        time(report.deadline.0),
        report.directory_serial,
        report.results.len()
    );
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                outcome_name(r).to_owned(),
                r.latency_seconds.map(human).unwrap_or_default(),
                r.problems.join("; "),
            ]
        })
        .collect();
    out.push_str(&table(&["POC", "RESULT", "LATENCY", "PROBLEMS"], &rows));
    let header = [
        "GROUP",
        "POCS",
        "ON TIME",
        "LATE",
        "NO ANSWER",
        "INVALID",
        "RESPONSE RATE",
    ];
    let mut groups = vec![row(&report.summary, "all")];
    groups.extend(
        report
            .by_role
            .iter()
            .map(|(k, t)| row(t, &format!("role {k}"))),
    );
    groups.extend(
        report
            .by_state
            .iter()
            .map(|(k, t)| row(t, &format!("State {k}"))),
    );
    out.push('\n');
    out.push_str(&table(&header, &groups));
    let invalid = report
        .results
        .iter()
        .filter(|r| !r.problems.is_empty())
        .count();
    if invalid > 0 {
        out.push_str(&format!(
            "\n!!! {invalid} PoC(s) with INVALID acknowledgements: check them !!!\n"
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

fn csv(report: &CampaignReport) -> String {
    let mut out = String::from("poc,state,role,result,latency_seconds,automatic,problems\n");
    for r in &report.results {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.id,
            r.id.org(),
            r.id.role(),
            csv_field(outcome_name(r)),
            r.latency_seconds.map(|l| l.to_string()).unwrap_or_default(),
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

fn html(report: &CampaignReport) -> String {
    let t = report.summary;
    let outcome_chart = bars(
        &format!(
            "Response rate {:.0}% ({} of {} PoCs)",
            t.response_rate * 100.0,
            t.on_time + t.late,
            t.targets
        ),
        &[
            ("on time".into(), t.on_time, "#2e7d32"),
            ("late".into(), t.late, "#f9a825"),
            ("no answer".into(), t.no_answer, "#9e9e9e"),
            ("INVALID".into(), t.invalid, "#c62828"),
        ],
    );
    let buckets: [(&str, u64); 6] = [
        ("< 1 min", 60),
        ("< 10 min", 600),
        ("< 1 h", 3600),
        ("< 6 h", 21_600),
        ("< 24 h", 86_400),
        ("≥ 24 h", u64::MAX),
    ];
    let mut counts = [0usize; 6];
    for l in report.results.iter().filter_map(|r| r.latency_seconds) {
        if let Some(i) = buckets.iter().position(|(_, limit)| l < *limit) {
            counts[i] += 1;
        }
    }
    let latency_chart = bars(
        "Latency of valid acknowledgements",
        &buckets
            .iter()
            .zip(counts)
            .map(|((label, _), n)| ((*label).to_owned(), n, "#1565c0"))
            .collect::<Vec<_>>(),
    );
    let rows: String = report
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
                escape(outcome_name(r)),
                r.latency_seconds.map(human).unwrap_or_default(),
                escape(&r.problems.join("; "))
            )
        })
        .collect();
    let groups: String = std::iter::once(("all".to_owned(), report.summary))
        .chain(report.by_role.iter().map(|(k, t)| (format!("role {k}"), *t)))
        .chain(report.by_state.iter().map(|(k, t)| (format!("State {k}"), *t)))
        .map(|(name, t)| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.0}%</td></tr>",
                escape(&name),
                t.targets,
                t.on_time,
                t.late,
                t.no_answer,
                t.invalid,
                t.response_rate * 100.0
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ping campaign {id}</title>\
         <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}\
         tr.invalid{{background:#ffebee;font-weight:bold}}figure{{margin:1em 0}}</style></head><body>\
         <h1>Ping campaign {id}{exercise}</h1><p>Started {created}, deadline {deadline}, directory serial {serial}. Every acknowledgement was verified against the signed directory.</p>\
         {outcome_chart}{latency_chart}<h2>By group</h2><table><tr><th>Group</th><th>PoCs</th><th>On time</th><th>Late</th><th>No answer</th><th>Invalid</th><th>Response rate</th></tr>{groups}</table>\
         <h2>By PoC</h2><table><tr><th>PoC</th><th>Result</th><th>Latency</th><th>Problems</th></tr>{rows}</table></body></html>\n",
        id = report.campaign,
        exercise = if report.exercise { " (EXERCISE)" } else { "" },
        created = time(report.created_at.0),
        deadline = time(report.deadline.0),
        serial = report.directory_serial,
    )
}
