//! Calendar periods in UTC, for the giving budget and the leaderboards: a week starts on Monday
//! 00:00, a month on day 1, a quarter on January, April, July or October 1.

use crate::config::Period;

const DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month 1-12) of a day since 1970-01-01 (the inverse of [`days_from_civil`]).
fn year_month(days: i64) -> (i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month)
}

/// The first day of the month `months` after (year, month).
fn month_start(year: i64, month: i64, months: i64) -> i64 {
    let index = year * 12 + (month - 1) + months;
    days_from_civil(index.div_euclid(12), index.rem_euclid(12) + 1, 1) * DAY
}

/// `[start, end)` in unix seconds of the period that contains `now`.
pub fn bounds(period: Period, now: i64) -> (i64, i64) {
    let today = now.div_euclid(DAY);
    match period {
        Period::Week => {
            // 1970-01-01 was a Thursday: three days after a Monday.
            let monday = today - (today + 3).rem_euclid(7);
            (monday * DAY, (monday + 7) * DAY)
        }
        Period::Month => {
            let (year, month) = year_month(today);
            (month_start(year, month, 0), month_start(year, month, 1))
        }
        Period::Quarter => {
            let (year, month) = year_month(today);
            let first = month - (month - 1) % 3;
            (month_start(year, first, 0), month_start(year, first, 3))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::rfc3339;

    fn at(text: &str) -> i64 {
        // "YYYY-MM-DD HH"
        let n = |r: std::ops::Range<usize>| text[r].parse::<i64>().unwrap();
        days_from_civil(n(0..4), n(5..7), n(8..10)) * DAY + n(11..13) * 3600
    }

    fn shown(period: Period, now: &str) -> (String, String) {
        let (start, end) = bounds(period, at(now));
        (rfc3339(start), rfc3339(end))
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-27 is a Friday.
        let week = ("2026-11-23T00:00:00Z".into(), "2026-11-30T00:00:00Z".into());
        assert_eq!(shown(Period::Week, "2026-11-27 03"), week);
        assert_eq!(shown(Period::Week, "2026-11-23 00"), week);
        assert_eq!(shown(Period::Week, "2026-11-29 23"), week);
        // Across a year end.
        assert_eq!(
            shown(Period::Week, "2027-01-01 12"),
            ("2026-12-28T00:00:00Z".into(), "2027-01-04T00:00:00Z".into())
        );
    }

    #[test]
    fn months_and_quarters() {
        assert_eq!(
            shown(Period::Month, "2026-11-27 03"),
            ("2026-11-01T00:00:00Z".into(), "2026-12-01T00:00:00Z".into())
        );
        assert_eq!(
            shown(Period::Month, "2026-12-31 23"),
            ("2026-12-01T00:00:00Z".into(), "2027-01-01T00:00:00Z".into())
        );
        assert_eq!(
            shown(Period::Month, "2028-02-29 10"),
            ("2028-02-01T00:00:00Z".into(), "2028-03-01T00:00:00Z".into())
        );
        assert_eq!(
            shown(Period::Quarter, "2026-11-27 03"),
            ("2026-10-01T00:00:00Z".into(), "2027-01-01T00:00:00Z".into())
        );
        assert_eq!(
            shown(Period::Quarter, "2027-03-31 23"),
            ("2027-01-01T00:00:00Z".into(), "2027-04-01T00:00:00Z".into())
        );
        assert_eq!(
            shown(Period::Quarter, "2027-04-01 00"),
            ("2027-04-01T00:00:00Z".into(), "2027-07-01T00:00:00Z".into())
        );
    }

    #[test]
    fn civil_dates_round_trip() {
        for day in -800_000..800_000i64 {
            if day % 997 != 0 {
                continue;
            }
            let (year, month) = year_month(day);
            let first = days_from_civil(year, month, 1);
            assert!(first <= day && day - first < 31, "{day}");
        }
    }
}
