//! The `poc-relay` binary: init, check-config, and refusals.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

fn relay(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_poc-relay"))
        .args(args)
        .output()
        .expect("running poc-relay");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// A valid ed25519 public key (the basepoint).
const KEY: &str = "5866666666666666666666666666666666666666666666666666666666666666";

#[test]
fn init_writes_a_private_key_a_config_and_prints_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("relay");
    let (code, out, err) = relay(&[
        "init",
        "--json",
        "--data-dir",
        data.to_str().unwrap(),
        "--listen",
        "127.0.0.1:4433",
        "--custodian-key",
        KEY,
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pin = json["tls_pin"].as_str().unwrap();
    assert_eq!(pin.len(), 64);
    let mode = std::fs::metadata(data.join("tls/key.der"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let config = json["config"].as_str().unwrap();
    let (code, out, err) = relay(&["check-config", config]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(pin), "check-config prints the same pin: {out}");

    // A second init never overwrites the key.
    let (code, _, err) = relay(&[
        "init",
        "--data-dir",
        data.to_str().unwrap(),
        "--custodian-key",
        KEY,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("already initialised"), "{err}");
}

#[test]
fn bad_custodian_keys_and_configs_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("relay");
    let (code, _, err) = relay(&[
        "init",
        "--data-dir",
        data.to_str().unwrap(),
        "--custodian-key",
        "abc",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is neither a custodian public key (64 hex characters) nor a readable file")
            && err.contains("give the custodian.pub file"),
        "{err}"
    );
    let weak = format!("01{}", "0".repeat(62));
    let (code, _, err) = relay(&[
        "init",
        "--data-dir",
        data.to_str().unwrap(),
        "--custodian-key",
        &weak,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not a usable ed25519 key"), "{err}");

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "listen = \"127.0.0.1:1\"\nunknown_option = 3\n").unwrap();
    let (code, _, err) = relay(&["check-config", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid config file"), "{err}");
}
