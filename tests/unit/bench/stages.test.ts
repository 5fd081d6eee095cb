// The bench's load stages (issue 22): the page's and native's from the same timing marks.
import { describe, expect, it } from 'vitest';
import { stagesSince } from '../../../scripts/bench/stages.mjs';

const mark = (name: string, startTime: number, duration: number) => ({
	name: `clientele: ${name}`,
	startTime,
	duration
});

describe('stagesSince', () => {
	it('names the load stages without the file, sums repeats and leaves out the rest', () => {
		const entries = [
			mark('orders-1m.csv: read_csv', 5, 900), // before t0: an earlier load
			mark('orders-1m.csv: read_csv', 20, 940),
			mark('a: b.csv: read_csv', 30, 10), // a file name with ': ' in it
			mark('orders-1m.csv: record count (waited)', 40, 3),
			mark('orders-1m.csv: profile', 50, 60),
			mark('table tx', 60, 770),
			mark('table orders', 70, 480),
			mark('load summary', 80, 40),
			mark('sql rfm', 90, 300),
			mark('analysis rfm', 90, 310),
			{ name: 'other', startTime: 95, duration: 1 }
		];
		expect(stagesSince(entries, 10)).toEqual({
			read_csv: 950,
			'record count (waited)': 3,
			profile: 60,
			'table tx': 770,
			'table orders': 480,
			'load summary': 40
		});
	});
});
