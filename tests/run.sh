#!/usr/bin/env bash
# The project's test command (README.md, .ci/run): installs what the tests need, then runs
# every test of the workspace. The forwarding test checks interoperability with the reference
# age tool, from the Debian package `age`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests of `poc ui` drive headless Chromium over WebDriver (Debian's `chromium`
# and `chromium-driver`).
missing=()
command -v age >/dev/null && command -v age-keygen >/dev/null || missing+=(age)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# The power-cut tests mount a FUSE file system that forgets unsynced writes (tests/src/
# forgetful): fusermount3 is in Debian's `fuse3`.
command -v fusermount3 >/dev/null || missing+=(fuse3)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The `harness` feature builds `poc-low-work-factor`, with which the end-to-end tests create
# identities cheaply (tests/Cargo.toml); no release build carries it.
cargo test --workspace --locked --features poc-tests/harness
