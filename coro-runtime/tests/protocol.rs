//! The frame protocol (docs/protocol.md): handles, suspend blocks, start now
//! and await later, await linkage, guards, threads, recursion, frame sizes.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use coro_runtime::{
    AnyFrame, AnyFrameOf, Coroutine, RawFrame, Status, boxed, frame_size, frame_size_of, run,
    start, suspend,
};

type Log = RefCell<Vec<String>>;

fn push(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

fn taken(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.borrow_mut())
}

/// The message a closure panicked with.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else {
        "<non-string panic>".into()
    }
}

const RUNNING: &str = "resumed a non-suspended coroutine";
const RETURNED: &str = "resumed a coroutine which already returned";
const POISONED: &str = "resumed a coroutine after it panicked";
const TWICE: &str = "coroutine awaited twice";

#[coro_runtime::coroutine]
fn ticks(log: &Log, name: &'static str, n: u32) -> u32 {
    for i in 0..n {
        push(log, format!("{name} {i}"));
        suspend!();
    }
    push(log, format!("{name} done"));
    n
}

#[coro_runtime::coroutine]
fn greeting(log: &Log) -> String {
    push(log, "greeting");
    suspend!();
    String::from("hello")
}

// ---------------------------------------------------------------- handles

#[test]
fn any_frame_resumes_frames_of_different_types() {
    let log = Log::default();
    let a = pin!(ticks(&log, "a", 2));
    let b = pin!(greeting(&log));
    let frames = [AnyFrame::of(a.as_ref()), AnyFrame::of(b.as_ref())];
    let mut rounds = 0;
    while frames.iter().any(|f| !f.is_returned()) {
        for f in frames {
            if !f.is_returned() {
                f.resume();
            }
        }
        rounds += 1;
    }
    assert_eq!(rounds, 3);
    assert_eq!(taken(&log), ["a 0", "greeting", "a 1", "a done"]);
    assert_eq!(frames[0], AnyFrame::of(a.as_ref()));
    assert_ne!(frames[0], frames[1]);
}

#[test]
fn any_frame_of_resumes_and_takes_the_output_once() {
    let log = Log::default();
    let f = pin!(greeting(&log));
    let h = AnyFrameOf::of(f.as_ref());
    assert_eq!(h.take_output(), None);
    assert_eq!(h.resume(), Status::Suspended);
    assert!(!h.is_returned());
    assert_eq!(h.resume(), Status::Returned);
    assert!(h.is_returned());
    assert_eq!(h.take_output().as_deref(), Some("hello"));
    assert_eq!(h.take_output(), None);
    let erased: AnyFrame<'_> = h.into();
    assert!(erased.is_returned());
    assert_eq!(
        panic_message(|| {
            erased.resume();
        }),
        RETURNED
    );
}

#[coro_runtime::coroutine]
fn await_handle(log: &Log, h: AnyFrameOf<'_, String>) -> usize {
    push(log, "awaiter starts");
    let s = h.await;
    push(log, format!("awaiter got {s}"));
    s.len()
}

#[test]
fn awaiting_a_handle_drives_the_frame() {
    let log = Log::default();
    let f = pin!(greeting(&log));
    let h = AnyFrameOf::of(f.as_ref());
    let mut w = pin!(await_handle(&log, h));
    assert_eq!(w.as_mut().resume(), Status::Suspended);
    assert_eq!(taken(&log), ["awaiter starts", "greeting"]);
    assert_eq!(w.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["awaiter got hello"]);
    assert_eq!(w.as_mut().take_output(), Some(5));
    assert!(h.is_returned());
}

#[test]
fn awaiting_a_handle_whose_output_was_taken_panics_awaited_twice() {
    let log = Log::default();
    let f = pin!(greeting(&log));
    let h = AnyFrameOf::of(f.as_ref());
    assert_eq!(run(await_handle(&log, h)), 5);
    let mut second = pin!(await_handle(&log, h));
    assert_eq!(
        panic_message(|| {
            second.as_mut().resume();
        }),
        TWICE
    );
    assert_eq!(
        panic_message(|| {
            second.as_mut().resume();
        }),
        POISONED
    );
}

struct HandWritten;

