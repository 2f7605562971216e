//! `docs/JSON.md` documents exactly what `poc --json` prints: its reference part is generated
//! from the result types, and every command has a documented result.
//!
//! After changing a result type, regenerate the reference with
//! `POC_WRITE_JSON_DOCS=1 cargo test -p poc-client --test json_docs`.

use clap::CommandFactory;
use poc_client::cli::output::{catalogue, reference_markdown};
use poc_client::cli::Cli;

/// The line after which `docs/JSON.md` is generated.
const MARKER: &str = "<!-- Generated from the result types below this line. -->";

fn doc_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/JSON.md")
}

#[test]
fn the_reference_in_docs_json_md_is_generated_from_the_types() {
    let path = doc_path();
    let text = std::fs::read_to_string(&path).expect("docs/JSON.md exists");
    let (intro, reference) = text
        .split_once(MARKER)
        .expect("docs/JSON.md has the generated-reference marker");
    let expected = format!("\n\n{}", reference_markdown());
    if std::env::var_os("POC_WRITE_JSON_DOCS").is_some() {
        assert!(
            std::env::var_os("CI").is_none(),
            "POC_WRITE_JSON_DOCS rewrites docs/JSON.md instead of checking it: never set it in CI"
        );
        std::fs::write(&path, format!("{intro}{MARKER}{expected}")).expect("writing docs/JSON.md");
        return;
    }
    assert!(
        reference == expected,
        "docs/JSON.md is out of date: run `POC_WRITE_JSON_DOCS=1 cargo test -p poc-client --test json_docs`"
    );
}

/// The paths of the commands that do something (clap's leaves, and the commands with
/// subcommands that also run on their own arguments), e.g. `ping status`.
fn leaf_commands(command: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    // Hidden commands (`poc demo`, which only says where the demo went) print no result.
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let path = if prefix.is_empty() {
            sub.get_name().to_owned()
        } else {
            format!("{prefix} {}", sub.get_name())
        };
        if sub.has_subcommands() {
            leaf_commands(sub, &path, out);
            // One that also takes arguments of its own (`custodian relay ADDR --pin PIN`)
            // is a command too.
            if sub.get_positionals().next().is_some() {
                out.push(path);
            }
        } else {
            out.push(path);
        }
    }
}

/// Whether the command at `path` (e.g. `inbox`) takes the long flag `flag` (without `--`).
fn has_flag(path: &str, flag: &str) -> bool {
    let mut command = Cli::command();
    for name in path.split(' ') {
        match command.find_subcommand(name) {
            Some(sub) => command = sub.clone(),
            None => return false,
        }
    }
    let found = command.get_arguments().any(|a| a.get_long() == Some(flag));
    found
}

#[test]
fn every_command_has_a_documented_result_and_no_command_two() {
    let mut commands = Vec::new();
    leaf_commands(&Cli::command(), "", &mut commands);
    let documented: Vec<&str> = catalogue().iter().map(|d| d.command).collect();
    let mut seen = std::collections::HashSet::new();
    for command in &documented {
        assert!(seen.insert(*command), "`{command}` is documented twice");
        // A mode that prints documents of its own (`inbox --watch`) is documented as the
        // command followed by its flag.
        match command.split_once(" --") {
            Some((leaf, flag)) => assert!(
                commands.iter().any(|c| c == leaf) && has_flag(leaf, flag),
                "`{command}` is documented but is no command with that flag"
            ),
            None => assert!(
                commands.iter().any(|c| c == command),
                "`{command}` is documented but is no command"
            ),
        }
    }
    let missing: Vec<&String> = commands
        .iter()
        .filter(|c| !documented.contains(&c.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "commands without a documented result: {missing:?}"
    );
}
