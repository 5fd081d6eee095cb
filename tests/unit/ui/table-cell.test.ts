// DataTable's cell text (src/ui/table-cell.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { I18n, loadCatalog } from '../../../src/i18n/i18n.svelte';
import { formatCell } from '../../../src/ui/table-cell';

beforeAll(() => loadCatalog('zh'));

const en = new I18n();

describe('formatCell', () => {
	it('the rules table showed every leverage as 0.00: a num column can ask for more decimals', () => {
		expect(formatCell(en, 0.0012, 'num', 4)).toBe('0.0012');
		expect(formatCell(en, -0.00034, 'num', 4)).toBe('-0.0003');
		expect(formatCell(en, 0.0012, 'num')).toBe('0.00');
	});

	it('whole numbers without decimals, kinds by their formats, NULL as a dash', () => {
		expect(formatCell(en, 3, 'num', 4)).toBe('3');
		expect(formatCell(en, 1234, 'int')).toBe('1,234');
		expect(formatCell(en, 0.25, 'pct')).toMatch(/^25(\.0)?%$/);
		expect(formatCell(en, null, 'num')).toBe('–');
		expect(formatCell(en, 'a<b', 'text')).toBe('a<b');
	});
});
