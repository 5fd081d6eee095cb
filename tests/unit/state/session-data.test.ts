// The session's state changes as plain patches (src/state/session-data.ts) and its sets' helpers
// (src/state/sets.ts): a placed file, the state after a load, Cancel, dismiss, the row counts,
// the data set the pipeline is given; the workbooks of a set and which files a set holds once a
// file's kind changes.
import { describe, expect, it } from 'vitest';
import {
	afterLoad,
	builtKey,
	cancelled,
	dataSetOf,
	dismissedPhase,
	forgotten,
	placed,
	rowsLoadedOf,
	rowsRejectedOf,
	type SessionData
} from '../../../src/state/session-data';
import { setWith, setWithout, withSheet, workbooksOf } from '../../../src/state/sets';
import { appendReport } from '../../../src/core/ingest/append';
import type { DataSetFile, FileReason } from '../../../src/db/pipeline/file-kinds';
import type { FileKind, LoadedFile } from '../../../src/db/pipeline/files';
import type { LoadedDataSet } from '../../../src/db/pipeline/load-data-set';
import type { LoadInput, LoadReport } from '../../../src/core/ingest/types';
import type { ColumnProfile, OrdersMapping } from '../../../src/core/types';
import type { LoadSummary } from '../../../src/db/pipeline/build';

const col = (name: string): ColumnProfile => ({
	name,
	kind: 'text',
	counted: true,
	nulls: 0,
	distinct: 2,
	samples: ['a', 'b']
});
const COLS = [col('customer_id'), col('order_date'), col('amount')];

function report(file: string, extra: Partial<LoadReport> = {}): LoadReport {
	return {
		file,
		table: 'raw_orders',
		columns: COLS,
		hasHeader: true,
		encoding: 'utf-8',
		bytes: 10,
		dataRows: 2,
		rowsLoaded: 2,
		rowsRejected: 0,
		unaccounted: 0,
		replacedChars: 0,
		rejects: [],
		...extra
	} as LoadReport;
}

const input = (name: string): LoadInput => ({ name, data: new Uint8Array() });

function file(name: string, kind: FileKind, reason: FileReason, r = report(name)): DataSetFile {
	return {
		input: input(name),
		kind,
		reason,
		report: r,
		orderRoles: { roles: {}, confidence: {}, missing: [], required: [], dimensions: [] }
	} as unknown as DataSetFile;
}

/** An empty session's data. */
function state(extra: Partial<SessionData> = {}): SessionData {
	return {
		phase: 'empty',
		problem: null,
		notices: [],
		ordersReport: null,
		ordersFiles: { inputs: [] },
		customersReport: null,
		customersFiles: { inputs: [] },
		detection: null,
		customersDetection: null,
		mapping: null,
		customersMapping: null,
		returns: 'net',
		summary: null,
		basketsSummary: null,
		feedbackSummary: null,
		differing: [],
		basketReports: [],
		files: [],
		workbooks: [],
		built: null,
		warnings: [],
		checks: 'idle',
		remembered: false,
		formatMisfits: [],
		...extra
	};
}

const workbook = (name: string, sheet: string, otherSheets: string[]) =>
	report(name, {
		container: { kinds: ['xlsx'], compressedBytes: 1, entry: null, sheet, otherSheets }
	});

describe('placed: a file of a load as it is placed', () => {
	it('an orders file starts the set; one appended joins it, with its workbook', () => {
		const jan = file('jan.csv', 'orders', 'dates-amounts');
		let s = state(placed(state(), jan));
		expect([s.ordersReport?.file, s.ordersFiles.inputs]).toEqual(['jan.csv', [jan.input]]);
		const book = workbook('book.xlsx', 'A', ['B']);
		const set = appendReport(s.ordersReport!, book, 2, 'source_file');
		const feb: LoadedFile = { ...file('book.xlsx', 'orders', 'appended', book), set };
		s = state({ ...s, ...placed(s, feb) });
		expect(s.ordersFiles.inputs.map((i) => i.name)).toEqual(['jan.csv', 'book.xlsx']);
		expect(s.workbooks.map((w) => [w.part, w.file, w.sheets])).toEqual([
			[1, 'book.xlsx', ['A', 'B']]
		]);
	});

	it('a customers file, a basket file and an unused file each go to their place', () => {
		expect(placed(state(), file('c.csv', 'customers', 'id-attributes'))).toMatchObject({
			customersReport: { file: 'c.csv' }
		});
		const basket = { ...file('b.csv', 'baskets', 'baskets'), basketless: 3 };
		expect(placed(state(), basket).basketReports?.map((b) => b.basketless)).toEqual([3]);
		expect(placed(state(), file('n.csv', 'unused', 'one-column')).notices).toEqual(['n.csv']);
	});
});

describe('afterLoad: the next step', () => {
	const loaded = (next: LoadedDataSet['next'], files: DataSetFile[] = []) =>
		({ next, files, baskets: null, orders: null, customers: null }) as unknown as LoadedDataSet;

	it('build, mapping, baskets-only', () => {
		expect(afterLoad(state(), loaded('build'), 'replace').build).toBe(true);
		expect(afterLoad(state(), loaded('mapping'), 'replace').patch.phase).toBe('mapping');
		expect(afterLoad(state(), loaded('baskets-only'), 'replace').patch.phase).toBe('baskets');
	});

	it('a customers file alone waits for the orders; no orders file says what was found', () => {
		const s = state({ customersReport: report('c.csv') });
		expect(afterLoad(s, loaded('customers-only'), 'replace').patch).toMatchObject({
			phase: 'empty',
			problem: { file: 'c.csv', key: 'notice.customersOnly' }
		});
		const one = file('n.csv', 'unused', 'one-column', report('n.csv', { columns: [col('n')] }));
		expect(afterLoad(state(), loaded('no-orders', [one]), 'replace').patch).toMatchObject({
			phase: 'error',
			problem: { file: 'n.csv', key: 'error.noOrdersOneColumn' },
			notices: ['n.csv']
		});
	});

	it('a file whose columns differ is said apart, not among the unused notices', () => {
		const differ = {
			...file('x.csv', 'unused', 'differ'),
			differ: { kind: 'orders' as const, missing: ['a'], extra: [], kinds: [] }
		};
		const { patch } = afterLoad(state(), loaded('mapping', [differ]), 'replace');
		expect([patch.differing?.length, patch.notices]).toEqual([1, []]);
	});
});

