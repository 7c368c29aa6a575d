//! Simulator configuration: defaults, demo credentials, and the command-line parser (hand-rolled:
//! a dozen `--flag value` pairs do not justify a CLI framework's compile time).

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use time::{Date, Month};

use crate::authv2::AuthProfile;
use crate::faults::FaultSpec;

/// Demo credentials. They only open this simulator, so `/__sim/dataset` may show them.
pub mod demo {
    pub const ISALES_AK: &str = "cec-demo-ak";
    pub const ISALES_SK: &str = "cec-demo-sk-7c1f2e9a";
    /// The AK/SK pair of AUTH.md's test vectors.
    pub const AUTH_MD_AK: &str = "globalaktest";
    pub const AUTH_MD_SK: &str = "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p";
    pub const APP_KEY: &str = "cec-demo-app";
    pub const APP_SECRET: &str = "cec-demo-app-secret";
    pub const OIFDE_TENANT: &str = "202604010001";
    pub const OIFDE_SECRET: &str = "cec-demo-oifde-secret";
    /// Call center id (`subCcNo`) of the simulated CDRs.
    pub const SUB_CC_NO: &str = "1";
}

/// Current time in epoch milliseconds. Injectable so auth-v2 vectors dated 2024 can be verified.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(|| SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0))
}

/// A key/secret pair. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub key: String,
    pub secret: String,
}

impl Credential {
    pub fn new(key: &str, secret: &str) -> Self {
        Credential { key: key.to_string(), secret: secret.to_string() }
    }

    /// `KEY:SECRET` (the secret may itself contain `:`).
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.split_once(':') {
            Some((k, v)) if !k.is_empty() && !v.is_empty() => Ok(Credential::new(k, v)),
            _ => Err("expected KEY:SECRET".to_string()),
        }
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Credential({}:<redacted>)", self.key)
    }
}

#[derive(Clone)]
pub struct Config {
    pub host: String,
    /// 0 picks an ephemeral port.
    pub port: u16,
    pub seed: u64,
    pub calls: usize,
    pub start_date: Date,
    pub days: u32,
    /// auth-v2 AK/SK pairs (the two defaults plus `--ak`).
    pub isales_keys: Vec<Credential>,
    /// API Fabric apps (app_key/app_secret).
    pub apps: Vec<Credential>,
    /// OIFDE tenants (tenantId/appSecret).
    pub tenants: Vec<Credential>,
    pub max_clock_skew_secs: u64,
    /// The one auth-v2 layout this instance accepts (AUTH.md's reading A or B).
    pub auth_profile: AuthProfile,
    /// Overrides every token lifetime when set.
    pub token_ttl_secs: Option<u64>,
    pub batch_cluster_ms: u64,
    pub faults: Vec<FaultSpec>,
    pub clock: Clock,
    /// Readings the docs leave open (one switch each; see README "what the docs leave open").
    /// callresult's `endTime` day: excluded (RELATED.md's reading, default) or included.
    pub window_end_inclusive: bool,
    /// Parameter failures as `0200001` + details in `resultDesc` instead of the specific codes.
    pub generic_param_errors: bool,
    /// HTTP status of callRecord business failures: 500 (03: "Status code: 500 Business
    /// failure", default) or 200 (the envelope alone, as the other iSales endpoints).
    pub call_record_error_status: axum::http::StatusCode,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("seed", &self.seed)
            .field("calls", &self.calls)
            .field("start_date", &self.start_date)
            .field("days", &self.days)
            .field("isales_keys", &self.isales_keys)
            .field("apps", &self.apps)
            .field("tenants", &self.tenants)
            .field("max_clock_skew_secs", &self.max_clock_skew_secs)
            .field("auth_profile", &self.auth_profile)
            .field("token_ttl_secs", &self.token_ttl_secs)
            .field("batch_cluster_ms", &self.batch_cluster_ms)
            .field("faults", &self.faults)
            .field("window_end_inclusive", &self.window_end_inclusive)
            .field("generic_param_errors", &self.generic_param_errors)
            .field("call_record_error_status", &self.call_record_error_status)
            .finish_non_exhaustive()
    }
}

