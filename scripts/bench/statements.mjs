// `--statements` (issue 22, "the floor per statement"): the app's own statements on one file,
// replayed statement by statement on native DuckDB (1 thread, node-api) and on DuckDB-WASM in
// Node (the same .wasm file the page loads, its blocking bindings: one thread, no worker, no
// Arrow hand-over to a page), interleaved repetitions, medians with their ranges. The statements
// are captured from the native reference run (runNative: the loader, the canonical tables, every
// analysis as the dashboard runs it over the materialised scope), so both engines run exactly the
// same text with the same parameters in the same order.
//
// A third column measures the upper bound of item 4 (integer customer keys): the same analysis
// statements in DuckDB-WASM after `orders`, `customer_facts` and `tx` had their customer ids
// replaced by integers assigned in the ids' order. Every statement's text is unchanged, so this is
// what grouping and joining on integers instead of text would save with no mapping back to the
// ids for output; the conversion's own time is printed beside it (an upper bound of the assignment:
// it rewrites three tables, the app would add one column to one).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { createWasmDuckDB } from '../lib/duckdb-wasm-node.mjs';
import { BUSY_LOAD, median } from './reps.mjs';
import { runNative } from './native.mjs';

/** Tables whose customer ids the integer variant replaces. */
const CUSTOMER_TABLES = ['orders', 'customer_facts', 'tx'];

/** A short name for a load statement: the table it makes, or its first words. */
export function loadStage(text) {
	// A table built in parts (load-csv.ts, build-orders.ts): its inserts count with it.
	const made =
		/CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+)?TABLE\s+"?(\w+)"?/i.exec(text) ??
		/^\s*INSERT\s+INTO\s+"?(\w+)"?/i.exec(text);
	return made ? `load: ${made[1]}` : 'load: other';
}

/**
 * Parameters as the replay passes them: the file's folder mapped back to the file, or to the
 * part of it kept in `parts` under the same name (a large file is read in parts: load-csv.ts).
 */
export function replayParams(params, dir, file, parts) {
	const mapped = (p) => {
		const part = parts ? join(parts, basename(p)) : null;
		return part && existsSync(part) ? part : file;
	};
	return params?.map((p) =>
		typeof p === 'string' && p.startsWith(`${dir}/`)
			? mapped(p)
			: typeof p === 'bigint'
				? Number(p)
				: p
	);
}

/**
 * DuckDB-WASM through its Node bindings (scripts/lib/duckdb-wasm-node.mjs: the wasm compiled once
 * per process, so every repetition runs the same module, optimised as it runs).
 */
export async function wasmFactory() {
	return async () => {
		const db = await createWasmDuckDB();
		const conn = db.connect();
		return {
			async run(text, params) {
				if (!params?.length) return conn.query(text);
				const stmt = conn.prepare(text);
				try {
					return stmt.query(...params);
				} finally {
					stmt.close();
				}
			},
			async close() {
				conn.close();
			}
		};
	};
}

/** Native DuckDB on `threads` thread(s), the same interface. */
function nativeFactory(api, threads) {
	return async () => {
		const instance = await api.DuckDBInstance.create(':memory:', { threads: String(threads) });
		const conn = await instance.connect();
		return {
			run: (text, params) => conn.run(text, params?.length ? params : undefined),
			async close() {
				conn.closeSync?.();
				instance.closeSync?.();
			}
		};
	};
}

/** Replaces the customer ids of the loaded tables by integers in the ids' order (NULL stays). */
export async function integerIds(engine) {
	const t0 = performance.now();
	await engine.run(`CREATE TABLE __int_ids AS
		SELECT customer_id AS id, CAST(row_number() OVER (ORDER BY customer_id) AS INTEGER) AS k
		FROM (SELECT DISTINCT customer_id FROM tx WHERE customer_id IS NOT NULL)`);
	for (const t of CUSTOMER_TABLES) {
		const cols = await engine.run(
			`SELECT column_name FROM duckdb_columns() WHERE table_name = '${t}' ORDER BY column_index`
		);
		const names = (cols.toArray?.() ?? []).map((r) => r.column_name);
		const list = names
			.map((n) => (n === 'customer_id' ? '__int_ids.k AS customer_id' : `${t}."${n}"`))
			.join(', ');
		await engine.run(
			`CREATE OR REPLACE TABLE ${t} AS SELECT ${list} FROM ${t} LEFT JOIN __int_ids ON ${t}.customer_id = __int_ids.id`
		);
	}
	return performance.now() - t0;
}

