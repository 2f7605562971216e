//! `poc` on a pseudo-terminal, for the end-to-end tests of what is asked of a person
//! (confirmations, free-text answers, passphrase prompts).
//!
//! [`PocHome::on_terminal`] starts `poc --home DIR ARGS` with stdin, stdout and stderr on one
//! pseudo-terminal (through `rexpect`), so `poc` sees a terminal exactly as with a person at
//! the keyboard. The test then waits for text ([`Terminal::expect`]), types answers
//! ([`Terminal::answer`]) and collects the exit code and the rest of the output
//! ([`Terminal::finish`]). stdout and stderr arrive mixed, as on a screen.
//!
//! `rexpect` reads the terminal byte by byte and keeps each byte as one `char`; this module
//! converts both ways, so tests wait for and read UTF-8 text (French, Arabic) as it is.
//!
//! Every wait is bounded ([`WAIT`]): a `poc` that never asks fails the test with what it printed
//! instead of hanging. This module does not drive a full-screen program and does not check
//! colours (escape sequences are left in the text).

use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::PtySession;

use crate::{bins, PocHome};

/// How long one wait for output may last before the test fails (a bound, not a timing check).
pub const WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A `poc` running on a pseudo-terminal.
pub struct Terminal {
    session: PtySession,
    /// Everything read so far.
    pub seen: String,
}

impl std::fmt::Debug for Terminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Terminal")
            .field("seen", &self.seen)
            .finish_non_exhaustive()
    }
}

impl PocHome {
    /// Starts `poc --home DIR ARGS` on a pseudo-terminal, with the passphrase in the
    /// environment (as [`PocHome::poc`] does).
    pub fn on_terminal(&self, args: &[&str]) -> Terminal {
        self.on_terminal_with_env(args, &[("POC_PASSPHRASE", &self.passphrase)])
    }

    /// Same, with exactly the environment variables `env` on top of the inherited ones
    /// (without `POC_PASSPHRASE` unless `env` has it, so `poc` asks for the passphrase).
    pub fn on_terminal_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Terminal {
        let mut command = Command::new(&bins().poc);
        command
            .arg("--home")
            .arg(&self.dir)
            .args(args)
            .env_remove("POC_PASSPHRASE")
            .env_remove("POC_HOME")
            .env_remove("POC_RETRY_FOR")
            .env_remove("RUST_LOG")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "200");
        for (key, value) in env {
            command.env(key, value);
        }
        let timeout = u64::try_from(WAIT.as_millis()).ok();
        let session = rexpect::session::spawn_command(command, timeout)
            .expect("starting poc on a pseudo-terminal");
        Terminal {
            session,
            seen: String::new(),
        }
    }
}

impl Terminal {
    /// Waits until `text` appears; returns what came before it. Fails the test, showing
    /// everything seen, if `poc` ends or [`WAIT`] passes first.
    pub fn expect(&mut self, text: &str) -> String {
        let bytes: String = text.bytes().map(char::from).collect();
        match self.session.exp_string(&bytes) {
            Ok(before) => {
                let before = utf8(&before);
                self.seen.push_str(&before);
                self.seen.push_str(text);
                before
            }
            Err(e) => panic!(
                "waiting for {text:?} on the terminal: {e}\nseen so far:\n{}",
                self.seen
            ),
        }
    }

    /// Types `line` and Enter.
    pub fn answer(&mut self, line: &str) {
        self.session
            .send_line(line)
            .expect("typing on the pseudo-terminal");
    }

    /// Waits for `poc` to end; returns its exit code and everything it printed after the last
    /// [`Terminal::expect`].
    pub fn finish(mut self) -> (i32, String) {
        let rest = match self.session.exp_eof() {
            Ok(rest) => utf8(&rest),
            Err(e) => panic!("waiting for poc to end: {e}\nseen so far:\n{}", self.seen),
        };
        let status = self.session.process_mut().wait().expect("waiting for poc");
        let code = match status {
            WaitStatus::Exited(_, code) => code,
            other => panic!("poc did not exit normally: {other:?}\n{}{rest}", self.seen),
        };
        (code, rest)
    }
}

/// The text `rexpect` read (one `char` per byte) as the UTF-8 it was.
fn utf8(read: &str) -> String {
    let bytes: Vec<u8> = read
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}
