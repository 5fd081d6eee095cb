import { describe, expect, it } from 'vitest';
import {
	CANONICAL_COLUMNS,
	MAX_DIMENSIONS,
	detectCustomerRoles,
	detectOrderRoles,
	headerSignature,
	normalizeHeader,
	requiredSatisfied,
	toDimensions
} from '../../../src/core/columns';
import type { ColumnProfile } from '../../../src/core/types';

/** A profile as the loader would make it: name, kind, distinct count and a few samples. */
function col(
	name: string,
	kind: ColumnProfile['kind'],
	samples: string[] = [],
	distinct = 100
): ColumnProfile {
	return { name, kind, counted: true, nulls: 0, distinct, samples };
}

const onlineRetail: ColumnProfile[] = [
	col('InvoiceNo', 'text', ['536365', 'C536379'], 25900),
	col('StockCode', 'text', ['85123A', '71053'], 4070),
	col('Description', 'text', ['WHITE HANGING HEART T-LIGHT HOLDER'], 4223),
	col('Quantity', 'integer', ['6', '-1']),
	col('InvoiceDate', 'timestamp', ['2010-12-01 08:26:00']),
	col('UnitPrice', 'decimal', ['2.55', '3.39']),
	col('CustomerID', 'integer', ['17850', '13047'], 4372),
	col('Country', 'text', ['United Kingdom', 'France'], 38)
];

