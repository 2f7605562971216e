//! `poc exercise report`.

use crate::cli::output::Output;
use crate::cli::session::fetch_and_warn;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::cli::Report;
use crate::i18n::screens::{self, headers, Column, Word};
use crate::i18n::{Lang, Translated};
use crate::ops;
use crate::ops::exercise::{self, Expect};
use crate::render::{table, time};

impl Output for exercise::ExerciseReport {
    const COMMAND: &'static str = "exercise report";

    fn text(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .results
            .iter()
            .map(|r| {
                let expected = match (r.sent.expect, &r.sent.expect_status) {
                    (Expect::Ack, _) => Word::ExpectAck.text(lang).to_owned(),
                    (Expect::Reply, Some(s)) => {
                        screens::exercise_expect_reply_status(lang, status_text(s, lang))
                    }
                    (Expect::Reply, None) => Word::ExpectReply.text(lang).to_owned(),
                };
                vec![
                    r.sent.inject.to_string(),
                    r.sent.to.to_string(),
                    expected,
                    r.acked_at.map(|t| time(t.0)).unwrap_or_default(),
                    r.reply
                        .as_ref()
                        .map(|reply| {
                            let status = status_text(&reply.status, lang);
                            screens::exercise_replied_at(lang, status, &time(reply.at.0))
                        })
                        .unwrap_or_default(),
                    Translated::text(r.verdict, lang).to_owned(),
                ]
            })
            .collect();
        let mut text = screens::exercise_report_header(
            lang,
            &self.exercise,
            &self.name,
            &time(self.started_at.0),
            u64::from(self.speed),
        );
        text.push_str("\n\n");
        let columns = [
            Column::Inject,
            Column::Poc,
            Column::Expected,
            Column::Acknowledged,
            Column::Replied,
            Column::Verdict,
        ];
        text.push_str(&table(&headers(lang, &columns), &rows));
        text.push('\n');
        text.push_str(&screens::exercise_expectations_met(
            lang,
            self.met as u64,
            self.results.len() as u64,
        ));
        text.push('\n');
        text
    }
}

/// A response status in `lang` (as written if it is not one of the statuses).
fn status_text(status: &str, lang: Lang) -> &str {
    crate::i18n::value("status", status, lang).unwrap_or(status)
}

/// Fetches the inbox and shows who did what for an exercise (the latest without an id).
pub(super) async fn run(home: &Session, id: Option<&str>) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let run = exercise::find(&identity, id)?;
    ops::online(&identity, async |client| {
        fetch_and_warn(&identity, client, home.lang).await
    })
    .await?;
    let dir = ops::require_directory(&identity)?;
    Report::of(&exercise::report(&identity, &dir, &run)?, home.lang)
}
