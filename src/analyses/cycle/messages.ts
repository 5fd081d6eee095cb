// The cycle analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'cycle.title': 'Purchase cycle',
	'cycle.explain':
		'How long repeat customers wait between purchases (distinct purchase days). The typical gap tells you when to remind a customer; customers whose expected next purchase is near or overdue are listed for a timely nudge.',
	'cycle.gapDays': 'Days between purchases',
	'cycle.gaps': 'Gaps',
	'cycle.share': 'Share',
	'cycle.median': 'Median',
	'cycle.none': 'No customer has bought on two different days yet.',
	'cycle.summary':
		'Median gap {median} days (middle half {p25}–{p75}) · customers who bought on 2 or more days: {repeat}, on one day only: {once}',
	'cycle.summary.one':
		'Median gap {median} day (middle half {p25}–{p75}) · customers who bought on 2 or more days: {repeat}, on one day only: {once}',
	'cycle.chartTitle': 'Days between consecutive purchases',
	'cycle.horizon': 'Due within (days)',
	'cycle.dueTitle': 'Due for repurchase: {n} customers',
	'cycle.dueTitle.one': 'Due for repurchase: {n} customer',
	'cycle.dueExplain':
		'Customers whose expected next purchase (last purchase + their typical gap) falls within the coming days set above, or is overdue by no more than one typical gap. Customers past the lifecycle churn threshold are left out. Most overdue first.',
	'cycle.churnedLeftOut':
		'Churned customers left out: {n} — due in this window, but without a purchase for longer than the lifecycle churn threshold. They belong to the win-back list:',
	'cycle.winBackLink': '{section} → “{stage}” (customer list download)',
	'cycle.duePreview': 'The first {shown} are listed here; the download has all {n}.',
	'cycle.last': 'Last purchase',
	'cycle.typical': 'Typical gap (days)',
	'cycle.expected': 'Expected next purchase',
	'cycle.overdue': 'Days overdue',
	'cycle.takeaway':
		'Half of repeat purchases come within {median} of the previous one (middle half {p25}–{p75} days); {due} customers are due now.',
	'cycle.takeaway.one':
		'Half of repeat purchases come within {median} of the previous one (middle half {p25}–{p75} days); {due} customer is due now.',
	// The takeaway's median gap: "1 day", "30 days".
	'cycle.days': '{n} days',
	'cycle.days.one': '{n} day',
	'cycle.dueStatus': 'Due for repurchase',
	'dueStatus.due': 'Due (on the due list)',
	'dueStatus.churned': 'In the due window but churned (win-back list)',
	'dueStatus.overdue': 'Overdue beyond the grace period',
	'dueStatus.not_due': 'Not due yet',
	'dueStatus.one_time': 'One purchase day, no cycle',
	'dueStatus.no_purchase': 'No purchase in this period',
	'cycle.method':
		'Days between consecutive purchase days of each repeat customer; a customer is due when the days since the last purchase pass their typical gap.'
} as const;

export type CycleKey = keyof typeof en;

export const messages: Messages<CycleKey> = {
	en,
	zh: {
		'cycle.title': '复购周期',
		'cycle.explain':
			'复购客户两次购买之间相隔多久（按不同的购买日计算）。典型间隔告诉你何时提醒客户；预计下次购买临近或已逾期的客户会列出来，便于及时触达。',
		'cycle.gapDays': '两次购买间隔天数',
		'cycle.gaps': '间隔数',
		'cycle.share': '占比',
		'cycle.median': '中位数',
		'cycle.none': '还没有客户在两个不同的日子购买过。',
		'cycle.summary':
			'间隔中位数 {median} 天（中间一半为 {p25}–{p75} 天）· 在 2 个或更多不同日期购买的客户 {repeat} 位，只在一天购买的 {once} 位',
		'cycle.chartTitle': '相邻两次购买的间隔天数',
		'cycle.horizon': '未来天数内到期',
		'cycle.dueTitle': '待复购客户：{n} 位',
		'cycle.dueExplain':
			'预计下次购买日期（上次购买 + 其典型间隔）落在上面设置的未来天数内，或逾期不超过一个典型间隔的客户。超过生命周期流失判定天数的客户不列入。逾期最久的排在前面。',
		'cycle.churnedLeftOut':
			'未列入的已流失客户：{n} 位——落在此时间范围内，但未购买的时间已超过生命周期的流失判定天数。他们属于挽回名单：',
		'cycle.winBackLink': '{section} →“{stage}”（下载客户名单）',
		'cycle.duePreview': '此处列出前 {shown} 位；下载的名单包含全部 {n} 位。',
		'cycle.last': '上次购买',
		'cycle.typical': '典型间隔（天）',
		'cycle.expected': '预计下次购买',
		'cycle.overdue': '逾期天数',
		'cycle.takeaway':
			'一半的复购发生在上次购买后 {median}内（中间一半为 {p25}–{p75} 天）；目前有 {due} 位客户到期应复购。',
		'cycle.days': '{n} 天',
		'cycle.dueStatus': '复购到期状态',
		'dueStatus.due': '到期（在待复购名单中）',
		'dueStatus.churned': '在到期时间范围内但已流失（挽回名单）',
		'dueStatus.overdue': '逾期超过宽限期',
		'dueStatus.not_due': '尚未到期',
		'dueStatus.one_time': '只在一天购买，无周期',
		'dueStatus.no_purchase': '本期无购买',
		'cycle.method':
			'统计每位复购客户相邻两个购买日之间的天数；距上次购买的天数超过其典型间隔时视为到期。'
	}
};
