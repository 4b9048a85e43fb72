//! The images an import brings: Folio's own `media/` folder, and every
//! local image a body shows, each checked by decoding it (as an upload is)
//! before anything is written. A body's links to them are rewritten to the
//! `/media/…` address they will have, which is known before storing: it is
//! named by its content.

use std::path::{Path, PathBuf};

use super::images::{local_images, rewrite};
use super::read::Incoming;
use crate::domain::MEDIA_PREFIX;
use crate::markdown::ImageSizes;
use crate::server::db::write::Tx;
use crate::server::media::{self, Inspected};
use crate::server::portable::{PortableError, Problem, MEDIA_DIR};

/// Images to store, each once, with the sizes the renderer writes on them.
#[derive(Default)]
pub struct MediaSet {
    files: Vec<MediaFile>,
    pub sizes: ImageSizes,
}

struct MediaFile {
    bytes: Vec<u8>,
    inspected: Inspected,
    filename: String,
}

impl MediaSet {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Every image in Folio's `media/` folder; a file that is not an image
    /// Folio can use is a problem, as it would be as an upload.
    pub fn read_folder(&mut self, folder: &Path, max_bytes: u64) -> Result<(), Vec<Problem>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
            .map_err(|e| vec![Problem::new(MEDIA_DIR, None, e.to_string())])?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        let mut problems = Vec::new();
        for path in paths {
            let filename = path.file_name().unwrap_or_default().to_string_lossy();
            let shown = format!("{MEDIA_DIR}/{filename}");
            if let Err(reason) = self.add(&path, max_bytes) {
                problems.push(Problem::new(&shown, None, reason));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Reads and checks one image file; its address, or why not.
    fn add(&mut self, path: &Path, max_bytes: u64) -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("it cannot be read: {e}"))?;
        let inspected = media::inspect(&bytes, max_bytes).map_err(|e| e.to_string())?;
        let name = inspected.name();
        if !self.files.iter().any(|f| f.inspected.name() == name) {
            self.sizes
                .insert(name.clone(), (inspected.width, inspected.height));
            let filename = path.file_name().unwrap_or_default().to_string_lossy();
            self.files.push(MediaFile {
                bytes,
                filename: media::clean_filename(&filename),
                inspected,
            });
        }
        Ok(format!("{MEDIA_PREFIX}{name}"))
    }

    /// Takes in the local images `incoming`'s body shows and points the
    /// body at their `/media/…` addresses. `root` is the imported folder:
    /// an image outside it is not read.
    pub fn localise(
        &mut self,
        incoming: &mut Incoming,
        source: &Path,
        root: &Path,
        site_static: Option<&Path>,
        max_bytes: u64,
    ) -> Result<(), Vec<Problem>> {
        let folder = source.parent().unwrap_or(root);
        let body = &incoming.doc.body_md;
        let mut problems = Vec::new();
        let mut replacements = Vec::new();
        for image in local_images(body, folder, site_static) {
            let line = incoming.body_line + body[..image.range.start].matches('\n').count();
            let inside = image
                .path
                .canonicalize()
                .ok()
                .zip(root.canonicalize().ok())
                .is_some_and(|(path, root)| path.starts_with(root));
            let added = if !image.path.is_file() {
                Err("there is no such file".to_owned())
            } else if !inside {
                Err("it is outside the folder being imported".to_owned())
            } else {
                self.add(&image.path, max_bytes)
            };
            match added {
                Ok(url) => replacements.push((image.range, url)),
                Err(reason) => problems.push(Problem::new(
                    &incoming.file,
                    Some(line),
                    format!("image `{}`: {reason}", image.dest),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if !replacements.is_empty() {
            incoming.doc.body_md = rewrite(body, &replacements);
        }
        Ok(())
    }

    /// Stores every image inside the import's transaction (an image
    /// already there is left as it is).
    pub async fn store(&self, tx: &mut Tx<'_>, now: &str) -> Result<(), PortableError> {
        for file in &self.files {
            media::store(tx, &file.bytes, &file.inspected, &file.filename, now).await?;
        }
        Ok(())
    }
}
