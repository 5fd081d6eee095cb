// Issue 13: the encoding is decided on evidence (how plausible each decoding reads), a rare bad
// byte costs its encoding a little instead of ruling it out, and the replaced characters are
// counted with their lines.
import { describe, expect, it } from 'vitest';
import {
	BYTE_CANDIDATES,
	isUncertain,
	rankEncodings,
	scoreText
} from '../../../src/core/ingest/encoding-score';
import {
	detectBinary,
	detectEncoding,
	guessFor,
	previewLines
} from '../../../src/core/ingest/encoding';
import { MAX_REPLACED_LINES, ReplacementCounter } from '../../../src/core/ingest/replaced';

const tables = new Map<string, Map<string, number[]>>();
/** Encode `text` in a double-byte encoding by inverting TextDecoder (Node has no encoder). */
function encode(label: string, text: string): Uint8Array {
	let table = tables.get(label);
	if (!table) {
		table = new Map();
		const decoder = new TextDecoder(label, { fatal: true });
		for (let a = 0x81; a <= 0xfe; a++) {
			for (let b = 0x40; b <= 0xfe; b++) {
				try {
					const ch = decoder.decode(new Uint8Array([a, b]));
					if (!table.has(ch)) table.set(ch, [a, b]);
				} catch {
					// not a character in this encoding
				}
			}
		}
		tables.set(label, table);
	}
	const out: number[] = [];
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c < 0x80) out.push(c);
		else out.push(...table.get(ch)!);
	}
	return new Uint8Array(out);
}
const latin1 = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
const best = (bytes: Uint8Array) => rankEncodings(bytes, BYTE_CANDIDATES, true)[0]!.encoding;

describe('rankEncodings', () => {
	it.each([
		['Portuguese', 'produto;valor\nPromoção;12,50\nAçúcar;3,00\nInformações;1\n'],
		['French', 'produit;prix\nCrème brûlée;12,50 €\nThé à la menthe;4\n'],
		['German', 'Kunde;Straße\nK1;Müllerstraße 5\nK2;Größe Überweg\n'],
		['Spanish', 'cliente,ciudad\nC1,Málaga\nC2,La Coruña\n']
	])('windows-1252 for %s text', async (_name, text) => {
		expect(best(latin1(text))).toBe('windows-1252');
	});

	it('windows-1252 for "Promoção" alone, though its bytes are valid GB18030 ("Promo玢o")', async () => {
		const bytes = latin1('Promoção\n');
		expect(new TextDecoder('gb18030', { fatal: true }).decode(bytes)).toBe('Promo玢o\n');
		expect(best(bytes)).toBe('windows-1252');
	});

	it.each([
		['gb18030', 'gb18030', '客户ID,下单时间,实付金额,商品\n张伟,2024/1/5,88.00,绿茶\n'],
		['gb18030', 'gb18030', '姓名,城市\n欧阳娜娜,乌鲁木齐\n诸葛亮,邯郸\n'],
		['big5', 'big5', '客戶編號,訂單日期,實付金額\nC1,2024/1/5,100\n'],
		['big5', 'big5', '姓名,城市\n歐陽娜娜,臺北\n諸葛亮,高雄\n'],
		['shift_jis', 'shift_jis', '顧客ID,注文日,商品\nC1,2024/1/5,コーヒー\nC2,2024/1/6,緑茶\n'],
		[
			'euc-kr',
			'euc-kr',
			'고객ID,주문일,금액,상품\nC001,2024-01-05,12000,녹차\nC002,2024-01-06,8800,커피\n'
		]
	])('%s for text written in it', async (want, label, text) => {
		expect(best(encode(label, text))).toBe(want);
	});

	it('keeps GBK with one stray byte among a thousand characters, counting 1 replaced', async () => {
		const text = '客户ID,商品,地区\n' + 'C1,绿茶蛋糕,北京上海\n'.repeat(100);
		const bytes = encode('gb18030', text);
		const damaged = new Uint8Array([...bytes.subarray(0, 500), 0xff, ...bytes.subarray(500)]);
		const [top] = rankEncodings(damaged, BYTE_CANDIDATES, true);
		expect(top).toMatchObject({ encoding: 'gb18030', replaced: 1 });
	});

	it('does not hold a character cut at the end of a prefix against a candidate', async () => {
		const bytes = encode('gb18030', '客户ID,金额\n张伟,5\n');
		const cut = bytes.subarray(0, bytes.length - 4); // ends inside 伟 (then ',5\n')
		const score = (whole: boolean) =>
			rankEncodings(cut, ['gb18030'], whole).find((s) => s.encoding === 'gb18030')!.replaced;
		expect(score(false)).toBe(0);
		expect(score(true)).toBe(1);
	});
});

describe('scoreText', () => {
	it('rewards the frequent characters of the script, not rare ones', async () => {
		expect(scoreText('客户金额', 'gb18030').score).toBe(12);
		expect(scoreText('玢琺', 'gb18030').score).toBe(-1);
		expect(scoreText('客戶金額', 'big5').score).toBe(12);
	});

	it('costs 10 per replacement or control character, and counts the replacements', async () => {
		expect(scoreText('a\uFFFDb\u0081', 'windows-1252')).toMatchObject({ score: -20, replaced: 1 });
	});

	it('rewards accented letters inside words, penalises runs of Latin-1 characters', async () => {
		expect(scoreText('Café', 'windows-1252').score).toBe(1.5);
		expect(scoreText('ação', 'windows-1252').score).toBe(3);
		// GBK 绿茶 read as windows-1252: ÂÌ²è, a run of four.
		expect(scoreText(',ÂÌ²è,', 'windows-1252').score).toBe(-4);
	});

	it('takes kana as evidence of Japanese only', async () => {
		expect(scoreText('コーヒー', 'shift_jis').score).toBe(12);
		expect(scoreText('コーヒー', 'gb18030').score).toBe(-4);
	});
});

