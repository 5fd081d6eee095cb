// CLV from the two models, against a hand-built sum and its limiting cases.
import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../../../../src/analyses/clv/model/bgnbd';
import { customerValue } from '../../../../src/analyses/clv/model/clv';
import { expectedAverageValue } from '../../../../src/analyses/clv/model/gamma-gamma';

const bg = { r: 0.2425929, alpha: 4.4135318, a: 0.7928861, b: 2.4257531 };
const gg = { p: 6.248802, q: 3.744588, gamma: 15.447748 };
const customer = { x: 2, tx: 30.43, T: 38.86, m: 22.35 };

describe('customerValue', () => {
	it('without discounting is E[Y(H)] · E[M]: the increments add up', () => {
		const expected =
			expectedPurchases(bg, 52, 2, 30.43, 38.86) * expectedAverageValue(gg, 2, 22.35);
		expect(customerValue(bg, gg, customer, 52, 0)).toBeCloseTo(expected, 10);
	});

	it('discounts each step’s increment by (1 + d)^i (lifetimes’ customer_lifetime_value)', () => {
		// 12 monthly steps over 52 weeks at 1 % a step, built by hand.
		const value = expectedAverageValue(gg, 2, 22.35);
		let expected = 0;
		for (let i = 1; i <= 12; i++) {
			const inc =
				expectedPurchases(bg, (i * 52) / 12, 2, 30.43, 38.86) -
				expectedPurchases(bg, ((i - 1) * 52) / 12, 2, 30.43, 38.86);
			expected += (inc * value) / 1.01 ** i;
		}
		expect(customerValue(bg, gg, customer, 52, 0.01, 12)).toBeCloseTo(expected, 10);
		expect(customerValue(bg, gg, customer, 52, 0.01, 12)).toBeLessThan(
			customerValue(bg, gg, customer, 52, 0, 12)
		);
	});

	it('values a one-time buyer at the population mean spend', () => {
		const oneTime = { x: 0, tx: 0, T: 38.86, m: 0 };
		const expected = expectedPurchases(bg, 52, 0, 0, 38.86) * ((gg.p * gg.gamma) / (gg.q - 1));
		expect(customerValue(bg, gg, oneTime, 52, 0)).toBeCloseTo(expected, 10);
	});

	it('is NaN when the spend model has no finite mean (q ≤ 1)', () => {
		expect(customerValue(bg, { ...gg, q: 0.9 }, { x: 0, tx: 0, T: 10, m: 0 }, 52, 0.01)).toBeNaN();
	});
});
