/**
 * The points ledger (definitions in ./sql.ts): every member's points replayed in purchase order,
 * first in, first out. One plain function of plain data, structured-clone friendly in and out, so
 * the page runs it in a Web Worker (compute.ts) and Node (tests, the bench) in-thread. Core: no
 * DOM, DuckDB or Svelte.
 *
 * Per member, for each purchase in seq order (day d, points p, expiry day e or −1 for never):
 * 1. lots whose expiry day is ≤ d expire (what is left of them, booked in the expiry day's month);
 * 2. the purchase's points are a new lot (issued, booked in d's month);
 * 3. a redeemer whose balance is ≥ redeemAt redeems floor(balance / redeemAt) × redeemAt points,
 *    taken from the oldest lots first (booked in d's month).
 * At the as-of date, lots whose expiry day is ≤ asOfDay expire; what is left is outstanding.
 * Expiry days never decrease along a member's purchases (d + N months is monotone), so the lots
 * to expire and the lots to redeem from are both at the front of the queue.
 * A member redeems when fnv1a32(customer id) / 2³² < redeemShare: a fixed, documented draw, so the
 * same member redeems under every rule set and in every run.
 */

export interface LedgerInput {
	/** Member ids, in the order of `events`. */
	ids: string[];
	/**
	 * Per member: "seq:day:points:expiry" per purchase, ';'-separated, in any order (seq: the
	 * purchase's number in the member's purchase order, 1..; the replay sorts by it).
	 */
	events: string[];
	/** Points a redemption takes (whole multiples of it are redeemed). */
	redeemAt: number;
	/** Share (0–1) of members who redeem. */
	redeemShare: number;
	/** Days since 1970-01-01 of the as-of date. */
	asOfDay: number;
	/** Return the per-member figures too (the export). */
	perCustomer: boolean;
}

export interface LedgerTotals {
	issued: number;
	redeemed: number;
	expired: number;
	outstanding: number;
	/** Members drawn as redeemers. */
	redeemers: number;
}

export interface LedgerMonth extends Omit<LedgerTotals, 'redeemers' | 'outstanding'> {
	/** year × 12 + month index (0–11). */
	month: number;
}

export interface LedgerOutput {
	totals: LedgerTotals;
	/** Months with any issue, redemption or expiry, in order. */
	months: LedgerMonth[];
	/** Per member, in the order of `ids`; null unless perCustomer. */
	customers: {
		issued: number[];
		redeemed: number[];
		expired: number[];
		outstanding: number[];
	} | null;
	/** Members for whom issued ≠ redeemed + expired + outstanding (0 unless the replay is wrong). */
	violations: number;
}

/** FNV-1a (32-bit) of the UTF-16 code units of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** Whether the member with this id redeems (see the file's comment). */
export function isRedeemer(id: string, share: number): boolean {
	return fnv1a32(id) / 2 ** 32 < share;
}

