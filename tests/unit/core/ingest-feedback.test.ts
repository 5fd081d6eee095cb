// Feedback files are told by their headers (issue 21): a score and/or a comment, EN and ZH, and no
// amount; orders and customers files are not taken for them.
import { describe, expect, it } from 'vitest';
import { detectFeedback } from '../../../src/core/ingest/feedback';
import { detectOrderRoles } from '../../../src/core/columns';
import { classify } from '../../../src/db/pipeline/files';
import type { ColumnProfile } from '../../../src/core/types';

const KIND: Record<string, ColumnProfile['kind']> = {
	i: 'integer',
	d: 'decimal',
	D: 'date',
	T: 'timestamp',
	t: 'text'
};
const SAMPLE: Record<string, string[]> = {
	i: ['9', '7', '10'],
	d: ['12.50', '3.99'],
	D: ['2024-01-05', '2024-02-10'],
	T: ['2024/1/5 13:04', '2024/2/10 9:15'],
	t: ['C001', 'C002', 'late again']
};

/** Columns from `name:kind` pairs (kinds: i integer, d decimal, D date, T timestamp, t text). */
function cols(spec: string): ColumnProfile[] {
	return spec.split(',').map((s) => {
		const [name, k] = s.split(':') as [string, string];
		return { name, kind: KIND[k]!, counted: true, nulls: 0, distinct: 3, samples: SAMPLE[k]! };
	});
}
const detect = (spec: string) => {
	const c = cols(spec);
	return detectFeedback(c, detectOrderRoles(c));
};

describe('detectFeedback', () => {
	it('finds the sample feedback.csv columns (customer_id, date, score, comment)', () => {
		expect(detect('customer_id:t,date:D,score:i,comment:t')).toEqual({
			customerId: 'customer_id',
			date: 'date',
			score: 'score',
			comment: 'comment'
		});
	});

	it('finds Chinese headers: 评价时间 is the date, not the comment; 评价内容 the comment', () => {
		expect(detect('客户ID:t,评价时间:T,评分:i,评价内容:t')).toEqual({
			customerId: '客户ID',
			date: '评价时间',
			score: '评分',
			comment: '评价内容'
		});
		expect(detect('会员ID:t,日期:D,满意度:i,留言:t')).toMatchObject({
			score: '满意度',
			comment: '留言'
		});
		expect(detect('用户:t,意见:t')).toMatchObject({ score: null, comment: '意见' });
	});

	it('takes NPS, rating, CSAT headers; a comment alone; anonymous files without an id or date', () => {
		expect(detect('Respondent:t,NPS:i,Why:t')).toMatchObject({ score: 'NPS', customerId: null });
		expect(detect('Rating:i,Review:t')).toEqual({
			customerId: null,
			date: null,
			score: 'Rating',
			comment: 'Review'
		});
		expect(detect('CSAT Score:i')).toMatchObject({ score: 'CSAT Score', comment: null });
		expect(detect('email:t,Feedback:t')).toMatchObject({ score: null, comment: 'Feedback' });
		expect(detect('score:i,remarks:t')).toMatchObject({ score: 'score', comment: 'remarks' });
	});

	it('is not a feedback file: an amount beside a rating, a customers file with notes, no names', () => {
		expect(detect('order_date:D,customer_id:t,amount:d,rating:i')).toBeNull();
		expect(detect('customer_id:t,gender:t,notes:t,备注:t')).toBeNull();
		expect(detect('customer_id:t,membership_tier:t,points_balance:i,signup_date:D')).toBeNull();
		expect(detect('sku:t,name:t,colour:t')).toBeNull();
	});
});

describe('classify', () => {
	it('feedback files are feedback; orders, customers and the sample customers.csv stay theirs', () => {
		const kind = (spec: string) => classify(cols(spec), false).kind;
		expect(kind('customer_id:t,date:D,score:i,comment:t')).toBe('feedback');
		expect(kind('客户ID:t,评价时间:T,评分:i,评价内容:t')).toBe('feedback');
		expect(kind('order_id:t,order_date:D,customer_id:t,amount:d,review:t')).toBe('orders');
		expect(
			kind(
				'customer_id:t,gender:t,birth_year:i,region:t,signup_date:D,membership_tier:t,points_balance:i'
			)
		).toBe('customers');
	});
});
