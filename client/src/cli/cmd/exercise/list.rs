//! `poc exercise list`.

use crate::cli::output::Output;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::cli::Report;
use crate::i18n::screens::{headers, Column};
use crate::i18n::Lang;
use crate::ops::exercise;
use crate::render::{table, time};

impl Output for exercise::ExerciseList {
    const COMMAND: &'static str = "exercise list";

    fn text(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .exercises
            .iter()
            .map(|e| {
                vec![
                    e.id.clone(),
                    e.name.clone(),
                    time(e.started_at.0),
                    e.injects_sent.to_string(),
                ]
            })
            .collect();
        let columns = [
            Column::Exercise,
            Column::Name,
            Column::Started,
            Column::InjectsSent,
        ];
        table(&headers(lang, &columns), &rows)
    }
}

/// Lists the exercises run from this home.
pub(super) async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    Report::of(&exercise::summaries(&identity)?, home.lang)
}