describe('detectOrderRoles', () => {
	it('maps online-retail headers; amount is derived from quantity × unit price', () => {
		const det = detectOrderRoles(onlineRetail);
		expect(det.roles).toEqual({
			customer_id: 'CustomerID',
			order_date: 'InvoiceDate',
			quantity: 'Quantity',
			unit_price: 'UnitPrice',
			order_id: 'InvoiceNo',
			// StockCode is listed before Description among the product synonyms
			product: 'StockCode'
		});
		expect(det.confidence.customer_id).toBe('high');
		expect(det.confidence.order_date).toBe('high');
		expect(det.missing).toEqual([]);
		expect(det.required).toEqual(['customer_id', 'order_date', 'quantity', 'unit_price']);
		expect(requiredSatisfied(det, true)).toBe(true);
		// Description has > 1000 distinct values: free text, not a dimension
		expect(det.dimensions).toEqual([{ source: 'Country', column: 'country', label: 'Country' }]);
	});

	it('maps Shopify-style headers (email as customer, financial status, line items)', () => {
		const det = detectOrderRoles([
			col('Name', 'text', ['#1001'], 900),
			col('Email', 'text', ['a@x.com'], 400),
			col('Financial Status', 'text', ['paid', 'refunded'], 3),
			col('Created at', 'timestamp', ['2024-01-05 10:00:00 +0100']),
			col('Total', 'decimal', ['12.50']),
			col('Lineitem quantity', 'integer', ['1']),
			col('Lineitem price', 'decimal', ['12.50']),
			col('Lineitem name', 'text', ['Mug'], 50),
			col('Billing Country', 'text', ['DE', 'FR'], 12)
		]);
		expect(det.roles).toEqual({
			customer_id: 'Email',
			order_date: 'Created at',
			amount: 'Total',
			quantity: 'Lineitem quantity',
			unit_price: 'Lineitem price',
			product: 'Lineitem name',
			status: 'Financial Status'
		});
		expect(det.required).toEqual(['customer_id', 'order_date', 'amount']);
		// 'Name' ends in no id pattern but is exactly "name": contact data, not a dimension
		expect(det.dimensions.map((d) => d.column)).toEqual(['billing_country']);
	});

	it('maps an order-level file with snake_case headers', () => {
		const det = detectOrderRoles([
			col('order_id', 'integer', ['1']),
			col('customer_id', 'text', ['C001']),
			col('order_date', 'date', ['2024-01-05']),
			col('revenue', 'decimal', ['10.5']),
			col('channel', 'text', ['web', 'store'], 2),
			col('discount', 'decimal', ['0.1'], 5)
		]);
		expect(det.roles).toEqual({
			customer_id: 'customer_id',
			order_date: 'order_date',
			amount: 'revenue',
			order_id: 'order_id'
		});
		expect(det.dimensions).toEqual([
			{ source: 'channel', column: 'channel', label: 'channel' },
			{ source: 'discount', column: 'discount', label: 'discount', numeric: true }
		]);
	});

	it('maps Chinese headers; 地区 gets a safe canonical name', () => {
		const det = detectOrderRoles([
			col('客户ID', 'text', ['00123']),
			col('下单时间', 'text', ['2024/1/5 10:30', '2024/1/6 9:00']),
			col('实付金额(元)', 'text', ['¥1,234.50', '¥99.00']),
			col('订单号', 'text', ['E2024001']),
			col('商品', 'text', ['茶杯'], 40),
			col('数量', 'integer', ['2']),
			col('单价', 'decimal', ['49.5']),
			col('地区', 'text', ['上海', '北京'], 30)
		]);
		expect(det.roles).toEqual({
			customer_id: '客户ID',
			order_date: '下单时间',
			amount: '实付金额(元)',
			quantity: '数量',
			unit_price: '单价',
			order_id: '订单号',
			product: '商品'
		});
		// Text kinds whose samples parse as dates / numbers fit their roles
		expect(det.confidence.order_date).toBe('high');
		expect(det.confidence.amount).toBe('high');
		expect(det.dimensions).toEqual([{ source: '地区', column: 'dim_1', label: '地区' }]);
	});

	it('reports missing roles and low confidence in ambiguous cases', () => {
		const det = detectOrderRoles([
			col('Client', 'text', ['a']),
			// a header that says date but holds no dates: mapped, but only with low confidence
			col('Date', 'text', ['soon', 'later']),
			col('Quantity', 'integer', ['1'])
		]);
		expect(det.roles).toEqual({ customer_id: 'Client', order_date: 'Date', quantity: 'Quantity' });
		expect(det.confidence.order_date).toBe('low');
		expect(det.missing).toEqual(['amount']);
		expect(requiredSatisfied(det)).toBe(false);
	});

	it('uses partial names and the lone timestamp column with low confidence', () => {
		const det = detectOrderRoles([
			col('Customer Name', 'text', ['Ann']),
			col('when', 'timestamp', ['2024-01-05 10:00:00']),
			col('Sales Amount EUR', 'decimal', ['1.5'])
		]);
		expect(det.roles).toEqual({
			customer_id: 'Customer Name',
			order_date: 'when',
			amount: 'Sales Amount EUR'
		});
		expect(det.confidence).toEqual({ customer_id: 'low', order_date: 'low', amount: 'low' });
		expect(requiredSatisfied(det)).toBe(true);
		expect(requiredSatisfied(det, true)).toBe(false);
	});

	it('lets value kinds break ties between two date-named columns', () => {
		const det = detectOrderRoles([
			col('customer', 'text', ['a']),
			col('date', 'text', ['n/a', 'tbd']),
			col('order date', 'date', ['2024-01-05']),
			col('amount', 'decimal', ['1'])
		]);
		expect(det.roles.order_date).toBe('order date');
		expect(det.confidence.order_date).toBe('high');
	});
});

describe('dimension cap (issue 5: 500 columns)', () => {
	it('offers the first MAX_DIMENSIONS useful columns, in file order', () => {
		const attrs = Array.from({ length: 497 }, (_, i) => col(`attr_${i + 1}`, 'text', ['a'], 7));
		const det = detectOrderRoles([
			col('customer_id', 'text', ['C1']),
			col('order_date', 'date', ['2024-01-05']),
			col('amount', 'decimal', ['10.50']),
			...attrs
		]);
		expect(det.missing).toEqual([]);
		expect(det.dimensions).toHaveLength(MAX_DIMENSIONS);
		expect(det.dimensions[0]?.source).toBe('attr_1');
		expect(det.dimensions.at(-1)?.source).toBe(`attr_${MAX_DIMENSIONS}`);
	});
});

