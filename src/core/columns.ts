/**
 * Column roles: which column of a loaded file is the customer id, the order date, the amount …
 * (DESIGN.md §3). Detection matches header names against English and Chinese synonyms
 * (case-, space-, underscore- and punctuation-insensitive; a unit in brackets such as
 * `金额(元)` or `Amount (USD)` is ignored) and checks the sniffed value kind.
 *
 * Confidence: 'high' = the header equals a synonym and the values fit the role (a date role has
 * date/timestamp values, amounts are numeric); anything weaker (header merely contains a
 * synonym, values do not fit, or the role was guessed from the value kind alone) is 'low'.
 * Each column plays at most one role; the strongest match wins, ties go to the role listed first.
 */
import { looksNumeric, sniffDateFormat } from './formats';
import { CUSTOMER_ROLES, ORDER_ROLES, type Fit, type RoleSpec } from './column-synonyms';
import type { ColumnProfile, CustomerRole, Dimension, OrderRole } from './types';

export interface RoleDetection<R extends string> {
	roles: Partial<Record<R, string>>;
	confidence: Partial<Record<R, 'high' | 'low'>>;
	/** Required roles not found. */
	missing: R[];
	/** The required roles as mapped (for orders: amount, or quantity and unit_price when derived). */
	required: R[];
	/** Every unmapped, useful column (not ids, not near-unique free text). */
	dimensions: Dimension[];
}

/**
 * Traditional → simplified for the characters of the Chinese synonyms, so headers of Big5 /
 * Taiwan and Hong Kong exports (客戶編號, 訂單日期, 實付金額) match the same synonyms.
 */
const TRADITIONAL = '買產價會冊別區單號員寶實應開態總戶數時標註狀碼稱類編訂貝購銷間顧題額齡';
const SIMPLIFIED = '买产价会册别区单号员宝实应开态总户数时标注状码称类编订贝购销间顾题额龄';
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((t, i) => [t, SIMPLIFIED[i]!]));

/**
 * Header normalisation for matching: lower case, simplified Chinese, no brackets' content, no
 * spaces/punctuation.
 */
