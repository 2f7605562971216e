//! `poc custodian approve`: approves an update request.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops;
use crate::ops::requests::{self, Approved, RequestView};

impl Output for Approved {
    const COMMAND: &'static str = "custodian approve";

    fn text(&self, lang: Lang) -> String {
        screens::custodian_approved(lang, &self.request.id, &self.request.from) + "\n"
    }
}

/// Runs `poc custodian approve ID`.
pub async fn run(home: &Session, id: &str) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let dir = ops::require_directory(&identity)?;
    let request = requests::approve(&identity, &dir, id)?;
    Report::of(
        &Approved {
            request: RequestView::of(&request),
        },
        home.lang,
    )
}
