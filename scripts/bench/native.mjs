// The reference column: the same loader, statements and analysis SQL on native DuckDB
// (@duckdb/node-api, same engine version as the wasm build), installed on demand into
// bench/.node-api (never in package.json: its other-platform binaries break `npm ci`).
import { spawnSync } from 'node:child_process';
import { existsSync, openAsBlob } from 'node:fs';
import { mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { defaultScope, filterDate } from './scope.mjs';
import { stagesSince } from './stages.mjs';

export const NODE_API_VERSION = '1.4.3-r.2';

/** Installs (if needed) and loads @duckdb/node-api; returns null with a reason on failure. */
export function loadNodeApi(root) {
	const prefix = join(root, 'bench/.node-api');
	const pkg = join(prefix, 'node_modules/@duckdb/node-api/package.json');
	if (!existsSync(pkg)) {
		console.log(`installing @duckdb/node-api@${NODE_API_VERSION} into bench/.node-api …`);
		const r = spawnSync(
			'npm',
			['install', '--no-save', '--prefix', prefix, `@duckdb/node-api@${NODE_API_VERSION}`],
			{ stdio: 'inherit', cwd: root }
		);
		if (r.status !== 0) return { api: null, reason: `npm install failed (exit ${r.status})` };
	}
	try {
		const api = createRequire(join(prefix, 'package.json'))('@duckdb/node-api');
		return { api, reason: null };
	} catch (e) {
		return { api: null, reason: `cannot load @duckdb/node-api: ${e.message}` };
	}
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|DECIMAL|FLOAT|DOUBLE)/;

/** Rows as the browser adapter (src/db/rows.ts) returns them: numbers, ISO date text, JSON text. */
function plainRows(reader) {
	const names = reader.columnNames();
	const numeric = reader.columnTypes().map((t) => NUMERIC.test(String(t)));
	return reader.getRowObjectsJson().map((row) => {
		const out = {};
		names.forEach((n, i) => {
			const v = row[n];
			if (v === null || v === undefined) out[n] = null;
			else if (numeric[i]) out[n] = Number(v);
			else out[n] = typeof v === 'object' ? JSON.stringify(v) : v;
		});
		return out;
	});
}

/** An Engine (src/db/engine.ts) over a node-api connection; files live in `dir`. */
function nativeEngine(conn, dir, files, log, partsDir) {
	const localPath = (v) =>
		typeof v === 'string' && v.startsWith('/clientele/') ? join(dir, basename(v)) : v;
	const run = async (q, read) => {
		const text = typeof q === 'string' ? q : q.text;
		// The app names files under /clientele/ (its engine's only readable folder): here they
		// are files in `dir`.
		const params =
			typeof q === 'string' || q.params.length === 0 ? undefined : q.params.map(localPath);
		const t0 = performance.now();
		const result = read ? await conn.runAndReadAll(text, params) : await conn.run(text, params);
		const sql = text.replace(/\s+/g, ' ').slice(0, 70);
		log.push({ stage: log.label ?? sql, ms: performance.now() - t0, text, params });
		return result;
	};
	return {
		log,
		async exec(q) {
			await run(q, false);
		},
		async query(q) {
			return plainRows(await run(q, true));
		},
		async registerBuffer(name, bytes) {
			await writeFile(localPath(name), bytes);
		},
		async registerFile(name, blob) {
			const path = files.get(blob);
			// A part of the file (a large file is read in parts: src/db/load-csv.ts) is written
			// out: DuckDB reads files, and a Blob's slice does not say where it came from.
			// Kept in partsDir (dropFile removes the link only) for the statement replay.
			if (path) await symlink(path, localPath(name));
			else {
				const part = join(partsDir, basename(name));
				await writeFile(part, new Uint8Array(await blob.arrayBuffer()));
				await symlink(part, localPath(name));
			}
		},
		async dropFile(name) {
			await unlink(localPath(name)).catch(() => {});
		},
		async close() {}
	};
}

/**
 * Runs every analysis in order as Dashboard.runAll does: the overview on the plain scope SQL
 * (the dashboard does not wait for the scope tables to show it), then the scope materialised
 * once, its time counted to the next analysis (rfm, as in the browser), and the rest over it.
 * DuckDB ms per analysis.
 */
async function runAnalyses(app, engine, plainScope) {
	const perAnalysis = {};
	let materialized = false;
	// The intermediates the analyses share, as the dashboard keeps them (RFM's scored customers,
	// read by the breakdown too): one cache per run of the analyses, as per scope in the page.
	const shared = new app.SharedTableCache();
	for (const a of app.ANALYSES) {
		const before = engine.log.length;
		const fast = !a.beforeScope || materialized;
		if (fast && !materialized) {
			engine.log.label = 'scope';
			for (const stmt of app.materializeScopeStatements(plainScope)) await engine.exec(stmt);
			materialized = true;
		}
		const scope = { ...plainScope, materialized: fast };
		const settings = app.defaultPreparedSettings(app.ANALYSES, a, scope);
		// The statements the dashboard runs (def.run, without the customer lists it loads only
		// on export, with its shared tables), not the notebook's queries(): lifecycle and cohort
		// run fewer, faster ones.
		engine.log.label = a.def.id;
		await a.def.run((q) => engine.query(q), scope, settings, { customerLists: false, shared });
		engine.log.label = undefined;
		// DuckDB time (run + fetch), without the JS row conversion.
		perAnalysis[a.def.id] = engine.log.slice(before).reduce((t, e) => t + e.ms, 0);
	}
	await shared.clear(async () => (q) => engine.query(q));
	return perAnalysis;
}

/**
 * Load `file` as the app does (loadCsv → detection → canonical statements → summary), run every
 * analysis, then again with the date filter. Times in ms.
 */
export async function runNative(
	api,
	app,
	file,
	{ threads, after, filter = true, keepStatements = false } = {}
) {
	const dir = await mkdtemp(join(tmpdir(), 'clientele-bench-native-'));
	// The parts of a file read in parts; with keepStatements the caller removes them.
	const parts = await mkdtemp(join(tmpdir(), 'clientele-bench-parts-'));
	const instance = await api.DuckDBInstance.create(':memory:', threads ? { threads } : {});
	const conn = await instance.connect();
	const log = [];
	const files = new Map();
	const engine = nativeEngine(conn, dir, files, log, parts);
	try {
		for (const s of app.SESSION_SETUP) await conn.run(s);
		await conn.run(`SET file_search_path = '${dir.replaceAll("'", "''")}'`);
		const [{ t }] = (await conn.runAndReadAll("SELECT current_setting('threads') AS t"))
			.getRowObjectsJS()
			.map((r) => ({ t: Number(r.t) }));
		const blob = await openAsBlob(file);
		files.set(blob, file);
		// The app keeps a file large for its memory limit (3 GiB in the bench's Chromium) in the
		// compressed database; so does the reference, to run the same storage.
		if (app.prefersCompressed(blob.size, app.memoryLimitBytes(3072))) {
			await conn.run(`USE ${app.PACKED_DATABASE}`);
		}

		const t0 = performance.now();
		const report = await app.loadCsv(engine, { name: basename(file), data: blob }, 'raw_orders');
		const det = app.detectOrderRoles(report.columns);
		const roles = { ...det.roles };
		const col = (name) => report.columns.find((c) => c.name === name);
		const mapping = {
			table: 'raw_orders',
			roles,
			dateFormat: app.sniffDateFormat(col(roles.order_date)?.samples ?? []) ?? {
				format: '%Y-%m-%d'
			},
			numberFormat: app.sniffNumberFormat(col(roles.amount ?? roles.unit_price)?.samples ?? []),
			dimensions: det.dimensions.filter((d) => !Object.values(roles).includes(d.source))
		};
		const tRead = performance.now();
		// As the session does: tx_rejects re-reads raw rows only when some are missing from tx.
		await app.buildOrdersTables(engine, mapping, { returns: 'net' });
		const [summary] = await engine.query(app.buildLoadSummaryQuery());
		const loadMs = performance.now() - t0;
		const loadLog = log.splice(0);
		const loadStages = stagesSince(performance.getEntriesByType('measure'), t0);

		const scope = defaultScope(summary.as_of);
		const analyses = await runAnalyses(app, engine, scope);
		const analysisLog = log.splice(0);
		// More measurements over the loaded data and the materialised scope (the CRM bench).
		const extra = after ? await after(engine, scope, summary) : undefined;
		log.splice(0);
		const from = filterDate(summary.as_of, summary.first_date);
		const filtered = filter ? await runAnalyses(app, engine, { ...scope, from }) : {};
		log.splice(0);
		return {
			threads: t,
			rows: report.rowsLoaded,
			summary,
			loadMs,
			readCsvMs: tRead - t0,
			canonicalMs: loadMs - (tRead - t0),
			loadStages,
			analyses,
			analysesMs: sum(analyses),
			filterDate: from,
			filtered,
			filterMs: sum(filtered),
			slowest: [...loadLog, ...analysisLog]
				.sort((a, b) => b.ms - a.ms)
				.slice(0, 8)
				.map(({ stage, ms }) => ({ stage, ms })),
			// The statements as they ran (text, parameters; the file's folder to map it back, and
			// the folder of its parts), for the statement replay (scripts/bench/statements.mjs).
			statements: keepStatements ? { dir, parts, load: loadLog, analyses: analysisLog } : undefined,
			extra
		};
	} finally {
		conn.closeSync?.();
		instance.closeSync?.();
		await rm(dir, { recursive: true, force: true });
		if (!keepStatements) await rm(parts, { recursive: true, force: true });
	}
}

export function sum(o) {
	return Object.values(o).reduce((a, b) => a + b, 0);
}
