/**
 * The small parts of an .xlsx that say how to read its sheets (pure): the workbook (sheet names
 * in order, the 1904 date system), its relationships (which part holds which sheet), the styles
 * (which cells show dates) and the shared strings (text cells' values, read in pieces).
 */
import type { DateKind } from './values';
import { afterLastClose, attributes, elements, runText } from './xml';

export interface SheetRef {
	name: string;
	/** Part path inside the archive, e.g. `xl/worksheets/sheet1.xml`. */
	path: string;
}

/** The sheets in workbook order, with their part paths resolved from the relationships. */
export function parseWorkbook(
	workbookXml: string,
	relsXml: string,
	workbookPath = 'xl/workbook.xml'
): { sheets: SheetRef[]; date1904: boolean } {
	const targets = new Map<string, string>();
	for (const [a] of elements(relsXml, 'Relationship')) {
		const { Id, Target } = attributes(a);
		if (Id && Target) targets.set(Id, Target);
	}
	const dir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
	const sheets: SheetRef[] = [];
	for (const [a] of elements(workbookXml, 'sheet')) {
		const attrs = attributes(a);
		const target = attrs.id ? targets.get(attrs.id) : undefined;
		if (attrs.name === undefined || !target) continue;
		sheets.push({ name: attrs.name, path: resolvePart(dir, target) });
	}
	const [pr] = [...elements(workbookXml, 'workbookPr')];
	const flag = pr ? attributes(pr[0]).date1904 : undefined;
	return { sheets, date1904: flag === '1' || flag === 'true' };
}

/** A relationship target (`worksheets/sheet1.xml`, `/xl/worksheets/sheet1.xml`) as a part path. */
function resolvePart(dir: string, target: string): string {
	const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
	const out: string[] = [];
	for (const p of parts) {
		if (p === '..') out.pop();
		else if (p !== '.' && p !== '') out.push(p);
	}
	return out.join('/');
}

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30 and the CJK locales). */
const BUILTIN: Record<number, DateKind> = {};
for (const id of [14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]) {
	BUILTIN[id] = 'date';
}
for (const id of [18, 19, 20, 21, 32, 33, 45, 46, 47, 55, 56]) BUILTIN[id] = 'time';
BUILTIN[22] = 'datetime';

/**
 * What a format code shows: a date (y, d, or m without h/s), a time (h, s, AM/PM, [h]), both, or
 * null for numbers and text. Quoted text, escapes, colours and locales are ignored; digit
 * placeholders (0 # ?) make it a number format, except in fractions of seconds (`ss.000`).
 */
export function formatKind(code: string): DateKind | null {
	let s = code
		.replace(/"[^"]*"/g, '')
		.replace(/\\./g, '')
		.replace(/[_*]./g, '');
	const elapsed = /\[(h+|m+|s+)\]/i.test(s);
	s = s
		.replace(/\[[^\]]*\]/g, '')
		.split(';')[0]!
		.replace(/general/gi, '');
	if (/[0#?]/.test(s.replace(/s+\.0+/gi, 's'))) return null;
	const time = elapsed || /[hs]/i.test(s) || /AM\/PM|A\/P/i.test(s);
	const date = /[yde]/i.test(s.replace(/AM\/PM|A\/P/gi, '')) || (!time && /m/i.test(s));
	if (date && time) return 'datetime';
	return date ? 'date' : time ? 'time' : null;
}

/** For each cell style (`s` attribute = index into cellXfs), how its number format shows dates. */
export function parseDateStyles(stylesXml: string): (DateKind | null)[] {
	const custom = new Map<number, DateKind | null>();
	for (const [a] of elements(stylesXml, 'numFmt')) {
		const { numFmtId, formatCode } = attributes(a);
		if (numFmtId !== undefined) custom.set(Number(numFmtId), formatKind(formatCode ?? ''));
	}
	const [xfs] = [...elements(stylesXml, 'cellXfs')];
	if (!xfs) return [];
	return [...elements(xfs[1], 'xf')].map(([a]) => {
		const id = Number(attributes(a).numFmtId ?? 0);
		return custom.has(id) ? custom.get(id)! : (BUILTIN[id] ?? null);
	});
}

/** The shared-string table, read from pieces of `sharedStrings.xml` in order. */
export class SharedStrings {
	readonly strings: string[] = [];
	private rest = '';

	push(text: string): void {
		const buf = this.rest + text;
		const cut = afterLastClose(buf, 'si');
		if (cut < 0) {
			this.rest = buf;
			return;
		}
		this.read(buf.slice(0, cut));
		this.rest = buf.slice(cut);
	}

	end(): string[] {
		this.read(this.rest);
		this.rest = '';
		return this.strings;
	}

	private read(xml: string): void {
		for (const [, inner] of elements(xml, 'si')) this.strings.push(runText(inner));
	}
}
