import { describe, expect, it } from 'vitest';
import { sanitizeFilename } from '../../../src/export/download';

describe('sanitizeFilename', () => {
	it.each([
		['rfm-segments.csv', 'rfm-segments.csv'],
		['客户 RFM 分析.png', '客户 RFM 分析.png'],
		['a/b\\c:d*e?f"g<h>i|j.svg', 'a_b_c_d_e_f_g_h_i_j.svg'],
		['../../etc/passwd', '_.._etc_passwd'],
		['  .hidden. ', 'hidden'],
		['tab\tand\nnewline.csv', 'tab_and_newline.csv'],
		['CON.csv', '_CON.csv'],
		['', 'download'],
		['///', 'download']
	])('%j → %j', (input, expected) => {
		expect(sanitizeFilename(input)).toBe(expected);
	});

	it('caps the length and keeps the extension', () => {
		const name = sanitizeFilename(`${'长'.repeat(300)}.csv`);
		expect([...name]).toHaveLength(120);
		expect(name.endsWith('长.csv')).toBe(true);
	});
});
