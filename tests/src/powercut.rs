//! Power cuts under the relay, shared by `tests/tests/powercut_relay.rs` and
//! `poc-bench powercut`.
//!
//! The crash run of [`crate::crash`] (several clients submitting envelopes with unique ids,
//! half of them resubmitting after a lost answer; the relay killed with SIGKILL at random
//! moments) with the relay's store on a [`Forgetful`] file system: after each kill the power
//! is cut, so every write the relay had not synced is lost, as on a real power failure, then
//! the relay starts again on the same mount. At the end every acknowledged envelope must be
//! in its mailbox exactly once and intact.
//!
//! The relay sweeps expired envelopes and compacts body segments every second here, so cuts
//! also land during sweeps; and `poc-relay backup` runs in a loop beside the load (the backup
//! files on the same mount), so cuts also land during backups. A backup whose command
//! reported success must still be there, whole, after every later cut.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{bail, Context};
use serde_json::json;

use crate::crash::{self, CrashOptions, CrashReport};
use crate::forgetful::{Counters, CutReport, Forgetful, Model};
use crate::Network;

/// What to run.
#[derive(Debug, Clone)]
pub struct PowercutOptions {
    /// The load and the kills (each kill is followed by a cut).
    pub crash: CrashOptions,
    /// When a name becomes durable on the forgetting file system.
    pub model: Model,
    /// Run `poc-relay backup` in a loop beside the load.
    pub backups: bool,
    /// Cut the power after each kill; without: a control run on the same file system with
    /// kills alone, which must lose nothing.
    pub cut: bool,
}

/// The figures of a run.
#[derive(Debug, Clone)]
pub struct PowercutReport {
    /// The crash checks (kills = cuts).
    pub crash: CrashReport,
    /// The durability model.
    pub model: Model,
    /// Whether the power was cut after each kill.
    pub cut: bool,
    /// Files whose unsynced contents the cuts took back, summed over the cuts.
    pub files_reverted: u64,
    /// Directories whose unsynced entries the cuts took back, summed.
    pub dirs_reverted: u64,
    /// Files and directories whose names were never made durable, dropped by the cuts.
    pub nodes_dropped: u64,
    /// What the file system saw.
    pub counters: Counters,
    /// Backups that reported success.
    pub backups_completed: u64,
    /// Backups interrupted by a cut.
    pub backups_interrupted: u64,
    /// Completed backups missing or not whole after a later cut. Must be empty.
    pub backups_lost: Vec<String>,
    /// Files written to after their last sync when the power was cut (path in the store,
    /// bytes so written summed over the cuts, syncs of the file since the mount at the last
    /// such cut): where the cuts took data back.
    pub unsynced: Vec<(String, u64, u64)>,
}

impl PowercutReport {
    /// Nothing acknowledged lost, duplicated or altered; no completed backup lost.
    pub fn ok(&self) -> bool {
        self.crash.ok() && self.backups_lost.is_empty()
    }

    /// The figures as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "model": format!("{:?}", self.model),
            "cut": self.cut,
            "crash": self.crash.to_json(),
            "files_reverted": self.files_reverted,
            "dirs_reverted": self.dirs_reverted,
            "nodes_dropped": self.nodes_dropped,
            "file_syncs": self.counters.file_syncs,
            "dir_syncs": self.counters.dir_syncs,
            "bytes_written": self.counters.bytes_written,
            "backups_completed": self.backups_completed,
            "backups_interrupted": self.backups_interrupted,
            "backups_lost": self.backups_lost,
            "unsynced_at_cuts": self.unsynced.iter().map(|(p, n, s)| json!({ "path": p, "bytes_lost": n, "syncs": s })).collect::<Vec<_>>(),
            "ok": self.ok(),
        })
    }
}

