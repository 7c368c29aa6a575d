//! Deterministic fault injection.
//!
//! A fault is `ENDPOINT:KIND[=VALUE][,key=value...]` on the command line, or the same as a JSON
//! object on `/__sim/faults`. Each fault counts the requests it matches (`seen`) and fires on every
//! Nth (`every`, default 1) or with probability `p` from its own seeded PRNG, at most `count` times.
//! Latency faults add up; of the other kinds the first one that fires decides the outcome.

use std::fmt::Write as _;
use std::sync::Mutex;

use serde_json::{json, Map, Value};

use crate::endpoint::ApiEndpoint;
use crate::prng::{mix, Rng};

#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// Adds this many milliseconds before the request is handled.
    Latency { ms: u64 },
    /// Answers with this HTTP status (and `Retry-After` for 429/503 when given).
    Status { status: u16, retry_after: Option<u64> },
    /// Closes the connection without any response.
    Drop,
    /// The real response with its body cut in half (Content-Length matches the half).
    Truncate,
    /// HTTP 200 with a body that is not JSON.
    Malformed,
    /// The real response with one field of the wrong type.
    WrongType,
    /// HTTP 400 whose message echoes the request's credentials (Authorization, X-APP-Key) and
    /// body, as some gateway error pages do: the client must not pass them on.
    Echo,
}

impl FaultKind {
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::Latency { .. } => "latency",
            FaultKind::Status { .. } => "status",
            FaultKind::Drop => "drop",
            FaultKind::Truncate => "truncate",
            FaultKind::Malformed => "malformed",
            FaultKind::WrongType => "wrong-type",
            FaultKind::Echo => "echo",
        }
    }
}

/// The stats keys of the fault kinds (camelCase, JSON-friendly).
pub const KIND_KEYS: [&str; 7] = ["latency", "status", "drop", "truncate", "malformed", "wrongType", "echo"];

