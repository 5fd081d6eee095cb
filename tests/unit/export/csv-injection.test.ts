// Issue 13 item 9: our ',' CSV opened where the spreadsheet splits on ';' (most of Europe), on
// tab or on '|', with quotes read as Excel reads them or not at all. No field any of those
// readers gets may start a formula, and numbers must stay numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/export/csv';
import { formulaFields, splitAs, type QuoteReading } from './spreadsheet-split';

const XSS_CSV = readFileSync(join(__dirname, '../../fixtures/hostile/xss.csv'), 'utf8');
const FIXTURE_VALUES = (Papa.parse<string[]>(XSS_CSV.trim()).data ?? []).flat();

/** Payloads of issue 13 and their variants: a formula after each separator, line break, quote. */
const HOSTILE = [
	'x;=1+1',
	'x,=1+1',
	'x\t=1+1',
	'x|=1+1',
	'x\n=1+1',
	'x\r\n@SUM(1)',
	'x\r-2+3',
	'a;"=1+1"',
	'a;""=1+1',
	'a; =1+1',
	'a;\t=1+1',
	' =1+1',
	'"=1+1',
	'＝1+1',
	'x;＋cmd',
	'x;＠SUM(1)',
	'x;－1+1',
	'=HYPERLINK("http://evil.example","click")',
	'x;=HYPERLINK("http://evil.example";"click")',
	"x;+cmd|' /C calc'!A0",
	'\t=1+1',
	'\r=1+1',
	';;=1;=2'
];

const LOCALES: [string, string, QuoteReading][] = [
	['comma, quotes read as Excel does', ',', 'excel'],
	['semicolon, quotes read as Excel does', ';', 'excel'],
	['tab, quotes read as Excel does', '\t', 'excel'],
	['pipe, quotes read as Excel does', '|', 'excel'],
	['comma, quotes as text', ',', 'none'],
	['semicolon, quotes as text', ';', 'none'],
	['tab, quotes as text', '\t', 'none'],
	['pipe, quotes as text', '|', 'none']
];

/** Each value as the first cell of a line and after a negative number (read differently). */
function exportOf(values: readonly string[]): string {
	const columns = ['a', 'b', 'c'].map((key) => ({ key, label: key }));
	return toCsv(
		columns,
		values.map((v) => ({ a: v, b: -12.5, c: v }))
	);
}

/** Deterministic strings over the characters that matter (separators, triggers, quotes). */
function fuzzValues(count: number): string[] {
	const alphabet = [
		'=',
		'+',
		'-',
		'@',
		'＝',
		';',
		',',
		'\t',
		'|',
		'"',
		'\r',
		'\n',
		' ',
		'x',
		'1',
		"'"
	];
	// mulberry32: every bit varies (an LCG's low bits, used with %, repeat every few values).
	let seed = 13;
	const next = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (t ^ (t >>> 14)) >>> 0;
	};
	return Array.from({ length: count }, () =>
		Array.from({ length: 1 + (next() % 8) }, () => alphabet[next() % alphabet.length]).join('')
	);
}

describe('CSV export read in other locales (formula injection through separators)', () => {
	it.each(LOCALES)(
		'no field of the hostile values starts a formula when split on %s',
		(_name, sep, quotes) => {
			const fields = formulaFields(splitAs(exportOf([...HOSTILE, ...FIXTURE_VALUES]), sep, quotes));
			expect(fields).toEqual([]);
		}
	);

	it.each(LOCALES)(
		'no field of 3000 generated values starts a formula when split on %s',
		(_name, sep, quotes) => {
			expect(formulaFields(splitAs(exportOf(fuzzValues(3000)), sep, quotes))).toEqual([]);
		}
	);

	it('the splitter finds the formula of `x;=1+1` in a file written the way it was before', () => {
		// The old export: only the first character neutralised, ';' not quoted.
		expect(formulaFields(splitAs('\uFEFFa,b\r\nx,x;=1+1\r\n', ';', 'excel'))).toEqual(['=1+1']);
		expect(formulaFields(splitAs('a,"b\n=1"\r\n', ',', 'none'))).toEqual(['=1"']);
	});

	it.each([
		['x;=1+1', `"x;'=1+1"`],
		['x|=1+1', `"x|'=1+1"`],
		['x\t=1+1', `"x\t'=1+1"`],
		['x\n=1+1', `"x\n'=1+1"`],
		['＝1+1', "'＝1+1"],
		[' =1+1', "' =1+1"],
		['\t=1+1', `"'\t'=1+1"`],
		['a;b', '"a;b"'],
		['a|b', '"a|b"'],
		['a\tb', '"a\tb"']
	])('writes %j as %j (separators quoted, every piece neutralised)', (value, written) => {
		const text = toCsv([{ key: 'v', label: 'v' }], [{ v: value }]);
		expect(text).toBe(`\uFEFFv\r\n${written}\r\n`);
	});

	it('keeps each cell whole for a reader of our own format, with the apostrophes only', () => {
		const values = [...HOSTILE, ...FIXTURE_VALUES, '+11\t\t-', '-1;-2'];
		const records = splitAs(exportOf(values), ',', 'excel').slice(1);
		expect(records.map((r) => r.length)).toEqual(values.map(() => 3));
		// Read whole, a cell starts a formula only if it is a number (not just its first piece).
		const firstCells = records.map((r) => r[0]!);
		expect(firstCells.filter((f) => /^[\s"]*[=+\-@＝＋－＠]/.test(f))).toEqual([]);
		for (const [i, value] of values.entries()) {
			const read = records[i]![0]!;
			expect(read.replaceAll("'", ''), JSON.stringify(value)).toBe(value.replaceAll("'", ''));
		}
	});

	it('leaves numbers as numbers (-12.5, numeric pieces such as the -2 of "1;-2"), marks "-1;-2" as text', () => {
		const rows = [
			{ n: -12.5, s: '-12.5' },
			{ n: -0.5, s: '1;-2' },
			{ n: 3, s: '7|-1e3' },
			{ n: 4, s: '-1;-2' }
		];
		const text = toCsv(
			[
				{ key: 'n', label: 'n' },
				{ key: 's', label: 's' }
			],
			rows
		);
		expect(text).toBe('\uFEFFn,s\r\n-12.5,-12.5\r\n-0.5,"1;-2"\r\n3,"7|-1e3"\r\n4,"\'-1;-2"\r\n');
		expect(splitAs(text, ',', 'excel')[1]).toEqual(['-12.5', '-12.5']);
		// Read on ';' with quotes as text, the piece -2 of "1;-2" has no apostrophe: it is a number.
		expect(splitAs(text, ';', 'none')[2]).toEqual(['-0.5,"1', '-2"']);
	});
});
