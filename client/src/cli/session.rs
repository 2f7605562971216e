//! What every command runs with ([`Session`]: the home, the clock, connection settings) and
//! the steps commands share: unlocking the identity (the passphrase prompt), the local
//! directory, fetching a message named on the command line, the reader's language, and the
//! lines those steps print on stderr (in the reader's language).

use anyhow::Context;

use crate::clock::Clock;
use crate::error::ErrorKind;
use crate::home::Home;
use crate::i18n::{screens, Lang};
use crate::ops::{self, inbox, keys, Identity, Profile};
use crate::render::time;
use crate::transport::relays::Relays;
use crate::transport::ClientOptions;
use crate::trust::TrustedDirectory;

use super::args::ProfileArgs;

/// What every command runs with: the home, the clock, the connection settings (the
/// retry budget comes from `--retry-for`) and the reader's language. It reads as the home
/// it wraps.
#[derive(Debug)]
pub struct Session {
    /// The reader's language ([`home_lang`]): what every screen and stderr line is written in
    /// (`read --lang` and `thread --lang` override it for their message).
    pub lang: Lang,
    /// The home directory.
    pub home: Home,
    /// The time commands read.
    pub clock: Clock,
    /// How identities connect to the relay.
    pub options: ClientOptions,
    /// What the identities of this run record in the outbox (reported if the run is
    /// interrupted or fails).
    pub journal: ops::outbox::Journal,
    /// The relays this run did not reach, named once at the end.
    pub unreached: ops::owed::Unreached,
}

impl std::ops::Deref for Session {
    type Target = Home;

    fn deref(&self) -> &Home {
        &self.home
    }
}

pub(crate) fn profile(args: ProfileArgs) -> Profile {
    Profile {
        org_name: args.org_name,
        emails: args.email,
        phones: args.phone,
        languages: args.lang,
        webpage: args.webpage,
        time_zone: args.time_zone,
    }
}

/// Opens the identity and, if a key rotation was pending and has been published, switches to
/// the new key.
pub(crate) async fn unlock(home: &Session) -> anyhow::Result<Identity> {
    Ok(unlock_with_passphrase(home).await?.0)
}

pub(crate) async fn unlock_with_passphrase(
    home: &Session,
) -> anyhow::Result<(Identity, age::secrecy::SecretString)> {
    let config = home.config()?;
    let mut dialogue = super::passphrase_prompt::TerminalDialogue::new(
        home.lang,
        &config.id.to_string(),
        home.root(),
    );
    let (identity, passphrase) = dialogue.existing(|pass| Identity::unlock(home, pass))?;
    let mut identity = identity
        .with_clock(home.clock.clone())
        .with_options(home.options.clone())
        .with_journal(home.journal.clone())
        .with_unreached(home.unreached.clone());
    if let Some(fingerprint) = keys::settle(&mut identity, &passphrase).await? {
        crate::cli::stderr_line(&screens::key_switched(home.lang, &fingerprint));
    }
    Ok((identity, passphrase))
}

/// Refuses, before the passphrase is asked, what cannot be an envelope id or the start of one
/// (1 to 32 hexadecimal digits, as `poc inbox` lists them).
pub(crate) fn check_envelope_prefix(id: &str) -> anyhow::Result<()> {
    let id = id.trim();
    if id.is_empty() || id.len() > 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        anyhow::bail!(
            "`{id}` is not an envelope id: give it, or its first characters, as `poc inbox` lists it (hexadecimal digits)"
        );
    }
    Ok(())
}

/// Warns on stderr, in `lang`, when the directory in force has expired at `now` (it can
/// still be read).
pub(crate) fn warn_if_expired(directory: &TrustedDirectory, now: u64, lang: Lang) {
    if directory.is_expired(now) {
        let expired = screens::directory_expired(
            lang,
            directory.directory.serial,
            &time(directory.directory.expires_at),
        );
        crate::cli::stderr_line(&expired);
    }
}

/// Warns on stderr, in the session's language, when a newer directory arrived already
/// expired while the one in force was valid (see [`crate::trust::offered_expired`]).
pub(crate) fn warn_if_offered_expired(home: &Session) {
    let Ok(config) = home.config() else {
        return;
    };
    let Some((offered, expired)) = crate::trust::offered_expired(home, &config.custodian_key)
    else {
        return;
    };
    let Ok(Some(in_force)) = crate::trust::current(home, &config.custodian_key) else {
        return;
    };
    crate::cli::stderr_line(&screens::directory_offered_expired(
        home.lang,
        offered,
        &time(expired),
        in_force.directory.serial,
    ));
}

