//! The directory in force, for people: each PoC by its State's name in the reader's
//! language, its role, organisation, languages, time zone and contact details.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use crate::i18n::{Lang, Translated};
use crate::ops;
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// One PoC of the directory.
#[derive(Debug)]
pub struct Row {
    /// Its id.
    pub id: String,
    /// The State's name in the reader's language (the code when it has none).
    pub country: String,
    /// The role in the reader's language.
    pub role: &'static str,
    /// The organisation's name.
    pub org_name: String,
    /// Its languages.
    pub languages: String,
    /// Its time zone.
    pub time_zone: String,
    /// E-mail addresses and telephone numbers.
    pub contact: Vec<String>,
    /// Web page.
    pub webpage: Option<String>,
    /// How many members hold it.
    pub members: usize,
}

#[derive(askama::Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    chrome: Chrome,
    serial: u64,
    rows: Vec<Row>,
}

fn rows(identity: &ops::Identity, lang: Lang) -> anyhow::Result<(u64, Vec<Row>)> {
    let dir = ops::require_directory(identity)?;
    let listing = ops::directory::listing(&dir, &ops::directory::Filter::default());
    let mut rows: Vec<Row> = listing
        .entries
        .into_iter()
        .map(|e| Row {
            country: crate::states::name_or_code(&e.org, lang),
            role: poc_proto::Role::from_key(e.role).map_or(e.role, |r| r.text(lang)),
            languages: e.languages.join(", "),
            time_zone: e.time_zone.clone().unwrap_or_default(),
            contact: e.emails.iter().chain(&e.phones).cloned().collect(),
            webpage: e.webpage.clone(),
            members: e.members.len(),
            org_name: e.org_name,
            id: e.id,
        })
        .collect();
    rows.sort_by(|a, b| a.country.cmp(&b.country).then(a.id.cmp(&b.id)));
    Ok((listing.serial, rows))
}

/// `GET /directory`.
pub async fn page(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    let lang = ui.lang();
    match page::read(&ui, &headers, |identity| rows(identity, lang)).await {
        Ok((serial, rows)) => page::render(&DirectoryPage {
            chrome: Chrome::of(&ui, "directory").await,
            serial,
            rows,
        }),
        Err(response) => response,
    }
}
