//! `poc custodian add`: verifies an enrolment request and, once the custodian confirmed the
//! fingerprint, adds it to the next directory.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::custodian::{self, Added};

impl Output for Added {
    const COMMAND: &'static str = "custodian add";

    fn text(&self) -> String {
        if self.already_present {
            format!("{} is already accepted (unchanged)\n", self.id)
        } else {
            format!(
                "{} accepted; it will be in the next directory (`poc custodian publish`)\n",
                self.id
            )
        }
    }
}

/// Asks a yes/no question on the terminal (stderr), default no.
fn confirm(question: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("cannot ask for confirmation without a terminal: check the fingerprint, then run again with --yes");
    }
    eprint!("{question} [y/N] ");
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES"))
}

/// Runs `poc custodian add REQUEST [--yes]`.
pub fn run(home: &Session, request: &Path, yes: bool) -> anyhow::Result<Report> {
    let text = std::fs::read_to_string(request)
        .with_context(|| format!("cannot read {}", request.display()))?;
    let entry = custodian::read_request(&text).with_context(|| format!("{}", request.display()))?;
    let already = custodian::check_new(home, &entry)?;
    let shown = Added::of(&entry, already);
    eprintln!(
        "request from {} ({})\nfingerprint: {}",
        shown.id, shown.org_name, shown.fingerprint
    );
    if !already && !yes && !confirm("Does this fingerprint match what the PoC read to you?")? {
        anyhow::bail!("not added: fingerprint not confirmed");
    }
    Report::of(&custodian::add(home, &entry)?)
}
