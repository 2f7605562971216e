//! Smoke test of `poc-bench --quick`: the benchmark harness runs end to end against the real
//! relay and prints a table and valid JSON. No timing is asserted: a benchmark's figures are
//! never test results.

use std::process::Command;

#[test]
fn quick_run_prints_a_table_and_json() {
    let bins = poc_tests::bins();
    let bench = bins.relay.with_file_name("poc-bench");
    assert!(
        bench.exists(),
        "{} is missing: build it with `cargo build --bins` (cargo test --workspace does)",
        bench.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("figures.json");
    let output = Command::new(&bench)
        .arg("--quick")
        .arg("--out")
        .arg(&out)
        .env("RUST_LOG", "warn")
        .output()
        .expect("running poc-bench");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "poc-bench --quick failed:\nstdout: {stdout}\nstderr: {stderr}"
    );

    // One Markdown table, labelled as a smoke run, with a line per measured figure.
    assert!(stdout.contains("SMOKE RUN"), "{stdout}");
    assert!(
        stdout.contains("| Measurement | Figure | Ceiling (same run) |"),
        "{stdout}"
    );
    let lines = stdout.lines().filter(|l| l.starts_with("| ")).count();
    assert!(lines > 10, "too few table lines:\n{stdout}");

    // The same figures as JSON.
    let text = std::fs::read_to_string(&out).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["quick"], true);
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len() + 1, lines, "one JSON row per table row");
    for key in [
        "crypto.client_seal_sign",
        "submit.1024.8",
        "submit.16384.1",
        "latency.200.p99",
        "campaign.20.total",
        "footprint.disk_per_payload_byte",
    ] {
        let row = rows
            .iter()
            .find(|r| r["key"] == key)
            .unwrap_or_else(|| panic!("no row {key} in {text}"));
        assert!(row["value"].as_f64().is_some(), "{row}");
    }
    let submit = rows.iter().find(|r| r["key"] == "submit.1024.8").unwrap();
    assert!(submit["ceiling"].as_f64().is_some(), "{submit}");
}

#[test]
fn attack_run_prints_a_table_and_json() {
    let bins = poc_tests::bins();
    let bench = bins.relay.with_file_name("poc-bench");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("attack.json");
    let output = Command::new(&bench)
        .args(["attack", "--round-trips", "10", "--quiet", "0.2", "--out"])
        .arg(&out)
        .env("RUST_LOG", "warn")
        .output()
        .expect("running poc-bench attack");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "poc-bench attack failed:\nstdout: {stdout}\nstderr: {stderr}"
    );
    assert!(
        stdout.contains("| Measurement | Figure | Unloaded (same run) | Figure / unloaded |"),
        "{stdout}"
    );

    let text = std::fs::read_to_string(&out).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["scenario"], "attack");
    assert!(json["flood"]["initials"].as_u64().unwrap() > 0, "{text}");
    let rows = json["rows"].as_array().unwrap();
    for situation in ["unloaded", "flood", "stall"] {
        for what in ["p50", "p99"] {
            let key = format!("attack.{situation}.{what}");
            let row = rows
                .iter()
                .find(|r| r["key"] == key)
                .unwrap_or_else(|| panic!("no row {key} in {text}"));
            assert!(row["value"].as_f64().is_some(), "{row}");
            if situation != "unloaded" {
                // Compared with the unloaded figure of the same run; the ratio is printed,
                // never asserted.
                assert!(row["ratio"].as_f64().is_some(), "{row}");
                assert!(stdout.contains(row["name"].as_str().unwrap()), "{stdout}");
            }
        }
    }
}
