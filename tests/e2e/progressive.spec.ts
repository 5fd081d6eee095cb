// The progressive dashboard (issue 22): sections compute in display order, the ones on screen
// first, and a section scrolled into view while it waits jumps the queue. On the bundled sample,
// the page scrolls to the loyalty section (10th of the sections) the moment it appears; it must
// finish before the sections between the first screen and it, and every section must still finish
// with the sample's figures (the
// unit test tests/unit/state/dashboard.svelte.test.ts compares every result with a run in order).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertNoPageErrors, launchBrowser, type BrowserSession } from './helpers/browser';
import { SAMPLE, kpi, waitForAnalyses, waitForLoad } from './helpers/app';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
	// Before any script of the page: note every section's status change, and scroll to the
	// loyalty section as soon as it is there (a person scrolling down while the first one runs).
	await session.context.addInitScript(() => {
		const w = window as unknown as { __done: string[]; __scrolled: boolean };
		w.__done = [];
		w.__scrolled = false;
		new MutationObserver((records) => {
			for (const r of records) {
				const el = r.target as HTMLElement;
				const id = el.dataset?.testid;
				if (r.type === 'attributes' && id?.startsWith('analysis-')) {
					if (el.dataset.status === 'done' && !w.__done.includes(id)) w.__done.push(id);
				}
			}
			const loyalty = document.querySelector('[data-testid="analysis-loyalty"]');
			if (loyalty && !w.__scrolled) {
				w.__scrolled = true;
				loyalty.scrollIntoView();
			}
		}).observe(document, { subtree: true, childList: true, attributes: true });
	});
	await session.page.goto(`${inject('appUrl')}?sample`);
	await waitForLoad(session.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(session.page);
	await session.page
		.getByTestId('analysis-loyalty')
		.and(session.page.locator('[data-status="done"]'))
		.waitFor({ timeout: 60_000 });
});

afterAll(async () => {
	await session?.close();
});

describe('the progressive dashboard', () => {
	it('runs the section scrolled into view before the ones above it that were waiting', async () => {
		const done = await session.page.evaluate(
			() => (window as unknown as { __done: string[] }).__done
		);
		const at = (id: string) => done.indexOf(`analysis-${id}`);
		expect(at('loyalty')).toBeGreaterThanOrEqual(0);
		// Above it on the page, and waiting when the page scrolled: run after it.
		for (const above of ['cycle', 'clv', 'basket']) {
			if (at(above) >= 0) expect(at('loyalty'), `loyalty before ${above}`).toBeLessThan(at(above));
		}
		expect(at('cycle')).toBeGreaterThan(0);
		// The overview (picked before any section was drawn) is still first.
		expect(done[0]).toBe('analysis-overview');
	});

	it('still finishes every section, with the sample’s figures', async () => {
		const { page } = session;
		await page.waitForFunction(
			() =>
				[...document.querySelectorAll('[data-testid^="analysis-"][data-status]')].every(
					(s) => s.getAttribute('data-status') !== 'running'
				),
			null,
			{ timeout: 60_000 }
		);
		const statuses = await page.$$eval('[data-testid^="analysis-"][data-status]', (list) =>
			list.map((s) => `${s.getAttribute('data-testid')}:${s.getAttribute('data-status')}`)
		);
		expect(statuses.length).toBeGreaterThanOrEqual(11);
		expect(statuses.filter((s) => !s.endsWith(':done'))).toEqual([]);
		expect(await kpi(page, 'customers')).toBe(SAMPLE.customers);
		assertNoPageErrors(session);
	});
});
