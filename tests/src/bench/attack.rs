//! `poc-bench attack`: a member's send + fetch latency through a relay with its default
//! defences, unloaded and under two attacks, each figure next to the unloaded one of the
//! same run.
//!
//! One member seals a ~600-byte text (1 KiB bucket) for another with the client path
//! (`poc_keys::seal`) and submits it on its logged-in [`RelayClient`] connection; the other
//! fetches its mailbox on its own connection and verifies the message against the directory.
//! One round trip is timed from the start of the seal to the verified message; the message is
//! then deleted at the relay (not timed) and the next round trip starts. The same round trips
//! are measured:
//!
//! - unloaded;
//! - under a keyless flood of QUIC Initials of fresh connection attempts that never complete
//!   a handshake ([`crate::flood::Flood`], from 127.0.0.2 while the members are on 127.0.0.1);
//! - under the budget stall of a hostile State: two member keys, each on several connections,
//!   each connection announcing a largest request frame (20 MiB) and sending nothing more.
//!
//! The relay keeps its default limits except the per-key request rate (raised so that the
//! measuring members are never throttled by their own round trips) and the stall and idle
//! timeouts (raised so that the stalled frames are not reset during the measurement, the
//! attacker's best case). Both are printed with the figures.

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use poc_client::mailbox::verify;
use poc_client::transport::RelayClient;
use poc_keys::RoutingHeader;
use poc_proto::limits::MAX_FRAME_BYTES;
use poc_proto::{encode, EnvelopeId, Priority, Response};
use serde_json::json;

use super::load::{percentiles, probe_message, Latency};
use super::net::{client_options, BenchNet, Poc};
use super::{row_json, rows_table, Machine, Row};
use crate::flood::{Flood, FloodCounts};
use crate::raw::Raw;

/// Relay limits set for the attack runs; every other limit keeps its default.
pub const ATTACK_LIMITS: [(&str, &str); 4] = [
    ("requests_per_sec", "1000000"),
    ("request_burst", "1000000"),
    ("request_stall_secs", "300"),
    ("idle_timeout_secs", "300"),
];

/// Where the flooder sends from (the members use 127.0.0.1).
const FLOOD_FROM: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// The most a loaded figure may be, as a multiple of the unloaded one.
const TARGET_RATIO: f64 = 2.0;

/// Round trips made and not measured after each change of situation.
const WARM_UP: usize = 5;

/// What to run.
#[derive(Debug, Clone)]
pub struct AttackOptions {
    /// Measured round trips per situation.
    pub round_trips: usize,
    /// Initials per second of the flood.
    pub flood_per_sec: u32,
    /// Source ports of the flood.
    pub flood_ports: usize,
    /// Stalled connections of the budget stall, split evenly over the two keys.
    pub stall_connections: usize,
    /// The quiet window of each situation: the relay's CPU is read over it, before the
    /// round trips (the attack alone).
    pub quiet: Duration,
}

impl Default for AttackOptions {
    fn default() -> Self {
        AttackOptions {
            round_trips: 200,
            flood_per_sec: 2_000,
            flood_ports: 50,
            stall_connections: 16,
            quiet: Duration::from_secs(1),
        }
    }
}

/// The three situations, in run order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Situation {
    Unloaded,
    Flood,
    Stall,
}

impl Situation {
    fn key(self) -> &'static str {
        match self {
            Situation::Unloaded => "unloaded",
            Situation::Flood => "flood",
            Situation::Stall => "stall",
        }
    }
}

/// What one situation measured.
#[derive(Debug, Clone, Copy)]
struct Measured {
    latency: Latency,
    /// Relay CPU in % of one core over the quiet window before the round trips (the attack
    /// alone), none if unreadable.
    relay_cpu: Option<f64>,
}

/// Everything an attack run measured.
#[derive(Debug, Clone)]
pub struct AttackReport {
    /// The options.
    pub options: AttackOptions,
    /// The machine.
    pub machine: Machine,
    /// Unix seconds at the start.
    pub started_at: u64,
    /// Wall time of the run.
    pub wall: Duration,
    /// What the flood sent and got back.
    pub flood: FloodCounts,
    /// The figures, in table order.
    pub rows: Vec<Row>,
    /// Remarks printed under the table.
    pub notes: Vec<String>,
}

