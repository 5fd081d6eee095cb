// The simulated calendar: day strings, seasonality of purchases and of customer acquisition.
// Day 0 is START; everything is UTC, formatted by hand (no locale, no time zone).

export const START = '2022-01-01';
export const END = '2024-12-31';
const DAY_MS = 86_400_000;
const START_MS = Date.parse(START + 'T00:00:00Z');
export const DAYS = (Date.parse(END + 'T00:00:00Z') - START_MS) / DAY_MS + 1;

/** Purchase intensity by month (Jan … Dec): quiet after New Year, peaks in November/December. */
export const MONTH_FACTOR = [0.85, 0.8, 0.9, 0.95, 0.95, 1.0, 1.05, 0.9, 0.95, 1.0, 1.3, 1.55];
/** By weekday, Sunday first (getUTCDay order). */
export const WEEKDAY_FACTOR = [1.1, 1.0, 0.95, 0.95, 1.0, 1.05, 1.15];
/** Multipliers on sale days; new customers react more strongly than existing ones. */
export const SALE_BOOST = { purchases: 1.7, acquisition: 2.2 };
/** New customers per day grow by this factor over the whole window (exponential trend). */
export const ACQUISITION_GROWTH = 2.2;

export const pad2 = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' : '') + i);

/** Black Friday: the fourth Thursday of November + 1 day. */
function blackFriday(year) {
	const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
	const firstThursday = 1 + ((4 - nov1 + 7) % 7);
	return Date.UTC(year, 10, firstThursday + 21 + 1);
}

/** Which sale, if any, runs on a date: summer sale 5–14 July, Black Friday → Cyber Monday. */
function saleOn(ms, year, month, date) {
	if (month === 6 && date >= 5 && date <= 14) return 'summer';
	const bf = blackFriday(year);
	if (ms >= bf && ms < bf + 4 * DAY_MS) return 'black-friday';
	return '';
}

/** Per-day tables for `days` days from START. */
export function buildCalendar(days = DAYS) {
	const dayStr = new Array(days);
	const year = new Uint16Array(days);
	const month = new Uint8Array(days);
	const weekday = new Uint8Array(days);
	const sale = new Array(days);
	const purchase = new Float64Array(days);
	const acquisition = new Float64Array(days);
	for (let d = 0; d < days; d++) {
		const ms = START_MS + d * DAY_MS;
		const dt = new Date(ms);
		const y = dt.getUTCFullYear();
		const m = dt.getUTCMonth();
		const date = dt.getUTCDate();
		dayStr[d] = `${y}-${pad2[m + 1]}-${pad2[date]}`;
		year[d] = y;
		month[d] = m;
		weekday[d] = dt.getUTCDay();
		sale[d] = saleOn(ms, y, m, date);
		let f = MONTH_FACTOR[m] * WEEKDAY_FACTOR[weekday[d]];
		if (m === 11 && date >= 1 && date <= 20) f *= 1.25; // Christmas shopping
		if (m === 11 && date >= 24 && date <= 26) f *= 0.4; // shops closed, families busy
		const trend = Math.pow(ACQUISITION_GROWTH, d / days);
		purchase[d] = sale[d] ? f * SALE_BOOST.purchases : f;
		acquisition[d] = trend * (sale[d] ? f * SALE_BOOST.acquisition : f);
	}
	let maxPurchase = 0;
	for (const f of purchase) maxPurchase = Math.max(maxPurchase, f);
	return { days, dayStr, year, month, weekday, sale, purchase, acquisition, maxPurchase };
}
