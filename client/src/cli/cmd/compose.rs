//! `poc compose --type T [--out FILE]`: a message template to fill in.

use std::path::PathBuf;

use crate::cli::output::{Output, Report};
use crate::compose::{self, Kind, Template};
use crate::i18n::screens;
use crate::i18n::Lang;

impl Output for Template {
    const COMMAND: &'static str = "compose";

    fn text(&self, lang: Lang) -> String {
        match (&self.file, &self.template) {
            (Some(path), _) => {
                let command = format!("poc send --file {path}");
                screens::template_written(lang, path, &command) + "\n"
            }
            (None, Some(template)) => template.clone(),
            (None, None) => String::new(),
        }
    }
}

/// Runs `poc compose`.
pub fn run(kind: Kind, out: Option<PathBuf>, lang: Lang) -> anyhow::Result<Report> {
    let text = compose::skeleton(kind);
    let template = match out {
        Some(path) => {
            crate::home::write_new(&path, text.as_bytes())?;
            Template {
                kind: kind.name(),
                template: None,
                file: Some(path.display().to_string()),
            }
        }
        None => Template {
            kind: kind.name(),
            template: Some(text),
            file: None,
        },
    };
    Report::of(&template, lang)
}