/** year × 12 + month of a day number (days since 1970-01-01, UTC). */
export function monthOfDay(day: number): number {
	const d = new Date(day * 86_400_000);
	return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Redeemer draws by id (a member's draw is the same under every rule set of a run). */
const draws = new Map<string, number>();
function drawOf(id: string): number {
	let d = draws.get(id);
	if (d === undefined) {
		d = fnv1a32(id) / 2 ** 32;
		if (draws.size > 1_000_000) draws.clear();
		draws.set(id, d);
	}
	return d;
}

/**
 * Members' events, each member's a 'seq:a:b:c' list (';'-separated, in any order: the statement
 * aggregates them unordered, an ordered aggregate costing more than the rest of the run), read
 * into one flat array: member c's [seq, a, b, c] quadruples, in seq order (ties in their order),
 * are `values[at[c]]` up to `values[at[c + 1]]`; each field read with Number, a missing one NaN.
 * The ledger's events are [seq, day, points, expiry]; job.ts reads its purchases [seq, day,
 * revenue, spend_before] so. One array, not one per member, and no split strings: at 10 M lines
 * the loyalty job reads 3.9 M purchases of 870 k members (issue 22).
 */
export function parseEventLists(texts: readonly string[]): {
	values: Float64Array;
	at: Int32Array;
} {
	// The events counted first, so the array is made once at its size.
	let events = 0;
	for (const text of texts) {
		for (let i = 0; i <= text.length;) {
			let end = text.indexOf(';', i);
			if (end < 0) end = text.length;
			if (end > i) events++;
			i = end + 1;
		}
	}
	const values = new Float64Array(events * 4);
	const at = new Int32Array(texts.length + 1);
	let n = 0;
	for (let c = 0; c < texts.length; c++) {
		const text = texts[c]!;
		const start = n;
		let sorted = true;
		for (let i = 0; i <= text.length;) {
			let end = text.indexOf(';', i);
			if (end < 0) end = text.length;
			if (end > i) {
				let a = i;
				for (let f = 0; f < 4; f++) {
					if (a > end) {
						values[n + f] = NaN;
						continue;
					}
					let b = text.indexOf(':', a);
					if (b < 0 || b > end) b = end;
					values[n + f] = Number(text.slice(a, b));
					a = b + 1;
				}
				if (n > start && values[n]! < values[n - 4]!) sorted = false;
				n += 4;
			}
			i = end + 1;
		}
		if (!sorted) sortQuadruples(values, start, n);
		at[c + 1] = n;
	}
	return { values, at };
}

/** Sort the quadruples of values[from..to) by their first number, ties in their order. */
function sortQuadruples(values: Float64Array, from: number, to: number) {
	const quads = Array.from({ length: (to - from) / 4 }, (_, i) =>
		Array.from(values.subarray(from + i * 4, from + i * 4 + 4))
	);
	quads.sort((x, y) => x[0]! - y[0]!);
	quads.forEach((q, i) => values.set(q, from + i * 4));
}

/** Replay every member's points (see the file's comment). */
export function runLedger(input: LedgerInput): LedgerOutput {
	const { values, at } = parseEventLists(input.events);
	return replay(input, (c) => values.subarray(at[c]!, at[c + 1]!));
}

/**
 * The replay over events given per member as flat [seq, day, points, expiry] quadruples in seq
 * order (`eventsOf(c)` for member c): runLedger's, and job.ts's after it made the points. The
 * array is read before the next member's is asked for (job.ts reuses one array).
 */
export function replay(
	input: Omit<LedgerInput, 'events'>,
	eventsOf: (c: number) => ArrayLike<number>
): LedgerOutput {
	const months = new Map<number, LedgerMonth>();
	const monthCache = new Map<number, LedgerMonth>();
	const book = (day: number): LedgerMonth => {
		let m = monthCache.get(day);
		if (m) return m;
		const key = monthOfDay(day);
		m = months.get(key);
		if (!m) {
			m = { month: key, issued: 0, redeemed: 0, expired: 0 };
			months.set(key, m);
		}
		monthCache.set(day, m);
		return m;
	};
	const totals: LedgerTotals = { issued: 0, redeemed: 0, expired: 0, outstanding: 0, redeemers: 0 };
	const n = input.ids.length;
	const per = input.perCustomer
		? {
				issued: new Array<number>(n).fill(0),
				redeemed: new Array<number>(n).fill(0),
				expired: new Array<number>(n).fill(0),
				outstanding: new Array<number>(n).fill(0)
			}
		: null;
	let violations = 0;
	const left: number[] = [];
	const expiry: number[] = [];
	const block = Math.max(1, Math.ceil(input.redeemAt));

	for (let c = 0; c < n; c++) {
		const redeems = drawOf(input.ids[c]!) < input.redeemShare;
		if (redeems) totals.redeemers++;
		left.length = 0;
		expiry.length = 0;
		let head = 0;
		let balance = 0;
		let issued = 0;
		let redeemed = 0;
		let expired = 0;
		const expireUpTo = (day: number) => {
			while (head < left.length && expiry[head]! >= 0 && expiry[head]! <= day) {
				const pts = left[head]!;
				if (pts > 0) {
					expired += pts;
					balance -= pts;
					book(expiry[head]!).expired += pts;
				}
				head++;
			}
		};
		const evs = eventsOf(c);
		for (let j = 0; j < evs.length; j += 4) {
			const day = evs[j + 1]!;
			const points = evs[j + 2]!;
			const exp = evs[j + 3]!;
			expireUpTo(day);
			if (points > 0) {
				left.push(points);
				expiry.push(exp);
				balance += points;
				issued += points;
				book(day).issued += points;
			}
			if (redeems && balance >= block) {
				let take = Math.floor(balance / block) * block;
				redeemed += take;
				balance -= take;
				book(day).redeemed += take;
				while (take > 0) {
					const used = Math.min(left[head]!, take);
					left[head] = left[head]! - used;
					take -= used;
					if (left[head] === 0) head++;
				}
			}
		}
		expireUpTo(input.asOfDay);
		if (issued !== redeemed + expired + balance) violations++;
		totals.issued += issued;
		totals.redeemed += redeemed;
		totals.expired += expired;
		totals.outstanding += balance;
		if (per) {
			per.issued[c] = issued;
			per.redeemed[c] = redeemed;
			per.expired[c] = expired;
			per.outstanding[c] = balance;
		}
	}
	if (totals.issued !== totals.redeemed + totals.expired + totals.outstanding) violations++;
	return {
		totals,
		months: [...months.values()].sort((x, y) => x.month - y.month),
		customers: per,
		violations
	};
}
