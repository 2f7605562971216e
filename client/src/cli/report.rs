//! Ping campaign reports as people read them: per-PoC verdicts, summaries by role and by
//! State, response rate, as aligned text, CSV, or a self-contained HTML page with charts.
//! The report itself ([`CampaignReport`]) is computed by [`crate::ops::ping`]; its JSON form
//! is the command's document.
//!
//! The text table and the HTML page are in the reader's language (the HTML page declares it,
//! right to left for Arabic); CSV keeps the canonical English values, as data. PoC ids,
//! States and problems are shown as written.

use std::collections::BTreeMap;

use poc_keys::verified::VerifiedDirectory;
use poc_proto::{PocId, PublicKeyBytes, Role};

use super::args::ReportFormat;
use crate::i18n::phrases::{self, ReportColumn, ReportOutcome, Text};
use crate::i18n::{screens, Label, Lang, Translated};
use crate::ops::ping::{CampaignReport, Outcome, Tally, TargetResult};
use crate::render::{table, time};

/// A rate (0 to 1) in whole percent, rounded as `{:.0}` shows it.
pub fn percent(rate: f64) -> u64 {
    (rate * 100.0).round_ties_even() as u64
}

/// The verdict on one PoC, typed.
fn outcome(r: &TargetResult) -> ReportOutcome {
    r.verdict()
}

/// The canonical English verdict of the CSV (data, whatever the reader's language).
fn outcome_name(r: &TargetResult) -> &'static str {
    match (r.outcome, r.automatic) {
        (Outcome::OnTime, false) => "on time", // canonical, not translated
        (Outcome::OnTime, true) => "on time (automatic)", // canonical, not translated
        (Outcome::Late, false) => "late",      // canonical, not translated
        (Outcome::Late, true) => "late (automatic)", // canonical, not translated
        (Outcome::NoAnswer, _) => "no answer", // canonical, not translated
        (Outcome::Invalid, _) => "INVALID",    // canonical, not translated
    }
}

/// " (EXERCISE)" after the title of an exercise campaign's report, in `lang`.
fn exercise_mark(exercise: bool, lang: Lang) -> String {
    if exercise {
        format!(" ({})", Label::Exercise.text(lang))
    } else {
        String::new()
    }
}

/// The name of a group of PoCs: a role (translated) or a State (as written).
fn role_group(lang: Lang, role: &str) -> String {
    match Role::from_key(role) {
        Some(r) => phrases::report_role(lang, r),
        None => role.to_owned(),
    }
}

fn row(tally: &Tally, name: &str) -> Vec<String> {
    vec![
        name.to_owned(),
        tally.targets.to_string(),
        tally.on_time.to_string(),
        tally.late.to_string(),
        tally.no_answer.to_string(),
        tally.invalid.to_string(),
        format!("{}%", percent(tally.response_rate)),
    ]
}

/// The report in `format`, the table and HTML page in `lang`; `document` gives the JSON
/// document for [`ReportFormat::Json`] (the command's own `--json` document). What others
/// wrote is shown safely in every format but CSV, which carries it as written for
/// spreadsheets (on a terminal the CLI's output boundary escapes it).
pub fn render(
    report: &CampaignReport,
    format: ReportFormat,
    lang: Lang,
    page: &Page,
    document: impl FnOnce() -> String,
) -> String {
    match format {
        ReportFormat::Table => text(report, lang),
        // A JSON document stays JSON: what could act on a terminal is written as `\u` escapes.
        ReportFormat::Json => crate::terminal::json_for_terminal(&document()).into_owned(),
        ReportFormat::Csv => csv(report),
        ReportFormat::Html => html(report, lang, page),
    }
}

