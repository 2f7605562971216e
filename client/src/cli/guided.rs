//! The guided `poc send`: on a terminal, the pieces a command line left out are asked in
//! turn (the recipient, with the matching PoCs of the local directory to choose from; the
//! type; the priority; the TLP label; then each field of the template with its label and
//! allowed values), and the finished message is shown as its recipient will read it before
//! the person confirms.
//!
//! The answers fill the same [`SendArgs`] the flag form reads, so every check of a message is
//! the flag form's (`cli::cmd::send`, `compose`, `ops::send`): this module asks and suggests,
//! it does not check a message and does not send it. Without a terminal nothing is asked and
//! the flag form's errors stand.

use poc_proto::{Priority, Tlp};

use super::args::SendArgs;
use super::prompt::{self, Confirmation, Terminal};
use crate::compose::Kind;
use crate::i18n::{screens, Lang, Translated};
use crate::trust::TrustedDirectory;

/// How many times one question is asked again after an answer it cannot use.
const TRIES: usize = 3;

/// Whether `args` leave out something the guided form asks (and no message file gives it).
pub(crate) fn is_incomplete(args: &SendArgs) -> bool {
    args.file.is_none() && (args.to.is_empty() || args.kind.is_none() || args.priority.is_none())
}

/// One PoC of the directory offered for an answer: its id and how it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// The PoC id.
    pub id: String,
    /// "MAR.technical, Maroc, maCERT": the id, the State's name in the reader's language (for
    /// a State) and the organisation.
    pub shown: String,
    /// The State code before the dot of the id.
    state: String,
    /// The organisation's name.
    org_name: String,
}

impl Candidate {
    /// The PoC `id` of organisation `org_name`, named for a reader of `lang`.
    fn new(id: &poc_proto::PocId, org_name: &str, lang: Lang) -> Self {
        let state = crate::states::name(id.org(), lang)
            .map(|name| format!("{name}, "))
            .unwrap_or_default();
        Candidate {
            id: id.to_string(),
            shown: format!("{id}, {state}{org_name}"),
            state: id.org().to_owned(),
            org_name: org_name.to_owned(),
        }
    }

    /// Whether `wanted` (lower case) is part of the id, of the organisation's name or of the
    /// State's name in any of the six languages.
    fn is_named_by(&self, wanted: &str) -> bool {
        self.id.to_lowercase().contains(wanted)
            || self.org_name.to_lowercase().contains(wanted)
            || crate::states::named_by(&self.state, wanted)
    }
}

/// The PoCs of `directory` (other than `me`) an answer names: an exact id (any case), else
/// every PoC whose id, organisation name or State name (in any of the six languages) contains
/// the answer; each named for a reader of `lang`.
pub(crate) fn candidates(
    directory: &TrustedDirectory,
    me: &poc_proto::PocId,
    answer: &str,
    lang: Lang,
) -> Vec<Candidate> {
    matching(offered(directory, me, lang), answer)
}

/// Every PoC of `directory` but `me`, named for a reader of `lang`.
fn offered(directory: &TrustedDirectory, me: &poc_proto::PocId, lang: Lang) -> Vec<Candidate> {
    directory
        .teams()
        .iter()
        .filter(|e| e.body.id != *me)
        .map(|e| Candidate::new(&e.body.id, &e.body.org_name, lang))
        .collect()
}

/// The candidates `answer` names (see [`candidates`]).
fn matching(all: Vec<Candidate>, answer: &str) -> Vec<Candidate> {
    let wanted = answer.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    if let Some(exact) = all.iter().find(|c| c.id.to_lowercase() == wanted) {
        return vec![exact.clone()];
    }
    all.into_iter().filter(|c| c.is_named_by(&wanted)).collect()
}

/// What an answer that names no PoC may have meant: the closest of the PoC ids and of the
/// names of their States in the six languages.
fn closest(all: &[Candidate], answer: &str) -> Option<String> {
    let mut known: Vec<String> = Vec::new();
    for c in all {
        known.push(c.id.clone());
        for name in crate::states::names(&c.state) {
            if !known.contains(&name) {
                known.push(name);
            }
        }
    }
    crate::compose::did_you_mean(answer, known.iter().map(String::as_str)).map(str::to_owned)
}

