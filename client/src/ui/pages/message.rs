//! One message: verified and labelled in the reader's language, with its signature state
//! at the top, and the one-click acknowledgement. A message that does not verify is shown
//! as INVALID with the reason, never its content.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use crate::error::ErrorKind;
use crate::i18n::{Lang, MessageType, Translated};
use crate::ops::{self, inbox};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// A (label, value) line of the message.
#[derive(Debug)]
pub struct Line {
    /// The field's label in the reader's language.
    pub label: String,
    /// The value as the sender wrote it (fixed values translated).
    pub value: String,
}

/// What the page shows of a verified message.
#[derive(Debug)]
pub struct Shown {
    /// Envelope id.
    pub id: String,
    /// Who signed it (`MEX.technical (on-call laptop 2)`).
    pub from: String,
    /// The sender's organisation, from the directory.
    pub org: String,
    /// Fingerprint of the key that signed it, as the directory in force lists it.
    pub fingerprint: String,
    /// The addressee in the signed message.
    pub to: String,
    /// Canonical priority, for the badge's class.
    pub priority: &'static str,
    /// The priority in the reader's language.
    pub priority_text: &'static str,
    /// TLP label.
    pub tlp: &'static str,
    /// Lower-case TLP colour, for the badge's class.
    pub tlp_class: String,
    /// The message type in the reader's language.
    pub kind: &'static str,
    /// When the sender signed it, in the reader's time zone.
    pub sent: String,
    /// Content language.
    pub language: String,
    /// The serial of the directory the signature was verified against.
    pub serial: u64,
    /// Whether it belongs to an exercise.
    pub exercise: bool,
    /// The first message of its thread, if it answers one.
    pub thread: Option<String>,
    /// The fields of its template, in order.
    pub fields: Vec<Line>,
    /// Its attachments: name, media type and size, in words.
    pub attachments: Vec<String>,
    /// When it was acknowledged, if it was.
    pub acked: Option<String>,
    /// Whether it can be acknowledged (not an acknowledgement itself, not the team's own).
    pub ackable: bool,
    /// For a custodian ping: where its answer stands.
    pub ping: Option<String>,
    /// A ping not signed by the custodian key in force.
    pub ping_not_from_custodian: bool,
}

#[derive(askama::Template)]
#[template(path = "message.html")]
struct MessagePage {
    chrome: Chrome,
    m: Shown,
}

#[derive(askama::Template)]
#[template(path = "print.html")]
struct PrintPage {
    chrome: Chrome,
    m: Shown,
    printed_at: String,
}

#[derive(askama::Template)]
#[template(path = "invalid.html")]
struct InvalidPage {
    chrome: Chrome,
    id: String,
    reason: String,
}

#[derive(askama::Template)]
#[template(path = "ack_done.html")]
struct AckDone {
    chrome: Chrome,
    already: Option<String>,
}

/// The fields of a message as label and value in `lang` (fixed values translated).
pub fn lines(message: &poc_proto::Message, lang: Lang) -> Vec<Line> {
    crate::render::fields(message)
        .into_iter()
        .map(|f| Line {
            label: crate::i18n::label(f.key, lang).unwrap_or(f.key).to_owned(),
            value: match f.set {
                Some(set) => {
                    crate::i18n::value(set, &f.value, lang).map_or(f.value.clone(), str::to_owned)
                }
                None => f.value,
            },
        })
        .collect()
}

