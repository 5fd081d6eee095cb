// Cancelling a long load (issue 2: "a progress indicator with cancel for large files"): the
// progress panel shows while a generated 600k-line file loads, Cancel kills DuckDB's worker and
// starts a fresh one, nothing half-loaded remains, and the next load works.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeOrders } from '../../scripts/generate-sample.mjs';
import { assertNoPageErrors, launchBrowser, type BrowserSession } from './helpers/browser';
import { SAMPLE, waitForLoad } from './helpers/app';

describe('cancelling a load', () => {
	let session: BrowserSession;
	let dir: string;
	let big: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'clientele-cancel-'));
		big = join(dir, 'orders-big.csv');
		await writeOrders({ out: big, lines: 600_000 });
		session = await launchBrowser();
		await session.page.goto(inject('appUrl'));
		await session.page
			.locator('[data-testid="engine-status"][data-state="ready"]')
			.waitFor({ state: 'attached' });
	}, 120_000);

	afterAll(async () => {
		await session?.close();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('shows progress, cancels, and loads the next file', async () => {
		const { page } = session;
		await page.getByTestId('file-input').setInputFiles(big);
		await page.getByTestId('progress').waitFor();
		expect(await page.getByTestId('load-status').getAttribute('data-state')).toBe('loading');
		await page.getByTestId('cancel-load').click();
		await waitForLoad(page, { states: ['empty'] });
		await expect.poll(() => page.getByTestId('problem').textContent()).toContain('cancelled');
		// A fresh engine starts; the sample then loads normally.
		await page
			.locator('[data-testid="engine-status"][data-state="ready"]')
			.waitFor({ state: 'attached', timeout: 30_000 });
		await page.getByTestId('load-sample').click();
		await waitForLoad(page, { loaded: SAMPLE.loaded, timeout: 60_000 });
		assertNoPageErrors(session);
	}, 120_000);
});