pub fn kind_index(k: &FaultKind) -> usize {
    match k {
        FaultKind::Latency { .. } => 0,
        FaultKind::Status { .. } => 1,
        FaultKind::Drop => 2,
        FaultKind::Truncate => 3,
        FaultKind::Malformed => 4,
        FaultKind::WrongType => 5,
        FaultKind::Echo => 6,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// `None` = every API endpoint (`*`).
    pub endpoint: Option<ApiEndpoint>,
    pub kind: FaultKind,
    pub every: Option<u64>,
    pub probability: Option<f64>,
    pub seed: Option<u64>,
    pub count: Option<u64>,
}

impl FaultSpec {
    /// Parses the command-line syntax, e.g. `callResults:status=503,every=3,retryAfter=2`.
    pub fn parse(s: &str) -> Result<FaultSpec, String> {
        let (ep, rest) = match s.split_once(':') {
            Some((ep, rest)) => (ep.trim(), rest),
            None => ("*", s),
        };
        let mut parts = rest.split(',').map(str::trim).filter(|p| !p.is_empty());
        let head = parts.next().ok_or("missing fault kind")?;
        let (kind_name, kind_value) = match head.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim())),
            None => (head, None),
        };
        let mut obj = Map::new();
        obj.insert("endpoint".into(), json!(ep));
        obj.insert("kind".into(), json!(kind_name));
        match (kind_name, kind_value) {
            ("latency", Some(v)) => {
                obj.insert("ms".into(), json!(parse_u64("latency", v)?));
            }
            ("status", Some(v)) => {
                obj.insert("status".into(), json!(parse_u64("status", v)?));
            }
            ("latency" | "status", None) => {
                return Err(format!("{kind_name} needs a value, e.g. {kind_name}=..."))
            }
            (_, Some(_)) => return Err(format!("{kind_name} takes no value")),
            (_, None) => {}
        }
        for p in parts {
            let (k, v) = p.split_once('=').ok_or_else(|| format!("expected key=value, got {p}"))?;
            let (k, v) = (k.trim(), v.trim());
            let key = match k {
                "p" => "probability",
                "retry-after" | "retry_after" => "retryAfter",
                other => other,
            };
            let val = if key == "probability" {
                // `json!(NaN)` would be `null`, silently read as "no probability" (every call).
                match v.parse::<f64>() {
                    Ok(p) if (0.0..=1.0).contains(&p) => json!(p),
                    _ => return Err(format!("probability must be a number in 0..=1: {v}")),
                }
            } else {
                json!(parse_u64(key, v)?)
            };
            obj.insert(key.into(), val);
        }
        FaultSpec::from_json(&Value::Object(obj))
    }

    /// Parses one JSON fault: an object, or a string in the command-line syntax.
    pub fn from_json(v: &Value) -> Result<FaultSpec, String> {
        if let Some(s) = v.as_str() {
            return FaultSpec::parse(s);
        }
        let o = v.as_object().ok_or("a fault must be an object or a spec string")?;
        const KNOWN: [&str; 10] = [
            "endpoint",
            "kind",
            "ms",
            "latencyMs",
            "status",
            "retryAfter",
            "every",
            "probability",
            "seed",
            "count",
        ];
        // Read-only keys from GET /__sim/faults are accepted so a GET result can be POSTed back.
        const ECHOED: [&str; 3] = ["spec", "seen", "injected"];
        if let Some(k) = o.keys().find(|k| !KNOWN.contains(&k.as_str()) && !ECHOED.contains(&k.as_str())) {
            return Err(format!("unknown fault key: {k}"));
        }
        let endpoint =
            match o.get("endpoint").and_then(Value::as_str).unwrap_or("*") {
                "*" => None,
                name => Some(ApiEndpoint::parse(name).ok_or_else(|| {
                    format!("unknown endpoint: {name} (use one of {} or *)", endpoint_names())
                })?),
            };
        let opt_u64 = |k: &str| -> Result<Option<u64>, String> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v.as_u64().map(Some).ok_or_else(|| format!("{k} must be a non-negative integer")),
            }
        };
        let kind = match o.get("kind").and_then(Value::as_str).ok_or("missing kind")? {
            "latency" => {
                FaultKind::Latency { ms: opt_u64("ms")?.or(opt_u64("latencyMs")?).ok_or("latency needs ms")? }
            }
            "status" => {
                let status = opt_u64("status")?.ok_or("status needs a status code")?;
                if !(400..=599).contains(&status) {
                    return Err(format!("status must be 400..599, got {status}"));
                }
                FaultKind::Status { status: status as u16, retry_after: opt_u64("retryAfter")? }
            }
            "drop" => FaultKind::Drop,
            "truncate" => FaultKind::Truncate,
            "malformed" => FaultKind::Malformed,
            "wrong-type" | "wrongType" => FaultKind::WrongType,
            "echo" => FaultKind::Echo,
            other => {
                return Err(format!(
                "unknown fault kind: {other} (latency, status, drop, truncate, malformed, wrong-type, echo)"
            ))
            }
        };
        if o.get("retryAfter").is_some_and(|v| !v.is_null()) && !matches!(kind, FaultKind::Status { .. }) {
            return Err("retryAfter only applies to status faults".into());
        }
        let every = opt_u64("every")?;
        if every == Some(0) {
            return Err("every must be at least 1".into());
        }
        let probability = match o.get("probability") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_f64() {
                Some(p) if (0.0..=1.0).contains(&p) => Some(p),
                _ => return Err("probability must be a number in 0..=1".into()),
            },
        };
        if every.is_some() && probability.is_some() {
            return Err("give either every or probability, not both".into());
        }
        Ok(FaultSpec { endpoint, kind, every, probability, seed: opt_u64("seed")?, count: opt_u64("count")? })
    }

    /// The command-line form (shown by GET /__sim/faults).
    pub fn to_spec_string(&self) -> String {
        let mut s = format!("{}:", self.endpoint.map(|e| e.as_str()).unwrap_or("*"));
        match &self.kind {
            FaultKind::Latency { ms } => {
                let _ = write!(s, "latency={ms}");
            }
            FaultKind::Status { status, retry_after } => {
                let _ = write!(s, "status={status}");
                if let Some(r) = retry_after {
                    let _ = write!(s, ",retryAfter={r}");
                }
            }
            k => s.push_str(k.name()),
        }
        for (k, v) in [("every", self.every), ("seed", self.seed), ("count", self.count)] {
            if let Some(v) = v {
                let _ = write!(s, ",{k}={v}");
            }
        }
        if let Some(p) = self.probability {
            let _ = write!(s, ",probability={p}");
        }
        s
    }

    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("endpoint".into(), json!(self.endpoint.map(|e| e.as_str()).unwrap_or("*")));
        o.insert("kind".into(), json!(self.kind.name()));
        match &self.kind {
            FaultKind::Latency { ms } => {
                o.insert("ms".into(), json!(ms));
            }
            FaultKind::Status { status, retry_after } => {
                o.insert("status".into(), json!(status));
                if let Some(r) = retry_after {
                    o.insert("retryAfter".into(), json!(r));
                }
            }
            _ => {}
        }
        for (k, v) in [("every", self.every), ("seed", self.seed), ("count", self.count)] {
            if let Some(v) = v {
                o.insert(k.into(), json!(v));
            }
        }
        if let Some(p) = self.probability {
            o.insert("probability".into(), json!(p));
        }
        o.insert("spec".into(), json!(self.to_spec_string()));
        Value::Object(o)
    }
}