impl Coroutine for HandWritten {
    type Output = ();
    fn resume(self: Pin<&mut Self>) -> Status {
        Status::Returned
    }
    fn take_output(self: Pin<&mut Self>) -> Option<()> {
        None
    }
    fn is_returned(&self) -> bool {
        false
    }
}

#[test]
fn a_handle_needs_a_frame_header() {
    let c = pin!(HandWritten);
    let message = panic_message(|| {
        AnyFrame::of(c.as_ref());
    });
    assert!(
        message.contains("needs a frame made by #[coroutine]"),
        "{message}"
    );
}

#[test]
fn handles_of_a_started_or_boxed_frame_reach_the_frame() {
    let log = Log::default();
    let s = start(Box::pin(ticks(&log, "s", 2)));
    assert_eq!(taken(&log), ["s 0"]);
    s.handle().resume();
    assert_eq!(taken(&log), ["s 1"]);
    let b = Box::pin(ticks(&log, "b", 1));
    AnyFrame::of(b.as_ref()).resume();
    assert_eq!(taken(&log), ["b 0"]);
}

// --------------------------------------------------------- suspend blocks

#[coro_runtime::coroutine]
fn self_resuming(log: &Log) -> u32 {
    push(log, "before");
    suspend!(|me| {
        push(log, "block starts");
        let status = me.resume();
        push(log, format!("block ends ({status:?})"));
    });
    push(log, "after");
    suspend!();
    push(log, "end");
    3
}

#[test]
fn resuming_me_in_a_block_runs_the_rest_then_returns_into_the_block() {
    let log = Log::default();
    let mut f = pin!(self_resuming(&log));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(
        taken(&log),
        ["before", "block starts", "after", "block ends (Suspended)"]
    );
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["end"]);
    assert_eq!(f.as_mut().take_output(), Some(3));
}

#[coro_runtime::coroutine]
fn block_child(log: &Log) -> &'static str {
    push(log, "child before");
    suspend!(|me| {
        push(log, "child block");
        let status = me.resume();
        push(log, format!("child block ends ({status:?})"));
    });
    push(log, "child after");
    "child"
}

#[coro_runtime::coroutine]
fn block_parent(log: &Log) -> usize {
    let s = block_child(log).await;
    push(log, format!("parent got {s}"));
    suspend!();
    push(log, "parent end");
    s.len()
}

#[test]
fn a_child_resumed_in_its_block_returns_and_its_awaiter_continues_inside_the_block() {
    let log = Log::default();
    let mut f = pin!(block_parent(&log));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(
        taken(&log),
        [
            "child before",
            "child block",
            "child after",
            "parent got child",
            "child block ends (Returned)"
        ]
    );
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["parent end"]);
}

#[coro_runtime::coroutine]
fn registers(log: &Log, slot: &Cell<Option<RawFrame>>, resume_inside: bool) -> u32 {
    push(log, "registers");
    suspend!(|me| {
        let raw = me.raw();
        slot.set(Some(raw));
        if resume_inside {
            // SAFETY: the frame is alive and pinned by the test.
            let status = unsafe { raw.resume() };
            push(log, format!("deferred ({status:?})"));
        }
        push(log, "block ends");
    });
    push(log, "woken");
    1
}

#[test]
fn an_unused_me_leaves_the_frame_suspended_for_a_later_resume() {
    let log = Log::default();
    let slot = Cell::new(None);
    let mut f = pin!(registers(&log, &slot, false));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(taken(&log), ["registers", "block ends"]);
    let raw = slot.take().unwrap();
    assert_eq!(raw.addr(), AnyFrame::of(f.as_ref()).to_raw().addr());
    // SAFETY: `f` is alive, pinned, and suspended where `raw` was made.
    assert_eq!(unsafe { raw.resume() }, Status::Returned);
    assert_eq!(taken(&log), ["woken"]);
    // SAFETY: as above.
    assert!(unsafe { raw.is_returned() });
}

#[test]
fn a_resume_during_the_block_is_deferred_to_its_end() {
    let log = Log::default();
    let slot = Cell::new(None);
    let mut f = pin!(registers(&log, &slot, true));
    // The block's own resume is deferred; the outer resume continues the
    // frame when the block returns.
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(
        taken(&log),
        ["registers", "deferred (Suspended)", "block ends", "woken"]
    );
}