/// Asks what `args` leave out, in `lang`, offering the PoCs of `directory` for the
/// recipient. An answer it cannot use is asked again (at most [`TRIES`] times); the end of
/// input stops the command with nothing sent.
pub(crate) fn fill(
    terminal: &mut dyn Terminal,
    lang: Lang,
    directory: Option<&TrustedDirectory>,
    me: &poc_proto::PocId,
    args: &mut SendArgs,
) -> anyhow::Result<()> {
    if args.to.is_empty() {
        args.to = vec![recipient(terminal, lang, directory, me)?];
    }
    if args.kind.is_none() {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name()).collect();
        let question = screens::guided_type(lang, &names.join(", "));
        args.kind = Some(choose(terminal, &question, &KINDS, |k| k.name(), None)?);
    }
    if args.priority.is_none() {
        let all = <Priority as Translated>::ALL;
        let question = screens::guided_priority(lang, &choices(all, lang));
        args.priority = Some(choose(terminal, &question, all, |p| p.key(), None)?);
    }
    if args.tlp.is_none() {
        let all = <Tlp as Translated>::ALL;
        let question = screens::guided_tlp(lang, &choices(all, lang), Tlp::Amber.key());
        let tlp = choose(terminal, &question, all, |t| t.key(), Some(Tlp::Amber))?;
        args.tlp = Some(tlp.to_string());
    }
    let kind = args.kind.unwrap_or(Kind::Text);
    let given: Vec<String> = args
        .fields
        .iter()
        .filter_map(|f| f.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect();
    for field in kind.fields() {
        if given.iter().any(|g| g == field) {
            continue;
        }
        let label = crate::i18n::label(field, lang).unwrap_or(field);
        let values = crate::i18n::values(field);
        let question = if values.is_empty() {
            screens::guided_field(lang, label, field)
        } else {
            screens::guided_field_choice(lang, label, field, &values.join(", "))
        };
        let answer = ask(terminal, &question)?;
        if !answer.is_empty() {
            args.fields.push(format!("{field}={answer}"));
        }
    }
    Ok(())
}

const KINDS: [Kind; 4] = [Kind::Incident, Kind::Assistance, Kind::Response, Kind::Text];

