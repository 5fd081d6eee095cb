// The concentration analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'concentration.title': 'Value concentration',
	'conc.explain':
		'Customers ranked by net revenue, most valuable first. The curve shows which share of revenue the top customers bring; the further it bends above the diagonal, the more your revenue depends on a few customers. A tier = first 80 % of revenue, B = next 15 %, C = the rest.',
	'conc.shareCustomers': 'Share of customers (top first)',
	'conc.shareRevenue': 'Share of revenue',
	'conc.annotation': '{customers} of customers = {revenue} of revenue',
	'conc.chartTitle': 'Revenue concentration (Pareto curve)',
	'conc.gini': 'Gini coefficient: {gini}',
	'conc.excluded': '· {n} customers with zero or negative net revenue are not ranked',
	'conc.excluded.one': '· {n} customer with zero or negative net revenue is not ranked',
	'conc.group': 'Group',
	'conc.topK': 'Top {k} %',
	'conc.tiers': 'ABC tiers',
	'conc.tier': 'Tier',
	'conc.abcTier': 'ABC value tier',
	'tier.A': 'A — high value',
	'tier.A.action': 'Protect: account care, service priority, loyalty rewards.',
	'tier.B': 'B — mid value',
	'tier.B.action': 'Grow: cross-sell and upsell towards tier A.',
	'tier.C': 'C — low value',
	'tier.C.action': 'Serve efficiently: automated, low-cost marketing.',
	'concentration.takeaway': 'The top {k} % of customers bring {share} of revenue (Gini {gini}).',
	'concentration.method':
		'Customers with positive net revenue ranked from highest; top-k shares, the Pareto curve and Gini from that ranking; tier A = first 80 % of revenue, B = next 15 %, C = the rest.'
} as const;

export type ConcentrationKey = keyof typeof en;

export const messages: Messages<ConcentrationKey> = {
	en,
	zh: {
		'concentration.title': '价值集中度',
		'conc.explain':
			'按净收入从高到低给客户排序。曲线表示头部客户贡献了多少收入；曲线越高于对角线，收入越依赖少数客户。A 类 = 贡献前 80% 收入的客户，B 类 = 接下来的 15%，C 类 = 其余。',
		'conc.shareCustomers': '客户占比（从高到低）',
		'conc.shareRevenue': '收入占比',
		'conc.annotation': '{customers} 的客户 = {revenue} 的收入',
		'conc.chartTitle': '收入集中度（帕累托曲线）',
		'conc.gini': '基尼系数：{gini}',
		'conc.excluded': '· {n} 位净收入为零或负的客户未参与排名',
		'conc.group': '客户组',
		'conc.topK': '前 {k}%',
		'conc.tiers': 'ABC 分层',
		'conc.tier': '层级',
		'conc.abcTier': 'ABC 价值分层',
		'tier.A': 'A — 高价值',
		'tier.A.action': '重点维护：专属服务、优先处理、忠诚奖励。',
		'tier.B': 'B — 中价值',
		'tier.B.action': '提升：交叉销售和向上销售，培养成 A 类。',
		'tier.C': 'C — 低价值',
		'tier.C.action': '高效服务：自动化、低成本营销。',
		'concentration.takeaway': '前 {k}% 的客户贡献了 {share} 的收入（基尼系数 {gini}）。',
		'concentration.method':
			'净收入为正的客户按收入从高到低排名；由此计算前 k% 占比、帕累托曲线和基尼系数；A 类 = 前 80% 的收入，B 类 = 接下来的 15%，C 类 = 其余。'
	}
};
