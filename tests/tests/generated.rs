//! `cases::generated` and `cases::generated_borrowing` are the generator's output for the fixed seed range:
//! this test fails when the generator changed and the file was not
//! rewritten (`cargo run -p coro-tests --bin generate -- --write-fixed`).

#[test]
fn generated_cases_are_current() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/cases/");
    for (file, today) in [
        ("generated.rs", coro_tests::generator::fixed_cases()),
        (
            "generated_borrowing.rs",
            coro_tests::generator::fixed_borrowing_cases(),
        ),
    ] {
        let on_disk = std::fs::read_to_string(format!("{dir}{file}")).expect("read the file");
        assert!(
            on_disk == today,
            "tests/src/cases/{file} is stale: rewrite it with \
             `cargo run -p coro-tests --bin generate -- --write-fixed`"
        );
    }
}

#[test]
fn programs_depend_on_their_seed_only() {
    use coro_tests::generator::{Mode, program};
    for mode in [Mode::Portable, Mode::Borrowing] {
        assert_eq!(program(mode, 7), program(mode, 7));
        assert_ne!(program(mode, 7), program(mode, 8));
    }
}
