/**
 * Customer value forecast (issue 17; DESIGN.md §4 "Predictive"): BG/NBD (Fader, Hardie & Lee 2005)
 * for repeat purchases and P(alive), Gamma-Gamma for spend, CLV over a horizon, checked on a
 * holdout period.
 *
 * Input summary (queries.ts, SQL over the scope's purchase orders, DESIGN.md §3):
 * - A purchase occasion is one customer's purchase day: several purchase orders on one day are ONE
 *   occasion (a transaction in the papers). Its value is that day's net purchase revenue. Free
 *   (zero-value) purchases are purchases and count as occasions: dropping them would change x, t_x
 *   and T. Orders that are not purchases (returns, negative net) are not occasions; customers with
 *   returns only are left out of the model and counted (info.returns_only).
 * - Calibration: occasions on or before the calibration end E (inclusive; default: the first
 *   purchase day + ⌊⅔ × days between the first and last purchase day⌋). Holdout: occasions after E
 *   up to the last purchase day in scope. Customers whose first occasion is after E are not in the
 *   model (counted: info.new_after_calibration).
 * - Per customer: x = calibration occasions − 1 (repeat transactions); t_x = (last − first
 *   occasion) and T = (E − first occasion), in the unit, continuous (days / 7 for weeks, days /
 *   30.4375 for months, settings.ts); m = mean value of the repeat occasions (null when x = 0).
 * - The fit's input groups customers with the same (x, t_x in days, T in days) with weights, so a
 *   million customers fit from a few thousand rows; Gamma-Gamma uses repeat buyers with m > 0
 *   (its likelihood needs a positive spend; those with m = 0 are counted apart).
 * Models (model/, by h17m): maximum likelihood on log-parameters; BG/NBD with the optional L2
 * penalty `penalizer` (lifetimes' penalizer_coef). Fewer than MIN_REPEAT_BUYERS (30) repeat buyers,
 * a single purchase day, a non-converged fit, a non-finite likelihood, q ≤ 1 (Gamma-Gamma's mean
 * spend does not exist) and a ≈ 1 (E[X(t)] divides by a − 1) are reported, not drawn as numbers.
 * Predictions (job.ts, off the page's thread): per group P(alive), E[purchases in the horizon],
 * E[purchases in the holdout], and the discounted expected purchases over the horizon (monthly
 * steps, each discounted at its end at the annual rate converted to the unit). They are written
 * to the tables PREDICTIONS_TABLE / FITS_TABLE under the fit's key (a hash of the input SQL and
 * the settings), so the per-customer forecast, deciles, lists and exports are SQL joins. Expected
 * average value = Gamma-Gamma's p (γ + x m) / (p x + q − 1) (the population mean for x = 0); CLV =
 * expected average value × discounted expected purchases. Decile 1 = top 10 % by CLV, by rank
 * (ties share a decile: 1 + ⌊10 (rank − 1) / n⌋). "Valuable but slipping away": decile 1 with
 * P(alive) < 0.5.
 * Checks: tracking plot = cumulative actual repeat occasions of the model's customers by day vs
 * Σ over first-purchase days s of customers(s) × E[X(t − s)] (unconditional); holdout bars by
 * calibration x = 0 … 7+; holdout error = (expected − actual) / actual of the holdout total.
 */
import type { AnalysisDef, RunOptions, QueryFn } from '../../core/analysis';
import type { Scope } from '../../core/scope';
import { int, sql, type Sql } from '../../core/sql';
import {
	buildClvQueries,
	dropSummaryStatements,
	fnv1a,
	storeSummaryStatements,
	TOP_ROWS
} from './queries';
import {
	checkClvSettings,
	defaultClvSettings,
	discountPerUnit,
	discountSteps,
	horizonUnits,
	type ClvSettings
} from './settings';
import type { FitJobInput, FitJobOutput } from './job';
import { writeFit } from './write-fit';
import { withRunTables } from '../work-tables';
import { numberColumns } from '../packed';
import type { ClvCustomerRow, ClvInfo, ClvResult, HoldoutRow } from './result';

export { defaultClvSettings, type ClvSettings };
export type * from './result';

/** How many rows of the "slipping away" list the dashboard shows (the download has them all). */
export const SLIPPING_PREVIEW_ROWS = 50;
/** Points of the tracking plot at most (its step is at least one unit). */
const TRACKING_POINTS = 100;

/** The fit's key: the input statement and every setting (so two scopes never share a fit). */
export function clvFitKey(scope: Scope, s: ClvSettings): string {
	const plain: Scope = { ...scope, materialized: false };
	const q = buildClvQueries(plain, s, '').groups;
	return fnv1a(JSON.stringify([q.text, q.params, s]));
}

/** The named statements (the notebook's cells); the forecast ones read the fit's tables. */
export function clvQueries(scope: Scope, s: ClvSettings): Record<string, Sql> {
	checkClvSettings(s);
	return buildClvQueries(scope, s, clvFitKey(scope, s));
}

