//! The custodian's directory page: enrolment requests (from the file the PoC sent, with the
//! fingerprint to confirm by phone before approving) and, in the same box, member requests
//! ([`super::custodian_members`]), the update requests waiting, the
//! publication of the next directory, and the revocation of a PoC (after a confirmation).
//!
//! Every check and change is the command line's (`poc custodian add`, `requests`,
//! `approve`, `reject`, `publish`, `revoke`), through [`crate::ops::custodian`] and
//! [`crate::ops::requests`]. Shown only in a custodian's home; elsewhere these paths do not
//! exist.

use std::sync::Arc;

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;

use super::custodian_words::CustodianText as C;
use super::members_words::MembersText as M;
use crate::i18n::phrases::EntryLabel;
use crate::i18n::Translated;
use crate::ops::requests::{self, RequestStatus, RequestView};
use crate::ops::{self, custodian, team};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// A change an update request asks for.
#[derive(Debug)]
pub struct ChangeRow {
    /// The field, in the reader's language.
    pub field: &'static str,
    /// Its value now.
    pub old: String,
    /// The value asked for.
    pub new: String,
}

/// An update request waiting for a decision.
#[derive(Debug)]
pub struct UpdateRow {
    /// Its envelope id.
    pub id: String,
    /// Who sent it (`MEX.technical (on-call laptop 2)`).
    pub from: String,
    /// It changes a signing key: a fingerprint to confirm by phone.
    pub rotation: bool,
    /// What it changes.
    pub changes: Vec<ChangeRow>,
}

/// An accepted entry, for the revocation picker.
#[derive(Debug)]
pub struct EntryChoice {
    /// The PoC id.
    pub id: String,
    /// Its organisation.
    pub org: String,
}

#[derive(askama::Template)]
#[template(path = "custodian.html")]
struct CustodianPage {
    chrome: Chrome,
    updates: Vec<UpdateRow>,
    entries: Vec<EntryChoice>,
    warning: Option<String>,
    valid_for: &'static str,
}

/// What an enrolment request holds, before the custodian approves it.
#[derive(askama::Template)]
#[template(path = "custodian_request.html")]
struct RequestShown {
    chrome: Chrome,
    added: custodian::Added,
    entry: crate::ops::view::EntryView,
    request: String,
}

/// The outcome of an action: a sentence, and figures or names below it.
#[derive(askama::Template)]
#[template(path = "custodian_done.html")]
struct Done {
    ok: bool,
    sentence: String,
    lines: Vec<(String, String)>,
}

#[derive(askama::Template)]
#[template(path = "custodian_revoke_ask.html")]
struct RevokeAsk {
    chrome: Chrome,
    entry: crate::ops::view::EntryView,
    reason: String,
}

/// Whether this UI serves a custodian's home: its pages exist only there.
pub fn is_custodian(ui: &Ui) -> bool {
    custodian::is_custodian_home(&ui.home)
}

