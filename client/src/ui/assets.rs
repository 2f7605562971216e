//! The pages' static files, embedded in the binary: htmx (vendored, `assets/htmx.LICENSE`),
//! the UI's own script (CSRF header, notifications) and style sheet. Nothing is loaded
//! from another origin.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The files: name, media type, content.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8", // canonical, not translated
        include_bytes!("assets/htmx.min.js"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8", // canonical, not translated
        include_bytes!("assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8", // canonical, not translated
        include_bytes!("assets/app.css"),
    ),
];

/// `GET /assets/{name}`.
pub async fn asset(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, media_type, content)) => {
            let mut response = content.to_vec().into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