export function normalizeHeader(h: string): string {
	return h
		.replace(/[\u4e00-\u9fff]/g, (c) => TO_SIMPLIFIED.get(c) ?? c)
		.toLowerCase()
		.replace(/[(（[【].*?[)）\]】]/g, '')
		.replace(/[\s_\-.:/#·]+/g, '');
}

function fits(col: ColumnProfile, fit: Fit): boolean {
	if (col.kind === 'empty') return false;
	switch (fit) {
		case 'date':
			return (
				col.kind === 'date' ||
				col.kind === 'timestamp' ||
				(col.kind !== 'boolean' && sniffDateFormat(col.samples) !== null)
			);
		case 'number':
			return (
				col.kind === 'integer' ||
				col.kind === 'decimal' ||
				(col.kind === 'text' &&
					col.samples.length > 0 &&
					col.samples.every((s) => looksNumeric(s) || looksNumeric(s, { decimal: ',' })))
			);
		case 'id':
			return col.kind !== 'date' && col.kind !== 'timestamp' && col.kind !== 'boolean';
		case 'text':
			return true;
	}
}

interface Candidate<R> {
	role: R;
	col: string;
	score: number;
	high: boolean;
	order: number;
}

function detect<R extends string>(
	cols: ColumnProfile[],
	specs: RoleSpec<R>[]
): Pick<RoleDetection<R>, 'roles' | 'confidence'> {
	const cands: Candidate<R>[] = [];
	specs.forEach((spec, order) => {
		const syns = spec.synonyms.map(normalizeHeader);
		for (const col of cols) {
			const h = normalizeHeader(col.name);
			if (h === '') continue;
			const ok = fits(col, spec.fit);
			const exactRank = syns.indexOf(h);
			if (exactRank >= 0) {
				// Exact names beat partial ones; within a role, earlier synonyms win (StockCode over Description).
				cands.push({
					role: spec.role,
					col: col.name,
					score: (ok ? 300 : 200) - exactRank,
					high: ok,
					order
				});
				continue;
			}
			const partial = syns.some(
				(s) => (/^[a-z0-9]+$/.test(s) ? s.length >= 4 : s.length >= 2) && h.includes(s)
			);
			if (partial && ok)
				cands.push({ role: spec.role, col: col.name, score: 100, high: false, order });
		}
	});
	cands.sort((a, b) => b.score - a.score || a.order - b.order);
	const roles: Partial<Record<R, string>> = {};
	const confidence: Partial<Record<R, 'high' | 'low'>> = {};
	const used = new Set<string>();
	for (const c of cands) {
		if (roles[c.role] !== undefined || used.has(c.col)) continue;
		roles[c.role] = c.col;
		confidence[c.role] = c.high ? 'high' : 'low';
		used.add(c.col);
	}
	// A date role with no name match: the only unclaimed date/timestamp column, low confidence.
	for (const spec of specs) {
		if (spec.fit !== 'date' || roles[spec.role] !== undefined) continue;
		const dates = cols.filter(
			(c) => !used.has(c.name) && (c.kind === 'date' || c.kind === 'timestamp')
		);
		if (dates.length === 1 && spec === specs.find((s) => s.fit === 'date')) {
			roles[spec.role] = dates[0]!.name;
			confidence[spec.role] = 'low';
			used.add(dates[0]!.name);
		}
	}
	return { roles, confidence };
}

/** Canonical column names of tx, orders, customer_facts and customers: never a dimension name. */
export const CANONICAL_COLUMNS: readonly string[] = [
	'line_no',
	'customer_id',
	'order_id',
	'order_ts',
	'order_date',
	'quantity',
	'unit_price',
	'amount',
	'is_return',
	'product',
	'category',
	'status',
	'revenue',
	'items',
	'lines',
	'purchase_rows',
	'is_purchase',
	'returns_only',
	'first_order',
	'last_order',
	'orders',
	'is_prospect',
	'signup_date',
	'gender',
	'birth_date',
	'birth_year',
	'age',
	'income',
	'region',
	'recency_days',
	'tenure_days'
];

/** Most distinct values a text column may have to be offered as a dimension. */
export const MAX_DIMENSION_VALUES = 1000;

/**
 * Most columns offered as dimensions (the first ones in file order). Every dimension is one more
 * aggregate in the `orders` build, whose cost grows faster than linearly: 497 dimensions ran out
 * of memory on a 20-line file (issue 5), 50 take a fraction of a second.
 */
export const MAX_DIMENSIONS = 50;

/** Ids, contact data and names: near-unique per customer/order, useless for breakdowns. */
function isIdLike(name: string): boolean {
	const n = name.trim();
	return (
		/(^|[^A-Za-z])(id|no|nr|number|code|key|uuid)$/i.test(n) ||
		/[a-z](ID|Id|No|Number|Code|Key)$/.test(n) ||
		/email|e-mail|phone|mobile|^name$|编号|号$|电话|手机|邮箱|姓名|地址|address/i.test(n)
	);
}

function usefulDimensions(cols: ColumnProfile[], used: Set<string>): Dimension[] {
	const useful = cols.filter(
		(c) =>
			!used.has(c.name) &&
			c.name !== '__row' &&
			c.kind !== 'empty' &&
			c.kind !== 'date' &&
			c.kind !== 'timestamp' &&
			c.distinct >= 2 &&
			!isIdLike(c.name) &&
			(c.kind !== 'text' || c.distinct <= MAX_DIMENSION_VALUES)
	);
	const keep = useful.slice(0, MAX_DIMENSIONS);
	const dims = toDimensions(
		keep.map((c) => c.name),
		[]
	);
	return dims.map((d, i) => {
		const kind = keep[i]!.kind;
		return kind === 'integer' || kind === 'decimal' ? { ...d, numeric: true } : d;
	});
}

/**
 * Detect the roles of an orders file's columns. Required: customer_id, order_date and amount —
 * or quantity and unit_price, from which amount is derived (then amount is not missing).
 * Unmapped useful columns become dimensions.
 */
export function detectOrderRoles(cols: ColumnProfile[]): RoleDetection<OrderRole> {
	const { roles, confidence } = detect(cols, ORDER_ROLES);
	const missing: OrderRole[] = [];
	if (!roles.customer_id) missing.push('customer_id');
	if (!roles.order_date) missing.push('order_date');
	const required: OrderRole[] = ['customer_id', 'order_date'];
	if (roles.amount) required.push('amount');
	else if (roles.quantity && roles.unit_price) required.push('quantity', 'unit_price');
	else missing.push('amount');
	const used = new Set(Object.values(roles) as string[]);
	return {
		roles,
		confidence,
		missing,
		required: required.filter((r) => roles[r] !== undefined),
		dimensions: usefulDimensions(cols, used)
	};
}

/** Detect the roles of a customers file's columns (required: customer_id); the rest are attributes. */
export function detectCustomerRoles(cols: ColumnProfile[]): RoleDetection<CustomerRole> {
	const { roles, confidence } = detect(cols, CUSTOMER_ROLES);
	const used = new Set(Object.values(roles) as string[]);
	return {
		roles,
		confidence,
		missing: roles.customer_id ? [] : ['customer_id'],
		required: roles.customer_id ? ['customer_id'] : [],
		dimensions: usefulDimensions(cols, used)
	};
}

/**
 * Whether every required role is mapped; with `confident`, also whether each of them was
 * detected with high confidence (then the app may skip the mapping screen, DESIGN.md §5).
 */
export function requiredSatisfied<R extends string>(
	det: RoleDetection<R>,
	confident = false
): boolean {
	if (det.missing.length > 0) return false;
	return !confident || det.required.every((r) => det.confidence[r] === 'high');
}

/**
 * Canonical names for dimension columns: lower-case ASCII letters, digits and `_`; headers with
 * no ASCII letters or digits (e.g. 地区) become `dim_<n>` (n = position in `columns`, from 1).
 * Names are unique, never a canonical column name (CANONICAL_COLUMNS) and never in `taken`.
 */
export function toDimensions(columns: string[], taken: string[]): Dimension[] {
	const used = new Set([...CANONICAL_COLUMNS, ...taken.map((t) => t.toLowerCase())]);
	return columns.map((source, i) => {
		let base = source
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_+|_+$/g, '');
		if (base === '') base = `dim_${i + 1}`;
		else if (/^[0-9]/.test(base)) base = `d_${base}`;
		let column = base;
		for (let n = 2; used.has(column); n++) column = `${base}_${n}`;
		used.add(column);
		return { source, column, label: source };
	});
}

/**
 * A stable key for a file's header set (order-insensitive, exact names), for remembering the
 * user's mapping of files with the same columns: `h<count>-<hash hex>`.
 */
export function headerSignature(cols: string[]): string {
	const text = [...cols].sort().join('\u001f');
	// FNV-1a, two 32-bit lanes for fewer collisions.
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
		h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
	}
	return `h${cols.length}-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}
