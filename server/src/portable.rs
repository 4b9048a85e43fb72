//! `folio export DIR` and `folio import DIR`: the command-line ends of
//! `app::server::portable`. Import holds the serve lock while it runs, as
//! restore does: a running server would keep serving cached pages of the
//! content the import replaced, and could not start halfway through it.

use std::path::{Path, PathBuf};

use app::domain::ItemKind;
use app::server::portable::export::{self, ExportOptions};
use app::server::portable::import::{self, ImportOptions, ImportReport};
use app::server::portable::{SITE_FILE, TAXONOMY_FILE};

use crate::cli::{DbArgs, ExportArgs, ImportArgs};
use crate::BoxError;

pub async fn export(args: ExportArgs) -> Result<(), BoxError> {
    let db = database(&args.db)?;
    if !db.is_file() {
        return Err(format!("there is no database at {}", db.display()).into());
    }
    let pool = crate::open_database(&db).await?;
    let options = ExportOptions {
        include_trash: args.include_trash,
    };
    let report = export::export(&pool, &args.dir, options).await?;
    pool.close().await;
    println!(
        "Exported {} articles, {} notes, {} summaries and {} images to {}{}",
        report.articles,
        report.notes,
        report.summaries,
        report.images,
        args.dir.display(),
        if report.profile {
            format!(", with the profile in {SITE_FILE}")
        } else {
            String::new()
        }
    );
    Ok(())
}

pub async fn import(args: ImportArgs) -> Result<(), BoxError> {
    let (file, _) = crate::config::load_file(args.db.config.as_deref())?;
    let db = crate::config::database_path(&args.db, &file);
    let max_image_bytes = crate::config::upload_limit(None, &file);
    let _lock = crate::backup::lock_for_serving(&db).map_err(|_| {
        format!(
            "{} is in use by a running folio; stop the server before importing",
            db.display()
        )
    })?;
    let pool = crate::open_database(&db).await?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        max_image_bytes,
    };
    let report = import::import(&pool, &args.dir, options).await;
    pool.close().await;
    let report = report?;
    if report.items.is_empty() && !report.profile && report.terms == 0 && report.images == 0 {
        return Err(format!("found nothing to import in {}", args.dir.display()).into());
    }
    print!("{}", describe(&report, &args.dir, &db));
    Ok(())
}

fn database(args: &DbArgs) -> Result<PathBuf, BoxError> {
    let (file, _) = crate::config::load_file(args.config.as_deref())?;
    Ok(crate::config::database_path(args, &file))
}

/// One line per file, then the totals.
fn describe(report: &ImportReport, dir: &Path, db: &Path) -> String {
    let (create, update) = if report.dry_run {
        ("would create", "would update")
    } else {
        ("created", "updated")
    };
    let mut text = String::new();
    for item in &report.items {
        let action = if item.created { create } else { update };
        text.push_str(&format!(
            "{action} {} {} ({})\n",
            item.kind.as_str(),
            item.slug,
            item.file
        ));
    }
    let mut totals = Vec::new();
    for kind in ItemKind::ALL {
        let of_kind: Vec<_> = report.items.iter().filter(|i| i.kind == kind).collect();
        let new = of_kind.iter().filter(|i| i.created).count();
        totals.push(format!(
            "{} {} ({new} new, {} updated)",
            of_kind.len(),
            kind.plural().to_lowercase(),
            of_kind.len() - new
        ));
    }
    if report.profile {
        totals.push(format!("the profile from {SITE_FILE}"));
    }
    if report.terms > 0 {
        totals.push(format!("{} terms from {TAXONOMY_FILE}", report.terms));
    }
    if report.images > 0 {
        totals.push(format!("{} images", report.images));
    }
    let verb = if report.dry_run {
        "Dry run, nothing was written. Would import"
    } else {
        "Imported"
    };
    text.push_str(&format!(
        "{verb} {} from {} into {}\n",
        totals.join(", "),
        dir.display(),
        db.display()
    ));
    text
}
