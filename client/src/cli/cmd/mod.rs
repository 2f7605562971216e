//! One module per command: each acts through [`crate::ops`] and returns an
//! [`Output`](crate::cli::output::Output) value that renders as text or JSON. No module
//! here parses another's output.

mod whoami;

use crate::cli::output::{documented, Documented};

/// The documented output of every command, in the order `docs/JSON.md` lists them.
pub fn catalogue() -> Vec<Documented> {
    vec![documented::<crate::ops::whoami::WhoAmI>()]
}
