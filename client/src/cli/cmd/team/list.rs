//! `poc team list`: the members of this PoC in the directory in force.

use crate::cli::output::{Output, Report};
use crate::cli::session::{local_directory, unlock, Session};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::team::{self, TeamListing};
use crate::ops::view::MemberView;

/// One line per member: label (or the PoC id for a PoC of one key), fingerprint, who
/// co-signed it, and which is this device.
pub fn member_lines(id: &str, members: &[MemberView], you: Option<&str>, lang: Lang) -> String {
    members
        .iter()
        .map(|m| {
            let name = if m.label.is_empty() { id } else { &m.label };
            let mut line = screens::team_member(lang, name, &m.fingerprint);
            if let Some(by) = &m.cosigned_by {
                line += &format!(" ({})", screens::team_member_cosigned(lang, by));
            }
            if you == Some(m.label.as_str()) {
                line += &format!(" ({})", screens::team_member_you(lang));
            }
            format!("  {line}\n")
        })
        .collect()
}

impl Output for TeamListing {
    const COMMAND: &'static str = "team list";

    fn text(&self, lang: Lang) -> String {
        format!(
            "{}\n{}",
            screens::team_heading(lang, &self.id, self.members.len() as u64, self.serial),
            member_lines(&self.id, &self.members, Some(&self.you), lang)
        )
    }
}

/// Runs `poc team list`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let dir = local_directory(home).await?;
    Report::of(&team::list(&identity, &dir)?, home.lang)
}
