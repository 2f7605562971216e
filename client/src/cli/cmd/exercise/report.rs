//! `poc exercise report`.

use crate::cli::output::Output;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::cli::Report;
use crate::ops::exercise::{self, Expect};
use crate::ops::{self, inbox};
use crate::render::{table, time};

impl Output for exercise::ExerciseReport {
    const COMMAND: &'static str = "exercise report";

    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .results
            .iter()
            .map(|r| {
                let expected = match (r.sent.expect, &r.sent.expect_status) {
                    (Expect::Ack, _) => "ack".to_owned(),
                    (Expect::Reply, Some(s)) => format!("reply {s}"),
                    (Expect::Reply, None) => "reply".to_owned(),
                };
                vec![
                    r.sent.inject.to_string(),
                    r.sent.to.to_string(),
                    expected,
                    r.acked_at.map(|t| time(t.0)).unwrap_or_default(),
                    r.reply
                        .as_ref()
                        .map(|reply| format!("{} at {}", reply.status, time(reply.at.0)))
                        .unwrap_or_default(),
                    r.verdict.text().to_owned(),
                ]
            })
            .collect();
        let mut text = format!(
            "exercise {} \"{}\", started {} (time x{})\n\n",
            self.exercise,
            self.name,
            time(self.started_at.0),
            self.speed
        );
        text.push_str(&table(
            &[
                "INJECT",
                "POC",
                "EXPECTED",
                "ACKNOWLEDGED",
                "REPLIED",
                "VERDICT",
            ],
            &rows,
        ));
        text.push_str(&format!(
            "\n{} of {} expectations met\n",
            self.met,
            self.results.len()
        ));
        text
    }
}

/// Fetches the inbox and shows who did what for an exercise (the latest without an id).
pub(super) async fn run(home: &Session, id: Option<&str>) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let run = exercise::find(&identity, id)?;
    ops::online(&identity, async |client| {
        inbox::fetch(&identity, client).await
    })
    .await?;
    let dir = ops::require_directory(&identity)?;
    Report::of(&exercise::report(&identity, &dir, &run)?)
}
