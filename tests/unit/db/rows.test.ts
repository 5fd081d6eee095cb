// Issue 13, item 5: the Arrow → rows conversion wrote dates with toISOString().slice(0, 10), so
// 10000-01-01 (the as-of date after a 9999-12-31 placeholder) became "+010000-01" and DuckDB
// refused it in every analysis. Dates of any year must come out as text DuckDB reads back.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { dayNumberText, dayText, timestampText } from '../../../src/core/day-text';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

describe('dates outside the years 1–9999', () => {
	const cases: [name: string, sqlDate: string, text: string][] = [
		['the day after 9999-12-31', "DATE '9999-12-31' + 1", '10000-01-01'],
		['year 10000', "DATE '10000-06-15'", '10000-06-15'],
		['year 0 (1 BC)', "DATE '0001-01-01' - 1", '0000-12-31'],
		['year 1', "DATE '0001-01-01'", '0001-01-01'],
		['a negative year (45 BC)', "CAST('-0044-03-15' AS DATE)", '-0044-03-15'],
		['the day before year 0', "DATE '0000-01-01' - 1", '-0001-12-31'],
		['year 999', "DATE '0999-02-28'", '0999-02-28'],
		['a leap day of year 0', "DATE '0000-02-29'", '0000-02-29'],
		['a far year', "DATE '275000-12-31'", '275000-12-31'],
		['DuckDB infinity', "'infinity'::DATE", 'infinity'],
		['DuckDB -infinity', "'-infinity'::DATE", '-infinity']
	];
	it.each(cases)('%s: %s → %s', async (_name, sqlDate, text) => {
		const [row] = await db.query<{ d: string; duck: string }>(
			`SELECT ${sqlDate} AS d, CAST(${sqlDate} AS VARCHAR) AS duck`
		);
		expect(row!.d).toBe(text);
		expect(row!.d).not.toMatch(/^\+/);
		// DuckDB reads the text back as the same day (its own VARCHAR writes BC years as "(BC)").
		const [back] = await db.query<{ same: boolean }>(
			`SELECT CAST('${text}' AS DATE) = ${sqlDate} AS same`
		);
		expect(back!.same).toBe(true);
	});

	it('timestamps of years 0, 10000 and before 0 keep their date and time', async () => {
		const [row] = await db.query<Record<string, string>>(
			`SELECT TIMESTAMP '9999-12-31 10:00:00' + INTERVAL 1 DAY AS a,
				TIMESTAMP '0001-01-01 08:30:15' - INTERVAL 1 DAY AS b,
				CAST('-0044-03-15 12:00:00' AS TIMESTAMP) AS c,
				TIMESTAMP '2024-01-05 23:59:59.999' AS d`
		);
		expect(row).toEqual({
			a: '10000-01-01 10:00:00',
			b: '0000-12-31 08:30:15',
			c: '-0044-03-15 12:00:00',
			d: '2024-01-05 23:59:59'
		});
	});

	it('agrees with toISOString wherever that has four-digit years', () => {
		const min = new Date('0000-01-01T00:00:00Z').getTime();
		const max = new Date('9999-12-31T23:59:59Z').getTime();
		let seed = 7;
		for (let i = 0; i < 5000; i++) {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			const ms = Math.floor(min + (seed / 2147483648) * (max - min));
			const iso = new Date(ms).toISOString();
			expect(dayText(ms)).toBe(iso.slice(0, 10));
			expect(timestampText(ms)).toBe(iso.slice(0, 19).replace('T', ' '));
		}
		expect(dayNumberText(-1)).toBe('1969-12-31');
		expect(dayNumberText(0)).toBe('1970-01-01');
	});
});
