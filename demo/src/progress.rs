//! How a running demo reports its progress: the library calls a [`Progress`] and never prints;
//! the binary decides what people see.

use std::path::Path;

use crate::outcome::Step;

/// Receives the demo's progress as it happens.
pub trait Progress {
    /// The demo starts working in `dir`, a temporary directory deleted at the end.
    fn started(&mut self, dir: &Path);
    /// A step completed and its checks passed.
    fn step(&mut self, step: &Step);
}

/// Reports nothing (for callers that only want the [`crate::Outcome`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {
    fn started(&mut self, _dir: &Path) {}
    fn step(&mut self, _step: &Step) {}
}
