//! Loom models of the frame protocol: every interleaving (within loom's
//! bounds) of the races docs/protocol.md names. Run with
//!
//! ```text
//! RUSTFLAGS="--cfg coro_loom" cargo test -p coro-runtime --test loom --release
//! ```
//!
//! Under `--cfg coro_loom` the runtime's header words are loom atomics and every
//! run of a frame's body registers an access with loom, so an unordered
//! pair of runs is reported as a data race.
#![cfg(coro_loom)]

use coro_runtime::{AnyFrame, AnyFrameOf, Coroutine, RawFrame, Status, start, suspend};
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::sync::{Arc, Mutex};
use loom::thread;

const RUNNING: &str = "resumed a non-suspended coroutine";

/// Runs `f`, catching a guard panic: `Err(message)`.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// Runs a model, and checks that loom explored more than one interleaving
/// (a model whose threads never interleave would prove nothing).
fn model(min_interleavings: usize, f: impl Fn() + Sync + Send + 'static) {
    use std::sync::atomic::{AtomicUsize as StdAtomic, Ordering as StdOrdering};
    let runs = std::sync::Arc::new(StdAtomic::new(0));
    let counter = runs.clone();
    loom::model(move || {
        counter.fetch_add(1, StdOrdering::Relaxed);
        f();
    });
    let runs = runs.load(StdOrdering::Relaxed);
    println!("explored {runs} interleavings");
    assert!(
        runs >= min_interleavings,
        "only {runs} interleavings explored"
    );
}

/// Silences the panics the models expect (guards, and the test child's);
/// anything else (a failed assertion) is still reported.
fn quiet_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if !(message.starts_with("resumed a ") || message == "child panics") {
            default(info);
        }
    }));
}

/// A slot an event loop takes a frame from.
type Slot = Arc<Mutex<Option<RawFrame>>>;

fn take_when_ready(slot: &Slot) -> RawFrame {
    loop {
        if let Some(raw) = slot.lock().unwrap().take() {
            return raw;
        }
        thread::yield_now();
    }
}

#[coro_runtime::coroutine]
fn registers(slot: Slot) -> u32 {
    suspend!(move |me| *slot.lock().unwrap() = Some(me.raw()));
    7
}

#[coro_runtime::coroutine]
fn awaits_started(slot: Slot, continued: Arc<AtomicUsize>) -> u32 {
    let child = start(Box::pin(registers(slot)));
    let r = child.await;
    continued.fetch_add(1, Ordering::SeqCst);
    r
}

/// Await racing return: the parent links itself to a started child while an
/// event loop thread resumes the child to its return. Exactly one of them
/// continues the parent, exactly once.
#[test]
fn await_racing_return() {
    model(100, || {
        let slot: Slot = Arc::new(Mutex::new(None));
        let continued = Arc::new(AtomicUsize::new(0));
        let parent = Box::pin(awaits_started(slot.clone(), continued.clone()));
        let h = AnyFrameOf::of_shared(parent.as_ref());
        let event_loop = {
            let slot = slot.clone();
            thread::spawn(move || {
                let raw = take_when_ready(&slot);
                // SAFETY: the child is owned by `parent`, which outlives
                // this thread (joined below) and is not moved; its values
                // are `Send`.
                unsafe { raw.resume() }
            })
        };
        // Starts the child (which registers) and reaches the await.
        h.resume();
        // `Suspended` if the event loop's resume arrived while the child's
        // suspend block still ran: deferred, and run by this thread.
        let _ = event_loop.join().unwrap();
        assert!(h.is_returned());
        assert_eq!(continued.load(Ordering::SeqCst), 1);
        assert_eq!(h.take_output(), Some(7));
    });
}

#[coro_runtime::coroutine]
fn steps(runs: Arc<AtomicUsize>) -> usize {
    suspend!();
    runs.fetch_add(1, Ordering::SeqCst);
    suspend!();
    runs.fetch_add(1, Ordering::SeqCst);
    runs.load(Ordering::SeqCst)
}

/// Two resumers racing: each resume either runs one step (they never
/// overlap: loom would report the body's accesses) or panics with the
/// guard; the steps run equal the successful resumes.
#[test]
fn two_resumers_racing() {
    quiet_panics();
    model(100, || {
        let runs = Arc::new(AtomicUsize::new(0));
        let frame = Arc::new(Box::pin(steps(runs.clone())));
        AnyFrame::of_shared(frame.as_ref().as_ref()).resume();
        let racer = {
            let frame = frame.clone();
            thread::spawn(move || guarded(|| AnyFrame::of_shared(frame.as_ref().as_ref()).resume()))
        };
        let mine = guarded(|| AnyFrame::of_shared(frame.as_ref().as_ref()).resume());
        let theirs = racer.join().unwrap();
        let mut succeeded = 0;
        for outcome in [&mine, &theirs] {
            match outcome {
                Ok(_) => succeeded += 1,
                Err(message) => assert_eq!(message, RUNNING),
            }
        }
        assert!(succeeded >= 1, "one of the two always runs");
        assert_eq!(runs.load(Ordering::SeqCst), succeeded);
    });
}