fn parse_u64(what: &str, v: &str) -> Result<u64, String> {
    v.parse().map_err(|_| format!("{what}: not a non-negative integer: {v}"))
}

fn endpoint_names() -> String {
    ApiEndpoint::ALL.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(", ")
}

/// Parses the body of POST /__sim/faults: a list (of objects or spec strings), a single fault, or
/// `{"faults": [...]}`.
pub fn parse_list(v: &Value) -> Result<Vec<FaultSpec>, String> {
    let items: Vec<Value> = match v {
        Value::Array(a) => a.clone(),
        Value::Object(o) if o.contains_key("faults") => match o.get("faults") {
            Some(Value::Array(a)) => a.clone(),
            _ => return Err("faults must be a list".into()),
        },
        other => vec![other.clone()],
    };
    items
        .iter()
        .enumerate()
        .map(|(i, f)| FaultSpec::from_json(f).map_err(|e| format!("fault #{i}: {e}")))
        .collect()
}

struct Entry {
    spec: FaultSpec,
    rng: Rng,
    seen: u64,
    injected: u64,
}

/// What to do with one request.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Plan {
    pub latency_ms: u64,
    /// The non-latency fault that fired, if any.
    pub action: Option<FaultKind>,
    /// Kind indices (see `KIND_KEYS`) of every injection made, for the stats.
    pub injected: Vec<usize>,
}

/// The current fault set (replaceable at runtime).
pub struct Faults {
    seed: u64,
    entries: Mutex<Vec<Entry>>,
}

impl Faults {
    pub fn new(seed: u64, specs: Vec<FaultSpec>) -> Faults {
        let f = Faults { seed, entries: Mutex::new(Vec::new()) };
        f.replace(specs);
        f
    }

    pub fn replace(&self, specs: Vec<FaultSpec>) {
        let entries = specs
            .into_iter()
            .enumerate()
            .map(|(i, spec)| {
                // Without an explicit seed, each fault still gets a fixed stream from --seed.
                let seed = spec.seed.unwrap_or_else(|| mix(self.seed ^ 0xFA17, i as u64));
                Entry { spec, rng: Rng::new(seed), seen: 0, injected: 0 }
            })
            .collect();
        *self.lock() = entries;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        // A panic while holding the lock cannot leave the counters inconsistent in a harmful way.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn list_json(&self) -> Value {
        Value::Array(
            self.lock()
                .iter()
                .map(|e| {
                    let mut v = e.spec.to_json();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("seen".into(), json!(e.seen));
                        o.insert("injected".into(), json!(e.injected));
                    }
                    v
                })
                .collect(),
        )
    }

    pub fn plan(&self, ep: ApiEndpoint) -> Plan {
        let mut plan = Plan::default();
        let mut entries = self.lock();
        for e in entries.iter_mut() {
            if e.spec.endpoint.is_some_and(|x| x != ep) {
                continue;
            }
            e.seen += 1;
            if e.spec.count.is_some_and(|c| e.injected >= c) {
                continue;
            }
            let fires = match e.spec.probability {
                Some(p) => e.rng.chance(p),
                None => e.seen % e.spec.every.unwrap_or(1) == 0,
            };
            if !fires {
                continue;
            }
            match &e.spec.kind {
                FaultKind::Latency { ms } => plan.latency_ms = plan.latency_ms.saturating_add(*ms),
                k if plan.action.is_none() => plan.action = Some(k.clone()),
                _ => continue,
            }
            e.injected += 1;
            plan.injected.push(kind_index(&e.spec.kind));
        }
        plan
    }
}

