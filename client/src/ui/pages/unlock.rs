//! Unlocking and locking the identity, and the language of the pages.

use std::sync::Arc;

use age::secrecy::SecretString;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use zeroize::Zeroize;

use crate::i18n::{Lang, Translated};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

#[derive(askama::Template)]
#[template(path = "unlock.html")]
struct UnlockPage {
    chrome: Chrome,
    locked: bool,
    idle_minutes: u64,
}

#[derive(askama::Template)]
#[template(path = "error_fragment.html")]
struct Wrong {
    chrome: Chrome,
    message: String,
}

/// The unlock form. The passphrase is zeroized when the form is dropped.
#[derive(Deserialize)]
pub struct UnlockForm {
    passphrase: String,
    idle_minutes: Option<u64>,
}

impl std::fmt::Debug for UnlockForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockForm")
            .field("idle_minutes", &self.idle_minutes)
            .finish_non_exhaustive()
    }
}

impl Drop for UnlockForm {
    fn drop(&mut self) {
        self.passphrase.zeroize();
    }
}

/// `GET /unlock`.
pub async fn page(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    if ui.is_unlocked().await {
        return page::redirect(&headers, "/");
    }
    page::render(&UnlockPage {
        chrome: Chrome::of(&ui, "").await,
        locked: false,
        idle_minutes: ui.idle_minutes(),
    })
}

/// `POST /unlock`: opens the identity; a wrong passphrase is said on the form.
pub async fn unlock(
    State(ui): State<Arc<Ui>>,
    headers: HeaderMap,
    Form(mut form): Form<UnlockForm>,
) -> Response {
    let passphrase = SecretString::from(std::mem::take(&mut form.passphrase));
    let idle = form
        .idle_minutes
        .unwrap_or(crate::ui::session::DEFAULT_IDLE_MINUTES);
    drop(form);
    match ui.unlock(passphrase, idle).await {
        Ok(()) => page::redirect(&headers, "/"),
        Err(e) if crate::passphrase::is_wrong(&e) => {
            let chrome = Chrome::of(&ui, "").await;
            let message = W::WrongPassphrase.text(chrome.lang).to_owned();
            let mut response = page::render(&Wrong { chrome, message });
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

/// `POST /lock`: drops the identity now.
pub async fn lock(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    ui.lock().await;
    page::redirect(&headers, "/unlock")
}

/// The language form.
#[derive(Debug, Deserialize)]
pub struct LangForm {
    lang: String,
}

/// `POST /lang`: switches the pages to another of the six languages.
pub async fn lang(State(ui): State<Arc<Ui>>, Form(form): Form<LangForm>) -> Response {
    if let Some(lang) = Lang::from_tag(&form.lang) {
        ui.set_lang(lang);
    }
    page::refresh()
}

/// The words of the unlock page, for the text the terminal prints at start.
pub fn listening(lang: Lang) -> [&'static str; 2] {
    [W::Listening.text(lang), W::StopHint.text(lang)]
}
