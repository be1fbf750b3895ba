//! The auto traits of the public types: what must be `Send`/`Sync`, and
//! what must not be. Each assertion is checked at compile time: a type that
//! gains or loses an auto trait makes this file fail to build.
//!
//! `assert_not!` uses an ambiguity: `Ambiguous<_>` has one impl for every
//! type and one more for the types with the trait, so naming its item is
//! an error ("type annotations needed") exactly when the type has the
//! trait. The `tests/ui` cases `mutex_guard_not_sync` and
//! `local_handle_not_send` show the errors a user gets.

use std::cell::Cell;
use std::rc::Rc;

use coro_runtime::Coroutine;

use coro_runtime::sched::{
    AcquireOp, JoinHandle, Mutex, MutexGuard, Notified, Notify, Receiver, RwLock, RwLockReadGuard,
    RwLockWriteGuard, Semaphore, SemaphorePermit, Sender, ThreadedExecutor, UnboundedSender,
    WaitGroup, oneshot,
};
use coro_runtime::{AnyFrame, AnyFrameOf, Boxed, Local, SelfFrame, SendBoxed, SentFrame, Shared};

fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}

/// Fails to compile if `$t` has the trait `$trait`.
macro_rules! assert_not {
    ($t:ty: $trait:path) => {
        const _: fn() = || {
            #[allow(dead_code)]
            trait Ambiguous<A> {
                fn item() {}
            }
            impl<T: ?Sized> Ambiguous<()> for T {}
            #[allow(dead_code)]
            struct WithTrait;
            impl<T: ?Sized + $trait> Ambiguous<WithTrait> for T {}
            let _ = <$t as Ambiguous<_>>::item;
        };
    };
}

/// `Send` but not `Sync`.
type SendOnly = Cell<u32>;
/// Neither. (Only named in `assert_not!`'s consts, which rustc 1.85, the
/// MSRV, does not count as uses.)
#[allow(dead_code)]
type Neither = Rc<u32>;

