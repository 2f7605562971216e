//! `poc custodian invite`: the invitation for a new PoC.

use std::path::Path;

use poc_proto::PocId;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::custodian::{self, Invited};

impl Output for Invited {
    const COMMAND: &'static str = "custodian invite";

    fn text(&self) -> String {
        match &self.file {
            Some(file) => format!("invitation for {} written to {file}\n", self.id),
            None => self.invite.clone(),
        }
    }
}

/// Runs `poc custodian invite ID [--out FILE]`.
pub fn run(home: &Session, id: &PocId, out: Option<&Path>) -> anyhow::Result<Report> {
    let invited = custodian::hand_out_invite(home, id, out)?;
    if let Some(pending) = &invited.pending {
        eprintln!(
            "handing out the pending invitation imported from {} (consent {})",
            pending.source, pending.consent_reference
        );
    }
    Report::of(&invited)
}