#[coro_runtime::coroutine]
fn hands_off(log: &Mutex<Vec<String>>) -> std::thread::ThreadId {
    suspend!(|me| {
        let me = me.send();
        std::thread::scope(|s| {
            s.spawn(move || {
                log.lock().unwrap().push("resumed on another thread".into());
                me.resume()
            });
        });
        log.lock().unwrap().push("block ends".into());
    });
    std::thread::current().id()
}

#[test]
fn a_block_sends_its_frame_to_a_scoped_thread() {
    let log = Mutex::new(Vec::new());
    let mut f = pin!(hands_off(&log));
    assert_eq!(f.as_mut().resume(), Status::Returned);
    let ran_on = f.as_mut().take_output().unwrap();
    assert_ne!(ran_on, std::thread::current().id());
    assert_eq!(
        *log.lock().unwrap(),
        ["resumed on another thread", "block ends"]
    );
}

#[coro_runtime::coroutine]
fn parent_of_hand_off(log: &Mutex<Vec<String>>) -> bool {
    let child_thread = hands_off(log).await;
    // The child returned on the scoped thread: we continue there.
    child_thread == std::thread::current().id()
}

#[test]
fn sending_an_awaited_frame_needs_a_root_known_to_be_send() {
    let log = Mutex::new(Vec::new());
    let mut f = pin!(parent_of_hand_off(&log));
    let message = panic_message(|| {
        f.as_mut().resume();
    });
    assert!(message.contains("not known to be Send"), "{message}");
    // The panic came from the block: the frame is suspended, not poisoned,
    // and continues on this thread.
    let h = AnyFrameOf::of_shared(f.as_ref());
    assert_eq!(h.resume(), Status::Returned);
    assert_eq!(h.take_output(), Some(true));
}

#[test]
fn the_awaiter_continues_on_the_thread_the_child_returned_on() {
    let log = Mutex::new(Vec::new());
    let f = pin!(parent_of_hand_off(&log));
    let h = AnyFrameOf::of_shared(f.as_ref());
    assert_eq!(h.resume(), Status::Returned);
    assert_eq!(h.take_output(), Some(true));
}

#[coro_runtime::coroutine]
fn panics_in_block(log: &Log) -> u32 {
    suspend!(|_me| panic!("block panics"));
    push(log, "continued");
    4
}

#[test]
fn a_panic_in_a_block_leaves_the_frame_suspended() {
    let log = Log::default();
    let mut f = pin!(panics_in_block(&log));
    assert_eq!(
        panic_message(|| {
            f.as_mut().resume();
        }),
        "block panics"
    );
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["continued"]);
    assert_eq!(f.as_mut().take_output(), Some(4));
}

#[coro_runtime::coroutine]
fn block_with_captures(log: &Log, name: String) -> String {
    let copy = name.clone();
    let n = 7u32;
    suspend!(move |_me| push(log, format!("block sees {copy} and {n}")));
    format!("{name}{n}")
}

#[test]
fn a_block_can_move_values_in_and_read_copies_of_saved_locals() {
    let log = Log::default();
    assert_eq!(run(block_with_captures(&log, "x".into())), "x7");
    assert_eq!(taken(&log), ["block sees x and 7"]);
}

// ------------------------------------------------ start now, await later

#[coro_runtime::coroutine]
fn starts_then_awaits(log: &Log, child_steps: u32, work: u32) -> u32 {
    let f = start(Box::pin(ticks(log, "child", child_steps)));
    for i in 0..work {
        push(log, format!("parent {i}"));
        suspend!();
    }
    let r = f.await;
    push(log, "parent awaited");
    r
}

#[test]
fn start_runs_to_the_first_suspension_and_the_await_waits_for_the_rest() {
    let log = Log::default();
    let mut f = pin!(starts_then_awaits(&log, 2, 0));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    // The child ran to its first suspension at `start`; the await found it
    // suspended, so the parent suspended too.
    assert_eq!(taken(&log), ["child 0"]);
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(taken(&log), ["child 1"]);
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["child done", "parent awaited"]);
}

#[test]
fn awaiting_a_started_frame_that_returned_continues_without_suspending() {
    let log = Log::default();
    let mut f = pin!(starts_then_awaits(&log, 0, 1));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(taken(&log), ["child done", "parent 0"]);
    // One resume: the await does not suspend.
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["parent awaited"]);
    assert_eq!(f.as_mut().take_output(), Some(0));
}

