//! Questions asked of the person at the terminal: a yes/no confirmation ([`confirm`]) and a
//! free-text answer ([`ask`]).
//!
//! A question is asked only when both stdin and stderr are a terminal ([`Terminal::interactive`]):
//! the question goes to stderr (stdout stays for the result, which may be piped) and the answer
//! is one line read from stdin. Without a terminal nothing is asked: the caller decides what
//! that means (a confirmation is then [`Confirmation::NoTerminal`], and the command refuses,
//! naming the flag a script adds).
//!
//! The questions are written through the terminal boundary ([`super::to_stderr`]), so a
//! question quoting what others wrote (a directory entry) cannot drive the terminal. The text
//! of a question comes from the caller, already in the reader's language; the accepted "yes"
//! words are those of the reader's language (`prompt-yes-words`) plus `y` and `yes`.
//!
//! [`Terminal`] is the seam: [`Console`] is the real terminal, [`Scripted`] feeds answers in
//! unit tests and records the questions asked. This module does not read passphrases (see
//! `crate::passphrase`) and does not decide when to ask (the commands do).

use std::collections::VecDeque;
use std::io::{BufRead, IsTerminal};

use crate::i18n::{screens, Lang};

/// Where questions are asked and answers read.
pub trait Terminal {
    /// Whether a person can answer: stdin and stderr are both a terminal.
    fn interactive(&self) -> bool;
    /// Shows `question` (no line feed is added) and reads one line of answer, without its line
    /// end; `None` at end of input.
    fn ask_line(&mut self, question: &str) -> std::io::Result<Option<String>>;
}

/// The process's terminal: questions on stderr, answers from stdin.
#[derive(Debug, Default, Clone, Copy)]
pub struct Console;

impl Terminal for Console {
    fn interactive(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    fn ask_line(&mut self, question: &str) -> std::io::Result<Option<String>> {
        super::to_stderr(question);
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\r', '\n']).to_owned()))
    }
}

/// Answers given in advance, for tests: each question takes the next answer; the questions
/// asked are kept in [`Scripted::asked`].
#[derive(Debug, Default, Clone)]
pub struct Scripted {
    /// Whether it behaves as a terminal.
    pub interactive: bool,
    answers: VecDeque<String>,
    /// The questions asked, in order.
    pub asked: Vec<String>,
}

impl Scripted {
    /// A terminal that will answer `answers` in turn (then end of input).
    pub fn answering(answers: &[&str]) -> Self {
        Self {
            interactive: true,
            answers: answers.iter().map(|a| (*a).to_owned()).collect(),
            asked: Vec::new(),
        }
    }

    /// No terminal: nothing can be asked.
    pub fn none() -> Self {
        Self::default()
    }
}

impl Terminal for Scripted {
    fn interactive(&self) -> bool {
        self.interactive
    }

    fn ask_line(&mut self, question: &str) -> std::io::Result<Option<String>> {
        self.asked.push(question.to_owned());
        Ok(self.answers.pop_front())
    }
}

/// The outcome of a yes/no question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// The person answered yes.
    Yes,
    /// The person answered anything else, or nothing (the default is no).
    No,
    /// There is no terminal to ask on.
    NoTerminal,
}

/// Asks `question` (one line, in the reader's language, without the `[y/N]` hint) and reads
/// the answer. Yes is `y`, `yes` or a yes word of `lang`, in any case; anything else,
/// including an empty line or end of input, is no.
pub fn confirm(
    terminal: &mut dyn Terminal,
    lang: Lang,
    question: &str,
) -> std::io::Result<Confirmation> {
    if !terminal.interactive() {
        return Ok(Confirmation::NoTerminal);
    }
    let asked = format!("{question} {} ", screens::prompt_yes_no(lang));
    let Some(answer) = terminal.ask_line(&asked)? else {
        return Ok(Confirmation::No);
    };
    Ok(if is_yes(lang, &answer) {
        Confirmation::Yes
    } else {
        Confirmation::No
    })
}

/// Asks `question` and returns the answer, trimmed; `None` when there is no terminal or at
/// end of input.
pub fn ask(terminal: &mut dyn Terminal, question: &str) -> std::io::Result<Option<String>> {
    if !terminal.interactive() {
        return Ok(None);
    }
    Ok(terminal
        .ask_line(&format!("{question} "))?
        .map(|a| a.trim().to_owned()))
}

/// Whether `answer` means yes in `lang`.
fn is_yes(lang: Lang, answer: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    if answer.is_empty() {
        return false;
    }
    let words = screens::prompt_yes_words(lang);
    ["y", "yes"] // canonical, not translated
        .into_iter()
        .map(str::to_owned)
        .chain(words.split(',').map(|w| w.trim().to_lowercase()))
        .any(|w| w == answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_only_when_said() {
        for (answer, expected) in [
            ("y", Confirmation::Yes),
            ("YES", Confirmation::Yes),
            (" y ", Confirmation::Yes),
            ("n", Confirmation::No),
            ("", Confirmation::No),
            ("yess", Confirmation::No),
        ] {
            let mut terminal = Scripted::answering(&[answer]);
            assert_eq!(
                confirm(&mut terminal, Lang::En, "Send?").unwrap(),
                expected,
                "{answer:?}"
            );
            assert_eq!(terminal.asked, vec!["Send? [y/N] "]);
        }
    }

    #[test]
    fn end_of_input_is_no_and_no_terminal_asks_nothing() {
        let mut terminal = Scripted::answering(&[]);
        assert_eq!(
            confirm(&mut terminal, Lang::En, "Send?").unwrap(),
            Confirmation::No
        );
        let mut none = Scripted::none();
        assert_eq!(
            confirm(&mut none, Lang::En, "Send?").unwrap(),
            Confirmation::NoTerminal
        );
        assert!(none.asked.is_empty());
        assert_eq!(ask(&mut none, "Id?").unwrap(), None);
    }

    #[test]
    fn yes_words_of_the_reader() {
        let mut terminal = Scripted::answering(&["oui"]);
        assert_eq!(
            confirm(&mut terminal, Lang::Fr, "Envoyer ?").unwrap(),
            Confirmation::Yes
        );
        let mut terminal = Scripted::answering(&["да"]);
        assert_eq!(
            confirm(&mut terminal, Lang::Ru, "?").unwrap(),
            Confirmation::Yes
        );
        let mut terminal = Scripted::answering(&[" MAR.technical \n"]);
        assert_eq!(
            ask(&mut terminal, "Id?").unwrap().as_deref(),
            Some("MAR.technical")
        );
    }
}
