// The session's file list helpers (src/state/file-kinds.ts): merging a load into the list, the
// sheets a workbook offers, what identifies a report's content, the no-orders problem, the file
// offered for mapping.
import { describe, expect, it } from 'vitest';
import {
	mappingOffer,
	mergeFiles,
	noOrdersProblem,
	reportKey,
	sheetsOf
} from '../../../src/state/file-kinds';
import type { DataSetFile, FileReason } from '../../../src/db/pipeline/file-kinds';
import type { FileKind } from '../../../src/db/pipeline/files';
import type { LoadReport } from '../../../src/core/ingest/types';
import type { ColumnProfile } from '../../../src/core/types';

const col = (name: string, kind: ColumnProfile['kind'] = 'text'): ColumnProfile => ({
	name,
	kind,
	counted: true,
	nulls: 0,
	distinct: 2,
	samples: ['a', 'b']
});

function report(file: string, columns: ColumnProfile[], extra: Partial<LoadReport> = {}) {
	return { file, columns, encoding: 'utf-8', bytes: 10, rowsLoaded: 2, ...extra } as LoadReport;
}

function f(name: string, kind: FileKind, reason: FileReason, columns = [col('a'), col('b')]) {
	return {
		input: { name, data: new Uint8Array() },
		kind,
		reason,
		report: report(name, columns),
		orderRoles: { roles: {}, confidence: {}, missing: [], required: [], dimensions: [] }
	} as DataSetFile;
}

describe('mergeFiles', () => {
	it('a new data set lists only its files', () => {
		const before = [f('a.csv', 'orders', 'dates-amounts')];
		const loaded = [f('b.csv', 'orders', 'dates-amounts')];
		expect(mergeFiles(before, loaded, 'replace').map((x) => x.input.name)).toEqual(['b.csv']);
	});

	it('an added file that takes a kind’s place marks the earlier one replaced; appended or unused ones do not', () => {
		const before = [
			f('o.csv', 'orders', 'dates-amounts'),
			f('c.csv', 'customers', 'id-attributes')
		];
		const merged = mergeFiles(before, [f('c2.csv', 'customers', 'id-attributes')], 'add');
		expect(merged.map((x) => [x.input.name, x.kind, x.reason])).toEqual([
			['o.csv', 'orders', 'dates-amounts'],
			['c.csv', 'unused', 'replaced'],
			['c2.csv', 'customers', 'id-attributes']
		]);
		const appended = mergeFiles(before, [f('o2.csv', 'orders', 'appended')], 'add');
		expect(appended[0]!.kind).toBe('orders');
		const unused = mergeFiles(before, [f('n.csv', 'unused', 'unrecognised')], 'add');
		expect(unused.map((x) => x.kind)).toEqual(['orders', 'customers', 'unused']);
	});
});

describe('sheetsOf', () => {
	const container = { kinds: ['xlsx' as const], compressedBytes: 1, entry: null };
	it('the sheet read and the later ones with data; none for one sheet or a plain file', () => {
		const two = report('b.xlsx', [], {
			container: { ...container, sheet: 'A', otherSheets: ['B'] }
		});
		expect(sheetsOf(two)).toEqual(['A', 'B']);
		const one = report('b.xlsx', [], { container: { ...container, sheet: 'A', otherSheets: [] } });
		expect(sheetsOf(one)).toEqual([]);
		expect(sheetsOf(report('a.csv', []))).toEqual([]);
		expect(sheetsOf(null)).toEqual([]);
	});
});

describe('reportKey', () => {
	it('is the same for a report whose column counts arrived later, and differs for another read', () => {
		const r = report('a.csv', [col('a')]);
		expect(reportKey({ ...r, columns: [col('a'), col('b')] })).toBe(reportKey(r));
		expect(reportKey({ ...r, encoding: 'gbk' })).not.toBe(reportKey(r));
		expect(reportKey({ ...r, rowsLoaded: 3 })).not.toBe(reportKey(r));
		expect(reportKey(null)).toBe('');
	});
});

describe('noOrdersProblem and mappingOffer', () => {
	it('a one-column file is named with its column; an all-empty file says no column holds values', () => {
		const one = f('n.csv', 'unused', 'one-column', [col('note'), col('x', 'empty')]);
		expect(noOrdersProblem([one])).toMatchObject({
			file: 'n.csv',
			key: 'error.noOrdersOneColumn',
			params: { column: 'note' }
		});
		const empty = f('e.csv', 'unused', 'one-column', [col('x', 'empty')]);
		expect(noOrdersProblem([empty]).key).toBe('error.noOrdersEmpty');
	});

	it('offers the first file that is not the orders file and has two columns with values', () => {
		const files = [
			f('n.csv', 'unused', 'one-column', [col('note')]),
			f('o.csv', 'orders', 'dates-amounts'),
			f('c.csv', 'customers', 'id-attributes')
		];
		expect(mappingOffer(files)).toBe(2);
		expect(mappingOffer(files.slice(0, 2))).toBe(-1);
	});
});
