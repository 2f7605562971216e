//! # poc-tests: end-to-end harness
//!
//! Runs the real `poc-relay` binary as a child process on 127.0.0.1 (an OS-chosen port) and
//! the real `poc` binary in temporary home directories, exactly as a user would. Used by the
//! end-to-end tests in `tests/tests/` and by the `poc-bench` binary ([`crash`]).

#![forbid(unsafe_code)]
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

pub mod bench;
pub mod browser;
pub mod crash;
pub mod flood;
pub mod forgetful;
pub mod powercut;
pub mod proxy;
pub mod pty;
pub mod raw;
pub mod ui;

/// Envelope ids in the local inbox of the home at `home` (its `inbox/*.env` files).
pub fn local_ids(home: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(home.join("inbox"))
        .map(|entries| {
            entries
                .filter_map(|e| {
                    let name = e.ok()?.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".env").map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `len` bytes that do not repeat in any short period (so a misplaced attachment part shows).
pub fn unrepeating_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect()
}

/// Paths of the binaries under test.
#[derive(Debug)]
pub struct Bins {
    /// `poc`.
    pub poc: PathBuf,
    /// `poc-relay`.
    pub relay: PathBuf,
    /// `poc-low-work-factor`: `poc` writing keystores with a low scrypt work factor (this
    /// crate's binary; see [`PocHome::poc_writing_keystore`]).
    pub poc_low_work_factor: PathBuf,
}

/// The binaries next to the test executable (`target/<profile>/`).
///
/// `cargo test --workspace` builds them (the client and relay packages have integration
/// tests). `cargo test -p poc-tests` alone does not rebuild `poc` and `poc-relay` (only this
/// crate's `poc-low-work-factor`): run `cargo build --bins` first, or the tests exercise stale
/// binaries. If they are missing they are built here.
pub fn bins() -> &'static Bins {
    static BINS: OnceLock<Bins> = OnceLock::new();
    BINS.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        let mut dir = exe.parent().expect("target directory");
        // Test executables live in `target/<profile>/deps`, `poc-bench` next to the others.
        if dir.ends_with("deps") {
            dir = dir.parent().expect("target directory");
        }
        let bins = Bins {
            poc: dir.join("poc"),
            relay: dir.join("poc-relay"),
            poc_low_work_factor: dir.join("poc-low-work-factor"),
        };
        if !bins.poc.exists() || !bins.relay.exists() || !bins.poc_low_work_factor.exists() {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let status = Command::new(cargo)
                .args(["build", "--locked", "--bin", "poc", "--bin", "poc-relay"])
                .args([
                    "--bin",
                    "poc-low-work-factor",
                    "--features",
                    "poc-tests/harness",
                ])
                .status()
                .expect("running cargo build");
            assert!(status.success(), "building the binaries failed");
        }
        bins
    })
}

/// Result of one command.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// The result of a finished child (see [`PocHome::spawn`]).
    pub fn of(output: Output) -> Self {
        Run::from(output)
    }

    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts exit code 0 and returns stdout parsed as one JSON document (`poc-relay`'s).
    pub fn json(&self) -> Value {
        assert_eq!(
            self.code, 0,
            "command failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not one JSON document ({e}): {}", self.stdout))
    }

    /// Asserts exit code 0 and returns stdout of `poc --json`: exactly one document of the
    /// current schema version, matching the schema documented for its command.
    pub fn document(&self) -> Value {
        let document = self.json();
        check_document(&document);
        document
    }

    /// Asserts a failed run with `--json`: stdout is exactly one error document of the
    /// documented schema, and its exit code is the process's.
    pub fn json_error(&self) -> Value {
        assert_ne!(self.code, 0, "command succeeded: {}", self.stdout);
        let document: Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not one JSON document ({e}): {}", self.stdout));
        check_against(&error_schema(), &document);
        assert_eq!(document["exit_code"], self.code, "{document}");
        document
    }

    /// Asserts exit code 0.
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "command failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The validators of every command's documented result, by command path.
fn validators() -> &'static std::collections::HashMap<&'static str, jsonschema::Validator> {
    static VALIDATORS: OnceLock<std::collections::HashMap<&'static str, jsonschema::Validator>> =
        OnceLock::new();
    VALIDATORS.get_or_init(|| {
        poc_client::cli::output::catalogue()
            .into_iter()
            .map(|doc| {
                let validator = jsonschema::validator_for(doc.schema.as_value())
                    .unwrap_or_else(|e| panic!("schema of `{}` invalid: {e}", doc.command));
                (doc.command, validator)
            })
            .collect()
    })
}

