//! The site owner's profile.

use sqlx::SqlitePool;

use crate::domain::{Experience, Profile, ProfileLink, StackGroup};

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn owner_name(pool: &SqlitePool) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM profile WHERE id = 1")
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(name,)| name))
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    name: String,
    headline: String,
    bio_html: String,
    location: String,
    email: String,
}

#[derive(sqlx::FromRow)]
struct ExperienceRow {
    role: String,
    organisation: String,
    url: String,
    location: String,
    start_month: String,
    end_month: Option<String>,
    summary_html: String,
}

/// The whole profile with its links, stack and experience (current roles
/// first, then by start), each role with the articles published during it.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn load(pool: &SqlitePool, now: &str) -> Result<Option<Profile>, sqlx::Error> {
    let row: Option<ProfileRow> = sqlx::query_as(PROFILE).fetch_optional(pool).await?;
    let Some(row) = row else { return Ok(None) };
    let links: Vec<(String, String)> = sqlx::query_as(LINKS).fetch_all(pool).await?;
    let items: Vec<(String, String)> = sqlx::query_as(STACK).fetch_all(pool).await?;
    let mut stack: Vec<StackGroup> = Vec::new();
    for (group, item) in items {
        match stack.last_mut() {
            Some(last) if last.name == group => last.items.push(item),
            _ => stack.push(StackGroup {
                name: group,
                items: vec![item],
            }),
        }
    }
    let roles: Vec<ExperienceRow> = sqlx::query_as(ROLES).fetch_all(pool).await?;
    let mut experience = Vec::with_capacity(roles.len());
    for role in roles {
        let (writing, writing_total) = super::home::articles_between(
            pool,
            now,
            &role.start_month,
            role.end_month.as_deref(),
            crate::domain::WRITING_PER_ROLE,
        )
        .await?;
        experience.push(Experience {
            role: role.role,
            organisation: role.organisation,
            url: role.url,
            location: role.location,
            start_month: role.start_month,
            end_month: role.end_month,
            summary_html: role.summary_html,
            writing,
            writing_total,
        });
    }
    Ok(Some(Profile {
        name: row.name,
        headline: row.headline,
        bio_html: row.bio_html,
        location: row.location,
        email: row.email,
        links: links
            .into_iter()
            .map(|(label, url)| ProfileLink { label, url })
            .collect(),
        stack,
        experience,
    }))
}

// The profile's own tables hold a handful of rows each: read whole.
pub(super) const PROFILE: &str =
    "SELECT name, headline, bio_html, location, email FROM profile WHERE id = 1";
pub(super) const LINKS: &str = "SELECT label, url FROM profile_links ORDER BY position";
pub(super) const STACK: &str = "SELECT g.name, i.name FROM stack_groups g
     JOIN stack_items i ON i.group_id = g.id ORDER BY g.position, i.position";
pub(super) const ROLES: &str =
    "SELECT role, organisation, url, location, start_month, end_month, summary_html
     FROM experiences ORDER BY end_month IS NOT NULL, end_month DESC, start_month DESC";

#[derive(Debug)]
pub struct ProfileInput {
    pub name: String,
    pub headline: String,
    pub bio_md: String,
    pub location: String,
    pub email: String,
    pub links: Vec<(String, String)>,
    pub stack: Vec<(String, Vec<String>)>,
    pub experience: Vec<ExperienceInput>,
}

#[derive(Debug)]
pub struct ExperienceInput {
    pub role: String,
    pub organisation: String,
    pub url: String,
    pub location: String,
    /// `YYYY-MM`
    pub start_month: String,
    /// `YYYY-MM`, or `None` while the role is current.
    pub end_month: Option<String>,
    pub summary_md: String,
}

/// Replaces the whole profile, its links, stack and experience at once.
#[tracing::instrument(skip_all)]
pub async fn replace_profile(
    tx: &mut super::write::Tx<'_>,
    input: &ProfileInput,
    now: &str,
) -> Result<(), sqlx::Error> {
    use crate::markdown::render_inline_with;
    let mut texts: Vec<&str> = vec![&input.bio_md];
    texts.extend(input.experience.iter().map(|e| e.summary_md.as_str()));
    let images = super::media::dimensions_for(&mut **tx, &texts).await?;
    super::media::replace_uses(tx, "profile", 1, &texts).await?;
    for table in [
        "profile_links",
        "stack_items",
        "stack_groups",
        "experiences",
        "profile",
    ] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO profile (id, name, headline, bio_md, bio_html, location, email, updated_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&input.name)
    .bind(&input.headline)
    .bind(&input.bio_md)
    .bind(crate::markdown::render_with(&input.bio_md, &images).html)
    .bind(&input.location)
    .bind(&input.email)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    for (position, (label, url)) in input.links.iter().enumerate() {
        sqlx::query("INSERT INTO profile_links (label, url, position) VALUES (?, ?, ?)")
            .bind(label)
            .bind(url)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }
    for (position, (group, items)) in input.stack.iter().enumerate() {
        let group_id: i64 = sqlx::query_scalar(
            "INSERT INTO stack_groups (name, position) VALUES (?, ?) RETURNING id",
        )
        .bind(group)
        .bind(position as i64)
        .fetch_one(&mut **tx)
        .await?;
        for (item_position, item) in items.iter().enumerate() {
            sqlx::query("INSERT INTO stack_items (group_id, name, position) VALUES (?, ?, ?)")
                .bind(group_id)
                .bind(item)
                .bind(item_position as i64)
                .execute(&mut **tx)
                .await?;
        }
    }
    for entry in &input.experience {
        sqlx::query(
            "INSERT INTO experiences (role, organisation, url, location, start_month, end_month,
                 summary_md, summary_html)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&entry.role)
        .bind(&entry.organisation)
        .bind(&entry.url)
        .bind(&entry.location)
        .bind(&entry.start_month)
        .bind(&entry.end_month)
        .bind(&entry.summary_md)
        .bind(render_inline_with(&entry.summary_md, &images))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
