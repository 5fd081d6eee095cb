/**
 * A small SQL scanner for the notebook: enough to find which names a cell's SQL mentions, whether
 * it is a query (wrapped in a view) or another statement (run as it is), and where it really
 * ends. It is deliberately conservative: every bare or quoted identifier outside strings and
 * comments counts as a possible reference, except CTE names defined in the same cell and aliases
 * right after AS. A false positive only adds an ordering edge; a miss would leave a stale result.
 */

export type TokenType = 'word' | 'quoted' | 'string' | 'comment' | 'semi' | 'punct';

export interface Token {
	type: TokenType;
	/** For words and quoted identifiers: the name (quotes removed, "" undoubled). */
	value: string;
	start: number;
	end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function scanSql(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i]!;
		const start = i;
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '-' && text[i + 1] === '-') {
			const nl = text.indexOf('\n', i);
			i = nl === -1 ? text.length : nl;
			tokens.push({ type: 'comment', value: '', start, end: i });
		} else if (c === '/' && text[i + 1] === '*') {
			const close = text.indexOf('*/', i + 2);
			i = close === -1 ? text.length : close + 2;
			tokens.push({ type: 'comment', value: '', start, end: i });
		} else if (c === "'" || c === '"') {
			i = closeQuote(text, i, c);
			const inner = text.slice(start + 1, i - 1).replaceAll(c + c, c);
			tokens.push({ type: c === '"' ? 'quoted' : 'string', value: inner, start, end: i });
		} else if (c === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i))) {
			const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))![0];
			const close = text.indexOf(tag, i + tag.length);
			i = close === -1 ? text.length : close + tag.length;
			tokens.push({ type: 'string', value: '', start, end: i });
		} else if (WORD_START.test(c)) {
			while (i < text.length && WORD_PART.test(text[i]!)) i++;
			tokens.push({ type: 'word', value: text.slice(start, i), start, end: i });
		} else {
			i++;
			tokens.push({ type: c === ';' ? 'semi' : 'punct', value: c, start, end: i });
		}
	}
	return tokens;
}

function closeQuote(text: string, open: number, quote: string): number {
	for (let i = open + 1; i < text.length; i++) {
		if (text[i] === quote) {
			if (text[i + 1] === quote) i++;
			else return i + 1;
		}
	}
	return text.length;
}

/** Lower-cased names the SQL may refer to (tables, views, columns…), minus its own CTEs and aliases. */
export function referencedNames(text: string): Set<string> {
	const tokens = scanSql(text).filter((t) => t.type !== 'comment');
	const names = new Set<string>();
	const defined = new Set<string>();
	tokens.forEach((t, k) => {
		if (t.type !== 'word' && t.type !== 'quoted') return;
		const name = t.value.toLowerCase();
		const prev = tokens[k - 1];
		const next = tokens[k + 1];
		// `name AS (` : a CTE definition, which shadows a view of the same name in this statement.
		if (isWord(next, 'as') && tokens[k + 2]?.value === '(') {
			defined.add(name);
			return;
		}
		if (isWord(prev, 'as')) return;
		names.add(name);
	});
	for (const d of defined) names.delete(d);
	return names;
}

function isWord(t: Token | undefined, word: string): boolean {
	return t?.type === 'word' && t.value.toLowerCase() === word;
}

/** query: one statement that can be a view body; statement: anything else, run as it is. */
export type StatementKind = 'empty' | 'query' | 'statement';

const QUERY_START = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot']);

export function statementKind(text: string): StatementKind {
	const tokens = scanSql(text).filter((t) => t.type !== 'comment');
	const real = trimSemis(tokens);
	if (real.length === 0) return 'empty';
	if (real.some((t) => t.type === 'semi')) return 'statement';
	const first = real[0]!;
	if (first.type === 'punct' && first.value === '(') return 'query';
	return first.type === 'word' && QUERY_START.has(first.value.toLowerCase())
		? 'query'
		: 'statement';
}

function trimSemis(tokens: Token[]): Token[] {
	let end = tokens.length;
	while (end > 0 && tokens[end - 1]!.type === 'semi') end--;
	return tokens.slice(0, end);
}

/** The statement without trailing semicolons and comments (so it can be wrapped in a view). */
export function statementBody(text: string): string {
	const real = trimSemis(scanSql(text).filter((t) => t.type !== 'comment'));
	const last = real[real.length - 1];
	return last ? text.slice(0, last.end) : '';
}
