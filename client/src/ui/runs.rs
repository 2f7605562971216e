//! The exercises this launch of `poc ui` runs in the background: where each stands (sending,
//! waiting for the identity to be unlocked, finished, stopped by an error), for its live
//! status page.
//!
//! What it does not do: send anything or hold the identity (the pages' background task does,
//! one inject at a time), or keep anything on disk (the exercise itself is recorded by
//! [`crate::ops::exercise`] after each inject, so what was sent survives the end of the
//! process).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Where a running exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunState {
    /// Waiting for the next inject's time, or sending it.
    Running,
    /// An inject is due but the identity is locked: it leaves once the user unlocks.
    WaitingForUnlock,
    /// Every inject has been sent.
    Finished,
    /// Stopped by an error (its sentence); the injects before it were sent.
    Failed(String),
}

/// A running exercise's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Where it stands.
    pub state: RunState,
    /// Envelopes sent so far.
    pub sent: usize,
    /// Envelopes the scenario sends in all.
    pub due: usize,
    /// When the next inject leaves (Unix seconds), while one is left.
    pub next_at: Option<u64>,
}

/// The exercises of this launch, by id (32 hex digits).
#[derive(Debug, Default)]
pub struct Runs(Mutex<HashMap<String, Progress>>);

impl Runs {
    /// Records where exercise `id` stands.
    pub fn set(&self, id: &str, progress: Progress) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id.to_owned(), progress);
    }

    /// Where exercise `id` stands, if this launch runs or ran it.
    pub fn get(&self, id: &str) -> Option<Progress> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)
            .cloned()
    }
}
