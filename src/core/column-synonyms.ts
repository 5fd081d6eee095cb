/**
 * Header synonyms of each column role (English and Chinese), in priority order: within a role an
 * earlier synonym wins (StockCode before Description). Matching is done by columns.ts.
 */
import type { CustomerRole, OrderRole } from './types';

export type Fit = 'date' | 'number' | 'id' | 'text';

export interface RoleSpec<R> {
	role: R;
	fit: Fit;
	synonyms: string[];
}

const CUSTOMER_ID = [
	'customer_id',
	'customerid',
	'customer',
	'customer no',
	'customer number',
	'customer code',
	'client',
	'client id',
	'user_id',
	'userid',
	'member',
	'member id',
	'buyer',
	'buyer id',
	'email',
	'customer email',
	'客户',
	'客户ID',
	'客户编号',
	'客户号',
	'会员',
	'会员ID',
	'会员编号',
	'会员号',
	'用户ID',
	'用户编号',
	'买家',
	'买家ID',
	'顾客ID',
	// Public datasets and shop exports (issue 15): Olist, retail panels, CRM account exports.
	'customer_unique_id',
	'cust_id',
	'custid',
	'client_id',
	'account id',
	'account number',
	'客户编码',
	'会员卡号',
	'顾客编号',
	'用户名'
];

export const ORDER_ROLES: RoleSpec<OrderRole>[] = [
	{ role: 'customer_id', fit: 'id', synonyms: CUSTOMER_ID },
	{
		role: 'order_date',
		fit: 'date',
		synonyms: [
			'order_date',
			'invoicedate',
			'date',
			'order time',
			'purchase date',
			'transaction date',
			'created at',
			'created',
			'paid at',
			'timestamp',
			'下单时间',
			'订单日期',
			'购买日期',
			'日期',
			'交易时间',
			'下单日期',
			'付款时间',
			'支付时间',
			'交易日期',
			'订单时间',
			'invoice date',
			'order_purchase_timestamp',
			'sale date',
			'sales date',
			'txn date',
			'order datetime',
			'成交时间',
			'购买时间',
			'订单创建时间',
			'创建时间'
		]
	},
	{
		role: 'amount',
		fit: 'number',
		synonyms: [
			'amount',
			'revenue',
			'sales',
			'total',
			'price paid',
			'total price',
			'total amount',
			'order total',
			'line total',
			'line amount',
			'order amount',
			'net sales',
			'gross sales',
			'subtotal',
			'gmv',
			'金额',
			'实付金额',
			'销售额',
			'订单金额',
			'支付金额',
			'实付款',
			'成交金额',
			'总金额',
			'总价',
			'应付金额',
			// CDNOW's dollar_value; Kaggle shop exports; payment tables (issue 15).
			'dollar_value',
			'dollar amount',
			'purchase_amount',
			'purchase amount',
			'sale amount',
			'sales amount',
			'order value',
			'payment_value',
			'amount spent',
			'spend',
			'交易金额',
			'消费金额',
			'付款金额',
			'实收金额',
			'订单总额',
			'商品金额'
		]
	},
	{
		role: 'quantity',
		fit: 'number',
		synonyms: [
			'quantity',
			'qty',
			'units',
			'lineitem quantity',
			'数量',
			'购买数量',
			'件数',
			// CDNOW's number_of_cds; order-line exports (issue 15).
			'number_of_cds',
			'number of items',
			'quantity ordered',
			'qty ordered',
			'item count',
			'units sold',
			'商品数量',
			'购买件数',
			'订购数量',
			'销量'
		]
	},
	{
		role: 'unit_price',
		fit: 'number',
		synonyms: ['unit_price', 'unitprice', 'price', 'lineitem price', 'item price', '单价', '价格']
	},
	{
		role: 'order_id',
		fit: 'id',
		synonyms: [
			'order_id',
			'orderid',
			'invoiceno',
			'invoice',
			'invoice number',
			'invoice id',
			'order number',
			'order no',
			'order',
			'transaction id',
			'订单号',
			'订单编号',
			'订单ID',
			'交易号',
			'单号',
			'order_ref',
			'receipt no',
			'receipt number',
			'txn id',
			'bill no',
			'订单编码',
			'流水号',
			'小票号'
		]
	},
	{
		role: 'product',
		fit: 'text',
		synonyms: [
			'product',
			'product id',
			'product name',
			'stockcode',
			'sku',
			'item',
			'lineitem sku',
			'lineitem name',
			'description',
			'商品',
			'商品名称',
			'产品',
			'商品编码',
			'商品ID',
			'宝贝标题'
		]
	},
	{
		role: 'category',
		fit: 'text',
		synonyms: ['category', 'product category', 'product type', '品类', '类目', '分类', '商品类目']
	},
	{
		role: 'status',
		fit: 'text',
		synonyms: ['status', 'order status', 'financial status', '订单状态', '状态', '交易状态']
	}
];

export const CUSTOMER_ROLES: RoleSpec<CustomerRole>[] = [
	{ role: 'customer_id', fit: 'id', synonyms: CUSTOMER_ID },
	{
		role: 'signup_date',
		fit: 'date',
		synonyms: [
			'signup_date',
			'signup',
			'sign up date',
			'registration date',
			'registered',
			'register date',
			'join date',
			'joined',
			'member since',
			'created at',
			'注册时间',
			'注册日期',
			'入会时间',
			'入会日期',
			'开卡日期'
		]
	},
	{ role: 'gender', fit: 'text', synonyms: ['gender', 'sex', '性别'] },
	{
		role: 'birth_date',
		fit: 'date',
		synonyms: ['birth_date', 'birthdate', 'birthday', 'date of birth', 'dob', '出生日期', '生日']
	},
	{
		role: 'birth_year',
		fit: 'number',
		synonyms: ['birth_year', 'birthyear', 'year of birth', '出生年份', '出生年']
	},
	{ role: 'age', fit: 'number', synonyms: ['age', '年龄'] },
	{
		role: 'income',
		fit: 'number',
		synonyms: ['income', 'annual income', 'salary', '收入', '年收入', '月收入']
	},
	{
		role: 'region',
		fit: 'text',
		synonyms: [
			'region',
			'city',
			'province',
			'state',
			'area',
			'location',
			'地区',
			'省份',
			'城市',
			'区域',
			'省',
			'市'
		]
	}
];
