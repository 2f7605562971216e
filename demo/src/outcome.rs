//! The typed result of a demo run: what `poc-demo --json` prints. Only successful runs have
//! an outcome; a failed check is an error.

use serde::Serialize;

/// One completed step: its number (from 1), the number of steps, and what was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Position of the step, from 1.
    pub number: usize,
    /// Number of steps in a full run.
    pub total: usize,
    /// What the step did and checked, in one sentence.
    pub text: String,
}

/// A run in which every step passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Number of steps whose checks passed (equal to `checks_total`).
    pub checks_passed: usize,
    /// Number of steps in a full run.
    pub checks_total: usize,
    /// The steps, in order.
    pub steps: Vec<Step>,
}
