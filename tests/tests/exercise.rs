//! An exercise scenario run with compressed time through the real binaries; the
//! after-action report matches what each PoC did. The example scenario shipped in docs/ is
//! checked to load.

use poc_tests::Network;

#[test]
fn an_exercise_runs_with_compressed_time_and_its_report_matches_what_happened() {
    let net = Network::setup(&["FRA.technical", "MEX.technical", "COL.technical"]);
    let controller = net.poc("FRA.technical");
    let scenario = net.root.path().join("scenario.toml");
    // At speed 10: inject 2 leaves 3 s after inject 1; every deadline is 12 s.
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
deadline = "120s"
[inject.fields]
summary = "EXERCISE: port ransomware"

[[inject]]
at = "30s"
to = ["MEX", "COL"]
type = "assistance"
priority = "medium"
expect = "reply"
expect_status = "channelled"
deadline = "120s"
[inject.fields]
nature = "investigation"
"#,
    )
    .unwrap();
    let started = std::time::Instant::now();
    let run = controller.json(&[
        "exercise",
        "run",
        scenario.to_str().unwrap(),
        "--speed",
        "10",
    ]);
    // Every envelope sent is a sent envelope like any other, and each says what it expects.
    let sent = run["sent"].as_array().unwrap();
    assert_eq!(sent.len(), 4, "{run}");
    let priorities: Vec<&str> = sent
        .iter()
        .map(|s| s["priority"].as_str().unwrap())
        .collect();
    assert_eq!(priorities, ["high", "high", "medium", "medium"]);
    let injects = run["injects"].as_array().unwrap();
    let ids = |list: &[serde_json::Value], field: &str| -> Vec<String> {
        list.iter()
            .map(|i| i[field].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(injects, "envelope"), ids(sent, "id"));
    assert_eq!(injects[2]["expect"], "reply");
    assert_eq!(injects[2]["expect_status"], "channelled");
    let listed = controller.json(&["exercise", "list"]);
    assert_eq!(listed["exercises"][0]["id"], run["exercise"]);
    assert_eq!(listed["exercises"][0]["injects_sent"], 4);

    let mex = net.poc("MEX.technical");
    let col = net.poc("COL.technical");
    let injects = |home: &poc_tests::PocHome| {
        let inbox = home.json(&["inbox"]);
        let mut found: Vec<(String, String)> = inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| {
                i["summary"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("[EXERCISE]")
            })
            .map(|i| {
                (
                    i["type"].as_str().unwrap().to_owned(),
                    i["id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        found.sort();
        found
    };
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

    // Let every (compressed) deadline pass, then read the after-action report.
    std::thread::sleep(std::time::Duration::from_secs(16).saturating_sub(started.elapsed()));
    let report = controller.json(&["exercise", "report"]);
    let verdict = |inject: u64, to: &str| {
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["inject"] == inject && r["to"] == to)
            .unwrap_or_else(|| panic!("no result for inject {inject} to {to}: {report}"))["verdict"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(verdict(1, "MEX.technical"), "met");
    assert_eq!(verdict(1, "COL.technical"), "missing");
    assert_eq!(verdict(2, "MEX.technical"), "met");
    assert_eq!(verdict(2, "COL.technical"), "wrong_status");
    assert_eq!(report["met"], 2);
    let text = controller.poc(&["exercise", "report"]);
    assert!(
        text.ok().stdout.contains("wrong status")
            && text.stdout.contains("2 of 4 expectations met"),
        "{}",
        text.stdout
    );
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
