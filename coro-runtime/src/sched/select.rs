//! `select!`: wait on several operations, complete exactly one.
//!
//! The algorithm is Go's `selectgo`: take the locks of every operation's
//! channel (in address order, so two selects cannot deadlock), then
//! 1. in a random order, complete the first operation that can complete now
//!    (fair: when several are ready, each is equally likely);
//! 2. if none can and there is a `default`, take it;
//! 3. otherwise register a waiter in every channel, all pointing at one
//!    shared word, and release the locks. Whoever completes one of them
//!    first (a sender, a receiver, the timer queue) claims that word with a
//!    compare-and-swap; the others find it taken and skip those waiters.
//!
//! When the task resumes, the select unregisters the waiters that lost and
//! takes the winner's result.

use core::pin::Pin;
use core::task::Waker;

use super::claim::{CANCELLED, NONE, SelectShared};
use super::cx;
use crate::sync::sched::{AtomicUsize, Ordering};
use crate::{Coroutine, Status};

/// Seals [`Case`] and [`Cases`]: `select` trusts their lock keys (equal
/// keys are one lock, taken once), so only this crate implements them.
mod sealed {
    pub trait Sealed {}
}
pub(crate) use sealed::Sealed;

/// An operation `select!` can wait on: a channel send or receive, a sleep.
/// Sealed: implemented only in this crate.
#[doc(hidden)]
pub trait Case: Sealed {
    /// What the operation gives when it completes.
    type Output;
    /// The address of the lock guarding the operation's channel.
    fn lock_key(self: Pin<&Self>) -> usize;
    /// Takes that lock.
    fn lock(self: Pin<&Self>);
    /// Releases it.
    ///
    /// # Safety
    ///
    /// Taken through [`lock`](Self::lock).
    unsafe fn unlock(self: Pin<&Self>);
    /// Completes the operation if it can complete now, without waiting.
    ///
    /// # Safety
    ///
    /// The lock is held.
    unsafe fn try_now(self: Pin<&mut Self>) -> Option<Self::Output>;
    /// Registers a waiter for case `case` of `select`, to be woken by
    /// `waker`.
    ///
    /// # Safety
    ///
    /// The lock is held; `select` outlives the registration.
    unsafe fn register(
        self: Pin<&mut Self>,
        waker: &Waker,
        select: *const SelectShared,
        case: usize,
    );
    /// After the select was decided: unregisters, and if this case `won`,
    /// gives its output. Takes the lock itself.
    fn finish(self: Pin<&mut Self>, won: bool) -> Option<Self::Output>;
    /// Replaces the waker of the registered waiter, unless it was
    /// completed (a select polled again with another waker, as a `Future`
    /// may be). Takes the lock itself.
    fn rewake(self: Pin<&Self>, waker: &Waker);
    /// Undoes what the output of a won case took, when the select is
    /// dropped without giving it: a received value goes back to its
    /// channel (its sender was told it was sent). Takes the lock itself.
    fn give_back(self: Pin<&mut Self>, output: Self::Output) {
        drop(output);
    }
    /// Whether the case is a coroutine ([`Awaited`]) rather than an
    /// operation on a lock: it makes progress only when resumed, which
    /// `select` does with no lock held ([`poll_unlocked`]).
    ///
    /// [`poll_unlocked`]: Case::poll_unlocked
    const UNLOCKED: bool = false;
    /// Resumes a coroutine case, with no lock held: `true` once it has
    /// returned (its output then waits in it for `try_now` or `finish`).
    /// Sets `yielded` if it suspended without waiting on anything.
    fn poll_unlocked(self: Pin<&mut Self>, yielded: &mut bool) -> bool {
        let _ = yielded;
        false
    }
}

impl<C: Case> Sealed for Option<C> {}

/// A case that may be disabled: `None` never completes, takes no lock and
/// registers nothing (Go's nil channel; what a `select!` case with an `if`
/// guard becomes). With every case disabled and no `default`, the select
/// waits forever (an executor reports it as a deadlock).
impl<C: Case> Case for Option<C> {
    type Output = C::Output;

