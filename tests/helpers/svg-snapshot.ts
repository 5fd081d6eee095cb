// Makes rendered SVG/HTML stable enough to compare with a snapshot file, as Observable Plot's own
// tests do (test/plot.js): floats rounded to two decimals, and generated ids and class names
// (Plot's `plot-d6a7b5`, clip-path and gradient ids) renumbered in order of appearance, so a
// snapshot changes only when the drawing does.

const FLOAT = /(\d+\.\d{3,})/g;
const GENERATED_CLASS = /\bplot-[0-9a-f]{6}\b/g;
const ID_ATTR = /\bid="([^"]+)"/g;

/** `markup` with floats rounded to 2 decimals and generated ids/classes renumbered. */
export function normalizeSvg(markup: string): string {
	const classes = new Map<string, string>();
	let text = markup.replace(GENERATED_CLASS, (c) => {
		if (!classes.has(c)) classes.set(c, `plot-${classes.size + 1}`);
		return classes.get(c)!;
	});
	const ids = [...new Set([...text.matchAll(ID_ATTR)].map((m) => m[1]!))];
	ids.forEach((id, i) => {
		const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		text = text.replace(new RegExp(`(?<=["#(])${escaped}(?=[")])`, 'g'), `id-${i + 1}`);
	});
	return text.replace(FLOAT, (f) => String(Math.round(Number(f) * 100) / 100));
}