#[test]
fn start_at_top_level_and_await_with_run() {
    let log = Log::default();
    let started = start(Box::pin(ticks(&log, "t", 1)));
    assert_eq!(taken(&log), ["t 0"]);
    assert_eq!(run(started), 1);
    assert_eq!(taken(&log), ["t done"]);

    let mut c = pin!(ticks(&log, "u", 1));
    let mut started = start(c.as_mut());
    assert_eq!(run(&mut started), 1);
    assert_eq!(
        panic_message(|| {
            run(&mut started);
        }),
        TWICE
    );
}

#[coro_runtime::coroutine]
fn awaits_borrowed<C: Coroutine<Output = u32>>(log: &Log, f: coro_runtime::Started<&mut C>) -> u32 {
    push(log, "awaiting");
    let r = f.await;
    push(log, "awaited");
    r
}

#[test]
fn a_frame_started_twice_and_awaited_twice_panics_the_second_time() {
    let log = Log::default();
    let mut c = pin!(ticks(&log, "c", 0));
    assert_eq!(run(awaits_borrowed(&log, start(c.as_mut()))), 0);
    taken(&log);
    let mut second = pin!(awaits_borrowed(&log, start(c.as_mut())));
    assert_eq!(
        panic_message(|| {
            second.as_mut().resume();
        }),
        TWICE
    );
    assert_eq!(taken(&log), ["awaiting"]);
}

#[test]
fn dropping_an_awaiter_unlinks_the_frame_it_borrowed() {
    let log = Log::default();
    let mut c = pin!(ticks(&log, "c", 2));
    {
        let mut w = pin!(awaits_borrowed(&log, start(c.as_mut())));
        assert_eq!(w.as_mut().resume(), Status::Suspended);
        assert_eq!(taken(&log), ["c 0", "awaiting"]);
        // Dropped while awaiting `c`.
    }
    assert_eq!(c.as_mut().resume(), Status::Suspended);
    assert_eq!(c.as_mut().resume(), Status::Returned);
    // Nothing continued the dropped awaiter.
    assert_eq!(taken(&log), ["c 1", "c done"]);
}

#[test]
fn a_leaked_awaiter_is_never_continued() {
    let log = Log::default();
    let mut c = pin!(ticks(&log, "c", 1));
    let mut w = Box::pin(awaits_borrowed(&log, start(c.as_mut())));
    assert_eq!(w.as_mut().resume(), Status::Suspended);
    // Leaked: never dropped, so nothing unlinks it. Its address is kept in
    // a global, so that the leak checkers of scripts/sanitize.sh see memory
    // still reachable rather than lost.
    // SAFETY: the frame is not moved out of its box.
    let leaked = Box::into_raw(unsafe { Pin::into_inner_unchecked(w) });
    LEAKED.lock().unwrap().push(leaked as usize);
    assert_eq!(c.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["c 0", "awaiting", "c done"]);
}

/// Addresses of what a test leaks on purpose.
static LEAKED: Mutex<Vec<usize>> = Mutex::new(Vec::new());

#[coro_runtime::coroutine]
fn awaits_pinned<C: Coroutine<Output = u32>>(log: &Log, f: Pin<&mut C>) -> u32 {
    push(log, "awaiting");
    let r = f.await;
    push(log, "awaited");
    r
}

#[test]
fn awaiting_a_borrowed_frame_runs_it_in_a_segment_of_its_own() {
    let log = Log::default();
    // Not started: the await starts it.
    let mut c = pin!(ticks(&log, "c", 2));
    {
        let mut w = pin!(awaits_pinned(&log, c.as_mut()));
        assert_eq!(w.as_mut().resume(), Status::Suspended);
        assert_eq!(taken(&log), ["awaiting", "c 0"]);
        assert_eq!(w.as_mut().resume(), Status::Suspended);
        assert_eq!(w.as_mut().resume(), Status::Returned);
        assert_eq!(taken(&log), ["c 1", "c done", "awaited"]);
        assert_eq!(w.as_mut().take_output(), Some(2));
    }
    assert!(c.is_returned());

    // Started by hand first: the await waits for it; the chain enters it.
    let mut d = pin!(ticks(&log, "d", 2));
    assert_eq!(d.as_mut().resume(), Status::Suspended);
    let mut w = pin!(awaits_pinned(&log, d.as_mut()));
    assert_eq!(w.as_mut().resume(), Status::Suspended);
    assert_eq!(taken(&log), ["d 0", "awaiting"]);
    assert_eq!(w.as_mut().resume(), Status::Suspended);
    assert_eq!(w.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["d 1", "d done", "awaited"]);

    // Dropped while awaiting: the frame it borrowed goes on alone.
    let mut e = pin!(ticks(&log, "e", 2));
    {
        let mut w = pin!(awaits_pinned(&log, e.as_mut()));
        assert_eq!(w.as_mut().resume(), Status::Suspended);
    }
    assert_eq!(e.as_mut().resume(), Status::Suspended);
    assert_eq!(e.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["awaiting", "e 0", "e 1", "e done"]);
}

