//! `poc custodian requests`: the queue of update requests, with what each changes.

use crate::cli::output::{Output, Report};
use crate::cli::session::fetch_and_warn;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::i18n::phrases;
use crate::i18n::screens::{self, Word};
use crate::i18n::{Lang, Translated};
use crate::ops;
use crate::ops::requests::{self, ChangedField, RequestStatus, RequestView, Requests};
use crate::render::time;

/// One request as a line with its changes below, in `lang` (values as written).
fn request_text(r: &RequestView, lang: Lang) -> String {
    let at = || r.decided_at.map(|t| time(t.0)).unwrap_or_default();
    let state = match r.status {
        RequestStatus::Approved => screens::custodian_request_approved(lang, &at()),
        RequestStatus::Rejected => screens::custodian_request_rejected(lang, &at()),
        RequestStatus::Invalid => phrases::inbox_invalid(lang, r.problem.as_deref().unwrap_or("")),
        RequestStatus::Pending => Word::RequestPending.text(lang).to_owned(),
    };
    let mut text = screens::custodian_request_line(lang, &r.id, &r.from, &state);
    text.push('\n');
    // Labels padded to the widest of the language (13 columns at least).
    let width = ChangedField::ALL
        .iter()
        .map(|f| crate::render::width(f.text(lang)))
        .max()
        .unwrap_or(0)
        .max(13);
    for c in &r.changes {
        let label = c.field.text(lang);
        let pad = " ".repeat(width - crate::render::width(label));
        let blank = " ".repeat(width);
        text.push_str(&format!(
            "    {label}{pad} - {}\n    {blank} + {}\n",
            c.old, c.new
        ));
    }
    text
}

impl Output for Requests {
    const COMMAND: &'static str = "custodian requests";

    fn text(&self, lang: Lang) -> String {
        if self.requests.is_empty() {
            return format!("{}\n", Word::NoUpdateRequests.text(lang));
        }
        self.requests
            .iter()
            .map(|r| request_text(r, lang))
            .collect()
    }
}

/// Runs `poc custodian requests`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    ops::online(&identity, async |client| {
        fetch_and_warn(&identity, client, home.lang).await
    })
    .await?;
    let dir = ops::require_directory(&identity)?;
    let list = requests::list(&identity, &dir)?;
    Report::of(
        &Requests {
            requests: list.iter().map(RequestView::of).collect(),
        },
        home.lang,
    )
}
