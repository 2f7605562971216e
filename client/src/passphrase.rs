//! Passphrases: where they come from (the file named by `POC_PASSPHRASE_FILE`, see
//! [`crate::passphrase_file`], else `POC_PASSPHRASE`, else a person at the terminal), how
//! many tries a person gets ([`MAX_TRIES`]), and whether a new one is long and, for the
//! custodian, strong enough ([`Policy`], estimated with `zxcvbn`).
//!
//! This module decides and reads; it does not print and holds no text for people. What is
//! said and asked goes through a [`Dialogue`], which the command line implements in the
//! reader's language (and the unit tests with scripted answers). The error sentences below
//! are English, like every error of `poc`.

use age::secrecy::{ExposeSecret, SecretString};
use poc_keys::keystore::KeystoreError;

/// Environment variable holding the passphrase (for scripts and tests).
pub const PASSPHRASE_ENV: &str = "POC_PASSPHRASE";

/// How many passphrases a person at the terminal may type before the command stops.
pub const MAX_TRIES: u32 = 3;

/// Shortest new passphrase, in characters.
pub const MIN_CHARS: usize = 8;

/// Lowest `zxcvbn` score of a new passphrase under [`Policy::Strong`]: 4 of 4, at least
/// 10^10 guesses (the custodian's key signs every directory).
pub const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Four;

/// What a new passphrase must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// At least [`MIN_CHARS`] characters (a PoC's identity).
    Length,
    /// That, and a `zxcvbn` score of at least [`MIN_SCORE`] (the custodian's identity).
    Strong,
}

/// Why `zxcvbn` finds a passphrase easy to guess (its warning, grouped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Rows or short patterns of keys ("qwerty", "zxcvbn").
    KeyboardPattern,
    /// Repeated characters or words ("aaa", "abcabc").
    Repeats,
    /// A common password, or one close to it.
    CommonPassword,
    /// A sequence ("abc", "1234").
    Sequence,
    /// A date or a recent year.
    Dates,
    /// A single word.
    SingleWord,
    /// Names and surnames.
    Names,
    /// No single cause: too few guesses overall.
    Guessable,
}

impl Reason {
    fn of(warning: Option<zxcvbn::feedback::Warning>) -> Self {
        use zxcvbn::feedback::Warning as W;
        match warning {
            Some(W::StraightRowsOfKeysAreEasyToGuess | W::ShortKeyboardPatternsAreEasyToGuess) => {
                Reason::KeyboardPattern
            }
            Some(
                W::RepeatsLikeAaaAreEasyToGuess | W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
            ) => Reason::Repeats,
            Some(
                W::ThisIsATop10Password
                | W::ThisIsATop100Password
                | W::ThisIsACommonPassword
                | W::ThisIsSimilarToACommonlyUsedPassword,
            ) => Reason::CommonPassword,
            Some(W::SequencesLikeAbcAreEasyToGuess) => Reason::Sequence,
            Some(W::RecentYearsAreEasyToGuess | W::DatesAreOftenEasyToGuess) => Reason::Dates,
            Some(W::AWordByItselfIsEasyToGuess) => Reason::SingleWord,
            Some(
                W::NamesAndSurnamesByThemselvesAreEasyToGuess
                | W::CommonNamesAndSurnamesAreEasyToGuess,
            ) => Reason::Names,
            None => Reason::Guessable,
        }
    }

    /// The reason in English, for error sentences.
    fn english(self) -> &'static str {
        match self {
            Reason::KeyboardPattern => "a keyboard pattern",
            Reason::Repeats => "repeated characters or words",
            Reason::CommonPassword => "a common password",
            Reason::Sequence => "a sequence",
            Reason::Dates => "a date or a year",
            Reason::SingleWord => "a single word",
            Reason::Names => "names",
            Reason::Guessable => "too few possible guesses",
        }
    }
}

/// Why a new passphrase is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// Empty.
    Empty,
    /// Fewer than [`MIN_CHARS`] characters.
    TooShort,
    /// Below [`MIN_SCORE`] (`score` of 4), for `reason`.
    Guessable {
        /// The `zxcvbn` score, 0 to 4.
        score: u8,
        /// Its warning.
        reason: Reason,
    },
}

impl std::fmt::Display for Weakness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Weakness::Empty => write!(f, "it is empty"),
            Weakness::TooShort => write!(f, "it has fewer than {MIN_CHARS} characters"),
            Weakness::Guessable { score, reason } => write!(
                f,
                "it is easy to guess: {} (strength {score} of 4, {} needed)",
                reason.english(),
                MIN_SCORE as u8
            ),
        }
    }
}

