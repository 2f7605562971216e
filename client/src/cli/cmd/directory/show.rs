//! `poc directory show ID`: one entry, with its members when it is a team.

use poc_proto::{PocId, Role};

use crate::cli::cmd::team::list::member_lines;
use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::phrases::EntryLabel;
use crate::i18n::screens;
use crate::i18n::{Lang, Translated};
use crate::ops::directory::{show, Shown};
use crate::render::width;

impl Output for Shown {
    const COMMAND: &'static str = "directory show";

    fn text(&self, lang: Lang) -> String {
        let e = &self.entry;
        let label = |l: EntryLabel| l.text(lang).to_owned();
        let mut rows = vec![
            (label(EntryLabel::Id), e.id.clone()),
            (
                screens::directory_entry_state(lang),
                crate::states::name(&e.org, lang).unwrap_or_default(),
            ),
            (label(EntryLabel::Organisation), e.org_name.clone()),
            (
                label(EntryLabel::Role),
                Role::from_key(e.role)
                    .map_or(e.role, |r| r.text(lang))
                    .to_owned(),
            ),
            (label(EntryLabel::Fingerprint), e.fingerprint.clone()),
            (label(EntryLabel::Languages), e.languages.join(", ")),
            (label(EntryLabel::Email), e.emails.join(", ")),
            (label(EntryLabel::Phone), e.phones.join(", ")),
        ];
        if let Some(w) = &e.webpage {
            rows.push((label(EntryLabel::Webpage), w.clone()));
        }
        if let Some(tz) = &e.time_zone {
            rows.push((label(EntryLabel::TimeZone), tz.clone()));
        }
        rows.push((
            label(EntryLabel::Updated),
            crate::render::time(e.updated_at.0),
        ));
        // Labels padded to the widest (13 columns at least, as the English view always had).
        let column = rows
            .iter()
            .map(|(l, _)| width(l))
            .max()
            .unwrap_or(0)
            .max(13);
        let mut text: String = rows
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(l, v)| format!("{l}{} {v}\n", " ".repeat(column - width(l))))
            .collect();
        // A team lists its members (a PoC held by one key has one, without a label).
        if e.members.iter().any(|m| !m.label.is_empty()) {
            text.push_str(&format!(
                "\n{}\n{}",
                screens::members_of(lang, &e.id),
                member_lines(&e.id, &e.members, None, lang)
            ));
        }
        text
    }
}

/// Runs `poc directory show ID`.
pub async fn run(home: &Session, id: &PocId) -> anyhow::Result<Report> {
    let dir = crate::cli::session::local_directory(home).await?;
    let mut shown = show(&dir, id)?;
    shown.lang = home.lang;
    Report::of(&shown, home.lang)
}
