//! `poc custodian invitations`: pending invitations (imported contacts without keys).

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens::{headers, Column};
use crate::i18n::Lang;
use crate::ops::import::{self, Invitations};
use crate::render::table;

impl Output for Invitations {
    const COMMAND: &'static str = "custodian invitations";

    fn text(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .pending
            .iter()
            .map(|p| {
                vec![
                    p.id.clone(),
                    p.org_name.clone(),
                    p.source.clone(),
                    p.consent_reference.clone(),
                ]
            })
            .collect();
        let columns = [
            Column::Id,
            Column::Organisation,
            Column::Source,
            Column::Consent,
        ];
        table(&headers(lang, &columns), &rows)
    }
}

/// Runs `poc custodian invitations`.
pub fn run(home: &Session) -> anyhow::Result<Report> {
    Report::of(&import::invitations(home)?, home.lang)
}
