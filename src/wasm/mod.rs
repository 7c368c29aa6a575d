//! The wasm-bindgen boundary. Every export has one shape: convert in, call the core, convert
//! out, map errors to the JS `CecError`. No rules or models live here.

pub mod client;
pub mod convert;
pub mod exports;
pub mod js_input;
pub mod signer;

pub use convert::register_error_class;
