// Mapping detection and memory (src/db/pipeline/mapping.ts) on files loaded by the Node engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import { loadFiles } from '../../../../src/db/pipeline/files';
import {
	mappingComplete,
	mappingConfident,
	mappingFor,
	proposeCustomersMapping,
	proposeOrdersMapping,
	signatureOf,
	type RememberedMapping
} from '../../../../src/db/pipeline/mapping';
import { headerSignature } from '../../../../src/core/columns';
import type { LoadReport } from '../../../../src/core/ingest/types';
import { CUSTOMERS, file, ORDERS } from './fixtures';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

async function reportOf(text: string): Promise<LoadReport> {
	const [f] = await loadFiles(db, [file('f.csv', text)]);
	return f!.report;
}

/** Headers no synonym list knows (German): only a remembered mapping can place them. */
const GERMAN = `kunde,datum,betrag
A,2024-01-05,10.00
B,2024-01-20,25.50
A,2024-02-03,4.50
`;

const REMEMBERED: RememberedMapping = {
	roles: { customer_id: 'kunde', order_date: 'datum', amount: 'betrag' },
	dateFormat: { format: '%Y-%m-%d' },
	numberFormat: { decimal: '.' }
};

describe('proposeOrdersMapping', () => {
	it('detects the roles, formats and dimensions of a plain orders file, confidently', async () => {
		const p = proposeOrdersMapping(await reportOf(ORDERS));
		expect(p.mapping.roles).toEqual({
			order_id: 'order_id',
			order_date: 'order_date',
			customer_id: 'customer_id',
			amount: 'amount'
		});
		expect(p.mapping.table).toBe('raw_orders');
		expect(p.mapping.dateFormat.format).toBe('%Y-%m-%d');
		expect(p.mapping.numberFormat.decimal).toBe('.');
		expect(p.mapping.dimensions.map((d) => d.source)).toEqual(['region']);
		expect([p.remembered, p.misfits]).toEqual([false, []]);
		expect(mappingConfident(p)).toBe(true);
		expect(mappingComplete(p)).toBe(true);
	});

	it('uses the mapping remembered for the same header layout, and builds without asking', async () => {
		const report = await reportOf(GERMAN);
		const asked: string[] = [];
		const recall = (sig: string) => (asked.push(sig), REMEMBERED);
		const p = proposeOrdersMapping(report, recall);
		expect(asked).toEqual([headerSignature(['kunde', 'datum', 'betrag'])]);
		expect(signatureOf(report)).toBe(asked[0]);
		expect(p.remembered).toBe(true);
		expect(p.mapping.roles).toEqual(REMEMBERED.roles);
		expect(mappingConfident(p)).toBe(true);
		// Without it the names say nothing: the roles are guessed from the values, at low
		// confidence, and the mapping screen asks.
		const fresh = proposeOrdersMapping(report);
		expect(fresh.remembered).toBe(false);
		expect(fresh.mapping.roles).toEqual({
			customer_id: 'kunde',
			order_date: 'datum',
			amount: 'betrag'
		});
		expect(fresh.detection.confidence).toEqual({
			customer_id: 'low',
			order_date: 'low',
			amount: 'low'
		});
		expect(mappingConfident(fresh)).toBe(false);
	});

	it('ignores a remembered mapping that names a column the file does not have', async () => {
		const stale = { ...REMEMBERED, roles: { ...REMEMBERED.roles, order_id: 'beleg' } };
		const p = proposeOrdersMapping(await reportOf(GERMAN), () => stale);
		expect(p.remembered).toBe(false);
		expect(p.mapping.roles.order_id).toBeUndefined();
	});

	it('replaces a remembered date format that does not fit the file, and stops to say so', async () => {
		const dmy = { ...REMEMBERED, dateFormat: { format: '%d/%m/%Y' } };
		const p = proposeOrdersMapping(await reportOf(GERMAN), () => dmy);
		expect(p.remembered).toBe(true);
		expect(p.mapping.dateFormat.format).toBe('%Y-%m-%d');
		expect(p.misfits.map((m) => [m.kind, m.saved, m.used])).toEqual([
			['date', '%d/%m/%Y', '%Y-%m-%d']
		]);
		expect(mappingConfident(p)).toBe(false);
	});

	it('asks when day and month cannot be told apart', async () => {
		const text = 'customer_id,order_date,amount\nA,01/02/2024,1\nB,03/04/2024,2\n';
		const p = proposeOrdersMapping(await reportOf(text));
		expect(p.mapping.dateFormat.ambiguous).toBe(true);
		expect(mappingConfident(p)).toBe(false);
		expect(mappingComplete(p)).toBe(false);
	});
});

describe('proposeCustomersMapping', () => {
	it("maps a customers file's id, attributes and sign-up date format", async () => {
		const p = proposeCustomersMapping(await reportOf(CUSTOMERS));
		expect(p.mapping.table).toBe('raw_customers');
		expect(p.mapping.roles).toEqual({
			customer_id: 'customer_id',
			gender: 'gender',
			region: 'region',
			signup_date: 'signup_date'
		});
		expect(p.mapping.dateFormat?.format).toBe('%Y-%m-%d');
	});
});

describe('mappingFor', () => {
	it("takes a notebook's roles and formats when its columns are the file's, else nothing", async () => {
		const report = await reportOf(ORDERS);
		const { detection } = proposeOrdersMapping(report);
		const m: RememberedMapping = {
			roles: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' },
			dateFormat: { format: '%Y-%m-%d' },
			numberFormat: { decimal: '.' }
		};
		const mapping = mappingFor(report, detection, m);
		expect(mapping).toMatchObject({ table: 'raw_orders', ...m });
		// The file's detected dimension, unless the notebook gives it a role.
		expect(mapping?.dimensions.map((d) => d.source)).toEqual(['region']);
		const byRegion = { ...m, roles: { ...m.roles, customer_id: 'region' } };
		expect(mappingFor(report, detection, byRegion)?.dimensions).toEqual([]);
		// Copies: editing the mapping screen leaves the notebook's mapping alone.
		expect(mapping?.roles).not.toBe(m.roles);
		expect(
			mappingFor(report, detection, { ...m, roles: { ...m.roles, amount: 'price' } })
		).toBeNull();
	});
});
