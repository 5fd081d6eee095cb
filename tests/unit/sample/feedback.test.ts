// The sample's feedback files (issue 21): deterministic, correlated with the order history
// (churned customers score lower and complain about delivery) without changing orders.csv, the
// GBK file decodes with its Chinese comments; and customers.csv's membership columns.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface FeedbackStats {
	churnedMean: number;
	activeMean: number;
	churnedResponses: number;
	activeResponses: number;
}
interface Generated {
	files: Record<string, Uint8Array>;
	feedback: { text: string; rows: number; stats: FeedbackStats };
	zhFeedback: { text: string; rows: number; stats: FeedbackStats };
}
interface Generator {
	SAMPLE_DIR: string;
	FEEDBACK_HEADER: string;
	ZH_FEEDBACK_HEADER: string;
	CUSTOMERS_HEADER: string;
	generateSample(opts?: { seed?: number; customers?: number }): Generated;
}

const SCRIPT = fileURLToPath(new URL('../../../scripts/generate-sample.mjs', import.meta.url));
const gen = (await import(/* @vite-ignore */ pathToFileURL(SCRIPT).href)) as Generator;

/** Splits one CSV line, honouring double quotes. */
function fields(line: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				cur += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cur += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			out.push(cur);
			cur = '';
		} else cur += ch;
	}
	out.push(cur);
	return out;
}

const sample = (name: string) => readFileSync(join(gen.SAMPLE_DIR, name));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Last order day (YYYY-MM-DD) of each customer of orders.csv. */
function lastOrders(): Map<string, string> {
	const last = new Map<string, string>();
	for (const line of sample('orders.csv').toString('utf8').split('\n').slice(1, -1)) {
		const [, stamp, id] = fields(line);
		if (!id || !/^\d{4}-\d{2}-\d{2}/.test(stamp!)) continue;
		const day = stamp!.slice(0, 10);
		if (!(last.get(id)! >= day)) last.set(id, day);
	}
	return last;
}

describe('sample feedback.csv', () => {
	const rows = sample('feedback.csv').toString('utf8').split('\n');
	const data = rows.slice(1, -1).map(fields);

	it('is the same bytes for the same seed, other bytes for another seed', () => {
		const a = gen.generateSample({ seed: 7, customers: 400 });
		const b = gen.generateSample({ seed: 7, customers: 400 });
		const c = gen.generateSample({ seed: 8, customers: 400 });
		expect(Buffer.compare(a.files['feedback.csv']!, b.files['feedback.csv']!)).toBe(0);
		expect(Buffer.compare(a.files['feedback-zh-gbk.csv']!, b.files['feedback-zh-gbk.csv']!)).toBe(
			0
		);
		expect(a.feedback.text).not.toBe(c.feedback.text);
	});

	it('has a few thousand well-formed responses: id or anonymous, ISO date, 0–10 or blank', () => {
		expect(rows[0]).toBe(gen.FEEDBACK_HEADER);
		expect(rows.at(-1)).toBe('');
		expect(data.length).toBeGreaterThan(2000);
		expect(data.length).toBeLessThan(5000);
		const last = lastOrders();
		const malformed = data.filter(
			([id, date, score, comment]) =>
				!(
					(id === '' || last.has(id!)) &&
					/^20(22|23|24)-\d{2}-\d{2}$/.test(date!) &&
					/^(\d|10)?$/.test(score!) &&
					(score !== '' || comment !== '')
				)
		);
		expect(malformed).toEqual([]);
		const anonymous = data.filter((f) => f[0] === '').length;
		expect(anonymous).toBeGreaterThan(50);
		expect(data.filter((f) => f[2] === '').length).toBeGreaterThan(10);
		expect(data.filter((f) => f[3] !== '').length).toBeGreaterThan(data.length / 3);
		// A complaint with two themes, and comments quoted because they hold a comma.
		expect(rows.some((r) => /^C\d+,[^,]+,\d*,"[^"]*,[^"]*"$/.test(r))).toBe(true);
	});

	it('churned customers (no order in the last 180 days) score lower and name delivery more', () => {
		const last = lastOrders();
		const churned: number[] = [];
		const active: number[] = [];
		const delivery = { churned: 0, active: 0 };
		for (const [id, , score, comment] of data) {
			if (!id || score === '') continue;
			const gone = Date.parse(last.get(id)!) < Date.parse('2024-12-31') - 180 * 86_400_000;
			(gone ? churned : active).push(Number(score));
			if (/delivery/i.test(comment!) && Number(score) <= 6) delivery[gone ? 'churned' : 'active']++;
		}
		expect(churned.length).toBeGreaterThan(500);
		expect(active.length).toBeGreaterThan(500);
		expect(mean(churned)).toBeLessThan(mean(active) - 1);
		expect(delivery.churned / churned.length).toBeGreaterThan(
			(2 * delivery.active) / active.length
		);
	});
});

describe('sample feedback-zh-gbk.csv', () => {
	it('is GBK with Chinese headers and comments, CRLF, 1–5 ratings, ids of orders-zh-gbk.csv', () => {
		const bytes = sample('feedback-zh-gbk.csv');
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
		const rows = text.split('\r\n');
		expect(rows[0]).toBe(gen.ZH_FEEDBACK_HEADER);
		expect(rows.at(-1)).toBe('');
		const ids = new Set(
			new TextDecoder('gbk')
				.decode(sample('orders-zh-gbk.csv'))
				.split('\r\n')
				.slice(1, -1)
				.map((r) => r.split(',')[2])
		);
		const data = rows.slice(1, -1).map(fields);
		expect(data.length).toBeGreaterThan(100);
		const malformed = data.filter(
			([id, time, score, comment]) =>
				!(
					(id === '' || ids.has(id)) &&
					/^2024\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/.test(time!) &&
					/^[1-5]?$/.test(score!) &&
					(score !== '' || comment !== '')
				)
		);
		expect(malformed).toEqual([]);
		expect(data.filter((f) => /物流/.test(f[3]!)).length).toBeGreaterThan(3);
		expect(data.some((f) => /[，。！]/.test(f[3]!))).toBe(true);
	});
});

describe('sample customers.csv membership columns', () => {
	it('end each row with a tier (Member/Silver/Gold) and points that rise with spend', () => {
		const rows = sample('customers.csv').toString('utf8').split('\n');
		expect(rows[0]).toBe(gen.CUSTOMERS_HEADER);
		expect(rows[0]!.endsWith(',membership_tier,points_balance')).toBe(true);
		const points: Record<string, number[]> = { Member: [], Silver: [], Gold: [] };
		for (const row of rows.slice(1, -1)) {
			const f = row.split(',');
			expect(f).toHaveLength(7);
			expect(f[6]).toMatch(/^\d+$/);
			points[f[5]!]!.push(Number(f[6]));
		}
		expect(points.Gold!.length).toBeGreaterThan(100);
		expect(points.Silver!.length).toBeGreaterThan(points.Gold!.length);
		expect(mean(points.Gold!)).toBeGreaterThan(mean(points.Silver!));
		expect(mean(points.Silver!)).toBeGreaterThan(mean(points.Member!));
	});
});