describe('isUncertain', () => {
	it('is uncertain without positive evidence or with a narrow lead', async () => {
		expect(isUncertain([])).toBe(true);
		expect(isUncertain([{ encoding: 'windows-1252', score: 0, replaced: 0 }])).toBe(true);
		expect(
			isUncertain([
				{ encoding: 'gb18030', score: 5, replaced: 0 },
				{ encoding: 'big5', score: 3, replaced: 0 }
			])
		).toBe(true);
		expect(
			isUncertain([
				{ encoding: 'gb18030', score: 50, replaced: 0 },
				{ encoding: 'big5', score: 3, replaced: 0 }
			])
		).toBe(false);
	});
});

describe('detectEncoding by evidence (issue 13)', () => {
	it('reads Portuguese windows-1252 as windows-1252, with certainty', async () => {
		const guess = await detectEncoding(
			latin1('id;produto\n1;Promoção\n2;Açúcar\n3;Informações\n'),
			true
		);
		expect(guess).toMatchObject({ encoding: 'windows-1252', transcode: true, uncertain: false });
	});

	it('reads Shift-JIS as shift_jis', async () => {
		const bytes = encode('shift_jis', 'customer_id,product\nC1,コーヒー\nC2,緑茶\n');
		expect(await detectEncoding(bytes, true)).toMatchObject({
			encoding: 'shift_jis',
			transcode: true
		});
	});

	it('reads BOM-less UTF-16LE of mostly Chinese text (no NUL pattern) as UTF-16, not binary', async () => {
		const text = '客户金额地区商品名称订单时间,绿茶咖啡蛋糕北京上海广州\n'.repeat(4);
		const bytes = new Uint8Array(text.length * 2);
		for (let i = 0; i < text.length; i++) {
			bytes[2 * i] = text.charCodeAt(i) & 0xff;
			bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
		}
		expect(await detectBinary(bytes)).toBeNull();
		expect((await detectEncoding(bytes, true)).encoding).toBe('utf-16le');
	});

	it('finds the evidence after a long ASCII start when the whole file decides', async () => {
		const ascii = latin1('id,name\n' + 'C1,Tea\n'.repeat(60_000));
		const gbk = encode('gb18030', 'C2,绿茶蛋糕\n'.repeat(50));
		const bytes = new Uint8Array([...ascii, ...gbk]);
		expect(bytes.length).toBeGreaterThan(256 * 1024);
		expect((await detectEncoding(bytes, true)).encoding).toBe('gb18030');
	});
});

describe('guessFor (an encoding the person chose)', () => {
	it('keeps UTF-8 with a BOM on the fast path and skips a matching UTF-16 BOM', async () => {
		const bom8 = new Uint8Array([0xef, 0xbb, 0xbf, 0x61]);
		expect(guessFor('utf-8', bom8)).toMatchObject({ encoding: 'utf-8-bom', bomLength: 3 });
		expect(guessFor('utf-8', latin1('a'))).toMatchObject({ encoding: 'utf-8', transcode: false });
		const bom16 = new Uint8Array([0xff, 0xfe, 0x61, 0]);
		expect(guessFor('utf-16le', bom16)).toMatchObject({ bomLength: 2, transcode: true });
		expect(guessFor('utf-16be', bom16)).toMatchObject({ bomLength: 0 });
		expect(guessFor('shift_jis', bom16)).toMatchObject({ decoderLabel: 'shift_jis' });
	});
});

describe('previewLines', () => {
	const bytes = encode('gb18030', '客户ID,商品\n\nC1,绿茶\nC2,咖啡\n');

	it('decodes the first lines in the chosen encoding, skipping blank ones', async () => {
		expect(previewLines(bytes, 'gb18030', 2, true)).toEqual(['客户ID,商品', 'C1,绿茶']);
		expect(previewLines(bytes, 'windows-1252', 1, true)).toEqual(['¿Í»§ID,ÉÌÆ·']);
	});

	it('leaves out a last line that may be cut, unless the bytes are the whole file', async () => {
		const cut = bytes.subarray(0, bytes.length - 3);
		expect(previewLines(cut, 'gb18030', 10, false)).toEqual(['客户ID,商品', 'C1,绿茶']);
		expect(previewLines(cut, 'gb18030', 10, true)).toHaveLength(3);
	});
});

describe('ReplacementCounter', () => {
	it('counts U+FFFD and their lines across pieces', async () => {
		const c = new ReplacementCounter();
		c.push('a,b\nc,\uFFFD\n');
		c.push('d,e\nf,\uFFFD\uFFFD');
		c.push('g\nh,\uFFFD\n');
		expect(c.count).toBe(4);
		expect(c.lines).toEqual([2, 4, 5]);
	});

	it('lists at most MAX_REPLACED_LINES lines but counts them all', async () => {
		const c = new ReplacementCounter();
		c.push('x\uFFFD\n'.repeat(25));
		expect(c.count).toBe(25);
		expect(c.lines).toEqual(Array.from({ length: MAX_REPLACED_LINES }, (_, i) => i + 1));
	});
});
