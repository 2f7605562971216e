//! Text made safe for a terminal: what other parties wrote (message fields, attachment
//! names, directory entries, reasons, relay error details) can neither drive the terminal
//! nor reorder what is shown after it.
//!
//! [`neutralise`] shows every character that would act instead of being read in a visible,
//! escaped form:
//!
//! - control characters (C0, DEL, C1): `\x1b`, `\x07`, `\x9b`..., with `\r` and, on one-line
//!   text, `\n` and `\t` written as such. This takes the teeth out of escape sequences
//!   (colours, cursor moves, screen clears, OSC 8 links, OSC 52 clipboard writes) and bells;
//! - bidirectional controls (embeddings, overrides and isolates U+202A–U+202E and
//!   U+2066–U+2069, the marks U+200E, U+200F and U+061C): `<U+202E>`. Shown, they cannot
//!   reorder the rest of a line, such as the signature status next to a summary;
//! - other invisible format characters (zero-width space, word joiner, soft hyphen, byte
//!   order mark, tag characters...) and the line and paragraph separators U+2028 and U+2029:
//!   `<U+200B>`. The zero-width joiner and non-joiner stay: scripts and emoji need them.
//!
//! Letters of every script (Arabic, Hebrew, Chinese, Cyrillic...) are left as they are.
//! Escaped text contains none of these characters, so neutralising twice changes nothing.
//!
//! [`for_terminal`] is what the command line applies to everything it prints for people
//! (`crate::cli` on stdout and stderr). This module does not escape HTML (the campaign
//! report escapes its own) and is not applied to JSON, where `serde_json` escapes controls.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_general_category::{get_general_category, GeneralCategory};

/// Right-to-left isolate, which the CLI itself puts around Arabic labels.
const RLI: char = '\u{2067}';
/// Pop directional isolate, which closes it.
const PDI: char = '\u{2069}';

/// How a character reaches the terminal.
enum Shown {
    /// As it is.
    Itself,
    /// Escaped, e.g. `\x1b` or `<U+202E>`.
    Escaped,
}

/// Whether `c` is a bidirectional control (embedding, override, isolate or mark).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn classify(c: char, keep_line_breaks: bool) -> Shown {
    if c == '\n' || c == '\t' {
        return if keep_line_breaks {
            Shown::Itself
        } else {
            Shown::Escaped
        };
    }
    // The zero-width non-joiner and joiner shape letters and emoji; they move nothing.
    if c == '\u{200C}' || c == '\u{200D}' {
        return Shown::Itself;
    }
    match get_general_category(c) {
        GeneralCategory::Control
        | GeneralCategory::Format
        | GeneralCategory::LineSeparator
        | GeneralCategory::ParagraphSeparator => Shown::Escaped,
        _ if is_bidi_control(c) => Shown::Escaped,
        _ => Shown::Itself,
    }
}

fn escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if c.is_control() => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c => {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        }
    }
}

fn neutralise_with(text: &str, keep_line_breaks: bool) -> Cow<'_, str> {
    let Some(first) = text
        .char_indices()
        .find(|(_, c)| matches!(classify(*c, keep_line_breaks), Shown::Escaped))
        .map(|(i, _)| i)
    else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match classify(c, keep_line_breaks) {
            Shown::Itself => out.push(c),
            Shown::Escaped => escape(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// `text` with every control, bidirectional control and invisible format character shown
/// escaped; line feeds and tabs stay, so multi-line text keeps its lines.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    neutralise_with(text, true)
}

/// Same as [`neutralise`], and line feeds and tabs escaped too (`\n`, `\t`): for text that
/// must stay on one line, such as a table cell, so it cannot start a line of its own.
pub fn neutralise_line(text: &str) -> Cow<'_, str> {
    neutralise_with(text, false)
}

