//! auth-v2 signing profiles. AUTH.md leaves three points of the canonical request uncertain (the
//! empty query line, the timestamp precision, the signed headers), so they are data here: the two
//! documented readings A and B, or a custom mix. A profile signs only the headers a request really
//! carries (`fetch` sends no Content-Length on a bodiless GET; a browser sets Host itself).

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::auth::{self, SignInput, TimestampPrecision};
use crate::says::{say, Msg};
use crate::shape::{field_names, Given};
use crate::sign_auth_v2::SigningProfileOptions;
use crate::{Issue, Locale, Rule};

/// What the canonical request holds in place of the query line when there are no parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryLine {
    /// An empty line (reading A).
    Keep,
    /// No line at all (reading B).
    Omit,
}

/// A header auth-v2 can sign: its value is known before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SignableHeader {
    ContentLength,
    ContentType,
    Host,
}

/// Wire names of the signable headers, in the canonical (sorted) order.
pub const SIGNABLE_HEADERS: [(SignableHeader, &str); 3] = [
    (SignableHeader::ContentLength, "content-length"),
    (SignableHeader::ContentType, "content-type"),
    (SignableHeader::Host, "host"),
];

impl SignableHeader {
    pub fn name(self) -> &'static str {
        SIGNABLE_HEADERS.iter().find(|(h, _)| *h == self).map_or("host", |(_, n)| n)
    }
    pub fn parse(name: &str) -> Option<SignableHeader> {
        let lower = name.trim().to_ascii_lowercase();
        SIGNABLE_HEADERS.iter().find(|(_, n)| *n == lower).map(|(h, _)| *h)
    }
}

/// One layout of the canonical request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningProfile {
    /// `"A"`, `"B"` or `"custom"` (what hook events and `checkConnection` report).
    pub name: &'static str,
    pub query_line: QueryLine,
    pub timestamp: TimestampPrecision,
    /// The headers to sign when the request carries them, sorted, no duplicates.
    pub signed_headers: Vec<SignableHeader>,
}

/// The documented readings (AUTH.md's table): name, query line, timestamp, signed headers.
const NAMED: [(&str, QueryLine, TimestampPrecision, &[SignableHeader]); 2] = [
    (
        "A",
        QueryLine::Keep,
        TimestampPrecision::Millis,
        &[SignableHeader::ContentLength, SignableHeader::ContentType, SignableHeader::Host],
    ),
    ("B", QueryLine::Omit, TimestampPrecision::Seconds, &[SignableHeader::Host]),
];

/// The order `"auto"` tries the readings in: A has the better evidence (AUTH.md).
pub const AUTO_ORDER: [&str; 2] = ["A", "B"];

impl SigningProfile {
    /// Reading `"A"` or `"B"`.
    pub fn named(name: &str) -> Option<SigningProfile> {
        NAMED.iter().find(|(n, ..)| *n == name).map(|(n, q, t, h)| SigningProfile {
            name: n,
            query_line: *q,
            timestamp: *t,
            signed_headers: h.to_vec(),
        })
    }

    pub fn a() -> SigningProfile {
        Self::named("A").unwrap_or_else(|| SigningProfile {
            name: "A",
            query_line: QueryLine::Keep,
            timestamp: TimestampPrecision::Millis,
            signed_headers: vec![
                SignableHeader::ContentLength,
                SignableHeader::ContentType,
                SignableHeader::Host,
            ],
        })
    }

    /// The name of the named reading with exactly these settings, else `"custom"`.
    fn renamed(mut self) -> SigningProfile {
        self.name = "custom";
        for (n, ..) in NAMED {
            if let Some(p) = Self::named(n) {
                if p.query_line == self.query_line
                    && p.timestamp == self.timestamp
                    && p.signed_headers == self.signed_headers
                {
                    self.name = p.name;
                }
            }
        }
        self
    }

