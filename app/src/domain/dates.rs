//! Dates as readers see them. The database keeps `YYYY-MM-DD` days,
//! `YYYY-MM` months and `YYYY-MM-DDTHH:MM:SSZ` instants; these functions
//! turn them into labels and refuse anything else.

use time::{format_description::well_known::Rfc3339, macros::format_description, Date, Month};

/// `2026-05-08T09:00:00Z` → `2026-05-08`; the instant's day in UTC.
pub fn day_of(instant: &str) -> Option<String> {
    let parsed = time::OffsetDateTime::parse(instant, &Rfc3339).ok()?;
    let day = parsed.to_offset(time::UtcOffset::UTC).date();
    // Year 0 east of UTC falls in year -1, which no `YYYY-MM-DD` names.
    (day.year() >= 0).then(|| format_day(day))
}

/// `YYYY-MM-DD` and nothing else: `[year]` alone would take a sign too.
pub fn parse_day(day: &str) -> Option<Date> {
    if !day.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Date::parse(day, format_description!("[year]-[month]-[day]")).ok()
}

pub fn format_day(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// `2026-05-08` → `May 8, 2026`.
pub fn day_label(day: &str) -> String {
    match parse_day(day) {
        Some(d) => format!("{} {}, {}", month_abbr(d.month()), d.day(), d.year()),
        None => day.to_owned(),
    }
}

/// `2025-12` → `Dec 2025`.
pub fn month_label(month: &str) -> Option<String> {
    let (year, number) = month.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let number: u8 = number.parse().ok()?;
    let month = Month::try_from(number).ok()?;
    Some(format!("{} {year}", month_abbr(month)))
}

/// `Dec 2025 – Present` or `Mar 2023 – Jan 2026`.
pub fn month_range(start: &str, end: Option<&str>) -> String {
    let start = month_label(start).unwrap_or_else(|| start.to_owned());
    let end = match end {
        None => "Present".to_owned(),
        Some(end) => month_label(end).unwrap_or_else(|| end.to_owned()),
    };
    format!("{start} – {end}")
}

fn month_abbr(month: Month) -> &'static str {
    match month {
        Month::January => "Jan",
        Month::February => "Feb",
        Month::March => "Mar",
        Month::April => "Apr",
        Month::May => "May",
        Month::June => "Jun",
        Month::July => "Jul",
        Month::August => "Aug",
        Month::September => "Sep",
        Month::October => "Oct",
        Month::November => "Nov",
        Month::December => "Dec",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_become_days() {
        assert_eq!(
            day_of("2026-05-08T23:30:00Z").as_deref(),
            Some("2026-05-08")
        );
        assert_eq!(day_of("yesterday"), None);
    }

    /// Found by the `domain` fuzz target: `-0449-07-08` was a day, written
    /// back as `-449-07-08`, and year 0 east of UTC gave `-001-12-31`.
    #[test]
    fn days_have_four_digit_years_without_a_sign() {
        assert_eq!(parse_day("-0449-07-08"), None);
        assert_eq!(parse_day("+2024-05-08"), None);
        assert_eq!(day_of("0000-01-01T00:30:00+01:00"), None);
        assert_eq!(
            day_of("0000-01-01T00:30:00Z").as_deref(),
            Some("0000-01-01")
        );
    }

    #[test]
    fn labels_read_naturally() {
        assert_eq!(day_label("2026-05-08"), "May 8, 2026");
        assert_eq!(month_range("2025-12", None), "Dec 2025 – Present");
        assert_eq!(
            month_range("2023-03", Some("2026-01")),
            "Mar 2023 – Jan 2026"
        );
        assert_eq!(month_label("2023-13"), None);
    }
}
