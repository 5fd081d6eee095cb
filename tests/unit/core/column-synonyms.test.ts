// Header names from real exports and public datasets that detection must know (issue 15): one
// test per family added, each with headers that today's table does not map.
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ROLES, ORDER_ROLES } from '../../../src/core/column-synonyms';
import { detectOrderRoles, normalizeHeader } from '../../../src/core/columns';
import type { ColumnProfile } from '../../../src/core/types';

function col(name: string, kind: ColumnProfile['kind'], samples: string[]): ColumnProfile {
	return { name, kind, counted: true, nulls: 0, distinct: 100, samples };
}
const id = (name: string) => col(name, 'text', ['00001', '00002']);
const date = (name: string) => col(name, 'date', ['1997-01-01', '1997-01-12']);
const money = (name: string) => col(name, 'decimal', ['11.77', '12.00']);
const count = (name: string) => col(name, 'integer', ['1', '2']);

describe('header synonyms added from real exports', () => {
	it('CDNOW: dollar_value is the amount and number_of_cds the quantity', () => {
		const det = detectOrderRoles([
			id('customer_id'),
			date('date'),
			count('number_of_cds'),
			money('dollar_value')
		]);
		expect(det.roles).toMatchObject({ amount: 'dollar_value', quantity: 'number_of_cds' });
		expect(det.confidence.amount).toBe('high');
	});

	it('Olist-style: customer_unique_id, order_purchase_timestamp, payment_value', () => {
		const det = detectOrderRoles([
			id('order_ref'),
			id('customer_unique_id'),
			col('order_purchase_timestamp', 'timestamp', ['2017-10-02 10:56:33']),
			money('payment_value')
		]);
		expect(det.roles).toMatchObject({
			customer_id: 'customer_unique_id',
			order_date: 'order_purchase_timestamp',
			amount: 'payment_value',
			order_id: 'order_ref'
		});
	});

	it('shop exports: cust_id, sale date, purchase_amount, quantity ordered, receipt no', () => {
		const det = detectOrderRoles([
			id('Receipt No'),
			id('Cust_ID'),
			date('Sale Date'),
			count('Quantity Ordered'),
			money('Purchase_Amount')
		]);
		expect(det.roles).toMatchObject({
			order_id: 'Receipt No',
			customer_id: 'Cust_ID',
			order_date: 'Sale Date',
			quantity: 'Quantity Ordered',
			amount: 'Purchase_Amount'
		});
	});

	it('Chinese exports: 客户编码, 成交时间, 交易金额, 商品数量, 流水号', () => {
		const det = detectOrderRoles([
			id('流水号'),
			id('客户编码'),
			date('成交时间'),
			count('商品数量'),
			money('交易金额')
		]);
		expect(det.roles).toMatchObject({
			order_id: '流水号',
			customer_id: '客户编码',
			order_date: '成交时间',
			quantity: '商品数量',
			amount: '交易金额'
		});
	});

	it('Chinese exports: 会员卡号, 购买时间, 消费金额 / 实收金额, 销量', () => {
		for (const amount of ['消费金额', '实收金额', '付款金额', '订单总额']) {
			const det = detectOrderRoles([
				id('会员卡号'),
				date('购买时间'),
				count('销量'),
				money(amount)
			]);
			expect(det.roles, amount).toMatchObject({
				customer_id: '会员卡号',
				order_date: '购买时间',
				quantity: '销量',
				amount
			});
		}
	});

	it('no header name is a synonym of two order roles', () => {
		const owner = new Map<string, string>();
		for (const spec of ORDER_ROLES) {
			for (const s of spec.synonyms.map(normalizeHeader)) {
				const other = owner.get(s);
				// customer_id's list is shared by the two tables, not by two order roles.
				expect(other === undefined || other === spec.role, `${s}: ${other} and ${spec.role}`).toBe(
					true
				);
				owner.set(s, spec.role);
			}
		}
		expect(CUSTOMER_ROLES[0]!.synonyms).toBe(ORDER_ROLES[0]!.synonyms);
	});
});
