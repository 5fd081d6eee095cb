/**
 * Dates and timestamps as text, for every year DuckDB can hold (issue 13, item 5).
 *
 * `Date.prototype.toISOString` writes years outside 0–9999 in the six-digit expanded form
 * (`+010000-01-01T…`), so `toISOString().slice(0, 10)` turned 10000-01-01 — the day after the
 * common placeholder 9999-12-31 — into `+010000-01`, which DuckDB then refused as a date. And a
 * Date cannot hold DuckDB's largest dates at all (`'infinity'::DATE`, year 5 881 580).
 *
 * Here the calendar is computed from the day number with integer arithmetic (the proleptic
 * Gregorian calendar with astronomical years, as DuckDB counts: year 0 is 1 BC), and years are
 * written as DuckDB casts them back: four digits at least (`0000`, `0999`, `10000`), a leading
 * `-` before the year for years before 0 (`-0044-03-15`). DuckDB's infinite dates come out as
 * `infinity` / `-infinity`, as DuckDB writes them.
 */

const DAY_MS = 86_400_000;
/** DuckDB's DATE 'infinity' and '-infinity', in days since 1970-01-01. */
const INFINITE_DAYS = 2_147_483_647;

/** Year, month (1–12) and day of the month of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
	// Howard Hinnant's days_from_civil inverse: 400-year eras of 146 097 days, March-based years.
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

function yearText(y: number): string {
	const digits = String(Math.abs(y)).padStart(4, '0');
	return y < 0 ? `-${digits}` : digits;
}

/** A day number (days since 1970-01-01) as `YYYY-MM-DD` for any year; see the file comment. */
export function dayNumberText(days: number): string {
	if (days >= INFINITE_DAYS) return 'infinity';
	if (days <= -INFINITE_DAYS) return '-infinity';
	const { year, month, day } = civilFromDays(days);
	return `${yearText(year)}-${two(month)}-${two(day)}`;
}

/** Milliseconds since 1970-01-01 UTC as the date `YYYY-MM-DD` (UTC), for any year. */
export function dayText(ms: number): string {
	return dayNumberText(Math.floor(ms / DAY_MS));
}

/** Milliseconds since 1970-01-01 UTC as `YYYY-MM-DD HH:MM:SS` (UTC, seconds cut), any year. */
export function timestampText(ms: number): string {
	const days = Math.floor(ms / DAY_MS);
	const date = dayNumberText(days);
	if (date.endsWith('infinity')) return date;
	const secs = Math.floor((ms - days * DAY_MS) / 1000);
	return `${date} ${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}:${two(secs % 60)}`;
}
