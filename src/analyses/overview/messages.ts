// The overview analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'overview.title': 'Overview',
	'overview.explain':
		'Headline figures for the selected period. Orders are purchases (at least one item bought, net revenue zero or more); revenue is net of returns. Customers whose orders in the period are only returns are counted apart as “returns only”.',
	'overview.chartTitle': 'Revenue by month',
	'overview.month': 'Month',
	'overview.storeRevenue': 'Store revenue (incl. guests)',
	'overview.storeOrders': 'Store orders (incl. guests)',
	'overview.customerRevenue': 'Revenue (customers)',
	'overview.customerOrders': 'Orders (customers)',
	'overview.guests':
		'Without a customer ID (guests): {orders}, {revenue} net revenue — {share} of store revenue. They count in the store figures only; the other figures and every analysis are about customers.',
	'overview.guestOrders': '{n} purchase orders',
	'overview.guestOrders.one': '{n} purchase order',
	'overview.partial': 'unfinished month ({month}: {days} of {total} days)',
	'overview.days': 'Days in scope',
	'overview.takeaway':
		'{customers} customers placed {orders} orders worth {revenue}; {repeat} of them bought more than once.',
	'overview.takeaway.one':
		'{customers} customer placed {orders} orders worth {revenue}; repeat rate {repeat}.',
	'overview.method':
		'Counts and sums over the purchase lines in scope; revenue is net of returns as the returns policy says; repeat rate = customers with two or more purchase orders / customers.'
} as const;

export type OverviewKey = keyof typeof en;

export const messages: Messages<OverviewKey> = {
	en,
	zh: {
		'overview.title': '概览',
		'overview.explain':
			'所选期间的核心指标。订单指购买（至少买了一件商品，净收入不为负）；收入已扣除退货。此期间只有退货的客户单独计为“仅有退货”。',
		'overview.chartTitle': '月度收入',
		'overview.month': '月份',
		'overview.storeRevenue': '全店收入（含访客）',
		'overview.storeOrders': '全店订单（含访客）',
		'overview.customerRevenue': '收入（客户）',
		'overview.customerOrders': '订单（客户）',
		'overview.guests':
			'没有客户 ID 的访客：{orders}，净收入 {revenue}，占全店收入的 {share}。他们只计入全店指标；其余指标和所有分析都只针对客户。',
		'overview.guestOrders': '{n} 个购买订单',
		'overview.partial': '未结束的月份（{month}：{total} 天中的 {days} 天）',
		'overview.days': '范围内天数',
		'overview.takeaway':
			'{customers} 位客户下了 {orders} 个订单，金额 {revenue}；其中 {repeat} 购买过不止一次。',
		'overview.method':
			'对范围内的购买行计数和求和；收入按退货规则扣除退货；复购率 = 有两个及以上购买订单的客户 / 客户数。'
	}
};
