// The customer value forecast's messages. Every English key needs its Chinese (type-checked below).
import type { Messages } from '../types';

const en = {
	'clv.title': 'Customer value forecast',
	'clv.explain':
		'What each customer will do next: the BG/NBD model estimates from every customer’s number and timing of purchase days how likely they are still active (P(alive)) and how many purchases to expect; the Gamma-Gamma model adds the expected value per purchase, giving a discounted customer lifetime value (CLV). The models learn on purchases up to the calibration end and are checked against what happened after it.',
	'clv.calibrationEnd': 'Calibration end',
	'clv.unit': 'Time unit',
	'clv.unit.day': 'Day',
	'clv.unit.week': 'Week',
	'clv.unit.month': 'Month',
	'clv.units.day': 'days',
	'clv.units.week': 'weeks',
	'clv.units.month': 'months',
	'clv.horizon': 'Horizon (units)',
	'clv.discount': 'Discount rate per year (%)',
	'clv.fitting': 'Fitting the models: {stage}',
	'clv.stage.bgnbd': 'purchase model (BG/NBD)',
	'clv.stage.gamma-gamma': 'spend model (Gamma-Gamma)',
	'clv.stage.predictions': 'predictions {pct}',
	'clv.summary':
		'{customers} customers in the model, {repeat} of them repeat buyers · calibration {from} – {end}, holdout {holdout} days to {last}',
	'clv.summary.one':
		'{customers} customer in the model, {repeat} of them repeat buyers · calibration {from} – {end}, holdout {holdout} days to {last}',
	'clv.leftOut':
		'Not in the model: {returnsOnly} customers with returns only, {newAfter} whose first purchase came after the calibration end.',
	'clv.leftOut.one':
		'Not in the model: {returnsOnly} customer with returns only, {newAfter} whose first purchase came after the calibration end.',
	'clv.zeroSpend':
		'{n} repeat buyers whose repeat purchases were all free are in the purchase model but not the spend model.',
	'clv.zeroSpend.one':
		'{n} repeat buyer whose repeat purchases were all free is in the purchase model but not the spend model.',
	'clv.asOfNote':
		'Predictions are made as of the calibration end. To forecast from the last purchase day ({last}), set the calibration end to it (the holdout check is then empty).',
	'clv.problem.no-data': 'No customer bought on or before the calibration end: nothing to fit.',
	'clv.problem.single-day':
		'Every purchase falls on a single day: there is no time between purchases to learn a rate from. Load a longer history.',
	'clv.problem.too-few':
		'Fewer than 30 customers bought again before the calibration end: too few repeat buyers for a reliable fit. Move the calibration end later or load more history.',
	'clv.problem.spend-too-few':
		'Fewer than 30 repeat buyers with a positive spend: the spend model (Gamma-Gamma) is not fitted, so no value or CLV is shown.',
	'clv.problem.a-near-1':
		'The fitted dropout parameter a is about 1, where the expected-purchases formula divides by a − 1 and is not defined: no forecast is shown. Try another calibration end or a small penalty.',
	'clv.problem.non-finite-predictions':
		'Some predictions came out not finite (overflow) with these parameters; they are left empty.',
	'clv.problem.bg-max-iterations':
		'The purchase model did not converge within its iteration limit: the parameters below are the best found, not a certain optimum.',
	'clv.problem.bg-non-finite':
		'The purchase model’s likelihood is not finite at the best parameters found: the fit is unusable with this data.',
	'clv.problem.gg-q-not-above-1':
		'The spend model’s q is not above 1: its expected spend does not exist (it would be negative or infinite), so no value or CLV is shown.',
	'clv.problem.gg-max-iterations':
		'The spend model did not converge within its iteration limit: treat the values with care.',
	'clv.problem.gg-non-finite':
		'The spend model’s likelihood is not finite: no value or CLV is shown.',
	'clv.problem.other': 'The fit reported a problem: {code}.',
	'clv.params': 'Model parameters',
	'clv.param': 'Parameter',
	'clv.estimate': 'Estimate',
	'clv.stdError': 'Std. error',
	'clv.bgnbd': 'Purchases and dropout (BG/NBD)',
	'clv.gammaGamma': 'Spend per purchase (Gamma-Gamma)',
	'clv.logLik': 'Log-likelihood',
	'clv.iterations': 'Iterations',
	'clv.converged': 'Converged',
	'clv.yes': 'yes',
	'clv.no': 'no',
	'clv.corr': 'Correlation of repeat purchases and average repeat value: {r}.',
	'clv.corrWarn':
		'Above 0.3: the spend model assumes the two are independent, so treat the value forecasts with care.',
	'clv.trackingTitle': 'Cumulative repeat purchases: actual and expected',
	'clv.holdoutTitle': 'Holdout purchases by repeat purchases in calibration',
	'clv.holdoutError':
		'Holdout check: {actual} actual purchases after the calibration end, {expected} expected — an error of {pct}.',
	'clv.noHoldout': 'No purchases after the calibration end: no holdout check.',
	'clv.aliveTitle': 'Probability a customer is still active',
	'clv.aliveExplain':
		'For a customer first seen {T} {unit} before the calibration end: by number of repeat purchases and the time of the last one. Frequent buyers who have been silent for long are the least likely to be active.',
	'clv.distTitle': 'Customers by CLV',
	'clv.totals':
		'Over the next {horizon} {unit}: {purchases} purchases expected; total CLV {clv} (discounted at {discount} a year).',
	'clv.topTitle': 'Most valuable customers',
	'clv.slippingTitle': 'Valuable but slipping away: {n} customers',
	'clv.slippingTitle.one': 'Valuable but slipping away: {n} customer',
	'clv.slippingExplain':
		'Customers in the top 10 % by CLV whose probability of still being active is below 50 % — worth a personal win-back offer now.',
	'clv.slippingPreview': 'The first {shown} are listed here; the download has all {n}.',
	'clv.downloadSlipping': 'Download list (CSV)',
	'clv.downloadAll': 'Download every customer’s forecast (CSV)',
	'clv.actual': 'Actual',
	'clv.expected': 'Expected',
	'clv.series': 'Series',
	'clv.date': 'Date',
	'clv.cumulative': 'Repeat purchases (cumulative)',
	'clv.calEnd': 'Calibration end',
	'clv.repeatPurchases': 'Repeat purchases in calibration',
	'clv.holdoutPurchases': 'Purchases in holdout',
	'clv.recency': 'Time of last purchase (units after the first)',
	'clv.pAlive': 'P(alive)',
	'clv.clv': 'CLV',
	'clv.customers': 'Customers',
	'clv.col.x': 'Repeat purchases (x)',
	'clv.col.tx': 'Recency (t_x)',
	'clv.col.T': 'Age (T)',
	'clv.col.expected': 'Expected purchases',
	'clv.col.value': 'Expected value per purchase',
	'clv.decile': 'Predicted CLV decile',
	'clv.decile.1': 'Top 10 %',
	'clv.decile.2': '10–20 %',
	'clv.decile.3': '20–30 %',
	'clv.decile.4': '30–40 %',
	'clv.decile.5': '40–50 %',
	'clv.decile.6': '50–60 %',
	'clv.decile.7': '60–70 %',
	'clv.decile.8': '70–80 %',
	'clv.decile.9': '80–90 %',
	'clv.decile.10': 'Bottom 10 %',
	'clv.aliveBand': 'P(alive) band',
	'clv.band.p0_25': 'Below 25 %',
	'clv.band.p25_50': '25–50 %',
	'clv.band.p50_75': '50–75 %',
	'clv.band.p75_100': '75 % and above',
	'clv.takeaway':
		'The forecast expects {purchases} purchases worth {clv} from {customers} customers; valuable customers slipping away: {slipping}.',
	'clv.takeaway.one':
		'The forecast expects {purchases} purchases worth {clv} from {customers} customer; valuable customers slipping away: {slipping}.',
	'clv.method':
		'BG/NBD for the number of future purchases and Gamma-Gamma for their value, fitted on the calibration period and checked on the holdout.'
} as const;