impl std::fmt::Display for PowercutReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.cut {
            writeln!(
                f,
                "power cuts on the forgetting file system ({:?} model): each of the {} kills below was followed by a cut",
                self.model, self.crash.kills
            )?;
        } else {
            writeln!(
                f,
                "control run on the forgetting file system: {} kills, no power cut",
                self.crash.kills
            )?;
        }
        writeln!(f, "{}", self.crash)?;
        writeln!(
            f,
            "the cuts took back the unsynced contents of {} files and the unsynced entries of {} directories, and dropped {} unsynced names; the relay made {} file syncs and {} directory syncs, writing {} MiB",
            self.files_reverted,
            self.dirs_reverted,
            self.nodes_dropped,
            self.counters.file_syncs,
            self.counters.dir_syncs,
            self.counters.bytes_written >> 20
        )?;
        write!(
            f,
            "backups: {} completed, {} interrupted by a cut, {} completed ones lost (must be 0)",
            self.backups_completed,
            self.backups_interrupted,
            self.backups_lost.len()
        )?;
        for lost in &self.backups_lost {
            write!(f, "\nlost backup: {lost}")?;
        }
        let mut unsynced: Vec<&(String, u64, u64)> = self.unsynced.iter().collect();
        unsynced.sort_by_key(|(_, bytes, _)| std::cmp::Reverse(*bytes));
        if unsynced.len() > 5 {
            write!(
                f,
                "\n(the 5 files of the {} the cuts took most unsynced bytes from:)",
                unsynced.len()
            )?;
        }
        for (path, bytes, syncs) in unsynced.into_iter().take(5) {
            write!(
                f,
                "\nunsynced writes the cuts took back: store{path}, {bytes} bytes in all (the file was synced {syncs} times since the mount)"
            )?;
        }
        Ok(())
    }
}

/// The backup loop beside the load.
#[derive(Debug, Default)]
struct Backups {
    /// The running `poc-relay backup` and its output file.
    running: Option<(Child, PathBuf)>,
    completed: Vec<PathBuf>,
    interrupted: u64,
    next: u64,
    /// Set once the relay answered on its admin socket after the last cut.
    relay_up: bool,
}

fn lock(backups: &Mutex<Backups>) -> std::sync::MutexGuard<'_, Backups> {
    backups.lock().unwrap_or_else(|p| p.into_inner())
}

/// Notes a finished backup (success or not).
fn settle(backups: &mut Backups, out: PathBuf, success: bool) {
    if success {
        backups.completed.push(out);
    } else {
        backups.interrupted += 1;
    }
}

