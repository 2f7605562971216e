//! `poc directory show ID`: one entry.

use poc_proto::PocId;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::directory::{show, Shown};

impl Output for Shown {
    const COMMAND: &'static str = "directory show";

    fn text(&self) -> String {
        let e = &self.entry;
        let mut rows = vec![
            ("Id", e.id.clone()),
            ("Organisation", e.org_name.clone()),
            ("Role", e.role.to_owned()),
            ("Fingerprint", e.fingerprint.clone()),
            ("Languages", e.languages.join(", ")),
            ("E-mail", e.emails.join(", ")),
            ("Phone", e.phones.join(", ")),
        ];
        if let Some(w) = &e.webpage {
            rows.push(("Web page", w.clone()));
        }
        if let Some(tz) = &e.time_zone {
            rows.push(("Time zone", tz.clone()));
        }
        rows.push(("Updated", crate::render::time(e.updated_at.0)));
        rows.iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(l, v)| format!("{l:<13} {v}\n"))
            .collect()
    }
}

/// Runs `poc directory show ID`.
pub async fn run(home: &Session, id: &PocId) -> anyhow::Result<Report> {
    let dir = crate::cli::session::local_directory(home).await?;
    Report::of(&show(&dir, id)?)
}
