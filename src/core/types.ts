/**
 * Shared types of the core layer: column roles, the mapping, and the canonical tables'
 * contract that every analysis reads (DESIGN.md §3).
 *
 * Canonical tables (built once after mapping by core/canonical.ts):
 *
 * tx — one row per accepted input line of the orders file
 *   line_no BIGINT        data-row number in the file (1 = first row after the header)
 *   customer_id VARCHAR   NULL when the line has no customer id (kept for totals, excluded downstream)
 *   order_id VARCHAR      the file's order id, or customer_id || '|' || order_date when absent
 *   order_ts TIMESTAMP    order date/time (zone-less; as written in the file)
 *   order_date DATE
 *   quantity DOUBLE       NULL when not mapped
 *   unit_price DOUBLE     NULL when not mapped
 *   amount DOUBLE         net line revenue (negative for returns/cancellations)
 *   is_return BOOLEAN     cancellation/return line (C-prefixed order id, negative quantity or amount)
 *   product VARCHAR, category VARCHAR   NULL when not mapped
 *   <dimension columns>   VARCHAR, named by Dimension.column
 *
 * orders — one row per order of a known customer (customer_id NOT NULL)
 *   customer_id, order_id, order_ts (earliest line), order_date DATE, revenue DOUBLE (net),
 *   items DOUBLE (sum of quantity, or number of lines when quantity is not mapped), lines INTEGER,
 *   purchase_rows INTEGER (1 with order ids; without, the order's non-return rows),
 *   is_purchase BOOLEAN (≥ 1 non-return line and net ≥ 0: negative-net or returns-only orders
 *   are not purchases; free orders are),
 *   category VARCHAR (first non-null of its lines; NULL when not mapped), <order dimensions>
 *
 * customer_facts — one row per customer (from orders and, if loaded, the customers file)
 *   customer_id, first_order DATE, last_order DATE (purchase orders only; NULL for prospects),
 *   orders INTEGER (purchase orders), revenue DOUBLE (net, all orders), items DOUBLE,
 *   is_prospect BOOLEAN (no order at all: customers file only), returns_only BOOLEAN (orders
 *   but no purchase), <customer attribute columns> (from the customers file)
 */

/** Roles a column of the orders file can play. */
export type OrderRole =
	| 'customer_id'
	| 'order_date'
	| 'amount'
	| 'order_id'
	| 'quantity'
	| 'unit_price'
	| 'product'
	| 'category'
	| 'status';

/** Roles a column of the customers file can play. */
export type CustomerRole =
	| 'customer_id'
	| 'signup_date'
	| 'gender'
	| 'birth_date'
	| 'birth_year'
	| 'age'
	| 'income'
	| 'region';

/** How a date column's text is parsed (strptime format), chosen by sniffing or by the user. */
export interface DateFormat {
	/** DuckDB strptime format, e.g. '%Y-%m-%d %H:%M:%S'; 'excel-serial' for Excel day numbers; 'iso' for DuckDB's own cast. */
	format: string;
	/** True when day/month order could not be decided from the data (the user must choose). */
	ambiguous?: boolean;
}

/** How a number column's text is parsed. */
export interface NumberFormat {
	/** '.' (1,234.50) or ',' (1.234,50) */
	decimal: '.' | ',';
}

export interface Dimension {
	/** Column name in the raw (loaded) table — the user's header, always used through ident(). */
	source: string;
	/** Column name in the canonical tables: sanitised, unique, never a canonical column name. */
	column: string;
	/** The user's header, for display. */
	label: string;
	/** Whether values are numeric (binned in breakdowns) */
	numeric?: boolean;
}

/** The confirmed mapping of the orders file. Column names are raw-table column names. */
export interface OrdersMapping {
	table: string;
	roles: Partial<Record<OrderRole, string>>;
	dateFormat: DateFormat;
	numberFormat: NumberFormat;
	dimensions: Dimension[];
}

export interface CustomersMapping {
	table: string;
	roles: Partial<Record<CustomerRole, string>>;
	dateFormat?: DateFormat;
	numberFormat: NumberFormat;
	attributes: Dimension[];
}

/** How returns and cancellations are treated (DESIGN.md §3). */
export type ReturnsPolicy = 'net' | 'exclude';

export interface CanonicalOptions {
	returns: ReturnsPolicy;
	/**
	 * The user chose to remove exact duplicate rows: the table listing them (raw_duplicates,
	 * src/core/data-warnings.ts). Those rows go neither to tx nor to tx_rejects.
	 */
	removeDuplicatesFrom?: string;
	/**
	 * The caller counted every raw row in `tx` (buildAllAcceptedQuery): tx_rejects is created empty,
	 * with its usual columns, without the anti-join that finds rejected rows (~0.4 s at 1 M lines).
	 */
	noneRejected?: boolean;
}

/** What the loader learned about one column of a loaded file (raw tables hold VARCHAR only). */
export interface ColumnProfile {
	/** Column name in the raw table (deduplicated header; `column_N` for blank/absent headers). */
	name: string;
	/** Kind of values, sniffed from the text. */
	kind: 'integer' | 'decimal' | 'date' | 'timestamp' | 'boolean' | 'text' | 'empty';
	/**
	 * Whether `nulls` and `distinct` are exact counts over the whole file. Files longer than the
	 * profile's sample window are profiled from their first records at load time (so the
	 * dashboard appears sooner); the whole-file counts follow when someone looks at them.
	 */
	counted: boolean;
	/** Empty or whitespace-only cells over the whole file; null until counted. */
	nulls: number | null;
	/**
	 * Distinct non-empty values: over the whole file when counted, else among the first records
	 * (a lower bound, which is what choosing dimensions needs: more than 1,000 there is more).
	 */
	distinct: number;
	/** Up to 20 distinct non-empty example values, for sniffing formats and for display. */
	samples: string[];
}
