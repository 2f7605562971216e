//! The `poc-demo` binary end to end: every step runs and passes, the text for people and the
//! single JSON document of `--json`.

use std::process::Command;

fn poc_demo(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_poc-demo"))
        .args(args)
        .env_remove("POC_PASSPHRASE")
        .env_remove("POC_HOME")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("running poc-demo");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_demo_runs_every_step_and_passes() {
    let (code, out, err) = poc_demo(&[]);
    assert_eq!(code, 0, "demo failed:\n{out}\n{err}");
    assert!(
        out.starts_with("PoC Relay demo in ") && out.contains("(deleted at the end)\n"),
        "{out}"
    );
    for n in 1..=12 {
        assert!(
            out.contains(&format!("[{n:>2}/12] ")),
            "step {n} missing:\n{out}"
        );
    }
    assert!(out.ends_with("\nall 12 checks passed\n"), "{out}");
}

#[test]
fn json_prints_one_document_with_every_step() {
    let (code, out, err) = poc_demo(&["--json"]);
    assert_eq!(code, 0, "demo failed:\n{out}\n{err}");
    // `from_str` refuses anything after the first document but whitespace.
    let outcome: serde_json::Value = serde_json::from_str(&out).expect("exactly one JSON document");
    assert_eq!(outcome["checks_passed"], 12, "{outcome}");
    assert_eq!(outcome["checks_total"], 12, "{outcome}");
    let steps = outcome["steps"].as_array().expect("a list of steps");
    assert_eq!(steps.len(), 12, "{outcome}");
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(step["number"], i + 1, "{step}");
        assert_eq!(step["total"], 12, "{step}");
        assert!(
            step["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{step}"
        );
    }
    assert!(
        out.ends_with("}\n") && !out.contains("PoC Relay demo in"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (code, out, err) = poc_demo(&["--no-such-option"]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(err.contains("--no-such-option"), "{err}");
}

#[test]
fn three_relays_keep_the_flow_going_with_one_stopped() {
    let (code, out, err) = poc_demo(&["--relays", "3"]);
    assert_eq!(code, 0, "demo failed:\n{out}\n{err}");
    for n in 1..=13 {
        assert!(
            out.contains(&format!("[{n:>2}/13] ")),
            "step {n} missing:\n{out}"
        );
    }
    assert!(
        out.contains("3 relays listening") && out.contains("once 2 of them have it"),
        "{out}"
    );
    assert!(
        out.contains("stopped: FRA.technical's message was still stored by 2 relays"),
        "{out}"
    );
    assert!(out.ends_with("\nall 13 checks passed\n"), "{out}");
}

#[test]
fn a_relay_count_out_of_range_is_a_usage_error() {
    let (code, _, err) = poc_demo(&["--relays", "6"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--relays"), "{err}");
}
