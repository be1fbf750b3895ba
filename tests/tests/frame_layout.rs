//! The in-place lowering's frame layout: values whose lives never overlap
//! share storage (rustc's `overlap_locals` test, with 256-byte values so
//! that the sharing shows over the header and the flags).

use coro_runtime::{frame_size_of, suspend};

/// One value alive at a point.
#[coro_runtime::coroutine]
fn one_scope() -> u8 {
    let a = [1u8; 256];
    suspend!();
    a[0]
}

/// Two values in sibling blocks: never alive together.
#[coro_runtime::coroutine]
fn sibling_blocks() -> u8 {
    let x = {
        let a = [1u8; 256];
        suspend!();
        a[0]
    };
    let y = {
        let b = [2u8; 256];
        suspend!();
        b[1]
    };
    x + y
}

/// Two values in the arms of one `match`.
#[coro_runtime::coroutine]
fn match_arms(k: u8) -> u8 {
    match k {
        0 => {
            let a = [1u8; 256];
            suspend!();
            a[0]
        }
        _ => {
            let b = [2u8; 256];
            suspend!();
            b[1]
        }
    }
}

/// Two values alive together: no sharing.
#[coro_runtime::coroutine]
fn same_block() -> u8 {
    let a = [1u8; 256];
    let b = [2u8; 256];
    suspend!();
    a[0] + b[1]
}

#[test]
fn values_whose_lives_do_not_overlap_share_storage() {
    let one = frame_size_of(one_scope);
    let two = frame_size_of(same_block);
    assert!(two >= one + 256, "{two} vs {one}");
    for (name, size) in [
        ("sibling blocks", frame_size_of(sibling_blocks)),
        ("match arms", frame_size_of(match_arms)),
    ] {
        assert!(
            size < one + 64,
            "{name}: {size} bytes, one value takes {one}"
        );
    }
}

#[test]
fn shared_storage_keeps_each_value() {
    assert_eq!(coro_runtime::run(sibling_blocks()), 3);
    assert_eq!(coro_runtime::run(match_arms(0)), 1);
    assert_eq!(coro_runtime::run(match_arms(1)), 2);
}
