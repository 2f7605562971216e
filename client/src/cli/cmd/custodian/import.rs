//! `poc custodian import`: contacts from a regional directory, only with consent.

use std::path::Path;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::import::{self, ImportReport};

impl Output for ImportReport {
    const COMMAND: &'static str = "custodian import";

    fn text(&self) -> String {
        let ids = |v: &[poc_proto::PocId]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "imported {} contact(s) as pending invitations: {}\nalready present: {}\nskipped (no consent on record for {}): {}\n",
            self.imported.len(),
            ids(&self.imported),
            ids(&self.already_present),
            self.source,
            self.skipped_states.join(", ")
        )
    }
}

/// Runs `poc custodian import FILE --source ORG --consent FILE`.
pub fn run(home: &Session, file: &Path, source: &str, consent: &Path) -> anyhow::Result<Report> {
    Report::of(&import::import(
        home,
        file,
        source,
        consent,
        home.clock.now(),
    )?)
}