fn error_schema() -> jsonschema::Validator {
    let schema = schemars::schema_for!(poc_client::cli::output::ErrorDocument);
    jsonschema::validator_for(schema.as_value()).expect("error schema is valid")
}

fn check_against(validator: &jsonschema::Validator, document: &Value) {
    let problems: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "document does not match its documented schema (docs/JSON.md): {problems:?}\n{document:#}"
    );
}

/// Asserts that `document` is a `poc --json` result of the current schema version whose
/// fields match the schema `docs/JSON.md` documents for its command.
pub fn check_document(document: &Value) {
    assert_eq!(
        document["schema"],
        poc_client::cli::output::SCHEMA_VERSION,
        "{document}"
    );
    let command = document["command"]
        .as_str()
        .unwrap_or_else(|| panic!("no `command` in {document}"));
    let validator = validators()
        .get(command)
        .unwrap_or_else(|| panic!("`{command}` has no documented result (docs/JSON.md)"));
    check_against(validator, document);
}

/// The unix seconds of an RFC 3339 time in a `poc --json` document.
pub fn unix_seconds(time: &Value) -> u64 {
    let text = time
        .as_str()
        .unwrap_or_else(|| panic!("not a time: {time}"));
    humantime::parse_rfc3339(text)
        .unwrap_or_else(|e| panic!("not an RFC 3339 time ({e}): {text}"))
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The inbox items of `poc --json inbox` except the custodian's directory notices (every
/// member gets one per publication).
pub fn messages(inbox: &Value) -> Vec<Value> {
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["type"] != "directory_notice")
        .cloned()
        .collect()
}

/// The group of `poc --json inbox` (`unopened`) that holds the envelope `id`, which cannot
/// be opened or verified.
pub fn unopened_with(inbox: &Value, id: &str) -> Value {
    inbox["unopened"]
        .as_array()
        .expect("unopened")
        .iter()
        .find(|g| g["ids"].as_array().unwrap().iter().any(|i| i == id))
        .unwrap_or_else(|| panic!("{id} is in no unopened group: {inbox:#}"))
        .clone()
}

/// Copies a directory tree (e.g. a home, to keep an old identity around).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A PoC home directory used through the `poc` binary.
#[derive(Debug, Clone)]
pub struct PocHome {
    /// The directory.
    pub dir: PathBuf,
    /// Passphrase given through POC_PASSPHRASE.
    pub passphrase: String,
}

impl PocHome {
    /// A home at `dir` with `passphrase`.
    pub fn new(dir: PathBuf, passphrase: &str) -> Self {
        PocHome {
            dir,
            passphrase: passphrase.into(),
        }
    }

    /// Sends a low-priority text message `text` to `to`.
    pub fn send_text(&self, to: &str, text: &str) -> Run {
        self.send_text_with(&[], to, text)
    }

    /// [`Self::send_text`] with the global options `options` (`--json`, `--retry-for 2s`).
    pub fn send_text_with(&self, options: &[&str], to: &str, text: &str) -> Run {
        let text = format!("text={text}");
        let mut args = options.to_vec();
        args.extend([
            "send",
            "--to",
            to,
            "--type",
            "text",
            "--priority",
            "low",
            "--field",
            &text,
        ]);
        self.poc(&args)
    }

