// The order log: an event-driven BG/NBD-style simulation in time order. Each customer buys at a
// personal Poisson rate (Gamma-distributed across customers), modulated by the calendar's
// seasonality (thinning), and drops out after any purchase with a personal probability
// (Beta-distributed). Lines are emitted one day at a time, sorted by timestamp, so memory stays
// bounded by the alive customers plus one day of orders, and the output is a stream of chunks.

import { Rng, cumulative } from './rng.mjs';
import { pad2 } from './calendar.mjs';
import { MinHeap } from './heap.mjs';
import {
	PRODUCTS,
	CATEGORIES,
	CATEGORY_SEASON,
	shelfPrice,
	SALE_DISCOUNT,
	MARKETPLACE_MARKUP,
	REGIONS,
	CHANNELS,
	SEGMENTS,
	HOURS,
	STORE,
	APP
} from './catalog.mjs';
import { dirtyEvents, applyDirty } from './dirty.mjs';

export const HEADER =
	'order_id,order_date,customer_id,product,category,quantity,unit_price,region,channel';
const MARKETPLACE = 3;
const FIRST_ORDER_ID = 100001;

/** Price strings per product × year × variant (0 list, 1 sale, 2 marketplace, 3 both). */
function priceTable(years) {
	return PRODUCTS.map(([, , list]) =>
		years.map((y) => {
			const base = shelfPrice(list, y);
			return [1, SALE_DISCOUNT, MARKETPLACE_MARKUP, SALE_DISCOUNT * MARKETPLACE_MARKUP].map((f) =>
				(Math.round(base * f * 100) / 100).toFixed(2)
			);
		})
	);
}

/** Cumulative product weights per segment × month × favourite category. */
function productTables() {
	return SEGMENTS.map((seg) =>
		Array.from({ length: 12 }, (_, m) =>
			CATEGORIES.map((_, fav) =>
				cumulative(
					PRODUCTS.map(([, cat, price, pop]) => {
						const c = CATEGORIES.indexOf(cat);
						const w = pop * CATEGORY_SEASON[c][m] * Math.pow(price, seg.priceElasticity);
						return c === fav ? w * 3 : w;
					})
				)
			)
		)
	);
}

function quantity(rng, category) {
	if (category === 'Coffee' && rng.chance(0.35)) return 2 + rng.int(3);
	const u = rng.next();
	return u < 0.85 ? 1 : u < 0.97 ? 2 : 3 + rng.int(3);
}

/**
 * Yields the CSV text (header first) in chunks of about `chunkSize` characters and fills `stats`.
 * @param {{ seed: number, cal: object, pop: object, dirty: boolean, stats: object, chunkSize?: number }} opts
 */
