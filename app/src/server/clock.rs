//! The one place that reads the wall clock, in the fixed text form the
//! database stores, so comparisons in SQL are plain text comparisons.

use time::{format_description::well_known::Rfc3339, OffsetDateTime, UtcOffset};

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now() -> String {
    format_instant(OffsetDateTime::now_utc())
}

pub fn format_instant(at: OffsetDateTime) -> String {
    let at = at
        .to_offset(UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(at);
    at.format(&Rfc3339).unwrap_or_default()
}

/// Parses any RFC 3339 instant and rewrites it in the stored form.
pub fn normalise_instant(input: &str) -> Option<String> {
    OffsetDateTime::parse(input, &Rfc3339)
        .ok()
        .map(format_instant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_stored_in_one_form() {
        assert_eq!(
            normalise_instant("2026-05-08T11:30:00.25+02:00").as_deref(),
            Some("2026-05-08T09:30:00Z")
        );
        assert_eq!(normalise_instant("May 8"), None);
        assert_eq!(now().len(), "2026-05-08T09:30:00Z".len());
    }
}
