//! One handler per command: unlock, act through [`crate::ops`], build a [`Report`].

use anyhow::Context;
use serde_json::json;

use super::args::{
    Command, CustodianCommand, DirectoryCommand, ExerciseCommand, InitArgs, KeysCommand,
    PingCommand, ProfileArgs, ReportFormat, UpdateArgs,
};
use super::show;
use super::Report;
use crate::clock::Clock;
use crate::error::ErrorKind;
use crate::home::Home;
use crate::i18n::Lang;
use crate::invite::Invite;
use crate::mailbox::LookupError;
use crate::ops::{
    self, custodian, directory, enrol, import, inbox, keys, requests, Identity, Profile,
};
use crate::render::{self, table, time};
use crate::transport::{ClientOptions, RelayClient};
use crate::trust::{hex, Accepted, TrustedDirectory};
use crate::{compose, passphrase};

/// What every command runs with: the home, the clock, and the connection settings (the
/// retry budget comes from `--retry-for`). It reads as the home it wraps.
#[derive(Debug)]
pub struct Session {
    /// The home directory.
    pub home: Home,
    /// The time commands read.
    pub clock: Clock,
    /// How identities connect to the relay.
    pub options: ClientOptions,
}

impl std::ops::Deref for Session {
    type Target = Home;

    fn deref(&self) -> &Home {
        &self.home
    }
}

/// Runs one command, then warns if the directory in force has expired.
pub async fn run(home: &Session, command: Command, json_output: bool) -> anyhow::Result<Report> {
    let result = match command {
        Command::Init(args) => super::cmd::init::run(home, args),
        Command::Whoami => Report::of(&ops::whoami::whoami(home)?),
        Command::Directory(cmd) => directory_cmd(home, cmd).await,
        Command::Send(args) => super::cmd::send::run(home, args).await,
        Command::Inbox {
            offline,
            watch,
            on_high,
            auto_ack_pings,
        } => {
            super::cmd::inbox::run(home, offline, watch, on_high, auto_ack_pings, json_output).await
        }
        Command::Ping(cmd) => super::cmd::ping::run(home, cmd, json_output).await,
        Command::Exercise(cmd) => super::cmd::exercise::run(home, cmd).await,
        Command::Read {
            id,
            lang,
            save_attachments,
        } => super::cmd::read::run(home, &id, lang, save_attachments).await,
        Command::Reply {
            id,
            status,
            text,
            priority,
            tlp,
        } => super::cmd::reply::run(home, &id, &status, text, priority, tlp).await,
        Command::Thread { id, lang } => super::cmd::thread::run(home, &id, lang).await,
        Command::Forward {
            id,
            age_recipient,
            out,
        } => super::cmd::forward::run(home, &id, &age_recipient, &out).await,
        Command::Export { id, format: _ } => super::cmd::export::run(home, &id).await,
        Command::Compose { kind, out } => super::cmd::compose::run(kind, out),
        Command::Ack { id } => super::cmd::ack::run(home, &id).await,
        Command::Update(args) => super::cmd::update::run(home, args).await,
        Command::Keys(KeysCommand::Rotate) => super::cmd::keys::rotate::run(home).await,
        Command::Custodian(cmd) => super::cmd::custodian::run(home, cmd).await,
        Command::Demo => return Err(super::demo_moved::DemoMoved.into()),
    };
    if let Some(directory) = home.config().ok().and_then(|config| {
        crate::trust::current(home, &config.custodian_key)
            .ok()
            .flatten()
    }) {
        warn_if_expired(&directory, home.clock.now());
    }
    result
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
    home.config()?;
    let passphrase = passphrase::existing()?;
    let mut identity = Identity::unlock(home, &passphrase)?
        .with_clock(home.clock.clone())
        .with_options(home.options.clone());
    if keys::promote_if_published(&mut identity, &passphrase).await? {
        eprintln!(
            "switched to the new key {} (published by the custodian); the old key is retired",
            poc_keys::FingerprintText(identity.key.fingerprint())
        );
    }
    Ok((identity, passphrase))
}

