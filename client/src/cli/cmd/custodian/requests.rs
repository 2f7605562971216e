//! `poc custodian requests`: the queue of update requests, with what each changes.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::ops::requests::{self, RequestStatus, RequestView, Requests};
use crate::ops::{self, inbox};
use crate::render::time;

/// One request as a line with its changes below.
pub(super) fn request_text(r: &RequestView) -> String {
    let at = || r.decided_at.map(|t| time(t.0)).unwrap_or_default();
    let state = match r.status {
        RequestStatus::Approved => format!("approved {}", at()),
        RequestStatus::Rejected => format!("rejected {}", at()),
        RequestStatus::Invalid => format!("INVALID: {}", r.problem.as_deref().unwrap_or("")),
        RequestStatus::Pending => "pending".into(),
    };
    let mut text = format!("{}  from {}  {}\n", r.id, r.from, state);
    for c in &r.changes {
        text.push_str(&format!(
            "    {:<13} - {}\n    {:<13} + {}\n",
            c.field.label(),
            c.old,
            "",
            c.new
        ));
    }
    text
}

impl Output for Requests {
    const COMMAND: &'static str = "custodian requests";

    fn text(&self) -> String {
        if self.requests.is_empty() {
            return "no update requests\n".into();
        }
        self.requests.iter().map(request_text).collect()
    }
}

/// Runs `poc custodian requests`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    ops::online(&identity, async |client| {
        inbox::fetch(&identity, client).await
    })
    .await?;
    let dir = ops::require_directory(&identity)?;
    let list = requests::list(&identity, &dir)?;
    Report::of(&Requests {
        requests: list.iter().map(RequestView::of).collect(),
    })
}