/// Runs `poc-relay backup` again and again into `dir` until `stop`.
fn backup_loop(
    relay: PathBuf,
    config: PathBuf,
    socket: PathBuf,
    dir: PathBuf,
    backups: Arc<Mutex<Backups>>,
    stop: Arc<AtomicBool>,
) {
    while !stop.load(Ordering::SeqCst) {
        {
            let mut guard = lock(&backups);
            let state = &mut *guard;
            let relay_up = state.relay_up;
            match &mut state.running {
                Some((child, _)) => {
                    if let Ok(Some(status)) = child.try_wait() {
                        if let Some((_, out)) = state.running.take() {
                            settle(state, out, status.success());
                        }
                    }
                }
                // Only while the relay runs: without it, `poc-relay backup` opens the store
                // itself and could hold its lock when the relay starts again. (Checked under
                // the lock, which a cut holds until it is made and then clears `relay_up`: a
                // backup that started before a kill is ended by the cut.)
                None if !relay_up => {
                    state.relay_up = std::os::unix::net::UnixStream::connect(&socket).is_ok();
                }
                None => {
                    state.next += 1;
                    let out = dir.join(format!("backup-{}.bin", state.next));
                    if let Ok(child) = Command::new(&relay)
                        .args(["backup", "--config"])
                        .arg(&config)
                        .arg("--out")
                        .arg(&out)
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                    {
                        state.running = Some((child, out));
                    }
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Ends a running backup as a cut would (a backup that had already finished counts as
/// finished).
fn interrupt(state: &mut Backups) {
    if let Some((mut child, out)) = state.running.take() {
        let finished = matches!(child.try_wait(), Ok(Some(status)) if status.success());
        if !finished {
            let _ = child.kill();
        }
        let status = child.wait();
        let success = finished || status.is_ok_and(|s| s.success());
        settle(state, out, success);
    }
}

/// Checks that every completed backup is there and verifies; returns the ones that are not.
fn check_backups(completed: &[PathBuf]) -> Vec<String> {
    let mut lost = Vec::new();
    for out in completed {
        match std::fs::File::open(out) {
            Err(e) => lost.push(format!("{}: {e}", out.display())),
            Ok(file) => {
                if let Err(e) = poc_relay::store::backup::verify(std::io::BufReader::new(file)) {
                    lost.push(format!("{} does not verify: {e}", out.display()));
                }
            }
        }
    }
    lost
}

/// Stops the relay, moves its store onto a forgetting file system mounted in its place (what
/// the store held becomes the file system's durable image: the relay synced it) and starts
/// the relay again on it.
pub fn store_on_forgetful(net: &mut Network, model: Model) -> anyhow::Result<Forgetful> {
    net.relay.kill();
    let store = net.relay.data_dir.join("store");
    let backing = net.root.path().join("store-backing");
    std::fs::rename(&store, &backing).context("moving the store to the backing directory")?;
    std::fs::create_dir(&store)?;
    let fs =
        Forgetful::mount(&backing, &store, model).context("mounting the forgetting file system")?;
    net.relay.start();
    Ok(fs)
}

/// Moves the relay's store onto a forgetting file system, runs the crash run with a cut after
/// every kill, and checks the mailboxes and the backups.
pub fn run(options: &PowercutOptions) -> anyhow::Result<PowercutReport> {
    if !crate::forgetful::available() {
        bail!("the power-cut run needs /dev/fuse and fusermount3 (Debian package fuse3)");
    }
    let mut net = crash::prepare(&options.crash)?;
    // Sweeps (expiry, compaction) every second, so that cuts land during them too.
    let mut config = std::fs::read_to_string(&net.relay.config)?;
    let default = "purge_interval_secs = 600\n";
    if !config.contains(default) {
        bail!("the relay configuration has no default `purge_interval_secs` to lower");
    }
    config = config.replace(default, "purge_interval_secs = 1\n");
    std::fs::write(&net.relay.config, config)?;

    let fs = store_on_forgetful(&mut net, options.model)?;
    let store = net.relay.data_dir.join("store");
    let backup_dir = store.join("backups");
    std::fs::create_dir(&backup_dir)?;
    std::fs::File::open(&backup_dir)?.sync_all()?;
    std::fs::File::open(&store)?.sync_all()?;

    let relay_bin = crate::bins().relay.clone();
    let backups = Arc::new(Mutex::new(Backups::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let looper = options.backups.then(|| {
        let (relay, config, dir, backups, stop) = (
            relay_bin.clone(),
            net.relay.config.clone(),
            backup_dir.clone(),
            backups.clone(),
            stop.clone(),
        );
        let socket = poc_relay::admin::socket_path(&store);
        std::thread::spawn(move || backup_loop(relay, config, socket, dir, backups, stop))
    });

    let mut totals = CutReport::default();
    let mut lost_backups: Vec<String> = Vec::new();
    let mut unsynced: Vec<(String, u64, u64)> = Vec::new();
    let outcome = crash::run_with(&mut net, &options.crash, &mut |_net, _kills| {
        // Nothing that uses the disk outlives a power cut.
        // (No backup starts until the cut is made.)
        let mut running = lock(&backups);
        interrupt(&mut running);
        running.relay_up = false;
        for (path, written, syncs) in fs.file_stats() {
            if options.cut && written > 0 && !path.starts_with("/backups/") {
                match unsynced.iter_mut().find(|(p, _, _)| *p == path) {
                    Some((_, sum, last)) => {
                        *sum += written;
                        *last = syncs;
                    }
                    None => unsynced.push((path, written, syncs)),
                }
            }
        }
        if !options.cut {
            return Ok(());
        }
        let report = fs.cut_power();
        drop(running);
        totals.files_reverted += report.files_reverted;
        totals.dirs_reverted += report.dirs_reverted;
        totals.nodes_dropped += report.nodes_dropped;
        let completed = lock(&backups).completed.clone();
        for lost in check_backups(&completed) {
            if !lost_backups.contains(&lost) {
                lost_backups.push(lost);
            }
        }
        Ok(())
    });
    stop.store(true, Ordering::SeqCst);
    if let Some(looper) = looper {
        let _ = looper.join();
    }
    interrupt(&mut lock(&backups));
    let crash = outcome?;
    net.relay.kill();
    let counters = fs.counters();
    let state = lock(&backups);
    let report = PowercutReport {
        crash,
        model: options.model,
        cut: options.cut,
        files_reverted: totals.files_reverted,
        dirs_reverted: totals.dirs_reverted,
        nodes_dropped: totals.nodes_dropped,
        counters,
        backups_completed: state.completed.len() as u64,
        backups_interrupted: state.interrupted,
        backups_lost: lost_backups,
        unsynced,
    };
    drop(state);
    fs.unmount()?;
    Ok(report)
}
