import { describe, expect, it } from 'vitest';
import { nameColumns } from '../../../src/core/ingest/names';

describe('nameColumns', () => {
	it('trims names and keeps user text as is', () => {
		expect(nameColumns([' id ', 'a"b', 'x; DROP TABLE tx', '下单时间'], 4)).toEqual({
			names: ['id', 'a"b', 'x; DROP TABLE tx', '下单时间'],
			warnings: []
		});
	});

	it('names a headerless file column_1..column_N without warnings', () => {
		expect(nameColumns(null, 3)).toEqual({
			names: ['column_1', 'column_2', 'column_3'],
			warnings: []
		});
	});

	it('suffixes duplicates case-insensitively and skips taken suffixes', () => {
		expect(nameColumns(['a', 'A', 'a_2', 'a'], 4).names).toEqual(['a', 'A_2', 'a_2_2', 'a_3']);
	});

	it('names blank and missing headers by position and warns', () => {
		expect(nameColumns(['id', '  '], 3)).toEqual({
			names: ['id', 'column_2', 'column_3'],
			warnings: [
				'Column 2 has a blank header; named it "column_2".',
				'Column 3 has no header (data rows are wider than the header); named it "column_3".'
			]
		});
	});

	it('reserves __row', () => {
		expect(nameColumns(['__row', '__ROW'], 2).names).toEqual(['__row_2', '__ROW_3']);
	});
});
