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

impl Output for Added {
    const COMMAND: &'static str = "custodian add";

    fn text(&self, lang: Lang) -> String {
        let line = if self.already_present {
            screens::custodian_already_added(lang, &self.id)
        } else {
            screens::custodian_added(lang, &self.id)
        };
        line + "\n"
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

/// Runs `poc custodian add REQUEST [--yes]`.
pub fn run(home: &Session, request: &Path, yes: bool) -> anyhow::Result<Report> {
    let text = std::fs::read_to_string(request)
        .with_context(|| format!("cannot read {}", request.display()))?;
    let entry = custodian::read_request(&text).with_context(|| format!("{}", request.display()))?;
    let already = custodian::check_new(home, &entry)?;
    let shown = Added::of(&entry, already);
    let lang = home.lang;
    crate::cli::stderr_line(&format!(
        "{}\n{}",
        screens::request_from(lang, &shown.id, &shown.org_name),
        screens::fingerprint(lang, &shown.fingerprint)
    ));
    if !already && !yes && !confirm(Word::ConfirmFingerprint.text(lang))? {
        anyhow::bail!("not added: fingerprint not confirmed");
    }
    Report::of(&custodian::add(home, &entry)?, lang)
}
