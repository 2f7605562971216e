//! `poc ping status`.

use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::Report;
use crate::i18n::phrases::{self, PingFigures, Text};
use crate::i18n::{Lang, Translated};
use crate::ops::ping;
use crate::render::time;

impl Output for ping::CampaignStatus {
    const COMMAND: &'static str = "ping status";

    fn text(&self, lang: Lang) -> String {
        let r = &self.report;
        let s = &r.summary;
        let mut deadline = time(r.deadline.0);
        if r.deadline_passed {
            deadline.push(' ');
            deadline.push_str(Text::DeadlinePassed.text(lang));
        }
        let mut text = phrases::ping_status(
            lang,
            PingFigures {
                id: &r.campaign,
                targets: s.targets as u64,
                on_time: s.on_time as u64,
                late: s.late as u64,
                no_answer: s.no_answer as u64,
                invalid: s.invalid as u64,
                rate_percent: crate::cli::report::percent(s.response_rate),
                deadline: &deadline,
            },
        );
        text.push('\n');
        text
    }
}

/// Fetches the inbox and counts the answers to a campaign.
pub(super) async fn run(home: &Session, prefix: &str) -> anyhow::Result<Report> {
    let evaluated = super::evaluated(home, prefix).await?;
    Report::of(
        &ping::CampaignStatus {
            report: evaluated.report,
            lang: evaluated.lang,
        },
        evaluated.lang,
    )
}
