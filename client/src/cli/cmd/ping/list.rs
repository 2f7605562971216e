//! `poc ping list`.

use crate::cli::output::Output;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::cli::Report;
use crate::i18n::phrases::PingColumn;
use crate::i18n::screens::Word;
use crate::i18n::{Lang, Translated};
use crate::ops::ping;
use crate::render::{table, time};

impl Output for ping::CampaignList {
    const COMMAND: &'static str = "ping list";

    fn text(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .campaigns
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    time(c.created_at.0),
                    time(c.deadline.0),
                    c.targets.to_string(),
                    if c.exercise {
                        Word::Exercise.text(lang).to_owned()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        let mut headers: Vec<&str> = PingColumn::ALL.iter().map(|c| c.text(lang)).collect();
        headers.push("");
        table(&headers, &rows)
    }
}

/// Lists the campaigns.
pub(super) async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    Report::of(&ping::summaries(&identity)?, home.lang)
}
