//! Base URLs of the gateways, normalised the way fetch sends them (the signed Host must be the
//! Host on the wire), and the header-value check shared by the config parsers.

use crate::says::Msg;

/// An `http(s)://host[:port][/prefix]` base URL, normalised the way the WHATWG URL parser
/// (fetch) serialises it, so the host signed by auth-v2 is the Host header actually sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `http` or `https`.
    pub scheme: String,
    /// `host[:port]` with the scheme's default port (80/443) omitted, host lower-cased.
    pub host: String,
    /// Path prefix without a trailing slash (`""` for none).
    pub prefix: String,
}

impl BaseUrl {
    /// Parses a base URL. The error is a short English reason (the caller localises the issue).
    pub fn parse(input: &str) -> Result<BaseUrl, Msg> {
        let s = input.trim();
        let (scheme, rest) = s.split_once("://").ok_or(Msg::UrlScheme)?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80u16,
            "https" => 443,
            _ => return Err(Msg::UrlScheme),
        };
        if rest.contains(['?', '#']) {
            return Err(Msg::UrlQuery);
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(Msg::UrlCredentials);
        }
        let (host, port) = split_host_port(authority)?;
        let host = host.to_ascii_lowercase();
        let host_valid = if host.starts_with('[') {
            host.len() > 2
                && host.ends_with(']')
                && host[1..host.len() - 1].bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        } else {
            !host.is_empty()
                && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
                && !host.starts_with('.')
                && !host.ends_with('.')
        };
        if !host_valid {
            return Err(Msg::UrlHostChars);
        }
        if !host.starts_with('[') && !ipv4_canonical_or_name(&host) {
            // fetch would rewrite `127.1` or `0x7f.0.0.1` to `127.0.0.1`, and the signed Host
            // would no longer be the one sent.
            return Err(Msg::UrlShortIpv4);
        }
        let host = match port {
            Some(p) if p != default_port => format!("{host}:{p}"),
            _ => host,
        };
        let prefix = path.trim_end_matches('/');
        let path_ok =
            prefix.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%!$&'()*+,;=:@".contains(&b));
        if !path_ok {
            return Err(Msg::UrlPathChars);
        }
        if prefix.split('/').any(is_dot_segment) {
            // fetch resolves `.`/`..` (also percent-encoded), so the path sent and signed differ.
            return Err(Msg::UrlDotSegments);
        }
        Ok(BaseUrl { scheme, host, prefix: prefix.to_owned() })
    }

    /// `scheme://host[:port]`.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.host)
    }

    /// The full URL of `path` (which starts with `/`), and the raw path as sent (for signing).
    pub fn join(&self, path: &str) -> (String, String) {
        let full_path = format!("{}{}", self.prefix, path);
        (format!("{}{}", self.origin(), full_path), full_path)
    }

    /// The normalised base URL text.
    pub fn as_string(&self) -> String {
        format!("{}{}", self.origin(), self.prefix)
    }
}

/// Whether `s` can be an HTTP header value as is: visible ASCII (0x21..=0x7E), non-empty.
pub fn is_header_safe(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), Msg> {
    let (host, port) = if authority.starts_with('[') {
        match authority.find(']') {
            Some(i) => {
                let (h, rest) = authority.split_at(i + 1);
                match rest.strip_prefix(':') {
                    Some(p) => (h, Some(p)),
                    None if rest.is_empty() => (h, None),
                    None => return Err(Msg::UrlHost),
                }
            }
            None => return Err(Msg::UrlHost),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(p) if p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u32>().ok().and_then(|n| u16::try_from(n).ok()).ok_or(Msg::UrlPort)?)
        }
        Some(_) => return Err(Msg::UrlPort),
    };
    Ok((host, port))
}

/// A `.` or `..` path segment as the WHATWG URL parser recognises them (`%2e` counts as `.`).
fn is_dot_segment(segment: &str) -> bool {
    let s = segment.to_ascii_lowercase().replace("%2e", ".");
    s == "." || s == ".."
}

/// Whether a host is a name, or an IPv4 address already in the form fetch serialises it. The
/// WHATWG parser reads a host whose last label is numeric (decimal, or `0x` hex) as IPv4.
fn ipv4_canonical_or_name(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let numeric = |l: &str| {
        !l.is_empty()
            && (l.bytes().all(|b| b.is_ascii_digit())
                || l.strip_prefix("0x").is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())))
    };
    if !labels.last().is_some_and(|l| numeric(l)) {
        return true;
    }
    labels.len() == 4
        && labels.iter().all(|l| {
            l.bytes().all(|b| b.is_ascii_digit())
                && (l.len() == 1 || !l.starts_with('0'))
                && l.parse::<u8>().is_ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_normalise_like_the_url_parser() {
        let u = BaseUrl::parse("https://EXAMPLE.com:443/").unwrap();
        assert_eq!((u.host.as_str(), u.prefix.as_str()), ("example.com", ""));
        let u = BaseUrl::parse("HTTP://10.22.26.181:28080/cec/").unwrap();
        assert_eq!(u.scheme, "http");
        assert_eq!(u.host, "10.22.26.181:28080");
        assert_eq!(u.join("/rest/x").0, "http://10.22.26.181:28080/cec/rest/x");
        assert_eq!(u.join("/rest/x").1, "/cec/rest/x");
        assert_eq!(BaseUrl::parse("http://h:80").unwrap().host, "h");
        assert_eq!(BaseUrl::parse("https://h:80").unwrap().host, "h:80");
        assert_eq!(BaseUrl::parse("http://h:08080").unwrap().host, "h:8080");
        assert_eq!(BaseUrl::parse("http://[::1]:9000").unwrap().host, "[::1]:9000");
        assert_eq!(BaseUrl::parse("http://127.0.0.1:").unwrap().host, "127.0.0.1");
        for bad in [
            "ftp://h",
            "h:80",
            "http://",
            "http://u:p@h",
            "http://h?x=1",
            "http://h:99999",
            "http://h:x",
            "http://hé",
            "http://h/a b",
            "http://[::1",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
