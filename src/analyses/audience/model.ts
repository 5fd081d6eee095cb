/**
 * Audiences (issue 19): named trees of conditions over per-customer fields, and the checks every
 * audience passes before it reaches SQL — from the builder, a notebook file or a share link.
 *
 * An audience is conditions only, never data. A field is named by a key of the field list
 * (fields.ts): `fact:<name>`, `customers:<canonical column>` or `derived:<derived field key>`; the
 * SQL takes column names from that list only, never from the key's text, and every value is a
 * parameter (sql.ts).
 */

/** Number comparisons. */
export const COMPARISONS = ['gt', 'ge', 'lt', 'le'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Condition =
	| { kind: 'equals'; field: string; value: string }
	| { kind: 'in'; field: string; values: string[] }
	| { kind: 'not_in'; field: string; values: string[] }
	| { kind: 'compare'; field: string; op: Comparison; value: number }
	| { kind: 'between'; field: string; low: number; high: number }
	| { kind: 'before'; field: string; date: string }
	| { kind: 'after'; field: string; date: string }
	| { kind: 'missing'; field: string };

export type ConditionKind = Condition['kind'];
export const CONDITION_KINDS: readonly ConditionKind[] = [
	'equals',
	'in',
	'not_in',
	'compare',
	'between',
	'before',
	'after',
	'missing'
];

/** AND / OR over conditions and groups. An empty group restricts nothing. */
export interface Group {
	kind: 'group';
	op: 'and' | 'or';
	items: (Condition | Group)[];
}

export type Node = Condition | Group;

export interface Audience {
	name: string;
	root: Group;
}

/** What a notebook file or share link may hold; past these an audience is refused. */
export const AUDIENCE_LIMITS = {
	audiences: 50,
	nameChars: 100,
	/** Conditions and groups in one audience. */
	nodes: 100,
	/** Groups inside groups: the root and two levels below it. */
	depth: 3,
	valuesPerList: 1000,
	valueChars: 10_000,
	fieldChars: 300
} as const;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyGroup(op: Group['op'] = 'and'): Group {
	return { kind: 'group', op, items: [] };
}

export function isGroup(n: Node): n is Group {
	return n.kind === 'group';
}

/** Every condition of a tree, depth first. */
export function conditionsOf(g: Group): Condition[] {
	return g.items.flatMap((n) => (isGroup(n) ? conditionsOf(n) : [n]));
}

/** One thing wrong with an audience read from elsewhere (its name, where, what). */
export interface AudienceProblem {
	audience: string;
	/** Path of the condition, e.g. '2.1' (item 1 of group 2), or '' for the audience itself. */
	at: string;
	detail: string;
}

export interface ReadAudiences {
	audiences: Audience[];
	problems: AudienceProblem[];
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isText = (v: unknown, max: number): v is string =>
	typeof v === 'string' && v.length <= max && !v.includes('\u0000');

function validDate(v: unknown): v is string {
	if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function readValues(v: unknown): string[] | string {
	if (!Array.isArray(v)) return '"values" must be a list';
	if (v.length > AUDIENCE_LIMITS.valuesPerList)
		return `at most ${AUDIENCE_LIMITS.valuesPerList} values`;
	if (!v.every((x) => isText(x, AUDIENCE_LIMITS.valueChars)))
		return `every value must be text of at most ${AUDIENCE_LIMITS.valueChars} characters`;
	return [...(v as string[])];
}

/** A well-formed condition, or what is wrong with it. */
export function readCondition(raw: unknown): Condition | string {
	if (!isObject(raw)) return 'not an object';
	const { kind, field } = raw;
	if (typeof kind !== 'string' || !(CONDITION_KINDS as readonly string[]).includes(kind))
		return `unknown condition kind ${JSON.stringify(kind) ?? 'undefined'}`;
	if (!isText(field, AUDIENCE_LIMITS.fieldChars) || field === '') return 'bad "field"';
	const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
	switch (kind as ConditionKind) {
		case 'equals':
			return isText(raw.value, AUDIENCE_LIMITS.valueChars)
				? { kind: 'equals', field, value: raw.value }
				: '"value" must be text';
		case 'in':
		case 'not_in': {
			const values = readValues(raw.values);
			return typeof values === 'string' ? values : { kind: kind as 'in' | 'not_in', field, values };
		}
		case 'compare':
			if (!(COMPARISONS as readonly unknown[]).includes(raw.op)) return 'unknown comparison';
			return num(raw.value)
				? { kind: 'compare', field, op: raw.op as Comparison, value: raw.value as number }
				: '"value" must be a finite number';
		case 'between':
			if (!num(raw.low) || !num(raw.high)) return '"low" and "high" must be finite numbers';
			if ((raw.low as number) > (raw.high as number)) return '"low" is above "high"';
			return { kind: 'between', field, low: raw.low as number, high: raw.high as number };
		case 'before':
		case 'after':
			return validDate(raw.date)
				? { kind: kind as 'before' | 'after', field, date: raw.date }
				: '"date" must be a date YYYY-MM-DD';
		case 'missing':
			return { kind: 'missing', field };
	}
}

/**
 * A group read item by item: a malformed condition is dropped with a problem, the rest kept.
 * A group past the depth or node limits is dropped whole.
 */
function readGroup(
	raw: unknown,
	name: string,
	at: string,
	depth: number,
	budget: { nodes: number },
	problems: AudienceProblem[]
): Group | null {
	const fail = (detail: string) => (problems.push({ audience: name, at, detail }), null);
	if (!isObject(raw) || raw.kind !== 'group') return fail('not a group');
	if (raw.op !== 'and' && raw.op !== 'or') return fail('"op" must be "and" or "or"');
	if (!Array.isArray(raw.items)) return fail('"items" must be a list');
	if (depth > AUDIENCE_LIMITS.depth)
		return fail(`groups nest at most ${AUDIENCE_LIMITS.depth} deep`);
	const items: Node[] = [];
	raw.items.forEach((item: unknown, i: number) => {
		const here = at ? `${at}.${i + 1}` : String(i + 1);
		if (--budget.nodes < 0) {
			if (budget.nodes === -1)
				problems.push({
					audience: name,
					at: here,
					detail: `more than ${AUDIENCE_LIMITS.nodes} conditions; the rest are dropped`
				});
			return;
		}
		if (isObject(item) && item.kind === 'group') {
			const g = readGroup(item, name, here, depth + 1, budget, problems);
			if (g) items.push(g);
			return;
		}
		const c = readCondition(item);
		if (typeof c === 'string') problems.push({ audience: name, at: here, detail: c });
		else items.push(c);
	});
	return { kind: 'group', op: raw.op, items };
}

/**
 * Audiences from a notebook file or share link (`raw` is the parsed JSON's `audiences`): each one
 * read field by field — a malformed condition is dropped and said, the audience kept; an audience
 * without a usable name or root, or past the limits, is dropped and said.
 */
export function readAudiences(raw: unknown): ReadAudiences {
	const problems: AudienceProblem[] = [];
	if (raw === undefined || raw === null) return { audiences: [], problems };
	if (!Array.isArray(raw)) {
		return { audiences: [], problems: [{ audience: '', at: '', detail: 'not a list' }] };
	}
	const audiences: Audience[] = [];
	raw.forEach((a: unknown, i: number) => {
		if (i >= AUDIENCE_LIMITS.audiences) {
			if (i === AUDIENCE_LIMITS.audiences)
				problems.push({
					audience: '',
					at: '',
					detail: `more than ${AUDIENCE_LIMITS.audiences} audiences; the rest are dropped`
				});
			return;
		}
		if (!isObject(a) || !isText(a.name, AUDIENCE_LIMITS.nameChars) || a.name.trim() === '') {
			problems.push({ audience: `#${i + 1}`, at: '', detail: 'no valid "name"' });
			return;
		}
		if (audiences.some((x) => x.name === a.name)) {
			problems.push({ audience: a.name, at: '', detail: 'a second audience of this name' });
			return;
		}
		const root = readGroup(a.root, a.name, '', 1, { nodes: AUDIENCE_LIMITS.nodes }, problems);
		if (root) audiences.push({ name: a.name, root });
	});
	return { audiences, problems };
}

/** The audiences as plain JSON (fields listed explicitly: nothing else leaks into a file). */
export function audiencesJson(audiences: readonly Audience[]): unknown[] {
	const node = (n: Node): unknown =>
		isGroup(n) ? { kind: 'group', op: n.op, items: n.items.map(node) } : { ...n };
	return audiences.map((a) => ({ name: a.name, root: node(a.root) }));
}

/**
 * The tree with only the conditions whose field is in `known` (the loaded data's field list);
 * the others are dropped, each with a problem (a notebook made on other data).
 */
export function keepKnownFields(
	a: Audience,
	known: ReadonlySet<string>
): { audience: Audience; problems: AudienceProblem[] } {
	const problems: AudienceProblem[] = [];
	const walk = (g: Group, at: string): Group => ({
		kind: 'group',
		op: g.op,
		items: g.items.flatMap((n, i): Node[] => {
			const here = at ? `${at}.${i + 1}` : String(i + 1);
			if (isGroup(n)) return [walk(n, here)];
			if (known.has(n.field)) return [n];
			problems.push({ audience: a.name, at: here, detail: `unknown field "${n.field}"` });
			return [];
		})
	});
	return { audience: { name: a.name, root: walk(a.root, '') }, problems };
}
