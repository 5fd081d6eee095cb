import { describe, expect, it } from 'vitest';
import { localeTimeTickFormat, tickUnit } from '../../../src/charts/time-ticks';

const utc = (y: number, m: number, d = 1, h = 0) => new Date(Date.UTC(y, m - 1, d, h));
/** Formats every tick as Plot does: (tick, index, all ticks). */
const all = (format: ReturnType<typeof localeTimeTickFormat>, ticks: Date[]) =>
	ticks.map((t, i) => format(t, i, ticks));

describe('tickUnit', () => {
	it('picks the coarsest calendar unit every tick falls on', () => {
		expect(tickUnit([utc(2023, 1), utc(2024, 1)])).toBe('year');
		expect(tickUnit([utc(2023, 11), utc(2024, 1), utc(2024, 3)])).toBe('month');
		expect(tickUnit([utc(2024, 1, 1), utc(2024, 1, 8)])).toBe('day');
		expect(tickUnit([utc(2024, 1, 1, 6), utc(2024, 1, 1, 12)])).toBe('hour');
	});

	it('gives up on day ticks more than six months apart, as Plot does', () => {
		expect(tickUnit([utc(2024, 1, 5), utc(2024, 9, 5)])).toBeNull();
	});
});

describe('localeTimeTickFormat', () => {
	const months = [utc(2023, 10), utc(2023, 11), utc(2023, 12), utc(2024, 1), utc(2024, 2)];

	it('writes month ticks in Chinese for zh-CN: "10月", the year "2023年" under the first and at the change', () => {
		expect(all(localeTimeTickFormat('zh-CN'), months)).toEqual([
			'10月\n2023年',
			'11月',
			'12月',
			'1月\n2024年',
			'2月'
		]);
	});

	it('writes month ticks in English for en-US, as Plot did', () => {
		expect(all(localeTimeTickFormat('en-US'), months)).toEqual([
			'Oct\n2023',
			'Nov',
			'Dec',
			'Jan\n2024',
			'Feb'
		]);
	});

	it('puts the year above the month on a top axis', () => {
		expect(localeTimeTickFormat('zh-CN', { anchor: 'top' })(months[0], 0, months)).toBe(
			'2023年\n10月'
		);
	});

	it('writes year ticks and day ticks in the locale', () => {
		const years = [utc(2022, 1), utc(2023, 1)];
		expect(all(localeTimeTickFormat('zh-CN'), years)).toEqual(['2022年', '2023年']);
		const days = [utc(2024, 1, 29), utc(2024, 2, 5)];
		expect(all(localeTimeTickFormat('zh-CN'), days)).toEqual(['29日\n1月', '5日\n2月']);
	});

	it('reads the dates in UTC, so a month start never shows as the last day of the month before', () => {
		// 2024-03-01T00:00Z is still 29 February west of Greenwich.
		expect(localeTimeTickFormat('en-US')(utc(2024, 3), 0, [utc(2024, 3), utc(2024, 4)])).toBe(
			'Mar\n2024'
		);
	});

	it('leaves what is not a date as text', () => {
		expect(localeTimeTickFormat('zh-CN')('Average', 0)).toBe('Average');
		expect(localeTimeTickFormat('zh-CN')(null, 0)).toBe('');
	});
});
