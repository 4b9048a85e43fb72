//! `folio export` and `folio import`: the demo site survives a round trip
//! byte for byte, bodies come back exactly, Zola and Hugo trees import with
//! every front-matter form they use, and a broken folder imports nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use app::domain::{EditorDoc, ItemKind, Status};
use app::server::authoring::validate;
use app::server::db::authoring::{load, save};
use app::server::media;
use app::server::portable::export::{export, ExportOptions};
use app::server::portable::import::{import, ImportOptions, ImportReport};
use app::server::portable::PortableError;
use common::{folio, png, printed, TestSite};

fn run(args: &[&str]) -> String {
    let out = folio(args);
    assert!(out.status.success(), "folio {args:?}: {}", printed(&out));
    printed(&out)
}

/// The name an image is stored under: its content's.
fn image_name(bytes: &[u8]) -> String {
    media::inspect(bytes, media::DEFAULT_MAX_BYTES)
        .unwrap()
        .name()
}

async fn fresh_db(path: &Path) -> sqlx::SqlitePool {
    let pool = app::server::db::connect(path).await.unwrap();
    app::server::db::migrate(&pool).await.unwrap();
    pool
}

/// Every file under `dir` by its relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn assert_same_tree(first: &Path, second: &Path) {
    let (a, b) = (tree(first), tree(second));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (name, bytes) in &a {
        assert!(
            *bytes == b[name],
            "{name} differs:\n--- first\n{}\n--- second\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[name])
        );
    }
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

async fn rows(pool: &sqlx::SqlitePool, sql: &str) -> Vec<(String, String)> {
    sqlx::query_as(sql).fetch_all(pool).await.unwrap()
}

/// An item as the editor holds it, found by its slug.
async fn doc(pool: &sqlx::SqlitePool, kind: ItemKind, slug: &str) -> EditorDoc {
    let id = load::id_by_slug(pool, kind, slug)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{} {slug} was imported", kind.as_str()));
    load::load(pool, kind, id).await.unwrap().unwrap()
}