#[coro_runtime::coroutine]
fn waits_for_event(log: &Log, slot: &Cell<Option<RawFrame>>) -> &'static str {
    push(log, "child waits");
    suspend!(|me| slot.set(Some(me.raw())));
    push(log, "child woken");
    "event"
}

#[coro_runtime::coroutine]
fn starts_event_child(log: &Log, slot: &Cell<Option<RawFrame>>) -> usize {
    let f = start(Box::pin(waits_for_event(log, slot)));
    push(log, "parent goes on");
    let s = f.await;
    push(log, format!("parent got {s}"));
    suspend!();
    push(log, "parent end");
    s.len()
}

#[test]
fn an_event_loop_resumes_a_started_child_and_its_awaiter_continues_at_once() {
    let log = Log::default();
    let slot = Cell::new(None);
    let mut f = pin!(starts_event_child(&log, &slot));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(taken(&log), ["child waits", "parent goes on"]);
    let raw = slot.take().unwrap();
    // SAFETY: the child is alive (owned by `f`, which awaits it) and
    // suspended where `raw` was made.
    assert_eq!(unsafe { raw.resume() }, Status::Returned);
    assert_eq!(taken(&log), ["child woken", "parent got event"]);
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(taken(&log), ["parent end"]);
}

#[coro_runtime::coroutine]
fn awaits_inline_event_child(log: &Log, slot: &Cell<Option<RawFrame>>) -> usize {
    let s = waits_for_event(log, slot).await;
    push(log, format!("parent got {s}"));
    s.len()
}

#[test]
fn an_event_loop_resumes_an_awaited_child_and_its_awaiter_continues_at_once() {
    let log = Log::default();
    let slot = Cell::new(None);
    let mut f = pin!(awaits_inline_event_child(&log, &slot));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    let raw = slot.take().unwrap();
    // SAFETY: the child is alive inside `f`, suspended where `raw` was made.
    assert_eq!(unsafe { raw.resume() }, Status::Returned);
    assert_eq!(
        taken(&log),
        ["child waits", "child woken", "parent got event"]
    );
    assert!(f.is_returned());
    assert_eq!(f.as_mut().take_output(), Some(5));
}

// ------------------------------------------------------------------ guards

#[coro_runtime::coroutine]
fn reenters<'a>(me: &'a Cell<Option<AnyFrame<'a>>>) {
    suspend!();
    if let Some(h) = me.get() {
        h.resume();
    }
}

#[test]
fn a_resume_from_the_frames_own_body_panics_non_suspended() {
    // The frame holds a handle to itself, so neither can be dropped while the
    // other is borrowed: both are leaked for the test, and taken back at the
    // end (for the leak checkers), when nothing uses them any more.
    let cell_ptr = Box::into_raw(Box::new(Cell::new(None)));
    // SAFETY: just allocated; freed only at the end of the test.
    let cell: &'static Cell<Option<AnyFrame<'static>>> = unsafe { &*cell_ptr };
    let frame_ptr = Box::into_raw(Box::new(reenters(cell)));
    // SAFETY: as above; the frame is never moved.
    let f = Pin::static_ref(unsafe { &*frame_ptr });
    let h = AnyFrame::of(f);
    cell.set(Some(h));
    assert_eq!(h.resume(), Status::Suspended);
    assert_eq!(
        panic_message(|| {
            h.resume();
        }),
        RUNNING
    );
    // The re-entrant panic unwound through the body: poisoned.
    assert_eq!(
        panic_message(|| {
            h.resume();
        }),
        POISONED
    );
    // SAFETY: from `Box::into_raw`; no handle or reference is used after.
    unsafe {
        drop(Box::from_raw(frame_ptr));
        drop(Box::from_raw(cell_ptr));
    }
}

