//! Crash consistency of the relay under load, shared by `tests/tests/crash.rs` and
//! `poc-bench crash`.
//!
//! The real `poc-relay` binary runs as a child process. Several clients (poc_client's
//! [`RelayClient`] logged in with the enrolled PoCs' real keys) submit batches of envelopes
//! with unique ids to several mailboxes, while the relay is killed with SIGKILL at random
//! moments and restarted on the same data directory and port. Every envelope id the relay
//! acknowledged (a `Submitted` answer arrived) is recorded. At the end every mailbox is
//! fetched: each acknowledged envelope must be there exactly once and intact; an envelope
//! whose submit was not acknowledged may be there at most once.
//!
//! Half of the clients retry (reconnect and submit the same batch again, as `poc send`
//! does); the relay counts a batch it already had as duplicates. The others give a batch up
//! at the first failure, which leaves envelopes that may or may not have been stored.
//!
//! SIGKILL ends the process but not the kernel: data written to the page cache survives it
//! without fsync. So this checks the crash consistency of sled and of the relay's group
//! commit (nothing is acknowledged before its transaction completed and the flush ran), not
//! that the flush reaches the disk (that needs a power cut).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use poc_client::home::RelayAddress;
use poc_client::ops::Identity;
use poc_client::transport::{ClientOptions, RelayClient, RetryPolicy};
use poc_proto::{Envelope, EnvelopeId, MailboxId, Priority, ENVELOPE_VERSION};
use serde_json::json;

use crate::Network;

/// The first bytes of every envelope id of a crash run (the mailboxes also hold the
/// custodian's directory notices).
const MAGIC: [u8; 4] = *b"CRSH";
/// Enrolled PoCs, in order; the first `mailboxes` are used.
const POCS: [&str; 8] = [
    "FRA.technical",
    "MEX.technical",
    "KEN.technical",
    "JPN.technical",
    "BRA.technical",
    "DEU.technical",
    "IND.technical",
    "CAN.technical",
];

/// A small seeded generator (SplitMix64): the same seed gives the same ids, batch sizes,
/// recipients and pauses (not the same interleaving, which the scheduler decides).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 if `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// A seed from the clock, for runs without `--seed`.
pub fn clock_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    Rng::new(nanos as u64 ^ u64::from(std::process::id())).next_u64()
}

/// What to run.
#[derive(Debug, Clone)]
pub struct CrashOptions {
    /// SIGKILLs (each followed by a restart), the final one included.
    pub kills: u32,
    /// Seed of every random choice.
    pub seed: u64,
    /// Concurrent clients.
    pub clients: usize,
    /// Mailboxes (enrolled PoCs) envelopes go to; clients log in with their keys in turn.
    pub mailboxes: usize,
    /// After a restart, once a submit was acknowledged, the relay is killed after a random
    /// pause up to this long.
    pub max_pause: Duration,
    /// No kill starts later than this after the first one (the run reports how many it
    /// made); `None`: no limit.
    pub time_limit: Option<Duration>,
    /// Print a line every this many kills (0: never).
    pub progress_every: u32,
}

impl Default for CrashOptions {
    fn default() -> Self {
        CrashOptions {
            kills: 20,
            seed: clock_seed(),
            clients: 4,
            mailboxes: 3,
            max_pause: Duration::from_millis(400),
            time_limit: None,
            progress_every: 0,
        }
    }
}

