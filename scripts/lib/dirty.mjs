// The few deliberately dirty rows of the sample order log (only with `dirty: true`). Each is a
// single-line order of its own, so it never breaks a real order or a cancellation's reference.
// Their line numbers are computed while writing and printed into sample-data/README.md.

import { Rng } from './rng.mjs';
import { PRODUCTS, REGIONS, shelfPrice } from './catalog.mjs';

/** [date, kind, note]; guests buy online without an account. */
const SPECS = [
	['2022-05-17', 'empty-customer', 'guest checkout: empty customer_id'],
	['2022-10-04', 'bad-quantity', "unparseable quantity 'two'"],
	['2023-02-28', 'bad-date', "impossible date '2023-02-30'"],
	['2023-07-08', 'empty-customer', 'guest checkout: empty customer_id'],
	['2023-11-24', 'empty-customer', 'guest checkout: empty customer_id'],
	['2024-02-14', 'ragged', "an extra 10th field 'gift wrap'"],
	['2024-06-11', 'bad-date', "order_date 'not a date'"],
	['2024-08-30', 'empty-customer', 'guest checkout: empty customer_id'],
	[
		'2024-12-06',
		'quoted-comma',
		'product "Gift Box, Large" quoted because it holds a comma (valid CSV)'
	]
];

export function dirtyEvents(seed, cal) {
	const rng = new Rng(seed, 'dirty');
	return SPECS.map(([date, kind, note]) => {
		const day = cal.dayStr.indexOf(date);
		const year = cal.year[day];
		const p = rng.int(PRODUCTS.length);
		const [name, category, list] = PRODUCTS[p];
		const ts = (10 + rng.int(11)) * 3600 + rng.int(3600);
		const line =
			kind === 'quoted-comma'
				? ['"Gift Box, Large",Home,', 1, shelfPrice(24.99, year).toFixed(2)]
				: [`${name},${category},`, 1 + rng.int(2), shelfPrice(list, year).toFixed(2)];
		const guest = kind === 'empty-customer';
		return { t: day + ts / 86400, ts, kind, note, guest, region: rng.int(REGIONS.length), line };
	});
}

/** Breaks a well-formed line (whose product has no comma) the way the event describes. */
export function applyDirty(ev, line, stamp) {
	const f = line.split(',');
	if (ev.kind === 'bad-quantity') f[5] = 'two';
	else if (ev.kind === 'bad-date' && ev.note.includes('not a date')) f[1] = 'not a date';
	else if (ev.kind === 'bad-date') f[1] = stamp.replace(/-28 /, '-30 ');
	else if (ev.kind === 'ragged') f.push('gift wrap');
	else return line;
	return f.join(',');
}
