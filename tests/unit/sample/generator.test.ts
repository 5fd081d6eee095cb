// The bundled sample data and its generator (scripts/generate-sample.mjs): determinism, no drift
// between the committed files and the script, and the structure the README promises.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface DirtyRow {
	line: number;
	kind: string;
	note: string;
	text: string;
}
interface OrderStats {
	lines: number;
	orders: number;
	cancellations: number;
	customers: number;
	dirtyRows: DirtyRow[];
}
interface Generator {
	ORDERS_HEADER: string;
	CUSTOMERS_HEADER: string;
	ZH_HEADER: string;
	SAMPLE_DIR: string;
	SAMPLE_FILES: string[];
	generateOrders(opts?: { seed?: number; customers?: number; dirty?: boolean }): {
		csv: string;
		stats: OrderStats;
	};
	writeSample(dir: string): { files: Record<string, Uint8Array>; stats: OrderStats };
	writeOrders(opts: {
		out: string;
		lines: number;
		seed?: number;
		dirty?: boolean;
	}): Promise<OrderStats>;
}

const SCRIPT = fileURLToPath(new URL('../../../scripts/generate-sample.mjs', import.meta.url));
// A computed specifier: the script is plain JS without type declarations.
const gen = (await import(/* @vite-ignore */ pathToFileURL(SCRIPT).href)) as Generator;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Splits one CSV line, honouring double quotes (enough for these files). */
function fields(line: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				cur += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cur += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			out.push(cur);
			cur = '';
		} else cur += ch;
	}
	out.push(cur);
	return out;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const isValidStamp = (s: string) =>
	TIMESTAMP.test(s) &&
	new Date(s.replace(' ', 'T') + 'Z').toISOString().slice(0, 10) === s.slice(0, 10);

