//! `poc directory show ID`: one entry.

use poc_proto::{PocId, Role};

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::phrases::EntryLabel;
use crate::i18n::{Lang, Translated};
use crate::ops::directory::{show, Shown};
use crate::render::width;

impl Output for Shown {
    const COMMAND: &'static str = "directory show";

    fn text(&self, lang: Lang) -> String {
        let e = &self.entry;
        let mut rows = vec![
            (EntryLabel::Id, e.id.clone()),
            (EntryLabel::Organisation, e.org_name.clone()),
            (
                EntryLabel::Role,
                Role::from_key(e.role)
                    .map_or(e.role, |r| r.text(lang))
                    .to_owned(),
            ),
            (EntryLabel::Fingerprint, e.fingerprint.clone()),
            (EntryLabel::Languages, e.languages.join(", ")),
            (EntryLabel::Email, e.emails.join(", ")),
            (EntryLabel::Phone, e.phones.join(", ")),
        ];
        if let Some(w) = &e.webpage {
            rows.push((EntryLabel::Webpage, w.clone()));
        }
        if let Some(tz) = &e.time_zone {
            rows.push((EntryLabel::TimeZone, tz.clone()));
        }
        rows.push((EntryLabel::Updated, crate::render::time(e.updated_at.0)));
        let labels: Vec<&str> = rows.iter().map(|(l, _)| l.text(lang)).collect();
        // Labels padded to the widest (13 columns at least, as the English view always had).
        let column = labels.iter().map(|l| width(l)).max().unwrap_or(0).max(13);
        rows.iter()
            .zip(labels)
            .filter(|((_, v), _)| !v.is_empty())
            .map(|((_, v), l)| format!("{l}{} {v}\n", " ".repeat(column - width(l))))
            .collect()
    }
}

/// Runs `poc directory show ID`.
pub async fn run(home: &Session, id: &PocId) -> anyhow::Result<Report> {
    let dir = crate::cli::session::local_directory(home).await?;
    let mut shown = show(&dir, id)?;
    shown.lang = home.lang;
    Report::of(&shown, home.lang)
}
