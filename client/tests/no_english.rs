//! No English text is written into the renderers: every sentence, word and header that the
//! `poc` command prints (its screens and its stderr lines) comes from the Fluent catalogue, so
//! that it reaches the reader in their language.
//!
//! The check reads the sources of `client/src/cli` (every command's `Output` and the lines it
//! prints) and of `client/src/ui` (the pages of `poc ui`), and flags each string literal that
//! holds English: a word of the English catalogue
//! or of a short list of English function words, or two words in a row. Literals that are not
//! shown to people, or not meant to be translated, are left out by kind: error messages
//! (`bail!`, `anyhow!`, `context`), attributes (`#[error(...)]`, clap's), command paths
//! (`COMMAND`), command lines (`poc ...`, typed as they are), identifiers (one lower-case token
//! such as `in_reply_to`, `directory.bin`, `text/plain`, unless turned into a `String` to be
//! shown), paths and addresses (`/message/{id}`, `file://...`), markup, unit tests, and lines
//! marked `// canonical, not translated` (the CSV's canonical values, HTTP header values). Not read: `cli/args.rs` (clap's help), `cli/mod.rs` (parses the
//! arguments and reports errors) and `cli/output.rs` (writes `docs/JSON.md`).
//!
//! The templates of the pages (`client/src/ui/templates`) are read too: the text they show
//! between tags and in the attributes a person reads or hears (`title`, `alt`,
//! `placeholder`, `aria-label`) holds no English; their words come from the catalogue through
//! `{{ ... }}`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Marks a line whose literals are canonical data (CSV values, keyboard answers).
const MARKER: &str = "// canonical, not translated";

/// English words frequent in sentences, on top of the words of the English catalogue.
const FUNCTION_WORDS: &[&str] = &[
    "the", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "not",
    "no", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "you", "your",
    "they", "their", "them", "has", "have", "had", "will", "can", "cannot", "could", "should",
    "must", "run", "use", "see", "after", "before", "then", "next", "now", "when", "which", "what",
    "who", "all", "any", "every", "each", "one", "written", "sent", "read", "none", "never",
    "pending", "warning", "note", "failed",
];

fn manifest_dir() -> PathBuf {
    // At run time, so that the check can be pointed at another tree of the same layout.
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The ASCII words of a text, lower case, two letters or more.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// `text` without its `{...}` parts (Fluent placeables, Rust format arguments) and its
/// backquoted parts (command lines).
fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '`' => quoted = !quoted,
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 && !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

/// The words of the message values of a Fluent file (ids, comments, selectors and
/// placeables left out).
fn catalogue_words(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        }
        let value = if line.starts_with(char::is_whitespace) {
            // A variant of a selector (`[one] ...`) or a continuation line.
            trimmed
                .trim_start_matches('*')
                .split_once(']')
                .map_or(trimmed, |(_, v)| v)
        } else {
            line.split_once('=').map_or("", |(_, v)| v)
        };
        out.extend(words(&without_placeholders(value)));
    }
    out
}

/// The English words a renderer must not hold: those of the English catalogue that are not
/// written the same way in every other language (TLP labels, `JSON`...), and the function
/// words.
fn english_words(i18n: &Path) -> BTreeSet<String> {
    let english = catalogue_words(&i18n.join("en/poc.ftl"));
    let others: Vec<BTreeSet<String>> = ["ar", "zh", "fr", "ru", "es"]
        .iter()
        .map(|code| catalogue_words(&i18n.join(code).join("poc.ftl")))
        .collect();
    english
        .into_iter()
        .filter(|w| !others.iter().all(|o| o.contains(w)))
        .chain(FUNCTION_WORDS.iter().map(|w| (*w).to_owned()))
        .collect()
}

/// A string literal of a source file: where it starts and ends (after its closing quote) and
/// what it holds (escapes as written).
struct Literal {
    start: usize,
    end: usize,
    text: String,
}

