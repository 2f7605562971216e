//! The screens of `poc` through the real binaries: a PoC whose entry lists French first reads
//! the commands' output in French; `ping status` and `ping report` print the fetch's warning
//! when the custodian's mailbox turned acknowledgements away; `ping report --out FILE
//! --format json` writes a document that names the file.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use poc_client::i18n::screens::{self, Column};
use poc_client::i18n::{Lang, Translated};
use poc_tests::raw::set_config;
use poc_tests::{Network, PocHome};

const POCS: [&str; 3] = ["FRA.technical", "MEX.technical", "GHA.technical"];

/// The envelope id of the ping of `campaign` in a PoC's inbox.
fn ping_of(home: &PocHome, campaign: &str) -> String {
    let inbox = home.json(&["inbox"]);
    for item in inbox["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        if item["type"] == "ping" && home.json(&["read", id])["fields"]["campaign"] == campaign {
            return id.to_owned();
        }
    }
    panic!("no ping of campaign {campaign} in {inbox}");
}

/// Starts a campaign to every PoC and has each acknowledge it; with the custodian's mailbox
/// limited to two envelopes, the last acknowledgement is refused (its sender is told).
fn campaign_answered_into_a_full_mailbox(net: &Network) -> String {
    let started = net
        .custodian
        .json(&["ping", "start", "--all", "--deadline", "1h"]);
    let campaign = started["campaign"].as_str().unwrap().to_owned();
    for id in POCS {
        let home = net.poc(id);
        let ping = ping_of(home, &campaign);
        let _ = home.poc(&["ack", &ping]);
    }
    campaign
}

#[test]
fn a_french_reader_reads_the_directory_list_in_french() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    // Every PoC of the harness lists French first (`--lang fr,en`).
    let fra = net.poc("FRA.technical");
    let listing = fra.json(&["directory", "list"]);
    let count = listing["entries"].as_array().unwrap().len() as u64;
    let serial = listing["serial"].as_u64().unwrap();
    let text = fra.poc(&["directory", "list"]);
    text.ok();
    let french = screens::directory_listed(Lang::Fr, count, serial);
    assert!(
        text.stdout.contains(&french) && text.stdout.contains(Column::Fingerprint.text(Lang::Fr)),
        "expected `{french}`:\n{}",
        text.stdout
    );
    assert!(!text.stdout.contains("directory serial"), "{}", text.stdout);
}

#[test]
fn ping_status_and_report_warn_of_a_full_mailbox_and_the_report_file_names_itself() {
    let mut net = Network::setup(&POCS);
    // Room for the directory notice and the ping in each PoC's mailbox (both from the
    // custodian, so one sender may fill it), and for two of the three acknowledgements in
    // the custodian's.
    set_config(&net.relay.config, "mailbox_max_envelopes", "2");
    set_config(&net.relay.config, "mailbox_sender_share_percent", "100");
    set_config(&net.relay.config, "custodian_mailbox_max_envelopes", "2");
    net.relay.restart();
    let campaign = campaign_answered_into_a_full_mailbox(&net);
    // The custodian (English: no languages in its entry) learns it at the next fetch, once.
    let status = net.custodian.poc(&["ping", "status", &campaign]);
    status.ok();
    assert!(
        status
            .stderr
            .contains("warning: your mailbox at the relay was full: ")
            && status.stderr.contains("refused"),
        "{}",
        status.stderr
    );
    let again = net.custodian.poc(&["ping", "status", &campaign]);
    again.ok();
    assert!(!again.stderr.contains("refused"), "{}", again.stderr);

    // The same for `ping report`, with a second campaign.
    let campaign = campaign_answered_into_a_full_mailbox(&net);
    let out = net.root.path().join("report.json");
    let out_text = out.to_str().unwrap();
    let report = net.custodian.poc(&[
        "ping", "report", &campaign, "--out", out_text, "--format", "json",
    ]);
    report.ok();
    assert!(
        report
            .stderr
            .contains("warning: your mailbox at the relay was full: "),
        "{}",
        report.stderr
    );
    assert_eq!(
        report.stdout,
        format!("{}\n", screens::ping_report_written(Lang::En, out_text))
    );
    // The document written names the file it is in, as the one printed with --json does.
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    poc_tests::check_document(&written);
    assert_eq!(written["out"], out_text, "{written}");
    let again = net.root.path().join("report-again.json");
    let printed = net.custodian.json(&[
        "ping",
        "report",
        &campaign,
        "--out",
        again.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(printed["out"], again.to_str().unwrap(), "{printed}");
}
