// The overview analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'overview.title': 'Overview',
	'overview.explain':
		'Headline figures for the selected period. Orders are purchases with positive net revenue; revenue is net of returns.',
	'overview.chartTitle': 'Revenue by month',
	'overview.month': 'Month'
} as const;

export type OverviewKey = keyof typeof en;

export const messages: Messages<OverviewKey> = {
	en,
	zh: {
		'overview.title': '概览',
		'overview.explain': '所选期间的核心指标。订单指净收入为正的购买；收入已扣除退货。',
		'overview.chartTitle': '月度收入',
		'overview.month': '月份'
	}
};
