#!/usr/bin/env node
// Deterministic generator of the bundled sample data (sample-data/) and of benchmark order logs.
//
//   node scripts/generate-sample.mjs                 writes sample-data/{orders,customers,
//                                                    orders-zh-gbk,feedback,feedback-zh-gbk}.csv
//                                                    and README.md
//   node scripts/generate-sample.mjs --lines 1000000 --out bench/data/orders-1m.csv
//                                    [--seed N] [--dirty]   streams a benchmark log
//
// Same seed → same bytes on every machine: a seeded PRNG, a fixed calendar and hand-made
// formatting (no Date.now, no locale). The process is described in sample-data/README.md and in
// scripts/lib/*.mjs; tests import the functions below instead of spawning the script.

import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCalendar } from './lib/calendar.mjs';
import { buildPopulation } from './lib/population.mjs';
import { orderChunks } from './lib/orders.mjs';
import { customersCsv, spendByCustomer } from './lib/customers.mjs';
import { zhOrders } from './lib/zh.mjs';
import { feedbackCsv, zhFeedback } from './lib/feedback.mjs';
import { END } from './lib/calendar.mjs';
import { sampleReadme } from './lib/readme.mjs';

export { HEADER as ORDERS_HEADER } from './lib/orders.mjs';
export { CUSTOMERS_HEADER } from './lib/customers.mjs';
export { ZH_HEADER } from './lib/zh.mjs';
export { FEEDBACK_HEADER, ZH_FEEDBACK_HEADER, THEMES } from './lib/feedback.mjs';

export const DEFAULT_SEED = 42;
/** Expected ordering customers in the bundled sample. */
export const SAMPLE_CUSTOMERS = 5000;
/** Order lines per ordering customer the process produces (measured on the sample). */
export const LINES_PER_CUSTOMER = 11.5;
export const SAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../sample-data');
export const SAMPLE_FILES = [
	'orders.csv',
	'customers.csv',
	'orders-zh-gbk.csv',
	'feedback.csv',
	'feedback-zh-gbk.csv',
	'README.md'
];

function setup(seed, customers) {
	const cal = buildCalendar();
	return { cal, pop: buildPopulation({ seed, customers, cal }) };
}

/**
 * The order log as one string (for the sample and for tests; use writeOrders for big logs).
 * @param {{ seed?: number, customers?: number, dirty?: boolean }} [opts]
 */
export function generateOrders({
	seed = DEFAULT_SEED,
	customers = SAMPLE_CUSTOMERS,
	dirty = true
} = {}) {
	const { cal, pop } = setup(seed, customers);
	const stats = {};
	const parts = [];
	for (const chunk of orderChunks({ seed, cal, pop, dirty, stats, chunkSize: 1 << 20 }))
		parts.push(chunk);
	return { csv: parts.join(''), stats, cal, pop };
}

/** Every file of sample-data/ as bytes, keyed by file name. */
export function generateSample({ seed = DEFAULT_SEED, customers = SAMPLE_CUSTOMERS } = {}) {
	const { csv, stats, cal, pop } = generateOrders({ seed, customers, dirty: true });
	const orders = Buffer.from(csv, 'utf8');
	const people = Buffer.from(customersCsv(seed, pop, cal, spendByCustomer(csv)), 'utf8');
	const zh = zhOrders(seed);
	// Feedback reads the order logs back: correlated with behaviour, the orders' bytes unchanged.
	const feedback = feedbackCsv(seed, csv, END);
	const zhFb = zhFeedback(seed, zh.text);
	const fbBytes = Buffer.from(feedback.text, 'utf8');
	const sizes = {
		orders: orders.length,
		customers: people.length,
		zh: zh.bytes.length,
		feedback: fbBytes.length,
		zhFeedback: zhFb.bytes.length
	};
	const readme = sampleReadme({ seed, customers, stats, pop, zh, sizes, feedback, zhFb });
	const files = {
		'orders.csv': orders,
		'customers.csv': people,
		'orders-zh-gbk.csv': Buffer.from(zh.bytes),
		'feedback.csv': fbBytes,
		'feedback-zh-gbk.csv': Buffer.from(zhFb.bytes),
		'README.md': Buffer.from(readme, 'utf8')
	};
	return { files, stats, prospects: pop.prospects, zh, feedback, zhFeedback: zhFb };
}

