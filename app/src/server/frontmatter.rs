//! Markdown files with TOML front matter between `+++` lines, the form Hugo
//! and Zola read: the demo content uses it, and so will import and export.

/// Splits `+++\n<toml>\n+++\n<body>` into its two parts.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("+++")?.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body = &rest[offset + line.len()..];
            return Some((&rest[..offset], body.trim_start_matches(['\r', '\n'])));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn splits_front_matter_from_body() {
        let (front, body) = split("+++\ntitle = \"A\"\n+++\n\nHello\n+++ not a fence\n").unwrap();
        assert_eq!(front, "title = \"A\"\n");
        assert_eq!(body, "Hello\n+++ not a fence\n");
    }

    #[test]
    fn needs_both_fences() {
        assert_eq!(split("title = 1\n"), None);
        assert_eq!(split("+++\ntitle = 1\n"), None);
        let (front, body) = split("+++\r\na = 1\r\n+++\r\nbody").unwrap();
        assert_eq!((front, body), ("a = 1\r\n", "body"));
    }
}
