//! This PoC's own contact details (a signed change request to the custodian) and the
//! replacement of this computer's keys (asked for with the passphrase again).

use std::sync::Arc;

use age::secrecy::SecretString;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use zeroize::Zeroize;

use crate::i18n::Translated;
use crate::ops::{self, keys::ProfileChanges};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// The contact details as the form shows them (lists one item per line).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Details {
    org_name: String,
    emails: String,
    phones: String,
    languages: String,
    webpage: String,
    time_zone: String,
}

#[derive(askama::Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    chrome: Chrome,
    d: Details,
}

#[derive(askama::Template)]
#[template(path = "profile_done.html")]
struct Done {
    text: &'static str,
    fingerprint: Option<String>,
}

fn current(identity: &ops::Identity) -> anyhow::Result<Details> {
    let dir = ops::require_directory(identity)?;
    let e = ops::directory::show(&dir, &identity.config.id)?.entry;
    Ok(Details {
        org_name: e.org_name,
        emails: e.emails.join("\n"),
        phones: e.phones.join("\n"),
        languages: e.languages.join("\n"),
        webpage: e.webpage.unwrap_or_default(),
        time_zone: e.time_zone.unwrap_or_default(),
    })
}

fn list(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What differs between the form and the directory: only those fields are asked for.
fn changes(now: &Details, wanted: &Details) -> ProfileChanges {
    let text = |a: &str, b: &str| (a.trim() != b.trim()).then(|| b.trim().to_owned());
    let lines = |a: &str, b: &str| (list(a) != list(b)).then(|| list(b));
    ProfileChanges {
        org_name: text(&now.org_name, &wanted.org_name),
        emails: lines(&now.emails, &wanted.emails),
        phones: lines(&now.phones, &wanted.phones),
        languages: lines(&now.languages, &wanted.languages),
        webpage: text(&now.webpage, &wanted.webpage),
        time_zone: text(&now.time_zone, &wanted.time_zone),
    }
}

/// `GET /profile`.
pub async fn page(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    match page::read(&ui, &headers, current).await {
        Ok(d) => page::render(&ProfilePage {
            chrome: Chrome::of(&ui, "profile").await,
            d,
        }),
        Err(response) => response,
    }
}

/// `POST /profile`: the change request to the custodian.
pub async fn update(
    State(ui): State<Arc<Ui>>,
    headers: HeaderMap,
    Form(wanted): Form<Details>,
) -> Response {
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = async {
        let now = current(&identity)?;
        ops::keys::update(&identity, &changes(&now, &wanted)).await
    }
    .await;
    drop(identity);
    match result {
        Ok(_) => page::render(&Done {
            text: W::UpdateSent.text(ui.lang()),
            fingerprint: None,
        }),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// The key replacement form. The passphrase is zeroized when the form is dropped.
#[derive(Deserialize)]
pub struct RotateForm {
    passphrase: String,
    confirm: Option<String>,
}

impl std::fmt::Debug for RotateForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RotateForm")
            .field("confirm", &self.confirm)
            .finish_non_exhaustive()
    }
}

impl Drop for RotateForm {
    fn drop(&mut self) {
        self.passphrase.zeroize();
    }
}

/// `POST /profile/rotate`: a new key pair and the request to switch to it.
pub async fn rotate(
    State(ui): State<Arc<Ui>>,
    headers: HeaderMap,
    Form(mut form): Form<RotateForm>,
) -> Response {
    if form.confirm.is_none() {
        let error = anyhow::anyhow!(
            "tick the box to confirm that you want to replace this computer's keys"
        );
        return page::failed(&ui, &headers, &error).await;
    }
    let passphrase = SecretString::from(std::mem::take(&mut form.passphrase));
    drop(form);
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let result = async {
        ops::keys::confirm_passphrase(&identity, &passphrase)?;
        ops::keys::rotate(&identity, &passphrase).await
    }
    .await;
    drop(identity);
    match result {
        Ok(done) => page::render(&Done {
            text: W::RotateSent.text(ui.lang()),
            fingerprint: Some(done.new_fingerprint),
        }),
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}
