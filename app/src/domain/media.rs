//! Images the author uploads: how they are named and addressed, and what
//! the editor and the media library exchange with the server.

use serde::{Deserialize, Serialize};

/// Where every uploaded image is served.
pub const MEDIA_PREFIX: &str = "/media/";

/// The image types Folio accepts, by the extension their names carry.
pub const MEDIA_EXTENSIONS: [&str; 5] = ["png", "jpg", "gif", "webp", "avif"];

/// Hex digits of the SHA-256 kept in a name: 128 bits, no collisions.
pub const HASH_DIGITS: usize = 32;

/// True for `<32 lowercase hex digits>.<known extension>` and nothing else,
/// so a request for `/media/…` can never name a path or an odd file.
pub fn is_media_name(name: &str) -> bool {
    let Some((hash, ext)) = name.split_once('.') else {
        return false;
    };
    hash.len() == HASH_DIGITS
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && MEDIA_EXTENSIONS.contains(&ext)
}

/// The media names a markdown text points at (`/media/<name>`), each once,
/// in the order they first appear.
pub fn media_names_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(MEDIA_PREFIX) {
        let after = &rest[at + MEDIA_PREFIX.len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(after.len());
        let candidate = after[..end].trim_end_matches('.');
        if is_media_name(candidate) && !found.iter().any(|f| f == candidate) {
            found.push(candidate.to_owned());
        }
        rest = &after[end..];
    }
    found
}

/// The markdown that shows an image. Brackets and backslashes in the alt
/// text are escaped so it cannot close the image early.
pub fn image_markdown(alt: &str, url: &str) -> String {
    let mut escaped = String::with_capacity(alt.len());
    for c in alt.chars() {
        match c {
            '\\' | '[' | ']' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    format!("![{}]({url})", escaped.trim())
}

/// An upload as the editor sends it: the file's bytes in base64 (server
/// functions speak JSON here) and the name it had on the author's disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UploadRequest {
    pub filename: String,
    pub data_base64: String,
}

/// A stored image, as the editor inserts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaRef {
    pub name: String,
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// One place an image is used, with where to edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaUse {
    /// "Article", "Note", "Summary" or "Profile".
    pub kind: String,
    pub title: String,
    pub edit_href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaItem {
    pub name: String,
    pub url: String,
    /// The name it had when it was uploaded, for the author's eyes only.
    pub filename: String,
    pub content_type: String,
    pub width: u32,
    pub height: u32,
    pub size: u64,
    pub created_at: String,
    pub uses: Vec<MediaUse>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaList {
    pub items: Vec<MediaItem>,
    /// The largest upload the server accepts, in bytes.
    pub max_bytes: u64,
}

/// "2.4 MB", "310 KB", "900 bytes".
pub fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = "0123456789abcdef0123456789abcdef.png";

    #[test]
    fn only_hash_and_known_extension_is_a_name() {
        assert!(is_media_name(NAME));
        for bad in [
            "0123456789abcdef0123456789abcdef.svg",
            "0123456789ABCDEF0123456789abcdef.png",
            "0123456789abcdef0123456789abcde.png",
            "../0123456789abcdef0123456789abcdef.png",
            "0123456789abcdef0123456789abcdef.png/x",
            "0123456789abcdef0123456789abcdef.png.png",
            "0123456789abcdef0123456789abcdef",
            "",
        ] {
            assert!(!is_media_name(bad), "{bad}");
        }
    }

    #[test]
    fn finds_each_used_name_once() {
        let text = format!(
            "![a](/media/{NAME}) and ![b](/media/{NAME} \"t\").\n<img src=\"/media/{NAME}\"> /media/nothing.png /media/{}",
            NAME.replace(".png", ".gif.")
        );
        assert_eq!(
            media_names_in(&text),
            vec![NAME.to_owned(), NAME.replace(".png", ".gif")]
        );
    }

    #[test]
    fn alt_text_cannot_break_out_of_the_image() {
        assert_eq!(
            image_markdown("a [b] \\ c\nd", "/media/x.png"),
            "![a \\[b\\] \\\\ c d](/media/x.png)"
        );
    }

    #[test]
    fn sizes_read_like_a_person_wrote_them() {
        assert_eq!(human_size(900), "900 bytes");
        assert_eq!(human_size(310 * 1024), "310 KB");
        assert_eq!(human_size(10 * 1024 * 1024), "10.0 MB");
    }
}
