// Every manifest in the registry is wired the way the page relies on: unique ids, translated
// titles and messages (same placeholders in both languages), chart specs that load, derived fields
// that run, and named queries that DuckDB runs with the defaults. A new analysis gets these checks
// by its line in src/analyses/index.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSES } from '../../../src/analyses';
import {
	defaultPreparedSettings,
	dependentsOf,
	derivedFields
} from '../../../src/analyses/registry-tools';
import { materializeScopeStatements } from '../../../src/core/scope';
import type { Engine } from '../../../src/db/engine';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the analysis registry', () => {
	it('has unique ids, each a valid section anchor, matching its definition', () => {
		const ids = ANALYSES.map((a) => a.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const a of ANALYSES) {
			expect(a.id).toMatch(/^[a-z][a-z0-9-]*$/);
			expect(a.def.id).toBe(a.id);
		}
	});

	it.each(ANALYSES.map((a) => [a.id, a] as const))(
		'%s: title and messages in English and Chinese, with the same placeholders',
		(_id, a) => {
			expect(a.messages.en[a.title]).toBeTruthy();
			// Every key but the English singulars `*.one` (Chinese has no plural forms).
			const keys = Object.keys(a.messages.en).filter((k) => !k.endsWith('.one'));
			expect(Object.keys(a.messages.zh).sort()).toEqual(keys.sort());
			const zhOf = a.messages.zh as Record<string, string>;
			for (const [key, en] of Object.entries(a.messages.en)) {
				const zh = zhOf[key.replace(/\.one$/, '')]!;
				expect(zh.trim(), key).not.toBe('');
				// A singular may write its count out ("1 customer"): its placeholders are among its
				// plural's, which are the Chinese message's.
				if (key.endsWith('.one'))
					expect(placeholders(zh), key).toEqual(expect.arrayContaining(placeholders(en)));
				else expect(placeholders(zh), key).toEqual(placeholders(en));
			}
		}
	);

	it('keeps message keys apart: no two analyses define the same key', () => {
		const seen = new Map<string, string>();
		for (const a of ANALYSES) {
			for (const key of Object.keys(a.messages.en)) {
				expect(seen.get(key), `${key} in ${a.id}`).toBeUndefined();
				seen.set(key, a.id);
			}
		}
	});

	it.each(ANALYSES.filter((a) => a.chart).map((a) => [a.id, a] as const))(
		'%s: its chart specs load and export functions',
		async (_id, a) => {
			const mod = (await a.chart!()) as Record<string, unknown>;
			expect(Object.values(mod).some((v) => typeof v === 'function')).toBe(true);
		}
	);

	it('derived fields have unique keys and labels in their owner’s messages', () => {
		const fields = derivedFields(ANALYSES);
		expect(fields.length).toBeGreaterThan(0);
		const keys = fields.map((f) => f.field.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const { owner, field } of fields) {
			expect(owner.messages.en[field.label], field.key).toBeTruthy();
		}
	});

	it('re-runs the analyses that read derived fields after an analysis that derives one, and only those', () => {
		const readers = ANALYSES.filter((a) => a.dependsOn === 'derived').map((a) => a.id);
		for (const a of ANALYSES) {
			const expected = (a.derives?.length ?? 0) > 0 ? readers.filter((id) => id !== a.id) : [];
			const explicit = ANALYSES.filter(
				(b) => Array.isArray(b.dependsOn) && b.dependsOn.includes(a.id)
			).map((b) => b.id);
			expect(dependentsOf(ANALYSES, a.id).sort(), a.id).toEqual([...expected, ...explicit].sort());
		}
	});
});

describe('every manifest runs on DuckDB with its defaults', () => {
	let db: Engine;
	const scope = scopeAt('2024-07-01');

	beforeAll(async () => {
		db = await createNodeEngine();
		await createOrders(
			db,
			`('a', 'a1', DATE '2024-01-05', 100.0, true),
			('a', 'a2', DATE '2024-03-05', 40.0, true),
			('b', 'b1', DATE '2024-02-10', 25.0, true),
			('c', 'c1', DATE '2024-04-01', 10.0, true)`
		);
		for (const stmt of materializeScopeStatements(scope)) await db.exec(stmt);
	});
	afterAll(async () => {
		await db?.close();
	});

	it.each(ANALYSES.map((a) => [a.id, a] as const))(
		'%s: every named query runs, and so does each derived field',
		async (_id, a) => {
			const settings = defaultPreparedSettings(ANALYSES, a, scope);
			// As on the page, the analysis has run before its statements are opened or exported
			// (the forecast's read the tables its run writes).
			await a.def.run((q) => db.query(q), scope, settings, { customerLists: false });
			const queries = a.def.queries(scope, settings);
			expect(Object.keys(queries).length).toBeGreaterThan(0);
			for (const [name, q] of Object.entries(queries)) {
				expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
				await expect(db.query(q)).resolves.toBeInstanceOf(Array);
			}
			for (const field of a.derives ?? []) {
				const rows = await db.query<{ customer_id: string; value: string | null }>(
					field.sql(scope, a.defaults)
				);
				expect(rows.map((r) => r.customer_id).sort()).toEqual(['a', 'b', 'c']);
			}
		}
	);
});
