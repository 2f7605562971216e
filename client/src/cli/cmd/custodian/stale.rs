//! `poc custodian stale`: entries not confirmed by their PoC for a given time.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::custodian::{self, Stale};
use crate::render::{table, time};

impl Output for Stale {
    const COMMAND: &'static str = "custodian stale";

    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .stale
            .iter()
            .map(|e| vec![e.id.clone(), e.org_name.clone(), time(e.updated_at.0)])
            .collect();
        let mut text = table(&["ID", "ORGANISATION", "LAST CONFIRMED"], &rows);
        text.push_str(&format!(
            "{} entries not confirmed for {}\n",
            self.stale.len(),
            humantime::format_duration(std::time::Duration::from_secs(self.older_than_seconds))
        ));
        text
    }
}

/// Runs `poc custodian stale --older-than AGE`.
pub fn run(home: &Session, older_than: u64) -> anyhow::Result<Report> {
    Report::of(&custodian::stale_entries(
        home,
        older_than,
        home.clock.now(),
    )?)
}
