//! The inbox: the local messages, newest first within priority, refreshed from the relay
//! by the page itself every few seconds (new arrivals appear without a reload; a HIGH one
//! raises a browser notification when the user allowed them). Envelopes that cannot be
//! opened or verified are listed apart, marked INVALID.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use crate::i18n::{Lang, Translated};
use crate::ops::inbox::{self, Item, Status};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// One line of the list.
#[derive(Debug)]
pub struct Row {
    /// Envelope id.
    pub id: String,
    /// Its first 12 digits.
    pub short: String,
    /// Canonical priority (`high`, `normal`, `low`), for the badge's class.
    pub priority: &'static str,
    /// The priority in the reader's language.
    pub priority_text: &'static str,
    /// TLP label (the same in every language).
    pub tlp: &'static str,
    /// Lower-case TLP colour, for the badge's class.
    pub tlp_class: String,
    /// The verified sender (and member).
    pub from: String,
    /// One line about the content.
    pub summary: String,
    /// When it was fetched, in the reader's time zone.
    pub received: String,
    /// Never shown yet.
    pub unread: bool,
    /// Acknowledged by this member or a co-member.
    pub acked: bool,
    /// The team's own outgoing message.
    pub team_sent: bool,
    /// What the status column says.
    pub status: String,
    /// A HIGH message not read yet: the page notifies once.
    pub notify: bool,
}

/// A group of envelopes that cannot be trusted.
#[derive(Debug)]
pub struct InvalidRow {
    /// Who submitted them, by the relay's word.
    pub submitter: String,
    /// How many.
    pub count: u64,
    /// Why the first cannot be trusted.
    pub error: String,
}

#[derive(askama::Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    chrome: Chrome,
    rows: Vec<Row>,
    invalid: Vec<InvalidRow>,
    warning: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "inbox_list.html")]
struct ListFragment {
    chrome: Chrome,
    rows: Vec<Row>,
    invalid: Vec<InvalidRow>,
    warning: Option<String>,
}

fn status_text(item: &Item, lang: Lang) -> String {
    use crate::i18n::phrases::Text;
    match item.status {
        Status::Invalid => W::Invalid.text(lang).to_owned(),
        Status::Acknowledged => Text::InboxAcknowledged.text(lang).to_owned(),
        Status::PingNotFromCustodian => Text::InboxPingNotFromCustodian.text(lang).to_owned(),
        Status::TeamSent => match (&item.to, &item.headline) {
            (Some(to), Some(h)) => format!(
                "{} → {to}",
                h.from_member.clone().unwrap_or_else(|| h.from.clone())
            ),
            _ => String::new(),
        },
        _ if item.acked_at.is_some() => W::Acknowledged.text(lang).to_owned(),
        _ => Text::InboxVerified.text(lang).to_owned(),
    }
}

fn rows(items: &[Item], lang: Lang) -> Vec<Row> {
    let zone = crate::render::reader_zone();
    items
        .iter()
        .map(|item| {
            let (from, summary, tlp) = match (&item.verdict, &item.headline) {
                (Ok(v), Some(h)) => (
                    match &h.from_member {
                        Some(member) => format!("{} ({member})", h.from),
                        None => h.from.clone(),
                    },
                    crate::render::headline_in(&v.message, lang),
                    v.message.tlp.text(lang),
                ),
                _ => (String::new(), item.error.clone().unwrap_or_default(), ""),
            };
            Row {
                id: item.id.to_string(),
                short: item.id.to_string()[..12].to_owned(),
                priority: item.priority.key(),
                priority_text: item.priority.text(lang),
                tlp,
                tlp_class: tlp
                    .trim_start_matches("TLP:")
                    .to_ascii_lowercase()
                    .replace('+', "-"),
                from,
                summary,
                received: crate::render::local_time(item.fetched_at.0, &zone),
                unread: !item.read && item.status != Status::TeamSent,
                acked: item.acked_at.is_some(),
                team_sent: item.status == Status::TeamSent,
                status: status_text(item, lang),
                notify: item.priority == poc_proto::Priority::High
                    && !item.read
                    && item.verified
                    && item.status != Status::TeamSent,
            }
        })
        .collect()
}

async fn list(ui: &Ui, online: bool) -> anyhow::Result<Option<ListFragment>> {
    // The page asks again in a few seconds: one quick attempt, so that the user's own
    // actions never wait behind retries of a relay that is down.
    let Some(identity) = ui.identity_quick(false).await else {
        return Ok(None);
    };
    let fetched = inbox::inbox(&identity, !online, &mut |_| {}).await;
    // A relay that cannot be reached does not hide the local inbox: it shows, with a warning.
    let (listing, warning) = match fetched {
        Ok(listing) => {
            let warning = listing.fetched.as_ref().and_then(|f| f.warning());
            (listing, warning)
        }
        Err(e) if online => (
            inbox::inbox(&identity, true, &mut |_| {}).await?,
            Some(format!("{e:#}")),
        ),
        Err(e) => return Err(e),
    };
    drop(identity);
    let chrome = Chrome::of(ui, "inbox").await;
    let lang = chrome.lang;
    Ok(Some(ListFragment {
        rows: rows(&listing.items, lang),
        invalid: listing
            .unopened
            .iter()
            .map(|u| InvalidRow {
                submitter: u.submitter.clone().unwrap_or_else(|| "?".to_owned()),
                count: u.count,
                error: u.error.clone(),
            })
            .collect(),
        warning,
        chrome,
    }))
}

/// `GET /`: the inbox page with the local listing; the page then refreshes it from the relay.
pub async fn page(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    if ui.identity().await.is_none() {
        return page::to_unlock(&headers);
    }
    match list(&ui, false).await {
        Ok(Some(list)) => page::render(&InboxPage {
            chrome: list.chrome,
            rows: list.rows,
            invalid: list.invalid,
            warning: list.warning,
        }),
        Ok(None) => page::to_unlock(&headers),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// `GET /inbox/list`: fetches from the relay and returns the listing (the page polls it; it
/// does not count as activity for the idle lock).
pub async fn refresh(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    match list(&ui, true).await {
        Ok(Some(list)) => page::render(&list),
        Ok(None) => page::to_unlock(&headers),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}