    /// The signed headers this request carries, with the values that go on the wire.
    pub fn headers_on_wire(&self, wire: &Wire<'_>) -> Vec<(&'static str, String)> {
        self.signed_headers
            .iter()
            .filter_map(|h| {
                let value = match h {
                    SignableHeader::Host => Some(wire.host.to_owned()),
                    SignableHeader::ContentType => wire.content_type.map(str::to_owned),
                    // fetch sends the body's UTF-8 byte length for a string body, nothing without.
                    SignableHeader::ContentLength => wire.body.map(|b| b.len().to_string()),
                }?;
                Some((h.name(), value))
            })
            .collect()
    }

    /// The timestamp of an instant in this profile's precision.
    pub fn timestamp_at(&self, epoch_ms: i64) -> Option<String> {
        auth::format_timestamp(epoch_ms, self.timestamp)
    }

    /// The `Authorization` value for this request, at `timestamp`.
    pub fn sign(&self, key: &Credentials<'_>, req: &Wire<'_>, timestamp: &str) -> String {
        let headers = self.headers_on_wire(req);
        let pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        auth::sign_auth_v2(&SignInput {
            access_key: key.access_key,
            secret_key: key.secret_key,
            method: req.method,
            path: req.path,
            query: req.query,
            empty_query_line: self.query_line == QueryLine::Keep,
            headers: &pairs,
            body: req.body,
            timestamp,
        })
    }
}

/// An AK/SK pair for one signature. `Debug` is not derived: it holds the SK.
pub struct Credentials<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
}

/// What one request puts on the wire, as far as auth-v2 is concerned.
#[derive(Debug, Clone, Copy)]
pub struct Wire<'a> {
    pub method: &'a str,
    /// The raw path as sent, without the query string.
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    /// `host[:port]` of the URL (what fetch sends as Host).
    pub host: &'a str,
    /// The Content-Type header, when the request has one.
    pub content_type: Option<&'a str>,
    /// The exact body text, when there is one.
    pub body: Option<&'a str>,
}

/// How a client signs CC-iSales requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningMode {
    /// Start with reading A; on the first 401 try the others, pin the first that passes.
    Auto,
    /// Always this profile, never probing.
    Fixed(SigningProfile),
}

fn issue(field: &str, rule: Rule, locale: Locale, msg: Msg, values: &[(&str, &str)]) -> Issue {
    let mut all = vec![("field", field)];
    all.extend_from_slice(values);
    Issue { field: field.to_owned(), rule, code: None, message: say(msg, locale, &all) }
}

/// Parses `"auto" | "A" | "B" | { profile?, queryLine?, timestamp?, signedHeaders? }` at `field`
/// (absent = `default`). `allow_auto` is false where there is no server to probe (`signAuthV2`).
pub fn parse_signing(
    value: Option<&Value>,
    field: &str,
    allow_auto: bool,
    locale: Locale,
) -> Result<SigningMode, Vec<Issue>> {
    let names = if allow_auto { "\"auto\", \"A\", \"B\"" } else { "\"A\", \"B\"" };
    let bad_name =
        || vec![issue(field, Rule::AllowedValues, locale, Msg::SigningOption, &[("names", names)])];
    match value {
        None | Some(Value::Null) if allow_auto => Ok(SigningMode::Auto),
        None | Some(Value::Null) => Ok(SigningMode::Fixed(SigningProfile::a())),
        Some(Value::String(s)) if s == "auto" && allow_auto => Ok(SigningMode::Auto),
        Some(Value::String(s)) => SigningProfile::named(s).map(SigningMode::Fixed).ok_or_else(bad_name),
        Some(Value::Object(o)) => parse_custom(o, field, locale).map(SigningMode::Fixed),
        Some(_) => Err(bad_name()),
    }
}

