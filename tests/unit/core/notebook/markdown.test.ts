import { describe, expect, it } from 'vitest';
import {
	parseInline,
	parseMarkdown,
	safeHref,
	type Block,
	type Inline
} from '../../../../src/core/notebook/markdown';

/** Every link href in the tokens. */
function hrefs(blocks: Block[]): string[] {
	const out: string[] = [];
	const inl = (list: Inline[]) => {
		for (const t of list) {
			if (t.t === 'link') out.push(t.href);
			if (t.t === 'em' || t.t === 'strong' || t.t === 'link') inl(t.c);
		}
	};
	const walk = (list: Block[]) => {
		for (const b of list) {
			if (b.t === 'heading' || b.t === 'paragraph') inl(b.c);
			else if (b.t === 'list') b.items.forEach(inl);
			else if (b.t === 'quote') walk(b.c);
		}
	};
	walk(blocks);
	return out;
}

/** The text a reader sees (all text nodes joined). */
function textOf(list: Inline[]): string {
	return list.map((t) => (t.t === 'text' || t.t === 'code' ? t.v : textOf(t.c))).join('');
}

describe('markdown blocks', () => {
	it('reads headings, paragraphs, lists, code, quotes and rules', () => {
		const md = [
			'# Title',
			'Some *em* and **strong** and `code`.',
			'',
			'- one',
			'- two',
			'',
			'3. three',
			'4. four',
			'',
			'```sql',
			'SELECT 1 < 2',
			'```',
			'> quoted **x**',
			'',
			'---'
		].join('\n');
		expect(parseMarkdown(md)).toEqual([
			{ t: 'heading', level: 1, c: [{ t: 'text', v: 'Title' }] },
			{
				t: 'paragraph',
				c: [
					{ t: 'text', v: 'Some ' },
					{ t: 'em', c: [{ t: 'text', v: 'em' }] },
					{ t: 'text', v: ' and ' },
					{ t: 'strong', c: [{ t: 'text', v: 'strong' }] },
					{ t: 'text', v: ' and ' },
					{ t: 'code', v: 'code' },
					{ t: 'text', v: '.' }
				]
			},
			{
				t: 'list',
				ordered: false,
				start: 1,
				items: [[{ t: 'text', v: 'one' }], [{ t: 'text', v: 'two' }]]
			},
			{
				t: 'list',
				ordered: true,
				start: 3,
				items: [[{ t: 'text', v: 'three' }], [{ t: 'text', v: 'four' }]]
			},
			{ t: 'code', v: 'SELECT 1 < 2' },
			{
				t: 'quote',
				c: [
					{
						t: 'paragraph',
						c: [
							{ t: 'text', v: 'quoted ' },
							{ t: 'strong', c: [{ t: 'text', v: 'x' }] }
						]
					}
				]
			},
			{ t: 'rule' }
		]);
	});

	it('keeps snake_case names and lone stars as text', () => {
		expect(parseInline('rfm_segments and cell_1 * 2')).toEqual([
			{ t: 'text', v: 'rfm_segments and cell_1 * 2' }
		]);
	});

	it('makes http, https and mailto links', () => {
		const blocks = parseMarkdown(
			'[a](https://example.com/x?q=1) [b](http://example.com) [c](mailto:me@example.com)'
		);
		expect(hrefs(blocks)).toEqual([
			'https://example.com/x?q=1',
			'http://example.com/',
			'mailto:me@example.com'
		]);
	});
});

describe('markdown with hostile input', () => {
	it.each([
		['javascript:', '[x](javascript:alert(1))'],
		['upper-case JavaScript:', '[x](JaVaScRiPt:alert(1))'],
		['a tab inside the scheme', '[x](java\tscript:alert(1))'],
		['an entity-encoded scheme', '[x](&#106;avascript:alert(1))'],
		['data:', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
		['vbscript:', '[x](vbscript:msgbox)'],
		['a relative URL', '[x](/clientele/?evil)'],
		['protocol-relative', '[x](//evil.example/x)'],
		['file:', '[x](file:///etc/passwd)'],
		['leading spaces and a control character', '[x](  \u0001javascript:alert(1))'],
		['an image', '![x](https://tracker.example/p.gif)'],
		['nested in emphasis', '**[x](javascript:alert(1))**']
	])('%s is never a link', (_name, md) => {
		const blocks = parseMarkdown(md);
		expect(hrefs(blocks)).toEqual([]);
		// The source stays visible as text.
		const b = blocks[0]!;
		expect(b.t).toBe('paragraph');
		if (b.t === 'paragraph') expect(textOf(b.c)).toContain('x');
	});

	it('shows raw HTML as literal text', () => {
		const md = '<img src=x onerror=alert(1)>\n\n<script>alert(1)</script>';
		expect(parseMarkdown(md)).toEqual([
			{ t: 'paragraph', c: [{ t: 'text', v: '<img src=x onerror=alert(1)>' }] },
			{ t: 'paragraph', c: [{ t: 'text', v: '<script>alert(1)</script>' }] }
		]);
	});

	it('keeps HTML inside link labels and code as text', () => {
		const [p] = parseMarkdown('[<b>hi</b>](https://example.com) `<i>x</i>`');
		expect(p).toEqual({
			t: 'paragraph',
			c: [
				{ t: 'link', href: 'https://example.com/', c: [{ t: 'text', v: '<b>hi</b>' }] },
				{ t: 'text', v: ' ' },
				{ t: 'code', v: '<i>x</i>' }
			]
		});
	});

	it('bounds deep nesting and long input', () => {
		const deep = '>'.repeat(5000) + ' x';
		expect(() => parseMarkdown(deep)).not.toThrow();
		const stars = '*'.repeat(50_000) + 'x' + '*'.repeat(50_000);
		const t0 = performance.now();
		expect(() => parseMarkdown(stars)).not.toThrow();
		const brackets = '['.repeat(99_000) + '](' + ')'.repeat(100);
		expect(() => parseMarkdown(brackets)).not.toThrow();
		expect(() => parseMarkdown('`'.repeat(99_999) + 'x')).not.toThrow();
		expect(() => parseMarkdown('_a '.repeat(33_000))).not.toThrow();
		expect(performance.now() - t0).toBeLessThan(5000);
	});

	it('safeHref accepts only absolute http, https and mailto URLs', () => {
		expect(safeHref('https://a.example')).toBe('https://a.example/');
		expect(safeHref('javascript:alert(1)')).toBeNull();
		expect(safeHref('data:,x')).toBeNull();
		expect(safeHref('https://a.example/ x')).toBeNull();
		expect(safeHref('')).toBeNull();
	});
});