    fn lock_key(self: Pin<&Self>) -> usize {
        // No lock: a key no lock has (keys are addresses, or small ids
        // under loom), shared by every disabled case.
        self.as_pin_ref().map_or(usize::MAX, Case::lock_key)
    }

    fn lock(self: Pin<&Self>) {
        if let Some(c) = self.as_pin_ref() {
            c.lock();
        }
    }

    unsafe fn unlock(self: Pin<&Self>) {
        if let Some(c) = self.as_pin_ref() {
            // SAFETY: locked through `lock`, as the caller guarantees.
            unsafe { c.unlock() };
        }
    }

    unsafe fn try_now(self: Pin<&mut Self>) -> Option<C::Output> {
        // SAFETY: the lock is held, as the caller guarantees.
        self.as_pin_mut().and_then(|c| unsafe { c.try_now() })
    }

    unsafe fn register(
        self: Pin<&mut Self>,
        waker: &Waker,
        select: *const SelectShared,
        case: usize,
    ) {
        if let Some(c) = self.as_pin_mut() {
            // SAFETY: as the caller guarantees.
            unsafe { c.register(waker, select, case) };
        }
    }

    fn finish(self: Pin<&mut Self>, won: bool) -> Option<C::Output> {
        self.as_pin_mut().and_then(|c| c.finish(won))
    }

    fn rewake(self: Pin<&Self>, waker: &Waker) {
        if let Some(c) = self.as_pin_ref() {
            c.rewake(waker);
        }
    }

    fn give_back(self: Pin<&mut Self>, output: C::Output) {
        if let Some(c) = self.as_pin_mut() {
            c.give_back(output);
        }
    }

    const UNLOCKED: bool = C::UNLOCKED;

    fn poll_unlocked(self: Pin<&mut Self>, yielded: &mut bool) -> bool {
        self.as_pin_mut().is_some_and(|c| c.poll_unlocked(yielded))
    }
}

/// The cases of one `select!`, as a tuple. Implemented for tuples of up to
/// 32 [`Case`]s; sealed.
#[doc(hidden)]
pub trait Cases: Sealed {
    /// A tuple with an `Option` of each case's output: one `Some` (or none,
    /// for `default`).
    type Output;
    /// The number of cases.
    const LEN: usize;
    fn lock_key(self: Pin<&Self>, i: usize) -> usize;
    fn lock(self: Pin<&Self>, i: usize);
    /// # Safety
    ///
    /// Locked through `lock(i)`.
    unsafe fn unlock(self: Pin<&Self>, i: usize);
    /// # Safety
    ///
    /// As [`Case::try_now`].
    unsafe fn try_now(self: Pin<&mut Self>, i: usize) -> Option<Self::Output>;
    /// # Safety
    ///
    /// As [`Case::register`].
    unsafe fn register(self: Pin<&mut Self>, i: usize, waker: &Waker, select: *const SelectShared);
    fn finish(self: Pin<&mut Self>, i: usize, won: bool) -> Option<Self::Output>;
    fn rewake(self: Pin<&Self>, i: usize, waker: &Waker);
    /// [`Case::finish`] for a select that is dropped undecided by its
    /// task: the won case's output is given back ([`Case::give_back`]).
    fn cancel(self: Pin<&mut Self>, i: usize, won: bool);
    /// The output of no case (`default`).
    fn none() -> Self::Output;
    /// Whether a case is a coroutine ([`Case::UNLOCKED`]).
    const ANY_UNLOCKED: bool;
    /// [`Case::poll_unlocked`] of case `i`.
    fn poll_unlocked(self: Pin<&mut Self>, i: usize, yielded: &mut bool) -> bool;
}

