//! Ping campaign reports: per-PoC verdicts, summaries by role and by State, response rate,
//! as aligned text, JSON, CSV, or a self-contained HTML page with charts.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::json;

use super::args::ReportFormat;
use crate::ops::ping::{Campaign, Evaluation, Outcome, TargetResult};
use crate::render::{table, time};

fn outcome_name(r: &TargetResult) -> &'static str {
    match (&r.outcome, r.automatic) {
        (Outcome::OnTime { .. }, false) => "on time",
        (Outcome::OnTime { .. }, true) => "on time (automatic)",
        (Outcome::Late { .. }, false) => "late",
        (Outcome::Late { .. }, true) => "late (automatic)",
        (Outcome::NoAnswer, _) => "no answer",
        (Outcome::Invalid, _) => "INVALID",
    }
}

fn latency(r: &TargetResult) -> Option<u64> {
    match r.outcome {
        Outcome::OnTime { latency } | Outcome::Late { latency } => Some(latency),
        _ => None,
    }
}

fn human(secs: u64) -> String {
    humantime::format_duration(Duration::from_secs(secs)).to_string()
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
            format!("{:.0}%", self.rate() * 100.0),
        ]
    }
}

struct Summary {
    all: Tally,
    by_role: BTreeMap<String, Tally>,
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
        s.by_role.entry(r.id.role().to_string()).or_default().add(r);
        s.by_state.entry(r.id.org().to_owned()).or_default().add(r);
    }
    s
}

/// The report in `format`.
pub fn render(campaign: &Campaign, evaluation: &Evaluation, format: ReportFormat) -> String {
    let summary = summarise(evaluation);
    match format {
        ReportFormat::Table => text(campaign, evaluation, &summary),
        ReportFormat::Json => format!("{}\n", json_report(campaign, evaluation)),
        ReportFormat::Csv => csv(evaluation),
        ReportFormat::Html => html(campaign, evaluation, &summary),
    }
}

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
        "by_role": summary.by_role.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
        "by_state": summary.by_state.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
    })
}

fn text(campaign: &Campaign, evaluation: &Evaluation, summary: &Summary) -> String {
    let mut out = format!(
        "campaign {}{}\nstarted {}, deadline {}, directory serial {}, {} PoCs\n\n",
        campaign.id_text(),
        if campaign.exercise { " (EXERCISE)" } else { "" },
        time(campaign.created_at),
        time(campaign.deadline),
        campaign.directory_serial,
        campaign.targets.len()
    );
    let rows: Vec<Vec<String>> = evaluation
        .results
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                outcome_name(r).to_owned(),
                latency(r).map(human).unwrap_or_default(),
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
    let mut groups = vec![summary.all.row("all")];
    groups.extend(
        summary
            .by_role
            .iter()
            .map(|(k, t)| t.row(&format!("role {k}"))),
    );
    groups.extend(
        summary
            .by_state
            .iter()
            .map(|(k, t)| t.row(&format!("State {k}"))),
    );
    out.push('\n');
    out.push_str(&table(&header, &groups));
    let invalid: Vec<&TargetResult> = evaluation
        .results
        .iter()
        .filter(|r| !r.problems.is_empty())
        .collect();
    if !invalid.is_empty() {
        out.push_str(&format!(
            "\n!!! {} PoC(s) with INVALID acknowledgements: check them !!!\n",
            invalid.len()
        ));
    }
    out
}

/// One row per PoC; fields holding a comma, a quote or a line break are quoted (RFC 4180).
fn csv(evaluation: &Evaluation) -> String {
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
    .chain(evaluation.results.iter().map(|r| {
        [
            r.id.to_string(),
            r.id.org().to_string(),
            r.id.role().to_string(),
            outcome_name(r).to_owned(),
            latency(r).map(|l| l.to_string()).unwrap_or_default(),
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

fn html(campaign: &Campaign, evaluation: &Evaluation, summary: &Summary) -> String {
    let t = summary.all;
    let outcome_chart = bars(
        &format!(
            "Response rate {:.0}% ({} of {} PoCs)",
            t.rate() * 100.0,
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
    for l in evaluation.results.iter().filter_map(latency) {
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
                escape(outcome_name(r)),
                latency(r).map(human).unwrap_or_default(),
                escape(&r.problems.join("; "))
            )
        })
        .collect();
    let groups: String = std::iter::once(("all".to_owned(), summary.all))
        .chain(summary.by_role.iter().map(|(k, t)| (format!("role {k}"), *t)))
        .chain(summary.by_state.iter().map(|(k, t)| (format!("State {k}"), *t)))
        .map(|(name, t)| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.0}%</td></tr>",
                escape(&name),
                t.targets,
                t.on_time,
                t.late,
                t.no_answer,
                t.invalid,
                t.rate() * 100.0
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
        id = campaign.id_text(),
        exercise = if campaign.exercise { " (EXERCISE)" } else { "" },
        created = time(campaign.created_at),
        deadline = time(campaign.deadline),
        serial = campaign.directory_serial,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(id: &str, outcome: Outcome, automatic: bool, problems: &[&str]) -> TargetResult {
        TargetResult {
            id: id.parse().unwrap(),
            outcome,
            automatic,
            problems: problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn csv_has_a_header_one_row_per_poc_and_quotes_what_needs_it() {
        let evaluation = Evaluation {
            results: vec![
                result("FRA.technical", Outcome::OnTime { latency: 42 }, true, &[]),
                result("MEX.diplomatic", Outcome::NoAnswer, false, &[]),
                result(
                    "BRA.technical",
                    Outcome::Invalid,
                    false,
                    &["bad signature, from \"BRA\"", "late\nand replayed"],
                ),
            ],
            evidence: Vec::new(),
        };
        let expected = format!(
            "poc,state,role,result,latency_seconds,automatic,problems\n\
             FRA.technical,FRA,technical,{on_time},42,true,\n\
             MEX.diplomatic,MEX,diplomatic,{none},,false,\n\
             BRA.technical,BRA,technical,{invalid},,false,\"bad signature, from \"\"BRA\"\"; late\nand replayed\"\n",
            on_time = outcome_name(&evaluation.results[0]),
            none = outcome_name(&evaluation.results[1]),
            invalid = outcome_name(&evaluation.results[2]),
        );
        assert_eq!(csv(&evaluation), expected);
    }
}
