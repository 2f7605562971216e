//! `poc custodian stale`: entries not confirmed by their PoC for a given time.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens::{self, headers, Column};
use crate::i18n::{phrases, Lang};
use crate::ops::custodian::{self, Stale};
use crate::render::{table, time};

impl Output for Stale {
    const COMMAND: &'static str = "custodian stale";

    fn text(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .stale
            .iter()
            .map(|e| vec![e.id.clone(), e.org_name.clone(), time(e.updated_at.0)])
            .collect();
        let columns = [Column::Id, Column::Organisation, Column::LastConfirmed];
        let mut text = table(&headers(lang, &columns), &rows);
        let period = phrases::duration(lang, self.older_than_seconds);
        text.push_str(&screens::custodian_stale(
            lang,
            self.stale.len() as u64,
            &period,
        ));
        text.push('\n');
        text
    }
}

/// Runs `poc custodian stale --older-than AGE`.
pub fn run(home: &Session, older_than: u64) -> anyhow::Result<Report> {
    let stale = custodian::stale_entries(home, older_than, home.clock.now())?;
    Report::of(&stale, home.lang)
}