    /// The id of the ping of campaign `campaign` in this home's inbox (fetched first).
    pub fn ping_of(&self, campaign: &str) -> String {
        let inbox = self.json(&["inbox"]);
        for item in inbox["items"].as_array().expect("items") {
            let id = item["id"].as_str().expect("an id");
            if item["type"] == "ping" && self.json(&["read", id])["fields"]["campaign"] == campaign
            {
                return id.to_owned();
            }
        }
        panic!("no ping of campaign {campaign} for {}", self.dir.display());
    }

    /// Runs `poc --home DIR ARGS` with the passphrase in the environment and no stdin.
    pub fn poc(&self, args: &[&str]) -> Run {
        self.poc_with_passphrase(&self.passphrase, args)
    }

    /// Same, with another passphrase.
    pub fn poc_with_passphrase(&self, passphrase: &str, args: &[&str]) -> Run {
        self.run(&bins().poc, passphrase, args)
    }

    /// Runs a command that writes a new keystore (`init`, `custodian init`) with
    /// `poc-low-work-factor` instead of `poc`: the same command line, except that the keystore
    /// gets a low scrypt work factor, so every later command of the test (run with the real
    /// `poc`, which opens any valid factor) unlocks it in a millisecond instead of a quarter
    /// second. That the real `poc` writes the real factor is checked by the test
    /// `keystore_work_factor`.
    pub fn poc_writing_keystore(&self, args: &[&str]) -> Run {
        self.run(&bins().poc_low_work_factor, &self.passphrase, args)
    }

    fn run(&self, program: &Path, passphrase: &str, args: &[&str]) -> Run {
        let output = Command::new(program)
            .arg("--home")
            .arg(&self.dir)
            .args(args)
            .env("POC_PASSPHRASE", passphrase)
            .env_remove("POC_HOME")
            .env_remove("POC_RETRY_FOR")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .output()
            .expect("running poc");
        Run::from(output)
    }

    /// Starts `poc --home DIR ARGS` in the background (stdout and stderr captured); finish it
    /// with [`Child::wait_with_output`] and [`Run::of`].
    pub fn spawn(&self, args: &[&str]) -> Child {
        Command::new(&bins().poc)
            .arg("--home")
            .arg(&self.dir)
            .args(args)
            .env("POC_PASSPHRASE", &self.passphrase)
            .env_remove("POC_HOME")
            .env_remove("POC_RETRY_FOR")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting poc")
    }

    /// Runs with `--json` and asserts success.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.poc(&all).document()
    }

    /// Unlocks this PoC's identity with its passphrase (for tests that talk to the relay
    /// through the library instead of the `poc` binary).
    pub fn unlock(&self) -> anyhow::Result<poc_client::ops::Identity> {
        let passphrase = age::secrecy::SecretString::from(self.passphrase.clone());
        poc_client::ops::Identity::unlock(&poc_client::home::Home::new(&self.dir), &passphrase)
            .map_err(|e| e.context(format!("unlocking {}", self.dir.display())))
    }
}

/// A `poc-relay run` child process.
#[derive(Debug)]
pub struct RelayProcess {
    child: Option<Child>,
    /// Its config file.
    pub config: PathBuf,
    /// Its data directory.
    pub data_dir: PathBuf,
    /// `127.0.0.1:port` it listens on.
    pub address: String,
    /// Its TLS pin.
    pub pin: String,
}

impl RelayProcess {
    /// Initialises a relay in `data_dir` for `custodian_key` and starts it on an OS-chosen
    /// loopback port.
    pub fn init_and_start(data_dir: &Path, custodian_key: &str) -> Self {
        let output = Command::new(&bins().relay)
            .args([
                "init",
                "--json",
                "--listen",
                "127.0.0.1:0",
                "--custodian-key",
                custodian_key,
                "--data-dir",
            ])
            .arg(data_dir)
            .output()
            .expect("running poc-relay init");
        let init = Run::from(output).json();
        let mut relay = RelayProcess {
            child: None,
            config: PathBuf::from(init["config"].as_str().unwrap()),
            data_dir: data_dir.to_path_buf(),
            address: String::new(),
            pin: init["tls_pin"].as_str().unwrap().to_owned(),
        };
        relay.start();
        // Keep the port across restarts, as an operator's config would.
        let text = std::fs::read_to_string(&relay.config).unwrap();
        let text = text.replace(
            "listen = \"127.0.0.1:0\"",
            &format!("listen = \"{}\"", relay.address),
        );
        std::fs::write(&relay.config, text).unwrap();
        relay
    }

