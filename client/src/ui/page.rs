//! What every page shares: the frame around it ([`Chrome`]: language, direction, navigation,
//! the CSRF token for the pages' script), rendering a template into a response, and the
//! answers to a locked identity and to a failed operation.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::session::Ui;
use super::words::Ui as W;
use crate::i18n::{Lang, Translated};

/// One of the six languages in the language menu.
#[derive(Debug, Clone)]
pub struct LangChoice {
    /// "ar", "zh", ...
    pub code: &'static str,
    /// The language's own name.
    pub name: &'static str,
    /// Whether the pages are in it now.
    pub selected: bool,
}

/// The frame of every page.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The language of the page.
    pub lang: Lang,
    /// The CSRF token, for the pages' script (`X-CSRF-Token`).
    pub csrf: String,
    /// Whether an identity is unlocked (the navigation shows only then).
    pub unlocked: bool,
    /// Whether this home is the custodian's (its pages show).
    pub custodian: bool,
    /// This PoC's id.
    pub me: String,
    /// The navigation entry of this page ("inbox", "compose", ...).
    pub current: &'static str,
    /// The language menu.
    pub langs: Vec<LangChoice>,
}

impl Chrome {
    /// The frame of a page of navigation entry `current`.
    pub async fn of(ui: &Ui, current: &'static str) -> Chrome {
        let lang = ui.lang();
        Chrome {
            lang,
            csrf: ui.csrf().to_owned(),
            unlocked: ui.is_unlocked().await,
            custodian: crate::ops::custodian::is_custodian_home(&ui.home),
            me: ui
                .home
                .config()
                .map(|c| c.id.to_string())
                .unwrap_or_default(),
            current,
            langs: Lang::ALL
                .into_iter()
                .map(|l| LangChoice {
                    code: l.code(),
                    name: l.native_name(),
                    selected: l == lang,
                })
                .collect(),
        }
    }

    /// A word of the UI in the page's language.
    pub fn t(&self, word: W) -> &'static str {
        word.text(self.lang)
    }

    /// The navigation entry of the custodian's exercises.
    pub fn exercises_nav(&self) -> &'static str {
        super::pages::exercise_words::ExerciseText::Nav.text(self.lang)
    }

    /// Any translated value in the page's language (labels, priorities, TLP...).
    pub fn tr<T: Translated>(&self, value: &T) -> &'static str {
        value.text(self.lang)
    }

    /// The label of message field `key` in the page's language.
    pub fn label(&self, key: &str) -> String {
        crate::i18n::label(key, self.lang)
            .or_else(|| crate::i18n::label(key, Lang::En))
            .unwrap_or(key)
            .to_owned()
    }

    /// `lang` attribute of the page.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// `dir` attribute of the page: `rtl` for Arabic.
    pub fn dir(&self) -> &'static str {
        if self.lang.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// `aria-current` of the navigation entry `entry`.
    pub fn is_current(&self, entry: &str) -> bool {
        self.current == entry
    }

    /// A time for people, in the reader's time zone.
    pub fn time(&self, unix: &u64) -> String {
        crate::render::local_time(*unix, &crate::render::reader_zone())
    }
}

/// Runs `read` on the unlocked identity and returns what it returned; a locked user is sent
/// to the unlock page, and a failure becomes its page ([`failed`]), both as the `Err`.
pub async fn read<T>(
    ui: &Ui,
    headers: &HeaderMap,
    read: impl FnOnce(&crate::ops::Identity) -> anyhow::Result<T>,
) -> Result<T, Response> {
    let Some(identity) = ui.identity().await else {
        return Err(to_unlock(headers));
    };
    let result = read(&identity);
    drop(identity);
    match result {
        Ok(value) => Ok(value),
        Err(e) => Err(failed(ui, headers, &e).await),
    }
}

/// Renders `page`, or a bare 500 (no text, which would be in no reader's language) when the
/// template fails (it does not: every value is prepared before); the reason goes to the log.
pub fn render<T: askama::Template>(page: &T) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!("page template failed: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Whether the request came from the pages' script (htmx) rather than a navigation.
pub fn is_htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

/// Sends a locked user to the unlock page (the script follows `HX-Redirect`).
pub fn to_unlock(headers: &HeaderMap) -> Response {
    redirect(headers, "/unlock")
}

/// Goes to `to`: a full navigation for the pages' script (`HX-Redirect`), else a 303.
pub fn redirect(headers: &HeaderMap, to: &str) -> Response {
    if is_htmx(headers) {
        let mut response = StatusCode::NO_CONTENT.into_response();
        if let Ok(value) = HeaderValue::from_str(to) {
            response.headers_mut().insert("hx-redirect", value);
        }
        response
    } else {
        Redirect::to(to).into_response()
    }
}

/// Asks the pages' script to reload the page (after a change of language, say).
pub fn refresh() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert("hx-refresh", HeaderValue::from_static("true"));
    response
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    message: String,
}

#[derive(askama::Template)]
#[template(path = "error_fragment.html")]
struct ErrorFragment {
    chrome: Chrome,
    message: String,
}

/// A failed operation: its sentence (as the command line says it) under a translated
/// heading: a fragment where the pages' script asked, else a whole page.
pub async fn failed(ui: &Ui, headers: &HeaderMap, error: &anyhow::Error) -> Response {
    let chrome = Chrome::of(ui, "").await;
    let message = format!("{error:#}");
    let mut response = if is_htmx(headers) {
        render(&ErrorFragment { chrome, message })
    } else {
        render(&ErrorPage { chrome, message })
    };
    *response.status_mut() = match crate::error::ErrorKind::of(error) {
        crate::error::ErrorKind::NotFound => StatusCode::NOT_FOUND,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    response
}

/// The answer to a path that does not exist.
pub async fn not_found(ui: &Ui) -> Response {
    let chrome = Chrome::of(ui, "").await;
    let message = W::NotFound.text(chrome.lang).to_owned();
    let mut response = render(&ErrorPage { chrome, message });
    *response.status_mut() = StatusCode::NOT_FOUND;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"), // canonical, not translated
    );
    response
}
