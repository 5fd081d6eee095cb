// The SQL of the customer value forecast (definitions in ./sql.ts): the per-customer input
// summary, its groups for the fits, the holdout and tracking counts, and — once the fit's group
// predictions are in PREDICTIONS_TABLE — the per-customer forecast.
import { int, lit, raw, sql, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';
import { UNIT_DAYS, type ClvSettings } from './settings';

/** Group predictions of every fit (one row per (fit_key, x, tx_days, T_days)). */
export const PREDICTIONS_TABLE = '__clv_predictions';
/** Fitted parameters (one row per fit_key), read by the per-customer statements. */
export const FITS_TABLE = '__clv_fits';

/** How many fits' tables are kept (a few scopes and settings to go back to; each is small). */
export const KEEP_FITS = 4;

/** FNV-1a (32 bit) of `text`, as 8 hex digits: the fit's key in the prediction tables. */
export function fnv1a(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The run's copies of `occasions`, `period` and `customer_summary` (temp tables named after the
 * fit's key, so two runs at once do not share them): ten statements read them instead of each
 * computing the summary again. Statements shown to the user are built without them.
 */
export function storedTables(key: string) {
	return {
		occasions: `__clv_${key}_occasions`,
		period: `__clv_${key}_period`,
		summary: `__clv_${key}_summary`
	};
}

/** Statements that create the run's copies (storedTables), in order. */
export function storeSummaryStatements(scope: Scope, s: ClvSettings, key: string): Sql[] {
	const t = storedTables(key);
	const fromOccasions = summaryCtes(scope, s, { occasions: t.occasions });
	return [
		sql`CREATE OR REPLACE TEMP TABLE ${raw(t.occasions)} AS
${summaryCtes(scope, s)}
SELECT * FROM occasions`,
		sql`CREATE OR REPLACE TEMP TABLE ${raw(t.period)} AS
${fromOccasions}
SELECT * FROM period`,
		sql`CREATE OR REPLACE TEMP TABLE ${raw(t.summary)} AS
${fromOccasions}
SELECT * FROM customer_summary`
	];
}

/** Statements that drop the run's copies. */
export function dropSummaryStatements(key: string): Sql[] {
	return Object.values(storedTables(key)).map((t) => sql`DROP TABLE IF EXISTS ${raw(t)}`);
}

/**
 * The summary CTEs (without the final SELECT): occasions, period, customer_summary and the steps
 * between. `stored`: read some of them from the run's copies (storedTables).
 */
export function summaryCtes(
	scope: Scope,
	s: ClvSettings,
	stored: { occasions: string; period?: string; summary?: string } | null = null
): Sql {
	if (stored?.period && stored.summary) {
		return sql`WITH ${scopeCtes(scope)},
occasions AS (SELECT * FROM ${raw(stored.occasions)}),
period AS (SELECT * FROM ${raw(stored.period)}),
customer_summary AS (SELECT * FROM ${raw(stored.summary)})`;
	}
	const unit = lit(UNIT_DAYS[s.unit]);
	// Two thirds of the range of purchase days, whole days down, unless the user picked a date.
	const calEnd =
		s.calibrationEnd === null
			? sql`first_day + CAST(floor(date_diff('day', first_day, last_day) * 2 / 3) AS INTEGER)`
			: sql`CAST(${lit(s.calibrationEnd)} AS DATE)`;
	const occasions = stored
		? sql`SELECT * FROM ${raw(stored.occasions)}`
		: sql`SELECT customer_id, order_date AS day, CAST(sum(revenue) AS DOUBLE) AS value
	FROM scoped_orders
	WHERE is_purchase
	GROUP BY customer_id, order_date`;
	return sql`WITH ${scopeCtes(scope)},
occasions AS (
	${occasions}
),
bounds AS (
	SELECT CAST(min(day) AS DATE) AS first_day, CAST(max(day) AS DATE) AS last_day FROM occasions
),
period AS (
	SELECT first_day, last_day, CAST(${calEnd} AS DATE) AS cal_end, CAST(${unit} AS DOUBLE) AS unit_days
	FROM bounds
),
calibration AS (
	SELECT
		o.customer_id,
		o.day,
		o.value,
		row_number() OVER (PARTITION BY o.customer_id ORDER BY o.day) AS k
	FROM occasions o, period p
	WHERE o.day <= p.cal_end
),
customer_base AS (
	SELECT
		customer_id,
		CAST(count(*) - 1 AS INTEGER) AS x,
		CAST(min(day) AS DATE) AS first_purchase,
		CAST(max(day) AS DATE) AS last_purchase,
		CAST(avg(value) FILTER (WHERE k > 1) AS DOUBLE) AS m
	FROM calibration
	GROUP BY customer_id
),
holdout AS (
	SELECT o.customer_id, CAST(count(*) AS INTEGER) AS holdout_purchases
	FROM occasions o, period p
	WHERE o.day > p.cal_end
	GROUP BY o.customer_id
),
customer_summary AS (
	SELECT
		b.customer_id,
		b.x,
		CAST(date_diff('day', b.first_purchase, b.last_purchase) AS INTEGER) AS tx_days,
		CAST(date_diff('day', b.first_purchase, p.cal_end) AS INTEGER) AS T_days,
		date_diff('day', b.first_purchase, b.last_purchase) / p.unit_days AS t_x,
		date_diff('day', b.first_purchase, p.cal_end) / p.unit_days AS T,
		b.m,
		b.first_purchase,
		b.last_purchase,
		coalesce(h.holdout_purchases, 0) AS holdout_purchases
	FROM customer_base b
	CROSS JOIN period p
	LEFT JOIN holdout h USING (customer_id)
)`;
}

/** The per-customer forecast: the summary joined with its group's predictions and the fit. */
function forecastCtes(scope: Scope, s: ClvSettings, key: string, stored: boolean): Sql {
	return sql`${summaryCtes(scope, s, stored ? storedTables(key) : null)},
fit AS (SELECT * FROM ${raw(FITS_TABLE)} WHERE fit_key = ${lit(key)}),
forecast AS (
	SELECT
		c.customer_id,
		c.x,
		c.t_x,
		c.T,
		c.m,
		c.holdout_purchases,
		c.last_purchase,
		pr.p_alive,
		pr.exp_horizon AS expected_purchases,
		pr.exp_holdout AS expected_holdout,
		-- Gamma-Gamma's conditional mean spend (p (γ + x m) / (p x + q − 1)); the population mean
		-- for x = 0. NULL when the spend model is not usable (no fit, or q ≤ 1).
		CASE WHEN f.q > 1 THEN f.p * (f.gamma + c.x * coalesce(c.m, 0)) / (f.p * c.x + f.q - 1) END AS expected_value,
		pr.discounted
	FROM customer_summary c
	CROSS JOIN fit f
	JOIN ${raw(PREDICTIONS_TABLE)} pr
		ON pr.fit_key = f.fit_key AND pr.run = f.run AND pr.x = c.x AND pr.tx_days = c.tx_days AND pr.T_days = c.T_days
),
ranked AS (
	SELECT
		*,
		expected_value * discounted AS clv,
		CAST(1 + floor(10 * (rank() OVER (ORDER BY expected_value * discounted DESC NULLS LAST) - 1) / count(*) OVER ()) AS INTEGER) AS clv_decile,
		CASE
			WHEN p_alive < 0.25 THEN 'p0_25'
			WHEN p_alive < 0.5 THEN 'p25_50'
			WHEN p_alive < 0.75 THEN 'p50_75'
			ELSE 'p75_100'
		END AS p_alive_band
	FROM forecast
)`;
}

/** Columns of the per-customer table and its CSV, in order. */
export const CUSTOMER_COLUMNS = [
	'customer_id',
	'x',
	't_x',
	'T',
	'p_alive',
	'expected_purchases',
	'expected_value',
	'clv'
] as const;

const customerSelect = raw(
	`SELECT customer_id, x, t_x, T, p_alive, expected_purchases, expected_value, clv, clv_decile, p_alive_band, last_purchase`
);

/** How many of the top customers the section lists. */
export const TOP_ROWS = 20;

/**
 * Statements of the forecast: the fit's input and, after the fit, the per-customer results.
 * `stored`: read the run's copies of the summary (storeSummaryStatements ran).
 */
export function buildClvQueries(scope: Scope, s: ClvSettings, key: string, stored = false) {
	const base = summaryCtes(scope, s, stored ? storedTables(key) : null);
	const f = forecastCtes(scope, s, key, stored);
	return {
		/** One row: the period, counts of the customers in and out of the model, holdout length. */
		info: sql`${base},
returns_only AS (SELECT CAST(count(*) AS INTEGER) AS n FROM scoped_customers WHERE returns_only)
SELECT
	CAST(p.first_day AS VARCHAR) AS first_day,
	CAST(p.last_day AS VARCHAR) AS last_day,
	CAST(p.cal_end AS VARCHAR) AS calibration_end,
	p.unit_days,
	CAST(date_diff('day', p.cal_end, p.last_day) AS INTEGER) AS holdout_days,
	CAST((SELECT count(*) FROM customer_summary) AS INTEGER) AS customers,
	CAST((SELECT count(*) FROM customer_summary WHERE x > 0) AS INTEGER) AS repeat_buyers,
	CAST((SELECT count(*) FROM customer_summary WHERE x > 0 AND NOT m > 0) AS INTEGER) AS zero_value_repeat_buyers,
	CAST((SELECT count(DISTINCT customer_id) FROM occasions o WHERE o.day > p.cal_end AND o.customer_id NOT IN (SELECT customer_id FROM customer_summary)) AS INTEGER) AS new_after_calibration,
	(SELECT n FROM returns_only) AS returns_only,
	CAST((SELECT coalesce(sum(x), 0) FROM customer_summary) AS INTEGER) AS calibration_repeats,
	CAST((SELECT coalesce(sum(holdout_purchases), 0) FROM customer_summary) AS INTEGER) AS holdout_purchases,
	CAST((SELECT corr(x, m) FROM customer_summary WHERE x > 0 AND m > 0) AS DOUBLE) AS frequency_value_corr
FROM period p`,
		/** Per customer: x, t_x, T (in the unit), m, holdout purchases. */
		summary: sql`${base}
SELECT customer_id, x, tx_days, T_days, t_x, T, m, holdout_purchases
FROM customer_summary
ORDER BY customer_id`,
		/** The BG/NBD fit's input: customers with the same (x, t_x, T), counted. */
		groups: sql`${base}
SELECT x, tx_days, T_days, any_value(t_x) AS t_x, any_value(T) AS T, CAST(count(*) AS INTEGER) AS weight
FROM customer_summary
GROUP BY x, tx_days, T_days
ORDER BY x, tx_days, T_days`,
		/** The Gamma-Gamma fit's input: repeat buyers with a positive mean repeat value. */
		spend_groups: sql`${base}
SELECT x, m, CAST(count(*) AS INTEGER) AS weight
FROM customer_summary
WHERE x > 0 AND m > 0
GROUP BY x, m
ORDER BY x, m`,
		/** Customers by their first purchase day (the tracking plot's expected curve). */
		first_days: sql`${base}
SELECT CAST(date_diff('day', p.first_day, c.first_purchase) AS INTEGER) AS day, CAST(count(*) AS INTEGER) AS customers
FROM customer_summary c, period p
GROUP BY 1
ORDER BY 1`,
		/** Repeat purchases (every purchase day after the first) of the model's customers by day. */
		repeat_days: sql`${base}
SELECT CAST(date_diff('day', p.first_day, o.day) AS INTEGER) AS day, CAST(count(*) AS INTEGER) AS repeats
FROM occasions o
JOIN customer_summary c USING (customer_id)
CROSS JOIN period p
WHERE o.day > c.first_purchase
GROUP BY 1
ORDER BY 1`,
		/** Expected vs actual holdout purchases by calibration repeat purchases 0 … 7+. */
		holdout: sql`${f}
SELECT
	CAST(least(x, 7) AS INTEGER) AS x_bucket,
	CAST(count(*) AS INTEGER) AS customers,
	CAST(sum(holdout_purchases) AS DOUBLE) AS actual,
	CAST(sum(expected_holdout) AS DOUBLE) AS expected
FROM forecast
GROUP BY 1
ORDER BY 1`,
		/** Totals and the CLV histogram's range. */
		totals: sql`${f}
SELECT
	CAST(count(*) AS INTEGER) AS customers,
	CAST(sum(expected_purchases) AS DOUBLE) AS expected_purchases,
	CAST(sum(clv) AS DOUBLE) AS clv,
	CAST(quantile_cont(clv, 0.99) AS DOUBLE) AS clv_p99,
	CAST(count(*) FILTER (WHERE clv_decile = 1 AND p_alive < 0.5) AS INTEGER) AS slipping
FROM ranked`,
		/** CLV histogram: 20 bins up to the 99th percentile, the rest in the last bin. */
		distribution: sql`${f},
cap AS (SELECT greatest(quantile_cont(clv, 0.99), 1e-9) AS hi FROM ranked),
binned AS (
	SELECT CAST(least(floor(clv / (hi / 20)), 19) AS INTEGER) AS bin, hi FROM ranked, cap WHERE clv IS NOT NULL
)
SELECT bin, any_value(hi) / 20 * bin AS lo, any_value(hi) / 20 * (bin + 1) AS hi, bin = 19 AS is_last, CAST(count(*) AS INTEGER) AS customers
FROM binned
GROUP BY bin
ORDER BY bin`,
		/** The top customers by CLV. */
		top: sql`${f}
${customerSelect}
FROM ranked
ORDER BY clv DESC NULLS LAST, customer_id
LIMIT ${int(TOP_ROWS)}`,
		/** Valuable but slipping away: top CLV decile with P(alive) < 0.5, most valuable first. */
		slipping: sql`${f}
${customerSelect}
FROM ranked
WHERE clv_decile = 1 AND p_alive < 0.5
ORDER BY clv DESC, customer_id`,
		/** Every customer's forecast (the CSV). */
		customers: sql`${f}
${customerSelect}
FROM ranked
ORDER BY customer_id`
	};
}

export type ClvQueries = ReturnType<typeof buildClvQueries>;

/**
 * The (customer_id, value) statement of a per-customer column of the forecast: every customer in
 * scope, the value NULL for those without a forecast (first purchase after the calibration end,
 * returns only, no usable fit).
 */
export function derivedStatement(
	scope: Scope,
	s: ClvSettings,
	key: string,
	column: 'clv_decile' | 'p_alive_band'
): Sql {
	return sql`${forecastCtes(scope, s, key, false)}
SELECT c.customer_id, CAST(r.${raw(column)} AS VARCHAR) AS value
FROM scoped_customers c
LEFT JOIN ranked r USING (customer_id)`;
}
