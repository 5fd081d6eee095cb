/**
 * A small Markdown reader for text cells: headings, paragraphs, emphasis, strong, inline code,
 * fenced/indented code blocks, bulleted and numbered lists, links, block quotes and rules. It
 * returns tokens, never HTML: the UI builds elements from them, and every piece of the source is
 * a text node. Raw HTML is therefore shown as typed. Only absolute http:, https: and mailto:
 * links become links (anything else, e.g. javascript: or data:, stays text). Images are not
 * supported (they would make requests): `![alt](src)` stays text.
 */

export type Inline =
	| { t: 'text'; v: string }
	| { t: 'code'; v: string }
	| { t: 'em'; c: Inline[] }
	| { t: 'strong'; c: Inline[] }
	| { t: 'link'; href: string; c: Inline[] };

export type Block =
	| { t: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; c: Inline[] }
	| { t: 'paragraph'; c: Inline[] }
	| { t: 'code'; v: string }
	| { t: 'list'; ordered: boolean; start: number; items: Inline[][] }
	| { t: 'quote'; c: Block[] }
	| { t: 'rule' };

/** Deeper block quotes are read as text (bounds the recursion on hostile input). */
const MAX_QUOTE_DEPTH = 8;
/** Deeper emphasis nesting is read as text. */
const MAX_INLINE_DEPTH = 8;
/** Longer link labels and targets are not links (keeps scanning bounded). */
const MAX_LABEL_CHARS = 1000;
const MAX_TARGET_CHARS = 2048;
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const INDENTED = /^(?: {4}|\t)(.*)$/;

/** The blocks of a Markdown text. */
export function parseMarkdown(source: string, depth = 0): Block[] {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const blocks: Block[] = [];
	let i = 0;
	while (i < lines.length) {
		const line = lines[i]!;
		if (line.trim() === '') {
			i++;
			continue;
		}
		const fence = FENCE.exec(line);
		if (fence) {
			const marker = fence[1]!;
			const body: string[] = [];
			i++;
			while (i < lines.length && !lines[i]!.trimStart().startsWith(marker)) body.push(lines[i++]!);
			i++; // the closing fence (or the end)
			blocks.push({ t: 'code', v: body.join('\n') });
			continue;
		}
		const indented = INDENTED.exec(line);
		if (indented) {
			const body: string[] = [];
			while (i < lines.length && (INDENTED.test(lines[i]!) || lines[i]!.trim() === '')) {
				body.push(INDENTED.exec(lines[i]!)?.[1] ?? '');
				i++;
			}
			while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
			blocks.push({ t: 'code', v: body.join('\n') });
			continue;
		}
		const heading = HEADING.exec(line);
		if (heading) {
			const level = heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6;
			blocks.push({ t: 'heading', level, c: parseInline(heading[2] ?? '') });
			i++;
			continue;
		}
		if (RULE.test(line)) {
			blocks.push({ t: 'rule' });
			i++;
			continue;
		}
		if (QUOTE.test(line) && depth < MAX_QUOTE_DEPTH) {
			const body: string[] = [];
			while (i < lines.length && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!);
			blocks.push({ t: 'quote', c: parseMarkdown(body.join('\n'), depth + 1) });
			continue;
		}
		const bullet = BULLET.exec(line);
		const numbered = NUMBERED.exec(line);
		if (bullet || numbered) {
			const ordered = !bullet;
			const pattern = ordered ? NUMBERED : BULLET;
			const items: string[] = [];
			while (i < lines.length && lines[i]!.trim() !== '') {
				const m = pattern.exec(lines[i]!);
				if (m) items.push(ordered ? m[2]! : m[1]!);
				else if (startsBlock(lines[i]!)) break;
				else items[items.length - 1] += '\n' + lines[i]!.trim();
				i++;
			}
			blocks.push({
				t: 'list',
				ordered,
				start: ordered ? Number(numbered![1]) : 1,
				items: items.map((s) => parseInline(s))
			});
			continue;
		}
		const body: string[] = [];
		while (
			i < lines.length &&
			lines[i]!.trim() !== '' &&
			(body.length === 0 || !startsBlock(lines[i]!))
		) {
			body.push(lines[i++]!.trim());
		}
		blocks.push({ t: 'paragraph', c: parseInline(body.join('\n')) });
	}
	return blocks;
}

function startsBlock(line: string): boolean {
	return (
		FENCE.test(line) ||
		HEADING.test(line) ||
		RULE.test(line) ||
		QUOTE.test(line) ||
		BULLET.test(line) ||
		NUMBERED.test(line)
	);
}

