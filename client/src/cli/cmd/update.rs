//! `poc update`: ask the custodian to change this PoC's contact details.

use crate::cli::args::UpdateArgs;
use crate::cli::output::{Output, Report};
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{keys, keys::UpdateRequested};

impl Output for UpdateRequested {
    const COMMAND: &'static str = "update";

    fn text(&self, lang: Lang) -> String {
        self.sent
            .iter()
            .map(|s| screens::update_sent(lang, &s.id.to_string(), &s.to.to_string()) + "\n")
            .collect()
    }
}

/// Runs `poc update`.
pub async fn run(home: &Session, args: UpdateArgs) -> anyhow::Result<Report> {
    let changes = keys::ProfileChanges {
        org_name: args.org_name,
        emails: args.email,
        phones: args.phone,
        languages: args.lang,
        webpage: args.webpage,
        time_zone: args.time_zone,
    };
    // A bad field is refused before the passphrase is asked.
    changes.check()?;
    let identity = unlock(home).await?;
    Report::of(&keys::update(&identity, &changes).await?, home.lang)
}
