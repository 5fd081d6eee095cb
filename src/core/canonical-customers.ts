/**
 * Builds the canonical `customers` table from a raw customers file and rebuilds `customer_facts`
 * with its attributes and prospects (customers with no orders: orders 0, is_prospect true).
 *
 * customers: customer_id VARCHAR (trimmed, blank ids dropped; for duplicate ids each column keeps
 * its first non-empty value, by raw row number), then only the mapped roles: signup_date DATE, gender VARCHAR,
 * birth_year INTEGER, region VARCHAR, income DOUBLE, then the attribute columns as VARCHAR
 * (named by Dimension.column).
 * birth_year comes from birth_date (its year), else from birth_year (1000–9999), else from age —
 * only when a reference year is given (birth_year = referenceYear − age): an age is relative to
 * the day the file was exported, which only the caller can know (e.g. the as-of date's year).
 * Requires the `orders` table (buildOrdersStatements) to exist.
 */
import { ident, join, sql, type Sql } from './sql';
import { parseDateExpr, parseNumberExpr } from './formats';
import { customerFactsStatement, customerIdExpr, textExpr } from './canonical';
import type { CustomersMapping } from './types';
import { customerColumns, type CustomersOptions } from './customer-columns';

export { customerColumns, type CustomersOptions } from './customer-columns';

function birthYearExpr(m: CustomersMapping, opts: CustomersOptions): Sql | null {
	const r = m.roles;
	const dateFormat = m.dateFormat ?? { format: 'iso' };
	const candidates: Sql[] = [];
	if (r.birth_date) {
		candidates.push(
			sql`CAST(year(${parseDateExpr(textExpr(r.birth_date), dateFormat)}) AS INTEGER)`
		);
	}
	if (r.birth_year) {
		const y = sql`TRY_CAST(${textExpr(r.birth_year)} AS INTEGER)`;
		candidates.push(sql`CASE WHEN ${y} BETWEEN 1000 AND 9999 THEN ${y} END`);
	}
	if (r.age && opts.ageReferenceYear !== undefined) {
		const age = parseNumberExpr(textExpr(r.age), m.numberFormat);
		candidates.push(
			sql`CASE WHEN ${age} BETWEEN 0 AND 150 THEN CAST(${opts.ageReferenceYear} - floor(${age}) AS INTEGER) END`
		);
	}
	if (candidates.length === 0) return null;
	return candidates.length === 1 ? candidates[0]! : sql`coalesce(${join(candidates)})`;
}

/**
 * Statements (run in order) that create `customers` from the raw table `m.table` (with `__row`)
 * and rebuild `customer_facts` with its attributes and prospects. Throws without customer_id.
 */
export function buildCustomersStatements(m: CustomersMapping, opts: CustomersOptions = {}): Sql[] {
	const r = m.roles;
	if (!r.customer_id) throw new Error('canonical: the customers file needs a customer_id column');
	const exprs: Sql[] = [];
	if (r.signup_date) {
		const f = m.dateFormat ?? { format: 'iso' };
		exprs.push(sql`CAST(${parseDateExpr(textExpr(r.signup_date), f)} AS DATE) AS signup_date`);
	}
	if (r.gender) exprs.push(sql`${textExpr(r.gender)} AS gender`);
	const by = birthYearExpr(m, opts);
	if (by) exprs.push(sql`${by} AS birth_year`);
	if (r.region) exprs.push(sql`${textExpr(r.region)} AS region`);
	if (r.income) exprs.push(sql`${parseNumberExpr(textExpr(r.income), m.numberFormat)} AS income`);
	for (const a of m.attributes) exprs.push(sql`${textExpr(a.source)} AS ${ident(a.column)}`);
	const names = customerColumns(m, opts);
	const firsts = names.map(
		(n) =>
			sql`,\n\targ_min(${ident(n)}, __row) FILTER (WHERE ${ident(n)} IS NOT NULL) AS ${ident(n)}`
	);
	const src = exprs.length > 0 ? sql`, ${join(exprs, ',\n\t\t')}` : sql``;
	const create = sql`CREATE OR REPLACE TABLE customers AS
WITH src AS (
	SELECT __row, ${customerIdExpr(r.customer_id)} AS customer_id${src}
	FROM ${ident(m.table)}
)
SELECT customer_id${join(firsts, '')}
FROM src
WHERE customer_id IS NOT NULL
GROUP BY customer_id`;
	return [create, customerFactsStatement(names)];
}
