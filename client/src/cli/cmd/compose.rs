//! `poc compose --type T [--out FILE]`: a message template to fill in.

use std::path::PathBuf;

use crate::cli::output::{Output, Report};
use crate::compose::{self, Kind, Template};

impl Output for Template {
    const COMMAND: &'static str = "compose";

    fn text(&self) -> String {
        match (&self.file, &self.template) {
            (Some(path), _) => {
                format!("template written to {path}; edit it, then: poc send --file {path}\n")
            }
            (None, Some(template)) => template.clone(),
            (None, None) => String::new(),
        }
    }
}

/// Runs `poc compose`.
pub fn run(kind: Kind, out: Option<PathBuf>) -> anyhow::Result<Report> {
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
    Report::of(&template)
}
