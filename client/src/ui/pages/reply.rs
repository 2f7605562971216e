//! Replying to a message with a status (received, channelled, in progress, resolved,
//! declined) and an optional text, in its thread: the operation of `poc reply`
//! ([`crate::ops::inbox::reply`]).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;
use poc_proto::{Priority, ResponseStatus, Tlp};
use serde::Deserialize;

use super::compose::{as_typed, priority_choices, tlp_help, Choice, SentLine};
use super::compose_words::ComposeText as C;
use super::message::{shown, Shown};
use crate::compose;
use crate::i18n::Translated;
use crate::ops::{self, inbox};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

#[derive(askama::Template)]
#[template(path = "reply.html")]
struct ReplyPage {
    chrome: Chrome,
    m: Shown,
    statuses: Vec<Choice>,
    priorities: Vec<Choice>,
    tlps: Vec<Choice>,
}

#[derive(askama::Template)]
#[template(path = "reply_sent.html")]
struct ReplySent {
    chrome: Chrome,
    status: &'static str,
    sent: Vec<SentLine>,
}

impl ReplyPage {
    fn c(&self, word: C) -> &'static str {
        word.text(self.chrome.lang)
    }
}

impl ReplySent {
    fn c(&self, word: C) -> &'static str {
        word.text(self.chrome.lang)
    }
}

/// `GET /message/{id}/reply`: the message answered, and the form.
pub async fn page(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = ui.lang();
    let m = match page::read(&ui, &headers, |identity| shown(identity, &id, lang)).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let statuses = ResponseStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.key().to_owned(),
            text: s.text(lang).to_owned(),
            help: "",
            selected: false,
        })
        .collect();
    let priorities = priority_choices(lang, Some(Priority::Medium));
    let mut tlps = vec![Choice {
        value: String::new(),
        text: format!("{} ({})", C::ReplyTlpOriginal.text(lang), m.tlp),
        help: "",
        selected: true,
    }];
    tlps.extend(Tlp::ALL.iter().map(|t| Choice {
        value: t.key().to_owned(),
        text: format!("{t}: {}", tlp_help(*t).text(lang)),
        help: "",
        selected: false,
    }));
    page::render(&ReplyPage {
        chrome: Chrome::of(&ui, "inbox").await,
        m,
        statuses,
        priorities,
        tlps,
    })
}

/// The reply form.
#[derive(Debug, Deserialize)]
pub struct ReplyForm {
    status: Option<String>,
    text: Option<String>,
    priority: Option<String>,
    tlp: Option<String>,
}

/// Checks the form as `poc reply` checks its arguments.
fn answer(form: ReplyForm) -> anyhow::Result<inbox::Answer> {
    let status = match form.status.as_deref() {
        Some(s) if !s.is_empty() => compose::status_from(s)?,
        _ => anyhow::bail!("choose a status; nothing was sent"),
    };
    let priority = match form.priority.as_deref() {
        Some(p) if !p.is_empty() => p.parse().map_err(|e: String| anyhow::anyhow!(e))?,
        _ => Priority::Medium,
    };
    let tlp = match form.tlp.as_deref() {
        Some(t) if !t.is_empty() => Some(compose::parse_tlp(t).map_err(|e| anyhow::anyhow!(e))?.0),
        _ => None,
    };
    Ok(inbox::Answer {
        status,
        text: form.text.filter(|t| !t.is_empty()).map(|t| as_typed(&t)),
        priority,
        tlp,
    })
}

/// `POST /message/{id}/reply`: the status to the message's sender, in its thread.
pub async fn reply(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<ReplyForm>,
) -> Response {
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = async {
        let answer = answer(form)?;
        ops::online(&identity, async |client| {
            let dir = ops::require_directory(&identity)?;
            inbox::reply(&identity, client, &dir, &id, answer).await
        })
        .await
    }
    .await;
    drop(identity);
    match result {
        Ok(replied) => {
            let chrome = Chrome::of(&ui, "inbox").await;
            page::render(&ReplySent {
                status: replied.status.text(chrome.lang),
                chrome,
                sent: replied
                    .sent
                    .iter()
                    .map(|s| SentLine {
                        id: s.id.to_string(),
                        to: s.to.to_string(),
                    })
                    .collect(),
            })
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_needs_a_status_and_keeps_its_text_as_typed() {
        let form = |status: Option<&str>, text: &str| ReplyForm {
            status: status.map(str::to_owned),
            text: Some(text.to_owned()),
            priority: Some(String::new()),
            tlp: Some(String::new()),
        };
        assert!(answer(form(None, "x")).is_err());
        assert!(answer(form(Some("maybe"), "x")).is_err());
        let a = answer(form(Some("in_progress"), "l'AS64500\r\nok")).unwrap();
        assert_eq!(a.status, ResponseStatus::InProgress);
        assert_eq!(a.text.as_deref(), Some("l'AS64500\nok"));
        assert_eq!(a.priority, Priority::Medium);
        assert_eq!(a.tlp, None);
        assert_eq!(answer(form(Some("resolved"), "")).unwrap().text, None);
    }
}
