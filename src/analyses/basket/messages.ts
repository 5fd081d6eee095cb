// The basket analysis' messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'basket.title': 'Bought together',
	'basket.recommendedProduct': 'Recommended product',
	'basket.explain':
		'Which products are bought in the same basket, as association rules "if a basket holds X, it also holds Y". Support: share of baskets holding X and Y. Confidence: share of the baskets with X that also hold Y. Lift: how much more often Y is bought with X than on its own (above 1 = bought together). Counted exactly as the arules package of R counts them.',
	'basket.minSupport': 'Minimum support',
	'basket.minSupportCount': '= at least {count} of {baskets} baskets',
	'basket.minConfidence': 'Minimum confidence',
	'basket.minLen': 'Shortest rule (items)',
	'basket.maxLen': 'Longest rule (items)',
	'basket.itemLevel': 'Item',
	'basket.level.product': 'Product',
	'basket.level.category': 'Category',
	'basket.ruleCount': '{rules} rules from {itemsets} frequent itemsets in {baskets} baskets',
	'basket.tooMany':
		'More than {limit} itemsets are frequent at this support: mining stopped so the page stays responsive. Raise the minimum support, e.g. to {suggest}.',
	'basket.useSupport': 'Use {suggest}',
	'basket.noRules': 'No rule reaches these thresholds. Lower the minimum support or confidence.',
	'basket.mining': 'Mining itemsets… {share} ({itemsets} found)',
	'basket.onlyBaskets':
		'A basket file has no customers, dates or amounts: only this analysis applies to it.',
	'basket.lhs': 'If a basket holds',
	'basket.rhs': 'it also holds',
	'basket.rule': 'Rule',
	'basket.item': 'Item',
	'basket.support': 'Support',
	'basket.confidence': 'Confidence',
	'basket.lift': 'Lift',
	'basket.count': 'Baskets',
	'basket.coverage': 'Coverage',
	'basket.leverage': 'Leverage',
	'basket.conviction': 'Conviction',
	'basket.search': 'Rules containing',
	'basket.rhsFilter': 'Right-hand side is',
	'basket.scatterTitle': 'Rules by support and confidence (colour: lift)',
	'basket.itemsTitle': 'Most frequent items',
	'basket.companionsTitle': 'Bought together with',
	'basket.companionsBy': 'Rank by',
	'basket.noCompanions': 'No rule has only this item on its left-hand side.',
	'basket.recommendationsTitle': 'Next products per customer',
	'basket.recommendationsHow':
		'For each customer, the products they have not bought yet, scored by the best rule whose left-hand side they have all bought: confidence × lift (ties by support). Up to {n} per customer.',
	'basket.recommendationsNone': 'No customer has bought the left-hand side of a rule.',
	'basket.customer': 'Customer',
	'basket.rank': 'Rank',
	'basket.recommended': 'Recommended product',
	'basket.score': 'Score',
	'basket.source': 'Baskets',
	'basket.source.baskets': 'The basket file',
	'basket.source.orders': 'The orders (one basket per order)',
	'basket.mineStatus': 'Mining',
	'basket.recommendFor': 'Customers',
	'basket.recommendAll': 'All customers',
	'basket.downloadRecommendations': 'Download recommendations (CSV)',
	'basket.recommendationsNoCustomers':
		'Recommendations need customers: the basket file has none. Choose the orders as the baskets to make them.',
	'basket.method':
		'Association rules mined as arules (R) mines them: itemsets in at least ceil(support × baskets) baskets, rules with one item on the right; recommendations scored by confidence × lift.',
	'basket.takeaway':
		'{rules} rules from {baskets} baskets; the strongest, {lhs} ⇒ {rhs}, is bought together {lift} times as often as by chance.'
} as const;

export type BasketKey = keyof typeof en;