/** The href of a link target when it is an absolute http(s)/mailto URL, else null. */
export function safeHref(target: string): string | null {
	const text = target.trim();
	// eslint-disable-next-line no-control-regex -- control characters hide schemes from readers
	if (text === '' || /[\u0000-\u001f\u007f\s]/.test(text)) return null;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return null;
	}
	return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
}

/** Inline tokens of a paragraph, heading or list item. */
export function parseInline(text: string, depth = 0): Inline[] {
	const out: Inline[] = [];
	let plain = '';
	const flush = () => {
		if (plain !== '') out.push({ t: 'text', v: plain });
		plain = '';
	};
	// A delimiter with no closer from here has none further on either: remember, so hostile
	// input (thousands of unmatched `*` or backticks) stays linear.
	const unclosed = new Set<string>();
	let i = 0;
	while (i < text.length) {
		const ch = text[i]!;
		if (ch === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
			plain += text[i + 1];
			i += 2;
			continue;
		}
		if (ch === '`') {
			let n = 1;
			while (text[i + n] === '`') n++;
			const run = '`'.repeat(n);
			const close = unclosed.has(run) ? -1 : text.indexOf(run, i + run.length);
			if (close === -1) unclosed.add(run);
			if (close !== -1) {
				flush();
				out.push({ t: 'code', v: text.slice(i + run.length, close).replace(/\n/g, ' ') });
				i = close + run.length;
				continue;
			}
			plain += run;
			i += run.length;
			continue;
		}
		if (ch === '!' && text[i + 1] === '[') {
			// An image: kept as text, including its target.
			const link = readLink(text, i + 1);
			const end = link ? link.end : i + 2;
			plain += text.slice(i, end);
			i = end;
			continue;
		}
		if (ch === '[') {
			const link = readLink(text, i);
			if (link) {
				const href = safeHref(link.target);
				if (href !== null && depth < MAX_INLINE_DEPTH) {
					flush();
					out.push({ t: 'link', href, c: parseInline(link.label, depth + 1) });
				} else plain += text.slice(i, link.end);
				i = link.end;
				continue;
			}
		}
		if ((ch === '*' || ch === '_') && depth < MAX_INLINE_DEPTH) {
			const strong = text[i + 1] === ch;
			const delim = strong ? ch + ch : ch;
			const close = unclosed.has(delim) ? -1 : findClose(text, i + delim.length, delim);
			if (close === -1 && !/\s/.test(text[i + delim.length] ?? ' ')) unclosed.add(delim);
			const wordInside = ch === '_' && i > 0 && /\w/.test(text[i - 1]!);
			if (close !== -1 && !wordInside) {
				flush();
				const inner = parseInline(text.slice(i + delim.length, close), depth + 1);
				out.push(strong ? { t: 'strong', c: inner } : { t: 'em', c: inner });
				i = close + delim.length;
				continue;
			}
		}
		plain += ch;
		i++;
	}
	flush();
	return out;
}

/** The closing delimiter of an emphasis run: not preceded by a space, not part of a longer run. */
function findClose(text: string, from: number, delim: string): number {
	if (from >= text.length || /\s/.test(text[from]!)) return -1;
	let j = from;
	while ((j = text.indexOf(delim, j)) !== -1) {
		const prevSpace = /\s/.test(text[j - 1] ?? ' ');
		const longer = delim.length === 1 && text[j + 1] === delim;
		const wordAfter = delim === '_' && /\w/.test(text[j + 1] ?? '');
		if (j > from && !prevSpace && !longer && !wordAfter) return j;
		j += longer ? 2 : 1;
	}
	return -1;
}

/** `[label](target)` starting at `start` (a '['): its parts and the index after it. */
function readLink(
	text: string,
	start: number
): { label: string; target: string; end: number } | null {
	let depth = 0;
	let j = start;
	const end = Math.min(text.length, start + MAX_LABEL_CHARS);
	for (; j < end; j++) {
		const c = text[j];
		if (c === '\\') j++;
		else if (c === '[') depth++;
		else if (c === ']' && --depth === 0) break;
	}
	if (j >= end || text[j + 1] !== '(') return null;
	const close = text.indexOf(')', j + 2);
	if (close === -1 || close - j > MAX_TARGET_CHARS) return null;
	let target = text.slice(j + 2, close).trim();
	if (target.startsWith('<') && target.endsWith('>')) target = target.slice(1, -1);
	return { label: text.slice(start + 1, j), target, end: close + 1 };
}
