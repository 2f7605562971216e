//! `poc custodian show`: the custodian key, relay and accepted entries, and the members of
//! each team.

use crate::cli::cmd::team::list::member_lines;
use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens::{self, headers, Column, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::custodian::{self, CustodianShown};
use crate::render::table;

impl Output for CustodianShown {
    const COMMAND: &'static str = "custodian show";

    fn text(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .entries
            .iter()
            .map(|e| vec![e.id.clone(), e.org_name.clone(), e.fingerprint.clone()])
            .collect();
        let relay = self.relay.as_ref().map_or_else(
            || Word::None.text(lang).to_owned(),
            |r| screens::custodian_relay_pinned(lang, &r.address, &r.tls_pin),
        );
        let published = match self.serial {
            Some(serial) => screens::custodian_directory_published(lang, serial),
            None => screens::custodian_directory_unpublished(lang),
        };
        let columns = [Column::Id, Column::Organisation, Column::Fingerprint];
        // The members of each team, below the table.
        let teams: String = self
            .entries
            .iter()
            .filter(|e| e.members.iter().any(|m| !m.label.is_empty()))
            .map(|e| {
                format!(
                    "\n{}\n{}",
                    screens::members_of(lang, &e.id),
                    member_lines(&e.id, &e.members, None, lang)
                )
            })
            .collect();
        format!(
            "{}\n{}\n{}\n{}\n\n{}{teams}",
            screens::custodian_key(lang, &self.custodian_key),
            screens::custodian_fingerprint(lang, &self.fingerprint),
            screens::custodian_relay(lang, &relay),
            published,
            table(&headers(lang, &columns), &rows)
        )
    }
}

/// Runs `poc custodian show`.
pub fn run(home: &Session) -> anyhow::Result<Report> {
    Report::of(&custodian::show(home)?, home.lang)
}
