// PackedJson of plain values, as the page's packedJsonOf makes it from DuckDB's JSON texts
// (src/analyses/packed.ts): JSON.stringify of each slice of `slice` values, one part each.
import { PACKED_JSON_ROWS, packedJsonOf, type PackedJson } from '../../src/analyses/packed';

export function packValues(
	values: readonly unknown[],
	slice = PACKED_JSON_ROWS
): Promise<PackedJson> {
	const parts: { json: string }[] = [];
	for (let i = 0; i < values.length; i += slice)
		parts.push({ json: JSON.stringify(values.slice(i, i + slice)) });
	return packedJsonOf(parts, 'json');
}
