//! The tests of tests/wasm_client.rs, in headless Chromium (the simulator answers CORS).
//!
//! ```sh
//! # the two simulators and CEC_SIM_URL / CEC_SIM_URL_SHORT_TTL as in tests/wasm_client.rs, then
//! CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=300 \
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --test wasm_client_browser
//! ```
//! (`WASM_BINDGEN_TEST_TIMEOUT` bounds the whole browser run, 20 s by default; the suite needs
//! about a minute.)
// The shared helpers are `include!`d by three test files; each uses a different subset.
#![allow(dead_code)]
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("wasm_client_shared/helpers.rs");
include!("wasm_client_shared/bodies.rs");