/// "high (HIGH), medium (...)": each canonical name with its translation.
fn choices<T: Translated>(all: &[T], lang: Lang) -> String {
    all.iter()
        .map(|v| {
            let text = v.text(lang);
            if text.eq_ignore_ascii_case(v.key()) {
                v.key().to_owned()
            } else {
                format!("{} ({text})", v.key())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One answer; the end of input stops the command.
fn ask(terminal: &mut dyn Terminal, question: &str) -> anyhow::Result<String> {
    prompt::ask(terminal, question)?
        .ok_or_else(|| anyhow::anyhow!("no answer (end of input); nothing was sent"))
}

/// One of `all`, named by its canonical name (any case) or its number in the list; an empty
/// answer takes `default` when there is one.
fn choose<T: Copy>(
    terminal: &mut dyn Terminal,
    question: &str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
    default: Option<T>,
) -> anyhow::Result<T> {
    for _ in 0..TRIES {
        let answer = ask(terminal, question)?;
        if answer.is_empty() {
            if let Some(default) = default {
                return Ok(default);
            }
            continue;
        }
        if let Some(found) = all
            .iter()
            .copied()
            .find(|v| name(*v).eq_ignore_ascii_case(&answer))
            .or_else(|| {
                answer
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| all.get(i).copied())
            })
        {
            return Ok(found);
        }
    }
    anyhow::bail!(
        "no usable answer after {TRIES} tries; nothing was sent: give it on the command line"
    )
}

/// The recipient: an id or State code typed whole, or one PoC picked from those the answer
/// matches in the local directory.
fn recipient(
    terminal: &mut dyn Terminal,
    lang: Lang,
    directory: Option<&TrustedDirectory>,
    me: &poc_proto::PocId,
) -> anyhow::Result<String> {
    for _ in 0..TRIES {
        let answer = ask(terminal, &screens::guided_to(lang))?;
        if answer.is_empty() {
            continue;
        }
        let Some(directory) = directory else {
            return Ok(answer);
        };
        let found = candidates(directory, me, &answer, lang);
        match found.as_slice() {
            [one] => {
                crate::cli::stderr_line(&screens::guided_to_chosen(lang, &one.shown));
                return Ok(one.id.clone());
            }
            [] => {
                let line = match closest(&offered(directory, me, lang), &answer) {
                    Some(close) => screens::guided_to_close(lang, &answer, &close),
                    // A State code for all its PoCs, or an id the flag form will judge.
                    None if !answer.contains('.') && answer.len() <= 10 => {
                        return Ok(answer.to_uppercase());
                    }
                    None => screens::guided_to_none(lang, &answer),
                };
                crate::cli::stderr_line(&line);
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("  {}) {}", i + 1, c.shown))
                    .collect();
                crate::cli::stderr_line(&list.join("\n"));
                let picked = ask(terminal, &screens::guided_to_pick(lang, many.len() as u64))?;
                if let Some(c) = picked
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| many.get(i))
                {
                    return Ok(c.id.clone());
                }
                if let [c] = candidates(directory, me, &picked, lang).as_slice() {
                    return Ok(c.id.clone());
                }
            }
        }
    }
    anyhow::bail!("no recipient after {TRIES} tries; nothing was sent: give it with --to")
}

/// Shows `preview` (the message as its recipient will read it) and asks to send it, unless
/// `asked_later`: a send that needs its own confirmation (TLP:RED to several people, a State
/// code) asks that one question once the recipients are known, so the person answers once.
pub(crate) fn confirm_send(
    terminal: &mut dyn Terminal,
    lang: Lang,
    preview: &str,
    asked_later: bool,
) -> anyhow::Result<()> {
    crate::cli::to_stderr(&format!("\n{preview}\n"));
    if asked_later {
        return Ok(());
    }
    match prompt::confirm(terminal, lang, &screens::guided_confirm(lang))? {
        Confirmation::Yes => Ok(()),
        Confirmation::No | Confirmation::NoTerminal => {
            anyhow::bail!("not sent: the message was not confirmed")
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn directory(lang: Lang) -> Vec<Candidate> {
        [
            ("MAR.technical", "maCERT"),
            ("MAR.diplomatic", "Ministère des Affaires étrangères"),
            ("MEX.technical", "CERT-MX"),
            ("CHN.technical", "CNCERT/CC"),
        ]
        .into_iter()
        .map(|(id, org)| Candidate::new(&id.parse().unwrap(), org, lang))
        .collect()
    }

    fn ids(found: &[Candidate]) -> Vec<&str> {
        found.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn each_poc_is_shown_with_its_state_in_the_readers_language() {
        let shown = |lang| directory(lang)[0].shown.clone();
        assert_eq!(shown(Lang::Fr), "MAR.technical, Maroc, maCERT");
        assert_eq!(shown(Lang::Es), "MAR.technical, Marruecos, maCERT");
        assert_eq!(shown(Lang::Zh), "MAR.technical, 摩洛哥, maCERT");
        assert_eq!(shown(Lang::Ar), "MAR.technical, المغرب, maCERT");
        assert_eq!(shown(Lang::Ru), "MAR.technical, Марокко, maCERT");
        assert_eq!(shown(Lang::En), "MAR.technical, Morocco, maCERT");
    }

    #[test]
    fn a_state_is_found_by_its_name_in_any_language_whatever_the_readers() {
        for reader in Lang::ALL {
            for typed in [
                "Maroc",
                "marruecos",
                "摩洛哥",
                "المغرب",
                "Марокко",
                "morocco",
            ] {
                let found = matching(directory(reader), typed);
                assert_eq!(
                    ids(&found),
                    ["MAR.technical", "MAR.diplomatic"],
                    "{typed} for {reader:?}"
                );
            }
        }
        // Ids and organisations still match; an exact id is the one PoC.
        assert_eq!(
            ids(&matching(directory(Lang::Fr), "cncert")),
            ["CHN.technical"]
        );
        assert_eq!(
            ids(&matching(directory(Lang::Fr), "mar.TECHNICAL")),
            ["MAR.technical"]
        );
        assert!(matching(directory(Lang::Fr), "Allemagne").is_empty());
    }

    #[test]
    fn a_misspelt_state_name_gets_a_suggestion_in_its_language() {
        let all = directory(Lang::Fr);
        assert_eq!(closest(&all, "Marok").as_deref(), Some("Maroc"));
        assert_eq!(closest(&all, "Marruecoss").as_deref(), Some("Marruecos"));
        assert_eq!(closest(&all, "Mexiqe").as_deref(), Some("Mexique"));
        assert_eq!(
            closest(&all, "MEX.tecnical").as_deref(),
            Some("MEX.technical")
        );
        assert_eq!(closest(&all, "zzzz"), None);
    }
}
