//! The `CecClient`'s decisions, pure and tested natively: how a call's attempt is built (URL,
//! headers, signature), what its answer means (decoded response, retry, re-authenticate), the
//! token requests, the per-call options, the iterators' export plans, and the errors the client
//! itself raises. The boundary (`crate::wasm::client`) waits, sends and converts.

pub mod attempt;
pub mod call_options;
pub mod errors;
pub mod event;
pub mod export_plan;
pub mod request;
pub mod setup;
pub mod token_request;
pub mod types;
pub mod waiting;

#[cfg(test)]
mod tests;
