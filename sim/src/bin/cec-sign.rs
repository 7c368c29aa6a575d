//! `cec-sign`: prints an auth-v2 `Authorization` header value for curl.
//!
//! cargo run -q -p cec-sim --bin cec-sign -- [--ak AK --sk SK] [--millis]
//!     [--signed-headers host|content-length;content-type;host] [--content-type CT] METHOD URL [BODY]

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use cec_calldata::auth::{format_timestamp, sign_auth_v2, SignInput, TimestampPrecision};
use cec_sim::config::demo;

const USAGE: &str = "usage: cec-sign [--ak AK] [--sk SK] [--millis] [--timestamp TS] \
[--signed-headers host|content-length;content-type;host] [--content-type CT] METHOD URL [BODY]
Prints the auth-v2 Authorization header value (AUTH.md) for the exact BODY you will send.
Defaults: the demo key pair, whole-second timestamp now, signed headers `host`,
content type `application/json; charset=UTF-8`.";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(h) => {
            println!("{h}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cec-sign: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut ak = demo::ISALES_AK.to_string();
    let mut sk = demo::ISALES_SK.to_string();
    let mut precision = TimestampPrecision::Seconds;
    let mut timestamp: Option<String> = None;
    let mut signed = "host".to_string();
    let mut content_type = "application/json; charset=UTF-8".to_string();
    let mut positional = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--ak" => ak = val("--ak")?,
            "--sk" => sk = val("--sk")?,
            "--millis" => precision = TimestampPrecision::Millis,
            "--timestamp" => timestamp = Some(val("--timestamp")?),
            "--signed-headers" => signed = val("--signed-headers")?,
            "--content-type" => content_type = val("--content-type")?,
            "-h" | "--help" => return Err("help".into()),
            _ => positional.push(a),
        }
    }
    let (method, url, body) = match positional.as_slice() {
        [m, u] => (m.clone(), u.clone(), None),
        [m, u, b] => (
            m.clone(),
            u.clone(),
            Some(b.clone()).filter(|b| !b.is_empty()),
        ),
        _ => return Err("expected METHOD URL [BODY]".into()),
    };
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .ok_or("URL must start with http:// or https://")?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let timestamp = match timestamp {
        Some(t) => t,
        None => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_err(|e| e.to_string())?
                .as_millis() as i64;
            format_timestamp(now, precision).ok_or("cannot format the current time")?
        }
    };
    let len = body.as_ref().map_or(0, |b| b.len()).to_string();
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for name in signed.split(';') {
        match name {
            "host" => headers.push(("host", host)),
            "content-length" => headers.push(("content-length", &len)),
            "content-type" => headers.push(("content-type", &content_type)),
            other => {
                return Err(format!(
                    "cannot sign header {other} (host, content-length, content-type)"
                ))
            }
        }
    }
    Ok(sign_auth_v2(&SignInput {
        access_key: &ak,
        secret_key: &sk,
        method: &method.to_ascii_uppercase(),
        path,
        query: &[],
        headers: &headers,
        body: body.as_deref(),
        timestamp: &timestamp,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_auth_md_vector_1() {
        let args = [
            "--ak",
            "globalaktest",
            "--sk",
            "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
            "--timestamp",
            "2024-01-01T00:00:00Z",
            "POST",
            "https://10.22.26.181:28080/rest/cmsapp/v1/ping",
            r#"{"say": "Hello world!"}"#,
        ];
        assert_eq!(
            run(args.iter().map(|s| s.to_string()).collect()).unwrap(),
            "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf"
        );
    }
}