/// The figures of a run.
#[derive(Debug, Clone, Default)]
pub struct CrashReport {
    /// The seed.
    pub seed: u64,
    /// SIGKILLs made (each followed by a restart).
    pub kills: u32,
    /// Clients.
    pub clients: usize,
    /// Mailboxes.
    pub mailboxes: usize,
    /// Submits answered `Submitted`.
    pub submits_acked: u64,
    /// Submits that failed (connection lost, no answer).
    pub submits_unacked: u64,
    /// Envelopes in acknowledged submits.
    pub acked: u64,
    /// Envelopes in failed submits.
    pub unacked: u64,
    /// Envelopes the relay counted as duplicates: batches submitted again after a lost answer
    /// that the relay had already stored.
    pub resubmitted_duplicates: u64,
    /// Retries the retrying clients made.
    pub retries: u64,
    /// Envelopes of this run found in the mailboxes at the end.
    pub fetched: u64,
    /// Unacknowledged envelopes found (each at most once).
    pub unacked_present: u64,
    /// Acknowledged envelopes missing at the end. Must be 0.
    pub lost: u64,
    /// Envelope ids found more than once. Must be 0.
    pub duplicates: u64,
    /// Envelopes found that were never submitted, or in the wrong mailbox, or altered.
    /// Must be 0.
    pub corrupt: u64,
    /// Refusals other than lost connections (e.g. a full mailbox), with their count. Must be
    /// empty.
    pub errors: Vec<(String, u64)>,
    /// Time from the start of the load to the end of the check.
    pub wall: Duration,
}

impl CrashReport {
    /// Nothing acknowledged was lost or duplicated, nothing was corrupted, nothing refused.
    pub fn ok(&self) -> bool {
        self.lost == 0 && self.duplicates == 0 && self.corrupt == 0 && self.errors.is_empty()
    }

    /// The figures as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "seed": self.seed,
            "kills": self.kills,
            "clients": self.clients,
            "mailboxes": self.mailboxes,
            "submits_acked": self.submits_acked,
            "submits_unacked": self.submits_unacked,
            "acked": self.acked,
            "unacked": self.unacked,
            "resubmitted_duplicates": self.resubmitted_duplicates,
            "retries": self.retries,
            "fetched": self.fetched,
            "unacked_present": self.unacked_present,
            "lost": self.lost,
            "duplicates": self.duplicates,
            "corrupt": self.corrupt,
            "errors": self.errors.iter().map(|(e, n)| json!({ "error": e, "count": n })).collect::<Vec<_>>(),
            "wall_secs": self.wall.as_secs_f64(),
            "ok": self.ok(),
        })
    }
}

impl fmt::Display for CrashReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "crash run: seed {}, {} kills, {} clients, {} mailboxes, wall time {:.1} s",
            self.seed,
            self.kills,
            self.clients,
            self.mailboxes,
            self.wall.as_secs_f64()
        )?;
        writeln!(
            f,
            "submits: {} acknowledged ({} envelopes), {} not acknowledged ({} envelopes); {} retries, {} envelopes resubmitted and counted as duplicates by the relay",
            self.submits_acked,
            self.acked,
            self.submits_unacked,
            self.unacked,
            self.retries,
            self.resubmitted_duplicates
        )?;
        writeln!(
            f,
            "fetched: {} envelopes ({} acknowledged, {} of the {} unacknowledged)",
            self.fetched,
            self.fetched - self.unacked_present,
            self.unacked_present,
            self.unacked
        )?;
        write!(
            f,
            "lost: {} (must be 0), duplicates: {} (must be 0), corrupt: {} (must be 0)",
            self.lost, self.duplicates, self.corrupt
        )?;
        for (error, count) in &self.errors {
            write!(f, "\nrefused {count} times: {error}")?;
        }
        Ok(())
    }
}

/// What the clients saw.
#[derive(Debug, Default)]
struct Ledger {
    /// Every id submitted, with its mailbox.
    attempted: HashMap<EnvelopeId, MailboxId>,
    acked: HashSet<EnvelopeId>,
    submits_acked: u64,
    submits_unacked: u64,
    resubmitted_duplicates: u64,
    errors: HashMap<String, u64>,
}

/// State shared by the clients and the killer.
#[derive(Debug, Default)]
struct Shared {
    ledger: Mutex<Ledger>,
    /// Acknowledged submits so far (read by the killer to wait for progress).
    progress: AtomicU64,
    retries: AtomicU64,
    stop: AtomicBool,
}

