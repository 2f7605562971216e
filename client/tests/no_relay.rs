//! The `poc` binary PoCs install carries no relay: `poc-client`'s normal dependencies (as
//! `cargo install` or a packager builds them) include none of the relay's crates. The demo,
//! which embeds a relay, is the separate crate `poc-demo`. Runs `cargo tree` offline against
//! the committed `Cargo.lock`.

use std::collections::BTreeSet;
use std::process::Command;

/// The relay library and the crates only the relay needs.
const RELAY_CRATES: [&str; 5] = [
    "poc-relay",
    "sled",
    "governor",
    "prometheus-client",
    "rcgen",
];

/// `cargo tree ARGS`, offline against the committed `Cargo.lock`: its listing.
fn cargo_tree(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_string());
    let out = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("tree")
        .args(args)
        .args(["--offline", "--locked"])
        .output()
        .expect("running cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn poc_client_depends_on_no_relay_crate() {
    let stdout = cargo_tree(&[
        "--package",
        "poc-client",
        "--edges",
        "normal",
        "--prefix",
        "none",
        "--format",
        "{p}",
    ]);
    let crates: BTreeSet<&str> = stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    // The listing is the real tree: it holds the client and its transport.
    for expected in ["poc-client", "poc-keys", "quinn", "rustls"] {
        assert!(
            crates.contains(expected),
            "{expected} missing from:\n{stdout}"
        );
    }
    let relay: Vec<&str> = RELAY_CRATES
        .into_iter()
        .filter(|name| crates.contains(name))
        .collect();
    assert!(
        relay.is_empty(),
        "poc-client depends on relay crates {relay:?}; the demo's relay belongs in poc-demo:\n{stdout}"
    );
}

/// A default build of the whole workspace (README's `cargo build --release --locked`) turns
/// on no test-only feature: the low scrypt work factor of the test harness is compiled into
/// no binary of it, and the harness's own `poc` is not built.
#[test]
fn a_default_workspace_build_carries_no_test_only_feature() {
    let stdout = cargo_tree(&["--workspace", "--edges", "features", "--invert", "poc-keys"]);
    // The listing is real: poc-client uses poc-keys.
    assert!(stdout.contains("poc-client"), "{stdout}");
    assert!(
        !stdout.contains("test-low-work-factor"),
        "a default workspace build enables the harness's low work factor:\n{stdout}"
    );
}