fn text(report: &CampaignReport, lang: Lang) -> String {
    let upper = |c: ReportColumn| c.text(lang).to_uppercase();
    let mut out = format!(
        "{}{}\n{}\n\n",
        phrases::report_campaign(lang, &report.campaign),
        exercise_mark(report.exercise, lang),
        phrases::report_summary_line(
            lang,
            &time(report.created_at.0),
            &time(report.deadline.0),
            report.directory_serial,
            report.results.len() as u64,
        ),
    );
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .map(|r| {
            vec![
                r.answered_by(),
                outcome(r).text(lang).to_owned(),
                r.latency_seconds
                    .map(|l| phrases::duration(lang, l))
                    .unwrap_or_default(),
                r.problems.join("; "),
            ]
        })
        .collect();
    let header = [
        ReportColumn::Poc,
        ReportColumn::Result,
        ReportColumn::Latency,
        ReportColumn::Problems,
    ]
    .map(upper);
    out.push_str(&table(&header.each_ref().map(String::as_str), &rows));
    let header = [
        ReportColumn::Group,
        ReportColumn::Pocs,
        ReportColumn::OnTime,
        ReportColumn::Late,
        ReportColumn::NoAnswer,
        ReportColumn::Invalid,
        ReportColumn::ResponseRate,
    ]
    .map(upper);
    let mut groups = vec![row(&report.summary, Text::ReportAll.text(lang))];
    groups.extend(
        report
            .by_role
            .iter()
            .map(|(k, t)| row(t, &role_group(lang, k))),
    );
    groups.extend(
        report
            .by_state
            .iter()
            .map(|(k, t)| row(t, &phrases::report_state(lang, k))),
    );
    out.push('\n');
    out.push_str(&table(&header.each_ref().map(String::as_str), &groups));
    let invalid = report
        .results
        .iter()
        .filter(|r| !r.problems.is_empty())
        .count();
    if invalid > 0 {
        out.push('\n');
        out.push_str(&phrases::report_invalid_warning(lang, invalid as u64));
        out.push('\n');
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
            "member",
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
            r.member.clone().unwrap_or_default(),
            r.problems.join("; "),
        ]
    }));
    for row in rows {
        // Writing to memory: a `Vec` never gives the I/O errors `write_record` reports, and
        // every record has the same eight fields.
        if out.write_record(&row).is_err() {
            break;
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    // Every field is a `String`, so the output is UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Text for the page: controls and bidirectional controls shown escaped like on a terminal
/// ([`crate::terminal::neutralise_line`]), so they cannot reorder a cell; then the five
/// characters HTML gives a meaning escaped.
fn escape(s: &str) -> String {
    crate::terminal::neutralise_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// What the HTML page shows besides the verdicts: how to reach the PoCs to follow up, and
/// what the page vouches for (the bundle file and the custodian key).
#[derive(Debug, Default, Clone)]
pub struct Page {
    /// Contacts of the PoCs, from the directory.
    pub contacts: BTreeMap<PocId, Contact>,
    /// The proof bundle the page is about: its file name and SHA-256 (hex).
    pub bundle: Option<BundleFile>,
    /// Fingerprint of the custodian key, as people compare it.
    pub custodian: Option<String>,
}

/// How to reach a PoC, as its directory entry says (text from the PoC: escaped on the page).
#[derive(Debug, Clone)]
pub struct Contact {
    /// Its organisation's name.
    pub org_name: String,
    /// Its e-mail addresses.
    pub emails: Vec<String>,
    /// Its telephone numbers.
    pub phones: Vec<String>,
}

/// A proof bundle file the page names.
#[derive(Debug, Clone)]
pub struct BundleFile {
    /// The path as given.
    pub path: String,
    /// SHA-256 of its bytes, in hex.
    pub sha256: String,
}

impl BundleFile {
    /// The bundle written or read at `path`, with the hash of `bytes`.
    pub fn of(path: &std::path::Path, bytes: &[u8]) -> Self {
        use sha2::Digest;
        BundleFile {
            path: path.display().to_string(),
            sha256: data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(bytes)),
        }
    }
}

impl Page {
    /// A page with the contacts of `directory` and the fingerprint of `custodian`.
    pub fn new(directory: &VerifiedDirectory, custodian: &PublicKeyBytes) -> Self {
        Page {
            contacts: directory
                .teams
                .iter()
                .map(|e| {
                    let contact = Contact {
                        org_name: e.body.org_name.clone(),
                        emails: e.body.emails.clone(),
                        phones: e.body.phones.clone(),
                    };
                    (e.body.id.clone(), contact)
                })
                .collect(),
            bundle: None,
            custodian: Some(
                poc_keys::FingerprintText(poc_keys::fingerprint(custodian)).to_string(),
            ),
        }
    }
}

/// A time as people read it: `2026-12-04 10:00 UTC` (the page says every time is UTC).
fn readable_utc(unix: u64) -> String {
    let text = crate::json::Timestamp(unix).text();
    // RFC 3339 with seconds, `YYYY-MM-DDTHH:MM:SSZ`; anything else (after year 9999) as is.
    match (text.get(..10), text.get(11..16)) {
        (Some(date), Some(minute)) if text.len() == 20 => format!("{date} {minute} UTC"),
        _ => text,
    }
}

/// A horizontal bar chart as inline SVG, with its values as text for those who cannot see
/// it (`aria-label` and `<title>`, which screen readers and text browsers read).
fn bars(title: &str, items: &[(String, usize, &str)], lang: Lang) -> String {
    let max = items.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
    let alternative = items
        .iter()
        .map(|(label, n, _)| screens::report_html_chart_item(lang, label, *n as u64))
        .collect::<Vec<_>>()
        .join("; ");
    let alternative = escape(&format!("{title}. {alternative}"));
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg role=\"img\" aria-label=\"{alternative}\" viewBox=\"0 0 520 {height}\" width=\"100%\" style=\"max-width:520px\" xmlns=\"http://www.w3.org/2000/svg\"><title>{alternative}</title>",
        escape(title),
        height = items.len() * 28 + 8
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

/// Whether a PoC gave no valid answer (no answer, or only invalid ones): to follow up.
fn to_follow_up(r: &TargetResult) -> bool {
    matches!(r.outcome, Outcome::NoAnswer | Outcome::Invalid)
}

/// Cells joined by line breaks, each escaped, each a link when `scheme` is given.
fn contact_cell(values: &[String], scheme: &str) -> String {
    values
        .iter()
        .map(|v| {
            let text = escape(v);
            // Only plain values become links: nothing in them can change the link's meaning.
            let plain = v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "@.+-_ ()".contains(c));
            if plain {
                let target: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                format!("<a href=\"{scheme}{}\">{text}</a>", escape(&target))
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The section listing every PoC to follow up, with how to reach it.
fn follow_up(report: &CampaignReport, page: &Page, lang: Lang) -> String {
    let pending: Vec<&TargetResult> = report.results.iter().filter(|r| to_follow_up(r)).collect();
    let mut out = format!("<h2>{}</h2>", escape(&screens::report_html_follow_up(lang)));
    if pending.is_empty() {
        out.push_str(&format!(
            "<p>{}</p>",
            escape(&screens::report_html_follow_up_none(lang))
        ));
        return out;
    }
    out.push_str(&format!(
        "<p>{}</p>",
        escape(&screens::report_html_follow_up_intro(
            lang,
            pending.len() as u64
        ))
    ));
    let header = [
        escape(ReportColumn::Poc.text(lang)),
        escape(ReportColumn::Result.text(lang)),
        escape(&screens::report_html_organisation(lang)),
        escape(&screens::report_html_email(lang)),
        escape(&screens::report_html_phone(lang)),
    ]
    .map(|h| format!("<th>{h}</th>"))
    .concat();
    out.push_str(&format!("<table id=\"follow-up\"><tr>{header}</tr>"));
    for r in pending {
        let (org, emails, phones) = match page.contacts.get(&r.id) {
            Some(c) => (
                escape(&c.org_name),
                contact_cell(&c.emails, "mailto:"),
                contact_cell(&c.phones, "tel:"),
            ),
            None => Default::default(),
        };
        let class = if r.outcome == Outcome::Invalid {
            " class=\"invalid\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<tr{class}><td>{}</td><td>{}</td><td>{org}</td><td>{emails}</td><td>{phones}</td></tr>",
            escape(&r.id.to_string()),
            escape(outcome(r).text(lang)),
        ));
    }
    out.push_str("</table>");
    out
}

/// The order of the page's table: those to follow up first, then late, then on time.
fn follow_up_rank(r: &TargetResult) -> u8 {
    match r.outcome {
        Outcome::NoAnswer => 0,
        Outcome::Invalid => 1,
        Outcome::Late => 2,
        Outcome::OnTime => 3,
    }
}

fn html(report: &CampaignReport, lang: Lang, page: &Page) -> String {
    let t = report.summary;
    let word = |o: ReportOutcome| o.text(lang).to_owned();
    let outcome_chart = bars(
        &phrases::report_response_rate(
            lang,
            percent(t.response_rate),
            (t.on_time + t.late) as u64,
            t.targets as u64,
        ),
        &[
            (word(ReportOutcome::OnTime), t.on_time, "#2e7d32"),
            (word(ReportOutcome::Late), t.late, "#f9a825"),
            (word(ReportOutcome::NoAnswer), t.no_answer, "#9e9e9e"),
            (word(ReportOutcome::Invalid), t.invalid, "#c62828"),
        ],
        lang,
    );
    let buckets: Vec<(String, usize)> = report
        .latency_buckets()
        .into_iter()
        .map(|(limit, n)| (crate::ops::ping::latency_label(limit, lang), n))
        .collect();
    let latency_chart = bars(
        Text::ReportLatencyChart.text(lang),
        &buckets
            .iter()
            .map(|(label, n)| (label.clone(), *n, "#1565c0"))
            .collect::<Vec<_>>(),
        lang,
    );
    let mut ordered: Vec<&TargetResult> = report.results.iter().collect();
    ordered.sort_by_key(|r| follow_up_rank(r));
    let rows: String = ordered
        .into_iter()
        .map(|r| {
            let class = if r.problems.is_empty() && r.outcome != Outcome::Invalid {
                ""
            } else {
                " class=\"invalid\""
            };
            format!(
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.answered_by()),
                escape(outcome(r).text(lang)),
                escape(
                    &r.latency_seconds
                        .map(|l| phrases::duration(lang, l))
                        .unwrap_or_default()
                ),
                escape(&r.problems.join("; "))
            )
        })
        .collect();
    let groups: String = std::iter::once((Text::ReportAll.text(lang).to_owned(), report.summary))
        .chain(report.by_role.iter().map(|(k, t)| (role_group(lang, k), *t)))
        .chain(
            report
                .by_state
                .iter()
                .map(|(k, t)| (phrases::report_state(lang, k), *t)),
        )
        .map(|(name, t)| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}%</td></tr>",
                escape(&name),
                t.targets,
                t.on_time,
                t.late,
                t.no_answer,
                t.invalid,
                percent(t.response_rate)
            )
        })
        .collect();
    let th = |c: ReportColumn| format!("<th>{}</th>", escape(c.text(lang)));
    let group_header: String = [
        ReportColumn::Group,
        ReportColumn::Pocs,
        ReportColumn::OnTime,
        ReportColumn::Late,
        ReportColumn::NoAnswer,
        ReportColumn::Invalid,
        ReportColumn::ResponseRate,
    ]
    .map(th)
    .concat();
    let poc_header: String = [
        ReportColumn::Poc,
        ReportColumn::Result,
        ReportColumn::Latency,
        ReportColumn::Problems,
    ]
    .map(th)
    .concat();
    let started = readable_utc(report.created_at.0);
    // The custodian's own words name the campaign; the id stays under the title.
    let title = escape(&match report.note.as_deref().map(str::trim) {
        Some(note) if !note.is_empty() => note.to_owned(),
        _ => screens::report_html_untitled(lang, &started),
    });
    let intro = escape(&phrases::report_intro(
        lang,
        &started,
        &readable_utc(report.deadline.0),
        report.directory_serial,
    ));
    let mut provenance = vec![
        screens::report_html_campaign_id(lang, &report.campaign),
        screens::report_html_times(lang),
    ];
    provenance.push(match &page.bundle {
        Some(b) => screens::report_html_bundle(lang, &b.path, &b.sha256),
        None => screens::report_html_no_bundle(
            lang,
            &format!("poc ping report {} --bundle FILE", report.campaign),
        ),
    });
    if let Some(fingerprint) = &page.custodian {
        provenance.push(screens::report_html_custodian(lang, fingerprint));
    }
    let provenance: String = provenance
        .iter()
        .map(|line| format!("<li>{}</li>", escape(line)))
        .collect();
    let (dir, align) = if lang.is_rtl() {
        ("rtl", "right")
    } else {
        ("ltr", "left")
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>body{{font-family:sans-serif;margin:1em;max-width:60em}}table{{border-collapse:collapse;margin:1em 0;display:block;overflow-x:auto}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:{align};vertical-align:top}}\
         tr.invalid{{background:#ffebee;font-weight:bold}}figure{{margin:1em 0}}</style></head><body>\
         <h1>{title}{exercise}</h1><p>{intro}</p><ul>{provenance}</ul>{follow_up}\
         {outcome_chart}{latency_chart}<h2>{by_group}</h2><table><tr>{group_header}</tr>{groups}</table>\
         <h2>{by_poc}</h2><table><tr>{poc_header}</tr>{rows}</table></body></html>\n",
        code = lang.code(),
        exercise = escape(&exercise_mark(report.exercise, lang)),
        follow_up = follow_up(report, page, lang),
        by_group = escape(Text::ReportByGroup.text(lang)),
        by_poc = escape(Text::ReportByPoc.text(lang)),
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
            member: None,
            problems: problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn html_escapes_markup_controls_and_bidi_controls() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            escape("a\u{1b}[2J\u{202E}b\nc"),
            "a\\x1b[2J&lt;U+202E&gt;b\\nc"
        );
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
            note: None,
            results: vec![
                result("FRA.technical", Outcome::OnTime, Some(42), true, &[]),
                TargetResult {
                    member: Some("deputy, \"night\"".into()),
                    ..result("MEX.technical", Outcome::Late, Some(90), false, &[])
                },
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
            "poc,state,role,result,latency_seconds,automatic,member,problems\n\
             FRA.technical,FRA,technical,{on_time},42,true,,\n\
             MEX.technical,MEX,technical,{late},90,false,\"deputy, \"\"night\"\"\",\n\
             MEX.diplomatic,MEX,diplomatic,{none},,false,,\n\
             BRA.technical,BRA,technical,{invalid},,false,,\"bad signature, from \"\"BRA\"\"; late\nand replayed\"\n",
            on_time = outcome_name(&report.results[0]),
            late = outcome_name(&report.results[1]),
            none = outcome_name(&report.results[2]),
            invalid = outcome_name(&report.results[3]),
        );
        assert_eq!(csv(&report), expected);
    }

    #[test]
    fn the_table_and_the_page_are_in_the_reader_language_and_csv_is_not() {
        let mut report = CampaignReport {
            campaign: "ab".repeat(16),
            created_at: 0.into(),
            deadline: 60.into(),
            deadline_passed: true,
            directory_serial: 7,
            exercise: false,
            note: None,
            results: vec![
                result("FRA.technical", Outcome::OnTime, Some(42), false, &[]),
                result("MEX.diplomatic", Outcome::NoAnswer, None, false, &[]),
            ],
            summary: Default::default(),
            by_role: Default::default(),
            by_state: Default::default(),
        };
        report.by_state.insert("FRA".into(), Default::default());
        let fr = text(&report, Lang::Fr);
        assert!(fr.contains(ReportOutcome::NoAnswer.text(Lang::Fr)), "{fr}");
        assert!(!fr.contains("no answer"), "{fr}");
        assert!(fr.contains(&phrases::report_state(Lang::Fr, "FRA")), "{fr}");
        assert!(
            fr.contains(&ReportColumn::Result.text(Lang::Fr).to_uppercase()),
            "{fr}"
        );
        let en = text(&report, Lang::En);
        assert!(en.contains("no answer") && en.contains("RESULT"), "{en}");
        assert_ne!(fr, en);
        let ar = html(&report, Lang::Ar, &Page::default());
        assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "{ar}");
        assert!(
            ar.contains(&escape(Text::ReportByPoc.text(Lang::Ar))),
            "{ar}"
        );
        assert!(
            html(&report, Lang::Fr, &Page::default()).contains("<html lang=\"fr\" dir=\"ltr\">")
        );
        assert!(csv(&report).contains("MEX.diplomatic,MEX,diplomatic,no answer,"));
    }

    #[test]
    fn the_table_and_the_page_name_the_member_who_answered() {
        let report = CampaignReport {
            campaign: "ef".repeat(16),
            created_at: 0.into(),
            deadline: 60.into(),
            deadline_passed: false,
            directory_serial: 3,
            exercise: false,
            note: None,
            results: vec![
                TargetResult {
                    member: Some("on-call laptop 2".into()),
                    ..result("MEX.technical", Outcome::OnTime, Some(5), false, &[])
                },
                result("FRA.technical", Outcome::OnTime, Some(7), false, &[]),
            ],
            summary: Default::default(),
            by_role: Default::default(),
            by_state: Default::default(),
        };
        let table = text(&report, Lang::En);
        assert!(
            table.contains("MEX.technical (on-call laptop 2)"),
            "{table}"
        );
        assert!(!table.contains("FRA.technical ("), "{table}");
        let page = html(&report, Lang::En, &Page::default());
        assert!(
            page.contains("<td>MEX.technical (on-call laptop 2)</td>"),
            "{page}"
        );
        assert!(page.contains("<td>FRA.technical</td>"), "{page}");
    }

    fn follow_up_report(note: Option<&str>) -> (CampaignReport, Page) {
        let report = CampaignReport {
            campaign: "cd".repeat(16),
            created_at: 1_800_000_000.into(),
            deadline: 1_800_003_600.into(),
            deadline_passed: true,
            directory_serial: 3,
            exercise: false,
            note: note.map(str::to_owned),
            results: vec![
                result("FRA.technical", Outcome::OnTime, Some(42), false, &[]),
                result("MEX.diplomatic", Outcome::NoAnswer, None, false, &[]),
                result("BRA.technical", Outcome::Invalid, None, false, &["forged"]),
            ],
            summary: Tally {
                targets: 3,
                on_time: 1,
                no_answer: 1,
                invalid: 1,
                ..Default::default()
            },
            by_role: Default::default(),
            by_state: Default::default(),
        };
        let mut page = Page {
            custodian: Some("MFRG GZDF".into()),
            bundle: Some(BundleFile {
                path: "campaign.bundle".into(),
                sha256: "ab".repeat(32),
            }),
            ..Page::default()
        };
        page.contacts.insert(
            "MEX.diplomatic".parse().unwrap(),
            Contact {
                org_name: "<script>alert(1)</script> SRE".into(),
                emails: vec![
                    "poc@sre.gob.mx".into(),
                    "\"><img src=x onerror=alert(1)>".into(),
                ],
                phones: vec!["+52 55 3686 5100".into()],
            },
        );
        (report, page)
    }

    #[test]
    fn the_page_is_titled_with_the_note_and_reads_on_a_phone() {
        let (report, page) = follow_up_report(Some("Annual check <b>2026</b>"));
        let page = html(&report, Lang::En, &page);
        assert!(
            page.contains("<title>Annual check &lt;b&gt;2026&lt;/b&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("<meta name=\"viewport\" content=\"width=device-width"));
        assert!(page.contains("2027-01-15 08:00 UTC"), "{page}");
        assert!(!page.contains("2027-01-15T08:00:00Z"), "{page}");
        assert!(page.contains(&"ab".repeat(32)) && page.contains("campaign.bundle"));
        assert!(page.contains("MFRG GZDF"));
        // Without a note the title is the date, not the id.
        let (report, page) = follow_up_report(None);
        let untitled = html(&report, Lang::Fr, &page);
        let title = untitled
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap();
        assert!(!title.contains(&"cd".repeat(16)), "{title}");
        assert_eq!(
            title,
            escape(&screens::report_html_untitled(
                Lang::Fr,
                "2027-01-15 08:00 UTC"
            ))
        );
    }

    #[test]
    fn the_page_lists_those_to_follow_up_first_with_their_contacts_escaped() {
        let (report, page) = follow_up_report(Some("check"));
        let page = html(&report, Lang::En, &page);
        assert!(
            !page.contains("<script>") && !page.contains("<img"),
            "{page}"
        );
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; SRE"),
            "{page}"
        );
        assert!(page.contains("<a href=\"mailto:poc@sre.gob.mx\">poc@sre.gob.mx</a>"));
        assert!(page.contains("<a href=\"tel:+525536865100\">+52 55 3686 5100</a>"));
        let follow_up = page.find("id=\"follow-up\"").unwrap();
        assert!(follow_up < page.find("<svg").unwrap(), "before the charts");
        let mex = page.find("MEX.diplomatic").unwrap();
        let bra = page.find("BRA.technical").unwrap();
        assert!(follow_up < mex && mex < bra && bra < page.find("FRA.technical").unwrap());
        // The full table too: no answer, invalid, then on time.
        let by_poc = &page[page.rfind("<table>").unwrap()..];
        let order: Vec<usize> = ["MEX.diplomatic", "BRA.technical", "FRA.technical"]
            .iter()
            .map(|id| by_poc.find(id).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{by_poc}");
    }

    #[test]
    fn every_chart_has_its_values_as_text() {
        let (report, page) = follow_up_report(Some("check"));
        let page = html(&report, Lang::Fr, &page);
        let svgs: Vec<&str> = page.split("<svg").skip(1).collect();
        assert_eq!(svgs.len(), 2);
        for svg in svgs {
            let label = svg.split("aria-label=\"").nth(1).unwrap();
            assert!(svg.contains("<title>"), "{svg}");
            assert!(label.contains(" : "), "French punctuation: {label}");
        }
        let no_answer = escape(ReportOutcome::NoAnswer.text(Lang::Fr));
        assert!(page.contains(&format!("{no_answer} : 1")), "{page}");
    }
}
