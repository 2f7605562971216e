//! A ping campaign at scale: the custodian pings every PoC of a generated directory, every
//! PoC acknowledges, the custodian collects and verifies every acknowledgement and writes
//! and re-checks the proof bundle.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use poc_client::mailbox::verify;
use poc_client::ops::{inbox, ping};
use poc_client::transport::relays::Relays;
use poc_client::transport::RelayClient;
use poc_client::trust::TrustedDirectory;
use poc_keys::RoutingHeader;
use poc_proto::{EnvelopeId, Message, MessageKind, PingAck, Priority, Tlp};

use super::net::{client_options, retrying_client_options, BenchNet, Poc};

/// Wall time of each phase.
#[derive(Debug, Clone, Default)]
pub struct CampaignTimes {
    /// PoCs pinged.
    pub pocs: usize,
    /// `ping::start`: choose targets, seal one ping each, record the campaign, submit.
    pub send: Duration,
    /// Every PoC connects, fetches, verifies its ping, seals and submits a signed
    /// acknowledgement, deletes the ping (`concurrency` PoCs at a time).
    pub ack: Duration,
    /// The custodian fetches every acknowledgement into its local inbox (stored durably,
    /// then deleted at the relay): `inbox::fetch`.
    pub collect: Duration,
    /// The custodian decrypts and verifies every acknowledgement and classifies it:
    /// `ping::evaluate`, what `poc ping report` shows.
    pub report: Duration,
    /// `ping::bundle` (evaluates again, signs the campaign) and `ping::verify_bundle`
    /// (re-checks the directory and every acknowledgement offline).
    pub bundle: Duration,
    /// PoCs acknowledging at once.
    pub concurrency: usize,
}

impl CampaignTimes {
    /// Sent, acknowledged and verified: send + ack + collect + report.
    pub fn total(&self) -> Duration {
        self.send + self.ack + self.collect + self.report
    }
}

/// What a PoC does with its ping: verify it and answer with a signed, automatic PingAck.
/// Mirrors `poc_client::ops::inbox::ack` without the local inbox files.
///
/// `permit` (one of the PoCs acting at once) is released once the acknowledgement is stored
/// and the ping deleted, before the connection closes: a PoC that is done does not hold up the
/// next one while its closed connection drains.
async fn acknowledge(
    poc: &Poc,
    address: &poc_client::home::RelayAddress,
    directory: &TrustedDirectory,
    custodian: &poc_keys::PocPublic,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> anyhow::Result<()> {
    let client = RelayClient::connect_with(address, poc.key, retrying_client_options()).await?;
    let result = async {
        let (envelopes, _) = client.fetch_all().await?;
        let mut answers = Vec::new();
        let mut done = Vec::new();
        for envelope in &envelopes {
            let verified = verify(poc.key, &poc.id, directory, envelope)?;
            let MessageKind::Ping(ping) = &verified.message.kind else {
                continue;
            };
            let now = poc_client::clock::Clock::system().now();
            let message = Message {
                from: poc.id.clone(),
                to: verified.sender.clone(),
                sent_at: now,
                thread: Some(envelope.id),
                language: verified.message.language.clone(),
                tlp: Tlp::Green,
                exercise: verified.message.exercise,
                kind: MessageKind::PingAck(PingAck {
                    campaign: ping.campaign,
                    nonce: ping.nonce,
                    ping_envelope: envelope.id,
                    received_at: now,
                    automatic: true,
                }),
                attachments: Vec::new(),
            };
            let header = RoutingHeader {
                id: EnvelopeId(poc_keys::random_bytes::<16>()),
                to: custodian.mailbox(),
                priority: Priority::Low,
                expires_at: now + poc_proto::limits::DEFAULT_TTL_SECS,
            };
            answers.push(poc_keys::seal(
                poc.key,
                &custodian.encryption,
                header,
                &poc_proto::encode(&message)?,
            )?);
            done.push(envelope.id);
        }
        if answers.is_empty() {
            bail!("{} found no ping", poc.id);
        }
        client.submit(answers).await?;
        client.delete(done).await?;
        anyhow::Ok(())
    }
    .await;
    drop(permit);
    client.close().await;
    result.with_context(|| format!("{} acknowledging", poc.id))
}

/// Runs the campaign on `net` (every PoC of its directory is pinged).
pub async fn run(net: &BenchNet, concurrency: usize) -> anyhow::Result<CampaignTimes> {
    let custodian = &net.custodian;
    let directory = Arc::new(net.directory.clone());
    let mut times = CampaignTimes {
        pocs: net.pocs.len(),
        concurrency,
        ..CampaignTimes::default()
    };
    let client = Relays::connect(
        std::slice::from_ref(&net.address),
        1,
        &custodian.key,
        &client_options(),
    )
    .await?;

    let started = Instant::now();
    let campaign_started = ping::start(
        custodian,
        &client,
        &directory,
        &ping::CampaignOptions {
            all: true,
            deadline_secs: 3600,
            ..ping::CampaignOptions::default()
        },
        &mut |_, _| {},
    )
    .await?
    .campaign;
    times.send = started.elapsed();
    let campaign = ping::find(custodian, &campaign_started)?;
    if campaign.targets.len() != net.pocs.len() {
        bail!(
            "{} targets for {} PoCs",
            campaign.targets.len(),
            net.pocs.len()
        );
    }

    let started = Instant::now();
    let custodian_public = custodian.key.public();
    let permits = Arc::new(tokio::sync::Semaphore::new(concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for poc in &net.pocs {
        let (poc, address, directory, custodian_public, permits) = (
            poc.clone(),
            net.address.clone(),
            directory.clone(),
            custodian_public.clone(),
            permits.clone(),
        );
        tasks.spawn(async move {
            let permit = permits.acquire_owned().await?;
            acknowledge(&poc, &address, &directory, &custodian_public, permit).await
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.context("acknowledging task panicked")??;
    }
    times.ack = started.elapsed();

    let started = Instant::now();
    let fetched = inbox::fetch(custodian, &client).await?;
    times.collect = started.elapsed();
    if fetched.new != net.pocs.len() {
        bail!(
            "the custodian fetched {} acknowledgements for {} PoCs",
            fetched.new,
            net.pocs.len()
        );
    }

    let started = Instant::now();
    let evaluation = ping::evaluate(custodian, &directory, &campaign)?;
    times.report = started.elapsed();
    let on_time = evaluation
        .results
        .iter()
        .filter(|r| matches!(r.outcome, ping::Outcome::OnTime))
        .count();
    if on_time != net.pocs.len() {
        bail!(
            "{on_time} of {} acknowledgements verified on time",
            net.pocs.len()
        );
    }

    let started = Instant::now();
    let bundle = ping::bundle(custodian, &directory, &campaign)?;
    let check = ping::verify_bundle(&bundle, &custodian.config.custodian_key)?;
    times.bundle = started.elapsed();
    let on_time = check
        .evaluation
        .results
        .iter()
        .filter(|r| matches!(r.outcome, ping::Outcome::OnTime))
        .count();
    if !check.failures.is_empty() || on_time != net.pocs.len() {
        bail!(
            "the bundle re-check found {} failures and {on_time} on-time acknowledgements",
            check.failures.len()
        );
    }
    let _missing = client.close().await;
    Ok(times)
}