/// Checks a new passphrase against `policy`; `user_inputs` are words of the identity (its
/// id, organisation, e-mail) that make a passphrase easier to guess.
pub fn check(passphrase: &str, policy: Policy, user_inputs: &[&str]) -> Result<(), Weakness> {
    if passphrase.is_empty() {
        return Err(Weakness::Empty);
    }
    if passphrase.chars().count() < MIN_CHARS {
        return Err(Weakness::TooShort);
    }
    if policy == Policy::Strong {
        let estimate = zxcvbn::zxcvbn(passphrase, user_inputs);
        if estimate.score() < MIN_SCORE {
            return Err(Weakness::Guessable {
                score: estimate.score() as u8,
                reason: Reason::of(estimate.feedback().and_then(|f| f.warning())),
            });
        }
    }
    Ok(())
}

/// Why no passphrase could be had.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    /// Both `POC_PASSPHRASE` and `POC_PASSPHRASE_FILE` are set.
    #[error("both POC_PASSPHRASE and POC_PASSPHRASE_FILE are set: keep one")]
    Both,
    /// The file of `POC_PASSPHRASE_FILE` cannot be used (missing, readable by others, empty).
    #[error("{0:#}")]
    File(anyhow::Error),
    /// `POC_PASSPHRASE` is set to nothing.
    #[error("POC_PASSPHRASE is set but empty: set it to the passphrase of the identity, or unset it to be asked on the terminal")]
    EmptyEnv,
    /// No terminal to ask on.
    #[error("cannot ask for the passphrase: no terminal (set POC_PASSPHRASE for scripts)")]
    NoTerminal(#[source] std::io::Error),
    /// The passphrase of `POC_PASSPHRASE` does not open the identity.
    #[error("wrong passphrase for {0} in {1}; nothing was done")]
    WrongFromEnv(String, &'static str),
    /// [`MAX_TRIES`] wrong passphrases at the terminal.
    #[error("wrong passphrase for {0}, {MAX_TRIES} times; nothing was done: run the command again to retry")]
    TooManyTries(String),
    /// The new passphrase of `POC_PASSPHRASE` is refused.
    #[error("the passphrase in POC_PASSPHRASE is refused ({0}); nothing was created: use a longer passphrase of several uncommon words")]
    WeakFromEnv(Weakness),
    /// [`MAX_TRIES`] new passphrases at the terminal were refused or not repeated alike.
    #[error("no acceptable passphrase after {MAX_TRIES} tries; nothing was created: run the command again")]
    NoNewPassphrase,
}

/// Where passphrases come from: the environment, or a person (asked through a [`Dialogue`]).
pub enum Source<'a> {
    /// `POC_PASSPHRASE` (one try, no question).
    Env(SecretString),
    /// A person at the terminal.
    Ask(&'a mut dyn Dialogue),
}

impl std::fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Source::Env(_) => "Source::Env",
            Source::Ask(_) => "Source::Ask",
        })
    }
}

/// Which variable gave the passphrase of [`from_env`], for error messages.
fn env_source() -> &'static str {
    if std::env::var_os(crate::passphrase_file::PASSPHRASE_FILE_ENV).is_some() {
        "the file of POC_PASSPHRASE_FILE"
    } else {
        PASSPHRASE_ENV
    }
}

/// The passphrase of `POC_PASSPHRASE_FILE` or `POC_PASSPHRASE`, `None` when neither is set;
/// both set, or an empty one, is refused (an empty passphrase is never one).
pub fn from_env() -> Result<Option<SecretString>, PassphraseError> {
    let from_file = crate::passphrase_file::from_env().map_err(PassphraseError::File)?;
    match (from_file, std::env::var(PASSPHRASE_ENV)) {
        (Some(_), Ok(_)) => Err(PassphraseError::Both),
        (Some(passphrase), Err(_)) => Ok(Some(passphrase)),
        (None, Ok(value)) if value.is_empty() => Err(PassphraseError::EmptyEnv),
        (None, Ok(value)) => Ok(Some(SecretString::from(value))),
        (None, Err(_)) => Ok(None),
    }
}

/// A question to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// The passphrase of the existing identity.
    Existing,
    /// A new passphrase.
    New,
    /// The new passphrase again.
    Repeat,
}

/// Something the person is told before being asked again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The passphrase did not open the identity; `left` tries remain.
    Wrong {
        /// Tries left.
        left: u32,
    },
    /// The new passphrase is refused.
    Weak(Weakness),
    /// The two new passphrases differ.
    Differ,
}

/// The person at the terminal: asks with the echo off and tells what went wrong. The command
/// line implements it (in the reader's language, naming the identity).
pub trait Dialogue {
    /// Asks `question`, reading the answer without echo.
    fn ask(&mut self, question: Question) -> std::io::Result<String>;
    /// Tells `notice`.
    fn tell(&mut self, notice: Notice);
}

