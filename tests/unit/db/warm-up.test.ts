// The warm-up (src/db/warm-up.ts) runs the app's own pipeline on a generated log. Checked here:
// the log is deterministic and well-formed, every line loads, every dashboard analysis runs, and
// nothing is left in the database the page uses when it runs in a database of its own (as the
// browser engine does).
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { runWarmUp, warmUpChunks, warmUpCsv } from '../../../src/db/warm-up';
import { ANALYSES } from '../../../src/analyses';
import { runOrder } from '../../../src/analyses/registry-tools';
import { withDefaultSettings } from '../../../src/state/default-runs';

describe('warm-up', () => {
	it('generates the same well-formed log every time', async () => {
		const text = new TextDecoder().decode(await warmUpCsv(1000));
		expect(text).toBe(new TextDecoder().decode(await warmUpCsv(1000)));
		const lines = text.trimEnd().split('\n');
		expect(lines).toHaveLength(1001);
		expect(lines[0]).toBe(
			'order_id,order_date,customer_id,product,category,quantity,unit_price,region,channel'
		);
		for (const line of lines.slice(1)) {
			expect(line).toMatch(
				/^\d+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,C\d{5},[A-Za-z ]+,[A-Za-z]+,-?\d,\d+\.\d\d,\w+,\w+$/
			);
		}
		// Some returns, several lines per customer, dates within 2022–2023.
		expect(lines.some((l) => l.includes(',-1,'))).toBe(true);
		const customers = new Set(lines.slice(1).map((l) => l.split(',')[2]));
		expect(customers.size).toBeLessThan(500);
		expect(lines[1]!.split(',')[1]!.startsWith('2022-01-01')).toBe(true);
		expect(lines.at(-1)!.split(',')[1]! < '2024-01-01').toBe(true);
	});

	it('comes in small chunks of whole lines (the page yields between them)', async () => {
		const chunks = [...warmUpChunks(5000)];
		expect(chunks.length).toBe(3);
		for (const c of chunks) {
			expect(c.endsWith('\n')).toBe(true);
			expect(c.split('\n').length - 1).toBeLessThanOrEqual(2000);
		}
		expect(chunks.join('')).toBe(new TextDecoder().decode(await warmUpCsv(5000)));
	});

	it('loads every line and runs every analysis, in a database of its own', async () => {
		const engine = await createNodeEngine();
		await engine.exec(`ATTACH ':memory:' AS warm; USE warm`);
		const result = await runWarmUp(engine, withDefaultSettings(ANALYSES), 3000);
		expect(result.rows).toBe(3000);
		// In run order (registry-tools runOrder: readers of derived fields after their owners).
		expect(result.analyses).toEqual(runOrder(ANALYSES).map((a) => a.def.id));
		const [orders] = await engine.query<{ n: number }>(
			'SELECT CAST(count(*) AS INTEGER) AS n FROM warm.orders'
		);
		expect(orders!.n).toBe(1500);
		await engine.exec(`USE memory; DETACH warm`);
		const left = await engine.query(
			`SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory' AND NOT temporary`
		);
		expect(left).toEqual([]);
	});
});
