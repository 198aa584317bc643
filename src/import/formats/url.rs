//! Fetching a document from a URL with [`ureq`]: bounded in time, size and
//! redirects, refused when the server says it is not a document, and
//! turned to UTF-8 when the server names another charset. The result is
//! imported as whatever its content is.

use std::time::Duration;

/// Bounds on one fetch.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// For the whole exchange, connection to the last byte.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: crate::library::MAX_TEXT_BYTES,
            max_redirects: 8,
            timeout: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("cannot fetch: {0}")]
    Http(String),
    #[error("the server answered {0}")]
    Status(u16),
    #[error("more than {0} redirects")]
    Redirects(u32),
    #[error("larger than {0} MB")]
    TooLarge(u64),
    /// The whole exchange, headers to last byte, took longer than allowed
    /// (a server that stalls or trickles).
    #[error("not done within {0} seconds: the server stalled or is too slow")]
    Timeout(u64),
    #[error("the server sends `{0}`, not a document")]
    NotADocument(String),
}

/// Whether a command-line argument is a URL to fetch.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Content types that may hold a document; anything else (images, video,
/// archives) is refused before its body is read.
fn readable(mime: &str) -> bool {
    mime.is_empty()
        || mime.starts_with("text/")
        || matches!(
            mime,
            "application/pdf"
                | "application/xhtml+xml"
                | "application/octet-stream"
                | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                | "application/vnd.oasis.opendocument.text"
                | "application/msword"
        )
}

/// The body at `url`.
pub fn fetch(url: &str, limits: &Limits) -> Result<Vec<u8>, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(true)
        .user_agent(concat!("resreader/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let map = |e: ureq::Error| match e {
        ureq::Error::StatusCode(code) => FetchError::Status(code),
        ureq::Error::TooManyRedirects => FetchError::Redirects(limits.max_redirects),
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(limits.max_bytes / 1024 / 1024),
        ureq::Error::Timeout(_) => FetchError::Timeout(limits.timeout.as_secs()),
        other => FetchError::Http(other.to_string()),
    };
    let mut response = agent.get(url).call().map_err(map)?;
    let body = response.body_mut();
    let mime = body.mime_type().unwrap_or("").to_ascii_lowercase();
    if !readable(&mime) {
        return Err(FetchError::NotADocument(mime));
    }
    let charset = body.charset().map(str::to_string);
    let bytes = body
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(map)?;
    Ok(to_utf8(bytes, &mime, charset.as_deref()))
}

/// Text in a charset the server names is turned to UTF-8, with a
/// byte-order mark so the page's own `<meta charset>` does not override it.
fn to_utf8(bytes: Vec<u8>, mime: &str, charset: Option<&str>) -> Vec<u8> {
    let Some(encoding) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
    else {
        return bytes;
    };
    if !(mime.starts_with("text/") || mime == "application/xhtml+xml") {
        return bytes;
    }
    let (text, _, _) = encoding.decode(&bytes);
    let mut out = b"\xef\xbb\xbf".to_vec();
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/a.pdf") && is_url("HTTP://x"));
        assert!(!is_url("http.txt") && !is_url("./https://x") && !is_url("h"));
    }

    #[test]
    fn a_named_charset_becomes_utf8() {
        let out = to_utf8(vec![0xcf, 0xf0, 0xe8], "text/plain", Some("windows-1251"));
        assert_eq!(out, "\u{feff}При".as_bytes());
        assert_eq!(
            to_utf8(vec![1, 2], "application/pdf", Some("utf-8")),
            vec![1, 2]
        );
    }
}
