//! `poc exercise run`.

use std::path::Path;

use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::session::{short, unlock};
use crate::cli::Report;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{self, exercise};
use crate::render::time;

impl Output for exercise::ExerciseRun {
    const COMMAND: &'static str = "exercise run";

    fn text(&self, lang: Lang) -> String {
        let prefix = self.exercise.get(..8).unwrap_or(&self.exercise);
        let command = format!("poc exercise report {prefix}");
        screens::exercise_finished(lang, &self.exercise, &command) + "\n"
    }
}

/// Runs a scenario; each inject sent is logged on stderr as it leaves.
pub(super) async fn run(home: &Session, scenario: &Path, speed: u32) -> anyhow::Result<Report> {
    // A scenario is checked completely before the passphrase is asked.
    let (scenario, kinds) = exercise::Scenario::load(scenario)?;
    let identity = unlock(home).await?;
    let lang = home.lang;
    let injects = scenario.injects.len() as u64;
    let start = screens::exercise_start(lang, &scenario.name, injects, u64::from(speed));
    crate::cli::stderr_line(&start);
    // Progress goes to stderr; stdout carries only the result.
    let mut log = |s: &exercise::SentInject| {
        let line = screens::inject_sent(
            lang,
            &time(s.sent_at),
            &s.inject.to_string(),
            &s.to.to_string(),
            &short(&s.envelope),
            &time(s.deadline),
        );
        crate::cli::stderr_line(&line);
    };
    let run = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        exercise::run(&identity, client, &dir, &scenario, &kinds, speed, &mut log).await
    })
    .await?;
    Report::of(&run, home.lang)
}
