//! An intrusive doubly linked list of waiter nodes. A node lives inside the
//! operation that waits (a channel receive, a timer), which is pinned inside
//! the awaiting coroutine's frame: waiting allocates nothing. Every list is
//! owned by a lock, and its nodes' links are read and written only by the
//! thread holding that lock.

use core::cell::Cell;
use core::marker::PhantomPinned;
use core::ptr;

/// The links of a node. Node types are `repr(C)` with their `Links` first,
/// so that a list of `Links` pointers is a list of nodes of one type.
pub(crate) struct Links {
    prev: Cell<*const Links>,
    next: Cell<*const Links>,
    linked: Cell<bool>,
    _pin: PhantomPinned,
}

// SAFETY: the links are read and written only by the thread holding the
// lock of the list the node is in (see the module docs); moving the node's
// owner to another thread while it is linked is therefore sound.
unsafe impl Send for Links {}

impl Links {
    pub(crate) const fn new() -> Self {
        Links {
            prev: Cell::new(ptr::null()),
            next: Cell::new(ptr::null()),
            linked: Cell::new(false),
            _pin: PhantomPinned,
        }
    }

    /// Whether the node is in a list. Read under the list's lock.
    pub(crate) fn is_linked(&self) -> bool {
        self.linked.get()
    }
}

/// A list of nodes, owned by a lock.
pub(crate) struct List {
    head: *const Links,
    tail: *const Links,
}

// SAFETY: the list is only touched under its lock, and so are its nodes'
// links; the nodes stay pinned while linked (their owners unlink them,
// under the lock, before they move or drop).
unsafe impl Send for List {}

impl List {
    pub(crate) const fn new() -> Self {
        List {
            head: ptr::null(),
            tail: ptr::null(),
        }
    }

    #[inline]
    pub(crate) fn front(&self) -> Option<*const Links> {
        (!self.head.is_null()).then_some(self.head)
    }

    /// The node after `node`.
    ///
    /// # Safety
    ///
    /// `node` is in this list.
    pub(crate) unsafe fn next(&self, node: *const Links) -> Option<*const Links> {
        // SAFETY: a linked node is live (see `List`'s `Send`).
        let next = unsafe { &*node }.next.get();
        (!next.is_null()).then_some(next)
    }

    /// Appends `node`.
    ///
    /// # Safety
    ///
    /// `node` is pinned, not in a list, and stays live until removed.
    #[inline]
    pub(crate) unsafe fn push_back(&mut self, node: *const Links) {
        // SAFETY: as the caller guarantees.
        let n = unsafe { &*node };
        debug_assert!(!n.linked.get());
        n.prev.set(self.tail);
        n.next.set(ptr::null());
        n.linked.set(true);
        if self.tail.is_null() {
            self.head = node;
        } else {
            // SAFETY: the tail is a linked node, live.
            unsafe { &*self.tail }.next.set(node);
        }
        self.tail = node;
    }

    /// Inserts `node` before `at` (at the end if `at` is `None`).
    ///
    /// # Safety
    ///
    /// As for [`push_back`](Self::push_back); `at` is in this list.
    pub(crate) unsafe fn insert_before(&mut self, at: Option<*const Links>, node: *const Links) {
        let Some(at) = at else {
            // SAFETY: as the caller guarantees.
            return unsafe { self.push_back(node) };
        };
        // SAFETY: as the caller guarantees.
        let (n, a) = unsafe { (&*node, &*at) };
        debug_assert!(!n.linked.get());
        let prev = a.prev.get();
        n.prev.set(prev);
        n.next.set(at);
        n.linked.set(true);
        a.prev.set(node);
        if prev.is_null() {
            self.head = node;
        } else {
            // SAFETY: a linked node, live.
            unsafe { &*prev }.next.set(node);
        }
    }

    /// Removes `node` if it is linked (in this list).
    ///
    /// # Safety
    ///
    /// If linked, `node` is in this list.
    #[inline]
    pub(crate) unsafe fn remove(&mut self, node: *const Links) {
        // SAFETY: as the caller guarantees.
        let n = unsafe { &*node };
        if !n.linked.get() {
            return;
        }
        let (prev, next) = (n.prev.get(), n.next.get());
        if prev.is_null() {
            self.head = next;
        } else {
            // SAFETY: linked nodes are live.
            unsafe { &*prev }.next.set(next);
        }
        if next.is_null() {
            self.tail = prev;
        } else {
            // SAFETY: as above.
            unsafe { &*next }.prev.set(prev);
        }
        n.prev.set(ptr::null());
        n.next.set(ptr::null());
        n.linked.set(false);
    }

    /// Removes and returns the first node.
    #[inline]
    pub(crate) fn pop_front(&mut self) -> Option<*const Links> {
        let front = self.front()?;
        // SAFETY: the front node is in this list.
        unsafe { self.remove(front) };
        Some(front)
    }
}
