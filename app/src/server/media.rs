//! Uploaded images: checked by decoding their bytes (never by the name or
//! the type the browser claims), named by content hash, stored in the
//! `media` table (see the migration for why the database and not a folder).
//! PNG, JPEG, GIF and WebP are decoded in full under memory limits, so a
//! truncated file or a polyglot is refused; AVIF, which this build cannot
//! decode, must at least parse as an AVIF image with dimensions. SVG is
//! refused: it is a document that can carry scripts, not a picture.

use image::{ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use crate::domain::{MediaRef, HASH_DIGITS, MEDIA_PREFIX};
use crate::server::db::write::Tx;

/// The default largest upload, overridable in the settings.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Decoded pixels beyond this are refused (a 16k × 16k "decompression bomb").
const MAX_PIXEL_BYTES: u64 = 512 * 1024 * 1024;
const MAX_SIDE: u32 = 16_384;

/// What decoding found: the type, its dimensions and the content name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspected {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Avif,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::Gif => "gif",
            Kind::Webp => "webp",
            Kind::Avif => "avif",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
            Kind::Avif => "image/avif",
        }
    }
}

impl Inspected {
    /// `<first 32 hex digits of the SHA-256>.<extension>`.
    pub fn name(&self) -> String {
        format!("{}.{}", &self.sha256[..HASH_DIGITS], self.kind.extension())
    }
}

/// Why an upload was refused, in words for the author.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    #[error("The file is empty.")]
    Empty,
    #[error("This file is {size}; images can be at most {limit}.")]
    TooLarge { size: String, limit: String },
    #[error("SVG files are not accepted: they can carry scripts. Export the picture as PNG or WebP instead.")]
    Svg,
    #[error(
        "This file is not an image Folio can use. Upload a PNG, JPEG, GIF, WebP or AVIF image."
    )]
    NotAnImage,
    #[error("This {format} image could not be read: {reason}")]
    Broken {
        format: &'static str,
        reason: String,
    },
    #[error(
        "This image is {width} × {height} pixels; the most Folio accepts is {MAX_SIDE} on a side."
    )]
    Enormous { width: u32, height: u32 },
}

/// Checks `bytes` and says what image they are, or why they are not one.
/// CPU-bound: call it on a blocking thread for uploads.
pub fn inspect(bytes: &[u8], max_bytes: u64) -> Result<Inspected, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    if bytes.len() as u64 > max_bytes {
        return Err(MediaError::TooLarge {
            size: crate::domain::human_size(bytes.len() as u64),
            limit: crate::domain::human_size(max_bytes),
        });
    }
    if looks_like_svg(bytes) {
        return Err(MediaError::Svg);
    }
    let (kind, width, height) = match image::guess_format(bytes) {
        Ok(ImageFormat::Png) => decode(bytes, ImageFormat::Png, Kind::Png)?,
        Ok(ImageFormat::Jpeg) => decode(bytes, ImageFormat::Jpeg, Kind::Jpeg)?,
        Ok(ImageFormat::Gif) => decode(bytes, ImageFormat::Gif, Kind::Gif)?,
        Ok(ImageFormat::WebP) => decode(bytes, ImageFormat::WebP, Kind::Webp)?,
        Ok(ImageFormat::Avif) => avif(bytes)?,
        _ => return Err(MediaError::NotAnImage),
    };
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(MediaError::Enormous { width, height });
    }
    Ok(Inspected {
        kind,
        width,
        height,
        sha256: hex(&Sha256::digest(bytes)),
    })
}

fn decode(bytes: &[u8], format: ImageFormat, kind: Kind) -> Result<(Kind, u32, u32), MediaError> {
    let broken = |e: image::ImageError| MediaError::Broken {
        format: kind.extension_label(),
        reason: e.to_string(),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXEL_BYTES);
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => MediaError::Broken {
            format: kind.extension_label(),
            reason: "it is too large to open".to_owned(),
        },
        other => broken(other),
    })?;
    Ok((kind, decoded.width(), decoded.height()))
}

