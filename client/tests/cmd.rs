//! The `poc` command line as data files: every `client/tests/cmd/*.md` file holds commands with
//! their exact output and exit code, so a changed help screen or error message shows up in
//! review. `TRYCMD=overwrite cargo test -p poc-client --test cmd` rewrites the files from the
//! current binary (then read the diff).
//!
//! The cases run without a relay: help screens, usage errors and the checks that come before
//! any network or passphrase. Paths in the output are replaced by `[ROOT]`/`[CWD]`, and trycmd
//! shows every `\` as `/` (its path normalisation), also a shell line continuation.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("poc", std::path::Path::new(env!("CARGO_BIN_EXE_poc")))
        // A fixed environment: no identity or passphrase from the machine running the tests,
        // no retries, no colour, help wrapped at a fixed width.
        .env("POC_HOME", "no-such-home")
        .env("POC_RETRY_FOR", "0")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LANG", "C")
        .case("tests/cmd/*.md");
}
