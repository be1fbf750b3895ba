//! Where the threaded executor's idle workers sleep: a generation counter
//! behind a `std` mutex, and a condition variable. The run queue notifies
//! it (`task.rs`); the workers wait on it (`threaded.rs`).

use core::time::Duration;

/// Where idle workers sleep until a task is queued (or a timer is due).
pub(crate) struct Parker {
    generation: std::sync::Mutex<u64>,
    cond: std::sync::Condvar,
}

impl Parker {
    pub(crate) fn new() -> Self {
        Parker {
            generation: std::sync::Mutex::new(0),
            cond: std::sync::Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, u64> {
        self.generation.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Something changed (a task was queued): wake a sleeping worker.
    pub(crate) fn notify(&self) {
        *self.lock() += 1;
        self.cond.notify_one();
    }

    pub(crate) fn notify_all(&self) {
        *self.lock() += 1;
        self.cond.notify_all();
    }

    pub(crate) fn generation(&self) -> u64 {
        *self.lock()
    }

    /// Sleeps until the generation moves past `seen`, or `timeout`.
    pub(crate) fn wait(&self, seen: u64, timeout: Option<Duration>) {
        let mut generation = self.lock();
        while *generation == seen {
            match timeout {
                Some(t) => {
                    let (g, result) = self
                        .cond
                        .wait_timeout(generation, t)
                        .unwrap_or_else(|e| e.into_inner());
                    generation = g;
                    if result.timed_out() {
                        return;
                    }
                }
                None => {
                    generation = self
                        .cond
                        .wait(generation)
                        .unwrap_or_else(|e| e.into_inner())
                }
            }
        }
    }
}
