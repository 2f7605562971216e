//! A relay that cannot be reached, and a directory that arrives already expired, through the
//! real binaries: the first line on stderr names the relay being connected to and the final
//! error says that nothing was sent or fetched; `inbox --watch --on-lost` runs its command
//! once the relay has been unreachable for `--lost-after`; the passphrase can come from an
//! owner-only file; a newer directory that arrived expired leaves the valid one in force, so
//! sending still works, with a warning. No test waits for a fixed time: they wait for a line
//! or a file, within a bound.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use poc_client::i18n::{screens, Lang};
use poc_tests::{bins, Network, Run};

/// Every PoC of the harness lists French first, so its lines on stderr are in French.
const FR: Lang = Lang::Fr;

#[test]
fn a_command_that_cannot_reach_the_relay_says_so_first_and_that_nothing_was_sent() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let address = net.relay.address.clone();
    net.relay.kill();
    // The port receives and never answers: every handshake waits until it is cut.
    let _silent = std::net::UdpSocket::bind(&address).unwrap();

    let sent = fra.poc(&[
        "--retry-for",
        "2s",
        "--json",
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=never sent",
    ]);
    println!("stderr of poc send:\n{}", sent.stderr);
    assert_eq!(sent.code, 2, "{}", sent.stderr);
    let lines: Vec<&str> = sent.stderr.lines().collect();
    assert_eq!(
        lines[0],
        screens::connecting_relay(FR, &address),
        "{}",
        sent.stderr
    );
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("error: cannot connect to the relay at")
            && last.ends_with(
                "; nothing was sent: run the same command again once the relay is reachable"
            ),
        "{last}"
    );
    // The JSON error document says it too; stdout holds nothing else.
    let document = sent.json_error();
    assert!(
        document["error"]
            .as_str()
            .unwrap()
            .contains("; nothing was sent: "),
        "{document}"
    );

    let fetched = mex.poc(&["--retry-for", "1s", "inbox"]);
    assert_eq!(fetched.code, 2, "{}", fetched.stderr);
    assert_eq!(
        fetched.stderr.lines().next().unwrap(),
        screens::connecting_relay(FR, &address)
    );
    assert!(
        fetched
            .stderr
            .contains("; nothing was fetched, the local copies are unchanged: "),
        "{}",
        fetched.stderr
    );
}

#[test]
fn the_watcher_runs_on_lost_once_the_relay_has_been_unreachable_for_lost_after() {
    let mut net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let address = net.relay.address.clone();
    let marker = net.root.path().join("relay-lost");
    let on_lost = format!("echo \"$POC_RELAY\" > '{}'", marker.display());
    let mut watch = fra.spawn(&[
        "--retry-for",
        "1s",
        "inbox",
        "--watch",
        "--lost-after",
        "2s",
        "--on-lost",
        &on_lost,
    ]);
    let mut stderr = BufReader::new(watch.stderr.take().unwrap());
    let connected = screens::watch_connected(FR, &address);
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).unwrap();
        seen.push_str(&line);
        assert!(read > 0, "the watcher stopped before connecting:\n{seen}");
        if line.trim_end() == connected {
            break;
        }
    }
    assert!(!marker.exists(), "not run while the relay is reached");

    net.relay.kill();
    let deadline = Instant::now() + Duration::from_secs(90);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "--on-lost did not run after the relay stopped"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Its environment named the relay.
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_to_string(&marker).unwrap().trim() != address {
        assert!(Instant::now() < deadline, "POC_RELAY was not the relay");
        std::thread::sleep(Duration::from_millis(50));
    }
    watch.kill().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let _ = watch.wait();
    println!("stderr of poc inbox --watch:\n{seen}{rest}");
    let lost = screens::relay_lost(FR, &address, 2);
    let lost_prefix = lost.split("2").next().unwrap();
    assert!(
        rest.lines().filter(|l| l.starts_with(lost_prefix)).count() == 1,
        "the loss is logged once:\n{rest}"
    );
}

#[test]
fn the_passphrase_can_come_from_an_owner_only_file_and_no_other() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let file = net.root.path().join("passphrase");
    std::fs::write(&file, format!("{}\n", fra.passphrase)).unwrap();
    let run = |mode: u32| {
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        Run::of(
            Command::new(&bins().poc)
                .arg("--home")
                .arg(&fra.dir)
                .args(["--json", "inbox", "--offline"])
                .env("POC_PASSPHRASE_FILE", &file)
                .env_remove("POC_PASSPHRASE")
                .env_remove("POC_HOME")
                .stdin(Stdio::null())
                .output()
                .unwrap(),
        )
    };
    for mode in [0o600, 0o400] {
        let read = run(mode);
        assert_eq!(read.code, 0, "mode {mode:o}: {}", read.stderr);
        read.document();
    }
    let refused = run(0o644);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("has mode 0644")
            && refused
                .stderr
                .contains(&format!("chmod 600 {}", file.display())),
        "{}",
        refused.stderr
    );
}

#[test]
fn a_directory_that_arrives_expired_leaves_the_valid_one_in_force_and_sending_works() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    // The custodian publishes serial 2 with a clock two days behind and one day of
    // validity: it has expired by the time anyone receives it.
    let now = poc_client::clock::Clock::system().now();
    let issued = now - 2 * 86_400;
    let custodian = net
        .custodian
        .unlock()
        .unwrap()
        .with_clock(poc_client::clock::ManualClock::at(issued).clock());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let published = runtime
        .block_on(poc_client::ops::custodian::publish(&custodian, 86_400))
        .unwrap();
    assert_eq!(published.serial, 2);

    let sent = fra.send_text("MEX.technical", "sent with the valid directory");
    println!("stderr of poc send:\n{}", sent.stderr);
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    let warning =
        screens::directory_offered_expired(FR, 2, &poc_client::render::time(issued + 86_400), 1);
    assert!(sent.stderr.lines().any(|l| l == warning), "{}", sent.stderr);
    // The valid directory stays in force: not replaced, not refused as a rollback.
    assert_eq!(fra.json(&["directory", "verify"])["serial"], 1);
    let texts: Vec<String> = poc_tests::messages(&mex.json(&["inbox"]))
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(texts.len(), 1, "delivered");
}
