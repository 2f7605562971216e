//! One handler per command: unlock, act through [`crate::ops`], build a [`Report`].

use anyhow::Context;
use serde_json::json;

use super::args::{
    Command, DirectoryCommand, ExerciseCommand, InitArgs, KeysCommand, PingCommand, ProfileArgs,
    ReportFormat, SendArgs, UpdateArgs,
};
use super::show;
use super::Report;
use crate::error::ErrorKind;
use crate::home::Home;
use crate::i18n::Lang;
use crate::invite::Invite;
use crate::mailbox::{LookupError, ReceiptCheck};
use crate::ops::{self, directory, enrol, inbox, keys, send, Identity, Profile};
use crate::render::{self, table, time};
use crate::trust::{hex, now, Accepted, TrustedDirectory};
use crate::{compose, passphrase};

/// Runs one command, then warns if the directory in force has expired.
pub async fn run(home: &Home, command: Command, json_output: bool) -> anyhow::Result<Report> {
    let result = match command {
        Command::Init(args) => super::cmd::init::run(home, args),
        Command::Whoami => Report::of(&ops::whoami::whoami(home)?),
        Command::Directory(cmd) => directory_cmd(home, cmd).await,
        Command::Send(args) => send_cmd(home, args).await,
        Command::Inbox {
            offline,
            watch,
            on_high,
            auto_ack_pings,
        } => inbox_cmd(home, offline, watch, on_high, auto_ack_pings, json_output).await,
        Command::Ping(cmd) => ping_cmd(home, cmd, json_output).await,
        Command::Exercise(cmd) => exercise_cmd(home, cmd).await,
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
        } => reply(home, &id, &status, text, priority, tlp).await,
        Command::Thread { id, lang } => thread_cmd(home, &id, lang).await,
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
        Command::Demo => return crate::demo::run_cli().await,
    };
    if let Some(directory) = home.config().ok().and_then(|config| {
        crate::trust::current(home, &config.custodian_key)
            .ok()
            .flatten()
    }) {
        warn_if_expired(&directory);
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
pub(crate) async fn unlock(home: &Home) -> anyhow::Result<Identity> {
    Ok(unlock_with_passphrase(home).await?.0)
}

pub(crate) async fn unlock_with_passphrase(
    home: &Home,
) -> anyhow::Result<(Identity, age::secrecy::SecretString)> {
    home.config()?;
    let passphrase = passphrase::existing()?;
    let mut identity = Identity::unlock(home, &passphrase)?;
    if keys::promote_if_published(&mut identity, &passphrase).await? {
        eprintln!(
            "switched to the new key {} (published by the custodian); the old key is retired",
            poc_keys::FingerprintText(identity.key.fingerprint())
        );
    }
    Ok((identity, passphrase))
}

/// Warns on stderr when the directory in force has expired (it can still be read).
fn warn_if_expired(directory: &TrustedDirectory) {
    if directory.is_expired(now()) {
        eprintln!(
            "WARNING: the directory (serial {}) expired at {}; contact details may be out of date. Ask the custodian to publish a new one.",
            directory.directory.serial,
            time(directory.directory.expires_at)
        );
    }
}

async fn directory_cmd(home: &Home, cmd: DirectoryCommand) -> anyhow::Result<Report> {
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
pub(crate) async fn local_directory(home: &Home) -> anyhow::Result<TrustedDirectory> {
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

fn read_attachments(
    paths: &[std::path::PathBuf],
    limit: usize,
) -> anyhow::Result<Vec<poc_proto::Attachment>> {
    let mut total = 0;
    let mut out = Vec::new();
    for path in paths {
        let data = std::fs::read(path)
            .with_context(|| format!("cannot read the attachment {}", path.display()))?;
        total += data.len();
        if total > limit {
            anyhow::bail!(
                "attachments too large: {total} bytes in all, limit {limit} (max_attachment_bytes in poc.toml); nothing was sent"
            );
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .with_context(|| format!("{} has no file name", path.display()))?;
        let media_type = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("txt") | Some("log") => "text/plain",
            Some("csv") => "text/csv",
            Some("json") => "application/json",
            Some("pdf") => "application/pdf",
            _ => "application/octet-stream",
        };
        out.push(poc_proto::Attachment {
            name,
            media_type: media_type.into(),
            data,
        });
    }
    Ok(out)
}

async fn send_cmd(home: &Home, args: SendArgs) -> anyhow::Result<Report> {
    // Everything that can be checked offline is checked before the passphrase prompt.
    let file = match &args.file {
        Some(path) => compose::MessageFile::load(path)?,
        None => compose::MessageFile::default(),
    };
    let kind = match (args.kind, &file.kind) {
        (Some(kind), _) => kind,
        (None, Some(name)) => compose::Kind::from_name(name)?,
        (None, None) => anyhow::bail!("give the message type with --type (or `type` in --file)"),
    };
    let priority = match (args.priority, &file.priority) {
        (Some(p), _) => p,
        (None, Some(p)) => p.parse().map_err(|e: String| anyhow::anyhow!(e))?,
        (None, None) => anyhow::bail!(
            "give the priority with --priority high|medium|low (or `priority` in --file)"
        ),
    };
    let tlp = match (args.tlp, &file.tlp) {
        (Some(t), _) => t,
        (None, Some(t)) => t.parse().map_err(|e: String| anyhow::anyhow!(e))?,
        (None, None) => poc_proto::Tlp::Amber,
    };
    let to = if args.to.is_empty() {
        file.to.clone().unwrap_or_default()
    } else {
        args.to.clone()
    };
    send::check_tokens(&to)?;
    let mut fields = file.field_pairs()?;
    fields.extend(args.fields.iter().cloned());
    let content = compose::build(kind, &fields)?;
    if to.is_empty() {
        return Err(send::SendError::NoRecipient.into());
    }
    let language = args.lang.clone().or(file.language.clone());
    if let Some(tag) = &language {
        if crate::i18n::Lang::from_tag(tag).is_none() {
            eprintln!("note: {tag} is not one of the six UN languages; readers see labels in their own language anyway");
        }
    }
    let attachments = read_attachments(&args.attach, home.config()?.attachment_limit())?;
    let identity = unlock(home).await?;
    // Recipients are resolved against the freshly synced directory (a new PoC may have
    // joined); an unknown one stops the send before any envelope is submitted.
    let sent = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        let outgoing = send::Outgoing {
            to: send::expand(&dir, &identity.config.id, &to)?,
            priority,
            tlp,
            language,
            exercise: args.exercise || file.exercise.unwrap_or(false),
            thread: args.thread,
            ttl_secs: args.ttl,
            kind: content,
            attachments,
        };
        send::send(&identity, client, &dir, &outgoing).await
    })
    .await?;
    let mut text = String::new();
    for s in &sent {
        text.push_str(&format!(
            "sent {} to {} (priority {}): stored by the relay\n",
            s.id, s.to, s.priority
        ));
    }
    Ok(Report {
        text,
        json: json!({ "sent": sent.iter().map(|s| json!({ "id": s.id.to_string(), "to": s.to.to_string(), "priority": s.priority.as_str() })).collect::<Vec<_>>() }),
    })
}

/// The table row and JSON object of one inbox item.
fn item_view(item: &inbox::Item) -> (Vec<String>, serde_json::Value) {
    let (from, kind, tlp, what, status) = match &item.verdict {
        Ok(v) => {
            let status = match &item.receipt {
                Some(ReceiptCheck::Confirmed {
                    envelope,
                    received_at,
                }) => {
                    format!(
                        "verified receipt: {} received {} at {}",
                        v.sender,
                        short(envelope),
                        time(*received_at)
                    )
                }
                Some(ReceiptCheck::UnknownEnvelope(e)) => {
                    format!(
                        "WARNING: receipt for {} which this PoC did not send",
                        short(e)
                    )
                }
                Some(ReceiptCheck::WrongSigner {
                    envelope,
                    addressee,
                }) => {
                    format!(
                        "WARNING: receipt for {} signed by {} but it was sent to {addressee}",
                        short(envelope),
                        v.sender
                    )
                }
                None if item.acked_at.is_some() => "verified, acknowledged".into(),
                None => "verified".into(),
            };
            let exercise = if v.message.exercise {
                "[EXERCISE] "
            } else {
                ""
            };
            (
                v.sender.to_string(),
                v.message.kind.name().to_string(),
                v.message.tlp.to_string(),
                format!("{exercise}{}", render::headline(&v.message)),
                status,
            )
        }
        Err(e) => (
            "?".into(),
            "?".into(),
            "?".into(),
            String::new(),
            format!("INVALID: {e}"),
        ),
    };
    let json = json!({
        "id": item.id.to_string(), "priority": item.priority.as_str(), "from": from, "type": kind,
        "tlp": tlp, "summary": what, "status": status, "verified": item.verdict.is_ok(),
        "fetched_at": item.fetched_at, "acked_at": item.acked_at,
        "thread": item.verdict.as_ref().ok().and_then(|v| v.message.thread).map(|t| t.to_string()),
        "receipt_for": match &item.receipt { Some(ReceiptCheck::Confirmed { envelope, .. }) => Some(envelope.to_string()), _ => None },
    });
    (
        vec![
            short(&item.id),
            item.priority.as_str().to_uppercase(),
            from,
            kind,
            tlp,
            what,
            status,
        ],
        json,
    )
}

const INBOX_HEADERS: [&str; 7] = ["ID", "PRIORITY", "FROM", "TYPE", "TLP", "SUMMARY", "STATUS"];

async fn inbox_cmd(
    home: &Home,
    offline: bool,
    watch: bool,
    on_high: Option<String>,
    auto_ack_pings: bool,
    json_output: bool,
) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    if watch {
        eprintln!("watching for new envelopes (Ctrl-C to stop)");
        let print = |item: &inbox::Item| {
            let (row, json) = item_view(item);
            let line = if json_output {
                json.to_string()
            } else {
                format!("{} {}", time(now()), row.join("  "))
            };
            super::emit(&format!("{line}\n"));
        };
        tokio::select! {
            result = ops::watch::watch(&identity, on_high.as_deref(), auto_ack_pings, print) => result?,
            _ = tokio::signal::ctrl_c() => {}
        }
        return Ok(Report::default());
    }
    let mut fetched = None;
    if !offline {
        fetched = Some(
            ops::online(&identity, async |client| {
                inbox::fetch(&identity, client).await
            })
            .await?,
        );
    }
    let dir = ops::require_directory(&identity)?;
    let (rows, items): (Vec<_>, Vec<_>) =
        inbox::list(&identity, &dir)?.iter().map(item_view).unzip();
    let mut text = String::new();
    if let Some(f) = &fetched {
        text.push_str(&format!("fetched {} new envelope(s)\n", f.new));
    }
    if rows.is_empty() {
        text.push_str("inbox empty\n");
    } else {
        text.push_str(&table(&INBOX_HEADERS, &rows));
    }
    Ok(Report {
        text,
        json: json!({ "fetched": fetched.map(|f| f.new), "items": items }),
    })
}

