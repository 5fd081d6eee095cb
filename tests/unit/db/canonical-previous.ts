// THE PREVIOUS FORMULATION (src/core/canonical.ts at 0246548, before issue 22, items 2 and 5),
// kept verbatim for tests/unit/db/canonical-parse-once.test.ts: `tx` filtered the parsed rows with
// `WHERE NOT (checks)` — a filter DuckDB pushed below the parsing projection, so each TRY_CAST
// ran twice — and `orders` took each dimension with `arg_min(x, line_no) FILTER (WHERE x IS NOT
// NULL)`. The new statements must build the same tables. Do not "fix" this copy.
import { ident, join, raw, sql, type Sql } from '../../../src/core/sql';
import { parseDateExpr, parseNumberUncheckedExpr } from '../../../src/core/formats';
import {
	dateCheck,
	numberCheck,
	productCheck,
	type Check
} from '../../../src/core/canonical-checks';
import {
	customerFactsStatement,
	customerIdExpr,
	IS_PURCHASE,
	RETURN_STATUSES,
	textExpr
} from '../../../src/core/canonical';
import type { CanonicalOptions, Dimension, OrdersMapping } from '../../../src/core/types';

function parsedCte(
	m: OrdersMapping,
	rows: 'all' | 'missing-from-tx' | 'none',
	removeDuplicatesFrom?: string
): { cte: Sql; checks: Check[] } {
	const r = m.roles;
	if (!r.order_date || !r.customer_id)
		throw new Error('canonical: customer_id and order_date are required');
	if (!r.amount && !(r.quantity && r.unit_price)) {
		throw new Error('canonical: amount or quantity and unit_price are required');
	}
	const cols: Sql[] = [sql`__row`, sql`${textExpr(r.order_date)} AS __raw_order_date`];
	cols.push(sql`${parseDateExpr(sql`${ident(r.order_date)}`, m.dateFormat)} AS order_ts`);
	const checks: Check[] = [dateCheck(m, r.order_date)];
	for (const role of ['amount', 'quantity', 'unit_price'] as const) {
		const src = r[role];
		if (src) {
			cols.push(sql`${textExpr(src)} AS ${ident(`__raw_${role}`)}`);
			cols.push(
				sql`${parseNumberUncheckedExpr(sql`${ident(src)}`, m.numberFormat)} AS ${ident(role)}`
			);
			checks.push(numberCheck(m, role, src, role === 'amount' || !r.amount));
		} else cols.push(sql`CAST(NULL AS DOUBLE) AS ${ident(role)}`);
	}
	if (!r.amount && r.unit_price) checks.push(productCheck(r.unit_price));
	cols.push(sql`${customerIdExpr(r.customer_id)} AS customer_id`);
	cols.push(
		r.order_id
			? sql`${textExpr(r.order_id)} AS __raw_order_id`
			: sql`CAST(NULL AS VARCHAR) AS __raw_order_id`
	);
	for (const role of ['product', 'category'] as const) {
		const src = r[role];
		cols.push(
			src ? sql`${textExpr(src)} AS ${ident(role)}` : sql`CAST(NULL AS VARCHAR) AS ${ident(role)}`
		);
	}
	cols.push(
		r.status
			? sql`coalesce(lower(${textExpr(r.status)}) IN (${[...RETURN_STATUSES]}), false) AS __status_return`
			: sql`false AS __status_return`
	);
	for (const d of m.dimensions) cols.push(sql`${textExpr(d.source)} AS ${ident(d.column)}`);
	const where: Sql[] = [];
	if (rows === 'none') where.push(sql`false`);
	else if (rows === 'missing-from-tx') where.push(sql`__row NOT IN (SELECT line_no FROM tx)`);
	if (removeDuplicatesFrom)
		where.push(sql`__row NOT IN (SELECT __row FROM ${ident(removeDuplicatesFrom)})`);
	const cte = sql`parsed AS (
	SELECT
		${join(cols, ',\n\t\t')}
	FROM ${ident(m.table)}${where.length > 0 ? sql`\n\tWHERE ${join(where, ' AND ')}` : raw('')}
)`;
	return { cte, checks };
}

function dimensionList(dims: Dimension[]): Sql {
	return join(
		dims.map((d) => sql`, ${ident(d.column)}`),
		''
	);
}