describe('Cancel, dismiss and the counts', () => {
	const mapping = { table: 'raw_orders', roles: { customer_id: 'customer_id' } } as OrdersMapping;
	const summary = { tx_rows: 5, rejected_rows: 1 } as LoadSummary;

	it('Cancel goes back to the build when its files are still loaded, else to the empty page', () => {
		const loadedNow = { ordersReport: report('o.csv'), customersReport: null };
		const built = {
			key: builtKey(loadedNow),
			mapping,
			customersMapping: null,
			returns: 'exclude' as const
		};
		const edited = { ...mapping, roles: { customer_id: 'amount' } } as OrdersMapping;
		const back = cancelled(state({ ...loadedNow, summary, built, mapping: edited }));
		expect([back.phase, back.returns, back.mapping?.roles.customer_id]).toEqual([
			'ready',
			'exclude',
			'customer_id'
		]);
		const other = state({ ordersReport: report('new.csv'), summary, built });
		expect(cancelled(other)).toMatchObject({
			...forgotten(),
			phase: 'empty',
			problem: { file: 'new.csv', key: 'notice.mappingCancelled' }
		});
	});

	it('dismiss goes back to the dashboard, the baskets or the empty page', () => {
		expect(dismissedPhase(state({ phase: 'mapping' }))).toBe('mapping');
		const ready = state({ phase: 'error', ordersReport: report('o.csv'), summary });
		expect(dismissedPhase(ready)).toBe('ready');
		expect(dismissedPhase(state({ phase: 'error' }))).toBe('empty');
	});

	it('rows loaded and rejected count typed lines, customers and baskets', () => {
		const b = { report: report('b.csv', { rowsLoaded: 7, rowsRejected: 2 }), basketless: 0 };
		const s = state({
			ordersReport: report('o.csv', { rowsRejected: 3 }),
			customersReport: report('c.csv'),
			basketReports: [b]
		});
		expect([rowsLoadedOf(s), rowsRejectedOf(s)]).toEqual([2 + 2 + 7, 3 + 2]);
		expect([rowsLoadedOf({ ...s, summary }), rowsRejectedOf({ ...s, summary })]).toEqual([
			5 + 2 + 7,
			3 + 1 + 2
		]);
	});

	it('the data set given to the pipeline: the orders set with its first file, or null', () => {
		const copy = <T>(v: T): T => structuredClone(v);
		expect(dataSetOf(state(), copy)).toEqual({
			baskets: null,
			feedback: null,
			orders: null,
			customers: null
		});
		const jan = input('jan.csv');
		const s = state({
			ordersReport: report('jan.csv'),
			ordersFiles: { inputs: [jan, input('feb.csv')] },
			detection: { roles: {} } as SessionData['detection'],
			mapping
		});
		const set = dataSetOf(s, copy);
		expect(set.orders?.input).toBe(jan);
		expect(set.orders?.mapping).not.toBe(mapping);
	});
});

describe('the sets: workbooks and which files a set holds', () => {
	it('a workbook keeps the sheet list it had once another sheet is read', () => {
		const first = workbook('b.xlsx', 'A', ['B', 'C']);
		const files = { inputs: [input('b.xlsx')] };
		const before = workbooksOf(first, files);
		expect(before.map((w) => w.sheets)).toEqual([['A', 'B', 'C']]);
		const after = workbooksOf(workbook('b.xlsx', 'C', []), files, before);
		expect(after.map((w) => [w.sheet, w.sheets])).toEqual([['C', ['A', 'B', 'C']]]);
		expect(workbooksOf(report('plain.csv'), { inputs: [input('plain.csv')] })).toEqual([]);
		expect(withSheet([{ input: input('a') }, { input: input('b') }], 1, 'X')[1]?.sheet).toBe('X');
	});

	it('a file with the set’s columns joins it in the list’s order; other columns take its place', () => {
		const jan = file('jan.csv', 'orders', 'dates-amounts');
		const feb = file('feb.csv', 'unused', 'chosen');
		const mar = file('mar.csv', 'orders', 'appended');
		const set = appendReport(jan.report, mar.report, 2, 'source_file');
		const held = { report: set, files: { inputs: [jan.input, mar.input] } };
		const joined = setWith(held, feb, [jan, feb, mar]);
		expect([joined.joined, joined.files.map((f) => f.input.name)]).toEqual([
			true,
			['jan.csv', 'feb.csv', 'mar.csv']
		]);
		const who = file(
			'who.csv',
			'unused',
			'unrecognised',
			report('who.csv', { columns: [col('who')] })
		);
		expect(setWith(held, who, [jan, mar, who])).toEqual({
			joined: false,
			files: [{ input: who.input, sheet: undefined }]
		});
		expect(setWithout(held, jan).map((f) => f.input.name)).toEqual(['mar.csv']);
	});
});