let tmp = '';
beforeAll(() => {
	tmp = mkdtempSync(join(tmpdir(), 'clientele-sample-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('generator determinism', () => {
	it('gives identical bytes for the same seed', () => {
		const a = gen.generateOrders({ seed: 7, customers: 300 });
		const b = gen.generateOrders({ seed: 7, customers: 300 });
		expect(a.csv.length).toBeGreaterThan(1000);
		expect(sha256(Buffer.from(a.csv))).toBe(sha256(Buffer.from(b.csv)));
	});

	it('differs for another seed', () => {
		const a = gen.generateOrders({ seed: 7, customers: 300 });
		const b = gen.generateOrders({ seed: 8, customers: 300 });
		expect(a.csv).not.toBe(b.csv);
	});

	it('writes no dirty rows unless asked', () => {
		const { csv, stats } = gen.generateOrders({ seed: 7, customers: 300, dirty: false });
		expect(stats.dirtyRows).toEqual([]);
		for (const line of csv.trimEnd().split('\n').slice(1)) {
			const f = line.split(',');
			expect(f).toHaveLength(9);
			expect(f[2]).not.toBe('');
			expect(isValidStamp(f[1]!)).toBe(true);
		}
	});
});

describe('committed sample-data/', () => {
	it('equals a fresh generation, byte for byte', () => {
		gen.writeSample(tmp);
		for (const name of gen.SAMPLE_FILES) {
			const fresh = readFileSync(join(tmp, name));
			const committed = readFileSync(join(gen.SAMPLE_DIR, name));
			expect(sha256(committed), `${name} drifted: run npm run sample`).toBe(sha256(fresh));
		}
	});
});

describe('sample orders.csv', () => {
	const text = readFileSync(join(gen.SAMPLE_DIR, 'orders.csv'), 'utf8');
	const lines = text.split('\n');
	const readme = readFileSync(join(gen.SAMPLE_DIR, 'README.md'), 'utf8');
	// README rows: | line | kind | what | `row` |
	const documented = [...readme.matchAll(/^\| (\d+) \| ([a-z-]+) \| .* \| `(.*)` \|$/gm)].map(
		(m) => ({ line: Number(m[1]), kind: m[2]!, text: m[3]! })
	);

	it('has the header, a size under 5 MB and a line count near 60 000', () => {
		expect(lines[0]).toBe(gen.ORDERS_HEADER);
		expect(lines.at(-1)).toBe('');
		expect(lines.length - 2).toBeGreaterThan(50_000);
		expect(lines.length - 2).toBeLessThan(70_000);
		expect(Buffer.byteLength(text)).toBeLessThan(5 * 1024 * 1024);
	});

	it('holds the documented dirty rows at the documented lines, and no others', () => {
		const kinds = documented.map((d) => d.kind).sort();
		expect(kinds).toEqual([
			'bad-date',
			'bad-date',
			'bad-quantity',
			'empty-customer',
			'empty-customer',
			'empty-customer',
			'empty-customer',
			'quoted-comma',
			'ragged'
		]);
		for (const d of documented) expect(lines[d.line - 1], `line ${d.line}`).toBe(d.text);
		const dirty = new Set(documented.map((d) => d.line));
		const quoted = documented.find((d) => d.kind === 'quoted-comma')!;
		expect(fields(quoted.text)[3]).toBe('Gift Box, Large');
		const unexpected: string[] = [];
		for (let i = 1; i < lines.length - 1; i++) {
			if (dirty.has(i + 1)) continue;
			const f = lines[i]!.split(',');
			const clean = f.length === 9 && f[2] !== '' && /^-?\d+$/.test(f[5]!) && isValidStamp(f[1]!);
			if (!clean) unexpected.push(`${i + 1}: ${lines[i]}`);
		}
		expect(unexpected).toEqual([]);
	});

	it('is sorted by time, 2022-01-01 … 2024-12-31', () => {
		const stamps = lines
			.slice(1, -1)
			.map((l) => fields(l)[1]!)
			.filter(isValidStamp);
		expect(stamps[0]!.startsWith('2022-01-01')).toBe(true);
		expect(stamps.at(-1)!.startsWith('2024-12-31')).toBe(true);
		const unsorted = stamps.filter((s, i) => i > 0 && s < stamps[i - 1]!);
		expect(unsorted).toEqual([]);
	});

	it('cancels ≈ 2 % of orders, each referring to an earlier order of the same customer', () => {
		const orders = new Map<string, { line: number; customer: string; products: Set<string> }>();
		const cancels = new Map<string, { line: number; customer: string; product: string }[]>();
		const badSign: string[] = [];
		lines.slice(1, -1).forEach((l, i) => {
			const [id, , customer, product, , quantity] = fields(l) as string[];
			if (id!.startsWith('C')) {
				if (!(Number(quantity) < 0)) badSign.push(l);
				const list = cancels.get(id!) ?? [];
				list.push({ line: i + 2, customer: customer!, product: product! });
				cancels.set(id!, list);
				return;
			}
			if (quantity !== 'two' && !(Number(quantity) > 0)) badSign.push(l);
			const o = orders.get(id!) ?? { line: i + 2, customer: customer!, products: new Set() };
			o.products.add(product!);
			orders.set(id!, o);
		});
		expect(badSign).toEqual([]);
		const share = cancels.size / orders.size;
		expect(share).toBeGreaterThan(0.01);
		expect(share).toBeLessThan(0.03);
		const broken: string[] = [];
		for (const [id, list] of cancels) {
			const original = orders.get(id.slice(1));
			for (const c of list) {
				const ok =
					original !== undefined &&
					original.line < c.line &&
					original.customer === c.customer &&
					c.customer !== '' &&
					original.products.has(c.product);
				if (!ok) broken.push(`${id} at line ${c.line}`);
			}
		}
		expect(broken).toEqual([]);
	});
});

describe('sample customers.csv', () => {
	it('covers every ordering customer plus ≈ 600 prospects, signed up by their first order', () => {
		const orders = readFileSync(join(gen.SAMPLE_DIR, 'orders.csv'), 'utf8').split('\n');
		const rows = readFileSync(join(gen.SAMPLE_DIR, 'customers.csv'), 'utf8').split('\n');
		expect(rows[0]).toBe(gen.CUSTOMERS_HEADER);
		const signup = new Map<string, string>();
		const malformed: string[] = [];
		for (const row of rows.slice(1, -1)) {
			const [id, gender, birth, region, date] = row.split(',') as string[];
			const ok =
				/^C\d{5}$/.test(id!) &&
				/^[FM]?$/.test(gender!) &&
				/^((19|20)\d\d)?$/.test(birth!) &&
				/^(North|South|East|West|Central)?$/.test(region!) &&
				/^\d{4}-\d{2}-\d{2}$/.test(date!) &&
				!signup.has(id!);
			if (!ok) malformed.push(row);
			signup.set(id!, date!);
		}
		expect(malformed).toEqual([]);
		const first = new Map<string, string>();
		for (const line of orders.slice(1, -1)) {
			const [, stamp, id] = fields(line) as string[];
			if (!id || first.has(id)) continue;
			if (isValidStamp(stamp!)) first.set(id, stamp!.slice(0, 10));
		}
		const missing = [...first.keys()].filter((id) => !signup.has(id));
		expect(missing).toEqual([]);
		const late = [...first].filter(([id, date]) => signup.get(id)! > date);
		expect(late).toEqual([]);
		const prospects = signup.size - first.size;
		expect(first.size).toBeGreaterThan(4500);
		expect(prospects).toBeGreaterThan(500);
		expect(prospects).toBeLessThan(700);
	});
});

describe('sample orders-zh-gbk.csv', () => {
	it('is GBK with Chinese headers, CRLF, ≈ 300 orders and a few ￥ amounts', () => {
		const bytes = readFileSync(join(gen.SAMPLE_DIR, 'orders-zh-gbk.csv'));
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
		const rows = text.split('\r\n');
		expect(rows[0]).toBe(gen.ZH_HEADER);
		expect(rows.at(-1)).toBe('');
		expect(rows.length - 2).toBe(300);
		const malformed = rows.slice(1, -1).filter((row) => {
			const f = fields(row);
			return !(
				f.length === 6 &&
				/^DD2024\d{7}$/.test(f[0]!) &&
				/^2024\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/.test(f[1]!) &&
				/^KH\d{5}$/.test(f[2]!) &&
				/^(￥(\d{1,3}(,\d{3})*)|\d+)\.\d{2}$/.test(f[3]!)
			);
		});
		expect(malformed).toEqual([]);
		const yen = rows.filter((r) => r.includes('￥'));
		expect(yen.length).toBeGreaterThan(2);
		expect(yen.some((r) => /"￥\d,\d{3}\.\d{2}"/.test(r))).toBe(true);
	});
});

describe('benchmark mode', () => {
	it('streams about the requested number of lines, clean unless --dirty', async () => {
		const out = join(tmp, 'bench', 'orders.csv');
		const stats = await gen.writeOrders({ out, lines: 20_000, seed: 3 });
		const lines = readFileSync(out, 'utf8').split('\n');
		expect(lines[0]).toBe(gen.ORDERS_HEADER);
		expect(lines.length - 2).toBe(stats.lines);
		expect(stats.lines).toBeGreaterThan(17_000);
		expect(stats.lines).toBeLessThan(23_000);
		expect(stats.dirtyRows).toEqual([]);
		const dirty = await gen.writeOrders({ out, lines: 20_000, seed: 3, dirty: true });
		expect(dirty.dirtyRows).toHaveLength(9);
	});

	it('runs from the command line and rejects bad arguments', () => {
		const out = join(tmp, 'cli', 'orders.csv');
		const ok = spawnSync(process.execPath, [
			SCRIPT,
			'--lines',
			'2000',
			'--out',
			out,
			'--seed',
			'5'
		]);
		expect(ok.status, ok.stderr.toString()).toBe(0);
		expect(existsSync(out)).toBe(true);
		const bad = spawnSync(process.execPath, [SCRIPT, '--lines', 'many', '--out', out]);
		expect(bad.status).toBe(1);
		expect(bad.stderr.toString()).toMatch(/--lines must be an integer/);
	});
});
