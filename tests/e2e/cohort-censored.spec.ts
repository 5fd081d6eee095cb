// Issue 16 item 5 in the browser: the Online Retail log (../shared/datasets; skipped without it,
// failing under CI) starts 2010-12-01, so its first cohort holds everyone who bought before. The
// cohort section marks it (◆ on its label, a note), leaves it out of the average, and the
// cohort-include-first control takes it back in. Screenshots in English and Chinese
// (tests/e2e/screenshots/cohort-censored-<lang>.png).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { datasetPath, datasetPresent } from '../helpers/datasets';
import {
	assertNoPageErrors,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { waitForLoad } from './helpers/app';

const FILE = datasetPath('online_retail/online_retail.csv.gz');
const present = datasetPresent(FILE);
let session: BrowserSession;
let dir = '';

/** Waits for the cohort section to finish a run. */
async function cohortDone() {
	await session.page.waitForFunction(
		() =>
			document.querySelector('[data-testid="analysis-cohort"]')?.getAttribute('data-status') ===
			'done',
		undefined,
		{ timeout: 60_000, polling: 100 }
	);
}

describe.skipIf(!present)('a left-censored first cohort (Online Retail)', () => {
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'clientele-retail-'));
		const csv = join(dir, 'online_retail.csv');
		await writeFile(csv, gunzipSync(readFileSync(FILE)));
		session = await launchBrowser();
		await session.page.setViewportSize({ width: 1440, height: 900 });
		await session.page.goto(`${inject('appUrl')}?lang=en`);
		await session.page.getByTestId('file-input').setInputFiles(csv);
		await waitForLoad(session.page, { timeout: 120_000 });
		await cohortDone();
	}, 180_000);

	afterAll(async () => {
		await session?.close();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('is marked and noted, left out of the average, and taken back in on request', async () => {
		const { page } = session;
		const section = page.getByTestId('analysis-cohort');
		const note = section.getByTestId('cohort-first-note');
		expect(await note.textContent()).toContain('2010-12');
		expect(await note.textContent()).toContain('left out of the average');
		const ticks = section.locator(
			'[data-testid="chart-cohort"] g[aria-label="y-axis tick label"] text'
		);
		expect(await ticks.first().textContent()).toBe('2010-12 ◆');
		expect(await section.getByTestId('chart-cohort').textContent()).toContain(
			'◆ first cohort starts before the data   ⬚ period not finished yet'
		);
		const control = section.getByTestId('cohort-include-first');
		expect(await control.inputValue()).toBe('out');
		await screenshot(page, 'cohort-censored-en', section);

		await control.selectOption('in');
		await page.waitForFunction(
			() =>
				document
					.querySelector('[data-testid="cohort-first-note"]')
					?.textContent?.includes('included in the average'),
			undefined,
			{ timeout: 60_000 }
		);
		await cohortDone();
		await control.selectOption('out');
		await cohortDone();

		await page.getByTestId('lang-switch').selectOption('zh');
		expect(await note.textContent()).toContain('平均行未计入该同期群');
		await page.waitForTimeout(300);
		await screenshot(page, 'cohort-censored-zh', section);
		assertNoPageErrors(session);
	}, 120_000);
});
