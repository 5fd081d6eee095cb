/**
 * Just enough XML for the parts of an .xlsx (pure, no DOM): attributes, entities, element text,
 * and cutting a stream of text after the last complete element so it can be read in pieces.
 * Tags may carry a namespace prefix (`<x:row>`, written by the .NET Open XML SDK).
 */

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content with XML entities and OOXML's `_xHHHH_` escapes (e.g. `_x000D_`) decoded. */
export function xmlText(s: string): string {
	const decoded = s.includes('&')
		? s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
				if (e[0] !== '#') return ENTITIES[e] ?? m;
				const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
				return code <= 0x10ffff ? String.fromCodePoint(code) : m;
			})
		: s;
	return decoded.includes('_x')
		? decoded.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) =>
				String.fromCharCode(parseInt(h, 16))
			)
		: decoded;
}

/** The attributes of a start tag's inside (`r="A1" t="s"`), names without prefix, values decoded. */
export function attributes(tag: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const m of tag.matchAll(/(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
		out[m[1]!] = xmlText(m[2] ?? m[3] ?? '');
	}
	return out;
}

/** Concatenated text of the `<t>` elements in `xml`, leaving out phonetic guides (`<rPh>`). */
export function runText(xml: string): string {
	const body = xml.includes('rPh')
		? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '')
		: xml;
	let text = '';
	for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) {
		text += m[1]!;
	}
	return xmlText(text);
}

/**
 * The index just after the last closing tag `</local>` (any prefix) in `text`, or -1: what can be
 * read now; the rest waits for the next piece of the stream.
 */
export function afterLastClose(text: string, local: string): number {
	const end = `${local}>`;
	for (let at = text.lastIndexOf(end); at >= 0; at = text.lastIndexOf(end, at - 1)) {
		const lt = text.lastIndexOf('<', at);
		if (lt >= 0 && /^<\/(?:[\w.-]+:)?$/.test(text.slice(lt, at))) return at + end.length;
	}
	return -1;
}

/**
 * Elements `<local …>…</local>` or `<local …/>` of a complete piece of XML, as their attribute
 * text and inner XML ('' when empty).
 */
export function* elements(xml: string, local: string): Generator<[attrs: string, inner: string]> {
	const re = new RegExp(
		`<(?:[\\w.-]+:)?${local}(\\s[^>]*?)?(?:\\/>|>([\\s\\S]*?)<\\/(?:[\\w.-]+:)?${local}>)`,
		'g'
	);
	for (const m of xml.matchAll(re)) yield [m[1] ?? '', m[2] ?? ''];
}
