//! What kind of failure an error is, for scripts: the kind decides `poc`'s exit code and the
//! `kind` of its JSON error document.
//!
//! A failure is classified where it arises: the code that finds a bad signature, a rolled-back
//! directory or a missing message wraps its error in a [`Failure`] of that kind (directly or
//! through the `From` conversions below). Everything else is [`ErrorKind::Failed`]. The CLI
//! reads the kind with [`ErrorKind::of`]; it never guesses from the message.

use schemars::JsonSchema;
use serde::Serialize;

/// The classes of failure a script can tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Something failed verification: a signature, a fingerprint, a directory's chain or
    /// freshness, a proof bundle. Exit code 1.
    Verification,
    /// What was asked for does not exist (a message id, a campaign). Exit code 1.
    NotFound,
    /// Anything else: bad arguments, an unreachable relay, a full quota, a file that cannot
    /// be read. Exit code 2.
    Failed,
}

impl ErrorKind {
    /// The process exit code of this kind.
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Verification | ErrorKind::NotFound => 1,
            ErrorKind::Failed => 2,
        }
    }

    /// The kind of `error`: that of the outermost [`Failure`] in its chain, else `Failed`.
    pub fn of(error: &anyhow::Error) -> ErrorKind {
        error
            .chain()
            .find_map(|cause| cause.downcast_ref::<Failure>())
            .map_or(ErrorKind::Failed, |failure| failure.kind)
    }
}

/// An error together with its [`ErrorKind`]. It displays as the error it wraps and passes
/// on that error's causes, so wrapping changes no message.
#[derive(Debug)]
pub struct Failure {
    kind: ErrorKind,
    error: anyhow::Error,
}

impl Failure {
    /// `error`, classified as `kind`.
    pub fn new(kind: ErrorKind, error: impl Into<anyhow::Error>) -> Self {
        Failure {
            kind,
            error: error.into(),
        }
    }

    /// `error` as a verification failure.
    pub fn verification(error: impl Into<anyhow::Error>) -> Self {
        Failure::new(ErrorKind::Verification, error)
    }

    /// `error` as a not-found failure.
    pub fn not_found(error: impl Into<anyhow::Error>) -> Self {
        Failure::new(ErrorKind::NotFound, error)
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The wrapped error.
    pub fn error(&self) -> &anyhow::Error {
        &self.error
    }

    /// The wrapped error, unwrapped.
    pub fn into_error(self) -> anyhow::Error {
        self.error
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The wrapped error's own message; its causes follow through `source`.
        let inner: &(dyn std::error::Error + 'static) = self.error.as_ref();
        std::fmt::Display::fmt(inner, f)
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let inner: &(dyn std::error::Error + 'static) = self.error.as_ref();
        inner.source()
    }
}

/// Shorthand for results whose error should carry a kind: `.verification()?`.
pub trait Classify<T> {
    /// Marks the error as a verification failure.
    fn verification(self) -> Result<T, Failure>;
    /// Marks the error as a not-found failure.
    fn not_found(self) -> Result<T, Failure>;
}

impl<T, E: Into<anyhow::Error>> Classify<T> for Result<T, E> {
    fn verification(self) -> Result<T, Failure> {
        self.map_err(Failure::verification)
    }

    fn not_found(self) -> Result<T, Failure> {
        self.map_err(Failure::not_found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_kind_survives_context_and_the_message_is_unchanged() {
        let inner = anyhow::anyhow!("signature does not verify");
        let result: anyhow::Result<()> = Err(inner).verification().context("reading message 0123");
        let error = result.expect_err("an error");
        assert_eq!(ErrorKind::of(&error), ErrorKind::Verification);
        assert_eq!(
            format!("{error:#}"),
            "reading message 0123: signature does not verify"
        );
        assert_eq!(ErrorKind::Verification.exit_code(), 1);
    }

    #[test]
    fn unclassified_errors_are_failed_with_exit_code_2() {
        let error = anyhow::anyhow!("relay unreachable");
        assert_eq!(ErrorKind::of(&error), ErrorKind::Failed);
        assert_eq!(ErrorKind::of(&error).exit_code(), 2);
        let nested: anyhow::Error = Failure::not_found(anyhow::anyhow!("no message 42")).into();
        assert_eq!(ErrorKind::of(&nested.context("read")), ErrorKind::NotFound);
    }
}
