//! `poc exercise run`.

use std::path::Path;

use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::session::{short, unlock};
use crate::cli::Report;
use crate::ops::{self, exercise};
use crate::render::time;

impl Output for exercise::ExerciseRun {
    const COMMAND: &'static str = "exercise run";

    fn text(&self) -> String {
        format!(
            "exercise {} finished sending; after-action report: poc exercise report {}\n",
            self.exercise,
            &self.exercise[..8.min(self.exercise.len())]
        )
    }
}

/// Runs a scenario; each inject sent is logged on stderr as it leaves.
pub(super) async fn run(home: &Session, scenario: &Path, speed: u32) -> anyhow::Result<Report> {
    // A scenario is checked completely before the passphrase is asked.
    let (scenario, kinds) = exercise::Scenario::load(scenario)?;
    let identity = unlock(home).await?;
    eprintln!(
        "exercise \"{}\": {} inject(s), time compressed {speed}x",
        scenario.name,
        scenario.injects.len()
    );
    // Progress goes to stderr; stdout carries only the result.
    let mut log = |s: &exercise::SentInject| {
        eprint!(
            "{}",
            format_args!(
                "{} inject {} sent to {} ({}), answer expected by {}\n",
                time(s.sent_at),
                s.inject,
                s.to,
                short(&s.envelope),
                time(s.deadline)
            )
        );
    };
    let run = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        exercise::run(&identity, client, &dir, &scenario, &kinds, speed, &mut log).await
    })
    .await?;
    Report::of(&run)
}
