// The forecast's result, as the section reads it (sql.ts fills it).
import type { BgnbdParams, FitResult, GammaGammaParams } from './model/types';

/** One row of the info statement (queries.ts). */
export interface ClvInfo {
	/** First and last purchase day in scope, the calibration end (YYYY-MM-DD; null without data). */
	first_day: string | null;
	last_day: string | null;
	calibration_end: string | null;
	unit_days: number;
	/** Days from the calibration end to the last purchase day (the holdout's length). */
	holdout_days: number;
	/** Customers in the model (first purchase on or before the calibration end). */
	customers: number;
	repeat_buyers: number;
	/** Repeat buyers whose repeat purchases are all free (m = 0): not in the spend model. */
	zero_value_repeat_buyers: number;
	/** Customers whose first purchase is after the calibration end: not in the model. */
	new_after_calibration: number;
	/** Customers with returns only (no purchase): not in the model. */
	returns_only: number;
	calibration_repeats: number;
	holdout_purchases: number;
	/** Pearson correlation of x and m among repeat buyers (Gamma-Gamma assumes independence). */
	frequency_value_corr: number | null;
}

export interface HoldoutRow {
	/** Calibration repeat purchases, 7 = 7 or more. */
	x_bucket: number;
	customers: number;
	actual: number;
	expected: number;
}

export interface TrackingPoint {
	/** Days after the first purchase day of the data. */
	day: number;
	actual: number;
	expected: number;
}

export interface ClvCustomerRow {
	customer_id: string;
	x: number;
	t_x: number;
	T: number;
	p_alive: number;
	expected_purchases: number;
	expected_value: number | null;
	clv: number | null;
	clv_decile: number;
	p_alive_band: string;
	last_purchase: string;
}

export interface ClvBin {
	bin: number;
	lo: number;
	hi: number;
	/** The last bin also holds everything above the 99th percentile. */
	is_last: boolean;
	customers: number;
}

/** P(alive) of a customer with x repeat purchases, the last at t_x, observed for T (the largest T). */
export interface AliveMatrix {
	T: number;
	xs: number[];
	txs: number[];
	/** p[i][j] for xs[i], txs[j]; null where t_x = 0 and x > 0 is impossible… kept as computed. */
	p: number[][];
}

export interface ClvResult {
	/** The fit's key in the prediction tables. */
	key: string;
	info: ClvInfo;
	/** The horizon in units. */
	horizon: number;
	bg: FitResult<BgnbdParams> | null;
	gg: FitResult<GammaGammaParams> | null;
	/** Codes the section explains (job.ts JobProblem, 'no-data', 'bg-…' / 'gg-…' from the fits). */
	problems: string[];
	tracking: TrackingPoint[];
	holdout: HoldoutRow[];
	/** (expected − actual) / actual of the holdout purchases; null without a holdout. */
	holdoutError: number | null;
	matrix: AliveMatrix | null;
	totals: {
		customers: number;
		expected_purchases: number;
		clv: number | null;
		clv_p99: number | null;
		slipping: number;
	} | null;
	distribution: ClvBin[];
	top: ClvCustomerRow[];
	/** The whole "slipping away" list; null when run with customerLists: false (fetched on export). */
	slipping: ClvCustomerRow[] | null;
	slippingPreview: ClvCustomerRow[];
	/** Every customer's forecast; null when run with customerLists: false. */
	customers: ClvCustomerRow[] | null;
	/** Time the fit job took (in its thread). */
	ms: number;
}
