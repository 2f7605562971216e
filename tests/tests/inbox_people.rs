//! The inbox for people through the real binaries and a real relay: new messages are marked
//! until `poc read` shows them, the newest comes first within a priority, the received time
//! is in the reader's time zone (`TZ`), and a custodian ping read after its deadline says it
//! is late and how to answer; a second answer to it sends nothing and says the first stands.
//! Messages and pings are sent in process by senders whose clocks are set in the past, so
//! nothing waits for a deadline.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};

use poc_client::clock::{Clock, ManualClock};
use poc_client::i18n::{screens, Lang};
use poc_client::json::Timestamp;
use poc_client::ops::{self, ping, send::Outgoing};
use poc_proto::{MessageKind, Priority, TextMessage, Tlp};
use poc_tests::{bins, unix_seconds, Network, PocHome, Run};

/// Runs `poc --home DIR ARGS` with `env` set (and `NO_COLOR`, `COLUMNS`, `TZ` cleared first).
fn poc_env(home: &PocHome, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = Command::new(&bins().poc);
    command
        .arg("--home")
        .arg(&home.dir)
        .args(args)
        .env("POC_PASSPHRASE", &home.passphrase)
        .env_remove("POC_HOME")
        .env_remove("POC_RETRY_FOR")
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("TZ")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    Run::of(command.output().expect("running poc"))
}

/// Unix seconds as the inbox shows them in a zone `offset_hours` east of UTC.
fn local(unix: u64, offset_hours: u64) -> String {
    let utc = Timestamp(unix + offset_hours * 3600).to_string();
    utc[..16].replace('T', " ")
}

/// Sends a low or high text message `subject` from `from` to `to`, signed at `at`.
async fn send_at(home: &PocHome, to: &str, subject: &str, priority: Priority, at: u64) {
    let identity = home
        .unlock()
        .unwrap()
        .with_clock(ManualClock::at(at).clock());
    let outgoing = Outgoing {
        to: vec![to.parse().unwrap()],
        priority,
        tlp: Tlp::Green,
        language: None,
        exercise: false,
        thread: None,
        ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
        kind: MessageKind::Text(TextMessage {
            subject: Some(subject.into()),
            text: format!("{subject}, in full"),
        }),
        attachments: Vec::new(),
    };
    ops::online(&identity, async |client| {
        let directory = ops::require_directory(&identity)?;
        ops::send::send(&identity, client, &directory, &outgoing).await
    })
    .await
    .unwrap();
}