fn parse_custom(o: &Map<String, Value>, field: &str, locale: Locale) -> Result<SigningProfile, Vec<Issue>> {
    let mut issues = Vec::new();
    // The keys of the custom-profile object are the fields of its exported type.
    let keys = field_names::<SigningProfileOptions>();
    for k in o.keys().filter(|k| !keys.contains(&k.as_str())) {
        let f = format!("{field}.{k}");
        let known = keys.join(", ");
        issues.push(issue(&f, Rule::AllowedValues, locale, Msg::UnknownOption, &[("list", &known)]));
    }
    let options = SigningProfileOptions::deserialize(Value::Object(o.clone())).unwrap_or_default();
    let mut choose = |key: &str, given: &Given<String>, allowed: &[&str]| -> Option<String> {
        match given {
            Given::Missing | Given::Null => None,
            Given::Valid(s) if allowed.contains(&s.as_str()) => Some(s.clone()),
            _ => {
                let f = format!("{field}.{key}");
                let list = allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
                issues.push(issue(&f, Rule::AllowedValues, locale, Msg::OneOf, &[("list", &list)]));
                None
            }
        }
    };
    let base = choose("profile", &options.profile, &["A", "B"])
        .and_then(|n| SigningProfile::named(&n))
        .unwrap_or_else(SigningProfile::a);
    let query_line = match choose("queryLine", &options.query_line, &["keep", "omit"]).as_deref() {
        Some("keep") => QueryLine::Keep,
        Some(_) => QueryLine::Omit,
        None => base.query_line,
    };
    let timestamp = match choose("timestamp", &options.timestamp, &["millis", "seconds"]).as_deref() {
        Some("millis") => TimestampPrecision::Millis,
        Some(_) => TimestampPrecision::Seconds,
        None => base.timestamp,
    };
    let signed_headers = match &options.signed_headers {
        Given::Missing | Given::Null => base.signed_headers.clone(),
        Given::Valid(items) => {
            let mut hs = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item.as_str().and_then(SignableHeader::parse) {
                    Some(h) => hs.push(h),
                    None => {
                        let f = format!("{field}.signedHeaders[{i}]");
                        let allowed = SIGNABLE_HEADERS.map(|(_, n)| n).join(", ");
                        issues.push(issue(
                            &f,
                            Rule::AllowedValues,
                            locale,
                            Msg::OneOf,
                            &[("list", &allowed)],
                        ));
                    }
                }
            }
            if items.is_empty() {
                let f = format!("{field}.signedHeaders");
                issues.push(issue(&f, Rule::Required, locale, Msg::SignedHeadersEmpty, &[]));
            }
            hs.sort();
            hs.dedup();
            hs
        }
        Given::Invalid => {
            let f = format!("{field}.signedHeaders");
            issues.push(issue(&f, Rule::Type, locale, Msg::SignedHeadersArray, &[]));
            Vec::new()
        }
    };
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(SigningProfile { name: "custom", query_line, timestamp, signed_headers }.renamed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const KEY: Credentials<'static> =
        Credentials { access_key: "globalaktest", secret_key: "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p" };
    const HOST: &str = "10.22.26.181:28080";
    const CT: &str = "application/json; charset=UTF-8";
    const PING: &str = r#"{"say": "Hello world!"}"#;
    const DETAIL: &str = "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428";
    const INSTANT: i64 = 1_704_067_200_000;

    fn wire<'a>(method: &'a str, path: &'a str, body: Option<&'a str>) -> Wire<'a> {
        Wire { method, path, query: &[], host: HOST, content_type: Some(CT), body }
    }

    fn sign(name: &str, w: &Wire<'_>) -> String {
        let p = SigningProfile::named(name).unwrap();
        p.sign(&KEY, w, &p.timestamp_at(INSTANT).unwrap())
    }

    #[test]
    fn all_four_auth_md_vectors() {
        assert_eq!(
            sign("A", &wire("POST", "/rest/cmsapp/v1/ping", Some(PING))),
            "auth-v2/globalaktest/2024-01-01T00:00:00.000Z/content-length;content-type;host/7e5c8f3e3f8fd40367b1e2c9046219d45ac0727c3b98fbd66a7231c96176295a"
        );
        assert_eq!(
            sign("A", &wire("GET", DETAIL, None)),
            "auth-v2/globalaktest/2024-01-01T00:00:00.000Z/content-type;host/aad6f047acf6d2319b00d256567063d80a06e77d399b9822faaf900db8b774ff"
        );
        assert_eq!(
            sign("B", &wire("POST", "/rest/cmsapp/v1/ping", Some(PING))),
            "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf"
        );
        assert_eq!(
            sign("B", &wire("GET", DETAIL, None)),
            "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576"
        );
    }

    #[test]
    fn canonical_request_of_vector_a_post() {
        let p = SigningProfile::a();
        let w = wire("POST", "/rest/cmsapp/v1/ping", Some(PING));
        let headers = p.headers_on_wire(&w);
        let pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let c = auth::canonical_request(&SignInput {
            access_key: "x",
            secret_key: "y",
            method: "POST",
            path: w.path,
            query: &[],
            empty_query_line: true,
            headers: &pairs,
            body: w.body,
            timestamp: "t",
        });
        assert_eq!(c, "POST\n/rest/cmsapp/v1/ping\n\ncontent-length;content-type;host\ncontent-length:23\ncontent-type:application%2Fjson%3B%20charset%3DUTF-8\nhost:10.22.26.181%3A28080\n%7B%22say%22%3A%20%22Hello%20world%21%22%7D");
    }

    #[test]
    fn only_headers_on_the_wire_are_signed() {
        let p = SigningProfile::a();
        let names = |w: &Wire<'_>| p.headers_on_wire(w).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names(&wire("GET", "/x", None)), ["content-type", "host"]);
        let no_ct = Wire { content_type: None, ..wire("GET", "/x", None) };
        assert_eq!(names(&no_ct), ["host"]);
        let v = p.headers_on_wire(&wire("POST", "/x", Some("{\"a\":\"é\"}")));
        assert_eq!(v[0], ("content-length", "10".to_owned()));
    }

    #[test]
    fn query_parameters_are_signed_in_both_readings() {
        let q = [("pageSize", "10"), ("pageNum", "1")];
        let w =
            Wire { query: &q, ..wire("GET", "/rest/isales/v1/openapi/campaigns/1/queryOBSResultCode", None) };
        let a = sign("A", &w);
        let b = sign("B", &w);
        assert_ne!(a, sign("A", &Wire { query: &[("pageSize", "10"), ("pageNum", "2")], ..w }));
        assert_ne!(b, sign("B", &Wire { query: &[], ..w }));
        // The order parameters come in does not matter: the line is sorted.
        assert_eq!(b, sign("B", &Wire { query: &[("pageNum", "1"), ("pageSize", "10")], ..w }));
    }

    #[test]
    fn parse_named_auto_and_custom() {
        let p = |v: Value| parse_signing(Some(&v), "isales.signing", true, Locale::EnUs);
        assert_eq!(parse_signing(None, "isales.signing", true, Locale::EnUs), Ok(SigningMode::Auto));
        assert_eq!(
            parse_signing(None, "signing", false, Locale::EnUs),
            Ok(SigningMode::Fixed(SigningProfile::a()))
        );
        assert_eq!(p(json!("B")), Ok(SigningMode::Fixed(SigningProfile::named("B").unwrap())));
        let c = p(json!({ "profile": "B", "timestamp": "millis" })).unwrap();
        let SigningMode::Fixed(c) = c else { panic!() };
        assert_eq!(
            (c.name, c.timestamp, c.query_line),
            ("custom", TimestampPrecision::Millis, QueryLine::Omit)
        );
        let same_as_b =
            p(json!({ "queryLine": "omit", "timestamp": "seconds", "signedHeaders": ["Host"] })).unwrap();
        assert_eq!(same_as_b, SigningMode::Fixed(SigningProfile::named("B").unwrap()));
        assert!(parse_signing(Some(&json!("auto")), "signing", false, Locale::EnUs).is_err());
        let err = p(json!({ "profile": "C", "queryLine": 1, "signedHeaders": ["x-date"], "extra": true }))
            .unwrap_err();
        let fields: Vec<&str> = err.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "isales.signing.extra",
                "isales.signing.profile",
                "isales.signing.queryLine",
                "isales.signing.signedHeaders[0]"
            ]
        );
        let zh = parse_signing(Some(&json!(3)), "signing", true, Locale::ZhCn).unwrap_err();
        assert!(zh[0].message.contains("必须"));
    }
}