macro_rules! cases {
    ($($name:ident $index:tt),+) => {
        impl<$($name: Case),+> Sealed for ($($name,)+) {}

        impl<$($name: Case),+> Cases for ($($name,)+) {
            type Output = ($(Option<$name::Output>,)+);
            const LEN: usize = [$($index),+].len();

            fn lock_key(self: Pin<&Self>, i: usize) -> usize {
                match i {
                    // SAFETY: a projection to a field, which is pinned with
                    // the tuple.
                    $($index => unsafe { self.map_unchecked(|t| &t.$index) }.lock_key(),)+
                    _ => unreachable!(),
                }
            }

            fn lock(self: Pin<&Self>, i: usize) {
                match i {
                    // SAFETY: as above.
                    $($index => unsafe { self.map_unchecked(|t| &t.$index) }.lock(),)+
                    _ => unreachable!(),
                }
            }

            unsafe fn unlock(self: Pin<&Self>, i: usize) {
                match i {
                    // SAFETY: as above; the caller locked it.
                    $($index => unsafe { self.map_unchecked(|t| &t.$index).unlock() },)+
                    _ => unreachable!(),
                }
            }

            unsafe fn try_now(self: Pin<&mut Self>, i: usize) -> Option<Self::Output> {
                match i {
                    $($index => {
                        // SAFETY: as above; the caller holds the lock.
                        let out = unsafe { self.map_unchecked_mut(|t| &mut t.$index).try_now() }?;
                        let mut all = Self::none();
                        all.$index = Some(out);
                        Some(all)
                    })+
                    _ => unreachable!(),
                }
            }

            unsafe fn register(self: Pin<&mut Self>, i: usize, waker: &Waker, select: *const SelectShared) {
                match i {
                    // SAFETY: as above; as the caller guarantees.
                    $($index => unsafe {
                        self.map_unchecked_mut(|t| &mut t.$index).register(waker, select, i)
                    },)+
                    _ => unreachable!(),
                }
            }

            fn finish(self: Pin<&mut Self>, i: usize, won: bool) -> Option<Self::Output> {
                match i {
                    $($index => {
                        // SAFETY: as above.
                        let out = unsafe { self.map_unchecked_mut(|t| &mut t.$index) }.finish(won)?;
                        let mut all = Self::none();
                        all.$index = Some(out);
                        Some(all)
                    })+
                    _ => unreachable!(),
                }
            }

            fn rewake(self: Pin<&Self>, i: usize, waker: &Waker) {
                match i {
                    // SAFETY: as above.
                    $($index => unsafe { self.map_unchecked(|t| &t.$index) }.rewake(waker),)+
                    _ => unreachable!(),
                }
            }

            fn cancel(self: Pin<&mut Self>, i: usize, won: bool) {
                match i {
                    $($index => {
                        // SAFETY: as above.
                        let mut case = unsafe { self.map_unchecked_mut(|t| &mut t.$index) };
                        if let Some(out) = case.as_mut().finish(won) {
                            case.give_back(out);
                        }
                    })+
                    _ => unreachable!(),
                }
            }

            fn none() -> Self::Output {
                ($(None::<$name::Output>,)+)
            }

            const ANY_UNLOCKED: bool = false $(|| $name::UNLOCKED)+;

            fn poll_unlocked(self: Pin<&mut Self>, i: usize, yielded: &mut bool) -> bool {
                match i {
                    // SAFETY: as above.
                    $($index => unsafe { self.map_unchecked_mut(|t| &mut t.$index) }.poll_unlocked(yielded),)+
                    _ => unreachable!(),
                }
            }
        }
    };
}

/// [`cases!`] for every prefix of the list.
macro_rules! all_cases {
    ([$($done:ident $done_index:tt),*]) => {};
    ([$($done:ident $done_index:tt),*] $name:ident $index:tt $(, $rest:ident $rest_index:tt)*) => {
        cases!($($done $done_index,)* $name $index);
        all_cases!([$($done $done_index,)* $name $index] $($rest $rest_index),*);
    };
}

all_cases!([] T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11, T12 12, T13 13, T14 14, T15 15, T16 16, T17 17, T18 18, T19 19, T20 20, T21 21, T22 22, T23 23, T24 24, T25 25, T26 26, T27 27, T28 28, T29 29, T30 30, T31 31);

