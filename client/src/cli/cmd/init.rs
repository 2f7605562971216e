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
        match &self.member {
            Some(label) => format!(
                "{}\n{}\n{}\n\n{}\n",
                screens::initialised_member(lang, label, &self.id, &self.home),
                screens::fingerprint(lang, &self.fingerprint),
                screens::member_request_written(lang, &self.request),
                screens::initialised_member_next(lang, &self.id)
            ),
            None => format!(
                "{}\n{}\n{}\n\n{}\n",
                screens::initialised(lang, &self.id, &self.home),
                screens::fingerprint(lang, &self.fingerprint),
                screens::enrolment_request(lang, &self.request),
                screens::initialised_next(lang)
            ),
        }
    }
}

/// Shows the custodian fingerprint of `invite` and has the person confirm it as the custodian
/// read it over the phone (`yes`: confirmed beforehand, for scripts). Nothing is created
/// before.
fn confirm_custodian(home: &Session, invite: &Invite, yes: bool) -> anyhow::Result<()> {
    let lang = home.lang;
    let id = invite.id.to_string();
    crate::cli::stderr_line(&screens::init_custodian_fingerprint(
        lang,
        &id,
        &invite.custodian_fingerprint,
    ));
    if yes {
        return Ok(());
    }
    crate::cli::stderr_line(&screens::init_compare(lang));
    use crate::cli::prompt::{self, Confirmation};
    match prompt::confirm(&mut prompt::Console, lang, &screens::init_confirm(lang))? {
        Confirmation::Yes => Ok(()),
        Confirmation::No => anyhow::bail!("the custodian fingerprint was not confirmed; nothing was created: ask the custodian for a new invitation"),
        Confirmation::NoTerminal => anyhow::bail!(
            "cannot confirm the custodian fingerprint {} without a terminal; nothing was created: compare it with the one the custodian reads to you over the phone, then run again with --yes",
            invite.custodian_fingerprint
        ),
    }
}

/// `poc init` from a member invitation: the keys of a new member of an existing PoC, and
/// its member request.
fn init_member(
    home: &Session,
    invite: &Invite,
    label: &str,
    out: Option<std::path::PathBuf>,
    yes: bool,
) -> anyhow::Result<Report> {
    if home.has_identity() {
        anyhow::bail!(
            "{} already holds an identity; use another --home",
            home.root().display()
        );
    }
    confirm_custodian(home, invite, yes)?;
    let pass = TerminalDialogue::new(home.lang, &invite.id.to_string(), home.root())
        .new_passphrase(Policy::Length, &[])?;
    let (key, request) = enrol::create_member(
        home,
        &invite.id,
        label,
        invite.custodian_key,
        invite.relay.clone(),
        &pass,
        home.clock.now(),
    )?;
    let out = out.unwrap_or_else(|| home.path("member-request.txt"));
    crate::home::write_new(&out, request.as_bytes())?;
    Report::of(
        &Initialised {
            id: invite.id.to_string(),
            member: Some(label.to_owned()),
            home: home.root().display().to_string(),
            fingerprint: poc_keys::FingerprintText(key.fingerprint()).to_string(),
            request: out.display().to_string(),
        },
        home.lang,
    )
}

/// Runs `poc init`.
pub fn run(home: &Session, args: InitArgs) -> anyhow::Result<Report> {
    let invite = Invite::load(&args.invite)?;
    if let Some(id) = &args.id {
        if *id != invite.id {
            anyhow::bail!("the invitation is for {}, not {id}", invite.id);
        }
    }
    if let Some(label) = &invite.member {
        return init_member(home, &invite, label, args.out, args.yes);
    }
    let profile = crate::cli::session::profile(args.profile);
    enrol::check_new(home, &profile)?;
    confirm_custodian(home, &invite, args.yes)?;
    let pass = TerminalDialogue::new(home.lang, &invite.id.to_string(), home.root())
        .new_passphrase(Policy::Length, &[])?;
    let created = enrol::create(
        home,
        &invite.id,
        Some(invite.custodian_key),
        Some(invite.relay.clone()),
        &profile,
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
            member: None,
            home: home.root().display().to_string(),
            fingerprint: poc_keys::FingerprintText(created.key.fingerprint()).to_string(),
            request: out.display().to_string(),
        },
        home.lang,
    )
}