#[coro_runtime::coroutine]
fn registers_then_steps(slot: Slot, runs: Arc<AtomicUsize>) -> usize {
    suspend!(move |me| *slot.lock().unwrap() = Some(me.raw()));
    runs.fetch_add(1, Ordering::SeqCst);
    suspend!();
    runs.fetch_add(1, Ordering::SeqCst);
    runs.load(Ordering::SeqCst)
}

/// The owner resumes its root through `Pin<&mut _>` (the fast path, whose
/// lock is one compare-and-swap) while an event loop thread resumes the same
/// frame through a `RawFrame`: the two runs never overlap, and the steps run
/// equal the successful resumes.
#[test]
fn owner_racing_a_raw_resume() {
    quiet_panics();
    model(20, || {
        let slot: Slot = Arc::new(Mutex::new(None));
        let runs = Arc::new(AtomicUsize::new(0));
        let mut frame = Box::pin(registers_then_steps(slot.clone(), runs.clone()));
        assert_eq!(frame.as_mut().resume(), Status::Suspended);
        let raw = slot.lock().unwrap().take().unwrap();
        let racer = thread::spawn(move || {
            // SAFETY: the frame is boxed, so it does not move, and outlives
            // this thread (joined below); its values are `Send`.
            guarded(|| unsafe { raw.resume() })
        });
        let mine = guarded(|| frame.as_mut().resume());
        let theirs = racer.join().unwrap();
        let mut succeeded = 0;
        for outcome in [&mine, &theirs] {
            match outcome {
                Ok(_) => succeeded += 1,
                Err(message) => assert_eq!(message, RUNNING),
            }
        }
        assert!(succeeded >= 1, "one of the two always runs");
        assert_eq!(runs.load(Ordering::SeqCst), succeeded);
    });
}

#[coro_runtime::coroutine]
fn hands_to_thread(
    done: Arc<AtomicUsize>,
    event_loop: Arc<Mutex<Option<thread::JoinHandle<Status>>>>,
) -> u32 {
    suspend!(move |me| {
        let raw = me.raw();
        // The other thread may resume the frame while this block still
        // runs (then the resume is deferred to the block's end) or after.
        *event_loop.lock().unwrap() = Some(thread::spawn(move || {
            // SAFETY: the frame outlives the thread (joined by the test
            // before the frame is dropped); its values are `Send`.
            unsafe { raw.resume() }
        }));
    });
    done.fetch_add(1, Ordering::SeqCst);
    1
}

/// A suspend block hands its frame to another thread, which resumes it,
/// racing the block's end: the rest of the body runs exactly once, on one
/// of the two threads. Both happen across the interleavings: the resume
/// lands during the block (deferred, this thread runs the rest) or after.
#[test]
fn suspend_block_hands_frame_to_another_thread() {
    static DEFERRED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    static DIRECT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    model(5, || {
        let done = Arc::new(AtomicUsize::new(0));
        let event_loop = Arc::new(Mutex::new(None));
        let frame = Box::pin(hands_to_thread(done.clone(), event_loop.clone()));
        let h = AnyFrame::of_shared(frame.as_ref());
        let here = h.resume();
        let there = event_loop.lock().unwrap().take().unwrap().join().unwrap();
        assert_eq!(done.load(Ordering::SeqCst), 1);
        assert!(h.is_returned());
        // Whoever ran the rest of the body saw it return.
        match (here, there) {
            (Status::Returned, Status::Suspended) => {
                DEFERRED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            }
            (Status::Suspended, Status::Returned) => {
                DIRECT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            }
            other => panic!("{other:?}"),
        };
    });
    assert!(DEFERRED.load(std::sync::atomic::Ordering::Relaxed) > 0);
    assert!(DIRECT.load(std::sync::atomic::Ordering::Relaxed) > 0);
}

#[coro_runtime::coroutine]
fn sends_itself(
    done: Arc<AtomicUsize>,
    raw_outcome: Arc<Mutex<Option<Result<Status, String>>>>,
) -> u32 {
    suspend!(move |me| {
        let raw = me.raw();
        let me = me.send();
        // SAFETY (of the lifetime extension): the thread is joined before
        // the block returns, which is all `SentFrame`'s lifetime asks.
        let me: coro_runtime::SentFrame<'static> = unsafe { std::mem::transmute(me) };
        let t = thread::spawn(move || me.resume());
        // Meanwhile this thread resumes the frame too: deferred (and merged
        // into the sent run) before that run starts, a guard panic while it
        // runs, or after it returned.
        // SAFETY: the frame is alive (owned by the test) and its values are
        // `Send`.
        *raw_outcome.lock().unwrap() = Some(guarded(|| unsafe { raw.resume() }));
        assert_eq!(t.join().unwrap(), Status::Returned);
    });
    done.fetch_add(1, Ordering::SeqCst);
    2
}

