//! `poc init`: a new PoC identity from an invitation, and its enrolment request.

use crate::cli::args::InitArgs;
use crate::cli::output::{Output, Report};
use crate::cli::passphrase_prompt::TerminalDialogue;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::invite::Invite;
use crate::ops::enrol::{self, Initialised};
use crate::passphrase::Policy;

impl Output for Initialised {
    const COMMAND: &'static str = "init";

    fn text(&self, lang: Lang) -> String {
        format!(
            "{}\n{}\n{}\n\n{}\n",
            screens::initialised(lang, &self.id, &self.home),
            screens::fingerprint(lang, &self.fingerprint),
            screens::enrolment_request(lang, &self.request),
            screens::initialised_next(lang)
        )
    }
}

/// Runs `poc init`.
pub fn run(home: &Session, args: InitArgs) -> anyhow::Result<Report> {
    let invite = Invite::load(&args.invite)?;
    if let Some(id) = &args.id {
        if *id != invite.id {
            anyhow::bail!("the invitation is for {}, not {id}", invite.id);
        }
    }
    let pass = TerminalDialogue::new(home.lang, &invite.id.to_string(), home.root())
        .new_passphrase(Policy::Length, &[])?;
    let created = enrol::create(
        home,
        &invite.id,
        Some(invite.custodian_key),
        Some(invite.relay.clone()),
        &crate::cli::session::profile(args.profile),
        &pass,
        home.clock.now(),
    )?;
    let out = args
        .out
        .unwrap_or_else(|| home.path("enrolment-request.txt"));
    crate::home::write_new(&out, created.request.as_bytes())?;
    Report::of(
        &Initialised {
            id: invite.id.to_string(),
            home: home.root().display().to_string(),
            fingerprint: poc_keys::FingerprintText(created.key.fingerprint()).to_string(),
            request: out.display().to_string(),
        },
        home.lang,
    )
}
