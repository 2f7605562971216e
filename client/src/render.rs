//! Human-readable output: times, tables, messages.

use std::time::{Duration, UNIX_EPOCH};

use poc_proto::{Message, MessageKind};

/// RFC 3339 UTC time of unix seconds.
pub fn time(unix: u64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(unix)).to_string()
}

/// A left-aligned table with a header row; columns sized to their widest cell.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                let pad = widths[i] - cell.chars().count();
                out.push_str(cell);
                out.push_str(&" ".repeat(pad + 2));
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(headers.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// One-line description of a message for lists.
pub fn headline(message: &Message) -> String {
    match &message.kind {
        MessageKind::IncidentNotification(n) => n
            .summary
            .clone()
            .or_else(|| n.reference.clone())
            .unwrap_or_else(|| "(no summary)".into()),
        MessageKind::Text(t) => t.subject.clone().unwrap_or_else(|| first_line(&t.text)),
        MessageKind::Receipt(r) => format!("receipt for {}", r.envelope),
        MessageKind::EntryUpdate(u) if u.rotation.is_some() => {
            format!("key rotation request for {}", u.entry.body.id)
        }
        MessageKind::EntryUpdate(u) => format!("update request for {}", u.entry.body.id),
        MessageKind::DirectoryNotice(n) => format!("directory serial {} published", n.serial),
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

/// The labelled fields of a message body, in template order, skipping empty ones.
pub fn fields(message: &Message) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut push = |label: &'static str, value: &Option<String>| {
        if let Some(v) = value {
            out.push((label, v.clone()));
        }
    };
    match &message.kind {
        MessageKind::IncidentNotification(n) => {
            push("Reference", &n.reference);
            push("Summary", &n.summary);
            push("Description", &n.description);
            push("Incident class", &n.incident_class);
            push("Time detected", &n.time_detected);
            push("Affected sector", &n.affected_sector);
            push("Affected systems", &n.affected_systems);
            if !n.indicators.is_empty() {
                push("Indicators", &Some(n.indicators.join(", ")));
            }
            push("Actions taken", &n.actions_taken);
            push("Assistance requested", &n.assistance_requested);
            push("Requested response time", &n.requested_response_time);
            push("Follow-up contact", &n.follow_up_contact);
        }
        MessageKind::Text(t) => {
            push("Subject", &t.subject);
            push("Text", &Some(t.text.clone()));
        }
        MessageKind::Receipt(r) => {
            push("Acknowledges", &Some(r.envelope.to_string()));
            push("Received at", &Some(time(r.received_at)));
        }
        MessageKind::EntryUpdate(u) => {
            let b = &u.entry.body;
            push("Entry", &Some(b.id.to_string()));
            push("Organisation", &Some(b.org_name.clone()));
            push("E-mail", &Some(b.emails.join(", ")));
            push("Phone", &Some(b.phones.join(", ")));
            push("Languages", &Some(b.languages.join(", ")));
            push(
                "New key",
                &u.rotation.as_ref().map(|r| {
                    poc_keys::FingerprintText(poc_keys::fingerprint(&r.new_key)).to_string()
                }),
            );
        }
        MessageKind::DirectoryNotice(n) => {
            push("Directory serial", &Some(n.serial.to_string()));
            push("Digest", &Some(crate::trust::hex(&n.digest)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns() {
        let out = table(
            &["ID", "NAME"],
            &[
                vec!["FRA.technical".into(), "CERT-FR".into()],
                vec!["MEX.technical".into(), "x".into()],
            ],
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "ID             NAME");
        assert_eq!(lines[1], "FRA.technical  CERT-FR");
    }
}