/** The previous `CREATE OR REPLACE TABLE tx` (one statement, a filter over the parsed columns). */
export function previousTxStatement(m: OrdersMapping, removeDuplicatesFrom?: string): Sql {
	const { cte, checks } = parsedCte(m, 'all', removeDuplicatesFrom);
	const cPrefix = m.roles.order_id
		? sql`(regexp_full_match(__raw_order_id, '[Cc][0-9]+') AND flags.__numeric_ids)`
		: raw('false');
	const oid = m.roles.order_id;
	const flags = oid
		? sql`, flags AS (SELECT EXISTS (SELECT 1 FROM ${ident(m.table)} WHERE regexp_full_match(${textExpr(oid)}, '[0-9]+')) AS __numeric_ids)`
		: sql`, flags AS (SELECT false AS __numeric_ids)`;
	const amountRaw = m.roles.amount ? sql`p.amount` : sql`p.quantity * p.unit_price`;
	return sql`CREATE OR REPLACE TABLE tx AS
WITH ${cte}${flags},
lines AS (
	SELECT p.*, ${amountRaw} AS __amount_raw, ${cPrefix} AS __c_prefix
	FROM parsed p, flags
	WHERE NOT (${join(
		checks.map((c) => c.bad),
		' OR '
	)})
)
SELECT
	CAST(__row AS BIGINT) AS line_no,
	customer_id,
	coalesce(__raw_order_id, customer_id || '|' || strftime(CAST(order_ts AS DATE), '%Y-%m-%d')) AS order_id,
	order_ts,
	CAST(order_ts AS DATE) AS order_date,
	quantity,
	unit_price,
	CAST(CASE WHEN __status_return AND __amount_raw > 0 THEN 0 ELSE __amount_raw END AS DOUBLE) AS amount,
	(__c_prefix OR coalesce(quantity < 0, false) OR __amount_raw < 0 OR __status_return) AS is_return,
	product,
	category${dimensionList(m.dimensions)}
FROM lines`;
}

function rejectsStatement(m: OrdersMapping, opts: CanonicalOptions): Sql {
	const none = opts.noneRejected === true && !opts.removeDuplicatesFrom;
	const { cte, checks } = parsedCte(
		m,
		none ? 'none' : 'missing-from-tx',
		opts.removeDuplicatesFrom
	);
	const parts = checks.map(
		(c) =>
			sql`SELECT CAST(__row AS BIGINT) AS __row, ${c.source} AS column_name, ${c.raw} AS value, ${c.reason} AS reason, ${c.code} AS code FROM parsed WHERE ${c.bad}`
	);
	return sql`CREATE OR REPLACE TABLE tx_rejects AS
WITH ${cte}
SELECT * FROM (${join(parts, '\nUNION ALL\n')})
ORDER BY __row, column_name`;
}

/** The previous `CREATE OR REPLACE TABLE orders` (arg_min … FILTER (WHERE … IS NOT NULL)). */
export function previousOrdersStatement(m: OrdersMapping, opts: CanonicalOptions): Sql {
	const conds: Sql[] = [sql`customer_id IS NOT NULL`];
	if (opts.returns === 'exclude') {
		conds.push(sql`NOT is_return`, sql`amount > 0`);
		if (m.roles.unit_price) conds.push(sql`unit_price > 0`);
	}
	const items = m.roles.quantity ? sql`sum(quantity)` : sql`count(*)`;
	const purchaseRows = m.roles.order_id ? sql`1` : sql`count(*) FILTER (WHERE NOT is_return)`;
	const dims = join(
		[{ column: 'category' }, ...m.dimensions].map(
			(d) =>
				sql`,\n\targ_min(${ident(d.column)}, line_no) FILTER (WHERE ${ident(d.column)} IS NOT NULL) AS ${ident(d.column)}`
		),
		''
	);
	return sql`CREATE OR REPLACE TABLE orders AS
SELECT
	customer_id,
	order_id,
	min(order_ts) AS order_ts,
	CAST(min(order_ts) AS DATE) AS order_date,
	CAST(sum(amount) AS DOUBLE) AS revenue,
	CAST(${items} AS DOUBLE) AS items,
	CAST(count(*) AS INTEGER) AS lines,
	CAST(${purchaseRows} AS INTEGER) AS purchase_rows,
	${IS_PURCHASE} AS is_purchase${dims}
FROM tx
WHERE ${join(conds, ' AND ')}
GROUP BY customer_id, order_id`;
}

/** The previous buildOrdersStatements: tx, tx_rejects, orders, customer_facts. */
export function previousStatements(m: OrdersMapping, opts: CanonicalOptions): Sql[] {
	return [
		previousTxStatement(m, opts.removeDuplicatesFrom),
		rejectsStatement(m, opts),
		previousOrdersStatement(m, opts),
		customerFactsStatement(null)
	];
}
