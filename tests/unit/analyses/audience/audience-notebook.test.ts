// Named audiences travel with the notebook file and share link (issue 19): conditions only, read
// back field by field — a malformed condition is dropped and said, the rest kept; conditions on
// fields the loaded data does not have are dropped before any SQL is built.
import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../../../src/core/notebook/file';
import { decodeShare, encodeShare } from '../../../../src/core/notebook/share';
import { emptyNotebook, type NotebookDoc } from '../../../../src/core/notebook/model';
import {
	AUDIENCE_LIMITS,
	keepKnownFields,
	readAudiences,
	type Audience
} from '../../../../src/analyses/audience/model';
import { Notebook } from '../../../../src/state/notebook.svelte';
import { memoryStore } from '../../../../src/state/notebook-store';
import { NotebookExchange } from '../../../../src/state/notebook-exchange.svelte';
import type { Session } from '../../../../src/state/session.svelte';

const EAST_VIP: Audience = {
	name: 'East VIP',
	root: {
		kind: 'group',
		op: 'and',
		items: [
			{ kind: 'in', field: 'derived:rfm_segment', values: ['champions', 'loyal_customers'] },
			{ kind: 'compare', field: 'fact:revenue', op: 'gt', value: 500 },
			{
				kind: 'group',
				op: 'or',
				items: [
					{ kind: 'equals', field: 'customers:region', value: "O'Brien; DROP TABLE orders; --" },
					{ kind: 'before', field: 'fact:first_order', date: '2024-02-29' },
					{ kind: 'missing', field: 'customers:birth_year' },
					{ kind: 'between', field: 'fact:orders', low: 2, high: 5 },
					{ kind: 'not_in', field: 'fact:cohort', values: [] }
				]
			}
		]
	}
};

function fileWith(audiences: unknown): string {
	return JSON.stringify({
		format: 'clientele-notebook',
		version: 2,
		settings: { rowLimit: 1000 },
		cells: [],
		audiences
	});
}

