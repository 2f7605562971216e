//! An exercise scenario run with compressed time by a controller in process on a manual clock
//! (the PoCs answer through the real binaries); the after-action report matches what each PoC
//! did. The commands run through the real binary too, and the example scenario shipped in
//! docs/ is checked to load.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use poc_client::clock::{Clock, ManualClock};
use poc_client::ops::{self, exercise};
use poc_tests::{Network, PocHome};

/// The injects in a PoC's inbox as (type, envelope id), sorted by type.
fn injects(home: &PocHome) -> Vec<(String, String)> {
    let inbox = home.json(&["inbox"]);
    let mut found: Vec<(String, String)> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["exercise"] == true)
        .map(|i| {
            (
                i["type"].as_str().unwrap().to_owned(),
                i["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

/// Runs an exercise in process on a manual clock (the controller's time is driven by the
/// test, nothing sleeps); the PoCs answer through the real binaries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exercise_runs_with_compressed_time_and_its_report_matches_what_happened() {
    let net = tokio::task::spawn_blocking(|| {
        Network::setup(&["FRA.technical", "MEX.technical", "COL.technical"])
    })
    .await
    .unwrap();
    let scenario = net.root.path().join("scenario.toml");
    // At speed 10: inject 2 leaves 3 s after inject 1; every deadline is 120 s.
    std::fs::write(
        &scenario,
        r#"
name = "Drill"
[[inject]]
at = "0s"
to = ["MEX.technical", "COL.technical"]
type = "incident"
priority = "high"
expect = "ack"
deadline = "1200s"
[inject.fields]
summary = "EXERCISE: port ransomware"

[[inject]]
at = "30s"
to = ["MEX", "COL"]
type = "assistance"
priority = "medium"
expect = "reply"
expect_status = "channelled"
deadline = "1200s"
[inject.fields]
nature = "investigation"
"#,
    )
    .unwrap();
    let (scenario, kinds) = exercise::Scenario::load(&scenario).unwrap();
    let manual = ManualClock::at(Clock::system().now());
    let start = manual.now();
    let start_millis = manual.now_millis();
    let controller = net
        .poc("FRA.technical")
        .unlock()
        .unwrap()
        .with_clock(manual.clock());

    let (sent_tx, mut sent_rx) = tokio::sync::mpsc::unbounded_channel();
    let drill = ops::online(&controller, async |client| {
        let directory = ops::require_directory(&controller)?;
        let mut log = |sent: &exercise::SentInject| {
            let _ = sent_tx.send(sent.clone());
        };
        let run = exercise::run(
            &controller,
            client,
            &directory,
            &scenario,
            &kinds,
            10,
            &mut log,
        );
        let drive = async {
            // Inject 1 leaves at once, to both PoCs.
            for _ in 0..2 {
                sent_rx.recv().await.unwrap();
            }
            // Inject 2 waits on the controller's clock for 3 s after the start, and does not
            // leave before.
            let until = tokio::select! {
                until = manual.sleeping() => until,
                early = sent_rx.recv() => panic!("inject 2 left before its time: {early:?}"),
            };
            assert_eq!(until, start_millis + 3_000);
            manual.advance(Duration::from_secs(3));
        };
        let (drill, ()) = tokio::join!(run, drive);
        drill
    })
    .await
    .unwrap();
    assert_eq!(drill.sent.len(), 4);
    assert_eq!(drill.injects.len(), 4);
    assert_eq!(drill.started_at.0, start);
    for (sent, envelope) in drill.injects.iter().zip(&drill.sent) {
        assert_eq!(sent.envelope, envelope.id, "{sent:?}");
        // Compressed tenfold: 30 s after the start, 1200 s to answer.
        let offset = if sent.inject == 1 { 0 } else { 3 };
        assert_eq!(sent.sent_at.0, start + offset, "{sent:?}");
        assert_eq!(sent.deadline.0, sent.sent_at.0 + 120, "{sent:?}");
    }
    let drill = exercise::find(&controller, Some(&drill.exercise)).unwrap();

    let mex = net.poc("MEX.technical");
    let col = net.poc("COL.technical");
    let mex_injects = injects(mex);
    let col_injects = injects(col);
    assert_eq!(mex_injects.len(), 2, "{mex_injects:?}");
    let shown = mex.poc(&["read", &mex_injects[1].1, "--lang", "en"]);
    assert!(
        shown.stdout.contains("*** EXERCISE ***"),
        "{}",
        shown.stdout
    );

    // MEX acknowledges the notice and channels the request; COL declines the request and
    // never acknowledges the notice.
    mex.json(&["ack", &mex_injects[1].1]);
    mex.json(&["reply", &mex_injects[0].1, "--status", "channelled"]);
    col.json(&["reply", &col_injects[0].1, "--status", "declined"]);

    let report = async || {
        ops::online(&controller, async |client| {
            ops::inbox::fetch(&controller, client).await
        })
        .await
        .unwrap();
        let directory = ops::require_directory(&controller).unwrap();
        let report = exercise::report(&controller, &directory, &drill).unwrap();
        move |inject: usize, to: &str| {
            let result = report
                .results
                .iter()
                .find(|r| r.sent.inject == inject && r.sent.to.to_string() == to)
                .unwrap_or_else(|| panic!("no result for inject {inject} to {to}"));
            serde_json::to_value(result.verdict).unwrap()
        }
    };
    // Before the deadline a missing acknowledgement is still pending.
    let verdict = report().await;
    assert_eq!(verdict(1, "MEX.technical"), "met");
    assert_eq!(verdict(1, "COL.technical"), "pending");

    // Once every (compressed) deadline has passed on the controller's clock.
    manual.set(start + 3 + 120 + 1);
    let verdict = report().await;
    assert_eq!(verdict(1, "MEX.technical"), "met");
    assert_eq!(verdict(1, "COL.technical"), "missing");
    assert_eq!(verdict(2, "MEX.technical"), "met");
    assert_eq!(verdict(2, "COL.technical"), "wrong_status");
    let met = [
        (1, "MEX.technical"),
        (1, "COL.technical"),
        (2, "MEX.technical"),
        (2, "COL.technical"),
    ]
    .iter()
    .filter(|(i, to)| verdict(*i, to) == "met")
    .count();
    assert_eq!(met, 2);
}

/// `poc exercise run` and `poc exercise report` through the real binary: injects due at once
/// are sent and their answers are pending until the deadline.
#[test]
fn the_exercise_commands_send_injects_and_report_them_pending() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let controller = net.poc("FRA.technical");
    let scenario = net.root.path().join("scenario.toml");
    std::fs::write(
        &scenario,
        r#"
name = "Drill"
[[inject]]
at = "0s"
to = ["MEX.technical"]
type = "incident"
priority = "high"
expect = "ack"
deadline = "2h"
[inject.fields]
summary = "EXERCISE: port ransomware"
"#,
    )
    .unwrap();
    let run = controller.json(&["exercise", "run", scenario.to_str().unwrap()]);
    assert_eq!(run["sent"].as_array().map(Vec::len), Some(1), "{run}");
    assert_eq!(injects(net.poc("MEX.technical")).len(), 1);
    let report = controller.json(&["exercise", "report"]);
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{report}");
    assert_eq!(results[0]["to"], "MEX.technical");
    assert_eq!(results[0]["verdict"], "pending");
    assert_eq!(report["met"], 0);
    // FRA.technical reads French first: the report is in French.
    let text = controller.poc(&["exercise", "report"]);
    let met =
        poc_client::i18n::screens::exercise_expectations_met(poc_client::i18n::Lang::Fr, 0, 1);
    assert!(text.ok().stdout.contains(&met), "{}", text.stdout);
    // An exercise id that matches nothing is not found (exit 1), with one error document.
    let missing = controller.poc(&["--json", "exercise", "report", "ffffffff"]);
    let error = missing.json_error();
    assert_eq!(
        (error["kind"].as_str(), missing.code),
        (Some("not_found"), 1)
    );
}

#[test]
fn the_example_scenario_loads_and_bad_scenarios_are_refused_before_sending() {
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/exercise-example.toml");
    let (scenario, kinds) = poc_client::ops::exercise::Scenario::load(&example).unwrap();
    assert_eq!(scenario.injects.len(), kinds.len());

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\n[[inject]]\nat = \"0s\"\nto = [\"MEX\"]\ntype = \"incident\"\npriority = \"urgent\"\nexpect = \"ack\"\ndeadline = \"1h\"\n").unwrap();
    let err = poc_client::ops::exercise::Scenario::load(&bad).unwrap_err();
    assert!(
        format!("{err:#}").contains("inject 1") && format!("{err:#}").contains("not a priority"),
        "{err:#}"
    );
    // The command refuses it the same way, with one error document.
    let home = poc_tests::PocHome::new(dir.path().join("home"), "unused");
    let run = home.poc(&["--json", "exercise", "run", bad.to_str().unwrap()]);
    let error = run.json_error();
    assert_eq!((error["kind"].as_str(), run.code), (Some("failed"), 2));
    assert!(
        error["error"].as_str().unwrap().contains("not a priority"),
        "{error}"
    );
}
