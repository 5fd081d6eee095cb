// The screenshots the specs write are for people to read (tests/e2e/screenshots/), so they must
// show the whole section. Regression: a section that fits the window was captured as the window
// showed it after Playwright scrolled it "into view" — the sections' scroll-margin-top (room for
// the sticky controls) left it 120–180 px down, and its bottom rows past the window's edge came
// out as blank page: the overview's last KPI row and the concentration chart's buttons missing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import {
	blankRowsAtBottom,
	launchBrowser,
	screenshot,
	type BrowserSession
} from './helpers/browser';
import { pngSize } from './helpers/files';
import { SAMPLE, waitForAnalyses, waitForLoad } from './helpers/app';

let session: BrowserSession;

beforeAll(async () => {
	session = await launchBrowser();
	await session.page.setViewportSize({ width: 1440, height: 900 });
	await session.page.goto(`${inject('appUrl')}?sample`);
	await waitForLoad(session.page, { loaded: SAMPLE.loaded, timeout: 50_000 });
	await waitForAnalyses(session.page);
});

afterAll(async () => {
	await session?.close();
});

describe('section screenshots', () => {
	it('section-screenshots-cut-off-at-the-window-bottom: painted to their last row', async () => {
		const { page } = session;
		for (const id of ['overview', 'concentration']) {
			const section = page.getByTestId(`analysis-${id}`);
			// Scrolled into view as a person (or a table-of-contents link) leaves it: under the controls.
			await section.scrollIntoViewIfNeeded();
			const box = (await section.boundingBox())!;
			expect(box.height, `${id} fits the window`).toBeLessThan(900);
			const png = await readFile(await screenshot(page, `whole-section-1440-${id}`, section));
			// (One row may be: a box of fractional height rounds up to a row it half covers.)
			expect(blankRowsAtBottom(png), `${id}: blank rows at the bottom`).toBeLessThanOrEqual(1);
			expect(
				Math.abs(pngSize(png).height - box.height),
				`${id}: the section's height`
			).toBeLessThan(2);
		}
	});
});