describe('audiences in notebook files and share links', () => {
	it('round-trip through a file and a share link, conditions only', async () => {
		const doc: NotebookDoc = { ...emptyNotebook(), audiences: [EAST_VIP] };
		const text = serializeNotebook(doc);
		expect(JSON.parse(text).audiences).toEqual([EAST_VIP]);
		expect(parseNotebook(text).audiences).toEqual([EAST_VIP]);
		expect((await decodeShare(await encodeShare(doc))).audiences).toEqual([EAST_VIP]);
	});

	it('a notebook without audiences is written as before (no "audiences" key)', () => {
		expect(JSON.parse(serializeNotebook(emptyNotebook()))).not.toHaveProperty('audiences');
		expect(parseNotebook(serializeNotebook(emptyNotebook()))).not.toHaveProperty('audiences');
	});

	it('a hostile audience list is refused field by field, the good conditions kept', () => {
		const deep = { kind: 'group', op: 'and', items: [{ kind: 'missing', field: 'fact:orders' }] };
		const tooDeep = {
			kind: 'group',
			op: 'or',
			items: [{ kind: 'group', op: 'and', items: [{ kind: 'group', op: 'or', items: [deep] }] }]
		};
		const doc = parseNotebook(
			fileWith([
				{
					name: 'Mixed',
					root: {
						kind: 'group',
						op: 'and',
						items: [
							{ kind: 'compare', field: 'fact:revenue', op: 'gt', value: 100 },
							{ kind: 'sql', field: 'fact:revenue', text: 'DROP TABLE orders' },
							{ kind: 'equals', field: 'customers:region', value: { toString: 'x' } },
							{ kind: 'compare', field: 'fact:revenue', op: '; DROP', value: 1 },
							{ kind: 'compare', field: 'fact:revenue', op: 'gt', value: '1e999' },
							{ kind: 'between', field: 'fact:orders', low: 9, high: 2 },
							{ kind: 'before', field: 'fact:first_order', date: '2024-02-30' },
							{ kind: 'in', field: 'customers:region', values: ['x'.repeat(10_001)] },
							{ kind: 'missing', field: 'a\u0000b' },
							tooDeep,
							{ kind: 'in', field: 'customers:region', values: ['East', 'x'.repeat(10_000)] }
						]
					}
				},
				{ name: '', root: deep },
				{ name: 'Mixed', root: deep },
				{ name: 'No root' },
				'just text'
			])
		);
		expect(doc.audiences).toEqual([
			{
				name: 'Mixed',
				root: {
					kind: 'group',
					op: 'and',
					items: [
						{ kind: 'compare', field: 'fact:revenue', op: 'gt', value: 100 },
						// The groups within the depth limit stay; the one past it is dropped.
						{ kind: 'group', op: 'or', items: [{ kind: 'group', op: 'and', items: [] }] },
						{ kind: 'in', field: 'customers:region', values: ['East', 'x'.repeat(10_000)] }
					]
				}
			}
		]);
		expect(doc.audienceProblems).toEqual([
			{ audience: 'Mixed', at: '2', detail: 'unknown condition kind "sql"' },
			{ audience: 'Mixed', at: '3', detail: '"value" must be text' },
			{ audience: 'Mixed', at: '4', detail: 'unknown comparison' },
			{ audience: 'Mixed', at: '5', detail: '"value" must be a finite number' },
			{ audience: 'Mixed', at: '6', detail: '"low" is above "high"' },
			{ audience: 'Mixed', at: '7', detail: '"date" must be a date YYYY-MM-DD' },
			{
				audience: 'Mixed',
				at: '8',
				detail: 'every value must be text of at most 10000 characters'
			},
			{ audience: 'Mixed', at: '9', detail: 'bad "field"' },
			{ audience: 'Mixed', at: '10.1.1', detail: 'groups nest at most 3 deep' },
			{ audience: '#2', at: '', detail: 'no valid "name"' },
			{ audience: 'Mixed', at: '', detail: 'a second audience of this name' },
			{ audience: 'No root', at: '', detail: 'not a group' },
			{ audience: '#5', at: '', detail: 'no valid "name"' }
		]);
	});

	it('caps the number of audiences and of conditions in one', () => {
		const many = Array.from({ length: AUDIENCE_LIMITS.audiences + 3 }, (_, i) => ({
			name: `a${i}`,
			root: { kind: 'group', op: 'and', items: [] }
		}));
		const r = readAudiences(many);
		expect(r.audiences).toHaveLength(AUDIENCE_LIMITS.audiences);
		expect(r.problems).toHaveLength(1);
		const wide = readAudiences([
			{
				name: 'wide',
				root: {
					kind: 'group',
					op: 'or',
					items: Array.from({ length: AUDIENCE_LIMITS.nodes + 5 }, () => ({
						kind: 'missing',
						field: 'fact:orders'
					}))
				}
			}
		]);
		expect(wide.audiences[0]!.root.items).toHaveLength(AUDIENCE_LIMITS.nodes);
		expect(wide.problems).toHaveLength(1);
	});

	it('conditions on fields the loaded data does not have are dropped, each said', () => {
		const known = new Set([
			'fact:revenue',
			'fact:orders',
			'fact:first_order',
			'derived:rfm_segment'
		]);
		const { audience, problems } = keepKnownFields(EAST_VIP, known);
		expect(audience.root.items).toHaveLength(3);
		const inner = audience.root.items[2];
		expect(inner?.kind === 'group' && inner.items.map((c) => c.kind)).toEqual([
			'before',
			'between'
		]);
		expect(problems.map((p) => [p.at, p.detail])).toEqual([
			['3.1', 'unknown field "customers:region"'],
			['3.3', 'unknown field "customers:birth_year"'],
			['3.5', 'unknown field "fact:cohort"']
		]);
	});

	it('the notebook keeps saved audiences in its autosave and restores them', async () => {
		const store = memoryStore();
		const nb = new Notebook(() => Promise.reject(new Error('no engine')), store);
		nb.saveAudience(EAST_VIP);
		nb.saveAudience({ ...EAST_VIP, name: 'Second' });
		nb.deleteAudience('Second');
		await nb.flush();
		const again = new Notebook(() => Promise.reject(new Error('no engine')), store);
		await again.restore();
		expect(again.audiences).toEqual([EAST_VIP]);
	});

	it('a share link does not replace saved audiences unasked (no cells, only audiences)', async () => {
		const nb = new Notebook(() => Promise.reject(new Error('no engine')), memoryStore());
		nb.saveAudience(EAST_VIP);
		const noData = {
			phase: 'empty',
			dataVersion: 0,
			returns: 'net',
			mapping: null,
			ordersReport: null,
			summary: null,
			customersMapping: null,
			customersReport: null
		} as unknown as Session;
		const exchange = new NotebookExchange(nb, noData);
		const other: NotebookDoc = { ...emptyNotebook(), audiences: [{ ...EAST_VIP, name: 'Theirs' }] };
		await exchange.openLink(`#nb=${await encodeShare(other)}`, () => undefined);
		expect(exchange.incoming?.audiences?.[0]?.name).toBe('Theirs');
		expect(nb.audiences).toEqual([EAST_VIP]);
	});
});
