//! `poc custodian add`: verifies an enrolment request and, once the custodian confirmed the
//! fingerprint, adds it to the next directory.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens::{self, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::custodian::{self, Added};
use crate::ops::team::{self, MemberAdded};

/// What `poc custodian add` added: a new PoC (from an enrolment request) or a new member of
/// one (from a member request).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AddedRequest {
    /// A new PoC.
    Entry(Added),
    /// A new member of an existing PoC.
    Member(MemberAdded),
}

impl Output for AddedRequest {
    const COMMAND: &'static str = "custodian add";

    fn text(&self, lang: Lang) -> String {
        match self {
            AddedRequest::Entry(added) => {
                let line = if added.already_present {
                    screens::custodian_already_added(lang, &added.id)
                } else {
                    screens::custodian_added(lang, &added.id)
                };
                line + "\n"
            }
            AddedRequest::Member(added) => member_text(added, lang),
        }
    }
}

/// Asks a yes/no question on the terminal (stderr), default no.
fn confirm(question: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("cannot ask for confirmation without a terminal: check the fingerprint, then run again with --yes");
    }
    crate::cli::to_stderr(&format!("{question} [y/N] "));
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    // The answer is typed as the prompt's `[y/N]` shows, whatever the language.
    let yes = ["y", "Y", "yes", "YES"]; // canonical, not translated
    Ok(yes.contains(&answer.trim()))
}

fn member_text(added: &MemberAdded, lang: Lang) -> String {
    let label = &added.request.member.label;
    let line = if added.already_present {
        screens::custodian_member_already_added(lang, label, &added.request.entry)
    } else {
        screens::custodian_member_added(
            lang,
            label,
            &added.request.entry,
            &added.members.join(", "),
        )
    };
    line + "\n"
}

/// Adds a member request, asking to confirm the fingerprint when the request needs it
/// ([`team::add_member_confirmed`] says which).
fn add_member(home: &Session, text: &str, request: &Path, yes: bool) -> anyhow::Result<Report> {
    let member =
        team::read_member_request(text).with_context(|| format!("{}", request.display()))?;
    let (_, shown) = team::check_member(home, &member)?;
    let lang = home.lang;
    crate::cli::stderr_line(&format!(
        "{}\n{}",
        screens::member_request_from(lang, &shown.request.member.label, &shown.request.entry),
        screens::fingerprint(lang, &shown.request.member.fingerprint)
    ));
    if let Some(by) = &shown.cosigned_by {
        crate::cli::stderr_line(&screens::member_request_cosigned(lang, by));
    }
    let confirmed =
        !shown.needs_confirmation() || yes || confirm(Word::ConfirmFingerprint.text(lang))?;
    Report::of(
        &AddedRequest::Member(team::add_member_confirmed(home, &member, confirmed)?),
        lang,
    )
}

/// Runs `poc custodian add REQUEST [--yes]`.
pub fn run(home: &Session, request: &Path, yes: bool) -> anyhow::Result<Report> {
    let text = std::fs::read_to_string(request)
        .with_context(|| format!("cannot read {}", request.display()))?;
    if team::is_member_request(&text) {
        return add_member(home, &text, request, yes);
    }
    let (entry, shown) =
        custodian::review_request(home, &text).with_context(|| format!("{}", request.display()))?;
    let lang = home.lang;
    crate::cli::stderr_line(&format!(
        "{}\n{}",
        screens::request_from(lang, &shown.id, &shown.org_name),
        screens::fingerprint(lang, &shown.fingerprint)
    ));
    let confirmed = shown.already_present || yes || confirm(Word::ConfirmFingerprint.text(lang))?;
    Report::of(
        &AddedRequest::Entry(custodian::add_confirmed(home, &entry, confirmed)?),
        lang,
    )
}
