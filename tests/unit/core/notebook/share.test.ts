import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NotebookFileError, serializeNotebook } from '../../../../src/core/notebook/file';
import { LIMITS, type NotebookDoc } from '../../../../src/core/notebook/model';
import {
	MAX_PAYLOAD_CHARS,
	decodeShare,
	encodeShare,
	sharePayload,
	shareUrl
} from '../../../../src/core/notebook/share';

const doc: NotebookDoc = {
	settings: { rowLimit: 1000 },
	mapping: {
		orders: {
			file: '订单.csv',
			signature: 'h4-0123456789abcdef',
			roles: { customer_id: 'cid', order_date: 'date', amount: 'amt' },
			dateFormat: '%Y-%m-%d',
			decimal: '.'
		},
		customers: null,
		returns: 'net'
	},
	cells: [
		{
			id: 'c1',
			kind: 'sql',
			name: 'top',
			source: 'SELECT customer_id, sum(amount) AS s FROM tx GROUP BY 1'
		},
		{
			id: 'c2',
			kind: 'text',
			source: '# Notes\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>'
		},
		{
			id: 'c3',
			kind: 'chart',
			source: '',
			chart: {
				from: 'c1',
				mark: 'bar',
				x: 'customer_id',
				y: 's',
				color: null,
				facet: null,
				title: 'Top'
			}
		}
	]
};

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

async function problemOf(payload: string): Promise<string> {
	try {
		await decodeShare(payload);
	} catch (e) {
		if (e instanceof NotebookFileError) return e.problem;
		throw e;
	}
	return 'none';
}

describe('share links', () => {
	it('round-trips the notebook through deflate-raw and base64url', async () => {
		const payload = await encodeShare(doc);
		expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(await decodeShare(payload)).toEqual(doc);
		// Deflated: shorter than the JSON it holds.
		expect(payload.length).toBeLessThan(serializeNotebook(doc, undefined).length);
	});

	it('puts the payload in the hash of the page’s own URL (sub-paths kept)', () => {
		const url = shareUrl('https://me.github.io/clientele/#old', 'abc');
		expect(url).toBe('https://me.github.io/clientele/#nb=abc');
		expect(sharePayload(new URL(url).hash)).toBe('abc');
		expect(sharePayload('#analysis-rfm')).toBeNull();
	});

	it.each([
		['characters outside base64url', 'abc$def', 'badLink'],
		['an impossible base64 length', 'abcde', 'badLink'],
		[
			'bytes that are not deflate data',
			b64url(new Uint8Array([0xff, 0xff, 0xff, 0xff])),
			'badLink'
		],
		[
			'deflated text that is not UTF-8',
			b64url(deflateRawSync(Buffer.from([0xc3, 0x28]))),
			'badLink'
		],
		[
			'deflated text that is not JSON',
			b64url(deflateRawSync(Buffer.from('{"format":'))),
			'notJson'
		],
		[
			'a valid link whose chart cell is malformed',
			b64url(
				deflateRawSync(
					Buffer.from(
						JSON.stringify({
							format: 'clientele-notebook',
							version: 2,
							cells: [{ id: 'a', kind: 'chart', source: '', chart: { mark: 'bar', x: 1 } }]
						})
					)
				)
			),
			'badCell'
		]
	])('refuses %s', async (_name, payload, problem) => {
		expect(await problemOf(payload)).toBe(problem);
	});

	it('refuses an over-long payload before decoding it', async () => {
		expect(await problemOf('A'.repeat(MAX_PAYLOAD_CHARS + 1))).toBe('tooLarge');
	});

	it('stops inflating a decompression bomb at the size limit', async () => {
		// 64 MB of spaces deflate to ~64 KB: the link is small, the content is not.
		const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
		const payload = b64url(bomb);
		expect(payload.length).toBeLessThan(MAX_PAYLOAD_CHARS);
		const t0 = performance.now();
		await expect(decodeShare(payload)).rejects.toMatchObject({
			problem: 'tooLarge',
			params: { limit: LIMITS.fileBytes }
		});
		expect(performance.now() - t0).toBeLessThan(5000);
	});
});