/// The body of a `malformed` fault: what a misconfigured proxy answers with.
pub const MALFORMED_BODY: &str =
    "<html><head><title>502 Bad Gateway</title></head><body>upstream sent an invalid response</body></html>";

pub use crate::corrupt::{corrupt, corrupt_envelope};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_cli_syntax() {
        let f = FaultSpec::parse("callResults:status=503,every=3,retryAfter=2").unwrap();
        assert_eq!(f.endpoint, Some(ApiEndpoint::CallResults));
        assert_eq!(f.kind, FaultKind::Status { status: 503, retry_after: Some(2) });
        assert_eq!(f.every, Some(3));
        assert_eq!(FaultSpec::parse(&f.to_spec_string()).unwrap(), f);
        let g = FaultSpec::parse("*:drop,p=0.5,seed=9,count=2").unwrap();
        assert_eq!((g.endpoint, g.probability, g.seed, g.count), (None, Some(0.5), Some(9), Some(2)));
        assert_eq!(FaultSpec::parse("latency=20").unwrap().kind, FaultKind::Latency { ms: 20 });
        assert_eq!(FaultSpec::parse("gettoken:wrong-type").unwrap().kind, FaultKind::WrongType);
        for bad in [
            "x:drop",
            "callResults:status",
            "callResults:status=200",
            "*:drop=1",
            "*:boom",
            "*:drop,every=0",
            "*:drop,every=2,p=0.1",
            "*:drop,probability=2",
            "*:drop,probability=NaN",
            "*:drop,p=nan",
            "*:drop,p=-0.5",
            "*:drop,retryAfter=1",
            "*:drop,every",
        ] {
            assert!(FaultSpec::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_round_trip() {
        let v = json!([{"endpoint": "callRecords", "kind": "latency", "ms": 30}, "transferRecords:truncate,count=1"]);
        let list = parse_list(&v).unwrap();
        assert_eq!(list.len(), 2);
        let back = parse_list(&Value::Array(list.iter().map(FaultSpec::to_json).collect())).unwrap();
        assert_eq!(back, list);
        assert!(parse_list(&json!([{"kind": "drop", "bogus": 1}])).is_err());
    }

    #[test]
    fn every_count_and_probability_are_deterministic() {
        let f = Faults::new(1, vec![FaultSpec::parse("callResults:status=500,every=3,count=2").unwrap()]);
        let fired: Vec<bool> = (0..12).map(|_| f.plan(ApiEndpoint::CallResults).action.is_some()).collect();
        assert_eq!(fired, [false, false, true, false, false, true, false, false, false, false, false, false]);
        assert!(f.plan(ApiEndpoint::CallRecords).action.is_none());

        let run = || {
            let f = Faults::new(1, vec![FaultSpec::parse("*:drop,probability=0.3,seed=5").unwrap()]);
            (0..200).map(|_| f.plan(ApiEndpoint::Gettoken).action.is_some()).collect::<Vec<_>>()
        };
        let a = run();
        assert_eq!(a, run());
        let n = a.iter().filter(|x| **x).count();
        assert!((30..90).contains(&n), "{n}");
    }

    #[test]
    fn latency_adds_and_first_action_wins() {
        let f = Faults::new(
            1,
            vec![
                FaultSpec::parse("*:latency=10").unwrap(),
                FaultSpec::parse("*:latency=5").unwrap(),
                FaultSpec::parse("*:malformed").unwrap(),
                FaultSpec::parse("*:drop").unwrap(),
            ],
        );
        let p = f.plan(ApiEndpoint::CallResults);
        assert_eq!(p.latency_ms, 15);
        assert_eq!(p.action, Some(FaultKind::Malformed));
        assert_eq!(p.injected, vec![0, 0, 4]);
    }
}
