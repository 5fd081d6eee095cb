// The engine's warm-up (src/db/warm-up.ts): with no file given, the empty page runs the load
// pipeline and every analysis once on a small generated log, then drops it. Hook: data-warm on
// [data-testid=engine-status] — running, then done; stopped when a file came first; failed; idle
// with ?nowarm or when ?sample / ?data= load at once. Checked here: it finishes and leaves no table
// behind, draws nothing, stays on the origin, and a file given while it runs stops it and loads as
// it would have without it.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, SAMPLE_DATA, kpi, waitForAnalyses, waitForLoad } from './helpers/app';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
});

afterAll(async () => {
	await session?.close();
});

const warmState = (page: BrowserSession['page']) =>
	page.getByTestId('engine-status').getAttribute('data-warm');

async function waitForWarm(page: BrowserSession['page'], states: string[], timeout = 60_000) {
	const selector = `[data-testid=engine-status]:is(${states.map((s) => `[data-warm=${s}]`).join(', ')})`;
	await page.locator(selector).waitFor({ state: 'attached', timeout });
	return warmState(page);
}

it('warms up on the empty page and leaves no table behind', async () => {
	const { page } = session;
	await page.goto(`${inject('appUrl')}?probe`);
	expect(await waitForWarm(page, ['done', 'stopped', 'failed'])).toBe('done');
	const stats = await page.evaluate(() =>
		(
			window as unknown as {
				__clientele: { engineStats(): Promise<{ objects: string[]; databases: string[] }> };
			}
		).__clientele.engineStats()
	);
	expect(stats.objects).toEqual([]);
	expect(stats.databases).toEqual([]);
	// The page is still empty: nothing was drawn, no data set came up.
	expect(await page.getByTestId('load-status').getAttribute('data-state')).toBe('empty');
	expect(await page.locator('[data-testid^=chart-] svg').count()).toBe(0);
	assertSameOrigin(session.requests, inject('appOrigin'));
	assertNoPageErrors(session);
	expect(session.consoleErrors).toEqual([]);
});

it('stops when a file is given during the warm-up, and the file loads in full', async () => {
	const { page } = session;
	await page.goto(inject('appUrl'));
	expect(await waitForWarm(page, ['running'])).toBe('running');
	await page
		.getByTestId('file-input')
		.setInputFiles([join(SAMPLE_DATA, 'orders.csv'), join(SAMPLE_DATA, 'customers.csv')]);
	const status = await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 60_000 });
	expect(status).toEqual({ state: 'ready', loaded: SAMPLE.loaded, rejected: SAMPLE.rejected });
	expect(await warmState(page)).toBe('stopped');
	await waitForAnalyses(page);
	expect(await kpi(page, 'customers')).toBe(SAMPLE.customers);
	assertNoPageErrors(session);
	expect(session.consoleErrors).toEqual([]);
});

it('does not warm up with ?nowarm, nor when ?sample loads at once', async () => {
	const { page } = session;
	await page.goto(`${inject('appUrl')}?nowarm`);
	await page.locator('[data-testid=engine-status][data-state=ready]').waitFor({
		state: 'attached',
		timeout: 45_000
	});
	await page.waitForTimeout(300);
	expect(await warmState(page)).toBe('idle');
	await page.goto(`${inject('appUrl')}?sample`);
	await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 60_000 });
	expect(await warmState(page)).toBe('idle');
});
