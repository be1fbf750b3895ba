//! Compile-fail tests: every misuse gives a clear error at the user's code.
//! The expected output (`tests/ui/*.stderr`) is reviewed like code; refresh
//! it with `TRYBUILD=overwrite cargo test -p coro-tests --test compile_fail`.

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
