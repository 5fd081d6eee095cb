// Where the notebook autosaves: one record in IndexedDB (the JSON text of the file format, so the
// same validation applies on restore). Browsers without IndexedDB (or with storage blocked) get a
// store that keeps nothing; the notebook still works for the session.

export interface NotebookStore {
	load(): Promise<string | null>;
	save(text: string): Promise<void>;
}

const DB_NAME = 'clientele';
const STORE = 'notebook';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
	});
}

function request<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest): Promise<T> {
	return open().then(
		(db) =>
			new Promise<T>((resolve, reject) => {
				const tx = db.transaction(STORE, mode);
				const req = run(tx.objectStore(STORE));
				tx.oncomplete = () => {
					db.close();
					resolve(req.result as T);
				};
				tx.onerror = () => {
					db.close();
					reject(tx.error ?? new Error('IndexedDB request failed'));
				};
			})
	);
}

export function indexedDbStore(): NotebookStore {
	if (typeof indexedDB === 'undefined') return memoryStore();
	return {
		async load() {
			const v = await request<unknown>('readonly', (s) => s.get(KEY));
			return typeof v === 'string' ? v : null;
		},
		async save(text) {
			await request('readwrite', (s) => s.put(text, KEY));
		}
	};
}

export function memoryStore(initial: string | null = null): NotebookStore {
	let text = initial;
	return {
		async load() {
			return text;
		},
		async save(t) {
			text = t;
		}
	};
}
