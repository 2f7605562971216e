//! Whether a screen is shown in colour, and how wide the terminal is.
//!
//! Colour follows `--color`: `always` and `never` are obeyed; `auto` (the default) colours
//! only when stdout is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not `dumb`.
//! The width is `COLUMNS` when set to a number, else the terminal's when stdout is one, else
//! none (output to a file or a pipe is not cut). This module decides; it does not colour (see
//! [`crate::terminal::Styled`]).

use std::ffi::OsString;
use std::io::IsTerminal;

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even into a file or a pipe.
    Always,
    /// Never colour.
    Never,
}

/// What the decision depends on, read from the process (see [`Surroundings::of_process`]).
#[derive(Debug, Clone, Default)]
pub struct Surroundings {
    /// `NO_COLOR`.
    pub no_color: Option<OsString>,
    /// `TERM`.
    pub term: Option<OsString>,
    /// Whether stdout is a terminal.
    pub stdout_is_terminal: bool,
}

impl Surroundings {
    /// This process's environment and stdout.
    pub fn of_process() -> Self {
        Surroundings {
            no_color: std::env::var_os("NO_COLOR"), // canonical, not translated
            term: std::env::var_os("TERM"),
            stdout_is_terminal: std::io::stdout().is_terminal(),
        }
    }
}

/// Whether to colour, for `choice` in `around`.
pub fn colour_on(choice: ColorChoice, around: &Surroundings) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            around.stdout_is_terminal
                && around.no_color.as_ref().is_none_or(|v| v.is_empty())
                && around.term.as_ref().is_none_or(|t| t != "dumb")
        }
    }
}

/// The width to fit screens to: `COLUMNS` if it is a number, else the terminal's when stdout
/// is a terminal, else none.
pub fn terminal_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        return Some(columns);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(terminal_size::Width(w), _)| usize::from(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(no_color: Option<&str>, term: Option<&str>, tty: bool) -> Surroundings {
        Surroundings {
            no_color: no_color.map(OsString::from),
            term: term.map(OsString::from),
            stdout_is_terminal: tty,
        }
    }

    #[test]
    fn auto_colours_only_a_terminal_without_no_color() {
        assert!(colour_on(
            ColorChoice::Auto,
            &around(None, Some("xterm"), true)
        ));
        assert!(!colour_on(
            ColorChoice::Auto,
            &around(None, Some("xterm"), false)
        ));
        assert!(!colour_on(
            ColorChoice::Auto,
            &around(Some("1"), Some("xterm"), true)
        ));
        // An empty NO_COLOR is as if unset (https://no-color.org).
        assert!(colour_on(ColorChoice::Auto, &around(Some(""), None, true)));
        assert!(!colour_on(
            ColorChoice::Auto,
            &around(None, Some("dumb"), true)
        ));
    }

    #[test]
    fn always_and_never_are_obeyed() {
        assert!(colour_on(
            ColorChoice::Always,
            &around(Some("1"), Some("dumb"), false)
        ));
        assert!(!colour_on(
            ColorChoice::Never,
            &around(None, Some("xterm"), true)
        ));
    }
}
