//! The differential corpus. Each module holds cases for one group of
//! constructs; `all` lists every case.

pub mod adversarial;
pub mod awaits;
pub mod branches;
pub mod closures;
pub mod dead;
pub mod drops;
pub mod exprs;
pub mod generated;
pub mod generated_borrowing;
pub mod inline;
pub mod inplace;
pub mod loops;
pub mod moves;
pub mod no_drop;
pub mod ready;
pub mod realistic;
pub mod realistic_regressions;
pub mod regressions;
pub mod repro;
pub mod straight;
pub mod yields;

/// Every case of the hand-written corpus: its name and the function that
/// runs it both ways.
pub fn all() -> Vec<crate::harness::Case> {
    let mut out = Vec::new();
    out.extend(straight::all());
    out.extend(branches::all());
    out.extend(loops::all());
    out.extend(exprs::all());
    out.extend(closures::all());
    out.extend(moves::all());
    out.extend(drops::all());
    out.extend(awaits::all());
    out.extend(adversarial::all());
    out.extend(regressions::all());
    out.extend(ready::all());
    out.extend(realistic::all());
    out.extend(realistic_regressions::all());
    out.extend(inplace::all());
    out.extend(inline::all());
    out.extend(dead::all());
    out.extend(no_drop::all());
    out
}
