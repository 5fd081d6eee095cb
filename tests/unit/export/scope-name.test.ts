import { describe, expect, it } from 'vitest';
import { namePiece, scopeSuffix, scopedFilename } from '../../../src/export/scope-name';
import { sanitizeFilename } from '../../../src/export/download';

const range = { from: '2024-01-01', to: '2024-06-30' };

describe('scopeSuffix', () => {
	it('is empty with no date range and no filter, so unfiltered names stay as they were', () => {
		expect(scopeSuffix(null)).toBe('');
		expect(scopeSuffix({ from: null, to: null, filter: null })).toBe('');
		expect(scopeSuffix({ from: null, to: null, filter: { column: 'region', values: [] } })).toBe(
			''
		);
	});

	it('names the date range and the filter: _2024-01-01_2024-06-30_region-Central', () => {
		const filter = { column: 'region', values: ['Central'] };
		expect(scopeSuffix({ ...range, filter })).toBe('_2024-01-01_2024-06-30_region-Central');
	});

	it('says which end an open range has', () => {
		expect(scopeSuffix({ from: '2024-01-01', to: null, filter: null })).toBe('_from-2024-01-01');
		expect(scopeSuffix({ from: null, to: '2024-06-30', filter: null })).toBe('_to-2024-06-30');
	});

	it('joins several values with "+", and counts those beyond the cap', () => {
		const few = { column: 'channel', values: ['web', 'store'] };
		expect(scopeSuffix({ from: null, to: null, filter: few })).toBe('_channel-web+store');
		const many = { column: 'city', values: Array.from({ length: 20 }, (_, i) => `City ${i}`) };
		const suffix = scopeSuffix({ from: null, to: null, filter: many });
		expect(suffix).toMatch(/^_city-City-0\+City-1\+.*\(\+\d+\)$/);
		expect([...suffix].length).toBeLessThanOrEqual(1 + 24 + 1 + 48 + 5);
	});

	it('keeps Chinese labels and values', () => {
		const filter = { column: '地区', values: ['华东', '华北'] };
		expect(scopeSuffix({ from: null, to: null, filter })).toBe('_地区-华东+华北');
	});
});

describe('namePiece: values from files can hold anything', () => {
	it('drops path separators, so a value cannot name another folder', () => {
		expect(namePiece('../../etc/passwd')).toBe('etc-passwd');
		expect(namePiece('C:\\Windows\\system32')).toBe('C-Windows-system32');
	});

	it('drops control characters and bidirectional overrides that would disguise the name', () => {
		// U+202E would show 'Central\u202Evsc.exe' as 'Centralexe.csv'.
		expect(namePiece('Central\u202Evsc.exe')).toBe('Centralvsc.exe');
		expect(namePiece('a\u0000b\u0007c\r\nd\u200Be')).toBe('abcde');
	});

	it('turns spaces into "-", removes leading dots and the characters Windows refuses', () => {
		expect(namePiece('  North  East ')).toBe('North-East');
		expect(namePiece('.hidden')).toBe('hidden');
		expect(namePiece('a<b>c:d*e?f"g|h')).toBe('a-b-c-d-e-f-g-h');
	});

	it('caps a long value at 24 characters (code points, so no broken surrogate pair)', () => {
		expect([...namePiece('😀'.repeat(40))]).toHaveLength(24);
		expect(namePiece('x'.repeat(100))).toBe('x'.repeat(24));
	});

	it('an empty or all-invisible value reads "blank" in the list', () => {
		const filter = { column: 'region', values: ['', '\u202E'] };
		expect(scopeSuffix({ from: null, to: null, filter })).toBe('_region-blank+blank');
	});
});

describe('scopedFilename', () => {
	const scope = { ...range, filter: { column: 'region', values: ['Central'] } };

	it('puts the suffix before the extension', () => {
		expect(scopedFilename('rfm-segments.csv', scope)).toBe(
			'rfm-segments_2024-01-01_2024-06-30_region-Central.csv'
		);
		expect(scopedFilename('revenue-by-month.svg', scope)).toMatch(/_region-Central\.svg$/);
	});

	it('leaves the name alone without a scope', () => {
		expect(scopedFilename('orders-rfm.csv', null)).toBe('orders-rfm.csv');
	});

	it('a hostile value survives the download sanitiser as one plain file name', () => {
		const hostile = {
			from: null,
			to: null,
			filter: { column: 'a/b', values: ['..\\..\\x\u0001'] }
		};
		const name = sanitizeFilename(scopedFilename('orders-rfm.csv', hostile));
		expect(name).toBe('orders-rfm_a-b-x.csv');
		expect(name).not.toMatch(/[\\/\p{Cc}]/u);
	});
});