/// The `SentFrame` path: another thread runs the rest of the body (the
/// path's locks are handed over, not released) while the block's thread
/// races a resume of its own. The body runs once.
#[test]
fn suspend_block_sends_frame_and_joins() {
    quiet_panics();
    model(3, || {
        let done = Arc::new(AtomicUsize::new(0));
        let raw_outcome = Arc::new(Mutex::new(None));
        let frame = Box::pin(sends_itself(done.clone(), raw_outcome.clone()));
        let h = AnyFrameOf::of_shared(frame.as_ref());
        assert_eq!(h.resume(), Status::Returned);
        assert_eq!(done.load(Ordering::SeqCst), 1);
        assert_eq!(h.take_output(), Some(2));
        let outcome = raw_outcome.lock().unwrap().take().unwrap();
        match outcome {
            Ok(status) => assert_eq!(status, Status::Suspended),
            Err(message) => assert!(
                message == RUNNING || message == "resumed a coroutine which already returned",
                "{message}"
            ),
        }
    });
}

#[coro_runtime::coroutine]
fn plain_child(runs: Arc<AtomicUsize>) -> usize {
    suspend!();
    runs.fetch_add(1, Ordering::SeqCst);
    suspend!();
    runs.fetch_add(1, Ordering::SeqCst);
    1
}

#[coro_runtime::coroutine]
fn awaits_plain_child(runs: Arc<AtomicUsize>) -> usize {
    let child = start(Box::pin(plain_child(runs.clone())));
    let r = child.await;
    runs.fetch_add(1, Ordering::SeqCst);
    r
}

/// Two resumers racing on a chain that reaches its running frame through a
/// hop (a started child the root awaits): both claim the root, then the
/// hop; each resume runs one step or panics with the guard.
#[test]
fn two_resumers_racing_through_a_hop() {
    quiet_panics();
    model(100, || {
        let runs = Arc::new(AtomicUsize::new(0));
        let frame = Arc::new(Box::pin(awaits_plain_child(runs.clone())));
        // Starts the child and suspends in the await.
        AnyFrame::of_shared(frame.as_ref().as_ref()).resume();
        let racer = {
            let frame = frame.clone();
            thread::spawn(move || guarded(|| AnyFrame::of_shared(frame.as_ref().as_ref()).resume()))
        };
        let mine = guarded(|| AnyFrame::of_shared(frame.as_ref().as_ref()).resume());
        let theirs = racer.join().unwrap();
        let mut succeeded = 0;
        for outcome in [&mine, &theirs] {
            match outcome {
                Ok(_) => succeeded += 1,
                Err(message) => assert_eq!(message, RUNNING),
            }
        }
        assert!(succeeded >= 1);
        // Each successful resume ran exactly one step of the child (the
        // second step also returns into the root, which counts again).
        let expected = if succeeded == 2 { 3 } else { 1 };
        assert_eq!(runs.load(Ordering::SeqCst), expected);
    });
}

#[coro_runtime::coroutine]
fn registers_then_panics(slot: Slot) -> u32 {
    suspend!(move |me| *slot.lock().unwrap() = Some(me.raw()));
    panic!("child panics")
}

#[coro_runtime::coroutine]
fn awaits_panicking(slot: Slot, continued: Arc<AtomicUsize>) -> u32 {
    let child = start(Box::pin(registers_then_panics(slot)));
    let r = child.await;
    continued.fetch_add(1, Ordering::SeqCst);
    r
}

/// A started child panics on the event loop's thread while its awaiter
/// links itself on this one: the awaiter never continues, and ends up
/// poisoned whichever came first (the unwinding child waits for the
/// awaiter's segment before poisoning it).
#[test]
fn a_panic_racing_the_awaiters_link() {
    quiet_panics();
    model(100, || {
        let slot: Slot = Arc::new(Mutex::new(None));
        let continued = Arc::new(AtomicUsize::new(0));
        let parent = Box::pin(awaits_panicking(slot.clone(), continued.clone()));
        let h = AnyFrame::of_shared(parent.as_ref());
        let event_loop = {
            let slot = slot.clone();
            thread::spawn(move || {
                let raw = take_when_ready(&slot);
                // SAFETY: as in `await_racing_return`.
                guarded(|| unsafe { raw.resume() })
            })
        };
        let mine = guarded(|| h.resume());
        let theirs = event_loop.join().unwrap();
        assert_eq!(continued.load(Ordering::SeqCst), 0);
        // The panic surfaced on one of the two threads (the deferred resume
        // runs the child on this one).
        let panicked = [&mine, &theirs]
            .iter()
            .filter(|o| matches!(o, Err(m) if m == "child panics"))
            .count();
        assert_eq!(panicked, 1, "{mine:?} {theirs:?}");
        assert_eq!(
            guarded(|| h.resume()).unwrap_err(),
            "resumed a coroutine after it panicked"
        );
    });
}
