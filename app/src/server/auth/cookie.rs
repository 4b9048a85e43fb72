//! The session cookie: its name, its attributes, and reading it back.

use http::HeaderMap;

/// `__Host-` binds the cookie to this exact origin over TLS; browsers accept
/// that prefix only with `Secure` and `Path=/`, so plain-http sites (local
/// development) use the bare name.
pub fn name(secure: bool) -> &'static str {
    if secure {
        "__Host-folio_session"
    } else {
        "folio_session"
    }
}

pub fn is_secure(base_url: &str) -> bool {
    base_url.starts_with("https://")
}

/// `Set-Cookie` for a new session. HttpOnly keeps scripts away from it;
/// SameSite=Lax keeps it off cross-site posts while links from elsewhere
/// still arrive signed in.
pub fn set(token: &str, secure: bool, max_age_secs: i64) -> String {
    let mut value = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}",
        name(secure)
    );
    if secure {
        value.push_str("; Secure");
    }
    value
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear(secure: bool) -> String {
    set("", secure, 0)
}

/// The session token the request carries, if any.
pub fn read(headers: &HeaderMap, secure: bool) -> Option<String> {
    let wanted = name(secure);
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == wanted && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_sites_get_the_host_prefix_and_secure() {
        let cookie = set("abc", true, 60);
        assert!(cookie.starts_with("__Host-folio_session=abc; Path=/; HttpOnly; SameSite=Lax"));
        assert!(cookie.ends_with("; Secure"));
        assert!(!set("abc", false, 60).contains("Secure"));
    }

    #[test]
    fn reads_the_token_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            "folio-theme=dark; folio_session=tok123; x=y"
                .parse()
                .unwrap(),
        );
        assert_eq!(read(&headers, false).as_deref(), Some("tok123"));
        assert_eq!(read(&headers, true), None);
    }
}