fn avif(bytes: &[u8]) -> Result<(Kind, u32, u32), MediaError> {
    match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Heif(imagesize::Compression::Av1)) => {}
        _ => return Err(MediaError::NotAnImage),
    }
    let size = imagesize::blob_size(bytes).map_err(|e| MediaError::Broken {
        format: "AVIF",
        reason: e.to_string(),
    })?;
    let (width, height) = (size.width as u32, size.height as u32);
    if width == 0 || height == 0 {
        return Err(MediaError::Broken {
            format: "AVIF",
            reason: "it has no picture in it".to_owned(),
        });
    }
    Ok((Kind::Avif, width, height))
}

impl Kind {
    fn extension_label(self) -> &'static str {
        match self {
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
            Kind::Gif => "GIF",
            Kind::Webp => "WebP",
            Kind::Avif => "AVIF",
        }
    }
}

/// SVG (or any XML/HTML text) at the start of the file, after a BOM and
/// whitespace.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start();
    text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg"))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Stores an inspected image inside the caller's transaction. The same
/// bytes uploaded twice are one row: the second upload changes nothing.
pub async fn store(
    tx: &mut Tx<'_>,
    bytes: &[u8],
    inspected: &Inspected,
    filename: &str,
    now: &str,
) -> Result<MediaRef, sqlx::Error> {
    let name = inspected.name();
    sqlx::query(
        "INSERT INTO media (sha256, name, filename, content_type, width, height, size, bytes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&inspected.sha256)
    .bind(&name)
    .bind(clean_filename(filename))
    .bind(inspected.kind.content_type())
    .bind(inspected.width)
    .bind(inspected.height)
    .bind(bytes.len() as i64)
    .bind(bytes)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(MediaRef {
        url: format!("{MEDIA_PREFIX}{name}"),
        name,
        width: inspected.width,
        height: inspected.height,
    })
}

/// The last part of whatever path the browser sent, without control
/// characters, at most 200 characters: shown to the author, never used as
/// a path.
pub fn clean_filename(filename: &str) -> String {
    let base = filename
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>();
    let base = base.trim();
    if base.is_empty() || base == "." || base == ".." {
        "image".to_owned()
    } else {
        base.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 80, 20]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_real_png_is_measured_and_named_by_content() {
        let bytes = png(30, 20);
        let found = inspect(&bytes, DEFAULT_MAX_BYTES).unwrap();
        assert_eq!((found.kind, found.width, found.height), (Kind::Png, 30, 20));
        assert!(
            crate::domain::is_media_name(&found.name()),
            "{}",
            found.name()
        );
        assert_eq!(
            found.name(),
            inspect(&bytes, DEFAULT_MAX_BYTES).unwrap().name()
        );
        assert_ne!(
            found.name(),
            inspect(&png(31, 20), DEFAULT_MAX_BYTES).unwrap().name()
        );
    }

    #[test]
    fn the_name_does_not_make_an_image() {
        assert_eq!(
            inspect(b"#!/bin/sh\necho not a picture\n", DEFAULT_MAX_BYTES),
            Err(MediaError::NotAnImage)
        );
        assert_eq!(inspect(b"", DEFAULT_MAX_BYTES), Err(MediaError::Empty));
    }

    #[test]
    fn a_truncated_png_is_refused_with_its_reason() {
        let bytes = png(64, 64);
        let cut = &bytes[..bytes.len() / 2];
        assert!(matches!(
            inspect(cut, DEFAULT_MAX_BYTES),
            Err(MediaError::Broken { format: "PNG", .. })
        ));
    }

    #[test]
    fn svg_is_refused_even_with_a_prolog() {
        for svg in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"[..],
            b"\xef\xbb\xbf  <?xml version=\"1.0\"?>\n<svg></svg>",
        ] {
            assert_eq!(inspect(svg, DEFAULT_MAX_BYTES), Err(MediaError::Svg));
        }
    }

    #[test]
    fn the_size_limit_names_both_sizes() {
        let bytes = png(16, 16);
        let error = inspect(&bytes, 10).unwrap_err();
        assert!(error.to_string().contains("at most 10 bytes"), "{error}");
    }

    #[test]
    fn filenames_lose_their_paths() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\photos\\cat.png"), "cat.png");
        assert_eq!(clean_filename("a\u{0}b.png"), "ab.png");
        assert_eq!(clean_filename(".."), "image");
    }
}
