//! `poc-bench`: throughput, latency, ping campaigns at scale, footprint and cryptography
//! rates, each relay figure next to a ceiling measured in the same run on the same machine.
//!
//! Everything runs against the real `poc-relay` binary as a child process on loopback, with a
//! sled store and its group commit (a Submit is answered only after the flush that covers
//! it). The relay's per-key limits are raised ([`net::RAISED_LIMITS`]) because the load
//! comes from a few generated identities at full speed. Identities and the custodian-signed
//! directory are generated with the library (no scrypt keystores) and published to the relay
//! by the custodian through [`poc_client::transport::RelayClient`].
//!
//! The transport ceiling is the same client harness against a bare quinn server in this
//! process ([`net::BareServer`]: the relay's TLS and transport settings, one request per
//! stream, no decoding, no authentication, no storage).

pub mod attack;
pub mod campaign;
pub mod crypto;
pub mod load;
pub mod net;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::json;

use net::{BareServer, BenchNet, Target};

/// The parts of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Raw and client-path cryptography rates.
    Crypto,
    /// Durable submit throughput.
    Submit,
    /// End-to-end latency.
    Latency,
    /// Ping campaigns.
    Campaign,
    /// Footprint of stored envelopes.
    Footprint,
}

impl Section {
    /// Every section, in run order.
    pub const ALL: [Section; 5] = [
        Section::Crypto,
        Section::Submit,
        Section::Latency,
        Section::Campaign,
        Section::Footprint,
    ];

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Section::Crypto => "crypto",
            Section::Submit => "submit",
            Section::Latency => "latency",
            Section::Campaign => "campaign",
            Section::Footprint => "footprint",
        }
    }
}

impl std::str::FromStr for Section {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Section::ALL
            .into_iter()
            .find(|section| section.name() == s)
            .ok_or_else(|| {
                format!("unknown section `{s}` (crypto, submit, latency, campaign, footprint)")
            })
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Smoke mode: every section, scaled down (labelled in the output).
    pub quick: bool,
    /// Sections to run.
    pub sections: Vec<Section>,
    /// Seconds per throughput point and per latency point.
    pub seconds: f64,
    /// Envelopes per Submit request in the throughput points.
    pub batch: usize,
    /// Concurrent clients of the throughput points.
    pub clients: Vec<usize>,
    /// Payload sizes of the throughput points.
    pub payloads: Vec<usize>,
    /// Offered loads of the latency points, messages per second.
    pub rates: Vec<f64>,
    /// PoCs of the campaigns.
    pub campaigns: Vec<usize>,
    /// Envelopes stored for the footprint.
    pub footprint_envelopes: u64,
}

impl BenchOptions {
    /// The full run the issue asks for.
    pub fn full() -> Self {
        BenchOptions {
            quick: false,
            sections: Section::ALL.to_vec(),
            seconds: 3.0,
            batch: 1,
            clients: vec![1, 8, 64],
            payloads: vec![1024, 16 * 1024],
            rates: vec![1000.0, 5000.0],
            campaigns: vec![1000, 10_000],
            footprint_envelopes: 1_000_000,
        }
    }

    /// The smoke run: the same code paths, a few seconds in a debug build.
    pub fn quick() -> Self {
        BenchOptions {
            quick: true,
            seconds: 0.2,
            clients: vec![1, 8],
            rates: vec![200.0],
            campaigns: vec![20],
            footprint_envelopes: 2_000,
            ..BenchOptions::full()
        }
    }
}

/// A target and whether the figure meets it.
#[derive(Debug, Clone)]
pub struct Goal {
    /// The target as written in the issue.
    pub text: String,
    /// Met.
    pub met: bool,
}

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Stable key (JSON).
    pub key: String,
    /// What was measured.
    pub name: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: &'static str,
    /// The ceiling measured in the same run, and what it is.
    pub ceiling: Option<(f64, String)>,
    /// The target, if the issue sets one.
    pub goal: Option<Goal>,
}

impl Row {
    fn new(
        key: impl Into<String>,
        name: impl Into<String>,
        value: f64,
        unit: &'static str,
    ) -> Self {
        Row {
            key: key.into(),
            name: name.into(),
            value,
            unit,
            ceiling: None,
            goal: None,
        }
    }

    fn ceiling(mut self, value: f64, what: impl Into<String>) -> Self {
        self.ceiling = Some((value, what.into()));
        self
    }

    fn goal(mut self, text: impl Into<String>, met: bool) -> Self {
        self.goal = Some(Goal {
            text: text.into(),
            met,
        });
        self
    }

