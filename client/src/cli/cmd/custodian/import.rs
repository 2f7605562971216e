//! `poc custodian import`: contacts from a regional directory, only with consent.

use std::path::Path;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::import::{self, ImportReport};

impl Output for ImportReport {
    const COMMAND: &'static str = "custodian import";

    fn text(&self, lang: Lang) -> String {
        let ids = |v: &[poc_proto::PocId]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{}\n{}\n{}\n",
            screens::custodian_imported(lang, self.imported.len() as u64, &ids(&self.imported)),
            screens::custodian_already_present(lang, &ids(&self.already_present)),
            screens::custodian_skipped(lang, &self.source, &self.skipped_states.join(", "))
        )
    }
}

/// Runs `poc custodian import FILE --source ORG --consent FILE`.
pub fn run(home: &Session, file: &Path, source: &str, consent: &Path) -> anyhow::Result<Report> {
    Report::of(
        &import::import(home, file, source, consent, home.clock.now())?,
        home.lang,
    )
}
