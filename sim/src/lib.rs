//! cec-sim: a local, faithful stand-in for the three Huawei Cloud CEC gateways (CC-iSales,
//! API Fabric, OIFDE): same paths, envelopes, error codes, auth schemes and wire quirks, over a
//! deterministic synthetic dataset, plus `/__sim/` observability and fault injection.
//!
//! Modules:
//! - `data`: dataset generation (`mod.rs`), fixed tables (`catalog.rs`), per-call derived records
//!   (`derive.rs`: detail, conversation, CDR, transfer record).
//! - `routes`: one module per gateway (`isales`, `apifabric`, `oifde`), `sim` for `/__sim/`,
//!   and the CORS / stats / fault middlewares (`mod.rs`).
//! - `authv2`: auth-v2 verification (one layout per instance, `--auth-profile`), written from
//!   AUTH.md independently of the client's signer; `auth`: the token stores.
//! - `faults`, `stats`: fault specs and decisions; request statistics.
//! - `server`: the hyper accept loop (needed for the `drop` fault) and graceful shutdown.

// Route helpers return an axum `Response` as their error: it is the answer itself, on a path
// that runs once per request.
#![allow(clippy::result_large_err)]

pub mod auth;
pub mod authv2;
pub mod config;
pub mod corrupt;
pub mod data;
pub mod endpoint;
pub mod faults;
pub mod prng;
pub mod routes;
pub mod server;
pub mod stats;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::Config;
pub use data::Dataset;

/// Everything the handlers share.
pub struct AppState {
    pub config: Config,
    pub dataset: Arc<Dataset>,
    pub stats: Arc<stats::Stats>,
    pub faults: faults::Faults,
    pub fabric_tokens: auth::TokenStore,
    pub oifde_tokens: auth::TokenStore,
    pub oifde_lockout: auth::Lockout,
}

impl AppState {
    pub fn new(config: Config, dataset: Arc<Dataset>) -> AppState {
        AppState {
            stats: Arc::new(stats::Stats::new(config.batch_cluster_ms)),
            faults: faults::Faults::new(config.seed, config.faults.clone()),
            // Different streams for the two gateways so their tokens never coincide.
            fabric_tokens: auth::TokenStore::new(prng::mix(config.seed, 0xAF)),
            oifde_tokens: auth::TokenStore::new(prng::mix(config.seed, 0x0F)),
            oifde_lockout: auth::Lockout::default(),
            dataset,
            config,
        }
    }
}

/// A running simulator.
pub struct SimHandle {
    addr: SocketAddr,
    state: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl SimHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://host:port`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn dataset(&self) -> &Arc<Dataset> {
        &self.state.dataset
    }

    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Stops accepting, lets in-flight requests finish (up to a few seconds), and returns.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// Generates the dataset, binds `config.host:config.port` and starts serving in the background.
pub async fn serve(config: Config) -> std::io::Result<(SocketAddr, SimHandle)> {
    let params = data::GenParams {
        seed: config.seed,
        calls: config.calls,
        start_date: config.start_date,
        days: config.days,
    };
    // CPU-bound: keep it off the async workers.
    let dataset = tokio::task::spawn_blocking(move || Dataset::generate(params))
        .await
        .map_err(std::io::Error::other)?;
    serve_with_dataset(config, Arc::new(dataset)).await
}

/// Like `serve`, with an already generated dataset (tests share one across servers).
pub async fn serve_with_dataset(
    config: Config,
    dataset: Arc<Dataset>,
) -> std::io::Result<(SocketAddr, SimHandle)> {
    let bind = if config.host.contains(':') && !config.host.starts_with('[') {
        format!("[{}]:{}", config.host, config.port)
    } else {
        format!("{}:{}", config.host, config.port)
    };
    let listener = TcpListener::bind(bind).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(AppState::new(config, dataset));
    let router = routes::router(Arc::clone(&state));
    let (tx, rx) = oneshot::channel();
    let task = tokio::spawn(server::run(listener, router, rx));
    Ok((addr, SimHandle { addr, state, shutdown: Some(tx), task }))
}
