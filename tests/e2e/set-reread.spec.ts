// Issue 15: reading an appended set again keeps every file's rows. Two monthly files load as one
// orders set; on the mapping screen the encoding note says the choice applies to both, and
// choosing another encoding reads both again — the status still counts both files' rows and the
// load summary still lists both. Before, only the first file was read again.
// Hooks: file-input, load-status (data-rows-loaded), edit-mapping, encoding-select, encoding-set,
// confirm-mapping, set-files-orders.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertNoPageErrors, launchBrowser, type BrowserSession } from './helpers/browser';
import { waitForLoad } from './helpers/app';

const HEADER = 'order_id,order_date,customer_id,amount';
const file = (name: string, lines: string[]) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from([HEADER, ...lines].join('\n') + '\n')
});

describe('an appended set read again', () => {
	let session: BrowserSession;
	beforeAll(async () => {
		session = await launchBrowser();
	});
	afterAll(async () => {
		await session?.close();
	});

	it("choosing another encoding for a set of two files keeps both files' rows", async () => {
		const { page } = session;
		await page.goto(`${inject('appUrl')}?lang=en`);
		await page
			.getByTestId('file-input')
			.setInputFiles([
				file('jan.csv', ['1,2024-01-02,A,10.00', '2,2024-01-09,B,5.50', '3,2024-01-20,A,4.00']),
				file('feb.csv', ['4,2024-02-03,C,7.25', '5,2024-02-11,A,3.00'])
			]);
		await waitForLoad(page, { loaded: 5 });

		await page.getByTestId('edit-mapping').click();
		expect(await page.getByTestId('encoding-set').textContent()).toContain('2 files');
		await page.getByTestId('encoding-select').selectOption('windows-1252');
		await waitForLoad(page, { states: ['mapping'], loaded: 5 });
		await page.getByTestId('confirm-mapping').click();
		await waitForLoad(page, { loaded: 5 });

		const rows = await page
			.getByTestId('set-files-orders')
			.locator('tbody tr td:first-child')
			.allTextContents();
		expect(rows.map((r) => r.trim())).toEqual(['jan.csv', 'feb.csv']);
		assertNoPageErrors(session);
	});
});