async function fitInput(
	query: QueryFn,
	q: ReturnType<typeof buildClvQueries>,
	info: ClvInfo,
	s: ClvSettings
) {
	const unit = info.unit_days;
	const groups = await query<{
		x: number;
		t_x: number;
		T: number;
		weight: number;
		tx_days: number;
		T_days: number;
	}>(q.groups);
	const spend = await query<{ x: number; m: number; weight: number }>(q.spend_groups);
	const firstDays = await query<{ day: number; customers: number }>(q.first_days);
	const lastOffset =
		(Date.parse(info.last_day ?? '') - Date.parse(info.first_day ?? '')) / 86_400_000;
	const step = Math.max(unit, Math.ceil(lastOffset / TRACKING_POINTS));
	const days: number[] = [];
	for (let d = 0; d < lastOffset; d += step) days.push(d);
	days.push(lastOffset);
	const calOffset = lastOffset - info.holdout_days;
	if (!days.includes(calOffset)) days.push(calOffset);
	days.sort((a, b) => a - b);
	// Typed columns, handed to the fit worker by transfer (job.ts GroupColumns).
	const g = await numberColumns(groups, ['x', 't_x', 'T', 'weight']);
	const input: FitJobInput = {
		groups: { x: g.x, tx: g.t_x, T: g.T, weight: g.weight },
		spend: await numberColumns(spend, ['x', 'm', 'weight']),
		singleDay: info.first_day === info.last_day,
		penalizer: s.penalizer,
		horizon: horizonUnits(s),
		holdout: info.holdout_days / unit,
		discount: discountPerUnit(s),
		steps: discountSteps(s),
		firstDays: {
			t: firstDays.map((f) => f.day / unit),
			customers: firstDays.map((f) => f.customers)
		},
		grid: days.map((d) => d / unit)
	};
	return { input, groups, days };
}

async function runClv(
	query: QueryFn,
	scope: Scope,
	s: ClvSettings,
	options?: RunOptions
): Promise<ClvResult> {
	checkClvSettings(s);
	const key = clvFitKey(scope, s);
	// One run at a time: two runs of one key (a setting sent twice) would clear and fill the same
	// prediction rows in turns, and share the summary's temp tables.
	// The summary once, in temp tables the run's statements read; dropped when the run ends.
	const mine = queue.then(() =>
		withRunTables(query, storeSummaryStatements(scope, s, key), dropSummaryStatements(key), () =>
			runStored(query, scope, s, key, options)
		)
	);
	queue = mine.catch(() => undefined);
	return mine;
}

/** The forecast's runs, one after the other (see runClv). */
let queue: Promise<unknown> = Promise.resolve();

async function runStored(
	query: QueryFn,
	scope: Scope,
	s: ClvSettings,
	key: string,
	options?: RunOptions
): Promise<ClvResult> {
	const q = buildClvQueries(scope, s, key, true);
	const [info] = await query<ClvInfo>(q.info);
	if (!info) throw new Error('clv: the info query returned no row');
	const empty: ClvResult = {
		key,
		info,
		horizon: horizonUnits(s),
		bg: null,
		gg: null,
		problems: [],
		tracking: [],
		holdout: [],
		holdoutError: null,
		matrix: null,
		totals: null,
		distribution: [],
		top: [],
		slipping: null,
		slippingPreview: [],
		customers: null,
		ms: 0
	};
	if (info.customers === 0 || info.first_day === null || info.last_day === null)
		return { ...(await noneFor(query, key, empty)), problems: ['no-data'] };
	const { input, groups, days } = await fitInput(query, q, info, s);
	const compute =
		options?.compute ?? (async (i: unknown) => (await import('./job')).runFitJob(i as FitJobInput));
	const out = (await compute(input)) as FitJobOutput;
	const result: ClvResult = {
		...empty,
		bg: out.bg,
		gg: out.gg,
		problems: [...out.problems],
		ms: out.ms
	};
	if (out.bg?.problem) result.problems.push(`bg-${out.bg.problem}`);
	if (out.gg?.problem) result.problems.push(`gg-${out.gg.problem}`);
	if (!out.bg || out.pAlive.length !== groups.length) return noneFor(query, key, result);
	await writeFit(query, key, out, groups);
	const repeats = await query<{ day: number; repeats: number }>(q.repeat_days);
	let j = 0;
	let cum = 0;
	result.tracking = days.map((d, i) => {
		while (j < repeats.length && repeats[j]!.day <= d) cum += repeats[j++]!.repeats;
		return { day: d, actual: cum, expected: out.tracking[i]! };
	});
	result.holdout = await query<HoldoutRow>(q.holdout);
	const actual = result.holdout.reduce((n, r) => n + r.actual, 0);
	const expected = result.holdout.reduce((n, r) => n + r.expected, 0);
	result.holdoutError = info.holdout_days > 0 && actual > 0 ? (expected - actual) / actual : null;
	result.matrix = out.matrix;
	result.totals = (await query<NonNullable<ClvResult['totals']>>(q.totals))[0] ?? null;
	result.distribution = await query(q.distribution);
	result.top = await query<ClvCustomerRow>(q.top);
	const lists = options?.customerLists !== false;
	result.slipping = lists ? await query<ClvCustomerRow>(q.slipping) : null;
	result.slippingPreview = result.slipping
		? result.slipping.slice(0, SLIPPING_PREVIEW_ROWS)
		: await query<ClvCustomerRow>(limitRows(q.slipping));
	result.customers = lists ? await query<ClvCustomerRow>(q.customers) : null;
	return result;
}

/** No forecast under `key` (nothing to fit): the forecast's statements find no rows. */
async function noneFor(query: QueryFn, key: string, result: ClvResult): Promise<ClvResult> {
	await writeFit(query, key, null, []);
	return result;
}

function limitRows(q: Sql): Sql {
	return sql`${q}\nLIMIT ${int(SLIPPING_PREVIEW_ROWS)}`;
}

export const clvAnalysis: AnalysisDef<ClvSettings, ClvResult> = {
	id: 'clv',
	queries: clvQueries,
	run: runClv
};

export { TOP_ROWS };
