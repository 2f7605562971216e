//! The reader's language beyond the screens, through the real binaries and a real relay:
//! States are named in the reader's language in the guided send, `directory show` and
//! `directory list`, and found by their name in any of the six UN languages; `read --json`
//! of a custodian ping says its deadline and whether it is late; `inbox --watch` lines carry
//! the listing's cells, the unread marker first.
//!
//! The harness's PoCs read French (`--lang fr,en`). Pings are started in process by a
//! custodian whose clock is set in the past, so nothing waits for a deadline.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use poc_client::clock::{Clock, ManualClock};
use poc_client::i18n::{screens, Lang};
use poc_client::json::Timestamp;
use poc_client::ops::{self, ping};
use poc_tests::{bins, messages, unix_seconds, Network, PocHome, Run};

/// Runs `poc --home DIR ARGS` with the terminal width, colour and time zone of the
/// environment cleared.
fn poc_plain(home: &PocHome, args: &[&str]) -> Run {
    let output = Command::new(&bins().poc)
        .arg("--home")
        .arg(&home.dir)
        .args(args)
        .env("POC_PASSPHRASE", &home.passphrase)
        .env("TZ", "UTC0")
        .env_remove("POC_HOME")
        .env_remove("POC_RETRY_FOR")
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("running poc");
    Run::of(output)
}

