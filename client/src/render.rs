//! Human-readable output: times, tables, and the fields of a message as translation keys, so
//! the CLI can label them in the reader's language (see [`crate::i18n`]).

use poc_proto::{Message, MessageKind};

use crate::compose::{nature_name, status_name};
use crate::i18n::phrases::{self, Text};
use crate::i18n::{Lang, Translated};

/// RFC 3339 UTC time of unix seconds. Times come from others (messages, directories), so a
/// value past year 9999, which RFC 3339 cannot show, is written as plain seconds.
pub fn time(unix: u64) -> String {
    crate::json::Timestamp(unix).to_string()
}

/// Display width of a text in a terminal (Unicode East Asian Width: wide characters take two
/// columns, combining marks and zero-width characters none).
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// A left-aligned table with a header row; columns sized to their widest cell. Every cell
/// stays on its line and shows what others wrote safely ([`crate::terminal::neutralise_line`]),
/// so a value cannot start a row of its own or reorder the cells after it.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows.iter().map(|row| safe_cells(row)).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(headers.to_vec());
    for row in &rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// The cells of a table row, each made safe to show on one line.
fn safe_cells(row: &[String]) -> Vec<String> {
    row.iter()
        .map(|cell| crate::terminal::neutralise_line(cell).into_owned())
        .collect()
}

/// The cells of one row on one line, two spaces apart, each made safe like a [`table`]'s.
pub fn row_line(row: &[String]) -> String {
    safe_cells(row).join("  ")
}

/// One-line description of a message for lists, in English (see [`headline_in`]).
pub fn headline(message: &Message) -> String {
    headline_in(message, Lang::En)
}

/// One-line description of a message for lists: the content as written (never translated),
/// or for messages without free text a description in `lang`.
pub fn headline_in(message: &Message, lang: Lang) -> String {
    match &message.kind {
        MessageKind::IncidentNotification(n) => n
            .summary
            .clone()
            .or_else(|| n.reference.clone())
            .unwrap_or_else(|| Text::NoSummary.text(lang).to_owned()),
        MessageKind::AssistanceRequest(a) => a
            .details
            .as_deref()
            .map(first_line)
            .or_else(|| a.reference.clone())
            .unwrap_or_else(|| Text::NoDetails.text(lang).to_owned()),
        MessageKind::Response(r) => {
            let text = r.text.as_deref().map(first_line).unwrap_or_default();
            format!("{}: {text}", r.status.text(lang))
                .trim_end_matches([':', ' '])
                .to_owned()
        }
        MessageKind::Text(t) => t.subject.clone().unwrap_or_else(|| first_line(&t.text)),
        MessageKind::Receipt(r) => phrases::receipt_for(lang, &r.envelope.to_string()),
        MessageKind::EntryUpdate(u) if u.rotation.is_some() => {
            phrases::key_rotation_request(lang, &u.entry.body.id.to_string())
        }
        MessageKind::EntryUpdate(u) => {
            phrases::entry_update_request(lang, &u.entry.body.id.to_string())
        }
        MessageKind::DirectoryNotice(n) => phrases::directory_published(lang, n.serial),
        MessageKind::Ping(p) => phrases::ping_answer_by(lang, &time(p.deadline)),
        MessageKind::PingAck(a) if a.automatic => format!(
            "{} ({})",
            Text::PingAcknowledged.text(lang),
            Text::Automatic.text(lang)
        ),
        MessageKind::PingAck(_) => Text::PingAcknowledged.text(lang).to_owned(),
        MessageKind::AttachmentPart(p) => crate::i18n::screens::attachment_part_headline(
            lang,
            u64::from(p.index) + 1,
            &p.message.to_string(),
        ),
        MessageKind::MemberKeyUpdate(u) => crate::i18n::screens::member_key_request(
            lang,
            &u.entry.to_string(),
            &u.member.record.label,
        ),
        MessageKind::MemberRemoval(r) => {
            crate::i18n::screens::member_removal_request(lang, &r.entry.to_string(), &r.label)
        }
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > 60 {
        line.chars().take(57).collect::<String>() + "..."
    } else {
        line.to_owned()
    }
}

/// One field of a message: its translation key, its value, and the fixed-value set the value
/// belongs to (translated on display) if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Translation key of the label (see [`crate::i18n::label`]).
    pub key: &'static str,
    /// The value as written by the sender (or the canonical fixed value).
    pub value: String,
    /// For fixed values: the set (`nature`, `status`, `incident_class`, `yes_no`), see
    /// [`crate::i18n::value`].
    pub set: Option<&'static str>,
}

