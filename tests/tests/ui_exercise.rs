//! The custodian's exercises in `poc ui`, over HTTP as the pages send it, through a real
//! relay: a short scenario at high speed previewed (nothing sent), then run in the background
//! while its status page is polled, answered by one PoC's command line, and reported on time
//! for it and missing for the silent one, with the same figures as `poc exercise report`;
//! malformed scenarios refused with a translated sentence and nothing sent; no exercise pages
//! in a home that is not the custodian's.

use std::time::{Duration, Instant};

use poc_client::i18n::{Lang, Translated};
use poc_client::ui::pages::exercise_words::ExerciseText;
use poc_tests::ui::{form_encode, HttpResponse, Session, UiProcess};
use poc_tests::{Network, PocHome};

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

/// At speed 60: inject 1 leaves at once for MEX (100 hours to acknowledge); inject 2 leaves
/// one second later for COL, with one second to acknowledge.
const SCENARIO: &str = r#"
name = "Port drill"
description = "Technical PoCs acknowledge a high-priority notice."
[[inject]]
at = "0s"
to = ["MEX.technical"]
type = "incident"
priority = "high"
expect = "ack"
deadline = "6000h"
[inject.fields]
summary = "EXERCISE: ransomware at a port"

[[inject]]
at = "60s"
to = ["COL.technical"]
type = "incident"
priority = "high"
expect = "ack"
deadline = "60s"
[inject.fields]
summary = "EXERCISE: ransomware at a second port"
"#;

/// The longest a test waits for something the UI does in the background.
const PATIENCE: Duration = Duration::from_secs(60);

