//! Settings, resolved once at start: flags and environment first, then the
//! config file (Leptos.toml), then defaults. The result is one typed struct.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use app::server::config::SiteConfig;
use serde::Deserialize;

use crate::cli::{DbArgs, ServeArgs};

pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_DB: &str = "data/folio.db";

/// Leptos.toml as Folio reads it: the site's own settings and server defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(default)]
    pub site: Option<SiteConfig>,
    #[serde(default)]
    pub server: ServerSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSection {
    pub addr: Option<SocketAddr>,
    pub db: Option<PathBuf>,
    pub demo: Option<bool>,
    pub site_root: Option<PathBuf>,
    /// The largest image upload, in megabytes.
    pub max_upload_mb: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
}

/// Everything `serve` needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub demo: bool,
    pub site: SiteConfig,
    pub site_root: PathBuf,
    pub max_upload_bytes: u64,
}

/// The config file named by the flag, else ./Leptos.toml, else the one in
/// the source tree this binary was built from (so `folio` run from anywhere
/// in a checkout behaves the same); none at all is fine.
pub fn load_file(explicit: Option<&Path>) -> Result<(FileConfig, Option<PathBuf>), ConfigError> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => [
            PathBuf::from("Leptos.toml"),
            workspace_dir().join("Leptos.toml"),
        ]
        .into_iter()
        .find(|p| p.is_file()),
    };
    let Some(path) = path else {
        return Ok((FileConfig::default(), None));
    };
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
        path: path.clone(),
        source,
    })?;
    let file = toml::from_str(&text).map_err(|source| ConfigError::Parse {
        path: path.clone(),
        source,
    })?;
    Ok((file, Some(path)))
}

pub fn database_path(args: &DbArgs, file: &FileConfig) -> PathBuf {
    args.db
        .clone()
        .or_else(|| file.server.db.clone())
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
}

pub fn resolve(args: &ServeArgs, file: FileConfig, demo_env: Option<&str>) -> Settings {
    let addr = args
        .addr
        .or(file.server.addr)
        .unwrap_or_else(|| DEFAULT_ADDR.parse().expect("the default address parses"));
    let demo_off = args.no_demo || matches!(demo_env, Some("0" | "false" | "no" | "off"));
    let demo = !demo_off && file.server.demo.unwrap_or(true);
    let db = database_path(&args.db, &file);
    let site_root = args
        .site_root
        .clone()
        .or(file.server.site_root)
        .unwrap_or_else(find_site_root);
    let max_upload_bytes = args
        .max_upload_mb
        .or(file.server.max_upload_mb)
        .map_or(app::server::media::DEFAULT_MAX_BYTES, |mb| {
            mb.saturating_mul(1024 * 1024)
        });
    let mut site = file.site.unwrap_or_default();
    if let Some(base) = &args.base_url {
        site = site.with_base_url(base);
    } else if site.base_url == SiteConfig::default().base_url {
        site = site.with_base_url(&format!("http://{addr}"));
    }
    Settings {
        addr,
        db,
        demo,
        site,
        site_root,
        max_upload_bytes,
    }
}

/// The workspace this binary was compiled in.
fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Built assets: where cargo-leptos says (when it runs us), then `site/`
/// beside the binary (a deployed install), then the build tree.
fn find_site_root() -> PathBuf {
    if let Some(root) = std::env::var_os("LEPTOS_SITE_ROOT") {
        return PathBuf::from(root);
    }
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("site")))
        .filter(|dir| dir.join("pkg").is_dir());
    if let Some(dir) = beside_binary {
        return dir;
    }
    let built = option_env!("LEPTOS_SITE_ROOT").unwrap_or("target/site");
    let built = Path::new(built);
    if built.is_absolute() {
        built.to_path_buf()
    } else {
        workspace_dir().join(built)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn serve_args(argv: &[&str]) -> ServeArgs {
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Wrapper::parse_from(std::iter::once("folio").chain(argv.iter().copied())).serve
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let file: FileConfig = toml::from_str(
            "[site]\ntitle = \"Notebook\"\n[server]\naddr = \"127.0.0.1:4000\"\ndb = \"x.db\"\n",
        )
        .unwrap();
        let settings = resolve(&serve_args(&["--db", "flag.db"]), file, None);
        assert_eq!(settings.addr.to_string(), "127.0.0.1:4000");
        assert_eq!(settings.db, PathBuf::from("flag.db"));
        assert_eq!(settings.site.title, "Notebook");
        assert_eq!(settings.site.base_url, "http://127.0.0.1:4000");
        assert_eq!(settings.max_upload_bytes, 10 * 1024 * 1024);
    }

    #[test]
    fn the_upload_limit_comes_from_the_flag_or_the_file() {
        let file: FileConfig = toml::from_str("[server]\nmax_upload_mb = 2\n").unwrap();
        assert_eq!(
            resolve(&serve_args(&[]), file, None).max_upload_bytes,
            2 * 1024 * 1024
        );
        let file: FileConfig = toml::from_str("[server]\nmax_upload_mb = 2\n").unwrap();
        let flagged = resolve(&serve_args(&["--max-upload-mb", "25"]), file, None);
        assert_eq!(flagged.max_upload_bytes, 25 * 1024 * 1024);
    }

    #[test]
    fn demo_can_be_turned_off_by_flag_env_or_file() {
        assert!(resolve(&serve_args(&[]), FileConfig::default(), None).demo);
        assert!(!resolve(&serve_args(&["--no-demo"]), FileConfig::default(), None).demo);
        assert!(!resolve(&serve_args(&[]), FileConfig::default(), Some("0")).demo);
        let file: FileConfig = toml::from_str("[server]\ndemo = false\n").unwrap();
        assert!(!resolve(&serve_args(&[]), file, None).demo);
    }

    #[test]
    fn unknown_keys_are_reported() {
        assert!(toml::from_str::<FileConfig>("[server]\nport = 1\n").is_err());
    }
}