/**
 * One replay: the session's setup, the load statements, (integer ids), the analysis statements.
 * Returns ms per statement (NaN for a statement that failed) and the conversion's ms.
 */
export async function replay(make, app, captured, file, { intIds = false } = {}) {
	const engine = await make();
	try {
		for (const s of app.SESSION_SETUP) await engine.run(s);
		const time = async (e) => {
			const t0 = performance.now();
			try {
				await engine.run(e.text, replayParams(e.params, captured.dir, file, captured.parts));
				return performance.now() - t0;
			} catch {
				return NaN;
			}
		};
		const load = [];
		for (const e of captured.load) load.push(await time(e));
		const convertMs = intIds ? await integerIds(engine) : null;
		const analyses = [];
		for (const e of captured.analyses) analyses.push(await time(e));
		return { load, analyses, convertMs };
	} finally {
		await engine.close();
	}
}

const sumOf = (xs) => xs.reduce((t, v) => t + (Number.isFinite(v) ? v : 0), 0);

/** The statement replay on `file`; prints its tables and returns what it measured. */
export async function benchStatements(api, app, file, reps) {
	const ref = await runNative(api, app, file, { threads: 1, filter: false, keepStatements: true });
	const captured = ref.statements;
	try {
		return await replayAll(api, app, file, reps, captured);
	} finally {
		await rm(captured.parts, { recursive: true, force: true });
	}
}