    /// Starts the process and waits for its "listening" line.
    pub fn start(&mut self) {
        self.start_with_stderr(Stdio::inherit());
    }

    /// Kills the process and starts it again with its log (stderr, `RUST_LOG=warn`) appended
    /// to the file `log`, for tests that read what the relay logged.
    pub fn restart_logging_to(&mut self, log: &Path) {
        self.kill();
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("opening the relay's log file");
        self.start_with_stderr(Stdio::from(file));
    }

    fn start_with_stderr(&mut self, stderr: Stdio) {
        assert!(self.child.is_none(), "relay already running");
        let mut child = Command::new(&bins().relay)
            .args(["run", "--config"])
            .arg(&self.config)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("starting poc-relay");
        let stdout = child.stdout.take().expect("relay stdout");
        let mut lines = BufReader::new(stdout).lines();
        let deadline = Instant::now() + Duration::from_secs(30);
        let line = loop {
            assert!(Instant::now() < deadline, "relay did not start");
            match lines.next() {
                Some(Ok(line)) if line.contains("listening on") => break line,
                Some(Ok(_)) => continue,
                _ => panic!("relay exited before listening"),
            }
        };
        self.address = line
            .split_whitespace()
            .nth(3)
            .expect("address in the listening line")
            .to_owned();
        self.child = Some(child);
    }

