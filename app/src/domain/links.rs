//! URLs an author types into a link field. Only web and mail addresses are
//! accepted, so a `javascript:` or `data:` URL can never become an `href`.

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("Enter an address, like https://example.com/post")]
    Empty,
    #[error("Only http://, https:// and mailto: addresses can be linked")]
    Scheme,
    #[error("This address has spaces or control characters in it")]
    Characters,
}

/// Accepts `http://host…`, `https://host…` and `mailto:…`, trimmed.
pub fn parse_link(input: &str) -> Result<String, LinkError> {
    let url = input.trim();
    if url.is_empty() {
        return Err(LinkError::Empty);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LinkError::Characters);
    }
    let lower = url.to_ascii_lowercase();
    let web = ["http://", "https://"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .map(|rest| !rest.is_empty() && !rest.starts_with('/'));
    match web {
        Some(true) => Ok(url.to_owned()),
        Some(false) => Err(LinkError::Scheme),
        None if lower.starts_with("mailto:") && url.len() > "mailto:".len() => Ok(url.to_owned()),
        None => Err(LinkError::Scheme),
    }
}

/// The `href` for a stored link, or none when it is not an address
/// `parse_link` would accept. The write paths refuse such links already;
/// this keeps a row from an import or from before the rule a dead link
/// rather than a live script.
pub fn href(url: &str) -> Option<String> {
    parse_link(url).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_addresses_pass() {
        for ok in [
            "https://example.com/a?b#c",
            "http://x.dev",
            "mailto:me@example.com",
            " HTTPS://EXAMPLE.COM ",
        ] {
            assert!(parse_link(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn scripts_and_odd_schemes_do_not() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "ftp://x",
            "https:///x",
            "vbscript:x",
            "mailto:",
        ] {
            assert_eq!(parse_link(bad), Err(LinkError::Scheme), "{bad}");
        }
        assert_eq!(parse_link("https://a b"), Err(LinkError::Characters));
        assert_eq!(parse_link("  "), Err(LinkError::Empty));
    }
}