export type ClvKey = keyof typeof en;

export const messages: Messages<ClvKey> = {
	en,
	zh: {
		'clv.title': '客户价值预测',
		'clv.explain':
			'预测每位客户接下来的行为：BG/NBD 模型根据每位客户购买日的次数和时间，估计其仍然活跃的概率（P(alive)）和预计购买次数；Gamma-Gamma 模型再给出每次购买的预期金额，得到折现后的客户终身价值（CLV）。模型用截至校准截止日的购买来学习，并用之后实际发生的购买来检验。',
		'clv.calibrationEnd': '校准截止日',
		'clv.unit': '时间单位',
		'clv.unit.day': '天',
		'clv.unit.week': '周',
		'clv.unit.month': '月',
		'clv.units.day': '天',
		'clv.units.week': '周',
		'clv.units.month': '个月',
		'clv.horizon': '预测期（单位数）',
		'clv.discount': '年折现率（%）',
		'clv.fitting': '正在拟合模型：{stage}',
		'clv.stage.bgnbd': '购买模型（BG/NBD）',
		'clv.stage.gamma-gamma': '消费金额模型（Gamma-Gamma）',
		'clv.stage.predictions': '计算预测 {pct}',
		'clv.summary':
			'模型中有 {customers} 位客户，其中复购客户 {repeat} 位 · 校准期 {from} 至 {end}，检验期 {holdout} 天，至 {last}',
		'clv.leftOut':
			'未纳入模型：只有退货的客户 {returnsOnly} 位，首次购买在校准截止日之后的客户 {newAfter} 位。',
		'clv.zeroSpend': '{n} 位复购客户的复购全部为免费订单：纳入购买模型，但不纳入消费金额模型。',
		'clv.asOfNote':
			'预测以校准截止日为基准。若要从最后购买日（{last}）起预测，请把校准截止日设为该日（此时没有检验期）。',
		'clv.problem.no-data': '没有客户在校准截止日当天或之前购买：无法拟合。',
		'clv.problem.single-day':
			'所有购买都发生在同一天：没有购买间隔可以用来估计购买频率。请加载更长时间的记录。',
		'clv.problem.too-few':
			'在校准截止日之前复购的客户不足 30 位：复购客户太少，拟合不可靠。请把校准截止日往后移，或加载更多历史数据。',
		'clv.problem.spend-too-few':
			'消费金额为正的复购客户不足 30 位：未拟合消费金额模型（Gamma-Gamma），因此不显示预期金额和 CLV。',
		'clv.problem.a-near-1':
			'拟合得到的流失参数 a 约等于 1，此时预期购买次数的公式要除以 a − 1，没有定义：不显示预测。请换一个校准截止日或加一点惩罚项。',
		'clv.problem.non-finite-predictions':
			'在这组参数下，部分预测值不是有限数（溢出）；这些值留空。',
		'clv.problem.bg-max-iterations':
			'购买模型在迭代次数上限内没有收敛：下面的参数是找到的最优值，不一定是真正的最优解。',
		'clv.problem.bg-non-finite':
			'购买模型在找到的最优参数处似然值不是有限数：这份数据无法使用该拟合。',
		'clv.problem.gg-q-not-above-1':
			'消费金额模型的 q 不大于 1：其预期消费金额不存在（会是负数或无穷大），因此不显示预期金额和 CLV。',
		'clv.problem.gg-max-iterations': '消费金额模型在迭代次数上限内没有收敛：预期金额仅供参考。',
		'clv.problem.gg-non-finite': '消费金额模型的似然值不是有限数：不显示预期金额和 CLV。',
		'clv.problem.other': '拟合报告了一个问题：{code}。',
		'clv.params': '模型参数',
		'clv.param': '参数',
		'clv.estimate': '估计值',
		'clv.stdError': '标准误',
		'clv.bgnbd': '购买与流失（BG/NBD）',
		'clv.gammaGamma': '每次购买金额（Gamma-Gamma）',
		'clv.logLik': '对数似然',
		'clv.iterations': '迭代次数',
		'clv.converged': '是否收敛',
		'clv.yes': '是',
		'clv.no': '否',
		'clv.corr': '复购次数与平均复购金额的相关系数：{r}。',
		'clv.corrWarn': '高于 0.3：消费金额模型假设二者相互独立，因此预期金额需谨慎看待。',
		'clv.trackingTitle': '累计复购次数：实际与预期',
		'clv.holdoutTitle': '按校准期复购次数分组的检验期购买次数',
		'clv.holdoutError':
			'检验：校准截止日之后实际购买 {actual} 次，预期 {expected} 次——误差 {pct}。',
		'clv.noHoldout': '校准截止日之后没有购买：无法检验。',
		'clv.aliveTitle': '客户仍然活跃的概率',
		'clv.aliveExplain':
			'针对在校准截止日前 {T} {unit}首次购买的客户：按复购次数和最后一次购买的时间。购买频繁但已沉默很久的客户最不可能仍然活跃。',
		'clv.distTitle': '按 CLV 分布的客户数',
		'clv.totals':
			'未来 {horizon} {unit}：预计购买 {purchases} 次；CLV 合计 {clv}（按年折现率 {discount} 折现）。',
		'clv.topTitle': '价值最高的客户',
		'clv.slippingTitle': '高价值但正在流失：{n} 位客户',
		'clv.slippingExplain':
			'CLV 排名前 10 % 且仍然活跃概率低于 50 % 的客户——值得现在就给出个性化的挽回优惠。',
		'clv.slippingPreview': '此处列出前 {shown} 位；下载的名单包含全部 {n} 位。',
		'clv.downloadSlipping': '下载名单（CSV）',
		'clv.downloadAll': '下载全部客户的预测（CSV）',
		'clv.actual': '实际',
		'clv.expected': '预期',
		'clv.series': '数据系列',
		'clv.date': '日期',
		'clv.cumulative': '累计复购次数',
		'clv.calEnd': '校准截止日',
		'clv.repeatPurchases': '校准期复购次数',
		'clv.holdoutPurchases': '检验期购买次数',
		'clv.recency': '最后一次购买时间（首次购买后的单位数）',
		'clv.pAlive': 'P(alive)',
		'clv.clv': 'CLV',
		'clv.customers': '客户数',
		'clv.col.x': '复购次数（x）',
		'clv.col.tx': '最近购买（t_x）',
		'clv.col.T': '客户年龄（T）',
		'clv.col.expected': '预计购买次数',
		'clv.col.value': '每次购买预期金额',
		'clv.decile': '预测 CLV 十分位',
		'clv.decile.1': '前 10 %',
		'clv.decile.2': '10–20 %',
		'clv.decile.3': '20–30 %',
		'clv.decile.4': '30–40 %',
		'clv.decile.5': '40–50 %',
		'clv.decile.6': '50–60 %',
		'clv.decile.7': '60–70 %',
		'clv.decile.8': '70–80 %',
		'clv.decile.9': '80–90 %',
		'clv.decile.10': '后 10 %',
		'clv.aliveBand': 'P(alive) 区间',
		'clv.band.p0_25': '低于 25 %',
		'clv.band.p25_50': '25–50 %',
		'clv.band.p50_75': '50–75 %',
		'clv.band.p75_100': '75 % 及以上',
		'clv.takeaway':
			'预测 {customers} 位客户将产生 {purchases} 次购买，价值 {clv}；{slipping} 位客户正在流失。',
		'clv.method':
			'用 BG/NBD 模型预测未来购买次数、Gamma-Gamma 模型预测购买金额，在校准期拟合并用保留期检验。'
	}
};
