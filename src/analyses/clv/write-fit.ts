/**
 * The fit's parameters and group predictions into DuckDB (FITS_TABLE, PREDICTIONS_TABLE), under
 * the fit's key, so the per-customer forecast is a join. Plain tables, not TEMP ones: the
 * notebook runs its cells on a second connection, which would not see a temp table. The tables
 * keep the last KEEP_FITS fits (the dashboard's cache may show an earlier scope's result again).
 *
 * A run's rows are written under its own run number and become the key's forecast in one
 * statement (the fits row's `run`, INSERT OR REPLACE), so a download or a derived field read while
 * the same key is fitted again sees the previous rows or the new ones, never none or both.
 */
import type { QueryFn } from '../../core/analysis';
import { int, lit, raw, sql, type Sql } from '../../core/sql';
import type { FitJobOutput } from './job';
import { FITS_TABLE, KEEP_FITS, PREDICTIONS_TABLE } from './queries';
import { nextRun, numberLiteral as num } from '../work-tables';

/**
 * Rows per INSERT statement: its text is built between two statements (each await of the
 * engine ends a task), so one chunk's number formatting is all the page does at a time.
 */
const CHUNK = 5000;

/**
 * A chunk's rows reach DuckDB as one text parameter, a line per row and its fields separated by
 * commas, split and cast in SQL. Not a VALUES list: DuckDB binds every literal of one on its
 * own, 40-65 ms per 1,000 rows natively, most of the CLV section's SQL at 1 M lines (30 such
 * statements, 1.5 s). CAST(text AS DOUBLE) reads the shortest text JavaScript gives a double as
 * that same double; an empty field is NULL (∞, NaN, a missing value).
 */
function rowsInsert(key: string, run: number, text: string): Sql {
	const f = (i: number, type: string) => raw(`CAST(nullif(f[${i}], '') AS ${type})`);
	return sql`INSERT INTO ${preds}
SELECT ${lit(key)}, ${int(run)}, ${f(1, 'INTEGER')}, ${f(2, 'INTEGER')}, ${f(3, 'INTEGER')}, ${f(4, 'DOUBLE')}, ${f(5, 'DOUBLE')}, ${f(6, 'DOUBLE')}, ${f(7, 'DOUBLE')}
FROM (SELECT string_split(line, ',') AS f FROM (SELECT unnest(string_split(${text}, chr(10))) AS line))`;
}

/** A finite number as text; '' otherwise (read as NULL). */
const field = (v: number | undefined): string =>
	v !== undefined && Number.isFinite(v) ? String(v) : '';

const fits = raw(FITS_TABLE);
const preds = raw(PREDICTIONS_TABLE);

/** The tables, created when missing (the forecast's statements then always find them). */
export function createFitTables(): Sql[] {
	return [
		sql`CREATE TABLE IF NOT EXISTS ${fits} (fit_key VARCHAR PRIMARY KEY, seq INTEGER, run BIGINT, r DOUBLE, alpha DOUBLE, a DOUBLE, b DOUBLE, p DOUBLE, q DOUBLE, gamma DOUBLE)`,
		sql`CREATE TABLE IF NOT EXISTS ${preds} (fit_key VARCHAR, run BIGINT, x INTEGER, tx_days INTEGER, T_days INTEGER, p_alive DOUBLE, exp_horizon DOUBLE, exp_holdout DOUBLE, discounted DOUBLE)`
	];
}

/** No forecast under `key` (nothing to fit): its fits row goes first, then its rows. */
export function dropFitStatements(key: string): Sql[] {
	const k = lit(key);
	return [
		...createFitTables(),
		sql`DELETE FROM ${fits} WHERE fit_key = ${k}`,
		sql`DELETE FROM ${preds} WHERE fit_key = ${k}`
	];
}

/** Statements that store one fit, in order; each built when asked for (a generator). */
export function* writeFitStatements(
	key: string,
	out: FitJobOutput,
	groups: readonly { x: number; tx_days: number; T_days: number }[]
): Generator<Sql> {
	if (!/^[0-9a-f]{8}$/.test(key)) throw new Error(`clv: fit key ${key} is not 8 hex digits`);
	const k = lit(key);
	const run = nextRun();
	const bg = out.bg!.params;
	const gg = out.gg && !out.gg.problem ? out.gg.params : null;
	yield* createFitTables();
	for (let i = 0; i < groups.length; i += CHUNK) {
		let text = '';
		for (let j = i; j < Math.min(groups.length, i + CHUNK); j++) {
			const g = groups[j]!;
			text += `${j > i ? '\n' : ''}${g.x | 0},${g.tx_days | 0},${g.T_days | 0},${field(out.pAlive[j])},${field(out.expHorizon[j])},${field(out.expHoldout[j])},${field(out.discounted[j])}`;
		}
		yield rowsInsert(key, run, text);
	}
	// The switch: from here the key's forecast is this run's rows.
	const params = [bg.r, bg.alpha, bg.a, bg.b, gg?.p, gg?.q, gg?.gamma].map(num).join(', ');
	yield sql`INSERT OR REPLACE INTO ${fits} SELECT ${k}, coalesce(max(seq), 0) + 1, ${int(run)}, ${raw(params)} FROM ${fits}`;
	yield sql`DELETE FROM ${preds} WHERE fit_key = ${k} AND run <> ${int(run)}`;
	// Forget all but the last KEEP_FITS fits.
	yield sql`DELETE FROM ${fits} WHERE seq <= (SELECT max(seq) FROM ${fits}) - ${int(KEEP_FITS)}`;
	yield sql`DELETE FROM ${preds} WHERE fit_key NOT IN (SELECT fit_key FROM ${fits})`;
}

/** Store one fit (or, with `out` null, none) through the analysis' query function. */
export async function writeFit(
	query: QueryFn,
	key: string,
	out: FitJobOutput | null,
	groups: readonly { x: number; tx_days: number; T_days: number }[]
): Promise<void> {
	const statements = out ? writeFitStatements(key, out, groups) : dropFitStatements(key);
	for (const stmt of statements) await query(stmt);
}