/// A random number for a select without a coro executor (under
/// `as_future`): a process-wide counter, mixed (splitmix64). Under loom, a
/// constant: a model must run the same way every time.
fn fallback_random() -> u64 {
    #[cfg(not(coro_loom))]
    {
        static COUNTER: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, core::sync::atomic::Ordering::Relaxed) as u64;
        let mut z = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    #[cfg(coro_loom)]
    0
}

/// The most cases one `select!` takes.
pub const SELECT_MAX: usize = 32;
const MAX: usize = SELECT_MAX;

/// A `select!` in progress; what `select!` awaits. Built by the
/// `#[coroutine]` transform from the macro's cases.
#[doc(hidden)]
#[must_use = "a select does nothing unless awaited"]
pub struct Select<C: Cases> {
    cases: C,
    default: bool,
    /// `biased;`: ready cases are tried in the written order.
    biased: bool,
    shared: SelectShared,
    registered: bool,
    /// The waker the registered waiters hold.
    waker: Option<Waker>,
    output: Option<C::Output>,
    done: bool,
}

/// Starts building a select over `cases` (with a `default` case if
/// `default`). Used by the expansion of `select!`.
#[doc(hidden)]
pub fn select<C: Cases>(cases: C, default: bool) -> Select<C> {
    Select {
        cases,
        default,
        biased: false,
        shared: SelectShared {
            winner: AtomicUsize::new(NONE),
        },
        registered: false,
        waker: None,
        output: None,
        done: false,
    }
}

/// [`select`], for a `select!` that starts with `biased;`: when several
/// cases are ready, the first written wins.
#[doc(hidden)]
pub fn select_biased<C: Cases>(cases: C, default: bool) -> Select<C> {
    let mut select = select(cases, default);
    select.biased = true;
    select
}

impl<C: Cases> Select<C> {
    /// A resume after the select registered its waiters: polls the
    /// coroutine cases, then takes the winner's output if a case won.
    #[track_caller]
    fn resume_registered(&mut self) -> Status {
        // SAFETY: `cases` is pinned with the select, never moved.
        let mut cases = unsafe { Pin::new_unchecked(&mut self.cases) };
        let mut winner = self.shared.winner.load(Ordering::Acquire);
        let mut yielded = false;
        if winner == NONE && C::ANY_UNLOCKED {
            for i in 0..C::LEN {
                if cases.as_mut().poll_unlocked(i, &mut yielded) {
                    // It won unless a channel case was completed first.
                    winner = match self.shared.winner.compare_exchange(
                        NONE,
                        i,
                        Ordering::AcqRel,
                        Ordering::Acquire,
                    ) {
                        Ok(_) => i,
                        Err(other) => other,
                    };
                    break;
                }
            }
        }
        if winner == NONE {
            // Woken spuriously (or by an earlier wait): keep waiting, to be
            // woken by this resume's waker.
            let waker = cx::waker_for("select");
            if !self.waker.as_ref().is_some_and(|w| w.will_wake(&waker)) {
                for i in 0..C::LEN {
                    cases.as_ref().rewake(i, &waker);
                }
                self.waker = Some(waker);
                // A case that won meanwhile woke the old waker.
                winner = self.shared.winner.load(Ordering::Acquire);
            }
            if winner == NONE {
                if yielded {
                    cx::not_waiting();
                }
                return Status::Suspended;
            }
        }
        cx::not_waiting();
        for i in 0..C::LEN {
            if let Some(out) = cases.as_mut().finish(i, i == winner) {
                self.output = Some(out);
            }
        }
        self.registered = false;
        self.done = true;
        Status::Returned
    }

    /// The order in which to take the locks: by address, without repeats.
    fn lock_order(cases: Pin<&C>) -> ([usize; MAX], usize) {
        let mut order = [0; MAX];
        for (i, slot) in order.iter_mut().enumerate().take(C::LEN) {
            *slot = i;
        }
        let order_slice = &mut order[..C::LEN];
        order_slice.sort_unstable_by_key(|&i| cases.lock_key(i));
        // Keep the first of each key.
        let mut n = 0;
        for k in 0..C::LEN {
            let i = order[k];
            if n == 0 || cases.lock_key(order[n - 1]) != cases.lock_key(i) {
                order[n] = i;
                n += 1;
            }
        }
        (order, n)
    }