/// Whether `line` is a label line the CLI lays out for right-to-left languages: one
/// right-to-left isolate around text without any character to escape. Such a line is
/// harmless whoever wrote it: the isolate is closed on the line it opens.
fn is_isolated_label(line: &str) -> bool {
    line.strip_prefix(RLI)
        .and_then(|rest| rest.strip_suffix(PDI))
        .is_some_and(|inner| matches!(neutralise_line(inner), Cow::Borrowed(_)))
}

/// Text rendered for people, made safe to print: [`neutralise`] on every line, except the
/// closed right-to-left isolates around labels that the CLI writes for Arabic readers.
pub fn for_terminal(rendered: &str) -> Cow<'_, str> {
    if matches!(neutralise(rendered), Cow::Borrowed(_)) {
        return Cow::Borrowed(rendered);
    }
    let mut out = String::with_capacity(rendered.len() + 16);
    for line in rendered.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if is_isolated_label(body) {
            out.push_str(body);
        } else {
            out.push_str(&neutralise(body));
        }
        out.push_str(end);
    }
    Cow::Owned(out)
}

/// A JSON text with every character [`neutralise`] would escape written as a JSON `\u`
/// escape instead (a surrogate pair past U+FFFF). Outside strings JSON holds only ASCII, so
/// these characters are all inside strings, and the document decodes to exactly the same
/// values: `--json` output keeps text as written, without acting on a terminal.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if matches!(neutralise(json), Cow::Borrowed(_)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match classify(c, true) {
            Shown::Itself => out.push(c),
            Shown::Escaped => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    Cow::Owned(out)
}

/// The CLI's own labels that may be shown in colour. Only these get colour codes, and the
/// codes are fixed here: what others wrote is never coloured and cannot add codes of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A high priority: bold red.
    High,
    /// The marker of a message not read yet: bold.
    Unread,
    /// Column headers: underlined.
    Header,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::High => "\x1b[1;31m",
            Style::Unread => "\x1b[1m",
            Style::Header => "\x1b[4m",
        }
    }
}

/// Ends a [`Style`].
const RESET: &str = "\x1b[0m";

/// Text for people made of plain text and styled labels, rendered with or without colour.
/// Every piece, plain or styled, passes [`for_terminal`]; colour codes are added around the
/// styled pieces afterwards, so they are the only codes the rendered text holds.
#[derive(Debug, Clone, Default)]
pub struct Styled {
    pieces: Vec<(Option<Style>, String)>,
}

impl Styled {
    /// Empty text.
    pub fn new() -> Self {
        Styled::default()
    }

    /// Appends plain text.
    pub fn plain(&mut self, text: impl Into<String>) {
        self.pieces.push((None, text.into()));
    }

    /// Appends a label shown in `style` when colour is on.
    pub fn styled(&mut self, style: Style, text: impl Into<String>) {
        self.pieces.push((Some(style), text.into()));
    }

