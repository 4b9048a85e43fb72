//! Saving the profile: the same shape as content saves — validate into the
//! input type, one transaction that replaces profile, links, stack and
//! experience, then bump the content generation.

use crate::api::AppError;
use crate::domain::dates::month_label;
use crate::domain::links::parse_link;
use crate::domain::{FieldError, ProfileDoc, ProfileOutcome};
use crate::server::clock;
use crate::server::db::profile::{replace_profile, ExperienceInput, ProfileInput};
use crate::server::state::AppState;

pub async fn save(state: &AppState, doc: ProfileDoc) -> Result<ProfileOutcome, AppError> {
    let input = match validate(doc) {
        Ok(input) => input,
        Err(errors) => return Ok(ProfileOutcome::Invalid { errors }),
    };
    let now = clock::now();
    let mut tx = crate::server::db::begin_write(&state.pool).await?;
    replace_profile(&mut tx, &input, &now).await?;
    tx.commit().await?;
    state.generation.bump();
    Ok(ProfileOutcome::Saved { saved_at: now })
}

pub fn validate(doc: ProfileDoc) -> Result<ProfileInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut required = |field: String, value: &str, message: &str| {
        if value.trim().is_empty() {
            errors.push(FieldError::new(&field, message));
        }
    };
    required("name".into(), &doc.name, "Your name is shown on every page");
    for (i, link) in doc.links.iter().enumerate() {
        required(
            format!("links.{i}.label"),
            &link.label,
            "Give the link a label",
        );
    }
    for (i, group) in doc.stack.iter().enumerate() {
        required(format!("stack.{i}.group"), &group.group, "Name the group");
    }
    for (i, entry) in doc.experience.iter().enumerate() {
        required(format!("experience.{i}.role"), &entry.role, "Name the role");
        required(
            format!("experience.{i}.organisation"),
            &entry.organisation,
            "Name the organisation",
        );
    }
    let markdown_fields = std::iter::once(("bio_md".to_owned(), &doc.bio_md)).chain(
        doc.experience
            .iter()
            .enumerate()
            .map(|(i, entry)| (format!("experience.{i}.summary_md"), &entry.summary_md)),
    );
    for (field, text) in markdown_fields {
        if crate::markdown::too_deeply_nested(text) {
            errors.push(FieldError::new(&field, super::validate::too_deep_message()));
        }
    }
    let mut link_error = |field: String, url: &str, optional: bool| {
        if optional && url.trim().is_empty() {
            return;
        }
        if let Err(e) = parse_link(url) {
            errors.push(FieldError::new(&field, e.to_string()));
        }
    };
    for (i, link) in doc.links.iter().enumerate() {
        link_error(format!("links.{i}.url"), &link.url, false);
    }
    for (i, entry) in doc.experience.iter().enumerate() {
        link_error(format!("experience.{i}.url"), &entry.url, true);
    }
    let email = doc.email.trim();
    if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
        errors.push(FieldError::new(
            "email",
            "That does not look like an email address",
        ));
    }
    for (i, entry) in doc.experience.iter().enumerate() {
        let start = entry.start_month.trim();
        let end = entry.end_month.trim();
        if month_label(start).is_none() {
            errors.push(FieldError::new(
                &format!("experience.{i}.start_month"),
                "Give the first month as YYYY-MM",
            ));
        }
        if !end.is_empty() && month_label(end).is_none() {
            errors.push(FieldError::new(
                &format!("experience.{i}.end_month"),
                "Give the last month as YYYY-MM, or leave it empty for a current role",
            ));
        } else if !end.is_empty() && end < start {
            errors.push(FieldError::new(
                &format!("experience.{i}.end_month"),
                "The role cannot end before it starts",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ProfileInput {
        name: doc.name.trim().to_owned(),
        headline: doc.headline.trim().to_owned(),
        bio_md: doc.bio_md,
        location: doc.location.trim().to_owned(),
        email: email.to_owned(),
        links: doc
            .links
            .into_iter()
            .map(|l| (l.label.trim().to_owned(), l.url.trim().to_owned()))
            .collect(),
        stack: doc
            .stack
            .iter()
            .map(|g| (g.group.trim().to_owned(), g.item_list()))
            .collect(),
        experience: doc
            .experience
            .into_iter()
            .map(|e| ExperienceInput {
                end_month: Some(e.end_month.trim().to_owned()).filter(|m| !m.is_empty()),
                role: e.role.trim().to_owned(),
                organisation: e.organisation.trim().to_owned(),
                url: e.url.trim().to_owned(),
                location: e.location.trim().to_owned(),
                start_month: e.start_month.trim().to_owned(),
                summary_md: e.summary_md,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ExperienceEntry, LinkEntry};

    #[test]
    fn link_fields_take_only_web_and_mail_addresses() {
        let doc = ProfileDoc {
            name: "Ada".into(),
            links: vec![LinkEntry {
                label: "Site".into(),
                url: "javascript:alert(1)".into(),
            }],
            experience: vec![ExperienceEntry {
                role: "Engineer".into(),
                organisation: "Acme".into(),
                url: "data:text/html,x".into(),
                start_month: "2024-05".into(),
                end_month: "2023-01".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let fields: Vec<String> = validate(doc)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["links.0.url", "experience.0.url", "experience.0.end_month"]
        );
    }
}
