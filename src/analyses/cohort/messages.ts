// The cohort analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'cohort.title': 'Cohort retention',
	'cohort.explain':
		'Customers are grouped by the period of their first purchase (their cohort). Each cell shows the share of the cohort that bought again k periods later. Read down a column to see whether newer cohorts retain better; the last row is the size-weighted average of the finished periods only. Cells of the current, unfinished period are lighter and outlined.',
	'cohort.cohort': 'Cohort (first purchase)',
	'cohort.k.month': 'Months since first purchase',
	'cohort.k.week': 'Weeks since first purchase',
	'cohort.k.quarter': 'Quarters since first purchase',
	'cohort.retention': 'Retention',
	'cohort.revenueRetention': 'Revenue retention',
	'cohort.ltv': 'Cumulative revenue per customer',
	'cohort.average': 'Average',
	'cohort.incomplete': 'period not finished yet',
	'cohort.complete': 'Complete period',
	'cohort.size': 'Cohort size',
	'cohort.split': 'Split by',
	'cohort.noSplit': 'No split',
	'cohort.period': 'Period',
	'cohort.month': 'Month',
	'cohort.week': 'Week',
	'cohort.quarter': 'Quarter',
	'cohort.kind': 'Retention',
	'cohort.on': 'Bought in that period',
	'cohort.onOrAfter': 'Bought in that period or later',
	'cohort.mode': 'Periods',
	'cohort.calendar': 'Calendar',
	'cohort.rolling': 'Rolling from first purchase',
	'cohort.chartTitle': 'Retention by cohort',
	'cohort.chartSubtitle': 'Share of each cohort buying in period k',
	'cohort.curvesTitle': 'Retention curves',
	'cohort.ltvTitle': 'Cumulative revenue per customer',
	'cohort.ltvSubtitle':
		'Thick line: the average, adding up each period’s revenue per customer over the cohorts that completed it; drawn while at least 3 cohorts have.',
	'cohort.cohorts': 'Cohorts averaged',
	'cohort.censored': 'first cohort starts before the data',
	'cohort.censoredColumn': 'Starts before the data',
	'cohort.firstNote':
		'The first cohort, {cohort}, gained {rate} customers a day, more than twice the median of the later cohorts ({median}): the data probably start mid-history, so this cohort also holds customers who first bought before the data begin, and retains far better than a real cohort. It is marked ◆. {choice}',
	'cohort.firstOut': 'It is left out of the average row.',
	'cohort.firstIn': 'It is included in the average row.',
	'cohort.firstChoice': 'First cohort in the average',
	'cohort.firstExclude': 'Left out',
	'cohort.firstInclude': 'Included',
	'cohort.takeaway':
		'Retention one period after the first purchase is {rate} on average, highest for the {cohort} cohort ({best}).',
	'cohort.method':
		'Customers grouped by the period of their first purchase; retention(k) = cohort customers buying k periods later / cohort size; the average is size-weighted over finished periods.'
} as const;

export type CohortKey = keyof typeof en;

export const messages: Messages<CohortKey> = {
	en,
	zh: {
		'cohort.title': '同期群留存',
		'cohort.explain':
			'按首次购买所在的期间把客户分成同期群。每个格子表示该同期群在第 k 期再次购买的客户比例。纵向比较同一列可以看出新的同期群留存是否更好；最后一行是仅基于已结束期间、按规模加权的平均值。当前尚未结束的期间颜色较浅并带虚线框。',
		'cohort.cohort': '同期群（首次购买）',
		'cohort.k.month': '首次购买后的月数',
		'cohort.k.week': '首次购买后的周数',
		'cohort.k.quarter': '首次购买后的季度数',
		'cohort.retention': '留存率',
		'cohort.revenueRetention': '收入留存',
		'cohort.ltv': '每客户累计收入',
		'cohort.average': '平均',
		'cohort.incomplete': '期间尚未结束',
		'cohort.complete': '完整期间',
		'cohort.size': '同期群规模',
		'cohort.split': '拆分维度',
		'cohort.noSplit': '不拆分',
		'cohort.period': '期间',
		'cohort.month': '月',
		'cohort.week': '周',
		'cohort.quarter': '季度',
		'cohort.kind': '留存口径',
		'cohort.on': '当期购买',
		'cohort.onOrAfter': '当期或之后购买',
		'cohort.mode': '期间划分',
		'cohort.calendar': '自然期间',
		'cohort.rolling': '自首次购买起滚动',
		'cohort.chartTitle': '各同期群留存率',
		'cohort.chartSubtitle': '每个同期群在第 k 期购买的客户比例',
		'cohort.curvesTitle': '留存曲线',
		'cohort.ltvTitle': '每客户累计收入',
		'cohort.ltvSubtitle':
			'粗线为平均值：逐期累加已完整经历该期的同期群的每客户收入；至少有 3 个同期群时才绘制。',
		'cohort.cohorts': '参与平均的同期群数',
		'cohort.censored': '第一个同期群早于数据起点',
		'cohort.censoredColumn': '早于数据起点',
		'cohort.firstNote':
			'第一个同期群 {cohort} 每天新增 {rate} 位客户，超过之后各同期群中位数（{median}）的两倍：数据很可能从业务中途开始，因此该同期群还包含在数据开始之前就已首次购买的客户，留存率远高于真实的同期群。已用 ◆ 标出。{choice}',
		'cohort.firstOut': '平均行未计入该同期群。',
		'cohort.firstIn': '平均行已计入该同期群。',
		'cohort.firstChoice': '第一个同期群计入平均',
		'cohort.firstExclude': '不计入',
		'cohort.firstInclude': '计入',
		'cohort.takeaway':
			'首次购买后第 1 期的平均留存率为 {rate}，最高的是 {cohort} 同期群（{best}）。',
		'cohort.method':
			'按首次购买所在周期给客户分组；留存率(k) = k 期后仍购买的客户 / 同期群人数；平均值按人数加权，只计已结束的周期。'
	}
};
