//! One module per command: each acts through [`crate::ops`] and returns an
//! [`Output`](crate::cli::output::Output) value that renders as text or JSON. No module
//! here parses another's output.

pub mod exercise;
pub mod ping;
mod whoami;

use crate::cli::output::{documented, Documented};

/// The documented output of every command, in the order `docs/JSON.md` lists them.
pub fn catalogue() -> Vec<Documented> {
    vec![
        documented::<crate::ops::whoami::WhoAmI>(),
        documented::<crate::ops::ping::CampaignStarted>(),
        documented::<crate::ops::ping::CampaignList>(),
        documented::<crate::ops::ping::CampaignStatus>(),
        documented::<crate::ops::ping::Reminded>(),
        documented::<ping::PingReport>(),
        documented::<ping::PingVerify>(),
        documented::<crate::ops::exercise::ExerciseRun>(),
        documented::<crate::ops::exercise::ExerciseList>(),
        documented::<crate::ops::exercise::ExerciseReport>(),
    ]
}
