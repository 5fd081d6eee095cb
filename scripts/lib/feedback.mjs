// feedback.csv and feedback-zh-gbk.csv: survey responses correlated with the order history
// without changing it. The order logs are generated first; these files read them back (customer
// ids, order days) and draw one latent experience per responding customer, "late delivery",
// more often for customers whose orders stopped early (churned) — a late delivery lowers the
// score and brings delivery complaints. Comments come from templates per theme; each theme's
// templates name its base keyword (delivery/物流, price/价格, quality/质量, service/客服,
// refund/退款, product/商品) and no other theme's, so a keyword dictionary finds them.

import { Rng } from './rng.mjs';
import { encodeGbk } from './gbk.mjs';

export const FEEDBACK_HEADER = 'customer_id,date,score,comment';
export const ZH_FEEDBACK_HEADER = '客户ID,评价时间,评分,评价内容';
export const THEMES = ['delivery', 'price', 'quality', 'service', 'refund', 'product'];

/**
 * Chance of a late-delivery experience: churned (no order in the last churnDays of the data) vs
 * still-active customers.
 */
const LATE = { churned: 0.5, active: 0.1 };

const EN = {
	bad: {
		delivery: [
			'The delivery was a week late.',
			'Delivery took far too long and nobody told me why.',
			'My delivery arrived late and the box was crushed.',
			'Waited 12 days for delivery.'
		],
		price: [
			'The price went up again since my last order.',
			'Too expensive, the price is higher than elsewhere.',
			'Shipping fees make the price hard to justify.'
		],
		quality: [
			'Poor quality, it broke after two weeks.',
			'The quality is not what it used to be.',
			'Quality was disappointing for what I paid.'
		],
		service: [
			'Customer service never answered my emails.',
			'The service on the phone was rude.',
			'Had to call service three times.'
		],
		refund: [
			'Still waiting for my refund.',
			'The refund took over a month.',
			'Asked for a refund, got a voucher instead.'
		],
		product: [
			'The product looked different from the pictures.',
			'Wrong product in the box.',
			'The product was missing a part.'
		]
	},
	good: {
		delivery: ['Fast delivery, well packed.', 'Delivery was quicker than promised.'],
		price: ['Great price for what you get.', 'Fair price, will order again.'],
		quality: ['Excellent quality.', 'The quality is really good.'],
		service: ['Friendly service, they solved my issue quickly.', 'Helpful service in the store.'],
		refund: ['The refund was quick and easy.'],
		product: ['Love this product!', 'The product works exactly as described.']
	},
	neutral: ['OK.', 'Fine overall.', 'Nothing special.', 'As expected.', 'Good.', 'Thanks!'],
	unhappy: ['Not what I expected.', 'Meh.', 'I will think twice before ordering again.']
};

const ZH = {
	bad: {
		delivery: ['物流太慢了，等了一个多星期。', '物流信息一直不更新。', '物流慢，包装还破了。'],
		price: ['价格比别家贵。', '价格又涨了。', '这个价格不值。'],
		quality: ['质量很差，用了两周就坏了。', '质量一般，和以前没法比。'],
		service: ['客服态度差，问了也不回。', '联系客服三次都没解决。'],
		refund: ['退款到现在还没到账。', '申请退款拖了一个月。'],
		product: ['商品和图片不一样。', '收到的商品少了配件。', '发错商品了。']
	},
	good: {
		delivery: ['物流很快，第二天就到了。', '物流给力，包装完好。'],
		price: ['价格实惠，会回购。', '这个价格很划算。'],
		quality: ['质量很好。', '质量不错，做工精细。'],
		service: ['客服很耐心，问题很快解决了。', '客服回复及时。'],
		refund: ['退款很快，很放心。'],
		product: ['商品很喜欢！', '商品和描述一致。']
	},
	neutral: ['还行。', '一般般。', '挺好的。', '满意。', '好评！'],
	unhappy: ['不太满意。', '和预期差距有点大。']
};

