// buildOrdersTables skips the rejected-row anti-join when every raw row reached tx; the tables it
// builds must equal those of the plain statement list, with and without rejected rows.
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import {
	buildAfterTxStatements,
	buildAllAcceptedQuery,
	buildOrdersStatements
} from '../../../src/core/canonical';
import { buildOrdersTables } from '../../../src/db/build-orders';
import type { OrdersMapping } from '../../../src/core/types';

const mapping: OrdersMapping = {
	table: 'raw',
	roles: { customer_id: 'c', order_date: 'd', amount: 'a', order_id: 'o' },
	dateFormat: { format: '%Y-%m-%d' },
	numberFormat: { decimal: '.' },
	dimensions: []
};

const GOOD = `(1, 'k1', '2024-01-05', '10', 'o1'), (2, 'k1', '2024-01-05', '2.5', 'o1'),
	(3, 'k2', '2024-02-01', '-4', 'o2'), (4, ' ', '2024-02-02', '7', 'o3')`;
const BAD = `${GOOD}, (5, 'k3', 'soon', '1', 'o4'), (6, 'k3', '2024-03-01', 'abc', 'o5'),
	(7, 'k4', '', '', 'o6')`;

async function engineWith(values: string): Promise<Engine> {
	const db = await createNodeEngine();
	await db.exec(`CREATE TABLE raw AS SELECT * FROM (VALUES ${values}) t(__row, c, d, a, o)`);
	return db;
}

const TABLES = ['tx', 'tx_rejects', 'orders', 'customer_facts'];

/** Every canonical table's columns and rows, in a stable order. */
async function snapshot(db: Engine): Promise<Record<string, unknown>> {
	const out: Record<string, unknown> = {};
	for (const t of TABLES) {
		out[`${t}:columns`] = await db.query(`SELECT column_name, column_type FROM (DESCRIBE ${t})`);
		out[t] = await db.query(`SELECT * FROM ${t} ORDER BY ALL`);
	}
	return out;
}

describe('buildOrdersTables', () => {
	for (const [name, values, accepted] of [
		['without bad rows', GOOD, true],
		['with bad rows', BAD, false]
	] as const) {
		it(`builds the same tables as the plain statements (${name})`, async () => {
			const db = await engineWith(values);
			try {
				for (const s of buildOrdersStatements(mapping, { returns: 'net' })) await db.exec(s);
				const plain = await snapshot(db);
				const [row] = await db.query<{ all_accepted: boolean }>(buildAllAcceptedQuery(mapping));
				expect(row?.all_accepted).toBe(accepted);
				await db.exec(TABLES.map((t) => `DROP TABLE ${t};`).join(' '));
				await buildOrdersTables(db, mapping, { returns: 'net' });
				expect(await snapshot(db)).toEqual(plain);
				expect((plain.tx_rejects as unknown[]).length > 0).toBe(!accepted);
			} finally {
				await db.close();
			}
		});
	}

	it('reads no raw row for tx_rejects when told none was rejected, unless duplicates go', () => {
		const full = buildAfterTxStatements(mapping, { returns: 'net' })[0]!.text;
		const none = buildAfterTxStatements(mapping, { returns: 'net', noneRejected: true })[0]!.text;
		expect(full).toContain('NOT IN (SELECT line_no FROM tx)');
		expect(none).not.toContain('NOT IN (SELECT line_no FROM tx)');
		const dups = { returns: 'net', removeDuplicatesFrom: 'raw_duplicates' } as const;
		expect(buildAfterTxStatements(mapping, { ...dups, noneRejected: true })[0]!.text).toBe(
			buildAfterTxStatements(mapping, dups)[0]!.text
		);
	});
});
