//! The differential corpus. Each module holds cases for one group of
//! constructs; `all` lists every case.

pub mod adversarial;
pub mod awaits;
pub mod branches;
pub mod closures;
pub mod drops;
pub mod exprs;
pub mod generated;
pub mod generated_borrowing;
pub mod inplace;
pub mod loops;
pub mod moves;
pub mod ready;
pub mod realistic;
pub mod realistic_regressions;
pub mod regressions;
pub mod repro;
pub mod straight;

/// Every case: its name and the function that runs it both ways.
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
    out
}

/// Every case's in-place twin.
pub fn all_inplace() -> Vec<crate::harness::InplaceCase> {
    let mut out = Vec::new();
    out.extend(straight::all_inplace());
    out.extend(branches::all_inplace());
    out.extend(loops::all_inplace());
    out.extend(exprs::all_inplace());
    out.extend(closures::all_inplace());
    out.extend(moves::all_inplace());
    out.extend(drops::all_inplace());
    out.extend(awaits::all_inplace());
    out.extend(adversarial::all_inplace());
    out.extend(regressions::all_inplace());
    out.extend(ready::all_inplace());
    out.extend(realistic::all_inplace());
    out.extend(realistic_regressions::all_inplace());
    out.extend(inplace::all_inplace());
    out
}
