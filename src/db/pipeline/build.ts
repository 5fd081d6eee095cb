/**
 * Table building: the canonical tables (tx, tx_rejects, orders, customer_facts and, with a
 * customers file, customers) from the raw tables and their mappings, then the load summary.
 */
import { buildLoadSummaryQuery } from '../../core/canonical';
import { buildCustomersStatements } from '../../core/canonical-customers';
import { customersOptions } from './customer-columns';
import { DUPLICATES_TABLE } from '../../core/data-warnings';
import type { CustomersMapping, OrdersMapping, ReturnsPolicy } from '../../core/types';
import { buildOrdersTables } from '../build-orders';
import type { Engine } from '../engine';
import { measure } from '../../core/timing';

export { customerColumnLabels, customersOptions, type CustomerColumn } from './customer-columns';

/** One row of buildLoadSummaryQuery(). */
export interface LoadSummary {
	tx_rows: number;
	rejected_rows: number;
	missing_customer_rows: number;
	customers: number;
	orders: number;
	revenue: number;
	first_date: string | null;
	last_date: string | null;
	as_of: string;
	returns_lines: number;
}

export interface BuildPlan {
	orders: OrdersMapping;
	/** The customers file's mapping; used when it has a customer id. */
	customers?: CustomersMapping | null;
	returns: ReturnsPolicy;
	/** Leave out exact duplicate rows: DUPLICATES_TABLE must be there (checks.ts findDuplicates). */
	removeDuplicates?: boolean;
}

/**
 * Build the canonical tables of `plan` (replacing the previous ones) and read the load summary;
 * null when the summary query returns no row.
 */
export async function buildTables(engine: Engine, plan: BuildPlan): Promise<LoadSummary | null> {
	await buildOrdersTables(engine, plan.orders, {
		returns: plan.returns,
		...(plan.removeDuplicates ? { removeDuplicatesFrom: DUPLICATES_TABLE } : {})
	});
	const t = performance.now();
	const [summary] = await engine.query<LoadSummary>(buildLoadSummaryQuery());
	measure('load summary', t);
	const cm = plan.customers;
	if (cm && cm.roles.customer_id) {
		for (const stmt of buildCustomersStatements(cm, customersOptions(summary))) {
			await engine.exec(stmt);
		}
	}
	return summary ?? null;
}
