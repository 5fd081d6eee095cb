#!/usr/bin/env node
// Measures "drop the sample → rendered overview" in headless Chromium on the built site
// (issue 2's "under 2 s" check; a measurement, not a test). Run `npm run build` first.
//   node scripts/measure-load.mjs [--runs 3] [--file sample-data/orders.csv] [--query '?nowarm']
//                                 [--pause ms]
// The engine is started (page open) and has warmed up (src/db/warm-up.ts) before the drop, as it
// has for a user picking a file; `--query '?nowarm'` measures without the warm-up, `--pause`
// waits that much longer before the drop. Each run prints the stages' timing marks.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './lib/chromium.mjs';
import { startAppServer } from '../tests/e2e/helpers/static-server.mjs';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '3' },
		file: { type: 'string', multiple: true },
		query: { type: 'string', default: '' },
		pause: { type: 'string', default: '0' }
	}
});
const files = (values.file ?? ['sample-data/orders.csv', 'sample-data/customers.csv']).map((f) =>
	resolve(f)
);
const payload = await Promise.all(
	files.map(async (f) => ({ name: basename(f), b64: (await readFile(f)).toString('base64') }))
);

const server = await startAppServer();
const results = [];
for (let run = 0; run < Number(values.runs); run++) {
	const profile = await mkdtemp(join(tmpdir(), 'clientele-measure-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 }
	});
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(server.appUrl + values.query);
	await page.waitForSelector('[data-testid=engine-status][data-state=ready]', {
		state: 'attached'
	});
	// The warm-up (src/db/warm-up.ts) runs while a user would pick a file; ?nowarm skips it.
	if (!values.query.includes('nowarm')) {
		await page.waitForSelector(
			'[data-testid=engine-status]:is([data-warm=done], [data-warm=stopped], [data-warm=failed])',
			{
				state: 'attached',
				timeout: 60_000
			}
		);
	}
	await page.waitForTimeout(Number(values.pause));
	const t = await page.evaluate(async (items) => {
		const dt = new DataTransfer();
		for (const { name, b64 } of items) {
			const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
			dt.items.add(new File([bytes], name, { type: 'text/csv' }));
		}
		const wait = (pred) =>
			new Promise((res) => {
				const tick = () => (pred() ? res(performance.now()) : requestAnimationFrame(tick));
				tick();
			});
		const t0 = performance.now();
		window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt }));
		window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
		const status = () => document.querySelector('[data-testid=load-status]');
		const ready = await wait(() => status()?.getAttribute('data-state') === 'ready');
		const overview = await wait(() => !!document.querySelector('[data-testid=chart-overview] svg'));
		const all = await wait(() =>
			[...document.querySelectorAll('[data-testid^=analysis-]')].every(
				(s) => s.getAttribute('data-status') === 'done'
			)
		);
		const stages = performance
			.getEntriesByType('measure')
			.filter(
				(m) => m.name.startsWith('clientele: ') && (m.startTime >= t0 || m.name.includes('warm-up'))
			)
			.map((m) => `${m.name.slice(11)} ${Math.round(m.duration)}`);
		return { ready: ready - t0, overview: overview - t0, all: all - t0, stages };
	}, payload);
	results.push(t);
	console.log(`  stages (ms): ${t.stages.join(' · ')}`);
	console.log(
		`run ${run + 1}: load-status ready ${Math.round(t.ready)} ms · overview rendered ${Math.round(t.overview)} ms · every analysis ${Math.round(t.all)} ms`
	);
	await context.close();
	await rm(profile, { recursive: true, force: true });
}
await server.close();
const median = (k) =>
	results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(
	`median of ${results.length}: ready ${Math.round(median('ready'))} ms, overview ${Math.round(median('overview'))} ms, all analyses ${Math.round(median('all'))} ms (${files.map((f) => basename(f)).join(' + ')})`
);
