//! `poc export ID`: a received message with the evidence of its origin, as JSON.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, ensure_local, unlock};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{self, evidence::Evidence};

impl Output for Evidence {
    const COMMAND: &'static str = "export";

    /// The evidence itself, pretty-printed: it is meant for other programs.
    fn text(&self, lang: Lang) -> String {
        match serde_json::to_string_pretty(self) {
            Ok(json) => format!("{}\n", crate::terminal::json_for_terminal(&json)),
            Err(e) => screens::export_failed(lang, &e.to_string()) + "\n",
        }
    }
}

/// Runs `poc export`.
pub async fn run(home: &Session, id: &str) -> anyhow::Result<Report> {
    check_envelope_prefix(id)?;
    let identity = unlock(home).await?;
    ensure_local(&identity, id, home.lang).await?;
    let dir = ops::require_directory(&identity)?;
    let (_, evidence) = ops::evidence::export(&identity, &dir, id)?;
    Report::of(&evidence, home.lang)
}
