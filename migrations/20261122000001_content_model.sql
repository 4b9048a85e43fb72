-- The whole content model of PRODUCT.md. Times are UTC text in the fixed
-- form YYYY-MM-DDTHH:MM:SSZ, written only by Folio, so text order is time order.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Only a hash of the session token is stored, never the token itself.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE profile (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    headline   TEXT NOT NULL,
    bio_md     TEXT NOT NULL,
    bio_html   TEXT NOT NULL,
    location   TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE profile_links (
    id       INTEGER PRIMARY KEY,
    label    TEXT NOT NULL,
    url      TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE stack_groups (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);

CREATE TABLE stack_items (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES stack_groups(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
);

-- Months are YYYY-MM; a NULL end_month means the role is current.
CREATE TABLE experiences (
    id           INTEGER PRIMARY KEY,
    role         TEXT NOT NULL,
    organisation TEXT NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    location     TEXT NOT NULL DEFAULT '',
    start_month  TEXT NOT NULL CHECK (start_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    end_month    TEXT CHECK (end_month IS NULL OR end_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    summary_md   TEXT NOT NULL DEFAULT '',
    summary_html TEXT NOT NULL DEFAULT '',
    CHECK (end_month IS NULL OR end_month >= start_month)
);

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    url  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE series (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- An item is public when status is not 'draft', published_at has passed and
-- deleted_at is NULL: a scheduled item publishes itself when its time comes.
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    dek             TEXT NOT NULL DEFAULT '',
    body_md         TEXT NOT NULL DEFAULT '',
    body_html       TEXT NOT NULL DEFAULT '',
    body_text       TEXT NOT NULL DEFAULT '',
    toc_json        TEXT NOT NULL DEFAULT '[]',
    reading_minutes INTEGER NOT NULL DEFAULT 1,
    category_id     INTEGER NOT NULL REFERENCES categories(id),
    series_id       INTEGER REFERENCES series(id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    published_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX articles_public ON articles(published_at DESC) WHERE deleted_at IS NULL AND status <> 'draft';
CREATE INDEX articles_category ON articles(category_id, published_at DESC);

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    body_md      TEXT NOT NULL DEFAULT '',
    body_html    TEXT NOT NULL DEFAULT '',
    body_text    TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    published_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX notes_public ON notes(published_at DESC) WHERE deleted_at IS NULL AND status <> 'draft';

-- `day` is the YYYY-MM-DD the summary was written, the unit the page groups by.
CREATE TABLE summaries (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    body_md      TEXT NOT NULL,
    body_html    TEXT NOT NULL,
    source_id    INTEGER NOT NULL REFERENCES sources(id),
    original_url TEXT NOT NULL,
    category_id  INTEGER NOT NULL REFERENCES categories(id),
    day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    status       TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    published_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX summaries_public ON summaries(day DESC, published_at DESC) WHERE deleted_at IS NULL AND status <> 'draft';
CREATE INDEX summaries_source ON summaries(source_id);
CREATE INDEX summaries_category ON summaries(category_id);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id);

CREATE TABLE note_tags (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX note_tags_tag ON note_tags(tag_id);

CREATE TABLE summary_tags (
    summary_id INTEGER NOT NULL REFERENCES summaries(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (summary_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX summary_tags_tag ON summary_tags(tag_id);

-- Every save of an article or note keeps a restorable copy.
CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('article', 'note')),
    item_id    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    dek        TEXT NOT NULL DEFAULT '',
    body_md    TEXT NOT NULL,
    user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX revisions_item ON revisions(kind, item_id, created_at DESC);

-- Images are stored by content hash so a re-upload is free.
CREATE TABLE media (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    created_at   TEXT NOT NULL
);
