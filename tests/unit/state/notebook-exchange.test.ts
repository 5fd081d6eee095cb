// A notebook from elsewhere never acts unasked (issue 13): opening a file or a share link shows
// its cells and runs nothing — with data loaded, or when its files arrive — until Run all; its
// mapping is offered, applied only on request, and never written into the remembered mappings.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { headerSignature } from '../../../src/core/columns';
import { serializeNotebook } from '../../../src/core/notebook/file';
import type { NotebookDoc, NotebookMapping } from '../../../src/core/notebook/model';
import { Notebook } from '../../../src/state/notebook.svelte';
import { NotebookExchange } from '../../../src/state/notebook-exchange.svelte';
import { memoryStore } from '../../../src/state/notebook-store';
import type { Session } from '../../../src/state/session.svelte';
import type { OrdersMapping, ReturnsPolicy } from '../../../src/core/types';

const HEADER = ['customer_id', 'order_date', 'amount'];

const LINK_MAPPING: NotebookMapping = {
	orders: {
		file: 'orders.csv',
		signature: headerSignature(HEADER),
		roles: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' },
		dateFormat: '%Y-%m-%d',
		decimal: ','
	},
	customers: null,
	returns: 'exclude'
};

function doc(source: string): NotebookDoc {
	return {
		cells: [{ id: 'c1', kind: 'sql', name: 'cell_1', source }],
		settings: { rowLimit: 100 },
		mapping: LINK_MAPPING
	};
}

/** The parts of Session the exchange reads, with data loaded (or not) as a test needs. */
class FakeSession {
	phase: Session['phase'] = 'empty';
	dataVersion = 0;
	returns: ReturnsPolicy = 'net';
	mapping: OrdersMapping | null = null;
	ordersReport: unknown = null;
	summary: unknown = null;
	customersMapping = null;
	customersReport = null;
	applied: unknown[] = [];

	load(samples: string[]) {
		this.ordersReport = {
			file: 'orders.csv',
			columns: HEADER.map((name, i) => ({ name, samples: i === 2 ? samples : ['2024-01-05'] }))
		};
		this.mapping = {
			table: 'raw_orders',
			roles: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' },
			dateFormat: { format: '%Y-%m-%d' },
			numberFormat: { decimal: '.' },
			dimensions: []
		};
		this.summary = { tx_rows: 1 };
		this.phase = 'ready';
		this.dataVersion++;
	}

	async applyMapping(m: unknown, returns: ReturnsPolicy) {
		this.applied.push({ m, returns });
	}
}

let db: Engine;
const stored = new Map<string, string>();

beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(async () => {
	await db?.close();
});
beforeEach(() => {
	stored.clear();
	// The remembered mappings live in localStorage: record every write.
	(globalThis as { window?: unknown }).window = {
		localStorage: {
			getItem: (k: string) => stored.get(k) ?? null,
			setItem: (k: string, v: string) => void stored.set(k, v),
			removeItem: (k: string) => void stored.delete(k)
		}
	};
});
afterEach(async () => {
	delete (globalThis as { window?: unknown }).window;
	await db.exec('DROP TABLE IF EXISTS pwned');
	await db.exec('DROP VIEW IF EXISTS cell_1');
});

async function tables(): Promise<string[]> {
	const rows = await db.query<{ name: string }>('SELECT table_name AS name FROM duckdb_tables()');
	return rows.map((r) => r.name);
}

const PWNED = 'CREATE TABLE pwned AS SELECT 1 AS x';

function setUp() {
	const session = new FakeSession();
	const notebook = new Notebook(async () => db, memoryStore());
	const exchange = new NotebookExchange(notebook, session as unknown as Session);
	return { session, notebook, exchange };
}

async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('a notebook from elsewhere waits for Run all', () => {
	it('a notebook file opened with data loaded runs nothing until Run all', async () => {
		const { session, notebook, exchange } = setUp();
		session.load(['100.50']);
		const file = new File([serializeNotebook(doc(PWNED))], 'nb.json');
		await exchange.openFile(file);
		await settle();
		expect(exchange.problem).toBeNull();
		expect(notebook.cells).toHaveLength(1);
		expect(notebook.result('c1').status).toBe('idle');
		expect(await tables()).not.toContain('pwned');
		expect(exchange.fromElsewhere).toBe('file');

		await exchange.runAll();
		expect(notebook.result('c1').status).toBe('done');
		expect(await tables()).toContain('pwned');
		expect(exchange.fromElsewhere).toBeNull();
	});

	it('a shared notebook whose files arrive later runs nothing when they load', async () => {
		const { session, notebook, exchange } = setUp();
		exchange.openShared(doc(PWNED));
		expect(exchange.needed).toEqual(['orders.csv']);
		session.load(['100.50']);
		exchange.dataChanged(session.dataVersion);
		await settle();
		expect(notebook.result('c1').status).toBe('idle');
		expect(await tables()).not.toContain('pwned');
		expect(exchange.needed).toEqual([]);
		expect(exchange.fromElsewhere).toBe('link');
	});

	it('a link’s mapping is never remembered and never changes the session unasked', async () => {
		const { session, exchange } = setUp();
		exchange.openShared(doc('SELECT 1'));
		// Before issue 13 the link's decimal comma was written under this header's signature here.
		expect([...stored.keys()].filter((k) => k.startsWith('clientele.mapping.'))).toEqual([]);
		expect(session.returns).toBe('net');
		session.load(['100.50', '20.00']);
		exchange.dataChanged(session.dataVersion);
		expect(session.mapping?.numberFormat).toEqual({ decimal: '.' });
		expect(session.returns).toBe('net');
		const offer = exchange.offer;
		expect(offer).toMatchObject({ decimal: ',', returns: 'exclude', roles: false });
		// The offered decimal comma would misread both sampled amounts: the offer says so.
		expect(offer?.misfits).toEqual([
			{ kind: 'decimal', saved: ',', used: '.', failed: 2, total: 2 }
		]);
		expect(session.applied).toEqual([]);

		exchange.keepMine();
		expect(exchange.offer).toBeNull();
		expect(session.applied).toEqual([]);
		expect(stored.size).toBe(0);
	});

	it('applies the offered mapping only when asked, for this session', async () => {
		const { session, exchange } = setUp();
		session.load(['1.234,50']);
		exchange.openShared(doc('SELECT 1'));
		expect(exchange.offer?.misfits).toEqual([]);
		await exchange.applyOffer();
		expect(session.applied).toEqual([
			{
				m: {
					roles: LINK_MAPPING.orders.roles,
					dateFormat: { format: '%Y-%m-%d' },
					numberFormat: { decimal: ',' }
				},
				returns: 'exclude'
			}
		]);
		expect(exchange.offered).toBeNull();
		expect(stored.size).toBe(0);
	});
});
