// The built site under /clientele/ opens, DuckDB-WASM starts in the browser, and nothing is
// fetched from anywhere but the site's own origin (no CDN, fonts or beacons: DESIGN.md §1).
// Hook: [data-testid="engine-status"] with data-state 'ready' once DuckDB is up ('error' if not).
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
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