    /// The text made safe for a terminal, with colour codes around the styled pieces if
    /// `colour`.
    pub fn render(&self, colour: bool) -> String {
        let mut out = String::new();
        for (style, text) in &self.pieces {
            let safe = for_terminal(text);
            match style {
                Some(style) if colour && !safe.is_empty() => {
                    out.push_str(style.code());
                    out.push_str(&safe);
                    out.push_str(RESET);
                }
                _ => out.push_str(&safe),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bells_are_shown_not_acted_on() {
        assert_eq!(
            neutralise("a\u{1b}[2Jb\u{7}c\u{1b}]52;c;ZXZpbA==\u{7}"),
            "a\\x1b[2Jb\\x07c\\x1b]52;c;ZXZpbA==\\x07"
        );
        // OSC 8 hyperlink with the string terminator ESC \.
        assert_eq!(
            neutralise("\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\"),
            "\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\"
        );
        // Carriage return (rewrites the line), DEL, and the C1 CSI and OSC introducers.
        assert_eq!(
            neutralise("ok\rFAKE\u{7f}\u{9b}2J\u{9d}"),
            "ok\\rFAKE\\x7f\\x9b2J\\x9d"
        );
    }

    #[test]
    fn bidi_controls_and_invisible_characters_are_made_visible() {
        assert_eq!(
            neutralise("invoice\u{202E}fdp.exe"),
            "invoice<U+202E>fdp.exe"
        );
        for c in ('\u{202A}'..='\u{202E}')
            .chain('\u{2066}'..='\u{2069}')
            .chain(['\u{200E}', '\u{200F}', '\u{061C}'])
        {
            let shown = neutralise(&c.to_string()).into_owned();
            assert_eq!(shown, format!("<U+{:04X}>", u32::from(c)));
            assert!(is_bidi_control(c));
        }
        for c in [
            '\u{200B}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{2028}',
            '\u{2029}',
            '\u{E0041}',
        ] {
            assert!(neutralise(&c.to_string()).starts_with("<U+"), "{c:?}");
        }
    }

    #[test]
    fn letters_of_every_script_and_joiners_stay() {
        for text in [
            "مرحبا بالعالم",
            "שלום עולם",
            "网络安全事件",
            "Кибербезопасность",
            "Incidente de seguridad: ñ, é",
            "👩\u{200D}💻",
            "می\u{200C}خواهم",
            "é = e\u{301}",
        ] {
            assert!(matches!(neutralise(text), Cow::Borrowed(_)), "{text}");
            assert!(matches!(neutralise_line(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn the_cli_own_translations_pass_unchanged() {
        // The boundary escapes only what others write: the phrases hold nothing to escape.
        for (lang, ftl) in [
            ("ar", include_str!("../i18n/ar/poc.ftl")),
            ("en", include_str!("../i18n/en/poc.ftl")),
            ("es", include_str!("../i18n/es/poc.ftl")),
            ("fr", include_str!("../i18n/fr/poc.ftl")),
            ("ru", include_str!("../i18n/ru/poc.ftl")),
            ("zh", include_str!("../i18n/zh/poc.ftl")),
        ] {
            assert!(matches!(neutralise(ftl), Cow::Borrowed(_)), "{lang}");
        }
    }

    #[test]
    fn lines_stay_in_text_and_are_escaped_in_one_line_text() {
        assert_eq!(neutralise("one\ntwo\tthree"), "one\ntwo\tthree");
        assert_eq!(neutralise_line("one\ntwo\tthree"), "one\\ntwo\\tthree");
    }

    #[test]
    fn neutralising_twice_changes_nothing() {
        let hostile = "\u{1b}[31mred\u{202E}\u{2066}x\u{2069}\n\u{9b}\u{200B}";
        let once = neutralise_line(hostile).into_owned();
        assert_eq!(neutralise_line(&once), once);
        assert_eq!(for_terminal(&once), once);
    }

    #[test]
    fn json_keeps_its_values_and_escapes_what_would_act_on_a_terminal() {
        let value = serde_json::json!({
            "summary": "\u{1b}[2J\u{7}\u{9b}x\u{202E}y\u{2066}\u{E0041}مرحبا",
            "n": 1,
        });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_for_terminal(&text);
        assert!(matches!(neutralise(&safe), Cow::Borrowed(_)), "{safe}");
        assert!(
            safe.contains("\\u202e") && safe.contains("\\udb40\\udc41"),
            "{safe}"
        );
        assert!(safe.contains("مرحبا"));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn only_closed_label_isolates_pass_the_terminal_boundary() {
        let label = "\u{2067}الموضوع\u{2069}\n    value\n";
        assert_eq!(for_terminal(label), label);
        let mixed = format!("{label}    \u{2067}evil\n\u{2067}open\n\u{2067}a\u{202E}b\u{2069}\n");
        assert_eq!(
            for_terminal(&mixed),
            "\u{2067}الموضوع\u{2069}\n    value\n    <U+2067>evil\n<U+2067>open\n<U+2067>a<U+202E>b<U+2069>\n"
        );
        assert_eq!(for_terminal("a\u{1b}[2J"), "a\\x1b[2J");
    }
}
