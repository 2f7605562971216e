//! Text rendering of messages and entries for the terminal.

use poc_proto::{Entry, EnvelopeId, Priority};
use serde_json::json;

use crate::mailbox::Verified;
use crate::render::{fields, time};

/// Full view of one verified message.
pub fn message(
    id: &EnvelopeId,
    priority: Priority,
    verified: &Verified,
    sender: Option<&Entry>,
    serial: u64,
) -> String {
    let m = &verified.message;
    let mut out = String::new();
    if m.exercise {
        out.push_str("*** EXERCISE *** EXERCISE *** EXERCISE ***\n");
    }
    let from = match sender {
        Some(e) => format!(
            "{} ({}), key {}",
            verified.sender,
            e.body.org_name,
            poc_keys::FingerprintText(poc_keys::fingerprint(&e.body.signing_key))
        ),
        None => verified.sender.to_string(),
    };
    let rows = [
        ("Envelope", id.to_string()),
        ("From", from),
        ("To", m.to.to_string()),
        ("Priority", priority.as_str().to_uppercase()),
        ("Handling", m.tlp.to_string()),
        ("Type", m.kind.name().to_string()),
        ("Sent", time(m.sent_at)),
        ("Language", m.language.clone()),
        (
            "Signature",
            format!("verified against directory serial {serial}"),
        ),
    ];
    for (label, value) in rows {
        out.push_str(&format!("{label:<10} {value}\n"));
    }
    if let Some(thread) = m.thread {
        out.push_str(&format!("{:<10} {thread}\n", "In reply"));
    }
    out.push('\n');
    let body = fields(m);
    let width = body
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in body {
        let mut lines = value.lines();
        out.push_str(&format!(
            "{label:<width$}  {}\n",
            lines.next().unwrap_or("")
        ));
        for line in lines {
            out.push_str(&format!("{:<width$}  {line}\n", ""));
        }
    }
    if m.exercise {
        out.push_str("*** EXERCISE *** EXERCISE *** EXERCISE ***\n");
    }
    out
}

/// JSON view of one verified message.
pub fn message_json(id: &EnvelopeId, priority: Priority, verified: &Verified) -> serde_json::Value {
    let m = &verified.message;
    json!({
        "id": id.to_string(),
        "from": verified.sender.to_string(),
        "to": m.to.to_string(),
        "priority": priority.as_str(),
        "tlp": m.tlp.to_string(),
        "type": m.kind.name(),
        "sent_at": m.sent_at,
        "language": m.language,
        "exercise": m.exercise,
        "thread": m.thread.map(|t| t.to_string()),
        "verified": true,
        "fields": fields(m).into_iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v))).collect::<serde_json::Map<_, _>>(),
    })
}

/// One directory entry.
pub fn entry(e: &Entry) -> String {
    let b = &e.body;
    let mut rows = vec![
        ("Id", b.id.to_string()),
        ("Organisation", b.org_name.clone()),
        ("Role", b.id.role().to_string()),
        (
            "Fingerprint",
            poc_keys::FingerprintText(poc_keys::fingerprint(&b.signing_key)).to_string(),
        ),
        ("Languages", b.languages.join(", ")),
        ("E-mail", b.emails.join(", ")),
        ("Phone", b.phones.join(", ")),
    ];
    if let Some(w) = &b.webpage {
        rows.push(("Web page", w.clone()));
    }
    if let Some(tz) = &b.time_zone {
        rows.push(("Time zone", tz.clone()));
    }
    rows.push(("Updated", time(b.updated_at)));
    rows.iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(l, v)| format!("{l:<13} {v}\n"))
        .collect()
}

/// JSON view of one entry.
pub fn entry_json(e: &Entry) -> serde_json::Value {
    let b = &e.body;
    json!({
        "id": b.id.to_string(),
        "org": b.id.org(),
        "role": b.id.role().to_string(),
        "org_name": b.org_name,
        "webpage": b.webpage,
        "emails": b.emails,
        "phones": b.phones,
        "languages": b.languages,
        "time_zone": b.time_zone,
        "fingerprint": poc_keys::FingerprintText(poc_keys::fingerprint(&b.signing_key)).to_string(),
        "signing_key": b.signing_key.to_string(),
        "encryption_key": b.encryption_key,
        "created_at": b.created_at,
        "updated_at": b.updated_at,
    })
}