/// Warns on stderr when the directory in force has expired at `now` (it can still be read).
fn warn_if_expired(directory: &TrustedDirectory, now: u64) {
    if directory.is_expired(now) {
        eprintln!(
            "WARNING: the directory (serial {}) expired at {}; contact details may be out of date. Ask the custodian to publish a new one.",
            directory.directory.serial,
            time(directory.directory.expires_at)
        );
    }
}

async fn directory_cmd(home: &Session, cmd: DirectoryCommand) -> anyhow::Result<Report> {
    use super::cmd::directory;
    match cmd {
        DirectoryCommand::Sync => directory::sync::run(home).await,
        DirectoryCommand::List { org, role, lang } => {
            directory::list::run(home, org, role, lang).await
        }
        DirectoryCommand::Show { id } => directory::show::run(home, &id).await,
        DirectoryCommand::Verify => directory::verify::run(home).await,
    }
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
            eprintln!("warning: could not refresh the directory from the relay: {e:#}");
        }
    }
    crate::trust::current(home, &config.custodian_key)?
        .context("no directory yet: run `poc directory sync`")
}

/// First 12 hex characters of an envelope id (enough to name it in `poc read`).
pub(crate) fn short(id: &poc_proto::EnvelopeId) -> String {
    id.to_string()[..12].to_owned()
}

/// The reader's language: `--lang`, else the first UN language of this PoC's entry, else English.
pub(crate) fn reader_lang(
    identity: &Identity,
    dir: &TrustedDirectory,
    explicit: Option<&str>,
) -> anyhow::Result<Lang> {
    if let Some(tag) = explicit {
        return Lang::from_tag(tag).with_context(|| {
            format!("`{tag}` is not one of the six UN languages: use ar, zh, en, fr, ru or es")
        });
    }
    Ok(dir
        .entry(&identity.config.id)
        .and_then(|e| e.body.languages.iter().find_map(|l| Lang::from_tag(l)))
        .unwrap_or(Lang::En))
}

/// Fetches waiting envelopes into the local inbox, printing the fetch's warning on stderr.
async fn fetch_and_warn(
    identity: &Identity,
    client: &RelayClient<'_>,
) -> anyhow::Result<inbox::Fetched> {
    let fetched = inbox::fetch(identity, client).await?;
    if let Some(warning) = fetched.warning() {
        eprintln!("warning: {warning}");
    }
    Ok(fetched)
}

/// Fetches first if `id` is not in the local inbox yet.
pub(crate) async fn ensure_local(identity: &Identity, id: &str) -> anyhow::Result<()> {
    let mailbox = crate::mailbox::Mailbox::new(&identity.home);
    if matches!(mailbox.resolve(id), Err(e) if ErrorKind::of(&e) == ErrorKind::NotFound) {
        ops::online(identity, async |client| {
            fetch_and_warn(identity, client).await
        })
        .await?;
    }
    Ok(())
}

/// A file name from a sender, safe to create in a folder: one name component, no control or
/// direction-formatting characters (which could disguise `exe` as `pdf`), never `.` or `..`.
fn safe_file_name(name: &str) -> String {
    let invisible =
        |c: char| matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF);
    let name: String = name
        .chars()
        .filter(|c| !invisible(*c))
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if name.is_empty() || name == "." || name == ".." {
        "attachment".to_owned()
    } else {
        name
    }
}

pub(crate) fn save_attachments(
    dir: &std::path::Path,
    message: &poc_proto::Message,
) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut saved = Vec::new();
    for a in &message.attachments {
        let name = safe_file_name(&a.name);
        // Never overwrite: a second file of the same name gets a numbered name.
        let mut path = dir.join(&name);
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = dir.join(format!("{n}-{name}"));
        }
        crate::home::write_new(&path, &a.data)?;
        saved.push(path.display().to_string());
    }
    Ok(saved)
}

/// A progress bar on stderr for long sends (hidden when stderr is not a terminal).
pub(super) fn progress_bar(
    what: &'static str,
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

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn attachment_names_cannot_escape_or_disguise() {
        assert_eq!(safe_file_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(safe_file_name(".."), "attachment");
        assert_eq!(safe_file_name("report\u{202E}fdp.exe"), "reportfdp.exe");
        assert_eq!(safe_file_name("a\u{2066}b\u{0007}c"), "ab_c");
    }
}