pub const DEFAULT_PORT: u16 = 8790;
pub const DEFAULT_SEED: u64 = 42;
pub const DEFAULT_CALLS: usize = 200_000;
pub const DEFAULT_DAYS: u32 = 153; // 2026-06-01 ..= 2026-10-31
pub const DEFAULT_MAX_CLOCK_SKEW_SECS: u64 = 900;
pub const DEFAULT_BATCH_CLUSTER_MS: u64 = 250;
/// Upper bounds that keep a typo from exhausting memory.
pub const MAX_CALLS: usize = 20_000_000;
pub const MAX_DAYS: u32 = 3660;

pub fn default_start_date() -> Date {
    Date::from_calendar_date(2026, Month::June, 1).unwrap_or(Date::MIN)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: DEFAULT_PORT,
            seed: DEFAULT_SEED,
            calls: DEFAULT_CALLS,
            start_date: default_start_date(),
            days: DEFAULT_DAYS,
            isales_keys: vec![
                Credential::new(demo::ISALES_AK, demo::ISALES_SK),
                Credential::new(demo::AUTH_MD_AK, demo::AUTH_MD_SK),
            ],
            apps: vec![Credential::new(demo::APP_KEY, demo::APP_SECRET)],
            tenants: vec![Credential::new(demo::OIFDE_TENANT, demo::OIFDE_SECRET)],
            max_clock_skew_secs: DEFAULT_MAX_CLOCK_SKEW_SECS,
            auth_profile: AuthProfile::A,
            token_ttl_secs: None,
            batch_cluster_ms: DEFAULT_BATCH_CLUSTER_MS,
            faults: Vec::new(),
            clock: system_clock(),
            window_end_inclusive: false,
            generic_param_errors: false,
            call_record_error_status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl Config {
    /// A config for tests: ephemeral port, a smaller dataset.
    pub fn for_tests(calls: usize) -> Self {
        Config { port: 0, calls, ..Config::default() }
    }
}

pub const USAGE: &str = "\
cec-sim: local simulator of the Huawei Cloud CEC call-data gateways (CC-iSales, API Fabric, OIFDE)

USAGE: cec-sim [FLAGS]

  --host ADDR                 bind address (default 127.0.0.1)
  --port N                    port, 0 = ephemeral (default 8790)
  --seed N                    dataset seed (default 42)
  --calls N                   number of call attempts to generate (default 200000)
  --start-date YYYY-MM-DD     first day of the dataset (default 2026-06-01)
  --days N                    number of days (default 153, i.e. up to 2026-10-31)
  --ak AK:SK                  add an auth-v2 key pair (repeatable)
  --app KEY:SECRET            add an API Fabric app for tokenByAkSk (repeatable)
  --tenant ID:SECRET          add an OIFDE tenant for gettoken (repeatable)
  --max-clock-skew-secs N     auth-v2 timestamp tolerance (default 900)
  --auth-profile A|B          the auth-v2 layout to accept (AUTH.md's readings; default A);
                              requests signed in any other layout get 401
  --token-ttl SECS            lifetime of every issued token (default: tokenByAkSk
                              min(X-Token-Expire or 600, 3600); gettoken 3600)
  --batch-cluster-ms N        arrivals closer than this form one batch in /__sim/stats (default 250)
  --fault SPEC                inject a fault, e.g. 'callResults:status=503,every=3,retryAfter=2'
                              (repeatable; see README.md)
  --window-end exclusive|inclusive
                              is callresult's endTime day in the window (default exclusive)
  --param-errors specific|generic
                              parameter failures as 02000001..11 (default) or as 0200001 with
                              the details in resultDesc
  --call-record-error-status 500|200
                              HTTP status of callRecord business failures (default 500)
  -h, --help                  this text
";

/// What the command line asked for.
#[derive(Debug)]
pub enum Cli {
    Run(Box<Config>),
    Help,
}

pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Cli, String> {
    let mut cfg = Config::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(Cli::Help);
        }
        let mut value = || -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it.next().ok_or_else(|| format!("{flag} needs a value")),
            }
        };
        match flag.as_str() {
            "--host" => cfg.host = value()?,
            "--port" => cfg.port = num(&flag, &value()?)?,
            "--seed" => cfg.seed = num(&flag, &value()?)?,
            "--calls" => {
                cfg.calls = num(&flag, &value()?)?;
                if cfg.calls == 0 || cfg.calls > MAX_CALLS {
                    return Err(format!("--calls must be 1..={MAX_CALLS}"));
                }
            }
            "--start-date" => {
                let v = value()?;
                cfg.start_date = cec_calldata::dates::parse_ymd(&v)
                    .ok_or(format!("--start-date: not a YYYY-MM-DD date: {v}"))?;
            }
            "--days" => {
                cfg.days = num(&flag, &value()?)?;
                if cfg.days == 0 || cfg.days > MAX_DAYS {
                    return Err(format!("--days must be 1..={MAX_DAYS}"));
                }
            }
            "--ak" => cfg.isales_keys.push(Credential::parse(&value()?).map_err(|e| format!("--ak: {e}"))?),
            "--app" => cfg.apps.push(Credential::parse(&value()?).map_err(|e| format!("--app: {e}"))?),
            "--tenant" => {
                cfg.tenants.push(Credential::parse(&value()?).map_err(|e| format!("--tenant: {e}"))?)
            }
            "--max-clock-skew-secs" => cfg.max_clock_skew_secs = num(&flag, &value()?)?,
            "--auth-profile" => {
                let v = value()?;
                cfg.auth_profile =
                    AuthProfile::parse(&v).ok_or(format!("--auth-profile must be A or B, not {v}"))?;
            }
            "--token-ttl" => {
                let ttl: u64 = num(&flag, &value()?)?;
                if ttl == 0 {
                    return Err("--token-ttl must be at least 1".into());
                }
                cfg.token_ttl_secs = Some(ttl);
            }
            "--batch-cluster-ms" => cfg.batch_cluster_ms = num(&flag, &value()?)?,
            "--window-end" => {
                cfg.window_end_inclusive = match value()?.as_str() {
                    "exclusive" => false,
                    "inclusive" => true,
                    v => return Err(format!("--window-end: exclusive or inclusive, not {v}")),
                }
            }
            "--param-errors" => {
                cfg.generic_param_errors = match value()?.as_str() {
                    "specific" => false,
                    "generic" => true,
                    v => return Err(format!("--param-errors: specific or generic, not {v}")),
                }
            }
            "--call-record-error-status" => {
                cfg.call_record_error_status = match value()?.as_str() {
                    "500" => axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "200" => axum::http::StatusCode::OK,
                    v => return Err(format!("--call-record-error-status: 500 or 200, not {v}")),
                }
            }
            "--fault" => {
                let v = value()?;
                cfg.faults.push(FaultSpec::parse(&v).map_err(|e| format!("--fault {v}: {e}"))?);
            }
            other => return Err(format!("unknown argument: {other} (see --help)")),
        }
    }
    Ok(Cli::Run(Box::new(cfg)))
}

