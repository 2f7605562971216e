//! What a command prints: the text people read, or with `--json` exactly one JSON document.
//!
//! Every command's result is a type that implements [`Output`]; the document is
//! `serde_json` of it, flattened next to two fields every document has:
//! `schema` ([`SCHEMA_VERSION`]) and `command` (the command path, e.g. `ping status`).
//! A failure is one [`ErrorDocument`] instead. `docs/JSON.md` is generated from
//! [`catalogue`] and a test keeps the two in step.

use schemars::{JsonSchema, Schema};
use serde::Serialize;

use crate::error::ErrorKind;
use crate::i18n::Lang;

pub use crate::json::SCHEMA_VERSION;

/// A command's result.
pub trait Output: Serialize + JsonSchema {
    /// The command path as typed after `poc`, e.g. `ping status`.
    const COMMAND: &'static str;

    /// The text for people (stdout without `--json`), in the reader's language `lang`.
    fn text(&self, lang: Lang) -> String;
}

/// The JSON document of a failed run.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorDocument {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The command path, when the arguments could be parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// The error and its causes, in one line.
    pub error: String,
    /// What kind of failure it is.
    pub kind: ErrorKind,
    /// The process exit code (1 verification failed or not found, 2 anything else).
    pub exit_code: u8,
}

/// What a finished command hands to `main`: its text and its JSON document, both made
/// from one [`Output`] value.
#[derive(Debug)]
pub struct Report {
    text: String,
    json: serde_json::Value,
    /// Set when the result is also a failure (see [`Report::failed`]).
    failure: Option<anyhow::Error>,
    /// Whether `text` was rendered by [`crate::terminal::Styled`] with colour codes (already
    /// made safe for a terminal; printed as it is).
    painted: bool,
}

/// The JSON document of `output`: what `--json` prints for it.
pub fn document<T: Output>(output: &T) -> anyhow::Result<serde_json::Value> {
    crate::json::document(T::COMMAND, output)
}

impl Report {
    /// The report of `output`, its text in `lang`.
    pub fn of<T: Output>(output: &T, lang: Lang) -> anyhow::Result<Self> {
        Ok(Report {
            text: output.text(lang),
            json: document(output)?,
            failure: None,
            painted: false,
        })
    }

    /// The report of `output` whose text is `styled`, rendered with colour if `colour`.
    pub fn styled<T: Output>(
        output: &T,
        styled: &crate::terminal::Styled,
        colour: bool,
    ) -> anyhow::Result<Self> {
        Ok(Report {
            text: styled.render(colour),
            json: document(output)?,
            failure: None,
            painted: colour,
        })
    }

    /// Whether the text holds colour codes (see [`Report::styled`]): it is already made safe
    /// for a terminal and is printed as it is.
    pub fn painted(&self) -> bool {
        self.painted
    }

    /// The report of a result that is also a failure (a bundle whose acknowledgements do not
    /// all verify): its text or document is printed as for a success, then `error` on stderr,
    /// and the exit code is that of `error`'s kind.
    pub fn failed<T: Output>(output: &T, lang: Lang, error: anyhow::Error) -> anyhow::Result<Self> {
        Ok(Report {
            failure: Some(error),
            ..Report::of(output, lang)?
        })
    }

    /// The report of a command that printed its results as they came (`inbox --watch`):
    /// nothing more is printed at the end, neither text nor a JSON document.
    pub fn streamed() -> Self {
        Report {
            text: String::new(),
            json: serde_json::Value::Null,
            failure: None,
            painted: false,
        }
    }

    /// The failure this result also is, if any.
    pub fn failure(&self) -> Option<&anyhow::Error> {
        self.failure.as_ref()
    }

    /// The text for people.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The JSON document.
    pub fn json(&self) -> &serde_json::Value {
        &self.json
    }
}

/// One command's documented output.
#[derive(Debug)]
pub struct Documented {
    /// The command path.
    pub command: &'static str,
    /// The JSON Schema of its result (the fields next to `schema` and `command`).
    pub schema: Schema,
}

/// The documented output of `T`.
pub fn documented<T: Output>() -> Documented {
    let settings = schemars::generate::SchemaSettings::draft2020_12();
    Documented {
        command: T::COMMAND,
        schema: settings.into_generator().into_root_schema_for::<T>(),
    }
}

/// Every command's documented output, in the order of `docs/JSON.md`.
pub fn catalogue() -> Vec<Documented> {
    super::cmd::catalogue()
}

/// The Markdown that `docs/JSON.md` holds below its introduction: one section per command
/// with the JSON Schema of its result.
pub fn reference_markdown() -> String {
    let mut out = String::new();
    for doc in catalogue() {
        let schema = serde_json::to_string_pretty(&doc.schema).unwrap_or_default();
        out.push_str(&format!(
            "### `poc {}`\n\n```json\n{schema}\n```\n\n",
            doc.command
        ));
    }
    let errors = serde_json::to_string_pretty(
        &schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<ErrorDocument>(),
    )
    .unwrap_or_default();
    out.push_str(&format!(
        "### Errors (every command)\n\n```json\n{errors}\n```\n"
    ));
    out
}