async function replayAll(api, app, file, reps, captured) {
	// Statements that only read the wasm's virtual file system or drop a work table are kept: they
	// are part of what the dashboard runs.
	const statements = [
		...captured.load.map((e) => ({ stage: loadStage(e.text), text: e.text })),
		...captured.analyses.map((e) => ({ stage: e.stage, text: e.text }))
	];
	// One compiled module for both wasm columns (the process keeps it): V8 optimises a module's hot
	// functions as they run, so the columns share the same code. One replay first, not counted, optimises it: the page
	// does the same with its warm-up before the user's file arrives (the bench's "warm" figures).
	const wasm = await wasmFactory();
	await replay(wasm, app, captured, file);
	const engines = {
		native: { make: nativeFactory(api, 1) },
		wasm: { make: wasm },
		wasmInt: { make: wasm, intIds: true }
	};
	const runs = { native: [], wasm: [], wasmInt: [] };
	console.log(
		`\nstatement replay: ${statements.length} statements (${captured.load.length} load, ${captured.analyses.length} analyses), ${reps} interleaved repetitions: native 1 thread, DuckDB-WASM in Node, DuckDB-WASM with integer customer ids`
	);
	const loads = [];
	for (let i = 0; i < reps; i++) {
		const load = loadavg()[0];
		loads.push(load);
		for (const [name, e] of Object.entries(engines))
			runs[name].push(await replay(e.make, app, captured, file, { intIds: e.intIds }));
		const last = (n) => runs[n][i];
		console.log(
			`  rep ${i + 1}${load > BUSY_LOAD ? '*' : ''} (load average ${load.toFixed(2)}): ` +
				Object.keys(engines)
					.map(
						(n) =>
							`${n} load ${(sumOf(last(n).load) / 1000).toFixed(2)} s, analyses ${(sumOf(last(n).analyses) / 1000).toFixed(2)} s`
					)
					.join(' · ')
		);
	}
	// Per statement: the median of its repetitions, per engine.
	const per = (n) =>
		statements.map((_, i) =>
			median(
				runs[n].map((r) =>
					i < captured.load.length ? r.load[i] : r.analyses[i - captured.load.length]
				)
			)
		);
	const range = (n, i) => {
		const xs = runs[n]
			.map((r) => (i < captured.load.length ? r.load[i] : r.analyses[i - captured.load.length]))
			.filter(Number.isFinite);
		return [Math.min(...xs), Math.max(...xs)];
	};
	const med = { native: per('native'), wasm: per('wasm'), wasmInt: per('wasmInt') };
	const failedInt = med.wasmInt.filter((v, i) => v === null && i >= captured.load.length).length;
	const stages = [...new Set(statements.map((s) => s.stage))];
	const byStage = stages.map((stage) => {
		const idx = statements.flatMap((s, i) => (s.stage === stage ? [i] : []));
		const total = (n) => sumOf(idx.map((i) => med[n][i] ?? NaN));
		const isLoad = stage.startsWith('load: ');
		return {
			stage,
			statements: idx.length,
			native: total('native'),
			wasm: total('wasm'),
			wasmInt: isLoad ? null : total('wasmInt')
		};
	});
	const ms = (v) => (v == null ? '–' : v.toFixed(0).padStart(6));
	console.log('\n  per stage, ms (medians of each statement, summed):');
	console.log(
		'  stage                      stmts  native    wasm   wasm/native   wasm, integer ids'
	);
	for (const r of byStage)
		console.log(
			`  ${r.stage.slice(0, 26).padEnd(26)} ${String(r.statements).padStart(5)} ${ms(r.native)}  ${ms(r.wasm)}   ${(r.wasm / Math.max(r.native, 1)).toFixed(2).padStart(9)}×   ${ms(r.wasmInt)}`
		);
	const total = (n, from, to) => sumOf(med[n].slice(from, to).map((v) => v ?? NaN));
	const L = captured.load.length;
	const totals = {
		load: { native: total('native', 0, L), wasm: total('wasm', 0, L) },
		analyses: {
			native: total('native', L),
			wasm: total('wasm', L),
			wasmInt: total('wasmInt', L),
			intConversion: median(runs.wasmInt.map((r) => r.convertMs))
		}
	};
	console.log(
		`  load: native ${ms(totals.load.native)} · wasm ${ms(totals.load.wasm)} (${(totals.load.wasm / totals.load.native).toFixed(2)}×)`
	);
	console.log(
		`  analyses: native ${ms(totals.analyses.native)} · wasm ${ms(totals.analyses.wasm)} (${(totals.analyses.wasm / totals.analyses.native).toFixed(2)}×) · wasm with integer ids ${ms(totals.analyses.wasmInt)} (${(totals.analyses.wasmInt / totals.analyses.wasm).toFixed(2)}× of wasm; the ids' conversion ${ms(totals.analyses.intConversion)} ms; ${failedInt} statement(s) failed on integer ids and are left out)`
	);
	const top = statements
		.map((s, i) => ({ ...s, i }))
		.sort((a, b) => (med.wasm[b.i] ?? 0) - (med.wasm[a.i] ?? 0))
		.slice(0, 20);
	console.log('\n  the 20 slowest statements in wasm, ms: median (min–max)');
	for (const s of top) {
		const [nl, nh] = range('native', s.i);
		const [wl, wh] = range('wasm', s.i);
		console.log(
			`  ${s.stage.slice(0, 14).padEnd(14)} native ${ms(med.native[s.i])} (${nl.toFixed(0)}–${nh.toFixed(0)}) · wasm ${ms(med.wasm[s.i])} (${wl.toFixed(0)}–${wh.toFixed(0)}) · ${(med.wasm[s.i] / Math.max(med.native[s.i], 1)).toFixed(2)}× · int ${ms(med.wasmInt[s.i])}  ${s.text.replace(/\s+/g, ' ').slice(0, 70)}`
		);
	}
	return {
		reps,
		loadAverages: loads,
		busy: loads.filter((l) => l > BUSY_LOAD).length,
		totals,
		byStage,
		statements: statements.map((s, i) => ({
			stage: s.stage,
			text: s.text.replace(/\s+/g, ' ').slice(0, 200),
			native: med.native[i],
			nativeRange: range('native', i),
			wasm: med.wasm[i],
			wasmRange: range('wasm', i),
			wasmIntegerIds: med.wasmInt[i]
		}))
	};
}