fn num<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse().map_err(|_| format!("{flag}: not a valid number: {v}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Config, String> {
        match parse_args(args.iter().map(|s| s.to_string()))? {
            Cli::Run(c) => Ok(*c),
            Cli::Help => Err("help".into()),
        }
    }

    #[test]
    fn flags() {
        let c = run(&[
            "--port",
            "0",
            "--seed=7",
            "--calls",
            "10",
            "--ak",
            "a:b:c",
            "--fault",
            "*:latency=5",
            "--start-date",
            "2025-01-31",
            "--days",
            "3",
            "--auth-profile",
            "B",
        ])
        .unwrap();
        assert_eq!((c.port, c.seed, c.calls, c.days), (0, 7, 10, 3));
        assert_eq!(c.isales_keys.last().unwrap(), &Credential::new("a", "b:c"));
        assert_eq!(c.faults.len(), 1);
        assert_eq!(c.auth_profile, AuthProfile::B);
        assert_eq!(Config::default().auth_profile, AuthProfile::A);
        assert!(run(&["--auth-profile", "C"]).is_err());
        assert!(run(&["--port"]).is_err());
        assert!(run(&["--calls", "x"]).is_err());
        assert!(run(&["--ak", "nocolon"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert!(run(&["--start-date", "2025-02-30"]).is_err());
        assert!(matches!(parse_args(vec!["--help".to_string()]), Ok(Cli::Help)));
    }

    #[test]
    fn debug_hides_secrets() {
        let s = format!("{:?}", Config::default());
        assert!(
            !s.contains(demo::ISALES_SK) && !s.contains(demo::APP_SECRET) && !s.contains(demo::OIFDE_SECRET)
        );
    }
}