    /// Figure divided by the ceiling.
    pub fn ratio(&self) -> Option<f64> {
        self.ceiling
            .as_ref()
            .filter(|(c, _)| *c > 0.0)
            .map(|(c, _)| self.value / c)
    }
}

/// The machine a run ran on.
#[derive(Debug, Clone)]
pub struct Machine {
    /// Cores the process may use (`nproc`).
    pub cores: usize,
    /// CPU model (`/proc/cpuinfo`).
    pub cpu: String,
    /// Memory (`/proc/meminfo`).
    pub memory_mib: u64,
    /// `/proc/loadavg` when the run started.
    pub load_before: String,
    /// `/proc/loadavg` when it ended.
    pub load_after: String,
}

fn proc_field(path: &str, field: &str) -> Option<String> {
    std::fs::read_to_string(path).ok()?.lines().find_map(|l| {
        l.strip_prefix(field)
            .map(|rest| rest.trim_start_matches([' ', '\t', ':']).trim().to_owned())
    })
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

impl Machine {
    /// The machine this process runs on, and its load average now.
    pub fn probe() -> Self {
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu: proc_field("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown".into()),
            memory_mib: proc_field("/proc/meminfo", "MemTotal")
                .and_then(|v| v.trim_end_matches("kB").trim().parse::<u64>().ok())
                .map_or(0, |kib| kib / 1024),
            load_before: loadavg(),
            load_after: String::new(),
        }
    }

    /// As JSON.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "cores": self.cores,
            "cpu": self.cpu,
            "memory_mib": self.memory_mib,
            "load_before": self.load_before,
            "load_after": self.load_after,
        })
    }

    /// The first line of a table: the machine, its load and the wall time of the run.
    fn headline(&self, title: &str, wall: Duration) -> String {
        format!(
            "{title}: {} cores ({}), {} MiB RAM; load average {} at start, {} at end; {:.0} s",
            self.cores,
            self.cpu,
            self.memory_mib,
            self.load_before,
            self.load_after,
            wall.as_secs_f64()
        )
    }
}

/// Everything a run measured.
#[derive(Debug, Clone)]
pub struct BenchReport {
    /// The options.
    pub options: BenchOptions,
    /// The machine.
    pub machine: Machine,
    /// Unix seconds at the start.
    pub started_at: u64,
    /// Wall time of the run.
    pub wall: Duration,
    /// The figures, in table order.
    pub rows: Vec<Row>,
    /// Remarks printed under the table.
    pub notes: Vec<String>,
}

fn fmt_num(v: f64) -> String {
    if v.abs() >= 100.0 {
        let s = format!("{:.0}", v);
        // Thin grouping for readability: 12 345.
        let bytes: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (i, c) in bytes.iter().enumerate() {
            if i > 0 && (bytes.len() - i).is_multiple_of(3) && bytes[i - 1] != '-' {
                out.push(' ');
            }
            out.push(*c);
        }
        out
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// The rows as a Markdown table (`ceiling` and `ratio` head the columns of the figure each
/// row is compared with and of the quotient).
fn rows_table(out: &mut String, rows: &[Row], ceiling: &str, ratio: &str) {
    let _ = writeln!(
        out,
        "| Measurement | Figure | {ceiling} | {ratio} | Target |"
    );
    let _ = writeln!(out, "|---|---:|---|---:|---|");
    for row in rows {
        let ceiling = row.ceiling.as_ref().map_or_else(
            || "".to_owned(),
            |(v, what)| format!("{} {} ({what})", fmt_num(*v), row.unit),
        );
        let ratio = row.ratio().map_or_else(String::new, |r| {
            if r < 10.0 {
                format!("{r:.2}")
            } else {
                format!("{r:.0}")
            }
        });
        let goal = row.goal.as_ref().map_or_else(String::new, |g| {
            format!("{}: {}", g.text, if g.met { "met" } else { "**MISSED**" })
        });
        let _ = writeln!(
            out,
            "| {} | {} {} | {} | {} | {} |",
            row.name,
            fmt_num(row.value),
            row.unit,
            ceiling,
            ratio,
            goal
        );
    }
}

/// One row as JSON.
fn row_json(r: &Row) -> serde_json::Value {
    json!({
        "key": r.key,
        "name": r.name,
        "value": r.value,
        "unit": r.unit,
        "ceiling": r.ceiling.as_ref().map(|(v, _)| *v),
        "ceiling_is": r.ceiling.as_ref().map(|(_, w)| w.clone()),
        "ratio": r.ratio(),
        "target": r.goal.as_ref().map(|g| g.text.clone()),
        "met": r.goal.as_ref().map(|g| g.met),
    })
}

impl BenchReport {
    /// The Markdown table and the lines around it.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let title = if self.options.quick {
            "poc-bench --quick (SMOKE RUN, scaled down: not a measurement)"
        } else {
            "poc-bench"
        };
        let _ = writeln!(out, "{}", self.machine.headline(title, self.wall));
        let _ = writeln!(
            out,
            "relay: poc-relay child process on 127.0.0.1, sled, answers Submit after its group-commit flush; raised limits: {}",
            net::RAISED_LIMITS
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(out);
        rows_table(
            &mut out,
            &self.rows,
            "Ceiling (same run)",
            "Figure / ceiling",
        );
        for note in &self.notes {
            let _ = writeln!(out, "\n{note}");
        }
        out
    }

    /// The same figures as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "quick": self.options.quick,
            "started_at": self.started_at,
            "wall_secs": self.wall.as_secs_f64(),
            "machine": self.machine.to_json(),
            "relay_raised_limits": net::RAISED_LIMITS
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "options": {
                "sections": self.options.sections.iter().map(|s| s.name()).collect::<Vec<_>>(),
                "seconds": self.options.seconds,
                "batch": self.options.batch,
                "clients": self.options.clients,
                "payloads": self.options.payloads,
                "rates": self.options.rates,
                "campaigns": self.options.campaigns,
                "footprint_envelopes": self.options.footprint_envelopes,
            },
            "rows": self.rows.iter().map(row_json).collect::<Vec<_>>(),
            "notes": self.notes,
        })
    }
}

