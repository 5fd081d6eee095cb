/**
 * Warm-up (issue 6): while the user picks a file, run the app's own load pipeline and every
 * dashboard analysis once on a small generated order log.
 *
 * Why: V8 first runs a wasm function as baseline (Liftoff) code and compiles it again, optimised,
 * only once it has run enough; a call already running keeps its baseline code. DuckDB's CSV
 * reader, casts, hash aggregates, sorts and windows therefore ran the user's first file largely
 * on slow code: at 1 M lines the profile took 300–460 ms cold and 46–62 ms after a warm-up, RFM
 * about 1 s against 0.55 s (scripts/measure-load.mjs, ?nowarm against the default).
 *
 * The engine runs it on a connection of its own, in a throw-away in-memory database, and stops it
 * at the next statement when the page asks the engine for anything (db/duckdb-browser.ts): a file
 * given during the warm-up waits for one small statement at most.
 */
import { materializeScopeStatements, type Scope } from '../core/scope';
import type { QueryFn } from '../core/analysis';
import type { Engine } from './engine';
import { yieldToMain } from '../core/yield';
import { loadDataSet } from './pipeline/load-data-set';

/** Lines of the generated log: enough for V8 to optimise the hot functions, about 1–3 s cold. */
export const WARM_UP_LINES = 30_000;

const PRODUCTS: readonly (readonly [string, string, string])[] = [
	['Ceramic Mug', 'Kitchen', '12.59'],
	['Green Tea Tin', 'Coffee', '9.99'],
	['Bath Towel', 'Home', '14.99'],
	['Desk Lamp', 'Home', '39.00'],
	['Notebook', 'Stationery', '4.50'],
	['Espresso Beans', 'Coffee', '17.25']
];
const REGIONS = ['North', 'South', 'East', 'West', 'Central'];
const CHANNELS = ['web', 'app', 'store', 'marketplace'];
const DAYS = 730;
/** Lines per generated chunk: a few milliseconds of work on the main thread. */
const CHUNK_LINES = 2000;
const HEADER =
	'order_id,order_date,customer_id,product,category,quantity,unit_price,region,channel';

/**
 * A deterministic order log of `lines` lines over two years (2022–2023) in the shape of the
 * sample, as text chunks of at most CHUNK_LINES lines (header first): two lines per order (one
 * customer, time and channel), about ten lines per customer with a skew towards a few, some
 * returns (negative quantities).
 */
export function* warmUpChunks(lines: number): Generator<string> {
	let seed = 42;
	const rand = () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
	// Day strings made once (a Date and toISOString per line was a long main-thread task).
	const days = Array.from({ length: DAYS }, (_, d) =>
		new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10)
	);
	const two = (n: number) => (n < 10 ? `0${n}` : String(n));
	let out = [HEADER];
	const customers = Math.max(10, Math.round(lines / 10));
	let customer = 0;
	let ts = '';
	for (let i = 0; i < lines; i++) {
		const order = Math.floor(i / 2);
		if (i % 2 === 0) {
			const day = days[Math.floor((i / lines) * DAYS)]!;
			const second = Math.floor(rand() * 86_400);
			ts = `${day} ${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}`;
			customer = Math.floor(rand() * rand() * customers);
		}
		const [product, category, price] = PRODUCTS[Math.floor(rand() * PRODUCTS.length)]!;
		const quantity = rand() < 0.02 ? -1 : 1 + Math.floor(rand() * 3);
		const region = REGIONS[customer % REGIONS.length]!;
		const channel = CHANNELS[order % CHANNELS.length]!;
		out.push(
			`${100_001 + order},${ts},C${String(customer).padStart(5, '0')},${product},${category},${quantity},${price},${region},${channel}`
		);
		if (out.length >= CHUNK_LINES) {
			yield `${out.join('\n')}\n`;
			out = [];
		}
	}
	if (out.length > 0) yield `${out.join('\n')}\n`;
}

/** warmUpChunks as one UTF-8 file, yielding to the page between chunks (no long task). */
export async function warmUpCsv(lines: number): Promise<Uint8Array> {
	const parts: string[] = [];
	for (const chunk of warmUpChunks(lines)) {
		parts.push(chunk);
		await yieldToMain();
	}
	return new TextEncoder().encode(parts.join(''));
}

export interface WarmUpResult {
	/** Lines of the generated log that reached `tx`. */
	rows: number;
	/** Ids of the analyses that ran, in order. */
	analyses: string[];
	ms: number;
}

/**
 * An analysis as the dashboard runs it right after a load: its id, and a run over a scope with
 * the settings the page would use (state/default-runs.ts makes them from the registry, which db
 * does not import).
 */
export interface AnalysisRun {
	id: string;
	run(query: QueryFn, scope: Scope): Promise<unknown>;
}

/**
 * Load a generated log of `lines` lines through the app's load pipeline (db/pipeline: files,
 * mapping detection, canonical tables, summary) and run `analyses` over the materialised default
 * scope, as Dashboard.runAll does. Creates the raw and canonical tables and the scope's temp
 * tables in the engine's current database: give it an engine whose connection uses a database of
 * its own.
 */
export async function runWarmUp(
	engine: Engine,
	analyses: readonly AnalysisRun[],
	lines = WARM_UP_LINES
): Promise<WarmUpResult> {
	const t0 = performance.now();
	const data = await warmUpCsv(lines);
	// As a Blob, as the user's file comes: read through registerFile, the path their file takes
	// (issue 22: read_csv took 0.92–1.68 s in the page against 0.94 s in a bare page, the
	// warm-up having read a buffer only).
	const file = new Blob([data as Uint8Array<ArrayBuffer>], { type: 'text/csv' });
	const { summary } = await loadDataSet(engine, [{ name: 'warm-up.csv', data: file }]);
	if (!summary) throw new Error('warm-up: the generated log was not built at once');
	const ran = await runEveryAnalysis(engine, summary.as_of, analyses);
	return {
		rows: Number(summary.tx_rows),
		analyses: ran.map((r) => r.id),
		ms: performance.now() - t0
	};
}

/**
 * Every one of `analyses`, as the dashboard runs them right after a load (no filter, the scope
 * materialised once), over the loaded tables; their results in the given order. The warm-up and
 * the hostile corpus's "every analysis runs" test share it.
 */
export async function runEveryAnalysis(
	engine: Engine,
	asOf: string,
	analyses: readonly AnalysisRun[]
): Promise<{ id: string; result: unknown }[]> {
	const plain: Scope = {
		asOf,
		from: null,
		to: null,
		filter: null,
		hasCustomers: false,
		customerColumns: [],
		materialized: false
	};
	for (const stmt of materializeScopeStatements(plain)) await engine.exec(stmt);
	const scope: Scope = { ...plain, materialized: true };
	const out: { id: string; result: unknown }[] = [];
	for (const a of analyses) {
		out.push({ id: a.id, result: await a.run((q) => engine.query(q), scope) });
	}
	return out;
}
