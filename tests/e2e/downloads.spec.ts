// Downloads of every analysis section on the bundled sample: the CSV holds exactly the rows behind
// the section's table or chart (UTF-8 with BOM, same header as the table), the SVG is well-formed
// XML with the chart's title, the PNG is drawn at twice the figure's CSS width, and the customer
// lists hold as many customers as the table says the chosen segment has.
// Hooks: download-csv-<id>, download-svg-<id>, download-png-<id>, chart-<id>, table-<id>,
// segment-pick-<id>, download-customers-<id> (DESIGN.md §5).
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	assertNoPageErrors,
	assertSameOrigin,
	download,
	launchBrowser,
	type BrowserSession
} from './helpers/browser';
import { pngSize } from './helpers/files';
import { inspectSvg } from './helpers/svg';
import {
	SAMPLE,
	SECTIONS,
	parseCsv,
	waitForAnalyses,
	waitForLoad,
	type SectionId
} from './helpers/app';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
	await session.page.goto(`${inject('appUrl')}?sample`);
	await waitForLoad(session.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(session.page);
});

afterAll(async () => {
	await session?.close();
});

const int = (text: string | null) => Number((text ?? '').replaceAll(',', '').trim());

/** Header and all rows of a DataTable, expanding it first when it shows only its first rows. */
async function tableContents(table: Locator): Promise<{ header: string[]; rows: string[][] }> {
	// The button sits beside the table's scrolling box, in the DataTable's outer element.
	const more = table.locator('xpath=../..').getByRole('button', { name: /^Show all/ });
	if ((await more.count()) > 0) await more.click();
	const header = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
	const rows = await table
		.locator('tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''))
		);
	return { header, rows };
}

/** Rects drawn by a chart's `cell` or `rect` mark (heatmap cells, monthly bars). */
function cells(page: Page, chart: string, mark: string): Promise<number> {
	return page.getByTestId(`chart-${chart}`).locator(`svg g[aria-label="${mark}"] rect`).count();
}

describe('section downloads', () => {
	const withTable: SectionId[] = ['rfm', 'lifecycle', 'breakdown', 'concentration', 'cycle'];

	it.each(withTable)('%s: the CSV is the table, header and rows', async (id) => {
		const { page } = session;
		const section = page.getByTestId(`analysis-${id}`);
		const file = await download(page, section.getByTestId(`download-csv-${id}`));
		expect(file.filename).toMatch(/\.csv$/);
		const csv = parseCsv(file.bytes);
		expect(csv.bom).toBe(true);
		const table = await tableContents(section.getByTestId(`table-${id}`));
		expect(csv.header).toEqual(table.header);
		expect(csv.rows).toHaveLength(table.rows.length);
		// Text cells match as shown (numbers are formatted on screen, plain in the file).
		expect(csv.rows.map((r) => r[0])).toEqual(table.rows.map((r) => r[0]));
		if (id === 'rfm') expect(csv.rows).toHaveLength(10);
	});

	it('overview: the CSV has one row per month bar', async () => {
		const { page } = session;
		const section = page.getByTestId('analysis-overview');
		const csv = parseCsv(
			(await download(page, section.getByTestId('download-csv-overview'))).bytes
		);
		expect(csv.bom).toBe(true);
		expect(csv.header).toEqual(['Month', 'Revenue', 'Orders', 'Customers', 'Days in scope']);
		expect(csv.rows).toHaveLength(36); // 2022-01 … 2024-12
		expect(csv.rows).toHaveLength(await cells(page, 'overview', 'rect'));
		const revenue = csv.rows.reduce((s, r) => s + Number(r[1]), 0);
		const shown = int(await section.getByTestId('kpi-revenue').locator('.value').textContent());
		expect(revenue).toBeCloseTo(shown, 1);
	});

	it('cohort: the CSV has every cell of the triangle plus the average row', async () => {
		const { page } = session;
		const section = page.getByTestId('analysis-cohort');
		const csv = parseCsv((await download(page, section.getByTestId('download-csv-cohort'))).bytes);
		expect(csv.bom).toBe(true);
		expect(csv.header.slice(0, 4)).toEqual([
			'Cohort (first purchase)',
			'Cohort size',
			'Months since first purchase',
			'Customers'
		]);
		const average = csv.rows.filter((r) => r[0] === 'Average');
		const cohorts = new Set(csv.rows.filter((r) => r[0] !== 'Average').map((r) => r[0]));
		expect(cohorts.size).toBe(36);
		expect(average).toHaveLength(36); // k = 0 … 35
		expect(csv.rows).toHaveLength((36 * 37) / 2 + 36);
		expect(csv.rows).toHaveLength(await cells(page, 'cohort', 'cell'));
	});

	it.each(SECTIONS)('%s: the SVG is well-formed and titled, the PNG twice its size', async (id) => {
		const { page } = session;
		const section = page.getByTestId(`analysis-${id}`);
		// The chart's own <figure> (Plot nests another one inside it when it adds a legend).
		const figure = section.getByTestId(`chart-${id}`).locator('figure').first();
		const title = ((await figure.locator('h2, h3').first().textContent()) ?? '').trim();
		expect(title).not.toBe('');
		const cssWidth = await figure.evaluate((f) => f.getBoundingClientRect().width);

		const svgFile = await download(page, section.getByTestId(`download-svg-${id}`));
		expect(svgFile.filename).toMatch(/\.svg$/);
		const svg = await inspectSvg(page, svgFile.bytes.toString('utf8'));
		expect(svg.error).toBe('');
		expect(svg.valid).toBe(true);
		expect(svg.texts).toContain(title);
		expect(svg.width).toBe(Math.ceil(cssWidth));

		const pngFile = await download(page, section.getByTestId(`download-png-${id}`));
		expect(pngFile.filename).toMatch(/\.png$/);
		const png = pngSize(pngFile.bytes);
		expect(png.width).toBe(2 * Math.ceil(cssWidth));
		expect(png.height).toBe(2 * svg.height);
	});
});

