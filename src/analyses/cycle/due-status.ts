// The derived field due_status: every scoped customer's place relative to the due list (sql.ts).
import { sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import { checkSettings, cycleCtes, type CycleSettings } from './sql';

/** Every value of the derived field due_status (buildCycleDueStatusSql), in the section's order. */
export const DUE_STATUSES = [
	'due',
	'churned',
	'overdue',
	'not_due',
	'one_time',
	'no_purchase'
] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];

/**
 * (customer_id, value): each scoped customer's place relative to the due list, with the section's
 * own definitions. 'due': on the due list (in the due window, not churned); 'churned': in the due
 * window but left out as churned (the summary's churned_left_out); 'overdue': expected_next lies
 * before the window (more than the grace before asOf); 'not_due': after it (beyond the horizon);
 * 'one_time': one purchase day, no cycle; 'no_purchase': no purchase in scope (prospects,
 * customers with returns only). Every customer gets a value, so that "missing" in an audience or a
 * breakdown never hides which of these reasons applies; the window excludes only dates before
 * asOf − grace or after asOf + horizon (grace, horizon ≥ 0), so outside it days_overdue > 0 means
 * before and ≤ 0 after.
 */
export function buildCycleDueStatusSql(scope: Scope, settings: CycleSettings): Sql {
	checkSettings(settings);
	return sql`${cycleCtes(scope, settings)}
SELECT
	sc.customer_id,
	CASE
		WHEN w.customer_id IS NOT NULL THEN CASE
			WHEN w.in_window AND NOT w.churned THEN 'due'
			WHEN w.in_window THEN 'churned'
			WHEN w.days_overdue > 0 THEN 'overdue'
			ELSE 'not_due'
		END
		WHEN b.customer_id IS NOT NULL THEN 'one_time'
		ELSE 'no_purchase'
	END AS value
FROM scoped_customers sc
LEFT JOIN customer_window w ON w.customer_id = sc.customer_id
LEFT JOIN buyers b ON b.customer_id = sc.customer_id
ORDER BY sc.customer_id`;
}
