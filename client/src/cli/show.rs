//! Text rendering of messages and entries for the terminal, in the reader's language.
//!
//! Labels and fixed values are translated ([`crate::i18n`]); content is shown as written.
//! Arabic is written right to left and terminals do not reorder mixed-direction lines
//! reliably, so in Arabic every label stands on its own line (wrapped in a right-to-left
//! isolate) with its value indented on the lines below: no line mixes the two directions.

use poc_keys::team::VerifiedTeam;
use poc_proto::{EnvelopeId, Priority};

use crate::i18n::phrases;
use crate::i18n::{self, Lang, MessageType, Translated};
use crate::mailbox::Verified;
use crate::render::{self, fields, time};

/// Right-to-left isolate and pop directional isolate.
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

fn label(key: &str, lang: Lang) -> String {
    i18n::label(key, lang)
        .or_else(|| i18n::label(key, Lang::En))
        .unwrap_or(key)
        .to_owned()
}

fn fixed(set: &str, value: &str, lang: Lang) -> String {
    i18n::value(set, value, lang).unwrap_or(value).to_owned()
}

/// Lays out (label, value) rows for `lang`.
fn rows(out: &mut String, rows: &[(String, String)], lang: Lang) {
    if lang.is_rtl() {
        for (label, value) in rows {
            out.push_str(&format!("{RLI}{label}{PDI}\n"));
            for line in value.lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        return;
    }
    let width = rows
        .iter()
        .map(|(l, _)| render::width(l))
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let mut lines = value.lines();
        let pad = width - render::width(label);
        out.push_str(&format!(
            "{label}{}  {}\n",
            " ".repeat(pad),
            lines.next().unwrap_or("")
        ));
        for line in lines {
            out.push_str(&format!("{}  {line}\n", " ".repeat(width)));
        }
    }
}

fn banner(lang: Lang) -> String {
    let word = label("exercise", lang).to_uppercase();
    format!("*** {word} *** {word} *** {word} ***\n")
}

/// Full view of one verified message, labelled in `lang`.
pub fn message(
    id: &EnvelopeId,
    priority: Priority,
    verified: &Verified,
    sender: Option<&VerifiedTeam>,
    serial: u64,
    lang: Lang,
) -> String {
    let m = &verified.message;
    let mut out = String::new();
    if m.exercise {
        out.push_str(&banner(lang));
    }
    let from = match sender {
        Some(e) => format!(
            "{} ({}), {}",
            verified.sender_name(),
            e.body.org_name,
            poc_keys::FingerprintText(poc_keys::fingerprint(&verified.sender_key))
        ),
        None => verified.sender_name(),
    };
    let mut header = vec![
        (label("envelope", lang), id.to_string()),
        (label("from", lang), from),
        (label("to", lang), m.to.to_string()),
        (label("priority", lang), priority.text(lang).to_uppercase()),
        (label("handling", lang), m.tlp.text(lang).to_owned()),
        (
            label("type", lang),
            MessageType::of(&m.kind).text(lang).to_owned(),
        ),
        (label("sent", lang), time(m.sent_at)),
        (label("language", lang), content_language(lang, &m.language)),
        (
            label("signature", lang),
            format!("{} {serial}", label("verified_against", lang)),
        ),
    ];
    if let Some(thread) = m.thread {
        header.push((label("in_reply_to", lang), thread.to_string()));
    }
    rows(&mut out, &header, lang);
    out.push('\n');
    rows(&mut out, &body(m, lang), lang);
    if !m.attachments.is_empty() {
        out.push('\n');
        let list: Vec<String> = m
            .attachments
            .iter()
            .map(|a| {
                let a = crate::ops::view::AttachmentView::of(a);
                let size = phrases::bytes(lang, a.size.try_into().unwrap_or(u64::MAX));
                format!("{} ({}, {size})", a.name, a.media_type)
            })
            .collect();
        rows(
            &mut out,
            &[(label("attachments", lang), list.join("\n"))],
            lang,
        );
    }
    if m.exercise {
        out.push_str(&banner(lang));
    }
    out
}

/// One line on a file carried in parts: its name and where its parts stand.
pub fn attachment_state(name: &str, state: &str, lang: Lang) -> String {
    let mut out = String::new();
    rows(&mut out, &[(name.to_owned(), state.to_owned())], lang);
    out
}

/// The message about to be sent to `to`, as its recipient will read it (labels in `lang`):
/// what the guided `poc send` shows before asking to send.
pub fn preview(to: &str, priority: Priority, message: &poc_proto::Message, lang: Lang) -> String {
    let mut out = String::new();
    if message.exercise {
        out.push_str(&banner(lang));
    }
    let header = vec![
        (label("to", lang), to.to_owned()),
        (label("priority", lang), priority.text(lang).to_uppercase()),
        (label("handling", lang), message.tlp.text(lang).to_owned()),
        (
            label("type", lang),
            MessageType::of(&message.kind).text(lang).to_owned(),
        ),
    ];
    rows(&mut out, &header, lang);
    out.push('\n');
    rows(&mut out, &body(message, lang), lang);
    out
}

/// The content language of a message as the reader sees it: the tag its sender gave, or
/// "unspecified" in the reader's language for `und` (the sender did not say).
pub(crate) fn content_language(lang: Lang, tag: &str) -> String {
    if tag.eq_ignore_ascii_case(crate::ops::send::UNSPECIFIED_LANGUAGE) {
        crate::i18n::screens::language_unspecified(lang)
    } else {
        tag.to_owned()
    }
}

/// The fields of a message as label and value, in the reader's language (fixed values
/// translated).
fn body(message: &poc_proto::Message, lang: Lang) -> Vec<(String, String)> {
    fields(message)
        .into_iter()
        .map(|f| {
            let value = match f.set {
                Some(set) => fixed(set, &f.value, lang),
                None => f.value,
            };
            (label(f.key, lang), value)
        })
        .collect()
}
