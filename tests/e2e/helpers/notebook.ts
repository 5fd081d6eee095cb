// The notebook view for browser specs: open it, and wait for a cell's status with its error shown
// when it ends elsewhere. Hooks: open-notebook, notebook, cell-<n> (data-status), cell-error.
import type { Page } from 'playwright-core';

export async function openNotebook(page: Page): Promise<void> {
	await page.getByTestId('open-notebook').click();
	await page.getByTestId('notebook').waitFor({ timeout: 20_000 });
}

/** Waits until cell n has data-status `want`; otherwise fails with its status and error text. */
export async function waitForCell(
	page: Page,
	n: number,
	want: string,
	timeout = 30_000
): Promise<void> {
	try {
		await page.locator(`[data-testid="cell-${n}"][data-status="${want}"]`).waitFor({ timeout });
	} catch {
		const cell = page.getByTestId(`cell-${n}`);
		const status = await cell.getAttribute('data-status').catch(() => 'missing');
		const error = await cell
			.getByTestId('cell-error')
			.textContent({ timeout: 100 })
			.catch(() => '');
		throw new Error(`cell-${n} is ${status}, want ${want}${error ? `: ${error}` : ''}`);
	}
}