impl AttackReport {
    /// The Markdown table and the lines around it.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            self.machine.headline("poc-bench attack", self.wall)
        );
        let _ = writeln!(
            out,
            "relay: poc-relay child process on 127.0.0.1, sled, default limits except {}",
            limits_text()
        );
        let _ = writeln!(out);
        rows_table(
            &mut out,
            &self.rows,
            "Unloaded (same run)",
            "Figure / unloaded",
        );
        for note in &self.notes {
            let _ = writeln!(out, "\n{note}");
        }
        out
    }

    /// The same figures as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "scenario": "attack",
            "started_at": self.started_at,
            "wall_secs": self.wall.as_secs_f64(),
            "machine": self.machine.to_json(),
            "relay_limits": ATTACK_LIMITS
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "options": {
                "round_trips": self.options.round_trips,
                "flood_per_sec": self.options.flood_per_sec,
                "flood_ports": self.options.flood_ports,
                "stall_connections": self.options.stall_connections,
                "quiet_secs": self.options.quiet.as_secs_f64(),
            },
            "flood": {
                "initials": self.flood.initials,
                "answers": self.flood.answers,
                "retries": self.flood.retries,
            },
            "rows": self.rows.iter().map(row_json).collect::<Vec<_>>(),
            "notes": self.notes,
        })
    }
}

fn limits_text() -> String {
    ATTACK_LIMITS
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The two measuring members, each on its own logged-in connection.
struct Members<'a> {
    net: &'a BenchNet,
    sender: Poc,
    recipient: Poc,
    sending: RelayClient<'static>,
    fetching: RelayClient<'static>,
    sent: u64,
}

impl Members<'_> {
    /// One round trip: seal and submit, fetch and verify (timed); delete (not timed).
    async fn round_trip(&mut self) -> anyhow::Result<Duration> {
        let public = self
            .net
            .directory
            .members(&self.recipient.id)
            .first()
            .map(|m| m.public())
            .context("the recipient is not in the directory")?;
        self.sent += 1;
        let started = Instant::now();
        let body = encode(&probe_message(
            &self.sender.id,
            &self.recipient.id,
            self.sent,
        ))?;
        let header = RoutingHeader {
            id: EnvelopeId(poc_keys::random_bytes::<16>()),
            to: public.mailbox(),
            priority: Priority::High,
            expires_at: poc_client::clock::Clock::system().now() + 3600,
        };
        let id = header.id;
        let envelope = poc_keys::seal(self.sender.key, &public.encryption, header, &body)?;
        self.sending.submit(vec![envelope]).await?;
        let (envelopes, _) = self.fetching.fetch_all().await?;
        let envelope = envelopes
            .iter()
            .find(|e| e.id == id)
            .context("the message was not in the recipient's mailbox")?;
        verify(
            self.recipient.key,
            &self.recipient.id,
            &self.net.directory,
            envelope,
        )
        .context("the message did not verify")?;
        let elapsed = started.elapsed();
        let ids = envelopes.iter().map(|e| e.id).collect();
        self.fetching.delete(ids).await?;
        Ok(elapsed)
    }

    /// The relay's CPU over `quiet` with no round trips, then `WARM_UP` round trips, then
    /// `count` measured ones.
    async fn measure(
        &mut self,
        count: usize,
        quiet: Duration,
        pid: Option<u32>,
    ) -> anyhow::Result<Measured> {
        let cpu_before = pid.and_then(cpu_ticks);
        let quiet_started = Instant::now();
        tokio::time::sleep(quiet).await;
        let quiet_secs = quiet_started.elapsed().as_secs_f64().max(1e-9);
        let relay_cpu = match (cpu_before, pid.and_then(cpu_ticks), clock_ticks()) {
            (Some(before), Some(after), Some(hz)) if !quiet.is_zero() => {
                Some(after.saturating_sub(before) as f64 / hz / quiet_secs * 100.0)
            }
            _ => None,
        };
        for _ in 0..WARM_UP {
            self.round_trip().await?;
        }
        let started = Instant::now();
        let mut samples = Vec::with_capacity(count);
        for _ in 0..count {
            samples.push(self.round_trip().await?);
        }
        let elapsed = started.elapsed().as_secs_f64().max(1e-9);
        Ok(Measured {
            latency: percentiles(samples, count as f64 / elapsed),
            relay_cpu,
        })
    }
}