#[coro_runtime::coroutine]
fn panics_at_start() -> u32 {
    panic!("child panics");
}

#[coro_runtime::coroutine]
fn awaits_poisoned() -> u32 {
    let f = start(Box::pin(panics_at_start()));
    f.await
}

#[test]
fn guards_through_handles() {
    let log = Log::default();
    let f = pin!(ticks(&log, "g", 0));
    let h = AnyFrame::of(f.as_ref());
    assert_eq!(h.resume(), Status::Returned);
    assert_eq!(
        panic_message(|| {
            h.resume();
        }),
        RETURNED
    );

    let p = pin!(panics_at_start());
    let h = AnyFrame::of(p.as_ref());
    assert_eq!(
        panic_message(|| {
            h.resume();
        }),
        "child panics"
    );
    assert_eq!(
        panic_message(|| {
            h.resume();
        }),
        POISONED
    );
}

#[test]
fn start_propagates_a_panic_and_awaiting_the_poisoned_frame_panics_poisoned() {
    let mut f = pin!(awaits_poisoned());
    assert_eq!(
        panic_message(|| {
            f.as_mut().resume();
        }),
        "child panics"
    );
    assert_eq!(
        panic_message(|| {
            f.as_mut().resume();
        }),
        POISONED
    );
}

#[coro_runtime::coroutine]
fn late_poisoned_parent(slot: &Mutex<Option<RawFrame>>) -> u32 {
    let f = start(Box::pin(panics_after_event(slot)));
    f.await
}

#[coro_runtime::coroutine]
fn panics_after_event(slot: &Mutex<Option<RawFrame>>) -> u32 {
    suspend!(|me| *slot.lock().unwrap() = Some(me.raw()));
    panic!("late panic");
}

#[test]
fn a_started_child_that_panics_poisons_its_awaiter() {
    let slot = Mutex::new(None);
    let mut f = pin!(late_poisoned_parent(&slot));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    let raw = slot.lock().unwrap().take().unwrap();
    // SAFETY: the child is alive (owned by `f`), suspended where `raw` was made.
    assert_eq!(
        panic_message(|| {
            unsafe { raw.resume() };
        }),
        "late panic"
    );
    assert_eq!(
        panic_message(|| {
            f.as_mut().resume();
        }),
        POISONED
    );
}

// ----------------------------------------------------------------- threads

fn assert_send<T: Send>(_: &T) {}
fn assert_sync<T: Sync>(_: &T) {}

#[coro_runtime::coroutine]
fn counts(n: u32) -> u32 {
    let mut total = 0;
    for i in 0..n {
        suspend!();
        total += i;
    }
    total
}

#[test]
fn frames_are_send_when_their_values_are() {
    let f = counts(3);
    assert_send(&f);
    assert_sync(&f);
    let mut f = Box::pin(f);
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    let total = std::thread::spawn(move || {
        while f.as_mut().resume() == Status::Suspended {}
        f.as_mut().take_output()
    })
    .join()
    .unwrap();
    assert_eq!(total, Some(3));
}

#[coro_runtime::coroutine]
fn blocks_while_running(started: &AtomicBool, release: &AtomicBool, runs: &AtomicUsize) {
    suspend!();
    runs.fetch_add(1, Ordering::SeqCst);
    started.store(true, Ordering::SeqCst);
    while !release.load(Ordering::SeqCst) {
        std::thread::yield_now();
    }
    suspend!();
    runs.fetch_add(1, Ordering::SeqCst);
}

