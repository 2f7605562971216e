//! `poc custodian review`: the yearly review.

use crate::cli::output::{Output, Report};
use crate::cli::session::fetch_and_warn;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::i18n::screens::{self, headers, Column};
use crate::i18n::{phrases, Lang, Translated};
use crate::ops;
use crate::ops::review::Review;
use crate::render::{table, time};

impl Output for Review {
    const COMMAND: &'static str = "custodian review";

    fn text(&self, lang: Lang) -> String {
        let period = phrases::duration(lang, self.since_seconds);
        let mut text = format!(
            "{}\n\n{}\n",
            screens::custodian_review_period(lang, &period),
            screens::custodian_review_stale(lang, self.stale.len() as u64)
        );
        for e in &self.stale {
            let updated = time(e.updated_at.0);
            let line = screens::custodian_review_stale_entry(lang, &e.id, &e.org_name, &updated);
            text.push_str(&format!("  {line}\n"));
        }
        text.push('\n');
        text.push_str(&screens::custodian_review_campaigns(
            lang,
            self.campaigns as u64,
        ));
        text.push('\n');
        let rows: Vec<Vec<String>> = self
            .ping_history
            .iter()
            .map(|(id, h)| {
                vec![
                    id.to_string(),
                    h.campaigns.to_string(),
                    h.on_time.to_string(),
                    h.late.to_string(),
                    h.invalid.to_string(),
                    h.no_answer.to_string(),
                    format!("{:.0}%", h.response_rate * 100.0),
                ]
            })
            .collect();
        let columns = [
            Column::Poc,
            Column::Campaigns,
            Column::OnTime,
            Column::Late,
            Column::Invalid,
            Column::NoAnswer,
            Column::ResponseRate,
        ];
        text.push_str(&table(&headers(lang, &columns), &rows));
        let r = &self.relay;
        text.push('\n');
        text.push_str(&screens::custodian_review_relay(
            lang,
            r.members,
            r.directory_serial,
            r.waiting,
        ));
        text.push('\n');
        let months: Vec<Vec<String>> = self
            .relay
            .months
            .iter()
            .map(|m| {
                vec![
                    m.month.clone(),
                    m.high.to_string(),
                    m.medium.to_string(),
                    m.low.to_string(),
                ]
            })
            .collect();
        let mut month_headers = vec![Column::Month.text(lang).to_owned()];
        month_headers.extend(
            poc_proto::Priority::ALL
                .iter()
                .map(|p| p.text(lang).to_uppercase()),
        );
        let month_headers: Vec<&str> = month_headers.iter().map(String::as_str).collect();
        text.push_str(&table(&month_headers, &months));
        text
    }
}

/// Runs `poc custodian review --since PERIOD`.
pub async fn run(home: &Session, since: u64) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let review = ops::online(&identity, async |client| {
        fetch_and_warn(&identity, client, home.lang).await?;
        let dir = ops::require_directory(&identity)?;
        ops::review::review(&identity, client, &dir, since).await
    })
    .await?;
    Report::of(&review, home.lang)
}