    /// A random permutation of the cases (Fisher-Yates).
    fn poll_order(random: &mut impl FnMut() -> u64) -> [usize; MAX] {
        let mut order = [0; MAX];
        for (i, slot) in order.iter_mut().enumerate() {
            *slot = i;
        }
        for i in (1..C::LEN).rev() {
            let j = (random() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        order
    }
}

impl<C: Cases> Coroutine for Select<C> {
    type Output = C::Output;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: `cases` and `shared` are pinned projections, never moved.
        let this = unsafe { self.get_unchecked_mut() };
        if this.done {
            return Status::Returned;
        }
        if this.registered {
            return this.resume_registered();
        }
        if !cx::budget() {
            return Status::Suspended;
        }
        // SAFETY: see above.
        let mut cases = unsafe { Pin::new_unchecked(&mut this.cases) };
        // Coroutine cases run first, with no lock held; one that returned
        // is then ready like a channel operation.
        let mut yielded = false;
        if C::ANY_UNLOCKED {
            for i in 0..C::LEN {
                cases.as_mut().poll_unlocked(i, &mut yielded);
            }
        }
        let poll = if this.biased {
            core::array::from_fn(|i| i)
        } else {
            Self::poll_order(&mut || {
                cx::with(|cx| {
                    cx.and_then(|cx| cx.sched)
                        .map_or_else(fallback_random, |s| s.random())
                })
            })
        };
        let (locks, nlocks) = Self::lock_order(cases.as_ref());
        for &i in &locks[..nlocks] {
            cases.as_ref().lock(i);
        }
        let unlock = |cases: Pin<&C>| {
            for &i in locks[..nlocks].iter().rev() {
                // SAFETY: locked above.
                unsafe { cases.unlock(i) };
            }
        };
        for &i in &poll[..C::LEN] {
            // SAFETY: every lock is held.
            if let Some(out) = unsafe { cases.as_mut().try_now(i) } {
                unlock(cases.as_ref());
                // A coroutine case that was waiting is over.
                cx::not_waiting();
                this.output = Some(out);
                this.done = true;
                return Status::Returned;
            }
        }
        if this.default {
            unlock(cases.as_ref());
            cx::not_waiting();
            this.output = Some(C::none());
            this.done = true;
            return Status::Returned;
        }
        let waker = cx::waker_for("select");
        for i in 0..C::LEN {
            // SAFETY: every lock is held; `shared` lives in this pinned op,
            // which unregisters every case before it goes.
            unsafe { cases.as_mut().register(i, &waker, &this.shared) };
        }
        this.registered = true;
        this.waker = Some(waker);
        unlock(cases.as_ref());
        if yielded {
            // A coroutine case yielded: the task must run again.
            cx::not_waiting();
        }
        Status::Suspended
    }

    fn take_output(self: Pin<&mut Self>) -> Option<C::Output> {
        // SAFETY: the output is not pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.done
    }

    fn __withdraw(self: Pin<&mut Self>, _: crate::Token) -> bool {
        if self.done {
            return false;
        }
        if !self.registered {
            return true;
        }
        // Decides the select as cancelled unless a case won already; the
        // cases unregister when it is dropped.
        self.shared
            .winner
            .compare_exchange(NONE, CANCELLED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }
}

impl<C: Cases> Drop for Select<C> {
    fn drop(&mut self) {
        if self.registered {
            // SAFETY: dropped in place, pinned since it registered.
            let mut cases = unsafe { Pin::new_unchecked(&mut self.cases) };
            // Decide it first, so that no case wins while we unregister.
            let winner = match self.shared.winner.compare_exchange(
                NONE,
                CANCELLED,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => CANCELLED,
                Err(winner) => winner,
            };
            for i in 0..C::LEN {
                // A won case's output is given back: the select was
                // cancelled.
                cases.as_mut().cancel(i, i == winner);
            }
        }
    }
}