/// Reads `VmHWM` and `VmRSS` (bytes) of a process.
fn rss_of(pid: u32) -> anyhow::Result<(u64, u64)> {
    let path = format!("/proc/{pid}/status");
    let kib = |field: &str| -> anyhow::Result<u64> {
        let value = proc_field(&path, field).with_context(|| format!("no {field} in {path}"))?;
        Ok(value.trim_end_matches("kB").trim().parse::<u64>()? * 1024)
    };
    Ok((kib("VmHWM")?, kib("VmRSS")?))
}

/// (allocated, apparent) bytes of every file under `dir`, like `du` and `du -b`.
fn disk_usage(dir: &Path) -> anyhow::Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut allocated = 0;
    let mut apparent = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            let (a, b) = disk_usage(&entry.path())?;
            allocated += a;
            apparent += b;
        } else {
            allocated += meta.blocks() * 512;
            apparent += meta.len();
        }
    }
    Ok((allocated, apparent))
}

const MIB: f64 = 1024.0 * 1024.0;

fn size_name(bytes: usize) -> String {
    if bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} B")
    }
}

/// Runs the benchmark; `progress` gets a line per step (stderr in the binary).
pub fn run(options: &BenchOptions, progress: &dyn Fn(&str)) -> anyhow::Result<BenchReport> {
    if options.batch == 0 || options.seconds <= 0.0 {
        bail!("--batch and --seconds must be positive");
    }
    let machine = Machine::probe();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(machine.cores.max(1))
        .enable_all()
        .build()?;
    let started = Instant::now();
    let mut report = BenchReport {
        options: options.clone(),
        machine,
        started_at: poc_client::clock::Clock::system().now(),
        wall: Duration::ZERO,
        rows: Vec::new(),
        notes: Vec::new(),
    };
    let period = Duration::from_secs_f64(options.seconds);
    let cores = report.machine.cores as f64;
    let mut rates: Option<crypto::CryptoRates> = None;
    let wants = |s: Section| options.sections.contains(&s);

    if wants(Section::Crypto) || wants(Section::Campaign) {
        progress("crypto: one core");
        let time = if options.quick {
            Duration::from_millis(30)
        } else {
            Duration::from_millis(700)
        };
        rates = Some(crypto::measure(time)?);
    }
    if let (true, Some(r)) = (wants(Section::Crypto), rates) {
        for (key, name, value) in [
            (
                "crypto.age_seal_1k",
                "age encrypt 1 KiB, 1 recipient",
                r.age_seal,
            ),
            ("crypto.age_open_1k", "age decrypt 1 KiB", r.age_open),
            ("crypto.ed25519_sign_1k", "ed25519 sign 1 KiB", r.sign),
            (
                "crypto.ed25519_verify_1k",
                "ed25519 verify_strict 1 KiB",
                r.verify,
            ),
            (
                "crypto.client_seal_sign",
                "client path: seal + sign one message (600 B body, 1 KiB bucket)",
                r.seal_sign,
            ),
            (
                "crypto.client_open_verify",
                "client path: open + verify one message",
                r.open_verify,
            ),
        ] {
            report.rows.push(Row::new(
                key,
                format!("{name} (µs each: {:.1})", 1e6 / value),
                value,
                "/s per core",
            ));
        }
    }

    if wants(Section::Submit) {
        let bare = runtime.block_on(async { BareServer::start() })?;
        let bare_target = Target::Bare(bare.address, bare.pin);
        for &payload in &options.payloads {
            progress(&format!(
                "submit: {} payloads, starting a relay",
                size_name(payload)
            ));
            let net = BenchNet::start(&runtime, 64)?;
            let mailboxes: Vec<_> = net.pocs.iter().map(|p| p.mailbox()).collect();
            for &clients in &options.clients {
                progress(&format!(
                    "submit: {} payloads, {clients} clients, relay then bare quinn",
                    size_name(payload)
                ));
                let relay = runtime.block_on(load::submit_load(
                    &Target::Relay(net.address.clone()),
                    &net.pocs,
                    &mailboxes,
                    clients,
                    payload,
                    options.batch,
                    period,
                    None,
                ))?;
                let ceiling = runtime.block_on(load::submit_load(
                    &bare_target,
                    &net.pocs,
                    &mailboxes,
                    clients,
                    payload,
                    options.batch,
                    period,
                    None,
                ))?;
                let mut row = Row::new(
                    format!("submit.{payload}.{clients}"),
                    format!(
                        "durable submit, {} payload, {clients} client{}, {} envelope{} per Submit",
                        size_name(payload),
                        if clients == 1 { "" } else { "s" },
                        options.batch,
                        if options.batch == 1 { "" } else { "s" }
                    ),
                    relay.per_sec(),
                    "envelopes/s",
                )
                .ceiling(ceiling.per_sec(), "bare quinn, same harness");
                if payload == 1024 && clients == 64 {
                    let ratio = row.ratio().unwrap_or(0.0);
                    row = row.goal(
                        "≥ 20 000/s and ≥ 25 % of ceiling",
                        relay.per_sec() >= 20_000.0 && ratio >= 0.25,
                    );
                }
                report.rows.push(row);
            }
            drop(net);
        }
        drop(bare);
    }

    if wants(Section::Latency) {
        progress("latency: starting a relay");
        let net = BenchNet::start(&runtime, 8)?;
        let directory = Arc::new(net.directory.clone());
        let (senders, recipients) = net.pocs.split_at(4);
        let bare = runtime.block_on(async { BareServer::start() })?;
        let bare_target = Target::Bare(bare.address, bare.pin);
        for &rate in &options.rates {
            progress(&format!(
                "latency: {rate} messages/s, relay then bare quinn"
            ));
            let relay = runtime.block_on(load::end_to_end(
                &net.address,
                directory.clone(),
                senders,
                recipients,
                rate,
                period,
            ))?;
            // A sealed probe's payload: 1 KiB bucket plus the age header.
            let ceiling = runtime.block_on(load::bare_round_trip(
                &bare_target,
                senders,
                1024 + 200,
                rate,
                period,
            ))?;
            for (what, value, bare) in [
                ("p50", relay.p50_ms, ceiling.p50_ms),
                ("p99", relay.p99_ms, ceiling.p99_ms),
                ("max", relay.max_ms, ceiling.max_ms),
            ] {
                let mut row = Row::new(
                    format!("latency.{rate}.{what}"),
                    format!(
                        "end-to-end latency {what}, {rate:.0} messages/s offered ({:.0} achieved, {} messages)",
                        relay.offered_per_sec, relay.count
                    ),
                    value,
                    "ms",
                )
                .ceiling(bare, "bare quinn request round trip, same load");
                if what == "p99" && rate == 1000.0 {
                    row = row.goal("< 10 ms", value < 10.0);
                }
                report.rows.push(row);
            }
        }
        drop(bare);
        drop(net);
    }

    if wants(Section::Campaign) {
        let r = rates.unwrap_or_default();
        for &pocs in &options.campaigns {
            progress(&format!(
                "campaign: {pocs} PoCs, generating the directory and starting a relay"
            ));
            let setup = Instant::now();
            let net = BenchNet::start(&runtime, pocs)?;
            let setup = setup.elapsed();
            progress(&format!("campaign: {pocs} PoCs, running"));
            let times = runtime.block_on(campaign::run(&net, 64))?;
            // Sealing and opening each ping and each acknowledgement, spread over every core.
            let floor = pocs as f64 * 2.0 * (1.0 / r.seal_sign + 1.0 / r.open_verify) / cores;
            for (what, value) in [
                ("send (seal + submit every ping)", times.send),
                (
                    "acknowledge (each PoC: log in, fetch, verify, seal + submit ack; 64 at once)",
                    times.ack,
                ),
                (
                    "collect (custodian fetches every ack into its inbox)",
                    times.collect,
                ),
                (
                    "report (decrypt + verify + classify every ack)",
                    times.report,
                ),
            ] {
                report.rows.push(Row::new(
                    format!("campaign.{pocs}.{}", what.split(' ').next().unwrap_or(what)),
                    format!("ping campaign {pocs} PoCs: {what}"),
                    value.as_secs_f64(),
                    "s",
                ));
            }
            let total = times.total().as_secs_f64();
            let mut row = Row::new(
                format!("campaign.{pocs}.total"),
                format!("ping campaign {pocs} PoCs: sent, acknowledged, verified (total)"),
                total,
                "s",
            )
            .ceiling(
                floor,
                format!("crypto alone: 2 seals + 2 opens per PoC on {cores} cores"),
            );
            if pocs == 10_000 {
                row = row.goal("< 30 s", total < 30.0);
            }
            report.rows.push(row);
            report.rows.push(Row::new(
                format!("campaign.{pocs}.bundle"),
                format!(
                    "ping campaign {pocs} PoCs: write the proof bundle and re-verify it offline"
                ),
                times.bundle.as_secs_f64(),
                "s",
            ));
            report.notes.push(format!(
                "Campaign of {pocs} PoCs: setup (generate keys and entries, start the relay, publish the directory; not timed above) took {:.1} s.",
                setup.as_secs_f64()
            ));
            drop(net);
        }
    }

    if wants(Section::Footprint) {
        let total = options.footprint_envelopes;
        progress(&format!(
            "footprint: storing {total} envelopes of 1 KiB (8 clients, 256 per Submit)"
        ));
        let net = BenchNet::start(&runtime, 64)?;
        let mailboxes: Vec<_> = net.pocs.iter().map(|p| p.mailbox()).collect();
        let fill = runtime.block_on(load::submit_load(
            &Target::Relay(net.address.clone()),
            &net.pocs,
            &mailboxes,
            8,
            1024,
            256,
            Duration::MAX,
            Some(total),
        ))?;
        let pid = net.relay.pid().context("the relay is not running")?;
        let (peak, now) = rss_of(pid)?;
        let (allocated, apparent) = disk_usage(&net.relay.data_dir)?;
        let payload = (fill.envelopes * 1024) as f64;
        let label = if options.quick {
            format!("{} envelopes (scaled down for --quick)", fill.envelopes)
        } else {
            format!("{} envelopes", fill.envelopes)
        };
        report.rows.push(Row::new(
            "footprint.fill_rate",
            format!(
                "footprint: filling the relay with {label} of 1 KiB, 8 clients, 256 per Submit"
            ),
            fill.per_sec(),
            "envelopes/s",
        ));
        report.rows.push(
            Row::new(
                "footprint.rss_peak_mib",
                format!("footprint: relay peak RSS (VmHWM), {label} stored"),
                peak as f64 / MIB,
                "MiB",
            )
            .goal("< 256 MiB", (peak as f64) < 256.0 * MIB),
        );
        report.rows.push(Row::new(
            "footprint.rss_now_mib",
            format!("footprint: relay RSS after the load (VmRSS), {label} stored"),
            now as f64 / MIB,
            "MiB",
        ));
        report.rows.push(Row::new(
            "footprint.disk_mib",
            format!(
                "footprint: relay data directory on disk (du; {:.0} MiB apparent), {label} stored",
                apparent as f64 / MIB
            ),
            allocated as f64 / MIB,
            "MiB",
        ));
        report.rows.push(
            Row::new(
                "footprint.disk_per_payload_byte",
                format!("footprint: bytes on disk per payload byte, {label} stored"),
                allocated as f64 / payload.max(1.0),
                "B/B",
            )
            .ceiling(1.0, "the payload itself")
            .goal("< 1.5", (allocated as f64) < 1.5 * payload),
        );
        drop(net);
    }

    report.machine.load_after = loadavg();
    report.wall = started.elapsed();
    Ok(report)
}