/// The fields of a message body, in template order, skipping empty ones.
pub fn fields(message: &Message) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |key: &'static str, value: Option<String>, set: Option<&'static str>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.push(Field { key, value, set });
        }
    };
    match &message.kind {
        MessageKind::IncidentNotification(n) => {
            push("reference", n.reference.clone(), None);
            push("summary", n.summary.clone(), None);
            push("description", n.description.clone(), None);
            push(
                "incident_class",
                n.incident_class.clone(),
                Some("incident_class"),
            );
            push("time_detected", n.time_detected.clone(), None);
            push("affected_sector", n.affected_sector.clone(), None);
            push("affected_systems", n.affected_systems.clone(), None);
            push("indicators", Some(n.indicators.join(", ")), None);
            push("actions_taken", n.actions_taken.clone(), None);
            push("assistance_requested", n.assistance_requested.clone(), None);
            push(
                "requested_response_time",
                n.requested_response_time.clone(),
                None,
            );
            push("follow_up_contact", n.follow_up_contact.clone(), None);
        }
        MessageKind::AssistanceRequest(a) => {
            push("reference", a.reference.clone(), None);
            push(
                "nature",
                a.nature.map(|n| nature_name(n).to_owned()),
                Some("nature"),
            );
            push("related_incident", a.related_incident.clone(), None);
            push("details", a.details.clone(), None);
            push(
                "requested_response_time",
                a.requested_response_time.clone(),
                None,
            );
            push("legal_context", a.legal_context.clone(), None);
        }
        MessageKind::Response(r) => {
            push(
                "status",
                Some(status_name(r.status).to_owned()),
                Some("status"),
            );
            push("text", r.text.clone(), None);
        }
        MessageKind::Text(t) => {
            push("subject", t.subject.clone(), None);
            push("text", Some(t.text.clone()), None);
        }
        MessageKind::Receipt(r) => {
            push("acknowledges", Some(r.envelope.to_string()), None);
            push("received_at", Some(time(r.received_at)), None);
        }
        MessageKind::EntryUpdate(u) => {
            let b = &u.entry.body;
            push("entry", Some(b.id.to_string()), None);
            push("organisation", Some(b.org_name.clone()), None);
            push("email", Some(b.emails.join(", ")), None);
            push("phone", Some(b.phones.join(", ")), None);
            push("languages", Some(b.languages.join(", ")), None);
            push(
                "new_key",
                u.rotation.as_ref().map(|r| {
                    poc_keys::FingerprintText(poc_keys::fingerprint(&r.new_key)).to_string()
                }),
                None,
            );
        }
        MessageKind::DirectoryNotice(n) => {
            push("directory_serial", Some(n.serial.to_string()), None);
            push("digest", Some(crate::trust::hex(&n.digest)), None);
        }
        MessageKind::Ping(p) => {
            push("campaign", Some(crate::trust::hex(&p.campaign)), None);
            push("deadline", Some(time(p.deadline)), None);
            push("note", p.note.clone(), None);
        }
        MessageKind::PingAck(a) => {
            push("campaign", Some(crate::trust::hex(&a.campaign)), None);
            push("acknowledges", Some(a.ping_envelope.to_string()), None);
            push("received_at", Some(time(a.received_at)), None);
            push("automatic", Some(a.automatic.to_string()), Some("yes_no"));
        }
        MessageKind::AttachmentPart(p) => {
            push("in_reply_to", Some(p.message.to_string()), None);
            push("part", Some((u64::from(p.index) + 1).to_string()), None);
        }
        MessageKind::MemberKeyUpdate(u) => {
            push("entry", Some(u.entry.to_string()), None);
            push("member", Some(u.member.record.label.clone()), None);
            push(
                "new_key",
                Some(
                    poc_keys::FingerprintText(poc_keys::fingerprint(&u.rotation.new_key))
                        .to_string(),
                ),
                None,
            );
        }
        MessageKind::MemberRemoval(r) => {
            push("entry", Some(r.entry.to_string()), None);
            push("member", Some(r.label.clone()), None);
            push("reason", r.reason.clone(), None);
        }
    }
    out
}

