//! UTC calendar arithmetic on Unix times (seconds), for transfer windows and coupon dates.

use crate::Moment;

/// The UTC calendar date `(year, month 1-12, day 1-31)` of a Unix time in seconds
/// (Howard Hinnant's days-to-civil algorithm).
pub fn civil_date(seconds: Moment) -> (i64, u8, u8) {
	let days = (seconds / 86_400) as i64 + 719_468;
	let era = days.div_euclid(146_097);
	let day_of_era = days.rem_euclid(146_097);
	let year_of_era =
		(day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
	let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	let mp = (5 * day_of_year + 2) / 153;
	let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
	let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
	let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
	(year, month, day)
}

/// The Unix time (seconds) of 00:00 UTC on `year`-`month`-`day` (days-from-civil).
pub fn unix_time_of(year: i64, month: u8, day: u8) -> Moment {
	let y = if month <= 2 { year - 1 } else { year };
	let era = y.div_euclid(400);
	let year_of_era = y - era * 400;
	let m = month as i64;
	let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
	let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	let days = era * 146_097 + day_of_era - 719_468;
	(days.max(0) as u64) * 86_400
}

/// The Unix time (seconds) `months` calendar months after `seconds`, at the same time of day;
/// the day of month is kept, or clamped to the last day of a shorter month (31 January plus one
/// month is 28 or 29 February), as bond coupon calendars do.
pub fn add_months(seconds: Moment, months: u32) -> Moment {
	let (year, month, day) = civil_date(seconds);
	let time_of_day = seconds % 86_400;
	let index = year * 12 + (month as i64 - 1) + months as i64;
	let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
	let day = day.min(days_in_month(year, month));
	unix_time_of(year, month, day) + time_of_day
}

/// How many days `month` (1-12) of `year` has.
pub fn days_in_month(year: i64, month: u8) -> u8 {
	match month {
		4 | 6 | 9 | 11 => 30,
		2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
		2 => 28,
		_ => 31,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn adding_months_clamps_to_the_end_of_shorter_months() {
		let jan_31 = unix_time_of(2024, 1, 31) + 3_600;
		assert_eq!(civil_date(add_months(jan_31, 1)), (2024, 2, 29));
		assert_eq!(civil_date(add_months(jan_31, 13)), (2025, 2, 28));
		assert_eq!(civil_date(add_months(jan_31, 3)), (2024, 4, 30));
		assert_eq!(add_months(jan_31, 12) % 86_400, 3_600);
		assert_eq!(civil_date(add_months(unix_time_of(2024, 11, 15), 6)), (2025, 5, 15));
	}
}
