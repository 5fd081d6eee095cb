#!/usr/bin/env node
// Guarantee 7 of issue 5, measured: load a file N times in a row in ONE page session (through the
// file input, each load replacing the data), and after each load (every analysis done) record
// the renderer processes' memory (VmRSS from /proc, summed over Chromium's renderers, as
// scripts/bench/browser.mjs reads it) and DuckDB's own accounting (duckdb_memory(), through the
// documented ?probe hook), plus the list of DuckDB tables and views. Run `npm run build` first.
//   node scripts/measure-memory.mjs [--loads 20] [--file sample-data/orders.csv] [--json out.json]
// A measurement, not a test: tests/e2e/memory.spec.ts asserts the bound over 5 loads.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startAppServer } from '../tests/e2e/helpers/static-server.mjs';
import { SECTIONS } from './bench/browser.mjs';
import { CHROMIUM, CHROMIUM_ARGS, processMemory, rendererPids } from './lib/chromium.mjs';

const { values } = parseArgs({
	options: {
		loads: { type: 'string', default: '20' },
		file: { type: 'string', default: 'sample-data/orders.csv' },
		json: { type: 'string' },
		timeout: { type: 'string', default: '120000' }
	}
});
const loads = Number(values.loads);
const timeout = Number(values.timeout);
if (!(loads > 0 && timeout > 0)) {
	console.error('usage: node scripts/measure-memory.mjs [--loads 20] [--file path.csv]');
	process.exit(2);
}
const path = resolve(values.file);
const bytes = await readFile(path);
const name = basename(path);
const MIB = 1024 * 1024;

/** Sum of VmRSS over the renderers, MiB. */
function rendererRssMiB(profile) {
	let kb = 0;
	for (const pid of rendererPids(profile)) kb += processMemory(pid)?.rss ?? 0;
	return kb / 1024;
}

const server = await startAppServer();
const profile = await mkdtemp(join(tmpdir(), 'clientele-memory-'));
const context = await chromium.launchPersistentContext(profile, {
	executablePath: CHROMIUM,
	headless: true,
	args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
	viewport: { width: 1440, height: 900 }
});
const rows = [];
try {
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
	await page.goto(`${server.appUrl}?probe`);
	for (let i = 1; i <= loads; i++) {
		const t0 = Date.now();
		// Alternate the file name so each load is a new File for the page, as a user's would be;
		// playwright passes at most 50 MB as a buffer, bigger files go by path.
		await page
			.getByTestId('file-input')
			.setInputFiles(
				bytes.length < 50e6
					? { name: `${i % 2 ? 'a' : 'b'}-${name}`, mimeType: 'text/csv', buffer: bytes }
					: path
			);
		// Wait for this load's state (the previous load left 'ready' behind): loading, then settled.
		await page.waitForFunction(
			(ids) => {
				const s = document.querySelector('[data-testid="load-status"]')?.getAttribute('data-state');
				if (s === 'error' || s === 'mapping') return true;
				if (s !== 'ready') return false;
				// Every analysis drawn, and the data checks that follow them done.
				const checks = document
					.querySelector('[data-testid="data-checks"]')
					?.getAttribute('data-state');
				return (
					(checks === 'done' || checks === 'failed') &&
					ids.every(
						(id) =>
							document
								.querySelector(`[data-testid="analysis-${id}"]`)
								?.getAttribute('data-status') === 'done'
					)
				);
			},
			SECTIONS,
			{ timeout, polling: 100 }
		);
		const state = await page.getByTestId('load-status').getAttribute('data-state');
		if (state !== 'ready') throw new Error(`load ${i}: load-status is ${state}`);
		// Let the page settle and collect garbage, so RSS shows what is kept, not what is pending.
		await page.evaluate(() => (globalThis.gc ? globalThis.gc() : undefined));
		await page.waitForTimeout(500);
		const stats = await page.evaluate(() => globalThis.__clientele.engineStats());
		const row = {
			load: i,
			ms: Date.now() - t0,
			rendererMiB: rendererRssMiB(profile),
			duckdbMiB: stats.memoryBytes / MIB,
			tablesMiB: stats.tableBytes / MIB,
			objects: stats.objects
		};
		rows.push(row);
		console.log(
			`load ${String(i).padStart(2)}: ${String(row.ms).padStart(6)} ms · renderer ${row.rendererMiB.toFixed(0).padStart(5)} MiB · duckdb ${row.duckdbMiB.toFixed(1).padStart(6)} MiB (tables ${row.tablesMiB.toFixed(1)}) · ${row.objects.length} tables/views`
		);
	}
	const first = rows[0];
	const last = rows.at(-1);
	const sameObjects = rows.every((r) => r.objects.join() === first.objects.join());
	console.log(
		`\n${name} (${(bytes.length / MIB).toFixed(1)} MiB) × ${loads}: renderer ${first.rendererMiB.toFixed(0)} → ${last.rendererMiB.toFixed(0)} MiB (max ${Math.max(...rows.map((r) => r.rendererMiB)).toFixed(0)}), duckdb ${first.duckdbMiB.toFixed(1)} → ${last.duckdbMiB.toFixed(1)} MiB (max ${Math.max(...rows.map((r) => r.duckdbMiB)).toFixed(1)}); tables/views ${sameObjects ? 'the same after every load' : 'CHANGED'}: ${first.objects.join(', ')}`
	);
	if (values.json) await writeFile(values.json, JSON.stringify({ file: name, rows }, null, '\t'));
} finally {
	await context.close();
	await server.close();
	await rm(profile, { recursive: true, force: true });
}
