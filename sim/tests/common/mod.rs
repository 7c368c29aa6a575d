//! Shared helpers of the integration tests: start a simulator on an ephemeral port, sign
//! requests with the client library's signer (the simulator verifies with its own reading of
//! AUTH.md, so every signed request is a cross-check), and talk JSON.
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use cec_calldata::signing::{Credentials, SigningProfile, Wire};
use cec_sim::config::demo;
use cec_sim::data::GenParams;
use cec_sim::{Config, Dataset, SimHandle};
use reqwest::StatusCode;
use serde_json::{json, Value};

pub const TEST_CALLS: usize = 20_000;

/// One dataset per test binary (generation is deterministic, so sharing changes nothing).
pub fn dataset() -> Arc<Dataset> {
    static DS: OnceLock<Arc<Dataset>> = OnceLock::new();
    DS.get_or_init(|| {
        let c = Config::for_tests(TEST_CALLS);
        Arc::new(Dataset::generate(GenParams {
            seed: c.seed,
            calls: c.calls,
            start_date: c.start_date,
            days: c.days,
        }))
    })
    .clone()
}

pub struct Sim {
    pub base: String,
    pub host: String,
    pub handle: SimHandle,
    pub http: reqwest::Client,
}

pub async fn start() -> Sim {
    start_with(Config::for_tests(TEST_CALLS)).await
}

pub async fn start_with(cfg: Config) -> Sim {
    let (addr, handle) = cec_sim::serve_with_dataset(cfg, dataset()).await.expect("start simulator");
    Sim { base: format!("http://{addr}"), host: addr.to_string(), handle, http: reqwest::Client::new() }
}

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

pub const CT: &str = "application/json; charset=UTF-8";

/// An auth-v2 header in the client's profile `profile` ("A", "B") for a request as sent.
pub fn sign_as(profile: &str, key: (&str, &str), wire: &Wire<'_>, at_ms: i64) -> String {
    let p = SigningProfile::named(profile).unwrap();
    let key = Credentials { access_key: key.0, secret_key: key.1 };
    p.sign(&key, wire, &p.timestamp_at(at_ms).unwrap())
}

/// The demo key in profile A (the simulator's default) for the helpers' requests: POSTs carry
/// `Content-Type` and a body, GETs neither.
pub fn sign(host: &str, method: &str, path: &str, body: Option<&str>, at_ms: i64) -> String {
    let wire = Wire { method, path, query: &[], host, content_type: body.map(|_| CT), body };
    sign_as("A", (demo::ISALES_AK, demo::ISALES_SK), &wire, at_ms)
}

/// The demo key in profile A for a GET with query parameters (raw values; queryOBSResultCode's
/// `pageSize`/`pageNum`): AUTH.md signs them, sorted and normalised, on the query line.
pub fn sign_get_query(host: &str, path: &str, query: &[(&str, &str)], at_ms: i64) -> String {
    let wire = Wire { method: "GET", path, query, host, content_type: None, body: None };
    sign_as("A", (demo::ISALES_AK, demo::ISALES_SK), &wire, at_ms)
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

async fn finish(r: reqwest::RequestBuilder) -> Resp {
    let r = r.send().await.expect("request");
    let status = r.status();
    let headers = r.headers().clone();
    let text = r.text().await.expect("body");
    Resp { status, headers, text }
}

impl Sim {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Signed POST to an iSales path with this exact body string.
    pub async fn isales_post(&self, path: &str, body: &str) -> Resp {
        let auth = sign(&self.host, "POST", path, Some(body), now_ms());
        self.isales_post_with_auth(path, body, &auth).await
    }

    pub async fn isales_post_with_auth(&self, path: &str, body: &str, auth: &str) -> Resp {
        let mut b = self.http.post(self.url(path)).header("Authorization", auth).header("Content-Type", CT);
        // fetch sends `Content-Length: 0` for an empty body; hyper would leave it out.
        if body.is_empty() {
            b = b.header("Content-Length", "0");
        }
        finish(b.body(body.to_string())).await
    }

    pub async fn isales_get(&self, path: &str) -> Resp {
        let auth = sign(&self.host, "GET", path, None, now_ms());
        finish(self.http.get(self.url(path)).header("Authorization", auth)).await
    }

    /// callresult with a JSON body; returns the parsed envelope.
    pub async fn call_results(&self, vdn: &str, campaign: &str, body: Value) -> Value {
        let r = self
            .isales_post(
                &format!("/rest/isales/v1/openapi/campaigns/{vdn}/callresult/{campaign}"),
                &body.to_string(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json()
    }

    pub async fn get(&self, path: &str) -> Resp {
        finish(self.http.get(self.url(path))).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Resp {
        finish(self.http.post(self.url(path)).json(body)).await
    }

    pub async fn post_raw(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Resp {
        let mut b =
            self.http.post(self.url(path)).body(body.to_string()).header("Content-Type", "application/json");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        finish(b).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        finish(self.http.delete(self.url(path))).await
    }

    pub async fn options(&self, path: &str) -> Resp {
        finish(
            self.http
                .request(reqwest::Method::OPTIONS, self.url(path))
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization"),
        )
        .await
    }

    pub async fn stats(&self) -> Value {
        self.get("/__sim/stats").await.json()
    }

    /// An API Fabric Bearer token for the demo app.
    pub async fn fabric_token(&self, expire_header: Option<&str>) -> Value {
        let mut b = self
            .http
            .post(self.url("/apigovernance/api/oauth/tokenByAkSk"))
            .json(&json!({"app_key": demo::APP_KEY, "app_secret": demo::APP_SECRET}));
        if let Some(e) = expire_header {
            b = b.header("X-Token-Expire", e);
        }
        let r = finish(b).await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json()
    }

    pub async fn cdr(&self, token: &str, body: &Value) -> Resp {
        finish(
            self.http
                .post(self.url("/apiaccess/rest/dataprocess/v1/openapp/queryCallManualDetailInfo"))
                .header("Authorization", format!("Bearer {token}"))
                .header("X-APP-Key", demo::APP_KEY)
                .json(body),
        )
        .await
    }

    pub async fn oifde_token(&self) -> String {
        let r = self
            .post_json(
                "/oifde/rest/api/gettoken",
                &json!({"appKey": demo::OIFDE_TENANT, "appSecret": demo::OIFDE_SECRET}),
            )
            .await;
        let v = r.json();
        assert_eq!(v["errorCode"], 0, "{v}");
        v["authToken"].as_str().unwrap().to_string()
    }

    pub async fn transfers(&self, token: &str, mut body: Value) -> Value {
        body["tenantId"] = json!(demo::OIFDE_TENANT);
        body["authToken"] = json!(token);
        let r = self.post_json("/oifde/rest/api/queryTransferRecordHistory", &body).await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json()
    }

    pub async fn shutdown(self) {
        self.handle.shutdown().await;
    }
}

/// The VDN of the dataset's call `idx`.
pub fn vdn_of(sim: &Sim, idx: usize) -> u32 {
    let ds = sim.handle.dataset();
    ds.campaign_of(&ds.calls[idx]).unwrap().def.vdn
}

/// Asserts a vendor business-error envelope with this code (HTTP 200).
pub fn assert_code(r: &Resp, code: &str) {
    assert_code_status(r, 200, code);
}

/// A business-error envelope with `code` on HTTP `status` (callRecord: 500, doc 03).
pub fn assert_code_status(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    let v = r.json();
    assert_eq!(v["returnCode"], code, "{v}");
    assert_eq!(v["resultCode"], code, "{v}");
    assert!(v["returnDesc"].as_str().is_some_and(|d| !d.is_empty()), "{v}");
}