/// Whether `error` says the passphrase does not open the identity.
pub fn is_wrong(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|e| matches!(e.downcast_ref(), Some(KeystoreError::WrongPassphrase)))
}

/// Opens an identity named `who` with `open`, the passphrase coming from `source`: one try
/// from the environment, up to [`MAX_TRIES`] from a person. Returns what `open` returned and
/// the passphrase that worked.
pub fn existing<T>(
    source: Source<'_>,
    who: &str,
    mut open: impl FnMut(&SecretString) -> anyhow::Result<T>,
) -> anyhow::Result<(T, SecretString)> {
    let dialogue = match source {
        Source::Env(passphrase) => {
            return match open(&passphrase) {
                Ok(value) => Ok((value, passphrase)),
                Err(e) if is_wrong(&e) => {
                    Err(PassphraseError::WrongFromEnv(who.into(), env_source()).into())
                }
                Err(e) => Err(e),
            };
        }
        Source::Ask(dialogue) => dialogue,
    };
    for attempt in 1..=MAX_TRIES {
        let passphrase = SecretString::from(
            dialogue
                .ask(Question::Existing)
                .map_err(PassphraseError::NoTerminal)?,
        );
        let result = if passphrase.expose_secret().is_empty() {
            Err(KeystoreError::WrongPassphrase.into())
        } else {
            open(&passphrase)
        };
        match result {
            Ok(value) => return Ok((value, passphrase)),
            Err(e) if is_wrong(&e) => {
                if attempt < MAX_TRIES {
                    dialogue.tell(Notice::Wrong {
                        left: MAX_TRIES - attempt,
                    });
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(PassphraseError::TooManyTries(who.into()).into())
}

/// A new passphrase from `source` that meets `policy` (`user_inputs`: see [`check`]); a
/// person types it twice, and gets up to [`MAX_TRIES`] rounds.
pub fn new(
    source: Source<'_>,
    policy: Policy,
    user_inputs: &[&str],
) -> Result<SecretString, PassphraseError> {
    let dialogue = match source {
        Source::Env(passphrase) => {
            check(passphrase.expose_secret(), policy, user_inputs)
                .map_err(PassphraseError::WeakFromEnv)?;
            return Ok(passphrase);
        }
        Source::Ask(dialogue) => dialogue,
    };
    for _ in 0..MAX_TRIES {
        let first = SecretString::from(
            dialogue
                .ask(Question::New)
                .map_err(PassphraseError::NoTerminal)?,
        );
        if let Err(weakness) = check(first.expose_secret(), policy, user_inputs) {
            dialogue.tell(Notice::Weak(weakness));
            continue;
        }
        let second = SecretString::from(
            dialogue
                .ask(Question::Repeat)
                .map_err(PassphraseError::NoTerminal)?,
        );
        if first.expose_secret() != second.expose_secret() {
            dialogue.tell(Notice::Differ);
            continue;
        }
        return Ok(first);
    }
    Err(PassphraseError::NoNewPassphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A person typing `answers` in turn; what they were told is kept.
    struct Scripted {
        answers: Vec<&'static str>,
        asked: Vec<Question>,
        told: Vec<Notice>,
    }

    impl Scripted {
        fn new(answers: &[&'static str]) -> Self {
            Scripted {
                answers: answers.iter().rev().copied().collect(),
                asked: Vec::new(),
                told: Vec::new(),
            }
        }
    }

    impl Dialogue for Scripted {
        fn ask(&mut self, question: Question) -> std::io::Result<String> {
            self.asked.push(question);
            self.answers
                .pop()
                .map(str::to_owned)
                .ok_or_else(|| std::io::Error::other("no more answers"))
        }

        fn tell(&mut self, notice: Notice) {
            self.told.push(notice);
        }
    }

    fn open_with(right: &'static str) -> impl FnMut(&SecretString) -> anyhow::Result<&'static str> {
        move |p| {
            if p.expose_secret() == right {
                Ok("opened")
            } else {
                Err(KeystoreError::WrongPassphrase.into())
            }
        }
    }

    #[test]
    fn a_person_gets_three_tries() {
        let mut person = Scripted::new(&["first", "second", "right"]);
        let (opened, pass) = existing(
            Source::Ask(&mut person),
            "FRA.technical",
            open_with("right"),
        )
        .unwrap();
        assert_eq!(opened, "opened");
        assert_eq!(pass.expose_secret(), "right");
        assert_eq!(
            person.told,
            [Notice::Wrong { left: 2 }, Notice::Wrong { left: 1 }]
        );

        let mut person = Scripted::new(&["a", "b", "c", "right"]);
        let error = existing(
            Source::Ask(&mut person),
            "FRA.technical",
            open_with("right"),
        )
        .unwrap_err();
        assert!(
            matches!(error.downcast_ref(), Some(PassphraseError::TooManyTries(who)) if who == "FRA.technical"),
            "{error:#}"
        );
        assert_eq!(person.asked.len(), 3, "never a fourth question");
    }

    #[test]
    fn an_empty_answer_is_a_wrong_try_and_is_not_tried() {
        let mut person = Scripted::new(&["", "right"]);
        let mut tried = Vec::new();
        let (_, pass) = existing(Source::Ask(&mut person), "X", |p| {
            tried.push(p.expose_secret().to_owned());
            open_with("right")(p)
        })
        .unwrap();
        assert_eq!(pass.expose_secret(), "right");
        assert_eq!(tried, ["right"]);
        assert_eq!(person.told, [Notice::Wrong { left: 2 }]);
    }

    #[test]
    fn the_environment_gets_one_try_and_other_errors_stop_at_once() {
        let error = existing(
            Source::Env(SecretString::from("wrong".to_owned())),
            "MEX.technical",
            open_with("right"),
        )
        .unwrap_err();
        assert!(matches!(
            error.downcast_ref(),
            Some(PassphraseError::WrongFromEnv(_, _))
        ));

        let mut person = Scripted::new(&["x", "y", "z"]);
        let error = existing(Source::Ask(&mut person), "X", |_| -> anyhow::Result<()> {
            anyhow::bail!("the identity file is damaged")
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "the identity file is damaged");
        assert_eq!(person.asked.len(), 1);
    }

    #[test]
    fn no_terminal_is_said_plainly() {
        let mut person = Scripted::new(&[]);
        let error = existing(Source::Ask(&mut person), "X", open_with("right")).unwrap_err();
        assert!(error.to_string().contains("POC_PASSPHRASE"), "{error}");
    }

    #[test]
    fn weak_custodian_passphrases_are_refused_with_the_reason() {
        assert_eq!(
            check("password1", Policy::Strong, &[]),
            Err(Weakness::Guessable {
                score: 0,
                reason: Reason::CommonPassword
            })
        );
        assert!(matches!(
            check("qwertyuiop", Policy::Strong, &[]),
            Err(Weakness::Guessable {
                reason: Reason::KeyboardPattern | Reason::CommonPassword,
                ..
            })
        ));
        assert_eq!(check("short", Policy::Length, &[]), Err(Weakness::TooShort));
        assert_eq!(check("", Policy::Strong, &[]), Err(Weakness::Empty));
        // The words of the identity count as known to an attacker.
        assert!(check("UNODA.custodian2026", Policy::Strong, &["UNODA.custodian"]).is_err());
        // The harness's custodian passphrase is strong enough.
        assert_eq!(
            check("custodian passphrase", Policy::Strong, &["UNODA"]),
            Ok(())
        );
        // Long enough is enough for a PoC's passphrase; not for the custodian's.
        assert_eq!(check("password1", Policy::Length, &[]), Ok(()));
        assert_eq!(
            check(
                "violet tractor sings under eleven marmalade moons",
                Policy::Strong,
                &[]
            ),
            Ok(())
        );
    }

    #[test]
    fn a_new_passphrase_is_asked_again_until_strong_and_repeated() {
        let mut person = Scripted::new(&[
            "password1",
            "violet tractor sings under eleven marmalade moons",
            "violet tractor sings under eleven marmalade mons",
            "violet tractor sings under eleven marmalade moons",
            "violet tractor sings under eleven marmalade moons",
        ]);
        let pass = new(Source::Ask(&mut person), Policy::Strong, &[]).unwrap();
        assert_eq!(
            pass.expose_secret(),
            "violet tractor sings under eleven marmalade moons"
        );
        assert!(matches!(
            person.told.as_slice(),
            [Notice::Weak(Weakness::Guessable { .. }), Notice::Differ]
        ));

        let mut person = Scripted::new(&["password1", "123456789", "qwertyuiop"]);
        assert!(matches!(
            new(Source::Ask(&mut person), Policy::Strong, &[]),
            Err(PassphraseError::NoNewPassphrase)
        ));
        assert_eq!(person.asked, [Question::New; 3]);

        assert!(matches!(
            new(
                Source::Env(SecretString::from("password1".to_owned())),
                Policy::Strong,
                &[]
            ),
            Err(PassphraseError::WeakFromEnv(Weakness::Guessable { .. }))
        ));
    }
}
