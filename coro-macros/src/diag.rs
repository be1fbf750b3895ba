//! Error collection: every phase reports problems here with their spans and
//! goes on, so one compile shows every mistake, not just the first (the way
//! serde_derive's `Ctxt` works).

use proc_macro2::{Span, TokenStream};
use std::cell::RefCell;
use std::fmt::Display;

/// Collects errors. Dropping it with errors still inside is a bug in the
/// macro (they would be lost), caught by a debug assertion.
#[derive(Default)]
pub struct Errors {
    errors: RefCell<Vec<syn::Error>>,
}

impl Errors {
    pub fn new() -> Self {
        Errors::default()
    }

    /// Records an error at `span`.
    pub fn error(&self, span: Span, message: impl Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new(span, message));
    }

    /// Records an error spanning the tokens of `tokens`.
    pub fn error_spanned(&self, tokens: impl quote::ToTokens, message: impl Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(tokens, message));
    }

    /// Records a `syn` parse error.
    pub fn push(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// All errors as `compile_error!` invocations, or `None` if there are
    /// none.
    pub fn finish(self) -> Option<TokenStream> {
        let errors = self.errors.into_inner();
        if errors.is_empty() {
            return None;
        }
        Some(errors.iter().map(syn::Error::to_compile_error).collect())
    }
}
