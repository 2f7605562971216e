//! The passphrase questions at the terminal, in the reader's language: each names the
//! identity (its PoC id and home directory), reads the answer without echo, and says why it
//! asks again. The rules (tries, strength, `POC_PASSPHRASE`) are `crate::passphrase`'s.

use age::secrecy::SecretString;

use crate::i18n::{screens, Lang};
use crate::passphrase::{self, Notice, Policy, Question, Reason, Source, Weakness};

/// The person at the terminal, asked about the identity `id` in the home `home`.
#[derive(Debug)]
pub(crate) struct TerminalDialogue {
    lang: Lang,
    id: String,
    home: String,
}

impl TerminalDialogue {
    /// Questions about the identity `id` of the home `home`, in `lang`.
    pub(crate) fn new(lang: Lang, id: &str, home: &std::path::Path) -> Self {
        TerminalDialogue {
            lang,
            id: id.to_owned(),
            home: home.display().to_string(),
        }
    }

    /// How errors name the identity.
    pub(crate) fn who(&self) -> String {
        format!("{} ({})", self.id, self.home)
    }

    /// Opens the identity with `open`, the passphrase from `POC_PASSPHRASE` or asked here.
    pub(crate) fn existing<T>(
        &mut self,
        open: impl FnMut(&SecretString) -> anyhow::Result<T>,
    ) -> anyhow::Result<(T, SecretString)> {
        let who = self.who();
        match passphrase::from_env()? {
            Some(env) => passphrase::existing(Source::Env(env), &who, open),
            None => passphrase::existing(Source::Ask(self), &who, open),
        }
    }

    /// A new passphrase meeting `policy`, from `POC_PASSPHRASE` or asked here (twice).
    pub(crate) fn new_passphrase(
        &mut self,
        policy: Policy,
        user_inputs: &[&str],
    ) -> anyhow::Result<SecretString> {
        Ok(match passphrase::from_env()? {
            Some(env) => passphrase::new(Source::Env(env), policy, user_inputs)?,
            None => passphrase::new(Source::Ask(self), policy, user_inputs)?,
        })
    }
}

fn reason(lang: Lang, reason: Reason) -> String {
    match reason {
        Reason::KeyboardPattern => screens::passphrase_reason_keyboard(lang),
        Reason::Repeats => screens::passphrase_reason_repeats(lang),
        Reason::CommonPassword => screens::passphrase_reason_common(lang),
        Reason::Sequence => screens::passphrase_reason_sequence(lang),
        Reason::Dates => screens::passphrase_reason_dates(lang),
        Reason::SingleWord => screens::passphrase_reason_word(lang),
        Reason::Names => screens::passphrase_reason_names(lang),
        Reason::Guessable => screens::passphrase_reason_guessable(lang),
    }
}

impl passphrase::Dialogue for TerminalDialogue {
    fn ask(&mut self, question: Question) -> std::io::Result<String> {
        let lang = self.lang;
        let prompt = match question {
            Question::Existing => screens::passphrase_prompt(lang, &self.id, &self.home),
            Question::New => screens::passphrase_prompt_new(lang, &self.id, &self.home),
            Question::Repeat => screens::passphrase_prompt_repeat(lang),
        };
        // rpassword writes the prompt to the terminal itself: made safe like every line.
        rpassword::prompt_password(crate::terminal::for_terminal(&format!("{prompt} ")))
    }

    fn tell(&mut self, notice: Notice) {
        let lang = self.lang;
        let line = match notice {
            Notice::Wrong { left } => screens::passphrase_wrong(lang, u64::from(left)),
            Notice::Differ => screens::passphrase_differ(lang),
            Notice::Weak(Weakness::Empty) => screens::passphrase_empty(lang),
            Notice::Weak(Weakness::TooShort) => {
                screens::passphrase_too_short(lang, passphrase::MIN_CHARS as u64)
            }
            Notice::Weak(Weakness::Guessable { score, reason: why }) => screens::passphrase_weak(
                lang,
                &reason(lang, why),
                u64::from(score),
                passphrase::MIN_SCORE as u64,
            ),
        };
        crate::cli::stderr_line(&line);
    }
}
