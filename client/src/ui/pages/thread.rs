//! A conversation, oldest first: what this PoC received (verified) and sent, and anything
//! in it that does not verify, marked INVALID.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use crate::i18n::{Lang, MessageType, Translated};
use crate::ops;
use crate::ui::page::{self, Chrome};
use crate::ui::pages::message::{lines, Line};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// One message of the conversation.
#[derive(Debug)]
pub struct Entry {
    /// Envelope id.
    pub id: String,
    /// Who sent it.
    pub from: String,
    /// Sent by this PoC.
    pub outgoing: bool,
    /// Why it cannot be trusted, if it cannot.
    pub invalid: Option<String>,
    /// Its type in the reader's language.
    pub kind: &'static str,
    /// TLP label.
    pub tlp: &'static str,
    /// When it was signed.
    pub sent: String,
    /// Its fields.
    pub fields: Vec<Line>,
}

#[derive(askama::Template)]
#[template(path = "thread.html")]
struct ThreadPage {
    chrome: Chrome,
    root: String,
    entries: Vec<Entry>,
}

fn entries(identity: &ops::Identity, id: &str, lang: Lang) -> anyhow::Result<(String, Vec<Entry>)> {
    let dir = ops::require_directory(identity)?;
    let (root, items) = ops::thread::thread(identity, &dir, id)?;
    let zone = crate::render::reader_zone();
    let entries = items
        .iter()
        .map(|item| match &item.message {
            Ok(m) => Entry {
                id: item.id.to_string(),
                from: item.sender_name(),
                outgoing: item.outgoing,
                invalid: None,
                kind: MessageType::of(&m.kind).text(lang),
                tlp: m.tlp.text(lang),
                sent: crate::render::local_time(m.sent_at, &zone),
                fields: lines(m, lang),
            },
            Err(e) => Entry {
                id: item.id.to_string(),
                from: item.sender_name(),
                outgoing: false,
                invalid: Some(e.to_string()),
                kind: "",
                tlp: "",
                sent: String::new(),
                fields: Vec::new(),
            },
        })
        .collect();
    Ok((root.to_string(), entries))
}

/// `GET /thread/{id}`.
pub async fn page(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = ui.lang();
    match page::read(&ui, &headers, |identity| entries(identity, &id, lang)).await {
        Ok((root, entries)) => page::render(&ThreadPage {
            chrome: Chrome::of(&ui, "inbox").await,
            root,
            entries,
        }),
        Err(response) => response,
    }
}
