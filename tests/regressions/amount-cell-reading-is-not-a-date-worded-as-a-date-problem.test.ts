// Issue 14: the page worded a rejected cell by matching our own English reason with regexes, and
// the reason quotes the cell: an amount cell reading "is not a date" was reported as "expected a
// date like 2024-01-05" on the amount column. Reasons are codes now; the cell is never read.
import { beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import type { Engine } from '../../src/db/engine';
import { loadCsv } from '../../src/db/load-csv';
import { buildOrdersStatements } from '../../src/core/canonical';
import {
	buildTypingRejectsQuery,
	formatRejectMessage,
	typingRejectMessage,
	type TypingReject
} from '../../src/core/rejects';
import type { OrdersMapping } from '../../src/core/types';
import { en } from '../../src/i18n/messages.en';
import { zh } from '../../src/i18n/messages.zh';
import { translator } from '../helpers/translate';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

it('an amount cell reading "is not a date" is worded as a number problem, not a date one', async () => {
	const csv = ['customer_id,order_date,amount', 'C1,2024-01-05,10', 'C2,2024-01-06,is not a date'];
	await loadCsv(db, { name: 'o.csv', data: new TextEncoder().encode(csv.join('\n')) }, 'raw_o');
	const mapping: OrdersMapping = {
		table: 'raw_o',
		roles: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' },
		dateFormat: { format: '%Y-%m-%d' },
		numberFormat: { decimal: '.' },
		dimensions: []
	};
	for (const s of buildOrdersStatements(mapping, { returns: 'net' })) await db.exec(s);
	const [reject, ...more] = await db.query<TypingReject>(buildTypingRejectsQuery());
	expect(more).toEqual([]);
	const m = typingRejectMessage('o.csv', reject!, mapping);
	expect(formatRejectMessage(m, translator(en))).toBe(
		'o.csv data row 2, column amount: expected a number like 1234.50, got “is not a date”'
	);
	expect(formatRejectMessage(m, translator(zh))).toBe(
		'o.csv 第 2 条数据，列 amount：应为数字，例如 1234.50，实际为“is not a date”'
	);
});