#[test]
fn a_french_reader_finds_morocco_by_its_name_in_any_language_and_sees_maroc() {
    let net = Network::setup(&["FRA.technical", "MAR.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let send = [
        "send",
        "--type",
        "text",
        "--priority",
        "low",
        "--tlp",
        "green",
        "--field",
        "text=bonjour",
    ];

    // A misspelt name gets the French name suggested; the Arabic one picks the PoC, shown
    // with the State's French name.
    let mut terminal = fra.on_terminal(&send);
    terminal.expect("Destinataire (");
    terminal.answer("Marok");
    terminal.expect("vouliez-vous dire Maroc ?");
    terminal.expect("Destinataire (");
    terminal.answer("المغرب");
    terminal.expect("Objet (");
    assert!(
        terminal
            .seen
            .contains("Destinataire : MAR.technical, Maroc, Organisation of MAR.technical"),
        "{}",
        terminal.seen
    );
    terminal.answer("");
    terminal.expect("Envoyer ce message ?");
    terminal.answer("n");
    let (code, rest) = terminal.finish();
    assert_eq!(code, 2, "{rest}");

    // The Chinese and the Spanish names find it too; this one is sent.
    for typed in ["摩洛哥", "marruecos"] {
        let mut terminal = fra.on_terminal(&send);
        terminal.expect("Destinataire (");
        terminal.answer(typed);
        terminal.expect("Objet (");
        assert!(
            terminal
                .seen
                .contains("Destinataire : MAR.technical, Maroc, "),
            "{typed}: {}",
            terminal.seen
        );
        terminal.answer("");
        terminal.expect("Envoyer ce message ?");
        let send = typed == "marruecos";
        terminal.answer(if send { "o" } else { "n" });
        let (code, rest) = terminal.finish();
        assert_eq!(code, if send { 0 } else { 2 }, "{typed}: {rest}");
    }
    let received = messages(&net.poc("MAR.technical").json(&["inbox"]));
    let from_fra: Vec<_> = received
        .iter()
        .filter(|m| m["from"] == "FRA.technical")
        .collect();
    assert_eq!(from_fra.len(), 1, "{received:?}");
    assert!(messages(&net.poc("MEX.technical").json(&["inbox"]))
        .iter()
        .all(|m| m["from"] != "FRA.technical"));
}

#[test]
fn directory_show_and_list_name_the_state_in_the_readers_language() {
    let net = Network::setup(&["FRA.technical", "MAR.technical"]);
    let fra = net.poc("FRA.technical");

    let shown = poc_plain(fra, &["directory", "show", "mar.technical"]);
    let line = shown
        .ok()
        .stdout
        .lines()
        .find(|l| l.starts_with(&screens::directory_entry_state(Lang::Fr)))
        .unwrap_or_default()
        .to_owned();
    assert!(line.ends_with(" Maroc"), "{}", shown.stdout);
    // An organisation that is not a State has no State line.
    let custodian = poc_plain(fra, &["directory", "show", "UNODA.custodian"]);
    assert!(
        !custodian
            .ok()
            .stdout
            .contains(&screens::directory_entry_state(Lang::Fr)),
        "{}",
        custodian.stdout
    );

    let listed = poc_plain(fra, &["directory", "list"]);
    let text = &listed.ok().stdout;
    let header = text.lines().next().unwrap_or_default();
    assert!(
        header.contains(&screens::directory_column_state(Lang::Fr)),
        "{text}"
    );
    for (id, state) in [("MAR.technical", "Maroc"), ("FRA.technical", "France")] {
        let row = text.lines().find(|l| l.starts_with(id)).unwrap_or_default();
        let cells: Vec<&str> = row.split("  ").filter(|c| !c.is_empty()).collect();
        assert_eq!(cells.get(1).map(|c| c.trim()), Some(state), "{text}");
    }
}

/// Starts a one-hour ping campaign to MEX.technical by a custodian whose clock says
/// `started_at`; returns the ping's deadline.
async fn ping_mex(net: &Network, started_at: u64) -> u64 {
    let custodian = net
        .custodian
        .unlock()
        .unwrap()
        .with_clock(ManualClock::at(started_at).clock());
    let started = ops::online(&custodian, async |client| {
        let directory = ops::require_directory(&custodian)?;
        let options = ping::CampaignOptions {
            all: false,
            to: vec!["MEX.technical".into()],
            role: None,
            deadline_secs: 3600,
            exercise: false,
            note: None,
        };
        ping::start(&custodian, client, &directory, &options, &mut |_, _| {}).await
    })
    .await
    .unwrap();
    started.deadline.0
}

/// The id of the ping whose `deadline` field is `deadline`, from MEX's inbox.
fn ping_with_deadline(mex: &PocHome, deadline: u64) -> String {
    let inbox = mex.json(&["inbox"]);
    let pings: Vec<String> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "ping")
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    pings
        .into_iter()
        .find(|id| {
            let read = mex.json(&["read", &id[..12]]);
            read["ping"]["deadline"].as_str() == Some(Timestamp(deadline).text().as_str())
        })
        .unwrap_or_else(|| panic!("no ping with deadline {deadline}: {inbox}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn read_json_of_a_ping_gives_its_deadline_and_whether_it_is_late() {
    let net = tokio::task::spawn_blocking(|| Network::setup(&["MEX.technical", "FRA.technical"]))
        .await
        .unwrap();
    let mex = net.poc("MEX.technical");
    let now = Clock::system().now();
    // One started two hours ago (its deadline passed an hour ago), one just now.
    let late_deadline = ping_mex(&net, now - 7200).await;
    let due_deadline = ping_mex(&net, now).await;

    let late = ping_with_deadline(mex, late_deadline);
    let read = mex.json(&["read", &late[..12]]);
    assert_eq!(
        unix_seconds(&read["ping"]["deadline"]),
        late_deadline,
        "{read}"
    );
    assert_eq!(read["ping"]["late"], true, "{read}");
    assert!(read["ping"]["answered_at"].is_null(), "{read}");

    let due = ping_with_deadline(mex, due_deadline);
    let read = mex.json(&["read", &due[..12]]);
    assert_eq!(
        unix_seconds(&read["ping"]["deadline"]),
        due_deadline,
        "{read}"
    );
    assert_eq!(read["ping"]["late"], false, "{read}");
    assert!(read["ping"]["answered_at"].is_null(), "{read}");

    // Answered (late): no longer late to answer, and when it was answered.
    let acked = mex.json(&["ack", &late[..12]]);
    assert_eq!(acked["sent"].as_array().unwrap().len(), 1, "{acked}");
    let read = mex.json(&["read", &late[..12]]);
    assert_eq!(read["ping"]["late"], false, "{read}");
    let answered = unix_seconds(&read["ping"]["answered_at"]);
    assert!(answered > late_deadline, "{read}");

    // A message that is not a ping has `"ping": null`.
    net.poc("FRA.technical")
        .send_text("MEX.technical", "bonjour")
        .ok();
    let inbox = mex.json(&["inbox"]);
    let text = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["type"] == "text")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let read = mex.json(&["read", &text[..12]]);
    assert!(
        read.as_object().unwrap().contains_key("ping") && read["ping"].is_null(),
        "{read}"
    );
}

/// The lines `child` prints on stdout, as they come.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The cells of a line: what two spaces or more separate.
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn a_watch_line_has_the_unread_marker_and_the_cells_of_the_listing() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let (fra, mex) = (net.poc("FRA.technical"), net.poc("MEX.technical"));
    let mut watch = Command::new(&bins().poc)
        .arg("--home")
        .arg(&mex.dir)
        .args(["inbox", "--watch"])
        .env("POC_PASSPHRASE", &mex.passphrase)
        .env("TZ", "UTC0")
        .env_remove("POC_HOME")
        .env_remove("POC_RETRY_FOR")
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = lines_of(&mut watch);
    // Whether the watch is connected yet or not, it reports the arrival: the envelope waits
    // at the relay until the watch fetches.
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "high",
        "--field",
        "text=Rançongiciel au port",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    let short = &id[..12];
    let until = Instant::now() + Duration::from_secs(60);
    let watched = loop {
        let left = until.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(short) => break line,
            Ok(_) => continue,
            Err(_) => panic!("no line with {short} within 60 s"),
        }
    };
    let _ = watch.kill();
    let _ = watch.wait();

    assert!(
        watched.starts_with(&screens::inbox_unread(Lang::Fr)),
        "{watched}"
    );
    let listed = poc_plain(mex, &["inbox", "--offline"]);
    let line = listed
        .ok()
        .stdout
        .lines()
        .find(|l| l.contains(short))
        .unwrap_or_default()
        .to_owned();
    assert_eq!(cells(&watched), cells(&line), "{}", listed.stdout);
}