/** Writes the sample files into `dir` (default: sample-data/). */
export function writeSample(dir = SAMPLE_DIR, opts = {}) {
	const result = generateSample(opts);
	mkdirSync(dir, { recursive: true });
	for (const [name, bytes] of Object.entries(result.files)) writeFileSync(join(dir, name), bytes);
	return result;
}

/**
 * Streams an order log of about `lines` lines to `out` with backpressure; memory grows with the
 * number of customers (a few dozen bytes each), not with the output.
 * @param {{ out: string, lines: number, seed?: number, dirty?: boolean }} opts
 */
export async function writeOrders({ out, lines, seed = DEFAULT_SEED, dirty = false }) {
	const customers = Math.max(1, Math.round(lines / LINES_PER_CUSTOMER));
	const { cal, pop } = setup(seed, customers);
	const stats = {};
	mkdirSync(dirname(resolve(out)), { recursive: true });
	const stream = createWriteStream(out);
	const failed = once(stream, 'error').then(([err]) => {
		throw err;
	});
	for (const chunk of orderChunks({ seed, cal, pop, dirty, stats, chunkSize: 1 << 20 })) {
		if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
	}
	stream.end();
	await Promise.race([once(stream, 'finish'), failed]);
	return stats;
}

function parseCli(argv) {
	const { values } = parseArgs({
		args: argv,
		options: {
			lines: { type: 'string' },
			out: { type: 'string' },
			seed: { type: 'string' },
			dirty: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false }
		}
	});
	const int = (name, text, min) => {
		const n = Number(text);
		if (!Number.isInteger(n) || n < min || n > 0xffffffff)
			throw new Error(`--${name} must be an integer ≥ ${min}, got '${text}'`);
		return n;
	};
	const seed = values.seed === undefined ? DEFAULT_SEED : int('seed', values.seed, 0);
	if ((values.lines === undefined) !== (values.out === undefined))
		throw new Error('--lines and --out go together');
	const lines = values.lines === undefined ? undefined : int('lines', values.lines, 1);
	return { ...values, seed, lines };
}

async function main() {
	const args = parseCli(process.argv.slice(2));
	if (args.help) {
		console.log(
			'usage: generate-sample.mjs [--seed N]  |  --lines N --out FILE [--seed N] [--dirty]'
		);
		return;
	}
	const started = performance.now();
	const seconds = () => ((performance.now() - started) / 1000).toFixed(1) + ' s';
	if (args.lines !== undefined) {
		const s = await writeOrders({
			out: args.out,
			lines: args.lines,
			seed: args.seed,
			dirty: args.dirty
		});
		console.log(
			`${args.out}: ${s.lines} lines, ${s.orders} orders, ${s.customers} customers in ${seconds()}`
		);
		return;
	}
	const r = writeSample(SAMPLE_DIR, { seed: args.seed });
	const s = r.stats;
	console.log(
		`sample-data/: ${s.lines} order lines, ${s.orders} orders, ${s.cancellations} cancellations,`
	);
	console.log(
		`  ${s.customers} customers + ${r.prospects} prospects, ${r.zh.rows} GBK orders in ${seconds()}`
	);
	const f = r.feedback.stats;
	console.log(
		`  ${r.feedback.rows} responses (mean score churned ${f.churnedMean.toFixed(2)}, active ${f.activeMean.toFixed(2)}), ${r.zhFeedback.rows} GBK responses`
	);
	for (const d of s.dirtyRows) console.log(`  dirty line ${d.line}: ${d.kind}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((err) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