/// The outcome of an action as a fragment: a sentence (an error, when not `ok`), and
/// labelled values below it.
pub fn done(ok: bool, sentence: String, lines: Vec<(String, String)>) -> Response {
    let mut response = page::render(&Done {
        ok,
        sentence,
        lines,
    });
    if !ok {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

fn update_rows(list: &[requests::UpdateRequest], lang: crate::i18n::Lang) -> Vec<UpdateRow> {
    list.iter()
        .map(RequestView::of)
        .filter(|r| r.status == RequestStatus::Pending)
        .map(|r| UpdateRow {
            from: if r.from_member.is_empty() {
                r.from.clone()
            } else {
                format!("{} ({})", r.from, r.from_member)
            },
            id: r.id,
            rotation: r.rotation,
            changes: r
                .changes
                .into_iter()
                .map(|c| ChangeRow {
                    field: c.field.text(lang),
                    old: c.old,
                    new: c.new,
                })
                .collect(),
        })
        .collect()
}

/// `GET /custodian`: fetches the inbox (where update requests arrive; an unreachable relay
/// only warns), then shows the requests waiting and the forms.
pub async fn page(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    // A relay that is down only warns: one quick attempt.
    let Some(identity) = ui.identity_quick(true).await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let warning = ops::online(&identity, async |client| {
        ops::inbox::fetch(&identity, client).await
    })
    .await
    .err()
    .map(|e| format!("{e:#}"));
    let result = (|| {
        let dir = ops::require_directory(&identity)?;
        let updates = update_rows(&requests::list(&identity, &dir)?, lang);
        let entries = custodian::show(&identity.home)?
            .entries
            .into_iter()
            .filter(|e| e.id != identity.config.id.to_string())
            .map(|e| EntryChoice {
                id: e.id,
                org: e.org_name,
            })
            .collect();
        anyhow::Ok((updates, entries))
    })();
    drop(identity);
    match result {
        Ok((updates, entries)) => page::render(&CustodianPage {
            chrome: Chrome::of(&ui, "custodian").await,
            updates,
            entries,
            warning,
            valid_for: custodian::DEFAULT_VALIDITY,
        }),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// Reads the request of the form (enrolment or member): the chosen file if any, else the
/// pasted text.
async fn request_text(mut form: Multipart) -> anyhow::Result<String> {
    let (mut file, mut pasted) = (String::new(), String::new());
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await?;
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| anyhow::anyhow!("this is not a request (not text); choose the enrolment-request.txt or member-request.txt file the PoC sent"))?;
        match name.as_str() {
            "file" => file = text,
            "request" => pasted = text,
            _ => {}
        }
    }
    Ok(if file.trim().is_empty() { pasted } else { file })
}

/// `POST /custodian/enrol` (a file or pasted text): verifies the request and shows what it
/// contains and its fingerprint, with the confirmation to approve it; a member request is
/// shown by [`super::custodian_members`]; any other text gets one sentence saying what to
/// give.
pub async fn preview(State(ui): State<Arc<Ui>>, headers: HeaderMap, form: Multipart) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let text = match request_text(form).await {
        Ok(text) if text.trim().is_empty() => {
            drop(identity);
            return done(false, C::EnrolEmpty.text(lang).to_owned(), vec![]);
        }
        Ok(text) => text,
        Err(e) => {
            drop(identity);
            return page::failed(&ui, &headers, &e).await;
        }
    };
    if team::is_member_request(&text) {
        let checked = team::read_member_request(&text)
            .and_then(|member| team::check_member(&identity.home, &member))
            .map(|(_, shown)| shown);
        drop(identity);
        return super::custodian_members::shown(&ui, &headers, checked, text).await;
    }
    if !custodian::is_enrolment_request(&text) {
        drop(identity);
        return done(false, M::NotARequest.text(lang).to_owned(), vec![]);
    }
    let result = custodian::review_request(&identity.home, &text);
    drop(identity);
    match result {
        Ok((entry, added)) => page::render(&RequestShown {
            chrome: Chrome::of(&ui, "custodian").await,
            entry: crate::ops::view::EntryView::of(&entry),
            added,
            request: text,
        }),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// The addition of an enrolment or member request.
#[derive(Debug, serde::Deserialize)]
pub struct AddForm {
    /// The armoured request, as shown.
    pub(super) request: String,
    /// The box "I confirmed this fingerprint with the PoC by phone" (for a member request,
    /// shown only when nobody co-signed it).
    pub(super) confirmed: Option<String>,
}

/// `POST /custodian/enrol/add`: adds the request to the next directory, only once the
/// custodian ticked that the fingerprint was confirmed by phone.
pub async fn add(
    State(ui): State<Arc<Ui>>,
    headers: HeaderMap,
    Form(form): Form<AddForm>,
) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let confirmed = form.confirmed.is_some_and(|v| !v.is_empty());
    let result = custodian::review_request(&identity.home, &form.request)
        .and_then(|(entry, _)| custodian::add_confirmed(&identity.home, &entry, confirmed));
    drop(identity);
    match result {
        Ok(added) => {
            let sentence = if added.already_present {
                C::AlreadyAdded
            } else {
                C::Added
            };
            let lines = vec![
                (EntryLabel::Id.text(lang).to_owned(), added.id),
                (
                    EntryLabel::Organisation.text(lang).to_owned(),
                    added.org_name,
                ),
                (
                    EntryLabel::Fingerprint.text(lang).to_owned(),
                    added.fingerprint,
                ),
            ];
            done(true, sentence.text(lang).to_owned(), lines)
        }
        Err(e) if e.is::<custodian::NotConfirmed>() => {
            done(false, C::NotConfirmed.text(lang).to_owned(), vec![])
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// `POST /custodian/requests/{id}/approve`.
pub async fn approve(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    decide(&ui, &headers, &id, None).await
}

/// The reason of a rejection.
#[derive(Debug, serde::Deserialize)]
pub struct RejectForm {
    /// Why, sent to the PoC (may be empty).
    #[serde(default)]
    reason: String,
}

/// `POST /custodian/requests/{id}/reject`.
pub async fn reject(
    State(ui): State<Arc<Ui>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<RejectForm>,
) -> Response {
    decide(&ui, &headers, &id, Some(form.reason)).await
}

/// Approves (no reason) or rejects (with its reason, maybe empty) update request `id`.
async fn decide(ui: &Ui, headers: &HeaderMap, id: &str, rejection: Option<String>) -> Response {
    if !is_custodian(ui) {
        return page::not_found(ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(headers);
    };
    let lang = ui.lang();
    let approving = rejection.is_none();
    let result = ops::require_directory(&identity).and_then(|dir| match rejection {
        None => requests::approve(&identity, &dir, id),
        Some(reason) => {
            let reason = Some(reason.trim().to_owned()).filter(|r| !r.is_empty());
            requests::reject(&identity, &dir, id, reason)
        }
    });
    drop(identity);
    match result {
        Ok(request) => {
            let view = RequestView::of(&request);
            let sentence = if approving { C::Approved } else { C::Rejected };
            let lines = vec![(EntryLabel::Id.text(lang).to_owned(), view.from)];
            done(true, sentence.text(lang).to_owned(), lines)
        }
        Err(e) => page::failed(ui, headers, &e).await,
    }
}

/// `POST /custodian/publish`: signs and publishes the next directory, valid for the
/// command line's default time, and tells every PoC.
pub async fn publish(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let result = custodian::publish(&identity, custodian::default_validity_secs()).await;
    drop(identity);
    match result {
        Ok(published) => {
            let lines = vec![
                (
                    C::Serial.text(lang).to_owned(),
                    published.serial.to_string(),
                ),
                (
                    C::Entries.text(lang).to_owned(),
                    published.entries.to_string(),
                ),
                (
                    C::Notified.text(lang).to_owned(),
                    published.notified.to_string(),
                ),
            ];
            done(true, C::Published.text(lang).to_owned(), lines)
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// A revocation: asked, then confirmed.
#[derive(Debug, serde::Deserialize)]
pub struct RevokeForm {
    /// The PoC.
    id: String,
    /// Why (published with the revocation).
    #[serde(default)]
    reason: String,
    /// Present on the confirmation step.
    confirmed: Option<String>,
}

/// `POST /custodian/revoke`: first asks to confirm (naming the PoC and its fingerprint),
/// then, confirmed, revokes its keys for the next directory.
pub async fn revoke(
    State(ui): State<Arc<Ui>>,
    headers: HeaderMap,
    Form(form): Form<RevokeForm>,
) -> Response {
    if !is_custodian(&ui) {
        return page::not_found(&ui).await;
    }
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let id = match crate::ids::parse_id(&form.id) {
        Ok(id) => id,
        Err(e) => {
            drop(identity);
            return page::failed(&ui, &headers, &anyhow::Error::from(e)).await;
        }
    };
    if form.reason.trim().is_empty() {
        drop(identity);
        let e = anyhow::anyhow!("give a reason: it is published with the revocation");
        return page::failed(&ui, &headers, &e).await;
    }
    if form.confirmed.as_deref() != Some("yes") {
        let entry = custodian::show(&identity.home).and_then(|shown| {
            shown
                .entries
                .into_iter()
                .find(|e| e.id == id.to_string())
                .ok_or_else(|| {
                    crate::error::Failure::not_found(anyhow::anyhow!(
                        "{id} is not among the accepted entries"
                    ))
                    .into()
                })
        });
        drop(identity);
        return match entry {
            Ok(entry) => page::render(&RevokeAsk {
                chrome: Chrome::of(&ui, "custodian").await,
                entry,
                reason: form.reason,
            }),
            Err(e) => page::failed(&ui, &headers, &e).await,
        };
    }
    let result = custodian::revoke(&identity.home, &id, &form.reason, identity.now());
    drop(identity);
    match result {
        Ok(revocation) => {
            let revoked = custodian::Revoked::of(&revocation);
            let lines = vec![
                (EntryLabel::Id.text(lang).to_owned(), revoked.id),
                (
                    EntryLabel::Fingerprint.text(lang).to_owned(),
                    revoked.fingerprint,
                ),
                (C::Reason.text(lang).to_owned(), revoked.reason),
            ];
            done(true, C::Revoked.text(lang).to_owned(), lines)
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}