/// How old the local copy of the directory may get before commands that read it refresh it.
const DIRECTORY_REFRESH_SECS: u64 = 3600;

/// The local directory for reading commands; refreshed from the relay first when the copy is
/// older than [`DIRECTORY_REFRESH_SECS`] (a failed refresh only warns: the copy still reads).
pub(crate) async fn local_directory(home: &Session) -> anyhow::Result<TrustedDirectory> {
    let config = home.config()?;
    let age = std::fs::metadata(home.path("directory.bin"))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map(|d| d.as_secs());
    if age.is_none_or(|secs| secs > DIRECTORY_REFRESH_SECS) {
        let refreshed = async {
            let identity = unlock(home).await?;
            ops::online(&identity, async |_| Ok(())).await
        }
        .await;
        if let Err(e) = refreshed {
            crate::cli::stderr_line(&screens::refresh_failed(home.lang, &format!("{e:#}")));
        }
    }
    crate::trust::current(home, &config.custodian_key)?
        .context("no directory yet: run `poc directory sync`")
}

/// First 12 hex characters of an envelope id (enough to name it in `poc read`).
pub(crate) fn short(id: &poc_proto::EnvelopeId) -> String {
    id.to_string()[..12].to_owned()
}

/// The reader's language of a home: the first UN language of this PoC's entry in the local
/// directory, else English (no identity, no directory yet, or no UN language in the entry).
/// Reading it needs no passphrase.
pub(crate) fn home_lang(home: &Home) -> Lang {
    ops::directory::home_lang(home)
}

/// The reader's language: `--lang` (`explicit`), else the session's ([`home_lang`]).
pub(crate) fn reader_lang(home: &Session, explicit: Option<&str>) -> anyhow::Result<Lang> {
    match explicit {
        Some(tag) => Lang::from_tag(tag).with_context(|| {
            format!("`{tag}` is not one of the six UN languages: use ar, zh, en, fr, ru or es")
        }),
        None => Ok(home.lang),
    }
}

/// Prints on stderr, in `lang`, the warning of a fetch (envelopes refused by a full mailbox).
pub(crate) fn warn_fetched(fetched: &inbox::Fetched, lang: Lang) {
    if fetched.refused_while_full > 0 {
        let full = screens::mailbox_full(lang, fetched.refused_while_full);
        crate::cli::stderr_line(&screens::warning(lang, &full));
    }
}

/// Fetches waiting envelopes into the local inbox, printing the fetch's warning on stderr in
/// `lang`.
pub(crate) async fn fetch_and_warn(
    identity: &Identity,
    client: &Relays,
    lang: Lang,
) -> anyhow::Result<inbox::Fetched> {
    let fetched = inbox::fetch(identity, client).await?;
    warn_fetched(&fetched, lang);
    Ok(fetched)
}

/// Fetches first if `id` is not in the local inbox yet.
pub(crate) async fn ensure_local(identity: &Identity, id: &str, lang: Lang) -> anyhow::Result<()> {
    let mailbox = crate::mailbox::Mailbox::new(&identity.home);
    // A message this PoC sent (or began to send) is local: its own copy is kept. New answers
    // are fetched, but an unreachable relay only warns.
    if crate::mailbox::outbox::Outbox::new(&identity.home)
        .resolve(id)
        .is_ok()
    {
        let fetched = ops::online(identity, async |client| {
            fetch_and_warn(identity, client, lang).await
        })
        .await;
        if let Err(e) = fetched {
            crate::cli::stderr_line(&screens::warning(lang, &format!("{e:#}")));
        }
        return Ok(());
    }
    if matches!(mailbox.resolve(id), Err(e) if ErrorKind::of(&e) == ErrorKind::NotFound) {
        ops::online(identity, async |client| {
            fetch_and_warn(identity, client, lang).await
        })
        .await?;
    }
    Ok(())
}

/// A progress bar on stderr for long sends (hidden when stderr is not a terminal).
pub(crate) fn progress_bar(
    what: impl Into<std::borrow::Cow<'static, str>>,
) -> (indicatif::ProgressBar, impl FnMut(usize, usize)) {
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what);
    let handle = bar.clone();
    (bar, move |done: usize, total: usize| {
        handle.set_length(total as u64);
        handle.set_position(done as u64);
    })
}
