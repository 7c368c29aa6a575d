//! cec-calldata: typed, validated access to the call-data query APIs of Huawei Cloud CEC.
//!
//! Layers (see HACKING.md):
//! - the pure-Rust core (everything outside `wasm`): models, validation rules, error codes,
//!   auth-v2 signing, paging and rate plans. No JS types; tested natively with `cargo test`.
//! - `wasm`: the thin wasm-bindgen boundary (convert in, call the core, convert out, map errors)
//!   and the fetch-based client. Compiled only with the `wasm` feature on wasm32.

// `CecError` carries the issues, vendor code and request id a caller needs; errors are the cold
// path, and boxing them would change every public signature for no measured gain.
#![allow(clippy::result_large_err)]
pub mod auth;
pub mod callback;
pub mod checkpoint;
pub mod client;
pub mod codes;
pub mod config;
pub mod dates;
pub mod detect;
pub mod endpoint;
pub mod endpoints;
pub mod error;
pub mod export_options;
pub mod failcodes;
pub mod input;
pub mod locale;
pub mod normalize;
pub mod paging;
pub mod rate;
pub mod redact;
pub mod remote_sign;
pub mod retry;
pub mod says;
pub mod shape;
pub mod sign_auth_v2;
pub mod signing;
pub mod token;
pub mod validate;
pub mod window_dedupe;

pub use endpoint::Endpoint;
pub use error::{CecError, ErrorKind, Issue, Rule};
pub use locale::Locale;

#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
#[doc(hidden)]
pub mod wasm;