export function* orderChunks({ seed, cal, pop, dirty, stats, chunkSize = 1 << 16 }) {
	const rng = new Rng(seed, 'orders');
	const years = [...new Set(cal.year)];
	const prices = priceTable(years);
	const productPart = PRODUCTS.map(([name, category]) => `${name},${category},`);
	const products = productTables();
	const hourCum = HOURS.map(cumulative);
	const basketCum = SEGMENTS.map((s) => cumulative(s.basket));
	const channelCum = SEGMENTS.map((s) => cumulative(s.channel));
	const home = Uint8Array.from(pop.home);
	const ordered = new Uint32Array(pop.n); // purchase orders per customer
	const heap = new MinHeap();
	const specials = new Map();
	let specialKey = 0;
	const schedule = (t, event) => {
		specials.set(++specialKey, event);
		heap.push(t, -specialKey);
	};
	if (dirty) for (const ev of dirtyEvents(seed, cal)) schedule(ev.t, ev);
	Object.assign(stats, { lines: 0, orders: 0, cancellations: 0, cancelledLines: 0, dirtyRows: [] });
	const channelLines = [0, 0, 0, 0];
	let nextAcquired = 0;
	let nextId = FIRST_ORDER_ID;
	let seq = 0;
	let out = HEADER + '\n';
	let lineNo = 1;
	let lastCustomer = 0;
	let dayOrders = [];

	const purchase = (i, t, day) => {
		const s = pop.segment[i];
		const seg = SEGMENTS[s];
		if (
			ordered[i] &&
			home[i] !== APP &&
			rng.chance(home[i] === STORE ? seg.appDrift / 2 : seg.appDrift)
		)
			home[i] = APP;
		ordered[i]++;
		let ch = rng.chance(0.8) ? home[i] : rng.pickCumulative(channelCum[s]);
		if (ch === STORE && cal.weekday[day] === 0) ch = 0;
		const ts = rng.pickCumulative(hourCum[ch]) * 3600 + rng.int(3600);
		const size = rng.pickCumulative(basketCum[s]) + 1;
		const table = products[s][cal.month[day]][pop.favourite[i]];
		const variant = (cal.sale[day] ? 1 : 0) + (ch === MARKETPLACE ? 2 : 0);
		const yi = years.indexOf(cal.year[day]);
		const lines = [];
		const chosen = [];
		while (lines.length < size) {
			const p = rng.pickCumulative(table);
			if (chosen.includes(p)) continue;
			chosen.push(p);
			lines.push([productPart[p], quantity(rng, PRODUCTS[p][1]), prices[p][yi][variant]]);
		}
		const order = { ts, seq: seq++, cust: i, ch, lines, cancelOf: null, dirty: null, id: '' };
		dayOrders.push(order);
		if (rng.chance(seg.cancelRate * (ch === MARKETPLACE ? 1.6 : 1))) {
			const tc = t + 1 + rng.exponential(6);
			const cancelled = size === 1 || rng.chance(0.6) ? lines : [lines[rng.int(size)]];
			if (tc < cal.days) schedule(tc, { cancel: order, lines: cancelled });
		}
		if (rng.chance(pop.dropout[i])) return; // BG/NBD: may drop out right after a purchase
		const bound = pop.rate[i] * cal.maxPurchase;
		for (let tn = t; ;) {
			tn += rng.exponential(1 / bound);
			if (tn >= cal.days) return;
			if (rng.next() * cal.maxPurchase < cal.purchase[Math.floor(tn)]) return heap.push(tn, i);
		}
	};

	const special = (ev, t, day) => {
		const cancelOf = ev.cancel ?? null;
		const ts = cancelOf ? (t - day) * 86400 : ev.ts;
		const cust = cancelOf ? cancelOf.cust : -1;
		const ch = cancelOf ? cancelOf.ch : 0;
		const lines = cancelOf ? ev.lines : [ev.line];
		const dirty = cancelOf ? null : ev;
		dayOrders.push({ ts, seq: seq++, cust, ch, lines, cancelOf, dirty, id: '' });
	};

	for (let day = 0; day < cal.days; day++) {
		const end = day + 1;
		for (;;) {
			const ta = nextAcquired < pop.n ? pop.firstTime[nextAcquired] : Infinity;
			const th = heap.size ? heap.topKey() : Infinity;
			if (ta >= end && th >= end) break;
			if (ta <= th) purchase(nextAcquired++, ta, day);
			else {
				const v = heap.popValue();
				if (v >= 0) purchase(v, th, day);
				else {
					special(specials.get(-v), th, day);
					specials.delete(-v);
				}
			}
		}
		dayOrders.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
		const date = cal.dayStr[day];
		for (const o of dayOrders) {
			let id, cust, region, qtySign;
			const ch = CHANNELS[o.ch];
			const ts = Math.floor(o.ts);
			const stamp = `${date} ${pad2[Math.floor(ts / 3600)]}:${pad2[Math.floor(ts / 60) % 60]}:${pad2[ts % 60]}`;
			if (o.cancelOf) {
				id = 'C' + o.cancelOf.id;
				stats.cancellations++;
				stats.cancelledLines += o.lines.length;
				qtySign = '-';
			} else {
				id = o.id = String(nextId++);
				stats.orders++;
				qtySign = '';
			}
			if (o.dirty) {
				cust = o.dirty.guest ? '' : pop.customerId(lastCustomer);
				region = REGIONS[o.dirty.guest ? o.dirty.region : pop.region[lastCustomer]];
			} else {
				cust = pop.customerId(o.cust);
				region = REGIONS[pop.region[o.cust]];
				lastCustomer = o.cust;
			}
			const head = `${id},${stamp},${cust},`;
			const tail = `,${region},${ch}\n`;
			for (const [product, q, price] of o.lines) {
				lineNo++;
				channelLines[o.ch]++;
				if (o.dirty) {
					const clean = `${head}${product}${q},${price},${region},${ch}`;
					const line = applyDirty(o.dirty, clean, stamp);
					stats.dirtyRows.push({
						line: lineNo,
						kind: o.dirty.kind,
						note: o.dirty.note,
						text: line
					});
					out += line + '\n';
				} else out += head + product + qtySign + q + ',' + price + tail;
				if (out.length >= chunkSize) {
					yield out;
					out = '';
				}
			}
		}
		dayOrders = [];
	}
	stats.lines = lineNo - 1;
	let customers = 0;
	let oneTime = 0;
	for (const n of ordered) {
		if (n > 0) customers++;
		if (n === 1) oneTime++;
	}
	Object.assign(stats, { customers, oneTime, channelLines });
	yield out;
}