    /// The process id while it runs (e.g. to read its memory use from `/proc`).
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// SIGKILL: no shutdown, no final flush.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, then waits for the process to exit (a clean stop: the relay flushes and
    /// closes its store).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            match i32::try_from(child.id())
                .ok()
                .and_then(rustix::process::Pid::from_raw)
            {
                Some(pid) => {
                    let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
                }
                None => {
                    let _ = child.kill();
                }
            }
            let _ = child.wait();
        }
    }

    /// SIGSTOP: the process stays, its sockets stay open, and nothing answers (a relay
    /// that hangs); [`Self::resume`] continues it.
    pub fn pause(&self) {
        self.signal(rustix::process::Signal::STOP);
    }

    /// SIGCONT after [`Self::pause`].
    pub fn resume(&self) {
        self.signal(rustix::process::Signal::CONT);
    }

    fn signal(&self, signal: rustix::process::Signal) {
        let pid = self
            .pid()
            .and_then(|id| i32::try_from(id).ok())
            .and_then(rustix::process::Pid::from_raw)
            .expect("the relay runs");
        rustix::process::kill_process(pid, signal).expect("signalling the relay");
    }

    /// Kill and start again on the same address.
    pub fn restart(&mut self) {
        self.kill();
        self.start();
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A custodian, a relay and enrolled PoCs, all through the real binaries.
#[derive(Debug)]
pub struct Network {
    /// Keeps the temporary directory alive.
    pub root: tempfile::TempDir,
    /// The custodian's home.
    pub custodian: PocHome,
    /// The relay.
    pub relay: RelayProcess,
    /// Enrolled PoCs, in the order given.
    pub pocs: Vec<(String, PocHome)>,
}

/// Telephone number used for a PoC id in test networks (so tests can look for it).
pub fn phone_of(id: &str) -> String {
    let digits: u32 = id.bytes().map(u32::from).sum();
    format!("+41 22 917 {digits:04}")
}

/// E-mail address used for a PoC id in test networks (so tests can look for it).
pub fn email_of(id: &str) -> String {
    format!("{}@pocs.example", id.to_lowercase().replace('.', "-"))
}

impl Network {
    /// Sets up everything and enrols `ids` (steps 1-5 of the walkthrough).
    pub fn setup(ids: &[&str]) -> Network {
        let root = tempfile::tempdir().unwrap();
        let custodian = PocHome::new(root.path().join("custodian"), "custodian passphrase");
        let created = custodian
            .poc_writing_keystore(&[
                "--json",
                "custodian",
                "init",
                "--org-name",
                "UNODA",
                "--email",
                "pocs@unoda.example",
            ])
            .json();
        let key = created["custodian_key"].as_str().unwrap().to_owned();
        let relay = RelayProcess::init_and_start(&root.path().join("relay"), &key);
        custodian
            .poc(&["custodian", "relay", &relay.address, "--pin", &relay.pin])
            .ok();
        let mut network = Network {
            root,
            custodian,
            relay,
            pocs: Vec::new(),
        };
        for id in ids {
            let home = network.invite_and_init(id);
            let request = home.dir.join("enrolment-request.txt");
            network
                .custodian
                .poc(&["custodian", "add", request.to_str().unwrap(), "--yes"])
                .ok();
            network.pocs.push((id.to_string(), home));
        }
        network.custodian.poc(&["custodian", "publish"]).ok();
        for (_, home) in &network.pocs {
            home.poc(&["directory", "sync"]).ok();
        }
        network
    }

    /// Creates an invitation and a PoC identity from it (not yet added by the custodian).
    pub fn invite_and_init(&self, id: &str) -> PocHome {
        let invite = self.root.path().join(format!("invite-{id}.toml"));
        self.custodian
            .poc(&["custodian", "invite", id, "--out", invite.to_str().unwrap()])
            .ok();
        let home = PocHome::new(self.root.path().join(id), &format!("passphrase of {id}"));
        home.poc_writing_keystore(&[
            "init",
            "--yes",
            "--invite",
            invite.to_str().unwrap(),
            "--org-name",
            &format!("Organisation of {id}"),
            "--email",
            &email_of(id),
            "--phone",
            &phone_of(id),
            "--lang",
            "fr,en",
        ])
        .ok();
        home
    }

    /// Adds a member `label` to the enrolled PoC `id` (or to the custodian's own PoC) the way
    /// the README tells it: the custodian's member invitation, `poc init` on the new device, a
    /// co-signature by the PoC's first home, `custodian add` and `publish`, then a sync of every home. Returns the
    /// new member's home (not in `pocs`).
    pub fn add_member(&self, id: &str, label: &str) -> PocHome {
        let slug: String = label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let invite = self.root.path().join(format!("invite-{id}-{slug}.toml"));
        self.custodian
            .poc(&[
                "custodian",
                "invite",
                id,
                "--member",
                label,
                "--out",
                invite.to_str().unwrap(),
            ])
            .ok();
        let home = PocHome::new(
            self.root.path().join(format!("{id}-{slug}")),
            &format!("passphrase of {id} {label}"),
        );
        home.poc_writing_keystore(&["init", "--yes", "--invite", invite.to_str().unwrap()])
            .ok();
        let request = home.dir.join("member-request.txt");
        let cosigned = home.dir.join("member-request.cosigned.txt");
        // The custodian's own PoC is co-signed by the custodian's home.
        let cosigner = match self.pocs.iter().find(|(i, _)| i == id) {
            Some((_, home)) => home,
            None => &self.custodian,
        };
        cosigner
            .poc(&["team", "cosign", request.to_str().unwrap(), "--yes"])
            .ok();
        self.custodian
            .poc(&["custodian", "add", cosigned.to_str().unwrap()])
            .ok();
        self.custodian.poc(&["custodian", "publish"]).ok();
        for (_, other) in &self.pocs {
            other.poc(&["directory", "sync"]).ok();
        }
        home.poc(&["directory", "sync"]).ok();
        home
    }

    /// The home of an enrolled PoC.
    pub fn poc(&self, id: &str) -> &PocHome {
        &self
            .pocs
            .iter()
            .find(|(i, _)| i == id)
            .unwrap_or_else(|| panic!("{id} not enrolled"))
            .1
    }
}