impl Shared {
    fn ledger(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The payload of an envelope: its id repeated to a length chosen by the id, so a fetched
/// envelope shows whether it is intact.
fn payload_of(id: &EnvelopeId) -> Vec<u8> {
    let len = 64 + usize::from(id.0[15]);
    id.0.iter().copied().cycle().take(len).collect()
}

/// Connection settings of the load clients: a killed relay never closes its connections,
/// so a short idle timeout notices it (the default would wait 30 s).
fn client_options(retrying: bool, shared: &Arc<Shared>) -> ClientOptions {
    let retry = if retrying {
        let counter = shared.clone();
        RetryPolicy::within(Duration::from_secs(30)).reporting(Arc::new(move |_| {
            counter.retries.fetch_add(1, Ordering::Relaxed);
        }))
    } else {
        RetryPolicy::none()
    };
    ClientOptions {
        retry,
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(5),
        keep_alive: Duration::from_millis(250),
        idle_timeout: Some(Duration::from_secs(1)),
    }
}

/// One load client: connects, submits batches of 1 to 8 envelopes with fresh ids to random
/// mailboxes until told to stop, reconnecting after every failure.
async fn load_client(
    index: usize,
    identity: Arc<Identity>,
    relay: RelayAddress,
    mailboxes: Arc<Vec<MailboxId>>,
    seed: u64,
    shared: Arc<Shared>,
) {
    let retrying = index.is_multiple_of(2);
    let options = client_options(retrying, &shared);
    let mut rng = Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
    let mut sequence = 0u64;
    while !shared.stop.load(Ordering::SeqCst) {
        let client = match RelayClient::connect_with(&relay, &identity.key, options.clone()).await {
            Ok(client) => client,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        while !shared.stop.load(Ordering::SeqCst) {
            let size = 1 + rng.below(8) as usize;
            let mut envelopes = Vec::with_capacity(size);
            for _ in 0..size {
                sequence += 1;
                let mut id = [0u8; 16];
                id[..4].copy_from_slice(&MAGIC);
                id[4..6].copy_from_slice(&(index as u16).to_be_bytes());
                id[6..14].copy_from_slice(&sequence.to_be_bytes());
                id[14..].copy_from_slice(&(rng.next_u64() as u16).to_be_bytes());
                let id = EnvelopeId(id);
                let to = mailboxes[rng.below(mailboxes.len() as u64) as usize];
                envelopes.push(Envelope {
                    version: ENVELOPE_VERSION,
                    id,
                    to,
                    priority: [Priority::High, Priority::Medium, Priority::Low]
                        [rng.below(3) as usize],
                    expires_at: poc_client::clock::Clock::system().now() + 86_400,
                    payload: payload_of(&id),
                });
            }
            let ids: Vec<EnvelopeId> = envelopes.iter().map(|e| e.id).collect();
            {
                let mut ledger = shared.ledger();
                for e in &envelopes {
                    ledger.attempted.insert(e.id, e.to);
                }
            }
            match client.submit(envelopes).await {
                Ok((_stored, duplicates)) => {
                    let mut ledger = shared.ledger();
                    ledger.acked.extend(ids);
                    ledger.submits_acked += 1;
                    ledger.resubmitted_duplicates += u64::from(duplicates);
                    drop(ledger);
                    shared.progress.fetch_add(1, Ordering::SeqCst);
                }
                Err(e) => {
                    let mut ledger = shared.ledger();
                    ledger.submits_unacked += 1;
                    if let poc_client::transport::TransportError::Refused(refusal) = e.last() {
                        *ledger.errors.entry(refusal.to_string()).or_default() += 1;
                    }
                    break;
                }
            }
        }
        // The connection is dead or the run is over: no need to wait for a polite close.
        drop(client);
    }
}

/// Waits until a submit is acknowledged after `seen`; fails after `limit`.
fn wait_for_progress(shared: &Shared, seen: u64, limit: Duration) -> anyhow::Result<()> {
    let deadline = Instant::now() + limit;
    while shared.progress.load(Ordering::SeqCst) <= seen {
        if Instant::now() > deadline {
            bail!("no submit was acknowledged within {limit:?} after the relay restarted");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(())
}

/// What happens between killing the relay and starting it again (the power-cut run cuts the
/// power there); called with the number of kills so far.
pub type BetweenKillAndStart<'a> = dyn FnMut(&mut Network, u32) -> anyhow::Result<()> + 'a;

/// Kills and restarts the relay `options.kills - 1` times while the clients run, each time
/// once a submit was acknowledged since the last restart and after a random pause; then
/// waits for one more acknowledged submit. Counts the kills in `kills`.
fn kill_under_load(
    net: &mut Network,
    options: &CrashOptions,
    shared: &Shared,
    kills: &mut u32,
    started: Instant,
    between: &mut BetweenKillAndStart<'_>,
) -> anyhow::Result<()> {
    let mut rng = Rng::new(options.seed);
    let first_kill = Instant::now();
    // The last kill comes after the load has stopped (see `run_on`).
    while *kills + 1 < options.kills {
        if options
            .time_limit
            .is_some_and(|limit| first_kill.elapsed() > limit)
        {
            break;
        }
        let seen = shared.progress.load(Ordering::SeqCst);
        wait_for_progress(shared, seen, Duration::from_secs(60))?;
        let pause = rng.below(options.max_pause.as_millis() as u64 + 1);
        std::thread::sleep(Duration::from_millis(pause));
        net.relay.kill();
        *kills += 1;
        between(net, *kills)?;
        net.relay.start();
        if options.progress_every > 0 && (*kills).is_multiple_of(options.progress_every) {
            let acked = shared.ledger().acked.len();
            eprintln!(
                "{kills} kills, {acked} envelopes acknowledged, {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    // Some load on the last relay process too.
    let seen = shared.progress.load(Ordering::SeqCst);
    wait_for_progress(shared, seen, Duration::from_secs(60))
}

/// Sets up a relay and `options.mailboxes` PoCs, runs the load and the kills, and checks
/// every mailbox.
pub fn run(options: &CrashOptions) -> anyhow::Result<CrashReport> {
    let mut net = prepare(options)?;
    run_on(&mut net, options)
}

/// The network of a run: a relay (quota and rate limits raised out of the way) and
/// `options.mailboxes` PoCs.
pub fn prepare(options: &CrashOptions) -> anyhow::Result<Network> {
    if options.mailboxes == 0 || options.mailboxes > POCS.len() || options.clients == 0 {
        bail!(
            "between 1 and {} mailboxes and at least one client, please",
            POCS.len()
        );
    }
    let mut net = Network::setup(&POCS[..options.mailboxes]);
    // Hundreds of kills under load can put more than the default 10 000 envelopes in one
    // mailbox, and the load runs far above one PoC's request rate; neither the quota nor the
    // rate limit is what this run is about.
    let mut config = std::fs::read_to_string(&net.relay.config)?;
    for (default, raised) in [
        (
            "mailbox_max_envelopes = 10000\n",
            "mailbox_max_envelopes = 100000000\n",
        ),
        ("requests_per_sec = 50\n", "requests_per_sec = 1000000\n"),
        ("request_burst = 200\n", "request_burst = 1000000\n"),
    ] {
        if !config.contains(default) {
            bail!(
                "the relay configuration has no default `{}` to raise",
                default.trim()
            );
        }
        config = config.replace(default, raised);
    }
    std::fs::write(&net.relay.config, config)?;
    net.relay.restart();
    Ok(net)
}

/// [`run`] on an existing network (its PoCs are the mailboxes).
pub fn run_on(net: &mut Network, options: &CrashOptions) -> anyhow::Result<CrashReport> {
    run_with(net, options, &mut |_, _| Ok(()))
}

/// [`run_on`], calling `between` after each kill, before the relay starts again.
pub fn run_with(
    net: &mut Network,
    options: &CrashOptions,
    between: &mut BetweenKillAndStart<'_>,
) -> anyhow::Result<CrashReport> {
    let identities: Vec<Arc<Identity>> = net
        .pocs
        .iter()
        .map(|(_, home)| home.unlock().map(Arc::new))
        .collect::<anyhow::Result<_>>()?;
    let relay = identities[0]
        .config
        .relay
        .clone()
        .context("the PoC has no relay configured")?;
    let mailboxes: Arc<Vec<MailboxId>> =
        Arc::new(identities.iter().map(|i| i.key.mailbox()).collect());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let shared = Arc::new(Shared::default());
    let started = Instant::now();
    let clients: Vec<_> = (0..options.clients)
        .map(|index| {
            runtime.spawn(load_client(
                index,
                identities[index % identities.len()].clone(),
                relay.clone(),
                mailboxes.clone(),
                options.seed,
                shared.clone(),
            ))
        })
        .collect();

    let mut kills = 0u32;
    let outcome = kill_under_load(net, options, &shared, &mut kills, started, between);
    shared.stop.store(true, Ordering::SeqCst);
    runtime.block_on(async {
        for client in clients {
            let _ = client.await;
        }
    });
    outcome?;
    // Everything acknowledged must also survive a kill with no load running.
    if options.kills > 0 {
        net.relay.kill();
        kills += 1;
        between(net, kills)?;
        net.relay.start();
    }

    // Fetch every mailbox.
    let mut seen: HashMap<EnvelopeId, u32> = HashMap::new();
    let mut corrupt = 0u64;
    let ledger = std::mem::take(&mut *shared.ledger());
    runtime.block_on(async {
        for identity in &identities {
            let options = ClientOptions {
                retry: RetryPolicy::within(Duration::from_secs(30)),
                ..ClientOptions::default()
            };
            let client = RelayClient::connect_with(&relay, &identity.key, options).await?;
            let (envelopes, _refused) = client.fetch_all().await?;
            client.close().await;
            for envelope in envelopes {
                if envelope.id.0[..4] != MAGIC {
                    continue; // a directory notice
                }
                *seen.entry(envelope.id).or_default() += 1;
                let intact = ledger.attempted.get(&envelope.id) == Some(&envelope.to)
                    && envelope.to == identity.key.mailbox()
                    && envelope.payload == payload_of(&envelope.id);
                if !intact {
                    corrupt += 1;
                }
            }
        }
        anyhow::Ok(())
    })?;
    let unacked: HashSet<&EnvelopeId> = ledger
        .attempted
        .keys()
        .filter(|id| !ledger.acked.contains(id))
        .collect();
    let mut errors: Vec<(String, u64)> = ledger.errors.into_iter().collect();
    errors.sort();
    Ok(CrashReport {
        seed: options.seed,
        kills,
        clients: options.clients,
        mailboxes: identities.len(),
        submits_acked: ledger.submits_acked,
        submits_unacked: ledger.submits_unacked,
        acked: ledger.acked.len() as u64,
        unacked: unacked.len() as u64,
        resubmitted_duplicates: ledger.resubmitted_duplicates,
        retries: shared.retries.load(Ordering::SeqCst),
        fetched: seen.len() as u64,
        unacked_present: seen.keys().filter(|id| unacked.contains(id)).count() as u64,
        lost: ledger
            .acked
            .iter()
            .filter(|id| !seen.contains_key(*id))
            .count() as u64,
        duplicates: seen.values().filter(|n| **n > 1).count() as u64,
        corrupt,
        errors,
        wall: started.elapsed(),
    })
}