/// First 12 hex characters of an envelope id (enough to name it in `poc read`).
fn short(id: &poc_proto::EnvelopeId) -> String {
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

/// Fetches first if `id` is not in the local inbox yet.
pub(crate) async fn ensure_local(identity: &Identity, id: &str) -> anyhow::Result<()> {
    let mailbox = crate::mailbox::Mailbox::new(&identity.home);
    if matches!(mailbox.resolve(id), Err(e) if ErrorKind::of(&e) == ErrorKind::NotFound) {
        ops::online(identity, async |client| {
            inbox::fetch(identity, client).await
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

async fn reply(
    home: &Home,
    id: &str,
    status: &str,
    text: Option<String>,
    priority: poc_proto::Priority,
    tlp: Option<poc_proto::Tlp>,
) -> anyhow::Result<Report> {
    let status = compose::status_from(status)?;
    let identity = unlock(home).await?;
    ensure_local(&identity, id).await?;
    let sent = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        let (original, _, verified) = inbox::read(&identity, &dir, id)?;
        let outgoing = send::Outgoing {
            to: vec![verified.sender.clone()],
            priority,
            tlp: tlp.unwrap_or(verified.message.tlp),
            language: None,
            exercise: verified.message.exercise,
            thread: Some(verified.message.thread.unwrap_or(original)),
            ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
            kind: poc_proto::MessageKind::Response(poc_proto::StatusResponse { status, text }),
            attachments: Vec::new(),
        };
        send::send(&identity, client, &dir, &outgoing).await
    })
    .await?;
    let s = sent.first().context("nothing was sent")?;
    Ok(Report {
        text: format!(
            "response {} ({}) sent to {}\n",
            s.id,
            compose::status_name(status),
            s.to
        ),
        json: json!({ "sent": s.id.to_string(), "to": s.to.to_string(), "status": compose::status_name(status) }),
    })
}

async fn thread_cmd(home: &Home, id: &str, lang: Option<String>) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    ensure_local(&identity, id).await?;
    let dir = ops::require_directory(&identity)?;
    let lang = reader_lang(&identity, &dir, lang.as_deref())?;
    let (root, items) = ops::thread::thread(&identity, &dir, id)?;
    let mut text = format!("thread {root}: {} message(s)\n", items.len());
    let mut json_items = Vec::new();
    for item in &items {
        let state = match (&item.message, item.outgoing) {
            (Ok(_), true) => "sent by this PoC".to_owned(),
            (Ok(_), false) => "signature verified".to_owned(),
            (Err(e), _) => format!("INVALID: {e}"),
        };
        text.push_str(&format!(
            "\n--- {} {} ({state})\n",
            short(&item.id),
            item.from.as_ref().map_or("?".into(), ToString::to_string)
        ));
        if let Ok(m) = &item.message {
            text.push_str(&format!(
                "{}  {}  {}\n",
                time(m.sent_at),
                m.kind.name(),
                m.tlp
            ));
            for f in render::fields(m) {
                let label = crate::i18n::label(f.key, lang).unwrap_or(f.key);
                let value = match f.set {
                    Some(set) => crate::i18n::value(set, &f.value, lang)
                        .unwrap_or(&f.value)
                        .to_owned(),
                    None => f.value.clone(),
                };
                text.push_str(&format!("  {label}: {value}\n"));
            }
        }
        json_items.push(json!({
            "id": item.id.to_string(),
            "from": item.from.as_ref().map(ToString::to_string),
            "outgoing": item.outgoing,
            "verified": item.message.is_ok(),
            "state": state,
            "type": item.message.as_ref().ok().map(|m| m.kind.name()),
            "sent_at": item.message.as_ref().ok().map(|m| m.sent_at),
            "fields": item.message.as_ref().ok().map(show::fields_json),
        }));
    }
    Ok(Report {
        text,
        json: json!({ "root": root.to_string(), "messages": json_items }),
    })
}

/// A progress bar on stderr for long sends (hidden when stderr is not a terminal).
fn progress_bar(what: &'static str) -> (indicatif::ProgressBar, impl FnMut(usize, usize)) {
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

/// Exits 1: some acknowledgements in a bundle do not verify.
#[derive(Debug, thiserror::Error)]
#[error("{0} acknowledgement(s) in the bundle failed verification (listed above)")]
pub struct BundleAltered(pub usize);

async fn ping_cmd(home: &Home, cmd: PingCommand, json_output: bool) -> anyhow::Result<Report> {
    use crate::ops::ping;
    if let PingCommand::Verify {
        bundle,
        custodian_key,
        format,
    } = cmd
    {
        let key: poc_proto::PublicKeyBytes = match custodian_key {
            Some(hex) => hex.parse().map_err(|e: String| anyhow::anyhow!(e))?,
            None => {
                home.config()
                    .context("give --custodian-key, or run this in a PoC home")?
                    .custodian_key
            }
        };
        let bytes =
            std::fs::read(&bundle).with_context(|| format!("cannot read {}", bundle.display()))?;
        let check = ping::verify_bundle(&bytes, &key)?;
        let mut text = super::report::render(&check.campaign, &check.evaluation, format);
        for (i, who, reason) in &check.failures {
            text.push_str(&format!(
                "FAILED: acknowledgement #{i} (claims {who}): {reason}\n"
            ));
        }
        if check.failures.is_empty() {
            text.push_str(&format!(
                "bundle verified: {} acknowledgement(s), all signatures valid\n",
                check.evaluation.evidence.len()
            ));
            return Ok(Report {
                text,
                json: super::report::json_report(&check.campaign, &check.evaluation),
            });
        }
        if json_output {
            let mut json = super::report::json_report(&check.campaign, &check.evaluation);
            json["failures"] = json!(check
                .failures
                .iter()
                .map(|(i, who, reason)| json!({ "index": i, "claims": who, "reason": reason }))
                .collect::<Vec<_>>());
            super::emit(&format!("{json}\n"));
        } else {
            super::emit(&text);
        }
        return Err(BundleAltered(check.failures.len()).into());
    }
    let identity = unlock(home).await?;
    match cmd {
        PingCommand::Start {
            all,
            to,
            role,
            deadline,
            exercise,
            note,
        } => {
            let options = ping::CampaignOptions {
                all,
                to,
                role,
                deadline_secs: deadline,
                exercise,
                note,
            };
            let (bar, mut progress) = progress_bar("sending pings");
            let campaign = ops::online(&identity, async |client| {
                let dir = ops::require_directory(&identity)?;
                ping::start(&identity, client, &dir, &options, &mut progress).await
            })
            .await?;
            bar.finish_and_clear();
            Ok(Report {
                text: format!(
                    "campaign {} started: {} PoCs pinged, deadline {}\nfollow it with: poc ping status {}\n",
                    campaign.id_text(),
                    campaign.targets.len(),
                    time(campaign.deadline),
                    &campaign.id_text()[..8]
                ),
                json: json!({ "campaign": campaign.id_text(), "targets": campaign.targets.len(), "deadline": campaign.deadline }),
            })
        }
        PingCommand::List => {
            let list = ping::list(&identity)?;
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    vec![
                        c.id_text(),
                        time(c.created_at),
                        time(c.deadline),
                        c.targets.len().to_string(),
                        if c.exercise {
                            "exercise".into()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect();
            Ok(Report {
                text: table(&["CAMPAIGN", "STARTED", "DEADLINE", "POCS", ""], &rows),
                json: json!({ "campaigns": list.iter().map(|c| json!({ "id": c.id_text(), "created_at": c.created_at, "deadline": c.deadline, "targets": c.targets.len() })).collect::<Vec<_>>() }),
            })
        }
        PingCommand::Status { campaign } => {
            let campaign = ping::find(&identity, &campaign)?;
            ops::online(&identity, async |client| {
                inbox::fetch(&identity, client).await
            })
            .await?;
            let dir = ops::require_directory(&identity)?;
            let evaluation = ping::evaluate(&identity, &dir, &campaign)?;
            let json = super::report::json_report(&campaign, &evaluation);
            let s = &json["summary"];
            Ok(Report {
                text: format!(
                    "campaign {}: {} PoCs; on time {}, late {}, no answer {}, INVALID {}; response rate {:.0}%; deadline {}{}\n",
                    campaign.id_text(),
                    s["targets"],
                    s["on_time"],
                    s["late"],
                    s["no_answer"],
                    s["invalid"],
                    s["response_rate"].as_f64().unwrap_or(0.0) * 100.0,
                    time(campaign.deadline),
                    if now() > campaign.deadline { " (passed)" } else { "" }
                ),
                json,
            })
        }
        PingCommand::Remind { campaign } => {
            let mut campaign = ping::find(&identity, &campaign)?;
            let (bar, mut progress) = progress_bar("sending reminders");
            let reminded = ops::online(&identity, async |client| {
                inbox::fetch(&identity, client).await?;
                let dir = ops::require_directory(&identity)?;
                ping::remind(&identity, client, &dir, &mut campaign, &mut progress).await
            })
            .await?;
            bar.finish_and_clear();
            Ok(Report {
                text: format!(
                    "reminded {} PoC(s): {}\n",
                    reminded.len(),
                    reminded
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                json: json!({ "reminded": reminded.iter().map(ToString::to_string).collect::<Vec<_>>() }),
            })
        }
        PingCommand::Report {
            campaign,
            format,
            out,
            bundle,
        } => {
            let campaign = ping::find(&identity, &campaign)?;
            ops::online(&identity, async |client| {
                inbox::fetch(&identity, client).await
            })
            .await?;
            let dir = ops::require_directory(&identity)?;
            let evaluation = ping::evaluate(&identity, &dir, &campaign)?;
            let mut text = super::report::render(&campaign, &evaluation, format);
            let json = super::report::json_report(&campaign, &evaluation);
            if let Some(path) = &bundle {
                crate::home::write_new(path, &ping::bundle(&identity, &dir, &campaign)?)?;
                if format == ReportFormat::Table {
                    text.push_str(&format!(
                        "\nproof bundle written to {} (check with: poc ping verify {})\n",
                        path.display(),
                        path.display()
                    ));
                }
            }
            match out {
                Some(path) => {
                    crate::home::write_new(&path, text.as_bytes())?;
                    Ok(Report {
                        text: format!("report written to {}\n", path.display()),
                        json,
                    })
                }
                None => Ok(Report { text, json }),
            }
        }
        PingCommand::Verify { .. } => unreachable!("handled above"),
    }
}

async fn exercise_cmd(home: &Home, cmd: ExerciseCommand) -> anyhow::Result<Report> {
    use crate::ops::exercise;
    // A scenario is checked completely before the passphrase is asked.
    let scenario = match &cmd {
        ExerciseCommand::Run { scenario, .. } => Some(exercise::Scenario::load(scenario)?),
        _ => None,
    };
    let identity = unlock(home).await?;
    match cmd {
        ExerciseCommand::Run { speed, .. } => {
            let Some((scenario, kinds)) = scenario else {
                unreachable!("loaded above")
            };
            eprintln!(
                "exercise \"{}\": {} inject(s), time compressed {speed}x",
                scenario.name,
                scenario.injects.len()
            );
            // Progress goes to stderr; stdout carries only the result.
            let mut log = |s: &exercise::SentInject| {
                eprint!(
                    "{}",
                    format_args!(
                        "{} inject {} sent to {} ({}), answer expected by {}\n",
                        time(s.sent_at),
                        s.inject,
                        s.to,
                        short(&s.envelope),
                        time(s.deadline)
                    )
                );
            };
            let run = ops::online(&identity, async |client| {
                let dir = ops::require_directory(&identity)?;
                exercise::run(&identity, client, &dir, &scenario, &kinds, speed, &mut log).await
            })
            .await?;
            Ok(Report {
                text: format!(
                    "exercise {} finished sending; after-action report: poc exercise report {}\n",
                    hex(&run.id),
                    &hex(&run.id)[..8]
                ),
                json: json!({ "exercise": hex(&run.id), "sent": run.sent.len() }),
            })
        }
        ExerciseCommand::List => {
            let list = exercise::list(&identity)?;
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|e| {
                    vec![
                        hex(&e.id),
                        e.name.clone(),
                        time(e.started_at),
                        e.sent.len().to_string(),
                    ]
                })
                .collect();
            Ok(Report {
                text: table(&["EXERCISE", "NAME", "STARTED", "INJECTS SENT"], &rows),
                json: json!({ "exercises": list.iter().map(|e| json!({ "id": hex(&e.id), "name": e.name, "started_at": e.started_at })).collect::<Vec<_>>() }),
            })
        }
        ExerciseCommand::Report { id } => {
            let all = exercise::list(&identity)?;
            let wanted = id.map(|s| s.trim().to_ascii_lowercase());
            let mut matches: Vec<&exercise::Exercise> = all
                .iter()
                .filter(|e| {
                    wanted
                        .as_ref()
                        .is_none_or(|w| hex(&e.id).starts_with(w.as_str()))
                })
                .collect();
            if wanted.is_none() {
                matches.truncate(1);
            }
            let run = match matches.as_slice() {
                [one] => *one,
                [] => return Err(LookupError::NotFound("exercise".into()).into()),
                _ => return Err(LookupError::Ambiguous(wanted.unwrap_or_default()).into()),
            };
            ops::online(&identity, async |client| {
                inbox::fetch(&identity, client).await
            })
            .await?;
            let dir = ops::require_directory(&identity)?;
            let results = exercise::report(&identity, &dir, run)?;
            let rows: Vec<Vec<String>> = results
                .iter()
                .map(|r| {
                    let expected = match (r.sent.expect, &r.sent.expect_status) {
                        (exercise::Expect::Ack, _) => "ack".to_owned(),
                        (exercise::Expect::Reply, Some(s)) => format!("reply {s}"),
                        (exercise::Expect::Reply, None) => "reply".to_owned(),
                    };
                    vec![
                        r.sent.inject.to_string(),
                        r.sent.to.to_string(),
                        expected,
                        r.acked_at.map(time).unwrap_or_default(),
                        r.reply
                            .as_ref()
                            .map(|(s, at)| format!("{s} at {}", time(*at)))
                            .unwrap_or_default(),
                        r.verdict.to_owned(),
                    ]
                })
                .collect();
            let met = results.iter().filter(|r| r.verdict == "met").count();
            let mut text = format!(
                "exercise {} \"{}\", started {} (time x{})\n\n",
                hex(&run.id),
                run.name,
                time(run.started_at),
                run.speed
            );
            text.push_str(&table(
                &[
                    "INJECT",
                    "POC",
                    "EXPECTED",
                    "ACKNOWLEDGED",
                    "REPLIED",
                    "VERDICT",
                ],
                &rows,
            ));
            text.push_str(&format!("\n{met} of {} expectations met\n", results.len()));
            Ok(Report {
                text,
                json: json!({
                    "exercise": hex(&run.id), "name": run.name, "met": met,
                    "results": results.iter().map(|r| json!({
                        "inject": r.sent.inject, "to": r.sent.to.to_string(), "envelope": r.sent.envelope.to_string(),
                        "expect": r.sent.expect, "expect_status": r.sent.expect_status,
                        "acked_at": r.acked_at, "reply": r.reply.as_ref().map(|(s, at)| json!({ "status": s, "at": at })),
                        "deadline": r.sent.deadline, "verdict": r.verdict,
                    })).collect::<Vec<_>>(),
                }),
            })
        }
    }
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