/// The listing's data lines (after the header) holding one of `subjects`, in order.
fn order<'a>(listing: &str, subjects: &[&'a str]) -> Vec<&'a str> {
    listing
        .lines()
        .filter_map(|line| subjects.iter().find(|s| line.contains(**s)).copied())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn new_messages_are_marked_until_read_newest_first_with_the_local_received_time() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let now = Clock::system().now();
    send_at(fra, "MEX.technical", "older low", Priority::Low, now - 600).await;
    send_at(
        fra,
        "MEX.technical",
        "the high one",
        Priority::High,
        now - 590,
    )
    .await;
    send_at(fra, "MEX.technical", "newer low", Priority::Low, now - 580).await;

    let tokyo = [("TZ", "JST-9")];
    let listing = poc_env(mex, &tokyo, &["inbox", "--color", "never"]);
    listing.ok();
    let text = &listing.stdout;
    let subjects = ["older low", "the high one", "newer low"];
    // High first; within low, the newest first.
    assert_eq!(
        order(text, &subjects),
        ["the high one", "newer low", "older low"],
        "{text}"
    );
    // Headers in the reader's language (MEX reads French), no colour asked for, none given.
    let header = text.lines().find(|l| l.contains("PRIORITÉ")).unwrap();
    assert!(
        header.contains(&screens::inbox_received_column(Lang::Fr)),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "{text:?}");

    let inbox = mex.json(&["inbox", "--offline"]);
    let items = inbox["items"].as_array().unwrap();
    let id_of = |summary: &str| {
        items.iter().find(|i| i["summary"] == summary).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let unread = screens::inbox_unread(Lang::Fr);
    for item in items {
        assert_eq!(item["read"], false, "{item}");
        let id = &item["id"].as_str().unwrap()[..12];
        let line = text.lines().find(|l| l.contains(id)).unwrap();
        // Marked new, with the time it arrived in Tokyo time.
        assert!(line.starts_with(&unread), "{line}");
        let received = local(unix_seconds(&item["fetched_at"]), 9);
        assert!(line.contains(&received), "{received} not in {line}");
    }

    // Read one: only that one loses the marker, in the listing and in JSON.
    let newer = id_of("newer low");
    mex.poc(&["read", &newer[..12]]).ok();
    let again = poc_env(mex, &tokyo, &["inbox", "--offline", "--color", "never"]);
    again.ok();
    for line in again
        .stdout
        .lines()
        .filter(|l| l.contains("low") || l.contains("high"))
    {
        assert_eq!(
            line.starts_with(&unread),
            !line.contains(&newer[..12]),
            "{}",
            again.stdout
        );
    }
    let inbox = mex.json(&["inbox", "--offline"]);
    for item in inbox["items"].as_array().unwrap() {
        assert_eq!(item["read"], item["id"] == newer.as_str(), "{item}");
        assert_eq!(item["read_at"].is_string(), item["id"] == newer.as_str());
    }

    // Colour only when asked for (stdout here is a pipe), and then HIGH stands out.
    let coloured = poc_env(mex, &[], &["inbox", "--offline", "--color", "always"]);
    assert!(
        coloured.ok().stdout.contains("\u{1b}[1;31m"),
        "{coloured:?}"
    );
    let auto = poc_env(mex, &[], &["inbox", "--offline"]);
    assert!(!auto.ok().stdout.contains('\u{1b}'), "{auto:?}");
    // A narrow terminal: every line fits, ids whole.
    let narrow = poc_env(mex, &[("COLUMNS", "120")], &["inbox", "--offline"]);
    for line in narrow.ok().stdout.lines() {
        assert!(line.chars().count() <= 120, "{line}");
    }
    assert!(narrow.stdout.contains(&newer[..12]), "{}", narrow.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_late_ping_says_so_and_how_to_answer_and_a_second_answer_warns() {
    let net = Network::setup(&["MEX.technical"]);
    let mex = net.poc("MEX.technical");
    // The custodian's clock is two hours behind: the one-hour deadline passed an hour ago.
    let started_at = Clock::system().now() - 7200;
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
    let deadline = started.deadline.0;

    let inbox = mex.json(&["inbox"]);
    let ping = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["type"] == "ping")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let short = &ping[..12];

    let utc = [("TZ", "UTC0")];
    let read = poc_env(mex, &utc, &["read", short]);
    let late = screens::read_ping_late(Lang::Fr, short, &local(deadline, 0));
    assert!(read.ok().stdout.contains(&late), "{late}\n{}", read.stdout);

    let first = mex.json(&["ack", short]);
    assert_eq!(first["sent"].as_array().unwrap().len(), 1, "{first}");
    assert!(first["already_answered_at"].is_null(), "{first}");
    let listed = mex.json(&["inbox", "--offline"]);
    let item = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == ping.as_str())
        .unwrap();
    let acked_at = unix_seconds(&item["acked_at"]);

    // Read again: answered, and when.
    let read = poc_env(mex, &utc, &["read", short]);
    let answered = screens::read_ping_answered(Lang::Fr, &local(acked_at, 0));
    assert!(read.ok().stdout.contains(&answered), "{}", read.stdout);

    // A second ack sends nothing and says the first answer stands.
    let second = poc_env(mex, &utc, &["ack", short]);
    let warning = screens::ack_ping_already(Lang::Fr, &local(acked_at, 0));
    assert!(second.ok().stderr.contains(&warning), "{second:?}");
    assert!(second.stdout.trim().is_empty(), "{second:?}");
    let second = mex.json(&["ack", short]);
    assert!(second["sent"].as_array().unwrap().is_empty(), "{second}");
    assert_eq!(unix_seconds(&second["already_answered_at"]), acked_at);
}
