// The built site under /clientele/ opens, DuckDB-WASM starts in the browser, and nothing is
// fetched from anywhere but the site's own origin (no CDN, fonts or beacons: DESIGN.md §1).
// Hook: [data-testid="engine-status"] with data-state 'ready' once DuckDB is up ('error' if not).
// The page's first script leaves Plot and DuckDB's bindings to chunks of their own (a shorter
// first main-thread task). The bindings are fetched at once (the engine starts while the user picks
// a file); Plot, the dashboard (analyses and sections) and the CSV sniffer (PapaParse) only once a
// file is given, and the charts draw. The empty page's JavaScript is the bench's first-load figure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { entryGraph } from '../../scripts/bench/site.mjs';
import { REPO_ROOT } from './helpers/static-server.mjs';
import { waitForAnalyses, waitForLoad } from './helpers/app';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	screenshot,
	waitForState,
	type BrowserSession
} from './helpers/browser';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
});

afterAll(async () => {
	await session?.close();
});

it('opens under /clientele/, starts DuckDB-WASM and stays on its origin', async () => {
	const { page } = session;
	const response = await page.goto(inject('appUrl'));
	expect(response?.status()).toBe(200);
	expect((await page.title()).trim()).not.toBe('');

	expect(await waitForState(page, 'engine-status', ['ready', 'error'], 45_000)).toBe('ready');
	// DuckDB really fetched its engine (not just a flag flipped).
	expect(session.requests.some((url) => /\.wasm(\?|$)/.test(url))).toBe(true);

	await screenshot(page, 'smoke');
	assertSameOrigin(session.requests, inject('appOrigin'));
	assertNoPageErrors(session);
	expect(session.consoleErrors).toEqual([]);
});

it('keeps Plot, the bindings, the dashboard and the sniffer out of the first script; all but the bindings come with the first file', async () => {
	const { page } = session;
	const entry = entryGraph(REPO_ROOT).map((f) =>
		readFileSync(join(REPO_ROOT, 'dist/assets', f), 'utf8')
	);
	expect(entry.length).toBeGreaterThan(0);
	// Strings of Plot's own errors, and the URL of DuckDB's wasm that the bindings chunk imports.
	const isPlot = (text: string) => text.includes('unknown projection type');
	const isBindings = (text: string) => /duckdb-eh-[\w-]+\.wasm/.test(text);
	// The purchase cycle's SQL, and an error code of PapaParse's.
	const isDashboard = (text: string) => text.includes('quantile_cont(gap');
	const isSniffer = (text: string) => text.includes('UndetectableDelimiter');
	for (const lazy of [isPlot, isBindings, isDashboard, isSniffer]) {
		expect(entry.some(lazy), lazy.name).toBe(false);
	}
	const fetched = () =>
		session.requests
			.filter((url) => /\/assets\/[\w.-]+\.js$/.test(url))
			.map((url) => readFileSync(join(REPO_ROOT, 'dist/assets', url.split('/').pop()!), 'utf8'));
	// The engine started (first test), so the bindings came; the empty page left Plot alone.
	await page.waitForTimeout(500);
	expect(fetched().some(isBindings)).toBe(true);
	for (const lazy of [isPlot, isDashboard, isSniffer]) {
		expect(fetched().some(lazy), lazy.name).toBe(false);
	}
	// A file given: Plot arrives and the charts draw.
	await page.getByTestId('load-sample').click();
	await waitForLoad(page);
	await waitForAnalyses(page);
	for (const lazy of [isPlot, isDashboard, isSniffer]) {
		expect(fetched().some(lazy), lazy.name).toBe(true);
	}
	await page.getByTestId('chart-overview').locator('svg').first().waitFor();
	assertSameOrigin(session.requests, inject('appOrigin'));
	assertNoPageErrors(session);
});