describe('customer lists', () => {
	it('rfm: the list of the chosen segment has as many rows as the table says', async () => {
		const { page } = session;
		const section = page.getByTestId('analysis-rfm');
		const pick = section.getByTestId('segment-pick-rfm');
		// A segment other than the first, so the choice is what counts.
		const options = await pick
			.locator('option')
			.evaluateAll((os) =>
				os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' }))
			);
		const chosen = options[1];
		if (!chosen) throw new Error('segment-pick-rfm has fewer than two segments');
		await pick.selectOption(chosen.value);
		const table = await tableContents(section.getByTestId('table-rfm'));
		const row = table.rows.find((r) => r[0] === chosen.label.trim());
		expect(row, chosen.label).toBeDefined();

		const csv = parseCsv(
			(await download(page, section.getByTestId('download-customers-rfm'))).bytes
		);
		expect(csv.bom).toBe(true);
		expect(csv.header.slice(0, 2)).toEqual(['customer_id', 'segment']);
		expect(csv.rows).toHaveLength(int(row?.[1] ?? ''));
		// The segment's name as shown, its key beside the list's own columns (issue 16 item 12).
		expect(new Set(csv.rows.map((r) => r[1]))).toEqual(new Set([chosen.label.trim()]));
		const key = csv.header.indexOf('segment_key');
		expect(new Set(csv.rows.map((r) => r[key]))).toEqual(new Set([chosen.value]));
		expect(new Set(csv.rows.map((r) => r[0])).size).toBe(csv.rows.length);
	});

	it('concentration: the tier list has as many rows as the tier table says', async () => {
		const { page } = session;
		const section = page.getByTestId('analysis-concentration');
		const pick = section.getByTestId('segment-pick-concentration');
		const label = ((await pick.locator('option:checked').textContent()) ?? '').trim();
		const tiers = await tableContents(section.locator('table', { has: page.locator('caption') }));
		const row = tiers.rows.find((r) => r[0] === label);
		expect(row, label).toBeDefined();
		const csv = parseCsv(
			(await download(page, section.getByTestId('download-customers-concentration'))).bytes
		);
		expect(csv.rows).toHaveLength(int(row?.[1] ?? ''));
	});

	it('cycle: the due list has as many rows as its heading says', async () => {
		const { page } = session;
		const section = page.getByTestId('analysis-cycle');
		const heading = await section.locator('h3', { hasText: /Due for repurchase/ }).textContent();
		const csv = parseCsv(
			(await download(page, section.getByTestId('download-customers-cycle'))).bytes
		);
		expect(csv.bom).toBe(true);
		expect(csv.header[0]).toBe('customer_id');
		const due = int(/([\d,]+) customers/.exec(heading ?? '')?.[1] ?? '');
		expect(csv.rows).toHaveLength(due);
		// The page holds the first 100 only; the download was queried whole.
		const preview = section.getByTestId('cycle-due-preview');
		if (due > 100)
			await expect.poll(() => preview.textContent()).toContain(`all ${due.toLocaleString('en')}`);
		else expect(await preview.count()).toBe(0);
	});

	it('chart buttons are enabled only while their chart is drawn (a click saves a picture)', async () => {
		const { page } = session;
		// Charts are drawn in a later task than their section's result arrives. Check the page after
		// every DOM change while a filter change redraws every chart: a chart's SVG/PNG button may
		// not be enabled while its plot is empty (the click would have nothing to save).
		await page.evaluate(() => {
			const state = { checks: 0, undrawn: 0, bad: [] as string[] };
			const check = () => {
				state.checks++;
				for (const chart of document.querySelectorAll('.chart')) {
					const plot = chart.querySelector('[data-testid^="chart-"]');
					if ((plot?.childElementCount ?? 0) > 0) continue;
					state.undrawn++;
					for (const b of chart.querySelectorAll<HTMLButtonElement>('[data-testid^="download-"]')) {
						if (!b.disabled) state.bad.push(b.dataset.testid ?? '?');
					}
				}
			};
			const observer = new MutationObserver(check);
			observer.observe(document.body, { subtree: true, childList: true, attributes: true });
			Object.assign(window, { chartWatch: { state, stop: () => observer.disconnect() } });
		});
		await page.getByTestId('date-from').fill('2023-06-01');
		await waitForAnalyses(page, 30_000);
		await page.getByTestId('chart-rfm').locator('figure').first().waitFor({ timeout: 15_000 });
		const watch = await page.evaluate(() => {
			const w = (
				window as unknown as {
					chartWatch: {
						state: { checks: number; undrawn: number; bad: string[] };
						stop: () => void;
					};
				}
			).chartWatch;
			w.stop();
			return { ...w.state, bad: [...new Set(w.state.bad)] };
		});
		// The watch saw charts between their section's result and their drawing, and no button
		// that was enabled then.
		expect(watch.undrawn).toBeGreaterThan(0);
		expect(watch.bad).toEqual([]);
		await page.getByTestId('date-from').fill('');
		await waitForAnalyses(page, 30_000);
	});

	it('stayed on its origin, without page errors', () => {
		assertSameOrigin(session.requests, inject('appOrigin'));
		assertNoPageErrors(session);
	});
});
