//! The profile with its markdown sources, for the profile editor.

use sqlx::SqlitePool;

use crate::domain::{ExperienceEntry, LinkEntry, ProfileDoc, StackEntry};

#[derive(sqlx::FromRow)]
struct ExperienceRow {
    role: String,
    organisation: String,
    url: String,
    location: String,
    start_month: String,
    end_month: Option<String>,
    summary_md: String,
}

#[tracing::instrument(skip(pool))]
pub async fn load(pool: &SqlitePool) -> Result<ProfileDoc, sqlx::Error> {
    let row: Option<(String, String, String, String, String)> =
        sqlx::query_as("SELECT name, headline, bio_md, location, email FROM profile WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    let Some((name, headline, bio_md, location, email)) = row else {
        return Ok(ProfileDoc::default());
    };
    let links: Vec<(String, String)> =
        sqlx::query_as("SELECT label, url FROM profile_links ORDER BY position")
            .fetch_all(pool)
            .await?;
    let groups: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT g.name, (SELECT group_concat(name, ', ') FROM
             (SELECT name FROM stack_items i WHERE i.group_id = g.id ORDER BY position))
         FROM stack_groups g ORDER BY g.position",
    )
    .fetch_all(pool)
    .await?;
    let experience: Vec<ExperienceRow> = sqlx::query_as(
        "SELECT role, organisation, url, location, start_month, end_month, summary_md FROM experiences
         ORDER BY end_month IS NOT NULL, start_month DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(ProfileDoc {
        name,
        headline,
        bio_md,
        location,
        email,
        links: links
            .into_iter()
            .map(|(label, url)| LinkEntry { label, url })
            .collect(),
        stack: groups
            .into_iter()
            .map(|(group, items)| StackEntry {
                group,
                items: items.unwrap_or_default(),
            })
            .collect(),
        experience: experience
            .into_iter()
            .map(|row| ExperienceEntry {
                role: row.role,
                organisation: row.organisation,
                url: row.url,
                location: row.location,
                start_month: row.start_month,
                end_month: row.end_month.unwrap_or_default(),
                summary_md: row.summary_md,
            })
            .collect(),
    })
}
