// Issue 13 item 10: text reaching an exported SVG must be well-formed XML 1.0. The browser test
// (tests/e2e/export.spec.ts) parses a real chart's SVG; here the character rules themselves.
import { describe, expect, it } from 'vitest';
import { xmlSafe } from '../../../src/export/xml';

/** XML 1.0 Char production: what a strict parser accepts (over code points, not UTF-16 units). */
function onlyXmlChars(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit >= 0xd800 && unit <= 0xdbff) {
			const low = text.charCodeAt(i + 1);
			if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
			i++;
			continue;
		}
		if (unit >= 0xdc00 && unit <= 0xdfff) return false;
		const ok =
			unit === 0x9 ||
			unit === 0xa ||
			unit === 0xd ||
			(unit >= 0x20 && unit <= 0xd7ff) ||
			(unit >= 0xe000 && unit <= 0xfffd);
		if (!ok) return false;
	}
	return true;
}

describe('xmlSafe', () => {
	it.each([
		['vertical tab', 'tea\vcup', 'teacup'],
		['escape (ANSI colour)', '\u001b[31mred', '[31mred'],
		['start of heading', '\u0001start', 'start'],
		['U+FFFE', 'mug\uFFFEbig', 'mugbig'],
		['U+FFFF', 'a\uFFFFb', 'ab'],
		['NUL and form feed', 'a\u0000b\fc', 'abc'],
		['lone high surrogate', 'x\uD83Dy', 'xy'],
		['lone low surrogate', 'x\uDE00y', 'xy'],
		['high surrogate at the end', 'x\uD83D', 'x']
	])('removes %s from a category label', (_name, value, expected) => {
		expect(onlyXmlChars(value)).toBe(false);
		expect(xmlSafe(value)).toBe(expected);
	});

	it.each([
		['tab, LF, CR', 'a\tb\nc\rd'],
		['emoji (a surrogate pair)', '🛒🎉 emoji'],
		['rare CJK outside the BMP', '𠮷野家'],
		['U+FFFD and private use', '\uFFFD\uE000'],
		['escaped markup', '&lt;script&gt;alert(2)&lt;/script&gt;']
	])('keeps %s', (_name, value) => {
		expect(onlyXmlChars(value)).toBe(true);
		expect(xmlSafe(value)).toBe(value);
	});

	it('leaves a serialised SVG with only XML characters and its markup intact', () => {
		const label = 'tea\vcup \u001b[31mred \u0001 mug\uFFFEbig \uD800';
		const svg =
			`<svg xmlns="http://www.w3.org/2000/svg"><g aria-label="${label}">` +
			`<title>${label}</title><text>${label}</text></g></svg>`;
		expect(onlyXmlChars(svg)).toBe(false);
		const safe = xmlSafe(svg);
		expect(onlyXmlChars(safe)).toBe(true);
		const clean = 'teacup [31mred  mugbig ';
		expect(safe).toBe(
			`<svg xmlns="http://www.w3.org/2000/svg"><g aria-label="${clean}">` +
				`<title>${clean}</title><text>${clean}</text></g></svg>`
		);
	});
});
