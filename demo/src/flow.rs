//! The demo's steps: the whole flow on loopback in a temporary directory: an embedded relay on
//! sled, the custodian, three PoCs of two States. Every step is checked; any failure stops the
//! demo with an error. Progress goes to a [`Progress`]; nothing is printed here.

use age::secrecy::SecretString;
use anyhow::{ensure, Context};
use poc_client::compose::{self, Kind};
use poc_client::home::Home;
use poc_client::invite::Invite;
use poc_client::mailbox::ReceiptCheck;
use poc_client::ops::send::{Outgoing, SendError};
use poc_client::ops::{self, custodian, enrol, inbox, send, Identity, Profile};
use poc_client::transport::{RelayClient, TransportError};
use poc_proto::{MessageKind, PocId, Priority, Tlp};

use crate::files::find_in_files;
use crate::outcome::{Outcome, Step};
use crate::progress::Progress;

struct Poc {
    id: &'static str,
    org_name: &'static str,
    email: &'static str,
    languages: &'static [&'static str],
}

const POCS: [Poc; 3] = [
    Poc {
        id: "FRA.technical",
        org_name: "CERT-FR (demo)",
        email: "cert-fr@demo.invalid",
        languages: &["fr", "en"],
    },
    Poc {
        id: "FRA.diplomatic",
        org_name: "Ministère de l'Europe et des Affaires étrangères (demo)",
        email: "cyber.mfa@demo.invalid",
        languages: &["fr"],
    },
    Poc {
        id: "MEX.technical",
        org_name: "CERT-MX (demo)",
        email: "cert-mx@demo.invalid",
        languages: &["es", "en"],
    },
];

const SUMMARY: &str = "Ransomware on port logistics systems";
const DESCRIPTION: &str = "Encrypted file servers at two container terminals since 06:10 UTC";

/// Number of steps in a run with one relay; several relays add one (a relay stopped).
const TOTAL_STEPS: usize = 12;

/// Most relays a demo runs.
pub const MAX_RELAYS: usize = 5;

/// Records the steps and reports each as it completes.
struct Steps<'a> {
    done: Vec<Step>,
    total: usize,
    progress: &'a mut dyn Progress,
}

impl Steps<'_> {
    fn ok(&mut self, text: impl Into<String>) {
        let step = Step {
            number: self.done.len() + 1,
            total: self.total,
            text: text.into(),
        };
        self.progress.step(&step);
        self.done.push(step);
    }
}

fn id(text: &str) -> anyhow::Result<PocId> {
    text.parse().map_err(anyhow::Error::from)
}

