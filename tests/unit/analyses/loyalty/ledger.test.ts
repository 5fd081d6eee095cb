// The points ledger's input (src/analyses/loyalty/ledger.ts): events arrive in any order (the
// statement aggregates them unordered) and are replayed in the members' purchase order.
import { describe, expect, it } from 'vitest';
import { parseEventLists, runLedger } from '../../../../src/analyses/loyalty/ledger';
import { seededRandom } from '../../../helpers/random-orders';

/**
 * A plain reference reading of one list (the app's reading before issue 22: split on ';' and ':',
 * Number per field, a stable sort by seq), for parseEventLists to be compared with.
 */
function parseEvents(text: string): number[] {
	const out: number[] = [];
	let sorted = true;
	for (const ev of text.split(';')) {
		if (ev === '') continue;
		const parts = ev.split(':');
		const seq = Number(parts[0]);
		if (out.length > 0 && seq < out[out.length - 4]!) sorted = false;
		out.push(seq, Number(parts[1]), Number(parts[2]), Number(parts[3]));
	}
	if (sorted) return out;
	const idx = Array.from({ length: out.length / 4 }, (_, i) => i).sort(
		(a, b) => out[a * 4]! - out[b * 4]!
	);
	return idx.flatMap((i) => out.slice(i * 4, i * 4 + 4));
}

const one = (text: string) => Array.from(parseEventLists([text]).values);

describe('points ledger input', () => {
	it('puts a member’s events in purchase order whatever order they come in', () => {
		expect(one('2:20:5:-1;1:10:7:40;3:30:1:-1')).toEqual([
			1, 10, 7, 40, 2, 20, 5, -1, 3, 30, 1, -1
		]);
		expect(one('')).toEqual([]);
	});

	it('replays shuffled events exactly as ordered ones', () => {
		const r = seededRandom(5);
		const ids: string[] = [];
		const ordered: string[] = [];
		const shuffled: string[] = [];
		for (let c = 0; c < 200; c++) {
			ids.push(`m${c}`);
			const evs: string[] = [];
			let day = 19000 + Math.floor(r() * 100);
			for (let seq = 1; seq <= 1 + Math.floor(r() * 12); seq++) {
				day += Math.floor(r() * 60);
				evs.push(`${seq}:${day}:${Math.floor(r() * 300)}:${r() < 0.2 ? -1 : day + 180}`);
			}
			ordered.push(evs.join(';'));
			shuffled.push([...evs].sort(() => r() - 0.5).join(';'));
		}
		const input = { ids, redeemAt: 100, redeemShare: 0.5, asOfDay: 20000, perCustomer: true };
		const a = runLedger({ ...input, events: ordered });
		const b = runLedger({ ...input, events: shuffled });
		expect(shuffled).not.toEqual(ordered);
		expect(b).toEqual(a);
		expect(a.totals.expired).toBeGreaterThan(0);
		expect(a.totals.redeemed).toBeGreaterThan(0);
	});

	it('reads many lists at once into one flat array, as the plain reading reads each', () => {
		const r = seededRandom(11);
		const number = () => {
			const kinds = [
				() => String(Math.floor(r() * 40_000) - 10_000),
				() => (r() * 1000 - 100).toFixed(2),
				() => '1.5e-7',
				() => '-0',
				() => ''
			];
			return kinds[Math.floor(r() * (r() < 0.9 ? 2 : kinds.length))]!();
		};
		const texts: string[] = ['', ';', '3:1:2:4;', '1:2', '1:2:3:4:5', '2:1:1:1;2:0:0:0;1:9:9:9'];
		for (let c = 0; c < 500; c++) {
			const evs: string[] = [];
			for (let k = 0; k < Math.floor(r() * 9); k++) {
				const seq = 1 + Math.floor(r() * 6); // ties in seq happen
				evs.push([seq, number(), number(), number()].join(':'));
			}
			texts.push(evs.join(';'));
		}
		const { values, at } = parseEventLists(texts);
		expect(at).toHaveLength(texts.length + 1);
		expect(at[texts.length]).toBe(values.length);
		texts.forEach((text, c) => {
			const got = Array.from(values.subarray(at[c]!, at[c + 1]!));
			expect(got, text).toEqual(parseEvents(text));
		});
		expect(parseEventLists([])).toEqual({ values: new Float64Array(0), at: new Int32Array(1) });
	});
});
