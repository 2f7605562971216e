//! One handler per command: unlock, act through [`crate::ops`], build a [`Report`].

use std::io::{BufRead, IsTerminal, Write};

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
        Command::Custodian(cmd) => custodian_cmd(home, cmd).await,
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

async fn custodian_cmd(home: &Session, cmd: CustodianCommand) -> anyhow::Result<Report> {
    match cmd {
        CustodianCommand::Init { id, profile: p } => {
            let pass = passphrase::new()?;
            let created = custodian::init(home, &id, &profile(p), &pass, home.clock.now())?;
            let key = created.key.signing_public().to_string();
            let fingerprint = poc_keys::FingerprintText(created.key.fingerprint()).to_string();
            Ok(Report {
                text: format!(
                    "custodian identity {id} created in {home}\ncustodian key: {key}\nfingerprint:   {fingerprint}\nwritten to {pubfile}\n\nnext: poc-relay init --data-dir DIR --listen ADDR --custodian-key {key}\n      then: poc custodian relay ADDR --pin PIN\n",
                    home = home.root().display(),
                    pubfile = home.path("custodian.pub").display()
                ),
                json: json!({ "id": id.to_string(), "custodian_key": key, "fingerprint": fingerprint }),
            })
        }
        CustodianCommand::Relay { address, pin } => {
            let relay = custodian::set_relay(home, &address, &pin)?;
            Ok(Report {
                text: format!("relay set to {} (pin {})\n", relay.address, relay.tls_pin),
                json: json!({ "address": relay.address, "tls_pin": relay.tls_pin }),
            })
        }
        CustodianCommand::Show => {
            let config = home.config()?;
            let entries = custodian::entries(home)?;
            let fingerprint =
                poc_keys::FingerprintText(poc_keys::fingerprint(&config.custodian_key)).to_string();
            let serial =
                crate::trust::current(home, &config.custodian_key)?.map(|d| d.directory.serial);
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.body.id.to_string(),
                        e.body.org_name.clone(),
                        poc_keys::FingerprintText(poc_keys::fingerprint(&e.body.signing_key))
                            .to_string(),
                    ]
                })
                .collect();
            Ok(Report {
                text: format!(
                    "custodian key: {}\nfingerprint:   {fingerprint}\nrelay:         {}\npublished:     {}\n\n{}",
                    config.custodian_key,
                    config.relay.as_ref().map_or("(none)".into(), |r| format!("{} (pin {})", r.address, r.tls_pin)),
                    serial.map_or("never".into(), |s| format!("serial {s}")),
                    table(&["ID", "ORGANISATION", "FINGERPRINT"], &rows)
                ),
                json: json!({ "custodian_key": config.custodian_key.to_string(), "fingerprint": fingerprint, "relay": config.relay, "serial": serial, "entries": entries.iter().map(show::entry_json).collect::<Vec<_>>() }),
            })
        }
        CustodianCommand::Invite { id, out } => {
            let invite = custodian::invite(home, &id)?;
            let text = invite.to_text()?;
            if let Some(pending) = import::take_pending(home, &id)? {
                eprintln!(
                    "handing out the pending invitation imported from {} (consent {})",
                    pending.source, pending.consent_reference
                );
            }
            match out {
                Some(path) => {
                    crate::home::write_new(&path, text.as_bytes())?;
                    Ok(Report {
                        text: format!("invitation for {id} written to {}\n", path.display()),
                        json: json!({ "id": id.to_string(), "file": path.display().to_string() }),
                    })
                }
                None => Ok(Report {
                    json: json!({ "id": id.to_string(), "invite": text }),
                    text,
                }),
            }
        }
        CustodianCommand::Add { request, yes } => {
            let text = std::fs::read_to_string(&request)
                .with_context(|| format!("cannot read {}", request.display()))?;
            let entry =
                custodian::read_request(&text).with_context(|| format!("{}", request.display()))?;
            let already = custodian::check_new(home, &entry)?;
            let fingerprint =
                poc_keys::FingerprintText(poc_keys::fingerprint(&entry.body.signing_key))
                    .to_string();
            eprintln!(
                "request from {} ({})\nfingerprint: {fingerprint}",
                entry.body.id, entry.body.org_name
            );
            if !already
                && !yes
                && !confirm("Does this fingerprint match what the PoC read to you?")?
            {
                anyhow::bail!("not added: fingerprint not confirmed");
            }
            custodian::add(home, &entry)?;
            let id = entry.body.id.to_string();
            Ok(Report {
                text: if already {
                    format!("{id} is already accepted (unchanged)\n")
                } else {
                    format!("{id} accepted; it will be in the next directory (`poc custodian publish`)\n")
                },
                json: json!({ "id": id, "fingerprint": fingerprint, "already_present": already }),
            })
        }
        CustodianCommand::Requests => {
            let identity = unlock(home).await?;
            ops::online(&identity, async |client| {
                fetch_and_warn(&identity, client).await
            })
            .await?;
            let dir = ops::require_directory(&identity)?;
            let list = requests::list(&identity, &dir)?;
            let mut text = String::new();
            let mut items = Vec::new();
            for r in &list {
                let state = match (&r.decision, &r.problem) {
                    (Some(d), _) if d.approved => format!("approved {}", time(d.at)),
                    (Some(d), _) => format!("rejected {}", time(d.at)),
                    (None, Some(p)) => format!("INVALID: {p}"),
                    (None, None) => "pending".into(),
                };
                text.push_str(&format!("{}  from {}  {}\n", r.envelope, r.from, state));
                for c in &r.changes {
                    text.push_str(&format!(
                        "    {:<13} - {}\n    {:<13} + {}\n",
                        c.field, c.old, "", c.new
                    ));
                }
                items.push(json!({
                    "id": r.envelope.to_string(), "from": r.from.to_string(), "state": state,
                    "pending": r.decision.is_none() && r.problem.is_none(),
                    "rotation": r.update.rotation.is_some(),
                    "changes": r.changes.iter().map(|c| json!({ "field": c.field, "old": c.old, "new": c.new })).collect::<Vec<_>>(),
                }));
            }
            if list.is_empty() {
                text.push_str("no update requests\n");
            }
            Ok(Report {
                text,
                json: json!({ "requests": items }),
            })
        }
        CustodianCommand::Approve { id } => {
            let identity = unlock(home).await?;
            let dir = ops::require_directory(&identity)?;
            let r = requests::approve(&identity, &dir, &id)?;
            Ok(Report {
                text: format!(
                    "approved {} from {}; run `poc custodian publish` to put it in force\n",
                    r.envelope, r.from
                ),
                json: json!({ "approved": r.envelope.to_string(), "from": r.from.to_string() }),
            })
        }
        CustodianCommand::Reject { id, reason } => {
            let identity = unlock(home).await?;
            let dir = ops::require_directory(&identity)?;
            let r = requests::reject(&identity, &dir, &id, reason)?;
            Ok(Report {
                text: format!("rejected {} from {}\n", r.envelope, r.from),
                json: json!({ "rejected": r.envelope.to_string(), "from": r.from.to_string() }),
            })
        }
        CustodianCommand::Revoke { id, reason } => {
            let revocation = custodian::revoke(home, &id, &reason, home.clock.now())?;
            let fingerprint = poc_keys::FingerprintText(revocation.fingerprint).to_string();
            Ok(Report {
                text: format!(
                    "key {fingerprint} of {id} revoked; it stops working at the relay with the next `poc custodian publish`\n"
                ),
                json: json!({ "id": id.to_string(), "fingerprint": fingerprint, "reason": revocation.reason }),
            })
        }
        CustodianCommand::Review { since } => {
            let identity = unlock(home).await?;
            let review = ops::online(&identity, async |client| {
                fetch_and_warn(&identity, client).await?;
                let dir = ops::require_directory(&identity)?;
                ops::review::review(&identity, client, &dir, since).await
            })
            .await?;
            let period =
                humantime::format_duration(std::time::Duration::from_secs(since)).to_string();
            let mut text = format!(
                "review of the last {period}\n\nentries not confirmed in that time: {}\n",
                review.stale.len()
            );
            for e in &review.stale {
                text.push_str(&format!(
                    "  {}  {}  last confirmed {}\n",
                    e.body.id,
                    e.body.org_name,
                    time(e.body.updated_at)
                ));
            }
            text.push_str(&format!(
                "\nping campaigns in that time: {}\n",
                review.campaigns
            ));
            let rows: Vec<Vec<String>> = review
                .history
                .iter()
                .map(|(id, h)| {
                    vec![
                        id.to_string(),
                        h.campaigns.to_string(),
                        h.on_time.to_string(),
                        h.late.to_string(),
                        h.invalid.to_string(),
                        h.no_answer.to_string(),
                        format!("{:.0}%", h.rate() * 100.0),
                    ]
                })
                .collect();
            text.push_str(&table(
                &[
                    "POC",
                    "CAMPAIGNS",
                    "ON TIME",
                    "LATE",
                    "INVALID",
                    "NO ANSWER",
                    "RESPONSE RATE",
                ],
                &rows,
            ));
            text.push_str(&format!(
                "\nrelay: {} members, directory serial {}, {} envelopes waiting\n",
                review.relay.members, review.relay.directory_serial, review.relay.waiting
            ));
            let months: Vec<Vec<String>> = review
                .relay
                .months
                .iter()
                .map(|m| {
                    vec![
                        m.month.clone(),
                        m.high.to_string(),
                        m.medium.to_string(),
                        m.low.to_string(),
                    ]
                })
                .collect();
            text.push_str(&table(&["MONTH", "HIGH", "MEDIUM", "LOW"], &months));
            Ok(Report {
                text,
                json: json!({
                    "since_seconds": since,
                    "stale": review.stale.iter().map(|e| json!({ "id": e.body.id.to_string(), "updated_at": e.body.updated_at })).collect::<Vec<_>>(),
                    "campaigns": review.campaigns,
                    "ping_history": review.history.iter().map(|(id, h)| (id.to_string(), json!({
                        "campaigns": h.campaigns, "on_time": h.on_time, "late": h.late, "invalid": h.invalid, "no_answer": h.no_answer, "response_rate": h.rate(),
                    }))).collect::<serde_json::Map<_, _>>(),
                    "relay": review.relay,
                }),
            })
        }
        CustodianCommand::Stale { older_than } => {
            let stale = custodian::stale(home, older_than, home.clock.now())?;
            let rows: Vec<Vec<String>> = stale
                .iter()
                .map(|e| {
                    vec![
                        e.body.id.to_string(),
                        e.body.org_name.clone(),
                        time(e.body.updated_at),
                    ]
                })
                .collect();
            let mut text = table(&["ID", "ORGANISATION", "LAST CONFIRMED"], &rows);
            text.push_str(&format!(
                "{} entries not confirmed for {}\n",
                stale.len(),
                humantime::format_duration(std::time::Duration::from_secs(older_than))
            ));
            Ok(Report {
                text,
                json: json!({ "stale": stale.iter().map(|e| json!({ "id": e.body.id.to_string(), "updated_at": e.body.updated_at })).collect::<Vec<_>>() }),
            })
        }
        CustodianCommand::Import {
            file,
            source,
            consent,
        } => {
            let report = import::import(home, &file, &source, &consent, home.clock.now())?;
            let ids =
                |v: &[poc_proto::PocId]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
            Ok(Report {
                text: format!(
                    "imported {} contact(s) as pending invitations: {}\nalready present: {}\nskipped (no consent on record for {source}): {}\n",
                    report.imported.len(),
                    ids(&report.imported).join(", "),
                    ids(&report.already_present).join(", "),
                    report.skipped_states.join(", ")
                ),
                json: json!({ "imported": ids(&report.imported), "already_present": ids(&report.already_present), "skipped_states": report.skipped_states }),
            })
        }
        CustodianCommand::Invitations => {
            let pending = import::pending(home)?;
            let rows: Vec<Vec<String>> = pending
                .iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.org_name.clone(),
                        p.source.clone(),
                        p.consent_reference.clone(),
                    ]
                })
                .collect();
            Ok(Report {
                text: table(&["ID", "ORGANISATION", "SOURCE", "CONSENT"], &rows),
                json: json!({ "pending": pending.iter().map(|p| json!({ "id": p.id.to_string(), "org_name": p.org_name, "source": p.source, "consent_reference": p.consent_reference })).collect::<Vec<_>>() }),
            })
        }
        CustodianCommand::Rotate { valid_for } => {
            let (identity, passphrase) = unlock_with_passphrase(home).await?;
            let (new, published) = custodian::rotate(&identity, &passphrase, valid_for).await?;
            let key = new.signing_public().to_string();
            Ok(Report {
                text: format!(
                    "custodian key rotated to {key} ({}); directory serial {} signed by it and published; PoCs follow the signed hand-over\n",
                    poc_keys::FingerprintText(new.fingerprint()),
                    published.serial
                ),
                json: json!({ "custodian_key": key, "serial": published.serial }),
            })
        }
        CustodianCommand::Publish { valid_for } => {
            let identity = unlock(home).await?;
            let published = custodian::publish(&identity, valid_for).await?;
            Ok(Report {
                text: format!(
                    "directory serial {} published with {} entries; the relay now admits exactly these keys; {} members notified\n",
                    published.serial, published.entries, published.notified
                ),
                json: json!({ "serial": published.serial, "entries": published.entries, "notified": published.notified }),
            })
        }
    }
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
