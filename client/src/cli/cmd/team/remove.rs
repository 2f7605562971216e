//! `poc team remove LABEL`: asks the custodian to remove a member of this PoC.

use crate::cli::output::{Output, Report};
use crate::cli::session::{local_directory, unlock, Session};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::member_changes::{self, RemovalError, RemovalRequested};
use crate::ops::{self, inbox};

impl Output for RemovalRequested {
    const COMMAND: &'static str = "team remove";

    fn text(&self, lang: Lang) -> String {
        self.sent
            .iter()
            .map(|s| {
                screens::team_removal_sent(
                    lang,
                    &s.to.to_string(),
                    &self.label,
                    &self.id,
                    &s.id.to_string(),
                ) + "\n"
            })
            .collect()
    }
}

/// Runs `poc team remove LABEL [--reason R]`.
pub async fn run(home: &Session, label: &str, reason: Option<&str>) -> anyhow::Result<Report> {
    // A label the directory in force does not list is refused before the passphrase is asked.
    let id = home.config()?.id;
    let known = local_directory(home)
        .await?
        .team(&id)
        .is_some_and(|t| t.members.iter().any(|m| m.record.label == label));
    if !known {
        return Err(
            crate::error::Failure::not_found(RemovalError::NoSuchMember {
                id,
                label: label.to_owned(),
            })
            .into(),
        );
    }
    let identity = unlock(home).await?;
    let sent = ops::online(&identity, async |client| {
        inbox::fetch(&identity, client).await?;
        let dir = ops::require_directory(&identity)?;
        member_changes::request_removal(&identity, client, &dir, label, reason).await
    })
    .await?;
    Report::of(
        &RemovalRequested {
            sent: vec![sent],
            id: identity.config.id.to_string(),
            label: label.to_owned(),
            reason: reason
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
        },
        home.lang,
    )
}
