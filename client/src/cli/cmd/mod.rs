//! One module per command: each acts through [`crate::ops`] and returns an
//! [`Output`](crate::cli::output::Output) value that renders as text or JSON. No module
//! here parses another's output.

pub mod inbox;
pub mod reply;
pub mod send;
pub mod thread;
mod whoami;

use crate::cli::output::{documented, Documented};

/// The documented output of every command, in the order `docs/JSON.md` lists them.
pub fn catalogue() -> Vec<Documented> {
    vec![
        documented::<crate::ops::whoami::WhoAmI>(),
        documented::<crate::ops::send::Sent>(),
        documented::<crate::ops::inbox::Inbox>(),
        documented::<crate::ops::watch::Arrival<'static>>(),
        documented::<crate::ops::inbox::Replied>(),
        documented::<crate::ops::thread::Thread>(),
    ]
}