/// User plus system CPU time of a process, in clock ticks (`/proc/<pid>/stat`).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// Clock ticks per second (`getconf CLK_TCK`).
fn clock_ticks() -> Option<f64> {
    let output = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()?;
    let hz: f64 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .ok()?;
    (hz > 0.0).then_some(hz)
}

/// Starts the flood once its source address can be bound, and waits until a second's worth
/// of Initials has been sent and the relay answered some.
fn start_flood(
    target: SocketAddr,
    pin: [u8; 32],
    options: &AttackOptions,
) -> anyhow::Result<Flood> {
    UdpSocket::bind(SocketAddr::new(FLOOD_FROM, 0))
        .with_context(|| format!("the flood needs to send from {FLOOD_FROM}"))?;
    let flood = Flood::start(
        target,
        FLOOD_FROM,
        options.flood_ports,
        options.flood_per_sec,
        pin,
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let counts = flood.counts();
        if counts.initials >= u64::from(options.flood_per_sec) && counts.answers > 0 {
            return Ok(flood);
        }
        if Instant::now() >= deadline {
            bail!("the flood did not get going within 30 s: {counts:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Opens the stalled connections: `count` logged-in connections, alternately of `keys`,
/// each with a stream that announced a largest frame and sends nothing more. Dropping the
/// result ends the attack.
async fn stall(
    net: &BenchNet,
    keys: [&Poc; 2],
    count: usize,
) -> anyhow::Result<Vec<(Raw, quinn::SendStream, quinn::RecvStream)>> {
    let address: SocketAddr = net.address.address.parse().context("the relay's address")?;
    let pin = net.address.pin()?;
    let mut held = Vec::with_capacity(count);
    for n in 0..count {
        let key = keys[n % 2].key;
        let raw = Raw::connect_to(address, pin).await?;
        let answer = raw.try_login(key).await?;
        if matches!(answer, Response::Error(_)) {
            bail!("stalled connection {n}: the login was refused: {answer:?}");
        }
        let (mut send, recv) = raw.conn.open_bi().await?;
        send.write_all(&(MAX_FRAME_BYTES as u32).to_be_bytes())
            .await?;
        held.push((raw, send, recv));
    }
    Ok(held)
}

/// Runs the scenario; `progress` gets a line per step (stderr in the binary).
pub fn run(options: &AttackOptions, progress: &dyn Fn(&str)) -> anyhow::Result<AttackReport> {
    if options.round_trips == 0 || options.flood_per_sec == 0 || options.flood_ports == 0 {
        bail!("--round-trips, --flood-rate and --flood-ports must be positive");
    }
    let machine = Machine::probe();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(machine.cores.max(1))
        .enable_all()
        .build()?;
    let started = Instant::now();
    let started_at = poc_client::clock::Clock::system().now();
    progress("attack: starting a relay with default limits");
    let net = BenchNet::start_with_limits(&runtime, 4, &ATTACK_LIMITS)?;
    let pid = net.relay.pid();
    // Generated PoCs 0 and 1 are the two keys of one State (organisation AAA).
    let (attackers, members) = net.pocs.split_at(2);
    let [a, b] = [&attackers[0], &attackers[1]];
    let (sender, recipient) = (members[0].clone(), members[1].clone());
    let target: SocketAddr = net.address.address.parse().context("the relay's address")?;
    let pin = net.address.pin()?;

    let mut measured = Vec::new();
    let mut flood_counts = FloodCounts::default();
    runtime.block_on(async {
        let mut members = Members {
            net: &net,
            sending: RelayClient::connect_with(&net.address, sender.key, client_options()).await?,
            fetching: RelayClient::connect_with(&net.address, recipient.key, client_options())
                .await?,
            sender,
            recipient,
            sent: 0,
        };
        progress(&format!(
            "attack: unloaded, {} round trips",
            options.round_trips
        ));
        measured.push((
            Situation::Unloaded,
            members
                .measure(options.round_trips, options.quiet, pid)
                .await?,
        ));

        progress(&format!(
            "attack: flood of {} Initials/s from {} ports, {} round trips",
            options.flood_per_sec, options.flood_ports, options.round_trips
        ));
        let flood = tokio::task::block_in_place(|| start_flood(target, pin, options))?;
        let result = members
            .measure(options.round_trips, options.quiet, pid)
            .await;
        flood_counts = tokio::task::block_in_place(|| flood.stop());
        measured.push((Situation::Flood, result?));

        progress(&format!(
            "attack: budget stall, {} connections of two keys, {} round trips",
            options.stall_connections, options.round_trips
        ));
        let held = stall(&net, [a, b], options.stall_connections).await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let result = members
            .measure(options.round_trips, options.quiet, pid)
            .await;
        drop(held);
        measured.push((Situation::Stall, result?));
        members.sending.close().await;
        members.fetching.close().await;
        anyhow::Ok(())
    })?;

    let mut report = AttackReport {
        options: options.clone(),
        machine,
        started_at,
        wall: Duration::ZERO,
        flood: flood_counts,
        rows: Vec::new(),
        notes: Vec::new(),
    };
    report.rows = rows(options, &measured);
    report.notes.push(format!(
        "Round trip: a member seals a ~600-byte text (1 KiB bucket) and submits it on its logged-in connection; another member fetches its mailbox on its own connection and verifies the message; timed from the seal to the verified message, one at a time, {WARM_UP} unmeasured round trips first in each situation. Before them, the relay's CPU (utime + stime in /proc/PID/stat) is read over a window without round trips: the attack alone. The flooder and the stalled connections run on the same machine as the relay and the members."
    ));
    report.notes.push(format!(
        "Flood: {} Initials sent from {FLOOD_FROM} over the whole flood (including its first second, before the round trips), {} answers received, of them {} Retry packets.",
        flood_counts.initials, flood_counts.answers, flood_counts.retries
    ));
    report.machine.load_after = super::loadavg();
    report.wall = started.elapsed();
    drop(net);
    Ok(report)
}

/// The table rows: p50 and p99 of each situation, the loaded ones against the unloaded ones,
/// then the relay's CPU.
fn rows(options: &AttackOptions, measured: &[(Situation, Measured)]) -> Vec<Row> {
    let unloaded = measured
        .iter()
        .find(|(s, _)| *s == Situation::Unloaded)
        .map(|(_, m)| *m);
    let describe = |situation: Situation| {
        match situation {
        Situation::Unloaded => "unloaded".to_owned(),
        Situation::Flood => format!(
            "keyless flood of {} QUIC Initials/s from {} port{}",
            options.flood_per_sec,
            options.flood_ports,
            if options.flood_ports == 1 { "" } else { "s" }
        ),
        Situation::Stall => format!(
            "budget stall: {} connections of two keys of one State, each announcing a {} MiB frame and sending nothing",
            options.stall_connections,
            MAX_FRAME_BYTES >> 20
        ),
    }
    };
    let mut rows = Vec::new();
    for (situation, m) in measured {
        for (what, value, base) in [
            ("p50", m.latency.p50_ms, unloaded.map(|u| u.latency.p50_ms)),
            ("p99", m.latency.p99_ms, unloaded.map(|u| u.latency.p99_ms)),
        ] {
            let mut row = Row::new(
                format!("attack.{}.{what}", situation.key()),
                format!(
                    "send + fetch latency {what}, {} ({} round trips)",
                    describe(*situation),
                    m.latency.count
                ),
                value,
                "ms",
            );
            if let (Some(base), false) = (base, *situation == Situation::Unloaded) {
                row = row.ceiling(base, "unloaded, same run");
                let ratio = row.ratio().unwrap_or(f64::INFINITY);
                row = row.goal(
                    format!("≤ {TARGET_RATIO:.0}× unloaded"),
                    ratio <= TARGET_RATIO,
                );
            }
            rows.push(row);
        }
    }
    for (situation, m) in measured {
        if let Some(cpu) = m.relay_cpu {
            rows.push(Row::new(
                format!("attack.{}.relay_cpu", situation.key()),
                format!(
                    "relay CPU over {:.1} s without round trips, {}",
                    options.quiet.as_secs_f64(),
                    describe(*situation)
                ),
                cpu,
                "% of one core",
            ));
        }
    }
    rows
}
