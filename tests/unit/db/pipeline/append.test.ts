// Several files of one kind appended into one set (src/db/pipeline/files.ts, core/ingest/append.ts)
// through the load path on the Node engine.
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import { loadFiles } from '../../../../src/db/pipeline/files';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { partOfRow } from '../../../../src/core/ingest/append';
import { dataWarnings, DuplicateSearch } from '../../../../src/db/pipeline/checks';
import { file } from './fixtures';

let db: Engine;
beforeEach(async () => {
	db = await createNodeEngine();
});

const HEADER = 'order_id,order_date,customer_id,amount,region';
/** January: A twice, B once; line 4 has one field too many (rejected by the reader). */
const JAN = `${HEADER}
1001,2024-01-05,A,10.00,North
1002,2024-01-20,B,25.50,South
1003,2024-01-22,A,4.50,North,oops
1004,2024-01-28,A,5.00,North
`;
/** February, columns in another order: B and C; C's amount is not a number (set aside). */
const FEB = `customer_id,order_date,order_id,region,amount
B,2024-02-03,2001,South,30.00
C,2024-02-10,2002,East,abc
C,2024-02-11,2003,East,7.00
`;

describe('two monthly files', () => {
	it('load as one orders set: rows add up, each file named in source_file, figures as the concatenated file’s', async () => {
		const set = await loadDataSet(db, [file('jan.csv', JAN), file('feb.csv', FEB)], {
			build: 'complete'
		});
		expect(set.files.map((f) => f.kind)).toEqual(['orders', 'orders']);
		const r = set.orders!.report;
		expect([r.file, r.dataRows, r.rowsLoaded, r.rowsRejected]).toEqual([
			'jan.csv, feb.csv',
			7,
			6,
			1
		]);
		expect(r.parts!.map((p) => [p.report.file, p.rowOffset, p.report.rowsLoaded])).toEqual([
			['jan.csv', 0, 3],
			['feb.csv', 4, 3]
		]);
		// The rejected record still names its file and line.
		expect(r.rejects.map((x) => [x.file, x.line])).toEqual([['jan.csv', 4]]);
		expect(
			await db.query(
				'SELECT source_file, count(*)::INTEGER AS n FROM raw_orders GROUP BY ALL ORDER BY ALL'
			)
		).toEqual([
			{ source_file: 'feb.csv', n: 3 },
			{ source_file: 'jan.csv', n: 3 }
		]);
		// The file is a dimension of the orders like the file's own columns.
		expect(set.orders!.mapping.dimensions.map((d) => d.column)).toContain('source_file');
		// One typing reject: C's "abc", feb.csv data row 2 (set row 6).
		const [untyped] = await db.query<{ row: number }>(
			'SELECT __row::INTEGER AS row FROM tx_rejects'
		);
		expect(partOfRow(r, untyped!.row)).toEqual({ file: 'feb.csv', row: 2 });

		// The concatenated file (feb's columns in jan's order) gives the same figures.
		const concatenated =
			`${JAN}B,2024-02-03,2001,30.00,South\nC,2024-02-10,2002,abc,East\nC,2024-02-11,2003,7.00,East\n`
				.split('\n')
				.map((l) => (l.startsWith('B,') || l.startsWith('C,') ? reorder(l) : l))
				.join('\n');
		const one = await loadDataSet(await createNodeEngine(), [file('all.csv', concatenated)], {
			build: 'complete'
		});
		const pick = (s: typeof set.summary) => [
			s!.tx_rows,
			s!.rejected_rows,
			s!.customers,
			s!.orders,
			s!.revenue
		];
		expect(pick(set.summary)).toEqual(pick(one.summary));
		// 10 + 25.50 + 5 (January, the 4.50 line rejected) + 30 + 7 (February, C's abc set aside).
		expect(pick(set.summary)).toEqual([5, 1, 3, 5, 77.5]);
	});

	it('a third file with other columns is not appended but reported, with the columns that differ', async () => {
		const other = 'customer_id,order_date,total,channel\nZ,2024-03-01,9.00,web\n';
		const files = await loadFiles(db, [
			file('jan.csv', JAN),
			file('feb.csv', FEB),
			file('mar.csv', other)
		]);
		expect(files.map((f) => f.kind)).toEqual(['orders', 'orders', 'unused']);
		expect(files[2]!.differ).toEqual({
			kind: 'orders',
			missing: ['order_id', 'amount', 'region'],
			extra: ['total', 'channel'],
			kinds: []
		});
		const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM raw_orders');
		expect(n!.n).toBe(6);
	});

	it('header-less files with the same kinds of columns are one set; one with other kinds is not', async () => {
		// CDNOW-like: customer, date, amount, no header (the mapping screen asks for the roles).
		const a = 'A 19970101 10.00\nB 19970102 12.50\nA 19970105 3.00\n';
		const b = 'C 19970201 7.25\nA 19970203 1.25\n';
		const c = 'C 7 19970201\nA 8 19970203\n';
		const set = await loadDataSet(db, [file('a.txt', a), file('b.txt', b), file('c.txt', c)]);
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([
			['orders', 'guessed'],
			['orders', 'appended'],
			['unused', 'unrecognised']
		]);
		expect(set.next).toBe('mapping');
		const r = set.orders!.report;
		expect([r.file, r.rowsLoaded]).toEqual(['a.txt, b.txt', 5]);
		expect(set.orders!.input.name).toBe('a.txt');
		const [n] = await db.query<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM raw_orders WHERE source_file = 'b.txt'"
		);
		expect(n!.n).toBe(2);
	});

	it('two customers files with the same columns are one customers set', async () => {
		const a = 'customer_id,gender,region\nA,F,North\nB,M,South\n';
		const b = 'region,customer_id,gender\nEast,D,F\n';
		const set = await loadDataSet(
			db,
			[file('jan.csv', JAN), file('c1.csv', a), file('c2.csv', b)],
			{
				build: 'complete'
			}
		);
		expect(set.files.map((f) => f.kind)).toEqual(['orders', 'customers', 'customers']);
		expect(set.customers!.report.rowsLoaded).toBe(3);
		expect(
			await db.query('SELECT customer_id, region FROM customers ORDER BY customer_id')
		).toEqual([
			{ customer_id: 'A', region: 'North' },
			{ customer_id: 'B', region: 'South' },
			{ customer_id: 'D', region: 'East' }
		]);
	});

	it('a row both overlapping exports hold is an exact duplicate, whichever file it came from', async () => {
		// February's export starts with January's last order again.
		const overlap = FEB.replace(
			'customer_id,order_date,order_id,region,amount\n',
			'$&A,2024-01-28,1004,North,5.00\n'
		);
		const set = await loadDataSet(db, [file('jan.csv', JAN), file('feb.csv', overlap)], {
			build: 'complete'
		});
		const search = new DuplicateSearch();
		await search.ensure(db, 'raw_orders', set.orders!.report);
		const duplicate = (await dataWarnings(db, '2030-01-01')).find((w) => w.kind === 'duplicate');
		expect([duplicate?.count, duplicate?.examples]).toEqual([1, [5]]);
	});

	it('a file added later with the same columns appends to the set, keeping its mapping', async () => {
		const first = await loadDataSet(db, [file('jan.csv', JAN)]);
		const added = await loadDataSet(db, [file('feb.csv', FEB)], { current: first });
		expect(added.files[0]!.set?.rowsLoaded).toBe(6);
		expect(added.orders!.input.name).toBe('jan.csv');
		expect(added.orders!.mapping.roles).toEqual(first.orders!.mapping.roles);
		expect(added.orders!.mapping.dimensions.map((d) => d.column)).toEqual([
			'region_2',
			'source_file'
		]);
		expect(added.summary?.tx_rows).toBe(5);
	});
});

/** A February line in January's column order. */
function reorder(line: string): string {
	const [customer, date, id, amount, region] = line.split(',');
	return [id, date, customer, amount, region].join(',');
}