/// The reader's time zone: the `TZ` environment variable if set (a zone name such as
/// `Europe/Paris` or a POSIX rule such as `JST-9`), else the system's; UTC if neither can be
/// read.
pub fn reader_zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Unix seconds as a local date and time to the minute in `zone` (`2026-12-04 11:15`), for
/// people. A time the calendar cannot show is written as [`time`] writes it.
pub fn local_time(unix: u64, zone: &jiff::tz::TimeZone) -> String {
    i64::try_from(unix)
        .ok()
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|t| {
            t.to_zoned(zone.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| time(unix))
}

/// `text` cut to at most `max` terminal columns, with `…` in place of what is cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Narrowest a shrunk column becomes when fitting a table to the terminal.
const MIN_SHRUNK: usize = 8;

/// A table fitted to a width: its cells made safe to show on one line (as in [`table`]) and
/// cut where needed, and the width of each column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// Width in terminal columns of each column.
    pub widths: Vec<usize>,
    /// The header cells.
    pub headers: Vec<String>,
    /// The rows' cells.
    pub rows: Vec<Vec<String>>,
}

/// Lays out a table (columns two spaces apart) within `max_width` terminal columns when
/// given: the columns of `shrink`, in that order, give up width (down to eight columns each)
/// until the widest line fits, and their cells are cut with `…`. Other columns (ids, times)
/// keep their full width, so ids can still be copied.
pub fn fit(
    headers: &[String],
    rows: &[Vec<String>],
    shrink: &[usize],
    max_width: Option<usize>,
) -> Fitted {
    let headers = safe_cells(headers);
    let mut rows: Vec<Vec<String>> = rows.iter().map(|row| safe_cells(row)).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    let mut excess = max_width.map_or(0, |max| total.saturating_sub(max));
    for &column in shrink {
        let Some(w) = widths.get_mut(column) else {
            continue;
        };
        let give = excess.min(w.saturating_sub(MIN_SHRUNK));
        *w -= give;
        excess -= give;
    }
    let headers: Vec<String> = headers
        .iter()
        .zip(&widths)
        .map(|(h, w)| truncate(h, *w))
        .collect();
    for row in &mut rows {
        for (cell, w) in row.iter_mut().zip(&widths) {
            *cell = truncate(cell, *w);
        }
    }
    Fitted {
        widths,
        headers,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_past_year_9999_are_plain_seconds_not_a_panic() {
        assert_eq!(time(0), "1970-01-01T00:00:00Z");
        assert_eq!(time(crate::json::MAX_RFC3339_SECS), "9999-12-31T23:59:59Z");
        // Found with the `message` fuzz target: the first panicked in humantime (Display
        // error), the second in SystemTime addition (overflow).
        for t in [crate::json::MAX_RFC3339_SECS + 1, u64::MAX] {
            assert_eq!(time(t), format!("{t} s after 1970 (after year 9999)"));
        }
    }

    fn message(kind: MessageKind) -> Message {
        Message {
            from: "FRA.technical".parse().expect("test value"),
            to: "MEX.technical".parse().expect("test value"),
            sent_at: 0,
            thread: None,
            language: "fr".into(),
            tlp: poc_proto::Tlp::Amber,
            exercise: false,
            kind,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn list_lines_are_in_the_reader_language_and_content_is_not() {
        let notice = message(MessageKind::DirectoryNotice(poc_proto::DirectoryNotice {
            serial: 42,
            digest: [0; 32],
        }));
        assert_eq!(headline(&notice), "directory serial 42 published");
        assert!(headline_in(&notice, Lang::Ru).contains("справочник"));
        let reply = message(MessageKind::Response(poc_proto::StatusResponse {
            status: poc_proto::ResponseStatus::Resolved,
            text: Some("Texte du PoC".into()),
        }));
        assert_eq!(headline_in(&reply, Lang::Fr), "Résolu: Texte du PoC");
        assert_eq!(headline_in(&reply, Lang::Zh), "已解决: Texte du PoC");
        let empty = message(MessageKind::IncidentNotification(Box::default()));
        assert_eq!(headline_in(&empty, Lang::Es), "(sin resumen)");
    }

    #[test]
    fn table_aligns_columns_including_wide_characters() {
        let out = table(
            &["ID", "NAME"],
            &[
                vec!["FRA.technical".into(), "CERT-FR".into()],
                vec!["中文".into(), "x".into()],
            ],
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "ID             NAME");
        assert_eq!(lines[1], "FRA.technical  CERT-FR");
        assert_eq!(lines[2], "中文           x");
    }

    #[test]
    fn width_counts_terminal_columns() {
        assert_eq!(width("CERT-FR"), 7);
        assert_eq!(width("中文"), 4);
        assert_eq!(width("한국"), 4);
        // A combining accent, a zero-width space and a bidi isolate take no column.
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("a\u{200B}b\u{2066}"), 2);
        // Full-width forms and emoji take two.
        assert_eq!(width("ＡＢ"), 4);
        assert_eq!(width("🙂"), 2);
    }
}
