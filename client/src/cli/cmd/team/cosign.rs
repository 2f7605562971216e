//! `poc team cosign REQUEST`: a current member vouches for a new member of its PoC.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::output::{Output, Report};
use crate::cli::prompt::{self, Confirmation};
use crate::cli::session::{local_directory, unlock, Session};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::team::{self, CoSigned};

impl Output for CoSigned {
    const COMMAND: &'static str = "team cosign";

    fn text(&self, lang: Lang) -> String {
        let mut text = screens::team_cosigned(
            lang,
            &self.request.member.label,
            &self.request.entry,
            &self.file,
        ) + "\n";
        if self.first_member {
            text += &(screens::team_cosigned_first(lang, &self.cosigned_by) + "\n");
        }
        text
    }
}

/// The default file of the co-signed request: next to the request, `NAME.cosigned.txt`.
fn default_out(request: &Path) -> PathBuf {
    let stem = request.file_stem().map_or_else(
        || "member-request".into(), // canonical, not translated (a file name)
        |s| s.to_string_lossy().into_owned(),
    );
    request.with_file_name(format!("{stem}.cosigned.txt"))
}

/// Runs `poc team cosign REQUEST [--out FILE] [--my-label LABEL] [--yes]`.
pub async fn run(
    home: &Session,
    request: &Path,
    out: Option<PathBuf>,
    my_label: Option<&str>,
    yes: bool,
) -> anyhow::Result<Report> {
    let text = std::fs::read_to_string(request)
        .with_context(|| format!("cannot read {}", request.display()))?;
    let parsed =
        team::read_member_request(&text).with_context(|| format!("{}", request.display()))?;
    let identity = unlock(home).await?;
    let dir = local_directory(home).await?;
    let shown = team::MemberRequestView::of(&parsed);
    let lang = home.lang;
    crate::cli::stderr_line(&format!(
        "{}\n{}",
        screens::member_request_from(lang, &shown.member.label, &shown.entry),
        screens::fingerprint(lang, &shown.member.fingerprint)
    ));
    let (armoured, mut cosigned) = team::cosign(&identity, &dir, parsed, my_label)?;
    if !yes {
        match prompt::confirm(&mut prompt::Console, lang, &screens::team_cosign_confirm(lang))? {
            Confirmation::Yes => {}
            Confirmation::No => anyhow::bail!(
                "not co-signed: the fingerprint was not confirmed; nothing was written"
            ),
            Confirmation::NoTerminal => anyhow::bail!(
                "cannot confirm the new member's fingerprint {} without a terminal; nothing was written: compare it with the one on the new member's screen, then run again with --yes",
                shown.member.fingerprint
            ),
        }
    }
    let out = out.unwrap_or_else(|| default_out(request));
    crate::home::write_new(&out, armoured.as_bytes())?;
    cosigned.file = out.display().to_string();
    Report::of(&cosigned, lang)
}
