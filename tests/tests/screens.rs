//! What a PoC reads on its screen, end to end through a relay, kept as data files
//! (`tests/tests/screens/*.txt`): each file is a transcript of commands (`$ poc ...`), what they
//! printed (stdout, then stderr) and their exit code (`? N`). A changed sentence, column or
//! label shows up in review as a change of these files; `SNAPSHOTS=overwrite` rewrites them
//! from the current binaries (then read the diff).
//!
//! What changes from run to run is masked before the comparison, keeping its width so columns
//! stay aligned: envelope ids and other hex runs become `x`s, the digits of times `#`s, key
//! fingerprints `XXXX` groups, the relay's port `[PORT]` and the test's directory `[ROOT]`.
//! The harness's PoCs read French (their first language), so do these screens.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use poc_tests::{bins, Network, PocHome};

/// Runs `poc ARGS` for `home` (passphrase in the environment, no terminal, times in UTC) and
/// appends it to `transcript` as on a console.
fn run(transcript: &mut String, home: &PocHome, args: &[&str]) -> String {
    run_leaving_out(transcript, home, args, None)
}

/// [`run`], leaving out of the transcript the lines of stdout that contain `left_out`: for
/// two items of equal priority fetched and signed within the same second, whose order is
/// then their (random) ids'.
fn run_leaving_out(
    transcript: &mut String,
    home: &PocHome,
    args: &[&str],
    left_out: Option<&str>,
) -> String {
    let output = Command::new(&bins().poc)
        .arg("--home")
        .arg(&home.dir)
        .args(args)
        .env("POC_PASSPHRASE", &home.passphrase)
        .env("TZ", "UTC0")
        .env("NO_COLOR", "1")
        .env_remove("POC_HOME")
        .env_remove("POC_RETRY_FOR")
        .env_remove("RUST_LOG")
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let name = home.dir.file_name().unwrap().to_string_lossy();
    transcript.push_str(&format!("$ poc --home {name} {}\n", args.join(" ")));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    for line in stdout.lines() {
        if left_out.is_none_or(|text| !line.contains(text)) {
            transcript.push_str(line);
            transcript.push('\n');
        }
    }
    transcript.push_str(&String::from_utf8_lossy(&output.stderr));
    transcript.push_str(&format!("? {}\n\n", output.status.code().unwrap_or(-1)));
    stdout
}

/// How one character of a masked run is shown.
type Mask = fn(char) -> char;

/// The transcript with what changes from run to run masked (same width).
fn normalised(transcript: &str, root: &Path) -> String {
    let text = transcript.replace(&root.display().to_string(), "[ROOT]");
    let text = regex::Regex::new(r"127\.0\.0\.1:\d+")
        .unwrap()
        .replace_all(&text, "127.0.0.1:[PORT]")
        .into_owned();
    let masks: [(&str, Mask); 3] = [
        (r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", |c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c
            }
        }),
        (r"\b([A-Z2-7]{4} ){7}[A-Z2-7]{4}\b", |c| {
            if c == ' ' {
                c
            } else {
                'X'
            }
        }),
        (r"\b[0-9a-f]{8,}\b", |_| 'x'),
    ];
    masks.iter().fold(text, |text, (pattern, mask)| {
        regex::Regex::new(pattern)
            .unwrap()
            .replace_all(&text, |found: &regex::Captures<'_>| {
                found[0].chars().map(mask).collect::<String>()
            })
            .into_owned()
    })
}

fn assert_screens(transcript: &str, root: &Path, file: snapbox::Data) {
    snapbox::Assert::new()
        .action_env("SNAPSHOTS")
        .eq(normalised(transcript, root), file.raw());
}

/// The first envelope id (32 hex digits) in `text`.
fn first_id(text: &str) -> String {
    regex::Regex::new(r"\b[0-9a-f]{32}\b")
        .unwrap()
        .find(text)
        .unwrap_or_else(|| panic!("no envelope id in {text}"))
        .as_str()
        .to_owned()
}

#[test]
fn a_notice_sent_read_acknowledged_and_its_receipt() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let (fra, mex) = (net.poc("FRA.technical"), net.poc("MEX.technical"));
    let mut screens = String::new();
    let sent = run(
        &mut screens,
        fra,
        &[
            "send",
            "--to",
            "mex.technical",
            "--type",
            "incident",
            "--priority",
            "high",
            "--tlp",
            "red",
            "--lang",
            "en",
            "--field",
            "summary=Ransomware at the port authority",
            "--field",
            "indicators=198.51.100.7,bad.example",
        ],
    );
    let id = first_id(&sent);
    run(&mut screens, mex, &["inbox"]);
    run(&mut screens, mex, &["read", &id[..12]]);
    run(&mut screens, mex, &["ack", &id[..12]]);
    // The custodian's notice of the directory and the receipt are both low priority.
    run_leaving_out(&mut screens, fra, &["inbox"], Some("UNODA.custodian"));
    run(&mut screens, fra, &["sent"]);
    assert_screens(
        &screens,
        net.root.path(),
        snapbox::file!["screens/notice_read_and_acknowledged.txt"],
    );
}

#[test]
fn sends_refused_before_anything_leaves() {
    let net = Network::setup(&["FRA.technical", "MAR.technical", "MAR.diplomatic"]);
    let fra = net.poc("FRA.technical");
    let mut screens = String::new();
    // An incident with nothing in it.
    run(
        &mut screens,
        fra,
        &[
            "send",
            "--to",
            "MAR.technical",
            "--type",
            "incident",
            "--priority",
            "high",
        ],
    );
    // A misspelt field, then a misspelt recipient.
    let incident = ["--type", "incident", "--priority", "high"];
    let mut args = vec!["send", "--to", "MAR.technical", "--field", "sumary=Outage"];
    args.extend(incident);
    run(&mut screens, fra, &args);
    let mut args = vec!["send", "--to", "MAR.technicla", "--field", "summary=Outage"];
    args.extend(incident);
    run(&mut screens, fra, &args);
    let mut args = vec!["send", "--to", "KEN.technical", "--field", "summary=Outage"];
    args.extend(incident);
    run(&mut screens, fra, &args);
    // Every PoC of a State, without a terminal to confirm on.
    let mut args = vec!["send", "--to", "mar", "--field", "summary=Outage"];
    args.extend(incident);
    run(&mut screens, fra, &args);
    // A template sent as written by `poc compose`.
    let template = net.root.path().join("incident.toml");
    let template = template.to_str().unwrap();
    run(
        &mut screens,
        fra,
        &["compose", "--type", "incident", "--out", template],
    );
    run(&mut screens, fra, &["send", "--file", template]);
    // Nothing reached Morocco (but the custodian's notice of the directory).
    for id in ["MAR.technical", "MAR.diplomatic"] {
        let inbox = net.poc(id).json(&["inbox"]);
        let from_fra = inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| item["from"] == "FRA.technical")
            .count();
        assert_eq!(from_fra, 0, "{inbox}");
    }
    assert_screens(
        &screens,
        net.root.path(),
        snapbox::file!["screens/sends_refused.txt"],
    );
}
