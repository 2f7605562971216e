//! What every request must pass before a page sees it, and the headers every response
//! carries. The rules, in order:
//!
//! 1. `Host` is the bound address or `localhost`, with the bound port (a page of another
//!    site that rebinds its DNS name to 127.0.0.1 sends its own name and is refused).
//! 2. `/launch?secret=...`, the address `poc ui` printed, is exchanged once for the session
//!    cookie (HttpOnly, SameSite=Strict) and moves on to `/`, which takes the secret out of
//!    the address bar.
//! 3. Every other request carries that cookie.
//! 4. A request that a page of another origin made (by `Sec-Fetch-Site`: other ports of this
//!    host are "same-site" to the browser, and get the cookie) passes only as the user's own
//!    navigation to a page, never as a fetch, an image or a frame.
//! 5. A request that changes state (any method but GET and HEAD) comes from the UI's own
//!    origin (`Origin`, and `Sec-Fetch-Site` when the browser sends it) and carries the CSRF
//!    token in the `X-CSRF-Token` header (the pages' script adds it to every request).
//!
//! Refusals are `403 Forbidden` with one sentence on what to do. Every response, refusals
//! included, carries a strict Content-Security-Policy (only the UI's own scripts and styles,
//! which are embedded in the binary), `X-Frame-Options: DENY`, `Referrer-Policy:
//! no-referrer`, `nosniff` and `Cache-Control: no-store`; no CORS header is ever sent.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::session::{Exchange, Ui, COOKIE};
use super::words::Ui as W;
use crate::i18n::{Lang, Translated};

/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"; // canonical, not translated

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is not the bound address or `localhost` with the bound port.
    WrongHost,
    /// No session cookie, or a wrong one.
    NoSession,
    /// The printed address was already exchanged for a cookie.
    LaunchUsed,
    /// A state-changing request from another origin, or without its origin.
    CrossOrigin,
    /// A state-changing request without the CSRF token, or with a wrong one.
    NoCsrf,
}

impl Refusal {
    fn response(self, lang: Lang) -> Response {
        let (title, help) = match self {
            Refusal::LaunchUsed => (W::ForbiddenTitle, W::LaunchUsed),
            _ => (W::ForbiddenTitle, W::ForbiddenHelp),
        };
        // A fixed page of the UI's own words: nothing from the request is echoed.
        let body = format!(
            "<!doctype html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{help}</p></body></html>",
            code = lang.code(),
            dir = if lang.is_rtl() { "rtl" } else { "ltr" },
            title = html_escape(title.text(lang)),
            help = html_escape(help.text(lang)),
        );
        let mut response = (StatusCode::FORBIDDEN, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"), // canonical, not translated
        );
        response
            .headers_mut()
            .insert("x-poc-refusal", HeaderValue::from_static(self.code()));
        response
    }

    /// A stable name of the refusal, in the `X-Poc-Refusal` header (for tests and scripts).
    pub fn code(self) -> &'static str {
        match self {
            Refusal::WrongHost => "wrong-host",
            Refusal::NoSession => "no-session",
            Refusal::LaunchUsed => "launch-used",
            Refusal::CrossOrigin => "cross-origin",
            Refusal::NoCsrf => "no-csrf",
        }
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The middleware: admits the request or refuses it, and secures the response.
pub async fn guard(State(ui): State<Arc<Ui>>, request: Request, next: Next) -> Response {
    let mut response = match admit(&ui, &request) {
        Ok(Admission::Pass) => next.run(request).await,
        Ok(Admission::Respond(response)) => response,
        Err(Refusal::WrongHost) => {
            // A page that rebound its name to this address learns nothing, not even the
            // language.
            tracing::info!(refusal = Refusal::WrongHost.code(), "request refused");
            let mut response = StatusCode::FORBIDDEN.into_response();
            response.headers_mut().insert(
                "x-poc-refusal",
                HeaderValue::from_static(Refusal::WrongHost.code()),
            );
            response
        }
        Err(refusal) => {
            tracing::info!(refusal = refusal.code(), "request refused");
            refusal.response(ui.lang())
        }
    };
    secure(response.headers_mut());
    response
}

enum Admission {
    Pass,
    Respond(Response),
}

fn admit(ui: &Ui, request: &Request) -> Result<Admission, Refusal> {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !ui
        .hosts
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(host))
    {
        return Err(Refusal::WrongHost);
    }
    let has_session = cookies(headers).any(|value| ui.is_session(value));
    if request.uri().path() == "/launch" {
        let offered = request
            .uri()
            .query()
            .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("secret=")))
            .unwrap_or("");
        return match ui.exchange(offered) {
            Exchange::Admitted => Ok(Admission::Respond(admitted(ui))),
            Exchange::AlreadyUsed if has_session => {
                Ok(Admission::Respond(Redirect::to("/").into_response()))
            }
            Exchange::AlreadyUsed => Err(Refusal::LaunchUsed),
            Exchange::Wrong => Err(Refusal::NoSession),
        };
    }
    if !has_session {
        return Err(Refusal::NoSession);
    }
    // The cookie also goes with requests that pages of other origins on this host (another
    // port of 127.0.0.1) make: of those, only the user's own navigation to a page passes,
    // never a fetch, an image or a frame (which could read nothing, but mark a message read or
    // keep the key unlocked).
    if let Some(site) = headers.get("sec-fetch-site") {
        let navigation = request.method() == Method::GET
            && headers
                .get("sec-fetch-mode")
                .is_some_and(|m| m.as_bytes() == b"navigate")
            && headers
                .get("sec-fetch-dest")
                .is_some_and(|d| d.as_bytes() == b"document");
        if !matches!(site.as_bytes(), b"same-origin" | b"none") && !navigation {
            return Err(Refusal::CrossOrigin);
        }
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let origin = headers
            .get(header::ORIGIN)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !ui
            .origins
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(origin))
        {
            return Err(Refusal::CrossOrigin);
        }
        if let Some(site) = headers.get("sec-fetch-site") {
            if site.as_bytes() != b"same-origin" {
                return Err(Refusal::CrossOrigin);
            }
        }
        let token = headers
            .get(CSRF_HEADER)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !ui.is_csrf(token) {
            return Err(Refusal::NoCsrf);
        }
    }
    Ok(Admission::Pass)
}

/// Every value of a cookie named like the session cookie in `headers` (another server on
/// this host can set one with a narrower path, which the browser sends first).
fn cookies(headers: &HeaderMap) -> impl Iterator<Item = &str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

/// The page that sets the session cookie and moves on to `/`. Not a redirect: a browser
/// opened on the launch page in the home (a `file:` page, another site to it) would carry
/// the redirect's origin along, and a SameSite=Strict cookie is not sent on a navigation
/// that another site started; this page's own move to `/` is same-origin.
fn admitted(ui: &Ui) -> Response {
    let mut response = axum::response::Html(
        "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/\"><title>PoC Relay</title><a href=\"/\">PoC Relay</a>\n",
    )
    .into_response();
    let cookie = format!(
        "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
        ui.cookie()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The headers of every response.
fn secure(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
}
