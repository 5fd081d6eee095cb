import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { engineStats } from '../../../src/db/stats';

describe('engineStats', () => {
	it('lists user tables and views and counts their memory; dropping frees it', async () => {
		const db = await createNodeEngine();
		const empty = await engineStats(db);
		expect(empty.objects).toEqual([]);
		await db.exec("CREATE TABLE t AS SELECT range AS a, repeat('x', 50) AS s FROM range(200000)");
		await db.exec('CREATE VIEW v AS SELECT * FROM t');
		const full = await engineStats(db);
		expect(full.objects).toEqual(['main.t', 'main.v']);
		// 200,000 rows of a BIGINT and a 50-character string: well over 5 MB.
		expect(full.tableBytes).toBeGreaterThan(5e6);
		expect(full.memoryBytes).toBeGreaterThanOrEqual(full.tableBytes);
		expect(full.memoryLimit).toMatch(/iB$/);
		await db.exec('DROP VIEW v');
		await db.exec('DROP TABLE t');
		const after = await engineStats(db);
		expect(after.objects).toEqual([]);
		expect(after.tableBytes).toBeLessThan(full.tableBytes / 10);
		await db.close();
	});
});
