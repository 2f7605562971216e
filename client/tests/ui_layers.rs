//! `poc ui` writes no rule, check or cryptography a second time: its pages reach trust,
//! sealing and signing only through the operations layer (`crate::ops`), which the command
//! line runs too. This test reads the sources of `client/src/ui` and fails on any path below
//! that layer, and on any template that turns escaping off.
#![cfg(feature = "ui")]

use std::path::{Path, PathBuf};

/// Paths a page must not name: the layers under the operations, and the crypto crates.
const BELOW_OPERATIONS: &[&str] = &[
    "poc_keys",
    "crate::mailbox",
    "crate::trust",
    "crate::transport",
    "crate::armor",
    "ed25519",
    "age::x25519",
    "age::Encryptor",
    "age::Decryptor",
    "sha2",
    "poc_proto::codec",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn ui_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
        &mut out,
    );
    assert!(out.len() > 10, "the UI's sources are where this test looks");
    out
}

#[test]
fn pages_use_the_operations_layer_only() {
    let mut found = Vec::new();
    for path in ui_files()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for forbidden in BELOW_OPERATIONS {
                if code.contains(forbidden) {
                    found.push(format!("{}:{}: {forbidden}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the UI goes below the operations layer (move the logic into crate::ops):\n{}",
        found.join("\n")
    );
}

#[test]
fn templates_never_turn_escaping_off() {
    let mut found = Vec::new();
    for path in ui_files()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let text = std::fs::read_to_string(&path).expect("a template");
        for (n, line) in text.lines().enumerate() {
            let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if squeezed.contains("|safe") || squeezed.contains("autoescape") {
                found.push(format!("{}:{}", path.display(), n + 1));
            }
            // No inline script or style: the Content-Security-Policy would block them.
            if line.contains("<script>") || line.contains(" style=") || has_handler(line) {
                found.push(format!(
                    "{}:{}: inline script or style",
                    path.display(),
                    n + 1
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Whether `line` has an inline event handler attribute (` onclick=`, ` onerror=`...).
fn has_handler(line: &str) -> bool {
    line.match_indices(" on").any(|(at, _)| {
        let rest = &line[at + 3..];
        let name: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
        !name.is_empty() && rest[name.len()..].starts_with('=')
    })
}

#[test]
fn the_handler_check_sees_handlers() {
    assert!(has_handler(r#"<img src=x onerror="alert(1)">"#));
    assert!(has_handler("<button onclick=go()>"));
    assert!(!has_handler("<p>go on=</p> once"));
    assert!(!has_handler("<p hx-on=x>"));
}
