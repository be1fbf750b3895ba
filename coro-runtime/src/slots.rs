//! The storage of a frame's states: a balanced binary tree of unions.
//!
//! A coroutine with `n` suspension points has `n + 1` states that own data:
//! state 0 holds the arguments before the first resume, state `k` holds the
//! values that are alive across suspension point `k`. Only one of them is
//! alive at a time, so they share memory: the frame stores them in a union,
//! and its size is the largest payload, as in rustc's own coroutine layout.
//!
//! The macro cannot name the payload types (it does not know the types of
//! the user's locals), so it builds the union out of generic pieces defined
//! here, writes the shape with `_` placeholders, and lets rustc infer every
//! leaf from the code that fills it:
//!
//! ```text
//! Node<Node<Leaf<_>, Leaf<_>>, Leaf<_>>     three states
//! L<L<H>>, L<R<H>>, R<H>                   their paths
//! ```
//!
//! A path is a type (`L`/`R` per level, ending in `H`), so selecting a leaf
//! is resolved at compile time and gives the leaf's own type. A balanced
//! tree keeps the trait-resolution depth logarithmic in the number of
//! states.
//!
//! Everything here is `unsafe` to use directly: which leaf is alive is known
//! only to the frame header. The frame (see `frame.rs`) wraps these pieces in
//! checked, safe operations, and that is all generated code calls.

use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::ptr;

/// A leaf of the state tree: the payload of one state.
#[repr(transparent)]
pub struct Leaf<T>(ManuallyDrop<T>);

/// An inner node of the state tree: either its left or its right subtree.
// The fields are never named: they give the union its size and alignment,
// and are reached by pointer casts (every union field is at offset 0).
#[allow(dead_code)]
pub union Node<A, B> {
    left: ManuallyDrop<A>,
    right: ManuallyDrop<B>,
}

/// Path step: the selected leaf is this one.
pub struct H;
/// Path step: go to the left subtree.
pub struct L<P>(PhantomData<P>);
/// Path step: go to the right subtree.
pub struct R<P>(PhantomData<P>);

/// A tree of states; implemented by [`Leaf`] and [`Node`].
pub trait Tree {
    /// How many leaves (states) the tree has.
    const LEN: usize;

    /// Drops the payload of leaf `pos` in place.
    ///
    /// # Safety
    ///
    /// `this` must be valid for writes, and leaf `pos` must be the one that
    /// holds an initialized payload. Afterwards no leaf is initialized.
    unsafe fn drop_at(this: *mut Self, pos: usize);
}

impl<T> Tree for Leaf<T> {
    const LEN: usize = 1;

    unsafe fn drop_at(this: *mut Self, pos: usize) {
        debug_assert_eq!(pos, 0);
        // SAFETY: the caller guarantees that this leaf is initialized and
        // that nobody uses it afterwards. `Leaf` is `repr(transparent)` over
        // `ManuallyDrop<T>`, itself `repr(transparent)` over `T`.
        unsafe { ptr::drop_in_place(this.cast::<T>()) }
    }
}

impl<A: Tree, B: Tree> Tree for Node<A, B> {
    const LEN: usize = A::LEN + B::LEN;

    unsafe fn drop_at(this: *mut Self, pos: usize) {
        // SAFETY: union fields are at offset 0 (unions are laid out with
        // every field at the start), so both casts point at the subtree that
        // holds leaf `pos`; the caller's guarantee carries over.
        unsafe {
            if pos < A::LEN {
                A::drop_at(this.cast::<A>(), pos)
            } else {
                B::drop_at(this.cast::<B>(), pos - A::LEN)
            }
        }
    }
}

/// Selects the leaf at path `P`.
pub trait At<P>: Tree {
    /// The payload type of the selected leaf.
    type Out;
    /// The leaf's position, counted from the left.
    const POS: usize;

    /// A pointer to the payload of the selected leaf.
    ///
    /// # Safety
    ///
    /// `this` must point to an allocation of `Self`; the result points into
    /// it. Reading through it requires that leaf to be the initialized one.
    unsafe fn leaf(this: *mut Self) -> *mut Self::Out;
}

impl<T> At<H> for Leaf<T> {
    type Out = T;
    const POS: usize = 0;

    unsafe fn leaf(this: *mut Self) -> *mut T {
        this.cast::<T>()
    }
}

impl<A: At<P>, B: Tree, P> At<L<P>> for Node<A, B> {
    type Out = A::Out;
    const POS: usize = A::POS;

    unsafe fn leaf(this: *mut Self) -> *mut A::Out {
        // SAFETY: the left field of a union sits at offset 0.
        unsafe { A::leaf(this.cast::<A>()) }
    }
}

impl<A: Tree, B: At<P>, P> At<R<P>> for Node<A, B> {
    type Out = B::Out;
    const POS: usize = A::LEN + B::POS;

    unsafe fn leaf(this: *mut Self) -> *mut B::Out {
        // SAFETY: the right field of a union sits at offset 0.
        unsafe { B::leaf(this.cast::<B>()) }
    }
}

/// The payload of a state that awaits a child coroutine: the child's frame,
/// which stays in place (pinned) until it returns, and the awaiter's values
/// that live across the await.
///
/// Fields drop in declaration order, so cancelling drops the child first,
/// then the awaiter's values: the order rustc uses for a suspended `async fn`,
/// where the awaited future is the most recent local.
pub struct Awaiting<C, V> {
    pub(crate) child: C,
    pub(crate) values: V,
}

/// Where a frame keeps its state: the tree of states, or the output once the
/// body has returned.
// Fields reached by pointer casts, as in `Node`.
#[allow(dead_code)]
pub(crate) union Slots<S, O> {
    states: ManuallyDrop<S>,
    output: ManuallyDrop<O>,
}

impl<S, O> Slots<S, O> {
    pub(crate) fn states(this: *mut Self) -> *mut S {
        this.cast()
    }

    pub(crate) fn output(this: *mut Self) -> *mut O {
        this.cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{align_of, size_of};

    type Three = Node<Node<Leaf<u8>, Leaf<[u64; 3]>>, Leaf<u16>>;

    #[test]
    fn positions_and_sizes() {
        assert_eq!(<Three as Tree>::LEN, 3);
        assert_eq!(<Three as At<L<L<H>>>>::POS, 0);
        assert_eq!(<Three as At<L<R<H>>>>::POS, 1);
        assert_eq!(<Three as At<R<H>>>::POS, 2);
        assert_eq!(size_of::<Three>(), 24);
        assert_eq!(align_of::<Three>(), 8);
    }

    #[test]
    fn drop_at_drops_the_selected_leaf_only() {
        use core::cell::Cell;
        struct D<'a>(&'a Cell<u32>, u32);
        impl Drop for D<'_> {
            fn drop(&mut self) {
                self.0.set(self.0.get() * 10 + self.1);
            }
        }
        type Two<'a> = Node<Leaf<D<'a>>, Leaf<(D<'a>, D<'a>)>>;
        let log = Cell::new(0);
        let mut t = core::mem::MaybeUninit::<Two<'_>>::uninit();
        let p = t.as_mut_ptr();
        // SAFETY: we write leaf 1 and then drop exactly that leaf.
        unsafe {
            <Two<'_> as At<R<H>>>::leaf(p).write((D(&log, 1), D(&log, 2)));
            Tree::drop_at(p, 1);
        }
        assert_eq!(log.get(), 12);
    }
}
