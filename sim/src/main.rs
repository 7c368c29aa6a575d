//! `cec-sim` command line: parse flags, generate, serve until Ctrl-C / SIGTERM.

use std::io::Write;
use std::process::ExitCode;

use cec_sim::config::{self, demo, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    let cfg = match config::parse_args(std::env::args().skip(1)) {
        Ok(Cli::Run(c)) => *c,
        Ok(Cli::Help) => {
            print!("{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("cec-sim: {e}");
            return ExitCode::from(2);
        }
    };
    let faults: Vec<String> = cfg.faults.iter().map(|f| f.to_spec_string()).collect();
    let (addr, handle) = match cec_sim::serve(cfg).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("cec-sim: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let ds = handle.dataset();
    let mut out = std::io::stdout().lock();
    // Tests and scripts parse this first line: keep its shape and flush it at once.
    let _ = writeln!(out, "cec-sim listening on http://{addr}");
    let _ = out.flush();
    let _ = writeln!(
        out,
        "dataset: {} calls, {} sessions, {} transfer records, {} days from {} (seed {}), generated in {:.1} ms",
        ds.calls.len(),
        ds.sessions,
        ds.transfers.len(),
        ds.params.days,
        cec_calldata::dates::format_ymd(ds.params.start_date),
        ds.params.seed,
        ds.generation_time.as_secs_f64() * 1000.0
    );
    let _ = writeln!(out, "demo credentials:");
    let _ = writeln!(out, "  CC-iSales auth-v2   AK {} / SK {}", demo::ISALES_AK, demo::ISALES_SK);
    let _ =
        writeln!(out, "  API Fabric app      app_key {} / app_secret {}", demo::APP_KEY, demo::APP_SECRET);
    let _ = writeln!(
        out,
        "  OIFDE tenant        tenantId {} / appSecret {}",
        demo::OIFDE_TENANT,
        demo::OIFDE_SECRET
    );
    let _ = writeln!(out, "  CDR subCcNo         {}", demo::SUB_CC_NO);
    let _ = writeln!(out, "dataset summary: http://{addr}/__sim/dataset");
    for f in faults {
        let _ = writeln!(out, "fault: {f}");
    }
    let _ = out.flush();
    drop(out);

    wait_for_signal().await;
    eprintln!("cec-sim: shutting down");
    handle.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(unix)]
async fn wait_for_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
async fn wait_for_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