/// The string literals of Rust source `src` (comments and char literals skipped).
fn literals(src: &str) -> Vec<Literal> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = src[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = src[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b'r' if (i == 0 || !ident(bytes[i - 1]))
                && matches!(bytes.get(i + 1), Some(b'"') | Some(b'#')) =>
            {
                let hashes = bytes[i + 1..].iter().take_while(|b| **b == b'#').count();
                if bytes.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let open = i + 2 + hashes;
                let close = format!("\"{}", "#".repeat(hashes));
                let end = src[open..].find(&close).map_or(bytes.len(), |n| open + n);
                out.push(Literal {
                    start: i,
                    end: (end + close.len()).min(bytes.len()),
                    text: src[open..end.min(bytes.len())].to_owned(),
                });
                i = end + close.len();
            }
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                out.push(Literal {
                    start: i,
                    end: (j + 1).min(bytes.len()),
                    text: src[i + 1..j.min(bytes.len())].to_owned(),
                });
                i = j + 1;
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
                if bytes.get(i + 1) == Some(&b'\\') {
                    i = src[i + 2..]
                        .find('\'')
                        .map_or(bytes.len(), |n| i + 2 + n + 1);
                } else {
                    let len = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                    i += if bytes.get(i + 1 + len) == Some(&b'\'') {
                        len + 2
                    } else {
                        1
                    };
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether the literal at `start` of `src` is not shown as a screen: an error message, an
/// attribute, a log line, or on a marked line.
fn exempt_by_place(src: &str, start: usize) -> bool {
    let line_start = src[..start].rfind('\n').map_or(0, |n| n + 1);
    let line_end = src[start..].find('\n').map_or(src.len(), |n| start + n);
    if src[line_start..line_end].contains(MARKER) {
        return true;
    }
    // Inside an attribute: the last `#[` before it is not closed yet.
    let before = &src[..start];
    if let Some(open) = before.rfind("#[") {
        if !before[open..].contains("]\n") {
            return true;
        }
    }
    // An argument of an error or log macro, on any line of the call.
    let unclosed = |open: usize| {
        // From the call's `(` on, outside string literals, the depth never falls back to 0.
        let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
        for c in before[open..].chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if quoted => escaped = true,
                '"' => quoted = !quoted,
                '(' if !quoted => depth += 1,
                ')' if !quoted => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        depth > 0
    };
    if [
        "bail!(", "anyhow!(", "ensure!(", "error!(", "warn!(", "info!(", "debug!(",
    ]
    .iter()
    .filter_map(|call| before.rfind(call))
    .any(unclosed)
    {
        return true;
    }
    let mut before = before.trim_end();
    for prefix in ["format!(", "{", "||"] {
        before = before.strip_suffix(prefix).unwrap_or(before).trim_end();
    }
    [
        "COMMAND: &'static str =",
        "bail!(",
        "anyhow!(",
        "context(",
        "ensure!(",
        "error!(",
        "warn!(",
        "info!(",
        "debug!(",
    ]
    .iter()
    .any(|call| before.ends_with(call))
}

/// Whether `literal` is one identifier (a canonical name, a key, a file name, a media type)
/// used as such: not turned into a `String` by what follows it in the source (`after`).
fn identifier(literal: &str, after: &str) -> bool {
    let token = !literal.is_empty()
        && literal
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.+/-".contains(c));
    token
        && ![".into()", ".to_owned()", ".to_string()"]
            .iter()
            .any(|call| after.starts_with(call))
}

/// Why `literal` holds English, if it does.
fn english_in(literal: &str, english: &BTreeSet<String>) -> Option<String> {
    let trimmed = literal.trim_start();
    // Command lines, paths, addresses and markup are typed and parsed as they are.
    let one_token = !literal.contains(char::is_whitespace);
    if ["poc ", "poc-relay ", "age "]
        .iter()
        .any(|p| trimmed.starts_with(p))
        || (one_token && (literal.starts_with('/') || literal.contains("://")))
        || trimmed.starts_with('<')
        || literal.contains("</")
        || literal.contains("=\\\"")
    {
        return None;
    }
    let text = without_placeholders(literal);
    if let Some(word) = words(&text).into_iter().find(|w| english.contains(w)) {
        return Some(format!("the English word `{word}`"));
    }
    let phrase = text
        .split(|c: char| !c.is_ascii_alphabetic() && c != ' ')
        .flat_map(|part| {
            let w: Vec<&str> = part.split(' ').collect();
            w.windows(2)
                .filter(|pair| pair.iter().all(|x| x.len() >= 2))
                .map(|pair| pair.join(" "))
                .collect::<Vec<_>>()
        })
        .next();
    phrase.map(|p| format!("the phrase `{p}`"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every English literal of the renderers, as `file:line: literal (why)`.
fn english_literals(root: &Path) -> Vec<String> {
    let english = english_words(&root.join("i18n"));
    let mut files = Vec::new();
    for dir in ["src/cli", "src/ui"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut found = Vec::new();
    let unread = ["cli/args.rs", "cli/mod.rs", "cli/output.rs"];
    // Unit tests in their own files (`*_tests.rs`) hold English on purpose.
    let test_file = |f: &Path| {
        f.file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with("tests.rs"))
    };
    for file in files
        .iter()
        .filter(|f| !unread.iter().any(|u| f.ends_with(u)) && !test_file(f))
    {
        let src = std::fs::read_to_string(file).expect("source file");
        // Unit tests hold English on purpose (expected texts); they come last in a file.
        let src = src.split("#[cfg(test)]").next().unwrap_or_default();
        for literal in literals(src) {
            let after = &src[literal.end..];
            if exempt_by_place(src, literal.start) || identifier(&literal.text, after) {
                continue;
            }
            if let Some(why) = english_in(&literal.text, &english) {
                let line = src[..literal.start].matches('\n').count() + 1;
                let name = file.strip_prefix(root).unwrap_or(file).display();
                found.push(format!("{name}:{line}: {:?} ({why})", literal.text));
            }
        }
    }
    found
}

/// Attributes whose value a person reads or hears.
const SHOWN_ATTRIBUTES: &[&str] = &["title", "alt", "placeholder", "aria-label"];

/// `src` with askama's expressions, statements and comments (`{{ }}`, `{% %}`, `{# #}`) blanked
/// out, lengths and line breaks kept.
fn without_template_code(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(open) = rest.find(['{']) {
        let close = match rest[open..].chars().nth(1) {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            }
        };
        out.push_str(&rest[..open]);
        let end = rest[open..]
            .find(close)
            .map_or(rest.len(), |n| open + n + close.len());
        out.extend(
            rest[open..end]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The texts of template `src` a person sees or hears, with where each starts: the text
/// between tags and the values of [`SHOWN_ATTRIBUTES`]. Command-line options (`--valid-for`),
/// PoC ids and file names (`MEX.technical`, `member-request.txt`) are typed as they are and
/// left out.
fn shown_in_template(src: &str) -> Vec<(usize, String)> {
    let src = without_template_code(src);
    let mut out = Vec::new();
    let mut at = 0;
    while at < src.len() {
        let next = src[at..].find('<').map_or(src.len(), |n| at + n);
        out.push((at, src[at..next].to_owned()));
        if next == src.len() {
            break;
        }
        let end = src[next..].find('>').map_or(src.len(), |n| next + n + 1);
        let tag = &src[next..end];
        for name in SHOWN_ATTRIBUTES {
            let marker = format!(" {name}=\"");
            if let Some(start) = tag.find(&marker).map(|n| n + marker.len()) {
                let value = tag[start..].split('"').next().unwrap_or_default();
                out.push((next + start, value.to_owned()));
            }
        }
        at = end;
    }
    out.into_iter()
        .map(|(at, text)| {
            let kept: Vec<&str> = text
                .split_whitespace()
                .filter(|w| !w.trim_start_matches('(').starts_with("--") && !w.contains('.'))
                .collect();
            (at, kept.join(" "))
        })
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

/// Every English text of the page templates, as `file:line: text (why)`.
fn english_in_templates(root: &Path) -> Vec<String> {
    let english = english_words(&root.join("i18n"));
    let dir = root.join("src/ui/templates");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let src = std::fs::read_to_string(&file).expect("template");
        for (at, text) in shown_in_template(&src) {
            if let Some(why) = english_in(&text, &english) {
                let line = src[..at].matches('\n').count() + 1;
                let name = file.strip_prefix(root).unwrap_or(&file).display();
                found.push(format!("{name}:{line}: {text:?} ({why})"));
            }
        }
    }
    found
}

#[test]
fn the_templates_hold_no_english_text() {
    let found = english_in_templates(&manifest_dir());
    assert!(
        found.is_empty(),
        "{} texts of the page templates hold English; put the text in client/i18n/*/poc.ftl \
         and show it through the page's words:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_template_check_sees_text_and_shown_attributes_only() {
    let src = "<p class=\"hint\" title=\"Open the file\">{{ C::Help.text(lang) }} \
               <span dir=\"ltr\">(--valid-for {{ v }})</span>{% if x %}Sent{% endif %}</p>\n\
               <input placeholder=\"FRA, MEX.technical\" value=\"yes\">\n<b>TLP</b>";
    let shown: Vec<String> = shown_in_template(src).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        shown,
        ["Open the file", ")", "Sent", "FRA,", "TLP"],
        "{src}"
    );
    let english: BTreeSet<String> = FUNCTION_WORDS.iter().map(|w| (*w).to_owned()).collect();
    let flagged: Vec<&String> = shown
        .iter()
        .filter(|t| english_in(t, &english).is_some())
        .collect();
    assert_eq!(flagged, ["Open the file", "Sent"]);
}

#[test]
fn the_renderers_hold_no_english_text() {
    let found = english_literals(&manifest_dir());
    assert!(
        found.is_empty(),
        "{} string literals of the renderers hold English; put the text in client/i18n/*/poc.ftl \
         and print it through crate::i18n:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_check_finds_english_and_lets_the_rest_through() {
    let english: BTreeSet<String> = ["campaign", "started"]
        .iter()
        .map(|w| (*w).to_owned())
        .chain(FUNCTION_WORDS.iter().map(|w| (*w).to_owned()))
        .collect();
    for shown in [
        "campaign {} started",
        "report written to {path}\\n",
        "(none)",
        "Frobnicated widgets",
        "{id}: pending",
    ] {
        assert!(english_in(shown, &english).is_some(), "{shown}");
    }
    for data in [
        "{}  {}\\n",
        "{label}{pad} - {}\\n",
        "poc ping status {prefix}",
        "*** {word} ***",
        "<svg viewBox=\\\"0 0 10 10\\\">",
        "/message/{id}/attachment/{n}",
        "file://{}",
    ] {
        assert!(english_in(data, &english).is_none(), "{data}");
    }
    assert!(identifier("in_reply_to", ", lang)"));
    assert!(identifier("text/plain", ","));
    assert!(identifier("ping-started", ", id = id)"));
    assert!(!identifier("exercise", ".into(),"));
    assert!(!identifier("Never", ","));
    let src = "fn f() {\n    bail!(\"not added: fingerprint not confirmed\");\n    let x = \
               \"on time\"; // canonical, not translated\n    eprintln!(\"warning: {e}\");\n}\n";
    let shown: Vec<&str> = literals(src)
        .iter()
        .filter(|l| !exempt_by_place(src, l.start))
        .map(|l| &src[l.start + 1..l.start + 1 + l.text.len()])
        .collect();
    assert_eq!(shown, ["warning: {e}"]);
    let src = "fn f() {\n    anyhow::ensure!(\n        ok,\n        \"no recipient chosen\"\n    );\n    \
               tracing::info!(code = 3, \"request refused\");\n    show(\"request refused\");\n}\n";
    let shown: Vec<&str> = literals(src)
        .iter()
        .filter(|l| !exempt_by_place(src, l.start))
        .map(|l| &src[l.start + 1..l.start + 1 + l.text.len()])
        .collect();
    assert_eq!(shown, ["request refused"], "only the last is shown");
}