export const messages: Messages<BasketKey> = {
	en,
	zh: {
		'basket.title': '关联购买',
		'basket.recommendedProduct': '推荐商品',
		'basket.explain':
			'哪些商品会出现在同一购物篮中，以关联规则表示：“购物篮中有 X，也会有 Y”。支持度：同时包含 X 和 Y 的购物篮占比。置信度：包含 X 的购物篮中也包含 Y 的占比。提升度：与 X 一起购买 Y 的频率是单独购买 Y 的多少倍（大于 1 表示常一起购买）。计数方式与 R 语言的 arules 包完全一致。',
		'basket.minSupport': '最小支持度',
		'basket.minSupportCount': '= 至少 {baskets} 个购物篮中的 {count} 个',
		'basket.minConfidence': '最小置信度',
		'basket.minLen': '规则最短（商品数）',
		'basket.maxLen': '规则最长（商品数）',
		'basket.itemLevel': '商品层级',
		'basket.level.product': '商品',
		'basket.level.category': '品类',
		'basket.ruleCount': '{baskets} 个购物篮，{itemsets} 个频繁项集，{rules} 条规则',
		'basket.tooMany':
			'在此支持度下频繁项集超过 {limit} 个：为保持页面响应已停止挖掘。请提高最小支持度，例如 {suggest}。',
		'basket.useSupport': '使用 {suggest}',
		'basket.noRules': '没有规则达到这些阈值。请降低最小支持度或置信度。',
		'basket.mining': '正在挖掘项集… {share}（已找到 {itemsets} 个）',
		'basket.onlyBaskets': '购物篮文件没有客户、日期或金额：只适用本分析。',
		'basket.lhs': '购物篮中有',
		'basket.rhs': '也会有',
		'basket.rule': '规则',
		'basket.item': '商品',
		'basket.support': '支持度',
		'basket.confidence': '置信度',
		'basket.lift': '提升度',
		'basket.count': '购物篮数',
		'basket.coverage': '覆盖度',
		'basket.leverage': '杠杆度',
		'basket.conviction': '确信度',
		'basket.search': '包含商品的规则',
		'basket.rhsFilter': '右侧商品为',
		'basket.scatterTitle': '规则的支持度与置信度（颜色：提升度）',
		'basket.itemsTitle': '最常购买的商品',
		'basket.companionsTitle': '常与之一起购买',
		'basket.companionsBy': '排序依据',
		'basket.noCompanions': '没有仅以该商品为左侧的规则。',
		'basket.recommendationsTitle': '每位客户的推荐商品',
		'basket.recommendationsHow':
			'对每位客户，推荐其尚未购买的商品，按其已全部购买左侧商品的最佳规则评分：置信度 × 提升度（相同时比较支持度）。每位客户最多 {n} 个。',
		'basket.recommendationsNone': '没有客户购买过任何规则的左侧商品。',
		'basket.customer': '客户',
		'basket.rank': '排名',
		'basket.recommended': '推荐商品',
		'basket.score': '评分',
		'basket.source': '购物篮来源',
		'basket.source.baskets': '购物篮文件',
		'basket.source.orders': '订单（每个订单一个购物篮）',
		'basket.mineStatus': '挖掘进度',
		'basket.recommendFor': '客户范围',
		'basket.recommendAll': '全部客户',
		'basket.downloadRecommendations': '下载推荐列表（CSV）',
		'basket.recommendationsNoCustomers':
			'推荐需要客户信息，而购物篮文件中没有客户。请选择以订单作为购物篮来源。',
		'basket.method':
			'关联规则的挖掘方式与 R 的 arules 相同：项集至少出现在 ceil(支持度 × 购物篮数) 个购物篮中，规则右侧为单个商品；推荐按置信度 × 提升度评分。',
		'basket.takeaway':
			'{baskets} 个购物篮中得到 {rules} 条规则；最强的规则 {lhs} ⇒ {rhs}，一起购买的频率是随机情况下的 {lift} 倍。'
	}
};