fn multipart(scenario: &str, speed: &str) -> (String, Vec<u8>) {
    let boundary = "poc-test-boundary-e1c5";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"scenario\"\r\n\r\n{scenario}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"speed\"\r\n\r\n{speed}\r\n--{boundary}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

fn preview(ui: &UiProcess, session: &Session, scenario: &str, speed: &str) -> HttpResponse {
    let (content_type, body) = multipart(scenario, speed);
    ui.as_page(
        session,
        "POST",
        "/exercises/preview",
        &[("Content-Type", &content_type)],
        &body,
    )
}

fn run(ui: &UiProcess, session: &Session, scenario: &str, speed: &str) -> HttpResponse {
    let body = format!(
        "scenario={}&speed={}",
        form_encode(scenario),
        form_encode(speed)
    );
    ui.as_page(session, "POST", "/exercises/run", &[FORM], body.as_bytes())
}

/// The exercise envelopes in a PoC's inbox.
fn injects(home: &PocHome) -> Vec<String> {
    home.json(&["inbox"])["items"]
        .as_array()
        .expect("the inbox items")
        .iter()
        .filter(|i| i["exercise"] == true)
        .map(|i| i["id"].as_str().expect("an envelope id").to_owned())
        .collect()
}

/// The verdict class of PoC `id`'s row in a page of results.
fn verdict_of(page: &str, id: &str) -> String {
    let start = page
        .find(&format!("data-poc=\"{id}\""))
        .unwrap_or_else(|| panic!("no row of {id} in {page}"));
    page[start..]
        .split("data-verdict=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

/// Asks `page` again until `done` holds of it (at most [`PATIENCE`]).
fn poll(ui: &UiProcess, session: &Session, path: &str, done: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let page = ui.as_page(session, "GET", path, &[], b"");
        assert_eq!(page.status, 200, "{path}: {}", page.text());
        let text = page.text();
        if done(&text) {
            return text;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{path} never got there: {text}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_custodian_runs_an_exercise_from_the_browser_and_reads_its_report() {
    let net = Network::setup(&["MEX.technical", "COL.technical"]);
    let mex = net.poc("MEX.technical");
    let col = net.poc("COL.technical");
    let ui = UiProcess::start(&net.custodian);
    let session = ui.admit();
    ui.unlock(&session, &net.custodian.passphrase);

    let list = ui.as_page(&session, "GET", "/exercises", &[], b"");
    assert_eq!(list.status, 200, "{}", list.text());
    assert!(list.text().contains("href=\"/exercises\""));
    assert!(list.text().contains("hx-post=\"/exercises/preview\""));

    // The preview shows who gets what, and when; nothing has left.
    let shown = preview(&ui, &session, SCENARIO, "60");
    assert_eq!(shown.status, 200, "{}", shown.text());
    let shown = shown.text();
    assert_eq!(shown.matches("class=\"inject\"").count(), 2, "{shown}");
    assert!(
        shown.contains("MEX.technical") && shown.contains("COL.technical"),
        "{shown}"
    );
    assert!(shown.contains("hx-post=\"/exercises/run\""), "{shown}");
    assert!(injects(mex).is_empty() && injects(col).is_empty());
    assert!(net.custodian.json(&["exercise", "list"])["exercises"]
        .as_array()
        .expect("the exercises")
        .is_empty());

    // Confirmed: the exercise runs in the background; its page refreshes itself.
    let started = run(&ui, &session, SCENARIO, "60");
    let to = started
        .header("hx-redirect")
        .unwrap_or_else(|| panic!("to the exercise: {started:?}"))
        .to_owned();
    let id = to.trim_start_matches("/exercises/").to_owned();
    assert_eq!(id.len(), 32, "{to}");
    let page = ui.as_page(&session, "GET", &to, &[], b"");
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains(&format!(
        "hx-get=\"/exercises/{id}/status\" hx-trigger=\"every 3s\""
    )));
    // Other pages answer while it runs.
    assert_eq!(ui.as_page(&session, "GET", "/", &[], b"").status, 200);

    let status = format!("/exercises/{id}/status");
    poll(&ui, &session, &status, |s| {
        s.contains("id=\"sent\">2<") && s.contains("id=\"due\">2<")
    });
    let listed = ui.as_page(&session, "GET", "/exercises", &[], b"").text();
    assert!(
        listed.contains(&id) && listed.contains("Port drill"),
        "{listed}"
    );

    // MEX acknowledges from its command line; COL stays silent.
    let mex_injects = injects(mex);
    assert_eq!(mex_injects.len(), 1, "{mex_injects:?}");
    assert_eq!(injects(col).len(), 1);
    mex.poc(&["ack", &mex_injects[0]]).ok();

    // COL's second (compressed) deadline passes: missing; MEX's answer is on time.
    let report_path = format!("/exercises/{id}/report");
    let report = poll(&ui, &session, &report_path, |r| {
        verdict_of(r, "COL.technical") == "missing" && verdict_of(r, "MEX.technical") == "met"
    });
    let cli = net.custodian.json(&["exercise", "report", &id]);
    assert_eq!(cli["met"], 1, "{cli}");
    let met = poc_client::i18n::screens::exercise_expectations_met(
        poc_client::ops::directory::home_lang(&poc_client::home::Home::new(&net.custodian.dir)),
        1,
        2,
    );
    assert!(report.contains(&met), "{report}");

    // The JSON to download is the command line's document.
    let json = ui.as_page(&session, "GET", &format!("{report_path}.json"), &[], b"");
    assert_eq!(json.status, 200, "{}", json.text());
    assert!(json
        .header("content-disposition")
        .is_some_and(|d| d.contains("attachment")));
    let downloaded: serde_json::Value = serde_json::from_str(&json.text()).expect("JSON");
    assert_eq!(downloaded, cli);
}

#[test]
fn a_malformed_scenario_is_refused_with_a_translated_sentence_and_sends_nothing() {
    let net = Network::setup(&["MEX.technical"]);
    let mex = net.poc("MEX.technical");
    let ui = UiProcess::start(&net.custodian);
    let session = ui.admit();
    ui.unlock(&session, &net.custodian.passphrase);
    let lang = ui.as_page(&session, "POST", "/lang", &[FORM], b"lang=fr");
    assert!(lang.status < 400, "{lang:?}");

    let cases = [
        ("name = \"x\"\n[[inject]\n", ExerciseText::FaultToml),
        (
            &SCENARIO.replace("COL.technical", "ZZZ.technical")[..],
            ExerciseText::FaultRecipients,
        ),
        (
            &SCENARIO.replace("deadline = \"60s\"", "deadline = \"soon\"")[..],
            ExerciseText::FaultDuration,
        ),
    ];
    for (scenario, fault) in cases {
        let sentence = fault.text(Lang::Fr);
        for refused in [
            preview(&ui, &session, scenario, "60"),
            run(&ui, &session, scenario, "60"),
        ] {
            assert_eq!(refused.status, 422, "{}", refused.text());
            assert!(
                refused.text().contains(sentence),
                "{sentence}: {}",
                refused.text()
            );
        }
    }
    let empty = preview(&ui, &session, "  ", "60");
    assert_eq!(empty.status, 422);
    assert!(empty.text().contains(ExerciseText::Empty.text(Lang::Fr)));
    let speed = run(&ui, &session, SCENARIO, "fast");
    assert_eq!(speed.status, 422);
    assert!(speed.text().contains(ExerciseText::BadSpeed.text(Lang::Fr)));

    // Nothing left and no exercise was recorded.
    assert!(injects(mex).is_empty());
    assert!(net.custodian.json(&["exercise", "list"])["exercises"]
        .as_array()
        .expect("the exercises")
        .is_empty());
}

#[test]
fn a_home_that_is_not_the_custodians_has_no_exercise_pages() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let home = net.poc("FRA.technical");
    let ui = UiProcess::start(home);
    let session = ui.admit();
    ui.unlock(&session, &home.passphrase);
    let inbox = ui.as_page(&session, "GET", "/", &[], b"");
    assert_eq!(inbox.status, 200);
    assert!(!inbox.text().contains("href=\"/exercises\""));
    for path in [
        "/exercises",
        "/exercises/00112233445566778899aabbccddeeff/report",
    ] {
        let page = ui.as_page(&session, "GET", path, &[], b"");
        assert_eq!(page.status, 404, "{path}");
    }
    let started = run(&ui, &session, SCENARIO, "60");
    assert_eq!(started.status, 404, "{}", started.text());
    assert!(injects(net.poc("MEX.technical")).is_empty());
}

/// The command line checks the scenario the same way: a recipient of a later inject that is
/// not in the directory stops the exercise before its first inject leaves.
#[test]
fn the_command_line_sends_nothing_when_a_later_recipient_is_unknown() {
    let net = Network::setup(&["MEX.technical"]);
    let scenario = net.root.path().join("scenario.toml");
    std::fs::write(
        &scenario,
        SCENARIO.replace("COL.technical", "ZZZ.technical"),
    )
    .expect("the scenario");
    let run = net.custodian.poc(&[
        "--json",
        "exercise",
        "run",
        scenario.to_str().expect("a path"),
        "--speed",
        "60",
    ]);
    let error = run.json_error();
    assert!(
        injects(net.poc("MEX.technical")).is_empty(),
        "inject 1 left before inject 2 was refused: {error}"
    );
    assert_eq!(run.code, 2, "{error}");
    let sentence = error["error"].as_str().expect("the error");
    assert!(
        sentence.contains("inject 2") && sentence.contains("ZZZ.technical"),
        "{sentence}"
    );
}

/// The run does not keep the key open: an inject due while the identity is locked waits, and
/// leaves once the custodian unlocks again.
#[test]
fn an_inject_due_while_the_identity_is_locked_leaves_after_the_unlock() {
    let net = Network::setup(&["MEX.technical", "COL.technical"]);
    let col = net.poc("COL.technical");
    let ui = UiProcess::start(&net.custodian);
    let session = ui.admit();
    ui.unlock(&session, &net.custodian.passphrase);
    // At speed 60, inject 2 is due five seconds after the start.
    let scenario = SCENARIO.replace("at = \"60s\"", "at = \"300s\"");
    let started_at = Instant::now();
    let started = run(&ui, &session, &scenario, "60");
    let to = started
        .header("hx-redirect")
        .unwrap_or_else(|| panic!("to the exercise: {started:?}"))
        .to_owned();
    let status = format!("{to}/status");
    poll(&ui, &session, &status, |s| s.contains("id=\"sent\">1<"));
    let locked = ui.as_page(&session, "POST", "/lock", &[], b"");
    assert!(locked.status < 400, "{locked:?}");

    // Past its time, inject 2 has not left: the key is locked.
    let due = Duration::from_secs(6);
    std::thread::sleep(due.saturating_sub(started_at.elapsed()));
    assert!(injects(col).is_empty(), "inject 2 left while locked");
    let page = ui.as_page(&session, "GET", &status, &[], b"");
    assert_eq!(page.header("hx-redirect"), Some("/unlock"), "{page:?}");

    // Unlocked again, it leaves.
    ui.unlock(&session, &net.custodian.passphrase);
    poll(&ui, &session, &status, |s| s.contains("id=\"sent\">2<"));
    assert_eq!(injects(col).len(), 1);
}
