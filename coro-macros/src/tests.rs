//! Unit tests of the transform: expansions, printed with prettyplease.

use proc_macro2::TokenStream;

/// Expands `#[coroutine]` on `input` and pretty-prints the result.
pub fn expand_pretty(args: TokenStream, input: TokenStream) -> String {
    let out = crate::expand(args, input);
    match syn::parse2::<syn::File>(out.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => out.to_string(),
    }
}

#[test]
#[ignore = "debugging aid: COROUTINE=path/to/file.rs cargo test -p coro-macros dump -- --ignored --nocapture"]
fn dump() {
    let path = std::env::var("COROUTINE").expect("set COROUTINE to a file with one fn");
    let text = std::fs::read_to_string(path).unwrap();
    let input: TokenStream = text.parse().unwrap();
    if std::env::var("RAW").is_ok() {
        println!("{}", crate::expand(TokenStream::new(), input));
    } else {
        println!("{}", expand_pretty(TokenStream::new(), input));
    }
}
