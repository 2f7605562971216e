//! Member requests in the custodian's enrolment box: a request to add a person or device to
//! a PoC already accepted (the `member-request.txt` a new device writes, co-signed or not by
//! a current member), shown with the member's label, its PoC, its fingerprint and who
//! co-signed it, then added for the next publication.
//!
//! The rule is the command line's (`poc custodian add`), in [`crate::ops::team`]: a request
//! co-signed by a current member needs no telephone confirmation, one nobody co-signed is
//! added only once the custodian ticked that the fingerprint was confirmed by phone. This
//! module does not publish: the publication button of the same page does.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;

use super::custodian::{done, is_custodian, AddForm};
use super::custodian_words::CustodianText as C;
use super::members_words::MembersText as M;
use crate::i18n::phrases::EntryLabel;
use crate::i18n::Translated;
use crate::ops::team::{self, MemberAdded, TeamError};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// A member request as checked against the accepted entries, before it is added.
#[derive(askama::Template)]
#[template(path = "custodian_member.html")]
struct MemberShown {
    chrome: Chrome,
    shown: MemberAdded,
    request: String,
}

impl MemberShown {
    fn m(&self, word: M) -> &'static str {
        word.text(self.chrome.lang)
    }
}

/// What the enrolment box shows for a member request: `checked` is the request read from
/// `request` and checked against the accepted entries ([`team::check_member`]).
pub async fn shown(
    ui: &Ui,
    headers: &HeaderMap,
    checked: anyhow::Result<MemberAdded>,
    request: String,
) -> Response {
    match checked {
        Ok(shown) => page::render(&MemberShown {
            chrome: Chrome::of(ui, "custodian").await,
            shown,
            request,
        }),
        Err(e) => page::failed(ui, headers, &e).await,
    }
}

/// `POST /custodian/members/add`: adds the member for the next publication: at once when a
/// current member co-signed the request, else only with the fingerprint confirmed.
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
    let result = team::read_member_request(&form.request)
        .and_then(|member| team::add_member_confirmed(&identity.home, &member, confirmed));
    drop(identity);
    match result {
        Ok(added) => {
            let sentence = if added.already_present {
                M::AlreadyAdded
            } else {
                M::Added
            };
            let mut lines = vec![
                (M::Label.text(lang).to_owned(), added.request.member.label),
                (M::Poc.text(lang).to_owned(), added.request.entry),
                (
                    EntryLabel::Fingerprint.text(lang).to_owned(),
                    added.request.member.fingerprint,
                ),
            ];
            if let Some(by) = added.cosigned_by {
                lines.push((W::CosignedBy.text(lang).to_owned(), by));
            }
            lines.push((W::Members.text(lang).to_owned(), added.members.join(", ")));
            done(true, sentence.text(lang).to_owned(), lines)
        }
        Err(e) if matches!(e.downcast_ref(), Some(TeamError::NotConfirmed { .. })) => {
            done(false, M::NotConfirmed.text(lang).to_owned(), vec![])
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}