// The mutex is like `std::sync::Mutex`: shared by threads if its value may
// move between them.
assert_not!(Mutex<Neither>: Send);
assert_not!(Mutex<Neither>: Sync);
// The guard, like `std::sync::MutexGuard` for `Sync`: sharing it shares
// `&T`. (It is `Send`, unlike std's: a task holding it moves.)
assert_not!(MutexGuard<SendOnly>: Sync);
assert_not!(MutexGuard<Neither>: Send);
assert_not!(MutexGuard<Neither>: Sync);
// Channels move values between threads.
assert_not!(Sender<Neither>: Send);
assert_not!(Sender<Neither>: Sync);
assert_not!(Receiver<Neither>: Send);
assert_not!(Receiver<Neither>: Sync);
assert_not!(JoinHandle<Neither>: Send);
assert_not!(JoinHandle<Neither>: Sync);
assert_not!(UnboundedSender<Neither>: Send);
assert_not!(oneshot::Sender<Neither>: Send);
assert_not!(oneshot::Receiver<Neither>: Send);
// The reader-writer lock is like `std::sync::RwLock` (readers on several
// threads share `&T`), and a handle: moving one may drop `T` elsewhere.
assert_not!(RwLock<SendOnly>: Send);
assert_not!(RwLock<SendOnly>: Sync);
assert_not!(RwLockReadGuard<SendOnly>: Send);
assert_not!(RwLockReadGuard<SendOnly>: Sync);
assert_not!(RwLockWriteGuard<SendOnly>: Send);
assert_not!(RwLockWriteGuard<SendOnly>: Sync);
// Operations in progress are owned by one task at a time.
assert_not!(AcquireOp: Sync);
assert_not!(Notified: Sync);
// Handles: a local one stays on its thread; a shared one is only as
// `Send` as its output.
assert_not!(AnyFrame<'static, Local>: Send);
assert_not!(AnyFrame<'static, Local>: Sync);
assert_not!(AnyFrameOf<'static, u32, Local>: Send);
assert_not!(AnyFrameOf<'static, u32, Local>: Sync);
assert_not!(AnyFrameOf<'static, Neither, Shared>: Send);
assert_not!(AnyFrameOf<'static, Neither, Shared>: Sync);
// A suspend block's handle is for the block's thread; `send()` makes the
// one that may leave it.
assert_not!(SelfFrame<'static, (), ()>: Send);
assert_not!(SelfFrame<'static, (), ()>: Sync);
assert_not!(SentFrame<'static>: Sync);
// A boxed coroutine is as `Send` as what it erased.
assert_not!(Boxed<'static, u32>: Send);
assert_not!(Boxed<'static, u32>: Sync);
assert_not!(SendBoxed<'static, u32>: Sync);

#[test]
fn shared_types_are_send_and_sync() {
    assert_send::<Mutex<SendOnly>>();
    assert_sync::<Mutex<SendOnly>>();
    assert_send::<MutexGuard<SendOnly>>();
    assert_send::<MutexGuard<u32>>();
    assert_sync::<MutexGuard<u32>>();
    assert_send::<Sender<SendOnly>>();
    assert_sync::<Sender<SendOnly>>();
    assert_send::<Receiver<SendOnly>>();
    assert_sync::<Receiver<SendOnly>>();
    assert_send::<JoinHandle<SendOnly>>();
    assert_send::<WaitGroup>();
    assert_sync::<WaitGroup>();
    assert_send::<Semaphore>();
    assert_sync::<Semaphore>();
    assert_send::<SemaphorePermit>();
    assert_sync::<SemaphorePermit>();
    assert_send::<AcquireOp>();
    assert_send::<Notify>();
    assert_sync::<Notify>();
    assert_send::<Notified>();
    assert_send::<RwLock<u32>>();
    assert_sync::<RwLock<u32>>();
    assert_send::<RwLockReadGuard<u32>>();
    assert_sync::<RwLockReadGuard<u32>>();
    assert_send::<RwLockWriteGuard<u32>>();
    assert_sync::<RwLockWriteGuard<u32>>();
    assert_send::<UnboundedSender<SendOnly>>();
    assert_sync::<UnboundedSender<SendOnly>>();
    assert_send::<oneshot::Sender<SendOnly>>();
    assert_send::<oneshot::Receiver<SendOnly>>();
    assert_send::<ThreadedExecutor>();
    assert_sync::<ThreadedExecutor>();
    assert_send::<AnyFrame<'static, Shared>>();
    assert_sync::<AnyFrame<'static, Shared>>();
    assert_send::<AnyFrameOf<'static, u32, Shared>>();
    assert_sync::<AnyFrameOf<'static, u32, Shared>>();
    assert_send::<SentFrame<'static>>();
    assert_send::<SendBoxed<'static, u32>>();
}

/// The data race of ../shared/repro/runtime/guard_sync_cell.rs, the
/// other way round: a guard of a `Sync` value may be shared, and the
/// threads see one value.
#[test]
fn a_shared_guard_of_a_sync_value() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let m = Mutex::new(AtomicU64::new(0));
    let g = m.try_lock().expect("unlocked");
    let g = &g;
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(move || {
                for _ in 0..1000 {
                    g.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(g.load(Ordering::Relaxed), 2000);
}

// Generators: an iterator or a stream over a generator is `Send` when the
// generator is; a boxed generator is type-erased without `Send` (as
// `Boxed`), so it is neither; `SendBoxedGenerator` is `Send` only (as
// `SendBoxed`).
assert_not!(coro_runtime::BoxedGenerator<'static, u32, (), ()>: Send);
assert_not!(coro_runtime::BoxedGenerator<'static, u32, (), ()>: Sync);
assert_not!(coro_runtime::SendBoxedGenerator<'static, u32, (), ()>: Sync);
const _: fn() = || {
    fn is_send<T: Send>() {}
    is_send::<coro_runtime::SendBoxedGenerator<'static, std::rc::Rc<u32>, (), ()>>();
};
assert_not!(coro_runtime::Iter<std::pin::Pin<Box<Neither>>>: Send);
assert_not!(coro_runtime::sched::Stream<std::pin::Pin<Box<Neither>>>: Send);

#[test]
fn generator_types_are_send_when_their_generator_is() {
    #[coro_runtime::coroutine(yield = u32, resume = String)]
    fn g() {
        let _s = coro_runtime::suspend!(1);
    }
    fn frame<T>(_: &T) -> std::marker::PhantomData<T> {
        std::marker::PhantomData
    }
    fn send<T: Send>(_: std::marker::PhantomData<T>) {}
    fn sync<T: Sync>(_: std::marker::PhantomData<T>) {}
    let f = g();
    send(frame(&f));
    sync(frame(&f));
    assert_send::<coro_runtime::Iter<std::pin::Pin<Box<u32>>>>();
    assert_send::<coro_runtime::sched::Stream<std::pin::Pin<Box<u32>>>>();
}

/// A value that is not `Send` but is moved out before the first point
/// after it leaves the frame (its slot is on the body's stack), so the
/// frame is `Send`, as the same `async fn`'s future is. One that is kept
/// across a point makes the frame not `Send` (tests/ui
/// `not_send_across_suspension`).
#[test]
fn a_value_moved_out_before_the_point_does_not_make_the_frame_not_send() {
    #[coro_runtime::coroutine]
    fn moved_first(n: u32) -> u32 {
        let local = Rc::new(n);
        let doubled = *local * 2;
        drop(local);
        coro_runtime::suspend!();
        doubled
    }
    #[coro_runtime::coroutine]
    fn for_binding(v: Vec<u32>) -> usize {
        let mut kept = Vec::new();
        for x in v.into_iter().map(Rc::new) {
            kept.push(*x);
            drop(x);
            coro_runtime::suspend!();
        }
        kept.len()
    }
    fn send<T: Send>(_: &T) {}
    send(&moved_first(1));
    send(&for_binding(vec![1, 2]));
    // They run as they read.
    fn run<C: Coroutine>(c: C) -> C::Output {
        let mut c = std::pin::pin!(c);
        while c.as_mut().resume() == coro_runtime::Status::Suspended {}
        c.take_output().expect("returned")
    }
    assert_eq!(run(moved_first(21)), 42);
    assert_eq!(run(for_binding(vec![1, 2, 3])), 3);
}
