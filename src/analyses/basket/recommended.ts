/**
 * The recommended product as a per-customer field (issue 19): the rules a run mined are written to
 * DuckDB under the run's key (the scope's baskets and the mining settings), and the field's
 * statement scores them in SQL exactly as mine/recommend.ts does in the worker:
 * - a rule applies to a customer who bought every item of its left-hand side (rules {} ⇒ {item}
 *   are left out, as recommend() leaves them out by default) and has not bought its right-hand
 *   side; items are those of the customer's baskets in scope (the same `basket_lines`, numbered
 *   by the same `item_ids`);
 * - the customer's first recommendation is the applicable rule first by score (confidence × lift,
 *   the same doubles multiplied), then support, then confidence, then the shorter left-hand side,
 *   then the smaller left-hand item ids, then the right-hand id — recommend()'s order, whose first
 *   item is the best rule overall.
 * Customers in scope with no applicable rule (or no basket) have NULL. With a basket file as the
 * source there are no customers: NULL for every one. Until the analysis has run for the key, the
 * statement fails with a message (a field read before its owner ran never shows "no product").
 *
 * Plain tables, not TEMP ones (the notebook's second connection reads them too); a key's rows are
 * written under a run number and switched in one statement, as the forecast's fits are
 * (clv/write-fit.ts), and the last KEEP_RULE_SETS keys are kept.
 */
import { int, lit, raw, sql, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';
import type { Rule } from './mine/types';
import type { BasketSettings } from './settings';
import { fnv1a } from '../clv/queries';
import { nextRun, numberLiteral as num } from '../work-tables';

export const RULE_SETS_TABLE = '__basket_rule_sets';
export const RULES_TABLE = '__basket_rules';
/** Rule sets kept (a few scopes and settings to go back to). */
export const KEEP_RULE_SETS = 8;
/** Rules per INSERT statement (each statement's text is built between two awaits). */
const CHUNK = 2000;

const sets = raw(RULE_SETS_TABLE);
const rules = raw(RULES_TABLE);

/** The key of a run's rules: the plain scope's basket statement and the mining settings. */
export function rulesKey(basketLists: Sql, s: BasketSettings): string {
	const mining = [s.minSupport, s.minConfidence, s.minLen, s.maxLen, s.maxItemsets ?? null];
	return fnv1a(JSON.stringify([basketLists.text, basketLists.params, mining]));
}

function createRuleTables(): Sql[] {
	return [
		sql`CREATE TABLE IF NOT EXISTS ${sets} (rules_key VARCHAR PRIMARY KEY, seq INTEGER, run BIGINT)`,
		sql`CREATE TABLE IF NOT EXISTS ${rules} (rules_key VARCHAR, run BIGINT, lhs INTEGER[], rhs INTEGER, support DOUBLE, confidence DOUBLE, lift DOUBLE)`
	];
}

/**
 * Statements that store `found` (the run's rules; none when the run found none or too many)
 * under `key`, in order. Only rules with a left-hand side are stored: the field never reads the
 * others.
 */
export function* writeRulesStatements(key: string, found: readonly Rule[]): Generator<Sql> {
	if (!/^[0-9a-f]{8}$/.test(key)) throw new Error(`basket: rules key ${key} is not 8 hex digits`);
	const run = nextRun();
	yield* createRuleTables();
	const kept = found.filter((r) => r.lhs.length > 0);
	for (let i = 0; i < kept.length; i += CHUNK) {
		let values = '';
		for (let j = i; j < Math.min(kept.length, i + CHUNK); j++) {
			const r = kept[j]!;
			const lhs = `[${r.lhs.map((x) => x | 0).join(', ')}]`;
			values += `${j > i ? ',\n' : ''}('${key}', ${run}, ${lhs}, ${r.rhs | 0}, ${num(r.support)}, ${num(r.confidence)}, ${num(r.lift)})`;
		}
		yield sql`INSERT INTO ${rules} VALUES ${raw(values)}`;
	}
	// The switch: from here the key's rules are this run's.
	yield sql`INSERT OR REPLACE INTO ${sets} SELECT ${lit(key)}, coalesce(max(seq), 0) + 1, ${int(run)} FROM ${sets}`;
	yield sql`DELETE FROM ${rules} WHERE rules_key = ${lit(key)} AND run <> ${int(run)}`;
	yield sql`DELETE FROM ${sets} WHERE seq <= (SELECT max(seq) FROM ${sets}) - ${int(KEEP_RULE_SETS)}`;
	yield sql`DELETE FROM ${rules} WHERE rules_key NOT IN (SELECT rules_key FROM ${sets})`;
}

/**
 * (customer_id, value): each customer's first recommended item over `scope`. `itemCtes` is the
 * analysis' basket lines and item ids over the same scope and settings (sql.ts), `key` the run's.
 */
export function recommendedProductSql(
	scope: Scope,
	s: BasketSettings,
	itemCtes: Sql,
	key: string
): Sql {
	if (s.source === 'baskets') {
		return sql`WITH ${scopeCtes(scope)}
SELECT customer_id, CAST(NULL AS VARCHAR) AS value FROM scoped_customers`;
	}
	const k = lit(key);
	return sql`WITH ${itemCtes},
current_set AS (
	SELECT coalesce(
		(SELECT run FROM ${sets} WHERE rules_key = ${k}),
		error('basket: the rules of these settings are not mined yet — run "Bought together" first')
	) AS run
),
set_rules AS (
	SELECT row_number() OVER () AS rule, r.* FROM ${rules} r
	WHERE r.rules_key = ${k} AND r.run = (SELECT run FROM current_set)
),
bought AS (
	SELECT DISTINCT b.customer_id, i.item_id
	FROM basket_lines b JOIN item_ids i USING (item)
),
lhs_items AS (
	SELECT rule, unnest(lhs) AS item_id, len(lhs) AS n FROM set_rules
),
applicable AS (
	SELECT c.customer_id, l.rule
	FROM lhs_items l JOIN bought c USING (item_id)
	GROUP BY c.customer_id, l.rule, l.n
	HAVING count(*) = l.n
),
candidates AS (
	SELECT a.customer_id, r.rhs, r.confidence * r.lift AS score, r.support, r.confidence, r.lhs
	FROM applicable a
	JOIN set_rules r USING (rule)
	ANTI JOIN bought h ON h.customer_id = a.customer_id AND h.item_id = r.rhs
),
best AS (
	SELECT customer_id, rhs
	FROM candidates
	QUALIFY row_number() OVER (
		PARTITION BY customer_id
		ORDER BY score DESC NULLS LAST, support DESC, confidence DESC, len(lhs), lhs, rhs
	) = 1
)
SELECT sc.customer_id, i.item AS value
FROM scoped_customers sc
LEFT JOIN best USING (customer_id)
LEFT JOIN item_ids i ON i.item_id = best.rhs`;
}
