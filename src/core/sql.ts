/**
 * The one way SQL is written in Clientele (GUIDE.md §4).
 *
 * - `sql\`...\`` builds a query; every interpolated *value* becomes a `?` parameter.
 * - `ident(name)` quotes an identifier (doubling embedded quotes) — the only way user names reach SQL.
 * - `raw(text)` splices trusted constants; it must never see user input.
 * - `int(n)` / `lit(x)` splice a checked number or a quoted literal where a `?` cannot go (DDL,
 *   PRAGMA, LIMIT, constants whose SQL type matters), instead of `raw(String(n))`.
 * - A nested `Sql` is spliced with its parameters kept in order.
 */

export type SqlValue = string | number | boolean | null;

export class Sql {
	constructor(
		readonly text: string,
		readonly params: readonly SqlValue[]
	) {}

	/** Human-readable SQL with parameters inlined as literals (for the notebook and debugging). */
	toString(): string {
		return inlineParams(this);
	}
}

class Fragment {
	constructor(readonly text: string) {}
}

export type SqlPart = SqlValue | Sql | Fragment | readonly SqlPart[];

/** Tagged template: values become parameters, `Sql`/`ident`/`raw` parts are spliced. */
export function sql(strings: TemplateStringsArray, ...parts: SqlPart[]): Sql {
	let text = strings[0] ?? '';
	const params: SqlValue[] = [];
	parts.forEach((part, i) => {
		text += splice(part, params) + (strings[i + 1] ?? '');
	});
	return new Sql(text, params);
}

function splice(part: SqlPart, params: SqlValue[]): string {
	if (part instanceof Sql) {
		params.push(...part.params);
		return part.text;
	}
	if (part instanceof Fragment) return part.text;
	if (Array.isArray(part))
		return (part as readonly SqlPart[]).map((p) => splice(p, params)).join(', ');
	if (typeof part === 'number' && !Number.isFinite(part)) {
		throw new Error(`sql: non-finite number ${part} cannot be a parameter`);
	}
	params.push(part as SqlValue);
	return '?';
}

/** Quote an identifier: `a"b` → `"a""b"`. */
export function ident(name: string): Fragment {
	if (name.includes('\u0000')) throw new Error('sql: identifier contains a NUL character');
	return new Fragment(`"${name.replaceAll('"', '""')}"`);
}

/** Trusted SQL text (keywords, our own constants). Never pass user input. */
export function raw(text: string): Fragment {
	return new Fragment(text);
}

/**
 * A safe integer spliced as SQL text, for places a parameter cannot go or would change the type
 * (a LIMIT, an array index, an INTEGER constant in a CASE). Throws on anything else: NaN,
 * infinities, fractions, integers beyond 2^53, and non-numbers that slipped past the types.
 */
export function int(n: number): Fragment {
	if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
		throw new Error(`sql: ${String(n)} is not a safe integer`);
	}
	return new Fragment(String(n));
}

/**
 * A SQL literal for a value that cannot be a parameter (DDL, PRAGMA, SET, a typed constant):
 * strings in single quotes with quotes doubled, finite numbers, booleans, NULL. Throws on NUL
 * characters (they end the text in DuckDB's parser), non-finite numbers and non-values.
 */
export function lit(value: SqlValue): Fragment {
	if (value === null) return new Fragment('NULL');
	switch (typeof value) {
		case 'boolean':
			return new Fragment(value ? 'TRUE' : 'FALSE');
		case 'number':
			if (!Number.isFinite(value)) throw new Error(`sql: non-finite number ${value} as a literal`);
			return new Fragment(String(value));
		case 'string':
			if (value.includes('\u0000')) throw new Error('sql: literal contains a NUL character');
			return new Fragment(`'${value.replaceAll("'", "''")}'`);
		default:
			throw new Error(`sql: ${typeof value} cannot be a literal`);
	}
}

/** Join several Sql pieces with a separator. */
export function join(pieces: readonly (Sql | Fragment)[], separator = ', '): Sql {
	let text = '';
	const params: SqlValue[] = [];
	pieces.forEach((p, i) => {
		if (i > 0) text += separator;
		text += splice(p, params);
	});
	return new Sql(text, params);
}

/** A SQL string literal, quotes doubled. Used only to inline parameters for display. */
export function literal(value: SqlValue): string {
	if (value === null) return 'NULL';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Inline parameters as literals. Walks the text so that `?` inside quoted strings,
 * quoted identifiers and comments is left alone.
 */
export function inlineParams(q: Sql): string {
	let out = '';
	let p = 0;
	const t = q.text;
	for (let i = 0; i < t.length; i++) {
		const c = t[i]!;
		if (c === "'" || c === '"') {
			const end = findClose(t, i, c);
			out += t.slice(i, end + 1);
			i = end;
		} else if (c === '-' && t[i + 1] === '-') {
			const end = t.indexOf('\n', i);
			const stop = end === -1 ? t.length : end;
			out += t.slice(i, stop);
			i = stop - 1;
		} else if (c === '?') {
			if (p >= q.params.length) throw new Error('sql: more placeholders than parameters');
			out += literal(q.params[p++]!);
		} else out += c;
	}
	if (p !== q.params.length) throw new Error('sql: more parameters than placeholders');
	return out;
}

function findClose(t: string, start: number, quote: string): number {
	for (let i = start + 1; i < t.length; i++) {
		if (t[i] === quote) {
			if (t[i + 1] === quote) i++;
			else return i;
		}
	}
	return t.length - 1;
}