const DAY_MS = 86_400_000;
const dayNumber = (iso) => Date.parse(iso.slice(0, 10) + 'T00:00:00Z') / DAY_MS;
const isoDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A CSV cell: quoted when it holds a comma, quote or line break. */
function cell(text) {
	return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** The order days of each customer of an order log (dirty rows without a valid date skipped). */
function orderDays(rows, idAt, dateAt, parseDay) {
	const days = new Map();
	for (const f of rows) {
		const id = f[idAt];
		const day = parseDay(f[dateAt] ?? '');
		if (!id || !Number.isFinite(day)) continue;
		const list = days.get(id);
		if (list) {
			if (list.at(-1) !== day) list.push(day);
		} else days.set(id, [day]);
	}
	return days;
}

const pick = (rng, list) => list[rng.int(list.length)];
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

/**
 * A comment for a response, or '' (none). `late`: the response is about a late delivery.
 * `share` is the position on the scale (0 worst … 1 best). Returns { text, themes }.
 */
function comment(rng, words, late, share, joiner) {
	const p = share <= 0.6 ? 0.85 : share < 0.85 ? 0.45 : 0.55;
	if (!rng.chance(p)) return { text: '', themes: [] };
	const others = THEMES.filter((t) => t !== 'delivery');
	if (late) {
		const themes = rng.chance(0.8) ? ['delivery'] : [];
		if (themes.length === 0 || rng.chance(0.25)) themes.push(pick(rng, others));
		return { text: themes.map((t) => pick(rng, words.bad[t])).join(joiner), themes };
	}
	if (share <= 0.6) {
		if (rng.chance(0.12)) return { text: pick(rng, words.unhappy), themes: [] };
		const first = pick(rng, others);
		const themes = [first];
		if (rng.chance(0.2))
			themes.push(
				pick(
					rng,
					THEMES.filter((t) => t !== first)
				)
			);
		return { text: themes.map((t) => pick(rng, words.bad[t])).join(joiner), themes };
	}
	if (share < 0.85 || rng.chance(0.4)) return { text: pick(rng, words.neutral), themes: [] };
	const theme = pick(rng, THEMES);
	return { text: pick(rng, words.good[theme]), themes: [theme] };
}

/**
 * Responses for the customers in `days` (id → ascending order days): who answers, when (a few
 * days after one of their orders; a churned customer's first answer after the last order), the
 * latent experience, the score on `scale` and a comment. Plus anonymous responses.
 */
function responses(rng, days, { end, churnDays, scale, respond, twice, anonymous, words, joiner }) {
	const out = [];
	const stats = { churned: [0, 0], active: [0, 0], late: 0 };
	const ids = [...days.keys()].sort();
	const score = (late) => {
		const [lo, hi] = scale;
		const share = late ? 0.35 + 0.2 * rng.normal() : 0.84 + 0.14 * rng.normal();
		return clamp(Math.round(lo + share * (hi - lo)), lo, hi);
	};
	const add = (id, day, late) => {
		const s = score(late);
		const share = (s - scale[0]) / (scale[1] - scale[0]);
		const c = comment(rng, words, late, share, joiner);
		// A few responses give a comment and no score (never neither).
		const blank = c.text !== '' && rng.chance(0.03);
		const minute = 8 * 60 + rng.int(15 * 60);
		out.push({ id, day: Math.min(end, day), minute, score: blank ? null : s, comment: c.text });
		return blank ? null : s;
	};
	for (const id of ids) {
		if (!rng.chance(respond)) continue;
		const list = days.get(id);
		const last = list.at(-1);
		const churned = last < end - churnDays;
		const late = rng.chance(churned ? LATE.churned : LATE.active);
		if (late) stats.late++;
		const answers = 1 + (rng.chance(twice) ? 1 : 0);
		for (let a = 0; a < answers; a++) {
			// The first answer of a churned customer follows the last order; others, any order.
			const at = churned && a === 0 ? last : list[rng.int(list.length)];
			const s = add(id, at + 1 + rng.int(14), late && a === 0);
			if (s !== null) {
				const acc = churned ? stats.churned : stats.active;
				acc[0] += s;
				acc[1]++;
			}
		}
	}
	const first = Math.min(...ids.map((id) => days.get(id)[0]));
	for (let i = 0; i < anonymous; i++) add('', first + rng.int(end - first + 1), rng.chance(0.2));
	out.sort(
		(a, b) => a.day - b.day || a.minute - b.minute || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	return { rows: out, stats };
}

/**
 * feedback.csv from the order log `ordersCsv` (sample-data/orders.csv): UTF-8, LF, ISO dates,
 * scores 0–10. Returns { text, rows, stats } — stats: mean score of churned vs active customers.
 */
export function feedbackCsv(seed, ordersCsv, endIso) {
	const rng = new Rng(seed, 'feedback');
	const rows = ordersCsv
		.split('\n')
		.slice(1)
		.map((l) => l.split(','));
	const days = orderDays(rows, 2, 1, (s) =>
		/^\d{4}-\d{2}-\d{2}/.test(s) ? dayNumber(s) : Number.NaN
	);
	const end = dayNumber(endIso);
	const r = responses(rng, days, {
		end,
		churnDays: 180,
		scale: [0, 10],
		respond: 0.4,
		twice: 0.2,
		anonymous: 120,
		words: EN,
		joiner: ' '
	});
	const lines = r.rows.map((x) => `${x.id},${isoDay(x.day)},${x.score ?? ''},${cell(x.comment)}`);
	const text = FEEDBACK_HEADER + '\n' + lines.join('\n') + '\n';
	return { text, rows: lines.length, stats: summarise(r.stats) };
}

/**
 * feedback-zh-gbk.csv from orders-zh-gbk.csv's text: Chinese headers and comments, 1–5 stars,
 * dates like 2024/1/5 13:04, GBK bytes, CRLF.
 */
export function zhFeedback(seed, zhOrdersText) {
	const rng = new Rng(seed, 'feedback-zh');
	const rows = zhOrdersText
		.split('\r\n')
		.slice(1)
		.map((l) => l.split(','));
	const parse = (s) => {
		const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(s);
		return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS : Number.NaN;
	};
	const days = orderDays(rows, 2, 1, parse);
	const end = Date.UTC(2024, 5, 30) / DAY_MS;
	const r = responses(rng, days, {
		end,
		churnDays: 45,
		scale: [1, 5],
		respond: 0.9,
		twice: 0.5,
		anonymous: 10,
		words: ZH,
		joiner: '，'
	});
	const lines = r.rows.map((x) => {
		const d = new Date(x.day * DAY_MS);
		const hm = `${Math.floor(x.minute / 60)}:${String(x.minute % 60).padStart(2, '0')}`;
		const time = `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${hm}`;
		return `${x.id},${time},${x.score ?? ''},${cell(x.comment)}`;
	});
	const text = [ZH_FEEDBACK_HEADER, ...lines].join('\r\n') + '\r\n';
	return { bytes: encodeGbk(text), text, rows: lines.length, stats: summarise(r.stats) };
}

function summarise(s) {
	return {
		late: s.late,
		churnedMean: s.churned[0] / s.churned[1],
		activeMean: s.active[0] / s.active[1],
		churnedResponses: s.churned[1],
		activeResponses: s.active[1]
	};
}
