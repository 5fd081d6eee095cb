// The built site under /clientele/ opens, DuckDB-WASM starts in the browser, and nothing is
// fetched from anywhere but the site's own origin (no CDN, fonts or beacons: DESIGN.md §1).
// Hook: [data-testid="engine-status"] with data-state 'ready' once DuckDB is up ('error' if not).
// The page's first script leaves Plot and DuckDB's bindings to chunks of their own (a shorter
// first main-thread task); the page still fetches them at once, and the charts draw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { entryGraph } from '../../scripts/bench/site.mjs';
import { REPO_ROOT } from './helpers/static-server.mjs';
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

it('keeps Plot and the DuckDB bindings out of the first script, and fetches them at once', () => {
	const entry = entryGraph(REPO_ROOT).map((f) =>
		readFileSync(join(REPO_ROOT, 'dist/assets', f), 'utf8')
	);
	expect(entry.length).toBeGreaterThan(0);
	// Strings of Plot's own errors, and the URL of DuckDB's wasm that the bindings chunk imports.
	expect(entry.some((text) => text.includes('unknown projection type'))).toBe(false);
	expect(entry.some((text) => /duckdb-eh-[\w-]+\.wasm/.test(text))).toBe(false);
	// Both arrive anyway while the page is open: the engine started, and so did the charts chunk.
	const scripts = session.requests.filter((url) => /\/assets\/[\w.-]+\.js$/.test(url));
	const text = (url: string) =>
		readFileSync(join(REPO_ROOT, 'dist/assets', url.split('/').pop()!), 'utf8');
	expect(scripts.some((url) => text(url).includes('unknown projection type'))).toBe(true);
	expect(scripts.some((url) => /duckdb-eh-[\w-]+\.wasm/.test(text(url)))).toBe(true);
});
