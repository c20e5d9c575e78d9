//! The cache key leaves no unwiped copy behind on the heap while it is made: no heap block is
//! freed (or moved by a reallocation) while a key or its `PRAGMA key` value is built, so every
//! block that ever held key material is still owned by a value that wipes it on drop (or, for
//! the pragma value, handed to sqlx: see `key::pragma_value`).
//!
//! Its own test binary: it installs a counting global allocator.

use ccp_core::cache::key;
use secrecy::ExposeSecret;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    // Const-initialized and without destructors: usable inside the allocator.
    static RECORDING: Cell<bool> = const { Cell::new(false) };
    static FREED: Cell<usize> = const { Cell::new(0) };
}

fn note_freed() {
    let _ = RECORDING.try_with(|on| {
        if on.get() {
            FREED.with(|n| n.set(n.get() + 1));
        }
    });
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_freed();
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A reallocation may move the contents and free the old block as it was.
        note_freed();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` on this thread and counts the heap blocks it freed or reallocated.
fn blocks_freed_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    FREED.with(|n| n.set(0));
    RECORDING.with(|on| on.set(true));
    let out = f();
    RECORDING.with(|on| on.set(false));
    (out, FREED.with(Cell::get))
}

#[test]
fn making_the_key_and_its_pragma_frees_no_block_that_held_it() {
    // The thread's random generator is set up on first use.
    drop(key::generate());
    let (k, freed) = blocks_freed_during(key::generate);
    assert_eq!(freed, 0, "blocks freed while generating a key");
    assert!(key::is_valid(&k));

    let (pragma, freed) = blocks_freed_during(|| key::pragma_value(&k));
    assert_eq!(freed, 0, "blocks freed while building the pragma value");
    assert_eq!(pragma, format!("\"x'{}'\"", k.expose_secret()));
}
