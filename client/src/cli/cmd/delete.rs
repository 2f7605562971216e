//! `poc delete ID...` and `poc delete --orphans [--from ID]`: envelopes removed from this
//! computer after a question on the terminal (`--yes` for scripts; without a terminal and
//! without `--yes`, refused before anything is removed).

use crate::cli::output::{Output, Report};
use crate::cli::prompt::{self, Confirmation, Console, Terminal};
use crate::cli::session::{check_envelope_prefix, unlock, Session};
use crate::i18n::{screens, Lang};
use crate::ops::{self, delete};

/// A size in bytes as people read it (binary units).
pub(crate) fn size_text(bytes: u64) -> String {
    indicatif::HumanBytes(bytes).to_string()
}

impl Output for delete::Deleted {
    const COMMAND: &'static str = "delete";

    fn text(&self, lang: Lang) -> String {
        if self.deleted.is_empty() && self.parts.is_empty() {
            return screens::nothing_to_delete(lang) + "\n";
        }
        screens::deleted(
            lang,
            self.deleted.len() as u64,
            self.parts.len() as u64,
            &size_text(self.bytes),
        ) + "\n"
    }
}

/// Runs `poc delete`.
pub async fn run(
    home: &Session,
    ids: &[String],
    orphans: bool,
    from: Option<&str>,
    yes: bool,
) -> anyhow::Result<Report> {
    // Checked before the passphrase is asked.
    for id in ids {
        check_envelope_prefix(id)?;
    }
    if !yes && !Console.interactive() {
        anyhow::bail!(
            "deleting asks first on a terminal: add --yes to delete without one; nothing was deleted"
        );
    }
    let identity = unlock(home).await?;
    let dir = ops::require_directory(&identity)?;
    let plan = if orphans {
        delete::plan_orphans(&identity, &dir, from)?
    } else {
        delete::plan_messages(&identity, &dir, ids)?
    };
    if !plan.is_empty() && !yes {
        confirm(&mut Console, home.lang, &plan)?;
    }
    let deleted = if orphans {
        delete::apply_orphans(&identity, &dir, plan, from)?
    } else {
        delete::apply(&identity, plan)?
    };
    Report::of(&deleted, home.lang)
}

/// Asks before deleting what `plan` names; an error unless the answer is yes.
fn confirm(terminal: &mut dyn Terminal, lang: Lang, plan: &delete::Plan) -> anyhow::Result<()> {
    let question = screens::confirm_delete(
        lang,
        plan.envelopes.len() as u64,
        plan.parts.len() as u64,
        &size_text(plan.bytes),
    );
    match prompt::confirm(terminal, lang, &question)? {
        Confirmation::Yes => Ok(()),
        Confirmation::NoTerminal => anyhow::bail!(
            "deleting asks first on a terminal: add --yes to delete without one; nothing was deleted"
        ),
        Confirmation::No => anyhow::bail!("not confirmed; nothing was deleted"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::prompt::Scripted;

    fn plan() -> delete::Plan {
        delete::Plan {
            envelopes: vec![poc_proto::EnvelopeId([1; 16])],
            parts: vec![
                poc_proto::EnvelopeId([2; 16]),
                poc_proto::EnvelopeId([3; 16]),
            ],
            bytes: 3 * 1024 * 1024,
        }
    }

    #[test]
    fn deleting_asks_and_only_yes_goes_ahead() {
        let mut terminal = Scripted::answering(&["y"]);
        confirm(&mut terminal, Lang::En, &plan()).expect("confirmed");
        assert_eq!(terminal.asked.len(), 1);
        assert!(
            terminal.asked[0].contains("one message and 2 attachment parts (3.00 MiB)"),
            "{:?}",
            terminal.asked
        );
        let mut terminal = Scripted::answering(&["n"]);
        let refused = confirm(&mut terminal, Lang::En, &plan()).expect_err("refused");
        assert!(refused.to_string().contains("nothing was deleted"));
        let mut none = Scripted::none();
        let refused = confirm(&mut none, Lang::En, &plan()).expect_err("no terminal");
        assert!(refused.to_string().contains("--yes"));
        assert!(none.asked.is_empty());
    }
}
