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
    }
    out
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
