//! The relay's supervisor: the long-running tasks of a relay (accept loop, commit task,
//! expiry sweep, metrics endpoint, admin socket) run side by side, and the first that ends,
//! by returning (with or without an error) or by panicking, ends the relay.
//!
//! This module only keeps the tasks and says which one ended and how; the shutdown that
//! follows (drain connections, stop the other tasks, flush the store) is
//! [`crate::server`]'s.

use std::collections::HashMap;
use std::future::Future;

use tokio::task::{Id, JoinSet};

/// A task of the relay that ended while the relay was serving.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the relay's {task} task {how}")]
pub struct TaskEnded {
    /// The task's name, as given to the supervisor.
    pub task: String,
    /// How it ended: "failed: …", "panicked: …" or "ended unexpectedly".
    pub how: String,
}

/// The relay's long-running tasks, by name.
#[derive(Debug, Default)]
pub(crate) struct Supervisor {
    tasks: JoinSet<anyhow::Result<()>>,
    names: HashMap<Id, String>,
}

impl Supervisor {
    /// Runs `task` under the name `name`.
    pub(crate) fn spawn(
        &mut self,
        name: impl Into<String>,
        task: impl Future<Output = anyhow::Result<()>> + Send + 'static,
    ) {
        let handle = self.tasks.spawn(task);
        self.names.insert(handle.id(), name.into());
    }

    /// Waits until one of the tasks ends; `None` when there are none left. A task that
    /// returns `Ok` is reported too: the relay's tasks are meant to run until stopped.
    pub(crate) async fn next_ended(&mut self) -> Option<(String, Result<(), TaskEnded>)> {
        let (id, outcome) = match self.tasks.join_next_with_id().await? {
            Ok((id, result)) => (id, result.map_err(|e| format!("failed: {e:#}"))),
            Err(e) if e.is_panic() => (e.id(), Err("panicked".to_owned())),
            Err(e) => (e.id(), Err("was cancelled".to_owned())),
        };
        let task = self
            .names
            .remove(&id)
            .unwrap_or_else(|| "unnamed".to_owned());
        let outcome = outcome.map_err(|how| TaskEnded {
            task: task.clone(),
            how,
        });
        Some((task, outcome))
    }

    /// Cancels the tasks still running and waits until they are gone.
    pub(crate) async fn shutdown(&mut self) {
        self.tasks.shutdown().await;
        self.names.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn the_first_task_to_end_is_named_with_how_it_ended() {
        let mut supervisor = Supervisor::default();
        supervisor.spawn("forever", std::future::pending());
        supervisor.spawn("failing", async { Err(anyhow::anyhow!("disk gone")) });
        let (task, outcome) = supervisor.next_ended().await.unwrap();
        assert_eq!(task, "failing");
        assert_eq!(
            outcome.unwrap_err().to_string(),
            "the relay's failing task failed: disk gone"
        );
        supervisor.spawn("panicking", async { panic!("bug") });
        let (task, outcome) = supervisor.next_ended().await.unwrap();
        assert_eq!(task, "panicking");
        assert_eq!(outcome.unwrap_err().how, "panicked");
        supervisor.shutdown().await;
        assert!(supervisor.next_ended().await.is_none());
    }
}
