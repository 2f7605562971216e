//! `poc custodian invite`: the invitation for a new PoC.

use std::path::Path;

use poc_proto::PocId;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, Invited};

impl Output for Invited {
    const COMMAND: &'static str = "custodian invite";

    fn text(&self, lang: Lang) -> String {
        match (&self.file, &self.member) {
            (Some(file), Some(label)) => {
                screens::custodian_member_invitation_written(lang, label, &self.id, file) + "\n"
            }
            (Some(file), None) => {
                screens::custodian_invitation_written(lang, &self.id, file) + "\n"
            }
            (None, _) => self.invite.clone(),
        }
    }
}

/// Runs `poc custodian invite ID [--member LABEL] [--out FILE]`.
pub fn run(
    home: &Session,
    id: &PocId,
    member: Option<&str>,
    out: Option<&Path>,
) -> anyhow::Result<Report> {
    let invited = custodian::hand_out_invite(home, id, member, out)?;
    if let Some(pending) = &invited.pending {
        let line =
            screens::pending_invitation(home.lang, &pending.source, &pending.consent_reference);
        crate::cli::stderr_line(&line);
    }
    Report::of(&invited, home.lang)
}