/// Runs the demo with `relays` embedded relays (1 to [`MAX_RELAYS`]; with several, the
/// directory lists them all and one is stopped to show a send that still reaches `k` of
/// them), reporting each step to `progress`; returns the steps, all passed.
pub async fn run(progress: &mut dyn Progress, relays: usize) -> anyhow::Result<Outcome> {
    ensure!(
        (1..=MAX_RELAYS).contains(&relays),
        "the demo runs 1 to {MAX_RELAYS} relays, not {relays}"
    );
    let tmp = tempfile::tempdir().context("creating a temporary directory")?;
    let root = tmp.path();
    let pass = SecretString::from(data_encoding::HEXLOWER.encode(&poc_keys::random_bytes::<16>()));
    progress.started(root);
    let total = TOTAL_STEPS + usize::from(relays > 1);
    let mut steps = Steps {
        done: Vec::new(),
        total,
        progress,
    };
    let clock = poc_client::clock::Clock::system();

    // Custodian.
    let custodian_home = Home::new(root.join("UNODA"));
    let custodian_profile = Profile {
        org_name: "UNODA (demo)".into(),
        emails: vec!["poc-directory@demo.invalid".into()],
        languages: vec!["en".into(), "fr".into()],
        ..Profile::default()
    };
    let created = custodian::init(
        &custodian_home,
        &id("UNODA.custodian")?,
        &custodian_profile,
        &pass,
        clock.now(),
    )?;
    let custodian_key = created.key.signing_public();
    steps.ok(format!(
        "custodian UNODA.custodian created; directory key fingerprint {}",
        poc_keys::FingerprintText(created.key.fingerprint())
    ));

    // Relay.
    let relay_dir = root.join("relay");
    let init = poc_relay::init::init(&relay_dir, "127.0.0.1:0".parse()?, &custodian_key)?;
    let relay = poc_relay::start(&init.config).await?;
    let address = relay.local_addr.to_string();
    let pin = poc_keys::tls_pin::pin_to_text(&relay.tls_pin);
    custodian::set_relay(&custodian_home, &address, &pin)?;
    // More relays, as other organisations would run them, listed for the first publication.
    let mut others = Vec::new();
    for n in 2..=relays {
        let dir = root.join(format!("relay-{n}"));
        let init = poc_relay::init::init(&dir, "127.0.0.1:0".parse()?, &custodian_key)?;
        let running = poc_relay::start(&init.config).await?;
        let other_address = running.local_addr.to_string();
        let other_pin = poc_keys::tls_pin::pin_to_text(&running.tls_pin);
        ops::custodian_relays::add(
            &custodian_home,
            &other_address,
            &other_pin,
            &format!("Regional organisation {n} (demo)"),
            "",
        )?;
        others.push((dir, running));
    }
    let custodian = Identity::unlock(&custodian_home, &pass)?;
    if relays == 1 {
        steps.ok(format!(
            "relay listening on {address} (QUIC, TLS pin {}...)",
            &pin[..16]
        ));
    } else {
        let (_, k) = ops::custodian_relays::for_publication(&custodian_home)?;
        steps.ok(format!(
            "{relays} relays listening, each with its own store and TLS key, first on {address}; a message counts as stored once {k} of them have it"
        ));
    }

    // Enrolment.
    let mut pocs = Vec::new();
    for poc in &POCS {
        let poc_id = id(poc.id)?;
        let invite_path = root.join(format!("invite-{}.toml", poc.id));
        poc_client::home::write_new(
            &invite_path,
            custodian::invite(&custodian_home, &poc_id, None)?
                .to_text()?
                .as_bytes(),
        )?;
        let invite = Invite::load(&invite_path)?;
        let home = Home::new(root.join(poc.id));
        let profile = Profile {
            org_name: poc.org_name.into(),
            emails: vec![poc.email.into()],
            languages: poc.languages.iter().map(|s| s.to_string()).collect(),
            ..Profile::default()
        };
        let made = enrol::create(
            &home,
            &poc_id,
            Some(invite.custodian_key),
            Some(invite.relay),
            &profile,
            &pass,
            clock.now(),
        )?;
        let entry = custodian::read_request(&made.request)?;
        ensure!(
            poc_keys::fingerprint(&entry.body.signing_key) == made.key.fingerprint(),
            "the request's fingerprint differs from the PoC's key"
        );
        custodian::add(&custodian_home, &entry)?;
        pocs.push(Identity::unlock(&home, &pass)?);
    }
    steps.ok("3 PoCs enrolled from invitations (FRA.technical, FRA.diplomatic, MEX.technical); request signatures and fingerprints checked");

    let published = custodian::publish(&custodian, 90 * 86_400).await?;
    ensure!(
        published.entries == 4,
        "expected 4 entries, got {}",
        published.entries
    );
    steps.ok(format!(
        "directory serial {} signed and published: encrypted to its 4 members, access list at the relay",
        published.serial
    ));

    for poc in &pocs {
        let client = poc.connect().await?;
        ops::sync_directory(poc, &client).await?;
        poc.disconnect(client).await;
        let dir = ops::require_directory(poc)?;
        ensure!(
            dir.directory.teams.len() == 4,
            "{} sees {} entries",
            poc.config.id,
            dir.directory.teams.len()
        );
    }
    steps.ok("each PoC synced the directory and verified it against the pinned custodian key");

    // Incident notification.
    let [fra, fra_dip, mex] = &pocs[..] else {
        anyhow::bail!("expected three PoCs");
    };
    let kind = compose::build(
        Kind::Incident,
        &[
            format!("summary={SUMMARY}"),
            format!("description={DESCRIPTION}"),
            "incident_class=malicious-code".into(),
            "indicators=198.51.100.7,bad.example".into(),
        ],
    )?;
    let outgoing = Outgoing {
        to: vec![mex.config.id.clone()],
        priority: Priority::High,
        tlp: Tlp::Amber,
        language: Some("en".into()),
        exercise: false,
        thread: None,
        ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
        kind,
        attachments: Vec::new(),
    };
    let client = fra.connect().await?;
    let fra_dir = ops::require_directory(fra)?;
    let sent = send::send(fra, &client, &fra_dir, &outgoing).await?;
    fra.disconnect(client).await;
    let notice = sent.first().context("nothing sent")?.id;
    steps.ok(format!("FRA.technical sent a HIGH incident notification {notice} to MEX.technical; relay acknowledged after flushing to disk"));

    let client = mex.connect().await?;
    let fetched = inbox::fetch(mex, &client).await?;
    mex.disconnect(client).await;
    // The notice, plus the custodian's signed announcement of directory serial 1.
    ensure!(
        fetched.new == 2,
        "MEX.technical fetched {} envelopes",
        fetched.new
    );
    let mex_dir = ops::require_directory(mex)?;
    let (_, priority, verified) = inbox::read(mex, &mex_dir, &notice.to_string())?;
    let MessageKind::IncidentNotification(n) = &verified.message.kind else {
        anyhow::bail!(
            "MEX.technical received a {} instead of an incident",
            verified.message.kind.name()
        );
    };
    ensure!(
        verified.sender == fra.config.id,
        "sender is {}",
        verified.sender
    );
    ensure!(
        priority == Priority::High && n.summary.as_deref() == Some(SUMMARY),
        "content changed in transit"
    );
    steps.ok("MEX.technical decrypted the notice and verified the signature against FRA.technical's directory key");

    let client = mex.connect().await?;
    let (_, receipt) = inbox::ack(mex, &client, &mex_dir, &notice.to_string(), false).await?;
    mex.disconnect(client).await;
    let client = fra.connect().await?;
    inbox::fetch(fra, &client).await?;
    fra.disconnect(client).await;
    let items = inbox::list(fra, &fra_dir)?;
    let confirmed = items.iter().any(|item| {
        matches!(&item.receipt, Some(ReceiptCheck::Confirmed { envelope, .. }) if *envelope == notice)
            && item.verdict.as_ref().is_ok_and(|v| v.sender == mex.config.id)
    });
    ensure!(confirmed, "FRA.technical did not get a verified receipt");
    steps.ok(format!(
        "MEX.technical sent signed receipt {}; FRA.technical verified it",
        receipt.id
    ));

    // What the relay cannot see.
    let mut needles: Vec<&[u8]> = vec![SUMMARY.as_bytes(), DESCRIPTION.as_bytes(), b"198.51.100.7"];
    needles.extend(POCS.iter().map(|p| p.email.as_bytes()));
    needles.extend(POCS.iter().map(|p| p.org_name.as_bytes()));
    let mut leaks = find_in_files(&relay_dir, &needles)?;
    for (dir, _) in &others {
        leaks.extend(find_in_files(dir, &needles)?);
    }
    ensure!(
        leaks.is_empty(),
        "plaintext found in the relay's files: {leaks:?}"
    );
    steps.ok("no message text, e-mail address or organisation name in any file of any relay's data directory");

    // Refusals.
    let outsider_home = Home::new(root.join("outsider"));
    let outsider = enrol::create(
        &outsider_home,
        &id("XXX.technical")?,
        Some(custodian_key),
        custodian.config.relay.clone(),
        &Profile {
            org_name: "not enrolled".into(),
            ..Profile::default()
        },
        &pass,
        clock.now(),
    )?;
    match RelayClient::connect(custodian.relay()?, &outsider.key).await {
        Err(TransportError::Refused(e)) if e.code == poc_proto::ErrorCode::AuthFailed => {}
        Err(other) => anyhow::bail!("outsider refused for the wrong reason: {other}"),
        Ok(_) => anyhow::bail!("a key outside the directory was admitted"),
    }
    let mut unknown = outgoing.clone();
    unknown.to = vec![id("USA.technical")?];
    let client = fra.connect().await?;
    let refused = send::send(fra, &client, &fra_dir, &unknown).await;
    fra.disconnect(client).await;
    ensure!(
        refused
            .as_ref()
            .is_err_and(|e| e.downcast_ref::<SendError>().is_some()),
        "an unknown recipient was not refused"
    );
    steps.ok(
        "a key outside the directory cannot log in; an unknown recipient is refused before sending",
    );

    // One relay of several gone: the send still reaches k of them, and arrives once.
    if let Some((_, stopped)) = others.pop() {
        stopped.stop().await?;
        let note = Outgoing {
            to: vec![mex.config.id.clone()],
            priority: Priority::Medium,
            kind: compose::build(
                Kind::Text,
                &["subject=Status".into(), "text=Terminals back online".into()],
            )?,
            ..outgoing.clone()
        };
        let client = fra.connect().await?;
        let sent = send::send(fra, &client, &fra_dir, &note).await?;
        fra.disconnect(client).await;
        let missed = fra.unreached.list();
        ensure!(missed.len() == 1, "FRA.technical did not reach {missed:?}");
        let client = mex.connect().await?;
        let fetched = inbox::fetch(mex, &client).await?;
        mex.disconnect(client).await;
        let note_id = sent.first().context("nothing sent")?.id;
        ensure!(
            fetched.new_ids == vec![note_id],
            "MEX.technical fetched {:?}, once each, instead of the one message",
            fetched.new_ids
        );
        steps.ok(format!(
            "relay {} stopped: FRA.technical's message was still stored by {} relays, the one not reached was named, and MEX.technical received it once from the others",
            missed.join(", "),
            relays - 1
        ));
    }

    // Durability across a restart.
    let text = compose::build(
        Kind::Text,
        &[
            "subject=Liaison".into(),
            "text=Diplomatic follow-up requested".into(),
        ],
    )?;
    let follow_up = Outgoing {
        to: vec![mex.config.id.clone()],
        priority: Priority::Medium,
        kind: text,
        ..outgoing.clone()
    };
    let client = fra_dip.connect().await?;
    let dip_dir = ops::require_directory(fra_dip)?;
    let sent = send::send(fra_dip, &client, &dip_dir, &follow_up).await?;
    fra_dip.disconnect(client).await;
    let mut config = init.config.clone();
    config.listen = relay.local_addr;
    relay.stop().await?;
    let relay = poc_relay::start(&config).await?;
    let client = mex.connect().await?;
    let fetched = inbox::fetch(mex, &client).await?;
    mex.disconnect(client).await;
    ensure!(
        fetched.new == 1,
        "after restart MEX.technical fetched {} envelopes",
        fetched.new
    );
    let follow_id = sent.first().context("nothing sent")?.id;
    inbox::read(mex, &mex_dir, &follow_id.to_string())?;
    steps.ok(
        "relay stopped and restarted: the acknowledged message from FRA.diplomatic was still there",
    );

    relay.stop().await?;
    for (_, other) in others {
        other.stop().await?;
    }
    steps.ok(if relays == 1 {
        "relay stopped cleanly"
    } else {
        "relays stopped cleanly"
    });
    ensure!(
        steps.done.len() == total,
        "{} steps ran instead of {total}",
        steps.done.len()
    );
    Ok(Outcome {
        checks_passed: steps.done.len(),
        checks_total: total,
        steps: steps.done,
    })
}
