/**
 * Which SQL cells read which other cells' views, and the order to (re-)run them: a cell runs
 * after every cell it reads, ties keep the document order. Cells on a circular reference cannot
 * run and are reported.
 */
import type { Cell, SqlCell } from './model';
import { referencedNames } from './scan';

/** For each SQL cell id: the ids of the other SQL cells whose view names its SQL mentions. */
export function cellDependencies(cells: readonly Cell[]): Map<string, Set<string>> {
	const sqlCells = cells.filter((c): c is SqlCell => c.kind === 'sql');
	const byName = new Map(sqlCells.map((c) => [c.name.toLowerCase(), c.id]));
	const deps = new Map<string, Set<string>>();
	for (const c of sqlCells) {
		const mine = new Set<string>();
		for (const name of referencedNames(c.source)) {
			const id = byName.get(name);
			if (id !== undefined && id !== c.id) mine.add(id);
		}
		deps.set(c.id, mine);
	}
	return deps;
}

/** Ids of the cells that read `id`'s view, directly or through other cells. */
export function dependantsOf(cells: readonly Cell[], id: string): Set<string> {
	return closure(cellDependencies(cells), id, 'down');
}

/** Ids of the cells `id` reads, directly or through other cells. */
export function dependenciesOf(cells: readonly Cell[], id: string): Set<string> {
	return closure(cellDependencies(cells), id, 'up');
}

function closure(deps: Map<string, Set<string>>, id: string, dir: 'up' | 'down'): Set<string> {
	const out = new Set<string>();
	const stack = [id];
	while (stack.length > 0) {
		const cur = stack.pop()!;
		const next =
			dir === 'up'
				? [...(deps.get(cur) ?? [])]
				: [...deps].filter(([, d]) => d.has(cur)).map(([k]) => k);
		for (const n of next) {
			if (n !== id && !out.has(n)) {
				out.add(n);
				stack.push(n);
			}
		}
	}
	return out;
}

export interface RunPlan {
	/** Cell ids in the order to run them. */
	order: string[];
	/** Cells left out because they are on (or behind) a circular reference. */
	cyclic: string[];
}

/**
 * The cells to run when `start` cells run: them and every cell depending on them, in dependency
 * order (ties in document order).
 */
export function runPlan(cells: readonly Cell[], start: readonly string[]): RunPlan {
	const deps = cellDependencies(cells);
	const wanted = new Set<string>();
	for (const id of start) {
		if (!deps.has(id)) continue;
		wanted.add(id);
		for (const d of closure(deps, id, 'down')) wanted.add(d);
	}
	const docOrder = cells.map((c) => c.id).filter((id) => wanted.has(id));
	const order: string[] = [];
	const done = new Set<string>();
	let progress = true;
	while (progress) {
		progress = false;
		for (const id of docOrder) {
			if (done.has(id)) continue;
			const blockers = [...(deps.get(id) ?? [])].filter((d) => wanted.has(d) && !done.has(d));
			if (blockers.length === 0) {
				order.push(id);
				done.add(id);
				progress = true;
				break;
			}
		}
	}
	return { order, cyclic: docOrder.filter((id) => !done.has(id)) };
}