#[test]
fn two_threads_racing_to_resume_one_frame_one_runs_the_other_panics() {
    let (started, release, runs) = (
        AtomicBool::new(false),
        AtomicBool::new(false),
        AtomicUsize::new(0),
    );
    let f = pin!(blocks_while_running(&started, &release, &runs));
    let h = AnyFrame::of_shared(f.as_ref());
    assert_eq!(h.resume(), Status::Suspended);
    std::thread::scope(|s| {
        let first = s.spawn(move || h.resume());
        while !started.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        let second = s.spawn(move || {
            panic_message(|| {
                h.resume();
            })
        });
        assert_eq!(second.join().unwrap(), RUNNING);
        release.store(true, Ordering::SeqCst);
        assert_eq!(first.join().unwrap(), Status::Suspended);
    });
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(h.resume(), Status::Returned);
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[coro_runtime::coroutine]
fn event_child(slot: &Mutex<Option<RawFrame>>) -> u32 {
    suspend!(|me| *slot.lock().unwrap() = Some(me.raw()));
    7
}

#[coro_runtime::coroutine]
fn links_late(slot: &Mutex<Option<RawFrame>>, ready: &AtomicBool, continued: &AtomicUsize) -> u32 {
    let f = start(Box::pin(event_child(slot)));
    ready.store(true, Ordering::SeqCst);
    let r = f.await;
    continued.fetch_add(1, Ordering::SeqCst);
    r
}

/// The awaiter links to a started child while another thread resumes the
/// child to its return: whichever comes second continues the awaiter,
/// exactly once. (The loom model checks every interleaving; this runs the
/// real thing many times.)
#[test]
fn an_await_racing_the_childs_return_on_another_thread_continues_once() {
    for _ in 0..500 {
        let slot = Mutex::new(None);
        let ready = AtomicBool::new(false);
        let continued = AtomicUsize::new(0);
        let f = pin!(links_late(&slot, &ready, &continued));
        let h = AnyFrameOf::of_shared(f.as_ref());
        std::thread::scope(|s| {
            s.spawn(|| {
                let raw = loop {
                    if let Some(raw) = slot.lock().unwrap().take() {
                        break raw;
                    }
                    std::thread::yield_now();
                };
                // SAFETY: the child is owned by `f`, which outlives the
                // scope and is only resumed through handles; all values are
                // `Send`.
                unsafe { raw.resume() };
            });
            // Runs to the await (the child registers on the way).
            h.resume();
        });
        assert!(ready.load(Ordering::SeqCst));
        assert!(h.is_returned());
        assert_eq!(continued.load(Ordering::SeqCst), 1);
        assert_eq!(h.take_output(), Some(7));
    }
}

// --------------------------------------------------------------- recursion

#[coro_runtime::coroutine]
fn depth_sum(n: u64) -> u64 {
    if n == 0 {
        suspend!();
        0
    } else {
        let below = boxed(depth_sum(n - 1)).await;
        below + n
    }
}

#[test]
fn a_recursive_coroutine_ten_thousand_levels_deep() {
    let mut f = pin!(depth_sum(10_000));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(f.as_mut().resume(), Status::Returned);
    assert_eq!(f.as_mut().take_output(), Some(10_000 * 10_001 / 2));
}

#[test]
fn a_million_nested_returns_run_in_constant_stack() {
    // 256 KiB of stack: far too little for a million native frames.
    let total = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let mut f = Box::pin(depth_sum(1_000_000));
            assert_eq!(f.as_mut().resume(), Status::Suspended);
            assert_eq!(f.as_mut().resume(), Status::Returned);
            f.as_mut().take_output()
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(total, Some(1_000_000 * 1_000_001 / 2));
}

// -------------------------------------------------------------- frame size

#[coro_runtime::coroutine]
fn sized(a: u64, b: [u8; 100]) -> u64 {
    suspend!();
    a + u64::from(b[0])
}

#[coro_runtime::coroutine]
fn sized_generic<T: Clone>(t: T) -> T {
    suspend!();
    t.clone()
}

struct Holder;

impl Holder {
    #[coro_runtime::coroutine]
    fn method(&self, x: u32) -> u32 {
        suspend!();
        x
    }
}

#[test]
fn frame_size_without_running() {
    let f = sized(1, [0; 100]);
    assert_eq!(frame_size(&f), std::mem::size_of_val(&f));
    assert_eq!(frame_size_of(sized), std::mem::size_of_val(&f));
    assert!(frame_size_of(sized) >= 100 + 8);
    assert_eq!(
        frame_size_of(sized_generic::<[u64; 4]>),
        std::mem::size_of_val(&sized_generic([0u64; 4]))
    );
    assert_eq!(
        frame_size_of(Holder::method),
        std::mem::size_of_val(&Holder.method(1))
    );
}
