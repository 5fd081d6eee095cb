/**
 * Names made unique for display and row keys: the second `a` becomes `a (2)`. Results of
 * statements run as they are can repeat a name (`SELECT 1 AS a, 2 AS a`); views rename them.
 * A module of its own: db/rows.ts needs it in the first script, the notebook's paging does not.
 */
export function uniqueColumnNames(names: readonly string[]): string[] {
	const taken = new Set<string>();
	return names.map((name) => {
		let unique = name;
		for (let n = 2; taken.has(unique); n++) unique = `${name} (${n})`;
		taken.add(unique);
		return unique;
	});
}
