/**
 * Column names of a raw table, from a file's header (pure).
 *
 * Header text is trimmed; blank or missing names become `column_N` (N = 1-based position);
 * repeated names get `_2`, `_3`, … (compared case-insensitively, as DuckDB compares identifiers).
 * `__row` is reserved for the record number. Names are arbitrary user text and reach SQL only
 * through ident().
 */

export const ROW_COLUMN = '__row';

export interface ColumnNames {
	names: string[];
	/** One message per renamed column, for the load report. */
	warnings: string[];
}

/** Name `count` columns from a header (null: headerless file → column_1 … column_N). */
export function nameColumns(header: readonly string[] | null, count: number): ColumnNames {
	const used = new Set<string>([ROW_COLUMN]);
	const names: string[] = [];
	const warnings: string[] = [];
	for (let i = 0; i < count; i++) {
		const text = header?.[i]?.trim() ?? '';
		let base = text;
		if (text === '') {
			base = `column_${i + 1}`;
			if (header) {
				warnings.push(
					i < header.length
						? `Column ${i + 1} has a blank header; named it "${base}".`
						: `Column ${i + 1} has no header (data rows are wider than the header); named it "${base}".`
				);
			}
		}
		let name = base;
		for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
		if (name !== base) {
			warnings.push(
				base === ROW_COLUMN
					? `Column ${i + 1} is named "${ROW_COLUMN}", which is reserved; renamed it "${name}".`
					: `Column ${i + 1} repeats the header "${base}"; renamed it "${name}".`
			);
		}
		used.add(name.toLowerCase());
		names.push(name);
	}
	return { names, warnings };
}
