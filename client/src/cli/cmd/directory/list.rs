//! `poc directory list`: the entries, filtered.

use poc_proto::Role;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens::{self, headers, Column};
use crate::i18n::Lang;
use crate::ops::directory::{listing, Filter, Listing};
use crate::render::table;

impl Output for Listing {
    const COMMAND: &'static str = "directory list";

    fn text(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .entries
            .iter()
            .map(|e| {
                vec![
                    e.id.clone(),
                    crate::states::name(&e.org, lang).unwrap_or_default(),
                    e.org_name.clone(),
                    e.languages.join(","),
                    e.fingerprint.clone(),
                ]
            })
            .collect();
        let state = screens::directory_column_state(lang);
        let mut columns: Vec<&str> = headers(lang, &[Column::Id]);
        columns.push(&state);
        columns.extend(headers(
            lang,
            &[Column::Organisation, Column::Languages, Column::Fingerprint],
        ));
        let mut text = table(&columns, &rows);
        text.push_str(&screens::directory_listed(
            lang,
            self.entries.len() as u64,
            self.serial,
        ));
        text.push('\n');
        text
    }
}

/// Runs `poc directory list`.
pub async fn run(
    home: &Session,
    org: Option<String>,
    role: Option<Role>,
    lang: Option<String>,
) -> anyhow::Result<Report> {
    let dir = crate::cli::session::local_directory(home).await?;
    Report::of(&listing(&dir, &Filter { org, role, lang }), home.lang)
}
