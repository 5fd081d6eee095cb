// The breakdown analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'breakdown.title': 'Segment breakdown',
	'breakdown.explain':
		'Compare groups of customers on customers, orders, revenue, average order value, orders per customer, repeat rate and recency. Groups with fewer than 30 customers are marked: their figures are noisy.',
	'breakdown.by': 'Break down by',
	'breakdown.measure': 'Measure',
	'breakdown.cross': 'Cross with',
	'breakdown.noCross': 'Nothing',
	'breakdown.ageBand': 'Age band',
	'breakdown.other': 'Other',
	'breakdown.unknown': 'Unknown',
	'breakdown.small': 'fewer than 30 customers',
	'breakdown.smallCol': 'Small group',
	'breakdown.smallYes': 'yes (n < 30)',
	'breakdown.smallWarn':
		'Groups marked * have fewer than 30 customers: treat their figures with care.',
	'breakdown.chartTitle': '{kpi} by {dim}',
	'breakdown.crossTitle': 'Customers by {a} and {b}',
	'breakdown.kpi.customers': 'Customers',
	'breakdown.kpi.orders': 'Orders',
	'breakdown.kpi.revenue': 'Revenue',
	'breakdown.kpi.revenue_share': 'Share of revenue',
	'breakdown.kpi.aov': 'Average order value',
	'breakdown.kpi.orders_per_customer': 'Orders per customer',
	'breakdown.kpi.repeat_rate': 'Repeat rate',
	'breakdown.kpi.median_recency': 'Median days since last order',
	'breakdown.returnsOnly':
		'Not in the table: {n} customers with returns only (orders in this period but no purchase; net revenue {revenue}).',
	'breakdown.returnsOnly.one':
		'Not in the table: 1 customer with returns only (orders in this period but no purchase; net revenue {revenue}).',
	'breakdown.takeaway':
		'{value} brings the most revenue: {share} of revenue from {customers} customers.',
	'breakdown.takeaway.one':
		'{value} brings the most revenue: {share} of revenue from {customers} customer.',
	'breakdown.method':
		'Customers grouped by the chosen dimension (top values, the rest as Other); revenue, orders and repeat rate summed per group; groups under the small-group size are flagged.'
} as const;

export type BreakdownKey = keyof typeof en;

export const messages: Messages<BreakdownKey> = {
	en,
	zh: {
		'breakdown.title': '分群对比',
		'breakdown.explain':
			'按客户数、订单数、收入、客单价、人均订单数、复购率和最近购买天数比较不同客户群。少于 30 位客户的群会被标记：其数字波动较大。',
		'breakdown.by': '分组维度',
		'breakdown.measure': '指标',
		'breakdown.cross': '交叉维度',
		'breakdown.noCross': '无',
		'breakdown.ageBand': '年龄段',
		'breakdown.other': '其他',
		'breakdown.unknown': '未知',
		'breakdown.small': '客户少于 30 位',
		'breakdown.smallCol': '小样本',
		'breakdown.smallYes': '是（少于 30）',
		'breakdown.smallWarn': '标 * 的群客户少于 30 位：请谨慎解读其数字。',
		'breakdown.chartTitle': '按{dim}的{kpi}',
		'breakdown.crossTitle': '按{a}和{b}的客户数',
		'breakdown.kpi.customers': '客户数',
		'breakdown.kpi.orders': '订单数',
		'breakdown.kpi.revenue': '收入',
		'breakdown.kpi.revenue_share': '收入占比',
		'breakdown.kpi.aov': '客单价',
		'breakdown.kpi.orders_per_customer': '人均订单数',
		'breakdown.kpi.repeat_rate': '复购率',
		'breakdown.kpi.median_recency': '距上次购买天数中位数',
		'breakdown.returnsOnly':
			'表中未列出：{n} 位仅有退货的客户（此期间有订单但没有购买；净收入 {revenue}）。',
		'breakdown.takeaway': '收入最多的是“{value}”：{customers} 位客户贡献了 {share} 的收入。',
		'breakdown.method':
			'按所选维度给客户分组（前几个值，其余归为“其他”）；按组汇总收入、订单数和复购率；人数过少的组会标出。'
	}
};
