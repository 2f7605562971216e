//! The members of this PoC (the teams of the directory): who holds a key, since when, and
//! who co-signed each one.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use crate::ops;
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// One member.
#[derive(Debug)]
pub struct Member {
    /// Its label.
    pub label: String,
    /// Its signing key's fingerprint.
    pub fingerprint: String,
    /// When it was added.
    pub added: String,
    /// Who co-signed it.
    pub cosigned_by: Option<String>,
    /// This computer.
    pub you: bool,
}

#[derive(askama::Template)]
#[template(path = "team.html")]
struct TeamPage {
    chrome: Chrome,
    id: String,
    members: Vec<Member>,
}

fn members(identity: &ops::Identity) -> anyhow::Result<(String, Vec<Member>)> {
    let dir = ops::require_directory(identity)?;
    let listing = ops::team::list(identity, &dir)?;
    let zone = crate::render::reader_zone();
    let members = listing
        .members
        .into_iter()
        .map(|m| Member {
            you: m.label == listing.you,
            added: crate::render::local_time(m.added_at.0, &zone),
            label: m.label,
            fingerprint: m.fingerprint,
            cosigned_by: m.cosigned_by,
        })
        .collect();
    Ok((listing.id, members))
}

/// `GET /team`.
pub async fn page(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    match page::read(&ui, &headers, members).await {
        Ok((id, members)) => page::render(&TeamPage {
            chrome: Chrome::of(&ui, "team").await,
            id,
            members,
        }),
        Err(response) => response,
    }
}