async fn count(pool: &sqlx::SqlitePool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn import_dir(pool: &sqlx::SqlitePool, dir: &Path) -> ImportReport {
    import(pool, dir, ImportOptions::default())
        .await
        .unwrap_or_else(|e| panic!("imports: {e}"))
}

#[tokio::test]
async fn the_demo_site_survives_a_round_trip_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (one, two) = (path("one.db"), path("two.db"));
    run(&["demo", "--db", &one]);
    // Every state an item can be in: trashed, scheduled, an unpublished draft.
    let pool = app::server::db::connect(Path::new(&one)).await.unwrap();
    for sql in [
        "UPDATE articles SET deleted_at = '2026-11-30T10:00:00Z' WHERE slug = 'inject-the-clock'",
        "UPDATE notes SET status = 'scheduled', published_at = '2031-01-01T09:00:00Z'
         WHERE slug = (SELECT slug FROM notes ORDER BY slug LIMIT 1)",
        "UPDATE articles SET status = 'draft', published_at = NULL WHERE slug = 'uuidv7-primary-keys'",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    // And an image, shown by one article.
    let bytes = png(30, 20);
    let name = image_name(&bytes);
    let mut tx = pool.begin().await.unwrap();
    let inspected = media::inspect(&bytes, media::DEFAULT_MAX_BYTES).unwrap();
    media::store(
        &mut tx,
        &bytes,
        &inspected,
        "diagram.png",
        "2026-11-30T10:00:00Z",
    )
    .await
    .unwrap();
    sqlx::query("UPDATE articles SET body_md = body_md || ? WHERE slug = 'sqlite-strict-tables'")
        .bind(format!("\n![A diagram](/media/{name})\n"))
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let out = run(&["export", &path("first"), "--include-trash", "--db", &one]);
    assert!(out.contains("Exported 36 articles"), "{out}");
    assert!(out.contains("and 1 images"), "{out}");
    let out = run(&["import", &path("first"), "--db", &two]);
    assert!(out.contains("36 articles (36 new, 0 updated)"), "{out}");
    run(&["export", &path("second"), "--include-trash", "--db", &two]);
    assert_same_tree(Path::new(&path("first")), Path::new(&path("second")));

    // The database behind the files agrees too: terms keep their slugs
    // (`postgres` for "PostgreSQL"), items keep their terms and states.
    let copy = app::server::db::connect(Path::new(&two)).await.unwrap();
    for sql in [
        "SELECT slug, name FROM tags ORDER BY slug",
        "SELECT slug, name || description FROM categories ORDER BY slug",
        "SELECT slug, name || url FROM sources ORDER BY slug",
        "SELECT slug, name FROM series ORDER BY slug",
        "SELECT a.slug, t.slug FROM article_tags j JOIN articles a ON a.id = j.article_id
         JOIN tags t ON t.id = j.tag_id ORDER BY 1, 2",
        "SELECT s.slug, src.slug || ' ' || c.slug || ' ' || s.day || ' ' || s.original_url
         FROM summaries s JOIN sources src ON src.id = s.source_id
         JOIN categories c ON c.id = s.category_id ORDER BY 1",
        "SELECT slug, status || ' ' || COALESCE(published_at, '-') || ' ' || COALESCE(deleted_at, '-')
             || ' ' || created_at || ' ' || updated_at
             || ' ' || COALESCE((SELECT slug FROM series WHERE id = series_id), '-')
         FROM articles ORDER BY slug",
        "SELECT slug, status || ' ' || COALESCE(published_at, '-') || ' ' || updated_at FROM notes ORDER BY slug",
        "SELECT role, organisation || start_month || COALESCE(end_month, '') || summary_md FROM experiences ORDER BY 1",
        "SELECT g.name, i.name FROM stack_items i JOIN stack_groups g ON g.id = i.group_id ORDER BY g.position, i.position",
        "SELECT name, headline || bio_md || location || email FROM profile",
    ] {
        assert_eq!(rows(&pool, sql).await, rows(&copy, sql).await, "{sql}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("second/media").join(&name)).unwrap(),
        bytes,
        "the image comes back byte for byte"
    );
    let used: Vec<(String, String)> = rows(
        &copy,
        "SELECT m.name, u.kind FROM media m JOIN media_uses u ON u.name = m.name",
    )
    .await;
    assert_eq!(used, [(name.clone(), "article".to_owned())]);
    let trashed = doc(&copy, ItemKind::Article, "inject-the-clock").await;
    assert_eq!(trashed.deleted_at.as_deref(), Some("2026-11-30T10:00:00Z"));
}

#[tokio::test]
async fn bodies_come_back_exactly_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let pool = fresh_db(&dir.path().join("one.db")).await;
    let bodies = [
        (
            ItemKind::Article,
            "blank-lines",
            "\n\n  Indented start.\n\nEnd.\n\n\n",
        ),
        (
            ItemKind::Article,
            "fences",
            "Before\n\n```toml\n+++\ntitle = \"not front matter\"\n+++\n```\n\n+++\n---\n",
        ),
        (
            ItemKind::Note,
            "crlf",
            "Line one\r\nLine two\r\n\r\n```\r\ncode\r\n```\r\n",
        ),
        (
            ItemKind::Summary,
            "unicode",
            "Ünïcödé — “quotes”, 日本語, emoji 🦀, and a tab\there.",
        ),
        (ItemKind::Note, "empty", ""),
        (ItemKind::Note, "no-final-newline", "Ends without one"),
    ];
    let now = app::server::clock::now();
    for (kind, slug, body) in bodies {
        let doc = EditorDoc {
            title: format!("Title of {slug}"),
            slug: slug.to_owned(),
            dek: "A dek\nwith a line that is only\n+++\nin it.".to_owned(),
            category: "Frontend & Web".to_owned(),
            tags: vec!["C++".to_owned(), "Rust".to_owned()],
            source: "Some Weekly".to_owned(),
            original_url: "https://weekly.example/post".to_owned(),
            body_md: body.to_owned(),
            status: Some(Status::Published),
            ..EditorDoc::new(kind, "2026-05-08")
        };
        let mut prepared = validate::prepare(&doc, &now, 0, true).unwrap();
        prepared.user_id = None;
        let mut tx = pool.begin().await.unwrap();
        save::save(&mut tx, &prepared, &now).await.unwrap();
        tx.commit().await.unwrap();
    }
    let first = dir.path().join("first");
    export(&pool, &first, ExportOptions::default())
        .await
        .unwrap();
    let copy = fresh_db(&dir.path().join("two.db")).await;
    import_dir(&copy, &first).await;
    for (kind, slug, body) in bodies {
        let back = doc(&copy, kind, slug).await;
        assert_eq!(back.body_md, body, "{slug}");
        if kind == ItemKind::Article {
            assert_eq!(back.dek, "A dek\nwith a line that is only\n+++\nin it.");
        }
    }
    let second = dir.path().join("second");
    export(&copy, &second, ExportOptions::default())
        .await
        .unwrap();
    assert_same_tree(&first, &second);
}

/// A Zola site and a Hugo site, side by side in one test: every form of
/// front matter the importer promises to read.
#[tokio::test]
async fn zola_and_hugo_trees_import_with_every_front_matter_form() {
    let dir = tempfile::tempdir().unwrap();
    let zola = dir.path().join("zola");
    write(&zola, "config.toml", "base_url = \"https://example.com\"\n");
    write(&zola, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    write(
        &zola,
        "content/blog/_index.md",
        "+++\nsort_by = \"date\"\n+++\n",
    );
    write(
        &zola,
        "content/blog/2024-03-05-dated-post.md",
        "+++\ntitle = \"Dated by its name\"\n\n[taxonomies]\ncategories = [\"Databases\"]\ntags = [\"SQLite\", \"Rust\"]\n+++\n\nThe body.\n",
    );
    write(
        &zola,
        "content/blog/toml-date.md",
        "+++\ntitle = \"A TOML date\"\ndate = 2024-01-02\ndraft = true\n+++\nDraft body.\n",
    );
    write(
        &zola,
        "content/blog/toml-datetime.md",
        "+++\ntitle = \"A TOML datetime\"\nslug = \"custom-slug\"\ndate = 2024-01-02T10:30:00+02:00\nupdated = 2024-02-01T00:00:00Z\ndescription = \"The dek.\"\ntemplate = \"page.html\"\n+++\nBody.\n\n![A](./img/a.png)\n",
    );
    write(
        &zola,
        "content/blog/page-bundle/index.md",
        "+++\ntitle = \"A bundle\"\ndate = \"2023-07-01\"\n+++\nBundled.\n\n![Diagram](diagram.png)\n",
    );
    write(
        &zola,
        "content/blog/really-a-note.md",
        "+++\ntitle = \"Kind from extra\"\ndate = 2024-06-01T12:00:00Z\n[extra]\nkind = \"note\"\n+++\nShort.\n",
    );
    write(
        &zola,
        "content/notes/a-note.md",
        "+++\ntitle = \"A note\"\ndate = 2024-05-01T09:00:00Z\n[taxonomies]\ntags = [\"Go\"]\n+++\n`go vet ./...`\n",
    );
    write(
        &zola,
        "content/summaries/with-source.md",
        "+++\ntitle = \"Read elsewhere\"\ndate = 2024-05-02T09:00:00Z\n[taxonomies]\ncategories = [\"Career\"]\n[extra]\nsource = \"Some Weekly\"\nsource_url = \"https://weekly.example/1\"\n+++\nOne paragraph.\n",
    );
    write(
        &zola,
        "content/summaries/one-off.md",
        "+++\ntitle = \"A one-off\"\ndate = 2024-05-03T09:00:00Z\n[extra]\nsource_url = \"https://blog.example/post\"\n+++\nAnother paragraph.\n",
    );
    let (diagram, a, s) = (png(30, 20), png(40, 10), png(12, 12));
    std::fs::write(zola.join("content/blog/page-bundle/diagram.png"), &diagram).unwrap();
    std::fs::create_dir_all(zola.join("content/blog/img")).unwrap();
    std::fs::write(zola.join("content/blog/img/a.png"), &a).unwrap();
    let hugo = dir.path().join("hugo");
    write(&hugo, "static/images/s.png", "");
    std::fs::write(hugo.join("static/images/s.png"), &s).unwrap();
    write(
        &hugo,
        "content/posts/hugo-post.md",
        "---\ntitle: \"A Hugo post\"\ndate: 2024-04-01T08:00:00Z\nlastmod: 2024-04-02T08:00:00Z\ndescription: From YAML\ntags: [Go, Testing]\ncategories:\n  - Backend\ndraft: true\n---\n\nHugo body.\n\n![S](/images/s.png)\n",
    );
    write(&hugo, "content/posts/_index.md", "---\ntitle: Posts\n---\n");
    write(
        &hugo,
        "content/notes/hugo-note.md",
        "---\ntitle: A Hugo note\ndate: 2024-04-03\ntags: [YAML]\n---\nNote body.\n",
    );
    write(
        &hugo,
        "content/summaries/hugo-summary.md",
        "---\ntitle: A Hugo summary\ndate: 2024-04-04T08:00:00Z\ncategories: [Career]\nparams:\n  source: Hugo Weekly\n  source_url: https://hugo.example/1\n---\nSummary body.\n",
    );

    let pool = fresh_db(&dir.path().join("site.db")).await;
    let report = import_dir(&pool, &zola).await;
    let files: Vec<&str> = report.items.iter().map(|i| i.file.as_str()).collect();
    assert_eq!(files.len(), 8, "section files are skipped: {files:?}");
    assert!(!files.iter().any(|f| f.contains("_index")));
    assert_eq!(report.images, 2);
    import_dir(&pool, &hugo).await;

    let dated = doc(&pool, ItemKind::Article, "dated-post").await;
    assert_eq!(dated.publish_at.as_deref(), Some("2024-03-05T00:00:00Z"));
    assert_eq!(dated.status, Some(Status::Published));
    assert_eq!(dated.category, "Databases");
    assert_eq!(dated.tags, ["Rust", "SQLite"]);
    assert_eq!(
        dated.body_md, "The body.\n",
        "one blank line after the fence is not body"
    );

    let draft = doc(&pool, ItemKind::Article, "toml-date").await;
    assert_eq!(draft.status, Some(Status::Draft));
    assert_eq!(draft.publish_at.as_deref(), Some("2024-01-02T00:00:00Z"));
    assert_eq!(draft.category, "Uncategorised");

    let timed = doc(&pool, ItemKind::Article, "custom-slug").await;
    assert_eq!(timed.publish_at.as_deref(), Some("2024-01-02T08:30:00Z"));
    assert_eq!(timed.updated_at, "2024-02-01T00:00:00Z");
    assert_eq!(timed.dek, "The dek.");

    let bundle = doc(&pool, ItemKind::Article, "page-bundle").await;
    assert_eq!(bundle.publish_at.as_deref(), Some("2023-07-01T00:00:00Z"));
    // Images beside the markdown, in a folder below it and in Hugo's
    // static/ become uploads, and the links point at them.
    let diagram_name = image_name(&diagram);
    assert_eq!(
        bundle.body_md,
        format!("Bundled.\n\n![Diagram](/media/{diagram_name})\n")
    );
    assert_eq!(
        timed.body_md,
        format!("Body.\n\n![A](/media/{})\n", image_name(&a))
    );
    let html: String =
        sqlx::query_scalar("SELECT body_html FROM articles WHERE slug = 'page-bundle'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(html.contains(r#"width="30" height="20""#), "{html}");

    let moved = doc(&pool, ItemKind::Note, "really-a-note").await;
    assert_eq!(moved.title, "Kind from extra");
    let note = doc(&pool, ItemKind::Note, "a-note").await;
    assert_eq!(
        (note.tags.as_slice(), note.body_md.as_str()),
        (&["Go".to_owned()][..], "`go vet ./...`\n")
    );

    let sourced = doc(&pool, ItemKind::Summary, "with-source").await;
    assert_eq!(
        (
            sourced.source.as_str(),
            sourced.original_url.as_str(),
            sourced.category.as_str()
        ),
        ("Some Weekly", "https://weekly.example/1", "Career")
    );
    assert_eq!(sourced.day, "2024-05-02");
    let one_off = doc(&pool, ItemKind::Summary, "one-off").await;
    assert_eq!(one_off.source, "One-off");
    assert_eq!(one_off.category, "Uncategorised");

    let post = doc(&pool, ItemKind::Article, "hugo-post").await;
    assert_eq!(post.status, Some(Status::Draft));
    assert_eq!(
        post.tags,
        ["Go", "Testing"],
        "Go is the tag the Zola note made"
    );
    assert_eq!(post.category, "Backend");
    assert_eq!(post.dek, "From YAML");
    assert_eq!(post.updated_at, "2024-04-02T08:00:00Z");
    assert_eq!(
        post.body_md,
        format!("Hugo body.\n\n![S](/media/{})\n", image_name(&s))
    );
    assert_eq!(count(&pool, "media").await, 3);
    let hugo_note = doc(&pool, ItemKind::Note, "hugo-note").await;
    assert_eq!(
        hugo_note.publish_at.as_deref(),
        Some("2024-04-03T00:00:00Z")
    );
    let hugo_summary = doc(&pool, ItemKind::Summary, "hugo-summary").await;
    assert_eq!(hugo_summary.source, "Hugo Weekly");
    assert_eq!(hugo_summary.original_url, "https://hugo.example/1");
    assert_eq!(count(&pool, "tags WHERE slug = 'go'").await, 1);
}

#[tokio::test]
async fn a_broken_file_stops_the_import_and_changes_nothing() {
    let site = TestSite::demo().await;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/fine.md",
        "+++\ntitle = \"Fine\"\ndate = 2024-01-01T00:00:00Z\n+++\nFine.\n",
    );
    write(
        dir.path(),
        "articles/broken.md",
        "+++\ntitle = \"Broken\"\ndate = [2024\n+++\nBody.\n",
    );
    write(
        dir.path(),
        "notes/bad-slug.md",
        "+++\ntitle = \"Bad slug\"\nslug = \"Not A Slug\"\n+++\nBody.\n",
    );
    write(
        dir.path(),
        "notes/bad-date.md",
        "+++\ntitle = \"Bad date\"\n\ndate = \"next tuesday\"\n+++\nBody.\n",
    );
    write(
        dir.path(),
        "articles/pictures.md",
        "+++\ntitle = \"Pictures\"\n+++\n\nText\n\n![gone](missing.png)\n![fake](fake.png)\n",
    );
    write(
        dir.path(),
        "articles/fake.png",
        "a text file with a picture's name",
    );
    write(dir.path(), "media/readme.txt", "not an image either");
    let before = site.fingerprint().await;
    let db = site.db.to_string_lossy().into_owned();
    let out = folio(&["import", dir.path().to_str().unwrap(), "--db", &db]);
    assert!(!out.status.success());
    let said = printed(&out);
    assert!(said.contains("articles/broken.md:3: "), "{said}");
    assert!(said.contains("notes/bad-slug.md:3: `slug`: "), "{said}");
    assert!(
        said.contains("notes/bad-date.md:4: `date` should be a date"),
        "{said}"
    );
    assert!(
        said.contains("articles/pictures.md:7: image `missing.png`: there is no such file"),
        "{said}"
    );
    assert!(
        said.contains("articles/pictures.md:8: image `fake.png`: This file is not an image"),
        "{said}"
    );
    assert!(
        said.contains("media/readme.txt: This file is not an image"),
        "{said}"
    );
    assert!(said.contains("nothing was imported"), "{said}");
    assert_eq!(site.fingerprint().await, before, "not one byte was written");
    assert_eq!(
        load::id_by_slug(&site.pool, ItemKind::Article, "fine")
            .await
            .unwrap(),
        None
    );

    let error = import(&site.pool, dir.path(), ImportOptions::default())
        .await
        .unwrap_err();
    let PortableError::Invalid(problems) = error else {
        panic!("problems with the files, not {error}");
    };
    assert_eq!(problems.len(), 6, "{problems:?}");
}

#[tokio::test]
async fn a_second_import_updates_instead_of_duplicating() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    write(
        &files,
        "articles/one.md",
        "+++\ntitle = \"One\"\ndate = 2024-01-01T00:00:00Z\n[taxonomies]\ntags = [\"A\"]\n+++\nFirst.\n",
    );
    write(
        &files,
        "notes/two.md",
        "+++\ntitle = \"Two\"\n+++\nSecond.\n",
    );
    let pool = fresh_db(&dir.path().join("site.db")).await;
    let first = import_dir(&pool, &files).await;
    assert!(first.items.iter().all(|i| i.created));
    let version = doc(&pool, ItemKind::Article, "one").await.version;

    write(
        &files,
        "articles/one.md",
        "+++\ntitle = \"One, retitled\"\ndate = 2024-01-01T00:00:00Z\n[taxonomies]\ntags = [\"B\"]\n+++\nFirst, edited.\n",
    );
    let second = import_dir(&pool, &files).await;
    assert!(second.items.iter().all(|i| !i.created), "{second:?}");
    assert_eq!(count(&pool, "articles").await, 1);
    assert_eq!(count(&pool, "notes").await, 1);
    let one = doc(&pool, ItemKind::Article, "one").await;
    assert_eq!(
        (one.title.as_str(), one.body_md.as_str()),
        ("One, retitled", "First, edited.\n")
    );
    assert_eq!(one.tags, ["B"]);
    assert!(one.version > version);
    assert_eq!(count(&pool, "revisions WHERE kind = 'article'").await, 2);
}

#[tokio::test]
async fn a_dry_run_lists_what_would_happen_and_writes_nothing() {
    let site = TestSite::demo().await;
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    export(&site.pool, &files, ExportOptions::default())
        .await
        .unwrap();
    write(
        &files,
        "notes/new-one.md",
        "+++\ntitle = \"New\"\n+++\nNew.\n",
    );
    let before = site.fingerprint().await;
    let db = site.db.to_string_lossy().into_owned();
    let said = run(&["import", files.to_str().unwrap(), "--dry-run", "--db", &db]);
    assert!(
        said.contains("would create note new-one (notes/new-one.md)"),
        "{said}"
    );
    assert!(
        said.contains("would update article inject-the-clock (articles/inject-the-clock.md)"),
        "{said}"
    );
    assert!(said.contains("Dry run, nothing was written"), "{said}");
    assert!(said.contains("17 notes (1 new, 16 updated)"), "{said}");
    assert_eq!(site.fingerprint().await, before);

    // Not while a server has the database, and never over an earlier export.
    let _serving = folio_server::backup::lock_for_serving(&site.db).unwrap();
    let out = folio(&["import", files.to_str().unwrap(), "--db", &db]);
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("stop the server before importing"),
        "{}",
        printed(&out)
    );
    let out = folio(&["export", files.to_str().unwrap(), "--db", &db]);
    assert!(!out.status.success());
    assert!(printed(&out).contains("is not empty"), "{}", printed(&out));
    assert_eq!(site.fingerprint().await, before);
}
