//! `CecClient` against a running cec-sim, in Node. The same bodies run in headless Chromium from
//! tests/wasm_client_browser.rs.
//!
//! Two simulators must be running, and their URLs are compiled in (an unset URL fails the tests):
//!
//! ```sh
//! cargo build -p cec-sim --bin cec-sim
//! target/debug/cec-sim --port 18790 &                   # CEC_SIM_URL
//! target/debug/cec-sim --port 18791 --token-ttl 2 &     # CEC_SIM_URL_SHORT_TTL
//! export CEC_SIM_URL=http://127.0.0.1:18790 CEC_SIM_URL_SHORT_TTL=http://127.0.0.1:18791
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --test wasm_client
//! ```
//!
//! Both sims use the default dataset (seed 42, 200000 calls from 2026-06-01) and demo
//! credentials. Tests set and clear faults (`/__sim/faults`) and reset stats themselves;
//! wasm-bindgen-test runs them one at a time, so they do not interfere.
// The shared helpers are `include!`d by three test files; each uses a different subset.
#![allow(dead_code)]
#![cfg(target_arch = "wasm32")]

include!("wasm_client_shared/helpers.rs");
include!("wasm_client_shared/bodies.rs");