describe('detectCustomerRoles', () => {
	it('maps English and Chinese customer attributes', () => {
		const en = detectCustomerRoles([
			col('Customer ID', 'text', ['a']),
			col('Signup Date', 'date', ['2023-01-01']),
			col('Gender', 'text', ['F', 'M'], 2),
			col('Age', 'integer', ['34'], 60),
			col('Income', 'decimal', ['50000']),
			col('City', 'text', ['Paris'], 80),
			col('Segment', 'text', ['B2B', 'B2C'], 2)
		]);
		expect(en.roles).toEqual({
			customer_id: 'Customer ID',
			signup_date: 'Signup Date',
			gender: 'Gender',
			age: 'Age',
			income: 'Income',
			region: 'City'
		});
		expect(en.dimensions).toEqual([{ source: 'Segment', column: 'segment', label: 'Segment' }]);
		const zh = detectCustomerRoles([
			col('会员编号', 'text', ['0001']),
			col('注册时间', 'text', ['2023年1月5日']),
			col('性别', 'text', ['男', '女'], 2),
			col('出生日期', 'date', ['1990-05-01']),
			col('省份', 'text', ['广东'], 31)
		]);
		expect(zh.roles).toEqual({
			customer_id: '会员编号',
			signup_date: '注册时间',
			gender: '性别',
			birth_date: '出生日期',
			region: '省份'
		});
		expect(zh.missing).toEqual([]);
		expect(detectCustomerRoles([col('x', 'text')]).missing).toEqual(['customer_id']);
	});
});

describe('toDimensions', () => {
	it('sanitises, de-duplicates and avoids canonical and taken names', () => {
		const dims = toDimensions(
			[
				'Sales Channel',
				'sales-channel',
				'地区',
				'revenue',
				'2nd Store',
				'a"b',
				'x; DROP TABLE tx',
				'Région'
			],
			['region_x']
		);
		expect(dims.map((d) => d.column)).toEqual([
			'sales_channel',
			'sales_channel_2',
			'dim_3',
			'revenue_2',
			'd_2nd_store',
			'a_b',
			'x_drop_table_tx',
			'region_2'
		]);
		expect(dims[2]).toEqual({ source: '地区', column: 'dim_3', label: '地区' });
		for (const d of dims) {
			expect(d.column).toMatch(/^[a-z][a-z0-9_]*$/);
			expect(CANONICAL_COLUMNS).not.toContain(d.column);
		}
		expect(toDimensions(['channel'], ['Channel'])[0]!.column).toBe('channel_2');
	});
});

describe('headerSignature and normalizeHeader', () => {
	it('is stable, order-insensitive and distinguishes header sets', () => {
		const a = headerSignature(['InvoiceNo', 'CustomerID', 'Country']);
		expect(a).toBe(headerSignature(['Country', 'InvoiceNo', 'CustomerID']));
		expect(a).toMatch(/^h3-[0-9a-f]{16}$/);
		expect(a).not.toBe(headerSignature(['InvoiceNo', 'CustomerID', 'Country2']));
		expect(a).not.toBe(headerSignature(['InvoiceNo', 'CustomerID']));
	});
	it('ignores case, spacing, underscores and bracketed units', () => {
		expect(normalizeHeader('Customer_ID')).toBe('customerid');
		expect(normalizeHeader(' Amount (USD) ')).toBe('amount');
		expect(normalizeHeader('实付金额（元）')).toBe('实付金额');
	});
	it('reads traditional-Chinese headers as simplified (Big5 exports, issue 5)', () => {
		expect(normalizeHeader('客戶編號')).toBe('客户编号');
		expect(normalizeHeader('訂單日期')).toBe('订单日期');
		expect(normalizeHeader('實付金額（元）')).toBe('实付金额');
		const det = detectOrderRoles([
			col('客戶編號', 'text', ['C001']),
			col('訂單日期', 'date', ['2024/1/5']),
			col('實付金額', 'integer', ['100'])
		]);
		expect(det.roles).toEqual({
			customer_id: '客戶編號',
			order_date: '訂單日期',
			amount: '實付金額'
		});
		expect(det.confidence).toEqual({ customer_id: 'high', order_date: 'high', amount: 'high' });
	});
});
