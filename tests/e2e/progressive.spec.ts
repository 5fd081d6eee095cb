// The progressive dashboard (issue 22): sections compute in display order, the ones on screen
// first, so a section scrolled into view while it waits jumps the queue. On the bundled sample,
// the page scrolls to the loyalty section (10th of the sections) the moment it appears; it must
// finish before the sections above it that were then out of sight and waiting, and every section
// must finish with the sample's figures (tests/unit/state/dashboard.svelte.test.ts compares every
// result with a run in display order).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	launchBrowser,
	waitForCharts,
	type BrowserSession
} from './helpers/browser';
import { SAMPLE, kpi, waitForAnalyses, waitForLoad } from './helpers/app';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
	// Before any script of the page: note every section's status change, and scroll to the
	// loyalty section as soon as it is there (a person scrolling down while the first one runs).
	await session.context.addInitScript(() => {
		const w = window as unknown as {
			__done: string[];
			__scrolled: boolean;
			__offScreen: string[];
			__overviewRuns: number;
			__mountBatches: string[][];
		};
		// The sections each mutation batch brought in (a batch: the DOM changes of one task).
		w.__mountBatches = [];
		const seen = new Set<string>();
		// Every statement the page hands DuckDB's worker: the overview's headline statement counted.
		w.__overviewRuns = 0;
		const post = Worker.prototype.postMessage;
		Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
			const data = (message as { data?: unknown } | null)?.data;
			const texts = Array.isArray(data) ? data : [data];
			if (texts.some((t) => typeof t === 'string' && t.includes('AS store_revenue')))
				w.__overviewRuns++;
			return post.call(this, message, ...rest);
		} as typeof Worker.prototype.postMessage;
		w.__done = [];
		w.__scrolled = false;
		w.__offScreen = [];
		new MutationObserver((records) => {
			const batch: string[] = [];
			for (const el of document.querySelectorAll<HTMLElement>(
				'section[data-testid^="analysis-"]'
			)) {
				const id = el.dataset.testid!;
				if (!seen.has(id)) {
					seen.add(id);
					batch.push(id);
				}
			}
			if (batch.length > 0) w.__mountBatches.push(batch);
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
				// The sections out of sight right after the scroll, not done yet: waiting.
				for (const el of document.querySelectorAll<HTMLElement>('[data-testid^="analysis-"]')) {
					const r = el.getBoundingClientRect();
					const out = r.bottom <= 0 || r.top >= window.innerHeight;
					if (out && el.dataset.status !== 'done') w.__offScreen.push(el.dataset.testid!);
				}
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
	it('runs the section scrolled into view before the waiting ones above it, out of sight', async () => {
		const { done, offScreen, order } = await session.page.evaluate(() => {
			const w = window as unknown as { __done: string[]; __offScreen: string[] };
			return {
				done: w.__done,
				offScreen: w.__offScreen,
				order: [...document.querySelectorAll('[data-testid^="analysis-"]')].map((el) =>
					el.getAttribute('data-testid')!
				)
			};
		});
		const loyalty = 'analysis-loyalty';
		// Above the loyalty section on the page, out of sight and waiting when the page scrolled
		// (the overview was running already: it is picked before any section is drawn).
		const above = order
			.slice(0, order.indexOf(loyalty))
			.filter((id) => offScreen.includes(id) && id !== 'analysis-overview');
		expect(above.length, `out of sight above: ${offScreen.join(', ')}`).toBeGreaterThan(0);
		// One not done yet when the loyalty section is (this test runs once that one is) finished
		// after it: its place is past the end of the list.
		const place = (id: string) => (done.includes(id) ? done.indexOf(id) : done.length);
		expect(done).toContain(loyalty);
		for (const id of above) expect(place(loyalty), `loyalty before ${id}`).toBeLessThan(place(id));
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

	// Sections away from the window are laid out but not painted (Section.svelte's
	// content-visibility: painting and layerising every section's charts made the 1 M load's longest
	// tasks). Their charts are drawn all the same, at the width they will have on screen — the
	// downloads and the report read them — and scrolling to one does not draw it again.
	it('charts-undrawn-away-from-the-window: a section not rendered has its charts drawn at their width', async () => {
		const { page } = session;
		await waitForCharts(page);
		const away = await page.$$eval('section.analysis', (list) =>
			list
				.filter((s) => s.querySelector('.chart') !== null)
				.filter((s) => !s.querySelector('header')!.checkVisibility({ contentVisibilityAuto: true }))
				.map((s) => s.dataset.testid!)
		);
		// The page was scrolled to the loyalty section: the overview, RFM and cohorts are far above.
		expect(away).toEqual(expect.arrayContaining(['analysis-overview', 'analysis-rfm']));
		// Each chart of a section: drawn, its width, its margin to its box, whether it is rendered,
		// and the mark left on its figure by the first look (`mark`: a figure drawn again has none).
		const charts = (id: string, mark = false) =>
			page.$$eval(
				`[data-testid="${id}"] .chart:has(> [data-testid^="chart-"])`,
				(list, mark) =>
					list.map((c) => {
						const plot = c.querySelector<HTMLElement>('[data-testid^="chart-"]')!;
						const figure = plot.querySelector<HTMLElement>(':scope > figure');
						const width = Math.max(
							0,
							...[...(figure?.querySelectorAll('svg[width]') ?? [])].map((v) =>
								Number(v.getAttribute('width'))
							)
						);
						if (figure && mark) figure.dataset.seen = 'before-scroll';
						return {
							id: plot.dataset.testid!,
							drawn: figure !== null,
							seen: figure?.dataset.seen ?? null,
							width,
							margin: Math.floor(c.getBoundingClientRect().width) - width,
							rendered: c.checkVisibility({ contentVisibilityAuto: true }),
							downloads: [...c.querySelectorAll<HTMLButtonElement>('.downloads button')].every(
								(b) => !b.disabled
							)
						};
					}),
				mark
			);
		for (const id of away) {
			const before = await charts(id, true);
			expect(before.length, id).toBeGreaterThan(0);
			for (const c of before) {
				expect(c.drawn, c.id).toBe(true);
				expect(c.downloads, c.id).toBe(true);
				expect(c.width, c.id).toBeGreaterThanOrEqual(320);
			}
		}
		// On screen: the same figures, not drawn again (a width other than the one drawn at would
		// redraw them), with the margin to their boxes of a chart drawn on screen from the start.
		const [shown] = await charts('analysis-loyalty');
		expect(shown!.rendered).toBe(true);
		const id = away[0]!;
		await page.getByTestId(id).scrollIntoViewIfNeeded();
		await page.waitForTimeout(1_000);
		await waitForCharts(page);
		for (const c of await charts(id)) {
			expect(c.rendered).toBe(true);
			expect(c.seen).toBe('before-scroll');
			expect(c.margin).toBe(shown!.margin);
		}
		assertNoPageErrors(session);
	});

	// Regression: sections away from the window took an estimated height (or the placeholder's,
	// kept from when they were rendered waiting), and the sections rendered on arrival after a jump
	// grew and pushed its target out of the window (the link to the forecast showed the purchase
	// cycle's table). Each keeps its content's height: a jump lands on its section, and the page
	// is as tall as with every section rendered.
	it('jump-landed-above-the-section: a link above the dashboard lands on its section', async () => {
		const { page } = session;
		const jump = async (id: string) => {
			await page.locator(`nav.toc a[href="#analysis-${id}"]`).click();
			await page.waitForTimeout(500);
			const { top, margin } = await page.getByTestId(`analysis-${id}`).evaluate((el) => ({
				top: el.getBoundingClientRect().top,
				margin: parseFloat(getComputedStyle(el).scrollMarginTop)
			}));
			expect(Math.abs(top - margin), `${id}: top ${top}, scroll margin ${margin}`).toBeLessThan(2);
		};
		for (const id of ['clv', 'cohort', 'feedback']) await jump(id);
		// A language switch changes every section's height, those away from the window included,
		// whose last rendered heights the browser would otherwise keep.
		await page.getByTestId('lang-switch').selectOption('zh');
		await waitForCharts(page);
		await page.waitForTimeout(500);
		for (const id of ['lifecycle', 'clv', 'basket']) await jump(id);
		const height = () => page.evaluate(() => document.documentElement.scrollHeight);
		const skipped = await height();
		await page.addStyleTag({
			content: 'section.analysis { content-visibility: visible !important; }'
		});
		await page.waitForTimeout(300);
		expect(Math.abs((await height()) - skipped)).toBeLessThan(4);
		await page.getByTestId('lang-switch').selectOption('en');
		await waitForCharts(page);
	});

	// Regression: the dozen sections were mounted in one task, with the layout of them all: 120 to
	// 170 ms blocking the page right when the tables were built (the bench's longest task), the
	// overview's statements waiting behind it. They come a few per frame, in display order.
	it('dashboard-mounted-in-one-long-task: the sections come two per frame, in order', async () => {
		const { page } = session;
		const batches = await page.evaluate(
			() => (window as unknown as { __mountBatches: string[][] }).__mountBatches
		);
		const all = batches.flat();
		expect(all.length).toBeGreaterThanOrEqual(11);
		expect(new Set(all).size).toBe(all.length);
		expect(Math.max(...batches.map((b) => b.length)), JSON.stringify(batches)).toBeLessThanOrEqual(
			2
		);
		const order = await page.$$eval('section[data-testid^="analysis-"]', (list) =>
			list.map((el) => el.getAttribute('data-testid'))
		);
		expect(all).toEqual(order);
	});

	// Regression: the first dashboard of every file ran twice (the effect that starts it wrote the
	// loaded data it then read, and ran again at once): the overview's statements twice, the first
	// run's results thrown away.
	it('dashboard-ran-twice-on-load: the overview’s statement once per file, once more per filter', async () => {
		const { page } = session;
		const runs = () =>
			page.evaluate(() => (window as unknown as { __overviewRuns: number }).__overviewRuns);
		expect(await runs()).toBe(1);
		// A global control still runs the dashboard again, once.
		await page.getByTestId('date-from').fill('2024-01-01');
		await expect.poll(runs, { timeout: 30_000 }).toBe(2);
		await waitForAnalyses(page);
		expect(await runs()).toBe(2);
		assertNoPageErrors(session);
	});
});
