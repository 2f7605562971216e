//! `poc custodian reject`: rejects an update request.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops;
use crate::ops::requests::{self, Rejected, RequestView};

impl Output for Rejected {
    const COMMAND: &'static str = "custodian reject";

    fn text(&self, lang: Lang) -> String {
        screens::custodian_rejected(lang, &self.request.id, &self.request.from) + "\n"
    }
}

/// Runs `poc custodian reject ID [--reason TEXT]`.
pub async fn run(home: &Session, id: &str, reason: Option<String>) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let dir = ops::require_directory(&identity)?;
    let request = requests::reject(&identity, &dir, id, reason)?;
    Report::of(
        &Rejected {
            request: RequestView::of(&request),
        },
        home.lang,
    )
}
