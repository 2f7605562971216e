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

/// One row per PoC; fields holding a comma, a quote or a line break are quoted (RFC 4180).
fn csv(report: &CampaignReport) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let rows = std::iter::once(
        [
            "poc",
            "state",
            "role",
            "result",
            "latency_seconds",
            "automatic",
            "problems",
        ]
        .map(String::from),
    )
    .chain(report.results.iter().map(|r| {
        [
            r.id.to_string(),
            r.id.org().to_string(),
            r.id.role().to_string(),
            outcome_name(r).to_owned(),
            r.latency_seconds.map(|l| l.to_string()).unwrap_or_default(),
            r.automatic.to_string(),
            r.problems.join("; "),
        ]
    }));
    for row in rows {
        // Writing to memory: a `Vec` never gives the I/O errors `write_record` reports, and
        // every record has the same seven fields.
        if out.write_record(&row).is_err() {
            break;
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    // Every field is a `String`, so the output is UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn result(
        id: &str,
        outcome: Outcome,
        latency: Option<u64>,
        automatic: bool,
        problems: &[&str],
    ) -> TargetResult {
        let id: poc_proto::PocId = id.parse().unwrap();
        TargetResult {
            role: id.role(),
            state: id.org().to_owned(),
            id,
            outcome,
            latency_seconds: latency,
            automatic,
            problems: problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn csv_has_a_header_one_row_per_poc_and_quotes_what_needs_it() {
        let report = CampaignReport {
            campaign: "00".repeat(16),
            created_at: 0.into(),
            deadline: 60.into(),
            deadline_passed: true,
            directory_serial: 1,
            exercise: false,
            results: vec![
                result("FRA.technical", Outcome::OnTime, Some(42), true, &[]),
                result("MEX.diplomatic", Outcome::NoAnswer, None, false, &[]),
                result(
                    "BRA.technical",
                    Outcome::Invalid,
                    None,
                    false,
                    &["bad signature, from \"BRA\"", "late\nand replayed"],
                ),
            ],
            summary: Default::default(),
            by_role: Default::default(),
            by_state: Default::default(),
        };
        let expected = format!(
            "poc,state,role,result,latency_seconds,automatic,problems\n\
             FRA.technical,FRA,technical,{on_time},42,true,\n\
             MEX.diplomatic,MEX,diplomatic,{none},,false,\n\
             BRA.technical,BRA,technical,{invalid},,false,\"bad signature, from \"\"BRA\"\"; late\nand replayed\"\n",
            on_time = outcome_name(&report.results[0]),
            none = outcome_name(&report.results[1]),
            invalid = outcome_name(&report.results[2]),
        );
        assert_eq!(csv(&report), expected);
    }
}
