// Issue 22: at 1 M lines the loyalty run read its 86 k members as 86 k rows, then wrote them as
// JSON on the page before handing them to its worker: 0.3–0.7 s of the page's thread while the
// run held DuckDB, which sat idle. DuckDB now packs them (packedJsonStatement): the run reads a
// part per PACKED_JSON_ROWS members, and the job gets the same members in the same order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import { createLoyaltyMembers, scopeAt } from '../helpers/fixtures';
import type { Engine } from '../../src/db/engine';
import type { Row } from '../../src/core/analysis';
import { loyaltyAnalysis, loyaltyQueries } from '../../src/analyses/loyalty/sql';
import { defaultLoyaltySettings } from '../../src/analyses/loyalty/settings';
import { members, runLoyaltyJob, type LoyaltyJobInput } from '../../src/analyses/loyalty/job';
import { PACKED_JSON_ROWS } from '../../src/analyses/packed';
import type { Sql } from '../../src/core/sql';

const scope = scopeAt('2024-07-01');
const MEMBERS = PACKED_JSON_ROWS + 300;
let db: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	await createLoyaltyMembers(db, MEMBERS);
});
afterAll(async () => {
	await db?.close();
});

describe('the loyalty members reach the job packed by DuckDB', () => {
	it('no statement of the run returns a row per member; the job gets every member, in id order', async () => {
		const largest: number[] = [];
		let input: LoyaltyJobInput | null = null;
		const settings = defaultLoyaltySettings;
		const result = await loyaltyAnalysis.run(
			async (q) => {
				const rows = await db.query<Row>(q);
				largest.push(rows.length);
				return rows as never;
			},
			scope,
			settings,
			{
				customerLists: false,
				compute: (i) => {
					input = i as LoyaltyJobInput;
					return Promise.resolve(runLoyaltyJob(input));
				}
			}
		);
		expect(Math.max(...largest)).toBeLessThan(100);
		// The members as the notebook's statement lists them, a row each, in id order.
		const listed = await db.query<{ customer_id: string; purchases: string }>(
			loyaltyQueries(scope, settings).loyalty_purchases as Sql
		);
		expect(listed).toHaveLength(MEMBERS);
		const { ids, texts } = members(input!);
		expect(ids).toEqual(listed.map((r) => r.customer_id));
		expect(ids.filter((id) => id.includes('\n'))).toHaveLength(9);
		expect(texts).toEqual(listed.map((r) => r.purchases));
		// The same ledgers as from the rows.
		const [ledger] = runLoyaltyJob({ ...input!, ids, purchases: texts });
		expect(result.current.totals).toEqual(ledger!.totals);
		expect(result.current.totals.issued).toBeGreaterThan(0);
		expect(result.current.violations).toBe(0);
	});
});
