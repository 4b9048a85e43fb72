//! The site owner's profile.

use sqlx::SqlitePool;

#[tracing::instrument(skip(pool))]
pub async fn owner_name(pool: &SqlitePool) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM profile WHERE id = 1")
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(name,)| name))
}

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
    use crate::markdown::render_inline;
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
    .bind(crate::markdown::render(&input.bio_md).html)
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
        .bind(render_inline(&entry.summary_md))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
