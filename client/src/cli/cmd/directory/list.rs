//! `poc directory list`: the entries, filtered.

use poc_proto::Role;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::directory::{listing, Filter, Listing};
use crate::render::table;

impl Output for Listing {
    const COMMAND: &'static str = "directory list";

    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .entries
            .iter()
            .map(|e| {
                vec![
                    e.id.clone(),
                    e.org_name.clone(),
                    e.languages.join(","),
                    e.fingerprint.clone(),
                ]
            })
            .collect();
        let mut text = table(&["ID", "ORGANISATION", "LANGUAGES", "FINGERPRINT"], &rows);
        text.push_str(&format!(
            "{} PoCs, directory serial {}\n",
            self.entries.len(),
            self.serial
        ));
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
    Report::of(&listing(&dir, &Filter { org, role, lang }))
}
