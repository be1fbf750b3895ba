//! How a task ends without giving its output (`JoinError`), and where an
//! executor reports it (`Sink`, a task's result without its type). Below
//! the scheduler's interface (`cx.rs`), which spawns with a sink.

use core::fmt;

use alloc::string::String;

/// Why a task did not give its output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinError {
    /// The task panicked; the panic's message.
    Panicked(String),
    /// The executor was dropped before the task finished (a deadlock keeps
    /// the tasks: a later `run` may finish them). Also what an await of the
    /// handle gives when the result was already taken (`try_take`).
    Cancelled,
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Panicked(m) => write!(f, "task panicked: {m}"),
            JoinError::Cancelled => f.write_str("task cancelled"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for JoinError {}

/// A task's result sink, without its type: what an executor calls when
/// the task ends without returning, and asks whether its handle aborted it.
pub(crate) trait Sink {
    fn fail(&self, error: JoinError);
    /// Gives the sink the task's waker, which an abort wakes.
    fn attach(&self, task: core::task::Waker);
    /// Whether the handle asked to cancel the task.
    fn aborted(&self) -> bool;
}
