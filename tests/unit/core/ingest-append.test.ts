// Appending files of one kind (src/core/ingest/append.ts): which columns fit, the set's report,
// and a set row back to its file.
import { describe, expect, it } from 'vitest';
import {
	appendReport,
	compareColumns,
	partOfRow,
	sourceColumnName
} from '../../../src/core/ingest/append';
import type { LoadReport } from '../../../src/core/ingest/types';
import type { ColumnProfile } from '../../../src/core/types';

const col = (name: string, kind: ColumnProfile['kind'] = 'text'): ColumnProfile => ({
	name,
	kind,
	counted: true,
	nulls: 0,
	distinct: 2,
	samples: ['x']
});

function report(
	file: string,
	columns: ColumnProfile[],
	extra: Partial<LoadReport> = {}
): LoadReport {
	return {
		file,
		table: 'raw_orders',
		bytes: 100,
		encoding: 'utf-8',
		encodingUncertain: false,
		replacedChars: 0,
		replacedLines: [],
		delimiter: ',',
		hasHeader: true,
		dataRows: 10,
		rowsLoaded: 9,
		rowsRejected: 1,
		unaccounted: 0,
		rejects: [
			{ row: 3, line: 4, lastLine: null, column: null, reason: { code: 'quote' }, raw: 'x' }
		],
		columns,
		headerWarnings: [],
		skippedLines: [],
		...extra
	};
}

describe('compareColumns', () => {
	it('fits the same names in another order and case; lists what is missing and extra', () => {
		const set = report('jan.csv', [col('id'), col('Date', 'date'), col('amount', 'decimal')]);
		expect(
			compareColumns(set, report('feb.csv', [col('amount'), col('ID'), col('date')]))
		).toBeNull();
		expect(
			compareColumns(set, report('x.csv', [col('id'), col('when'), col('amount'), col('note')]))
		).toEqual({
			missing: ['Date'],
			extra: ['when', 'note'],
			kinds: []
		});
	});

	it('header-less: same count and kinds (integer ~ decimal, date ~ timestamp, empty fits any)', () => {
		const h = { hasHeader: false };
		const set = report(
			'a',
			[col('column_1'), col('column_2', 'date'), col('column_3', 'integer')],
			h
		);
		const same = report(
			'b',
			[col('column_1'), col('column_2', 'timestamp'), col('column_3', 'decimal')],
			h
		);
		expect(compareColumns(set, same)).toBeNull();
		const empty = report(
			'c',
			[col('column_1', 'empty'), col('column_2', 'date'), col('column_3', 'integer')],
			h
		);
		expect(compareColumns(set, empty)).toBeNull();
		const swapped = report(
			'd',
			[col('column_1'), col('column_2', 'integer'), col('column_3', 'date')],
			h
		);
		expect(compareColumns(set, swapped)).toEqual({
			missing: [],
			extra: [],
			kinds: ['column_2', 'column_3']
		});
		const wider = report('e', [...same.columns, col('column_4')], h);
		expect(compareColumns(set, wider)).toEqual({ missing: [], extra: ['column_4'], kinds: [] });
		// A header-less file never fits a set with a header.
		expect(compareColumns(report('f', set.columns), same)).not.toBeNull();
	});

	it('leaves the set’s own source column out of the comparison', () => {
		const set = report('jan.csv', [col('id'), col('source_file')], { sourceColumn: 'source_file' });
		expect(compareColumns(set, report('mar.csv', [col('id')]))).toBeNull();
	});
});

describe('appendReport and partOfRow', () => {
	it('sums the counts, names each reject’s file, adds the source column and maps rows back', () => {
		const jan = report('jan.csv', [col('id'), col('amount', 'decimal')]);
		const feb = report('feb.csv', [col('amount'), col('id')], {
			dataRows: 5,
			rowsLoaded: 5,
			rowsRejected: 0,
			rejects: []
		});
		const mar = report('mar.csv', [col('id'), col('amount')]);
		const two = appendReport(jan, feb, 10, 'source_file');
		const three = appendReport(two, mar, 15, 'source_file');
		expect([three.file, three.dataRows, three.rowsLoaded, three.rowsRejected]).toEqual([
			'jan.csv, feb.csv, mar.csv',
			25,
			23,
			2
		]);
		expect(three.rejects.map((r) => [r.file, r.line])).toEqual([
			['jan.csv', 4],
			['mar.csv', 4]
		]);
		expect(three.columns.map((c) => [c.name, c.counted])).toEqual([
			['id', false],
			['amount', false],
			['source_file', true]
		]);
		expect(three.columns[2]!.samples).toEqual(['jan.csv', 'feb.csv', 'mar.csv']);
		expect(three.parts!.map((p) => p.rowOffset)).toEqual([0, 10, 15]);
		expect(partOfRow(three, 10)).toEqual({ file: 'jan.csv', row: 10 });
		expect(partOfRow(three, 11)).toEqual({ file: 'feb.csv', row: 1 });
		expect(partOfRow(three, 16)).toEqual({ file: 'mar.csv', row: 1 });
		expect(partOfRow(jan, 7)).toEqual({ file: 'jan.csv', row: 7 });
	});

	it('names the source column source_file unless the files have one', () => {
		expect(sourceColumnName([col('id')])).toBe('source_file');
		expect(sourceColumnName([col('Source_File'), col('source_file_2')])).toBe('source_file_3');
	});
});
