// The lifecycle analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'lifecycle.title': 'Lifecycle stages',
	'lifecycle.explain':
		'Every customer is in exactly one stage, checked in this order: prospect (in the customers file, never ordered), churned, lapsing (silent longer than usual), new (one order), reactivated (back after a long gap), loyal (many orders) and active. The thresholds come from your data — the window in which 90 % of repeat purchases happen — and can be changed. “Lapsing” is not the RFM segment “At Risk”: it counts days without a purchase against these thresholds, while RFM ranks recency and frequency scores, so the two lists differ.',
	'lifecycle.stage': 'Lifecycle stage',
	'lifecycle.share': 'Share',
	'lifecycle.churnAfter': 'Churned after',
	'lifecycle.riskAfter': 'At risk after',
	'lifecycle.loyalOrders': 'Loyal from orders',
	'lifecycle.days': 'days',
	'lifecycle.compareFrom': 'Compare with',
	'lifecycle.derive': 'Derive from data',
	'lifecycle.derived':
		'Derived from your data — gaps between repeat purchases, in days: 90 % within {p90}, median {median}; orders per buyer: at most {p80} for 80 % of buyers.',
	'lifecycle.fallback': 'Too few repeat purchases to derive thresholds: using 365 / 180 days.',
	'lifecycle.from': 'Stage before',
	'lifecycle.to': 'Stage now',
	'lifecycle.monthEnd': 'Month end',
	'lifecycle.chartTitle': 'Customers by lifecycle stage',
	'lifecycle.migrationTitle': 'How customers moved: {from} → {to}',
	'lifecycle.migrationSubtitle': 'Rows: stage at the earlier date · columns: stage now',
	'lifecycle.timeTitle': 'Lifecycle stages over time (month ends)',
	'stage.prospect': 'Prospect',
	'stage.prospect.action': 'Convert: a first-order incentive.',
	'stage.churned': 'Churned',
	'stage.churned.action': 'Win-back campaign for the valuable ones; otherwise let go.',
	'stage.at_risk': 'Lapsing',
	'stage.at_risk.action': 'Reach out now: reminders and offers before they churn.',
	'stage.new': 'New',
	'stage.new.action': 'Nurture towards the second order.',
	'stage.reactivated': 'Reactivated',
	'stage.reactivated.action': 'Keep them: thank them and follow up quickly.',
	'stage.loyal': 'Loyal',
	'stage.loyal.action': 'Reward and retain; loyalty perks.',
	'stage.active': 'Active',
	'stage.active.action': 'Cross-sell to grow them into loyal customers.',
	'stage.not_yet': 'Not yet a customer',
	'lifecycle.returnsOnly':
		'Returns only: {n} customers had orders in this period but no purchase (net revenue {revenue}). They are in no stage and not in the shares — not prospects, who never ordered.',
	'lifecycle.returnsOnly.one':
		'Returns only: 1 customer had orders in this period but no purchase (net revenue {revenue}). They are in no stage and not in the shares — not a prospect, who never ordered.',
	'lifecycle.takeaway': 'The largest stage is {stage}: {customers} customers, {share} of all.',
	'lifecycle.takeaway.one': 'The largest stage is {stage}: {customers} customer, {share} of all.',
	'lifecycle.method':
		'Each customer’s stage as of the as-of date from the days since the last purchase and the number of purchases, with the thresholds shown in the section.'
} as const;

export type LifecycleKey = keyof typeof en;

export const messages: Messages<LifecycleKey> = {
	en,
	zh: {
		'lifecycle.title': '客户生命周期',
		'lifecycle.explain':
			'每位客户只属于一个阶段，按以下顺序判断：潜在客户（在客户文件中、从未下单）、已流失、渐趋沉默（未购买的时间超过常见间隔）、新客户（仅一单）、回流（长时间未购后再次购买）、忠诚（订单多）和活跃。阈值由数据得出（90% 的复购发生在多少天内），也可以修改。“渐趋沉默”不同于 RFM 分群中的“高风险客户”：前者按未购买天数与上述阈值判断，后者按最近度和频次的得分排名划分，两份名单并不相同。',
		'lifecycle.stage': '生命周期阶段',
		'lifecycle.share': '占比',
		'lifecycle.churnAfter': '流失判定天数',
		'lifecycle.riskAfter': '风险判定天数',
		'lifecycle.loyalOrders': '忠诚客户订单数',
		'lifecycle.days': '天',
		'lifecycle.compareFrom': '对比日期',
		'lifecycle.derive': '按数据重新计算',
		'lifecycle.derived':
			'由数据得出：90% 的复购发生在 {p90} 天内；购买间隔中位数 {median} 天；80% 的客户订单数不超过 {p80}。',
		'lifecycle.fallback': '复购太少，无法由数据得出阈值：使用 365 / 180 天。',
		'lifecycle.from': '之前阶段',
		'lifecycle.to': '当前阶段',
		'lifecycle.monthEnd': '月末',
		'lifecycle.chartTitle': '各生命周期阶段的客户数',
		'lifecycle.migrationTitle': '客户迁移：{from} → {to}',
		'lifecycle.migrationSubtitle': '行：对比日期时的阶段 · 列：当前阶段',
		'lifecycle.timeTitle': '生命周期阶段随时间变化（月末）',
		'stage.prospect': '潜在客户',
		'stage.prospect.action': '促成转化：首单优惠。',
		'stage.churned': '已流失',
		'stage.churned.action': '对高价值客户做挽回活动，其余可放弃。',
		'stage.at_risk': '渐趋沉默',
		'stage.at_risk.action': '立即联系：在流失前发送提醒与优惠。',
		'stage.new': '新客户',
		'stage.new.action': '培育第二次购买。',
		'stage.reactivated': '回流客户',
		'stage.reactivated.action': '留住他们：表示感谢并尽快跟进。',
		'stage.loyal': '忠诚客户',
		'stage.loyal.action': '奖励与维系；提供会员权益。',
		'stage.active': '活跃客户',
		'stage.active.action': '交叉销售，培养成忠诚客户。',
		'stage.not_yet': '尚不是客户',
		'lifecycle.returnsOnly':
			'仅有退货：{n} 位客户在此期间有订单但没有购买（净收入 {revenue}）。他们不属于任何阶段，也不计入占比；他们不是潜在客户（潜在客户从未下单）。',
		'lifecycle.takeaway': '人数最多的阶段是“{stage}”：{customers} 位客户，占 {share}。',
		'lifecycle.method':
			'根据距最近一次购买的天数和购买次数，按截止日期给每位客户划分阶段，阈值见本节。'
	}
};
