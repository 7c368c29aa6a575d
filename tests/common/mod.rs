//! Code shared by the native test files (a `tests/common/` module, not a test target).
pub mod requests;