/// Opens the local envelope `id` and prepares what the message page shows of it.
pub fn shown(identity: &ops::Identity, id: &str, lang: Lang) -> anyhow::Result<Shown> {
    let dir = ops::require_directory(identity)?;
    let (id, priority, verified) = inbox::read(identity, &dir, id)?;
    let m = &verified.message;
    let zone = crate::render::reader_zone();
    let tlp = m.tlp.text(lang);
    let ping = inbox::ping_standing(identity, &dir, &id, &verified)?.map(|p| {
        let deadline = crate::render::local_time(p.deadline.0, &zone);
        match p.answered_at {
            Some(at) => crate::i18n::screens::read_ping_answered(
                lang,
                &crate::render::local_time(at.0, &zone),
            ),
            None if p.late => format!("{} ({deadline})", W::PingLate.text(lang)),
            None => format!("{} {deadline}", W::PingAnswerBy.text(lang)),
        }
    });
    let team_sent = inbox::is_team_sent(&verified, &identity.config.id);
    let is_ack = matches!(
        m.kind,
        poc_proto::MessageKind::Receipt(_) | poc_proto::MessageKind::PingAck(_)
    );
    let acked = inbox::acked_at(identity, &id)?;
    let fingerprint = ops::directory::show(&dir, &verified.sender)
        .map(|shown| {
            shown
                .entry
                .members
                .iter()
                .find(|member| member.label == verified.member)
                .map_or(shown.entry.fingerprint.clone(), |member| {
                    member.fingerprint.clone()
                })
        })
        .unwrap_or_default();
    inbox::mark_read(identity, &id)?;
    Ok(Shown {
        id: id.to_string(),
        from: verified.sender_name(),
        org: dir
            .team(&verified.sender)
            .map(|t| t.body.org_name.clone())
            .unwrap_or_default(),
        fingerprint,
        to: m.to.to_string(),
        priority: priority.key(),
        priority_text: priority.text(lang),
        tlp,
        tlp_class: tlp
            .trim_start_matches("TLP:")
            .to_ascii_lowercase()
            .replace('+', "-"),
        kind: MessageType::of(&m.kind).text(lang),
        sent: crate::render::local_time(m.sent_at, &zone),
        language: if m
            .language
            .eq_ignore_ascii_case(crate::ops::send::UNSPECIFIED_LANGUAGE)
        {
            crate::i18n::screens::language_unspecified(lang)
        } else {
            m.language.clone()
        },
        serial: dir.directory.serial,
        exercise: m.exercise,
        thread: m.thread.map(|t| t.to_string()),
        fields: lines(m, lang),
        attachments: m
            .attachments
            .iter()
            .map(|a| {
                let a = crate::ops::view::AttachmentView::of(a);
                let size = crate::i18n::phrases::bytes(lang, a.size.try_into().unwrap_or(u64::MAX));
                // The name it downloads under: direction and control characters in the
                // sender's name cannot disguise its extension.
                format!(
                    "{} ({}, {size})",
                    ops::file_names::safe_file_name(&a.name),
                    ops::file_names::safe_file_name(&a.media_type)
                )
            })
            .collect(),
        acked: acked.map(|at| crate::render::local_time(at, &zone)),
        ackable: !team_sent && !is_ack,
        ping,
        ping_not_from_custodian: matches!(m.kind, poc_proto::MessageKind::Ping(_))
            && !inbox::from_custodian(&verified, &dir),
    })
}

/// `GET /message/{id}`.
pub async fn page(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let result = shown(&identity, &id, lang);
    drop(identity);
    let chrome = Chrome::of(&ui, "inbox").await;
    match result {
        Ok(m) => page::render(&MessagePage { chrome, m }),
        Err(e) if ErrorKind::of(&e) == ErrorKind::Verification => {
            let mut response = page::render(&InvalidPage {
                chrome,
                id,
                reason: format!("{e:#}"),
            });
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// `GET /message/{id}/print`: a dated record of the message, its verified signature and
/// the receipt this PoC sent, laid out for printing (or saving as PDF) from the browser.
pub async fn print(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = ui.lang();
    let read = |identity: &ops::Identity| Ok((identity.now(), shown(identity, &id, lang)?));
    match page::read(&ui, &headers, read).await {
        Ok((now, m)) => page::render(&PrintPage {
            chrome: Chrome::of(&ui, "inbox").await,
            m,
            printed_at: crate::render::local_time(now, &crate::render::reader_zone()),
        }),
        Err(response) => response,
    }
}

/// `GET /message/{id}/attachment/{n}`: the file, to save (never shown in the page: its
/// media type is the sender's word, so it is served as bytes to download).
pub async fn attachment(
    State(ui): State<Arc<Ui>>,
    Path((id, position)): Path<(String, usize)>,
    headers: HeaderMap,
) -> Response {
    let read = |identity: &ops::Identity| ops::download::attachment(identity, &id, position);
    match page::read(&ui, &headers, read).await {
        Ok(file) => {
            use axum::http::{header, HeaderValue};
            use axum::response::IntoResponse;
            let mut response = file.data.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            );
            let disposition = format!(
                "attachment; filename*=UTF-8''{}", // canonical, not translated
                percent_encode(&file.name)
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(response) => response,
    }
}

/// RFC 5987 encoding of a file name for `Content-Disposition`.
fn percent_encode(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `POST /message/{id}/ack`: the signed receipt (or ping answer) to its sender.
pub async fn ack(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = inbox::acknowledge(&identity, &id).await;
    drop(identity);
    match result {
        Ok(done) => {
            let zone = crate::render::reader_zone();
            page::render(&AckDone {
                chrome: Chrome::of(&ui, "inbox").await,
                already: done
                    .already_answered_at
                    .map(|at| crate::render::local_time(at.0, &zone)),
            })
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}
