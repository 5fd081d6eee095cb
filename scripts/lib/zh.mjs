// orders-zh-gbk.csv: a small order-level export as a Chinese shop system or Excel on Windows
// writes it: Chinese headers and values, GBK bytes, CRLF line ends, dates like 2024/1/5 13:04,
// and a few amounts formatted as ￥1,234.50 (fullwidth yen; the halfwidth ¥ has no GBK code).

import { Rng, cumulative } from './rng.mjs';
import { encodeGbk } from './gbk.mjs';

export const ZH_HEADER = '订单号,下单时间,客户ID,实付金额,商品,地区';
const PRODUCTS = [
	['精品咖啡豆', 89, 6],
	['西湖龙井茶', 168, 3],
	['保温杯', 129, 5],
	['蓝牙耳机', 299, 3],
	['护手霜', 45, 6],
	['纯棉毛巾', 39.9, 6],
	['笔记本', 15.8, 4],
	['拼图玩具', 69, 3],
	['床上四件套', 259, 2],
	['电饭煲', 399, 2],
	['空气净化器', 1299, 1],
	['扫地机器人', 1699, 1]
];
const PROVINCES = ['广东', '浙江', '江苏', '上海', '北京', '四川', '湖北', '山东', '福建', '河南'];
const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2024, 0, 1);
const DAYS = 182; // 2024-01-01 … 2024-06-30

function yuan(amount) {
	const [int, dec] = amount.toFixed(2).split('.');
	return '￥' + int.replace(/\B(?=(\d{3})+$)/g, ',') + '.' + dec;
}

/** Returns { bytes, text, rows, customers, yenRows } for `orders` orders. */
export function zhOrders(seed, orders = 300) {
	const rng = new Rng(seed, 'zh');
	const customers = 120;
	const weight = Array.from({ length: customers }, () => rng.gamma(0.8, 1));
	const province = Array.from({ length: customers }, () => rng.int(PROVINCES.length));
	const custCum = cumulative(weight);
	const prodCum = cumulative(PRODUCTS.map((p) => p[2]));
	// More orders towards the 618 shopping festival (mid-June).
	const dayCum = cumulative(
		Array.from({ length: DAYS }, (_, d) => (d >= 160 && d <= 169 ? 3 : 1) * (1 + d / DAYS))
	);
	const list = [];
	for (let i = 0; i < orders; i++) {
		const day = rng.pickCumulative(dayCum);
		const minute = (8 * 60 + rng.int(16 * 60)) % 1440;
		const c = rng.pickCumulative(custCum);
		const items = 1 + (rng.chance(0.35) ? 1 + rng.int(2) : 0);
		let amount = 0;
		let first = '';
		for (let k = 0; k < items; k++) {
			const [name, price] = PRODUCTS[rng.pickCumulative(prodCum)];
			if (!first) first = name;
			amount += Math.round(price * 100) * (1 + (rng.chance(0.2) ? 1 : 0));
		}
		if (amount >= 19900 && rng.chance(0.4)) amount -= 2000; // 满199减20 coupon
		list.push({ t: day * 1440 + minute, seq: i, day, minute, c, items, amount, first }); // amount in fen
	}
	list.sort((a, b) => a.t - b.t || a.seq - b.seq);
	const rows = [];
	const perDay = new Map();
	let yenRows = 0;
	for (const o of list) {
		const dt = new Date(START_MS + o.day * DAY_MS);
		const y = dt.getUTCFullYear();
		const m = dt.getUTCMonth() + 1;
		const d = dt.getUTCDate();
		const n = (perDay.get(o.day) ?? 0) + 1;
		perDay.set(o.day, n);
		const id = `DD${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(n).padStart(3, '0')}`;
		const time = `${y}/${m}/${d} ${Math.floor(o.minute / 60)}:${String(o.minute % 60).padStart(2, '0')}`;
		const customer = 'KH' + String(10001 + o.c);
		const yuanAmount = o.amount / 100;
		const showYen = yuanAmount >= 1000 ? rng.chance(0.35) : rng.chance(0.01);
		if (showYen) yenRows++;
		const money = showYen ? yuan(yuanAmount) : yuanAmount.toFixed(2);
		const cell = money.includes(',') ? `"${money}"` : money;
		const goods = o.items > 1 ? `${o.first} 等${o.items}件` : o.first;
		rows.push(`${id},${time},${customer},${cell},${goods},${PROVINCES[province[o.c]]}`);
	}
	const text = [ZH_HEADER, ...rows].join('\r\n') + '\r\n';
	const distinct = new Set(list.map((o) => o.c)).size;
	return { bytes: encodeGbk(text), text, rows: rows.length, customers: distinct, yenRows };
}
