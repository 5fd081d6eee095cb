import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

// The layer rule in eslint.config.js must hold at any folder depth (issue 14): these are files
// that break it on purpose, linted as if they sat at the given path.
const cwd = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function restricted(filePath: string, code: string): Promise<string[]> {
	const results = await eslint.lintText(code, { filePath });
	return results
		.flatMap((r) => r.messages)
		.filter((m) => m.ruleId === 'no-restricted-imports')
		.map((m) => m.message);
}

describe('layer boundaries by glob', () => {
	it('a nested core file importing db fails lint', async () => {
		const messages = await restricted(
			'src/core/ingest/wrong.ts',
			"import { type Engine } from '../../db/engine';\nexport type E = Engine;\n"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('core imports only core');
	});

	it('a nested charts file importing state fails lint', async () => {
		const messages = await restricted(
			'src/charts/parts/wrong.ts',
			"import { problems } from '../../state/problems';\nexport const p = problems;\n"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('charts import only core and Plot');
	});

	it('a nested ui file importing db fails lint', async () => {
		const messages = await restricted(
			'src/ui/notebook/wrong.ts',
			"import { getEngine } from '../../db/engine-instance';\nexport const g = getEngine;\n"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('ui talks to the engine through state');
	});

	it("an analysis folder's sql.ts importing Plot fails lint (it follows core's rule)", async () => {
		const messages = await restricted(
			'src/analyses/rfm/sql.ts',
			"import * as Plot from '@observablehq/plot';\nexport const p = Plot;\n"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('core is pure: no Plot');
	});

	it("an analysis folder's chart.ts importing db fails lint (it follows the charts rule)", async () => {
		const messages = await restricted(
			'src/analyses/rfm/chart.ts',
			"import type { Engine } from '../../db/engine';\nexport type E = Engine;\n"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('charts import only core and Plot');
	});

	it('export importing db fails lint, and db importing state fails lint', async () => {
		const fromExport = await restricted(
			'src/export/wrong.ts',
			"import type { Engine } from '../db/engine';\nexport type E = Engine;\n"
		);
		expect(fromExport[0]).toContain('export imports only core and charts');
		const fromDb = await restricted(
			'src/db/wrong.ts',
			"import { problems } from '../state/problems';\nexport const p = problems;\n"
		);
		expect(fromDb[0]).toContain('db imports only core');
	});

	it('a state file importing ui fails lint', async () => {
		const messages = await restricted(
			'src/state/wrong.ts',
			"import { dimensionsOf } from '../ui/dimensions';\nexport const d = dimensionsOf;\n"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('state never imports ui');
	});

	it("an analysis folder's other files are core: a nested presets file importing db fails lint", async () => {
		const messages = await restricted(
			'src/analyses/rfm/sql/presets.ts',
			"import type { Engine } from '../../../db/engine';\nexport type E = Engine;\n"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('core imports only core');
		const other = await restricted(
			'src/analyses/rfm/messages.ts',
			"import { I18n } from '../../i18n/i18n.svelte';\nexport const i = I18n;\n"
		);
		expect(other.some((m) => m.includes('core imports only core'))).toBe(true);
	});

	it('a manifest (index.ts) or the registry importing state fails lint; Svelte types pass', async () => {
		const manifest = await restricted(
			'src/analyses/rfm/index.ts',
			"import { problemOf } from '../../state/problems';\nexport const p = problemOf;\n"
		);
		expect(manifest).toHaveLength(1);
		expect(manifest[0]).toContain('a manifest imports only core');
		const registry = await restricted(
			'src/analyses/index.ts',
			"import { mount } from 'svelte';\nexport const m = mount;\n"
		);
		expect(registry).toHaveLength(1);
		expect(registry[0]).toContain('a manifest imports no Svelte code');
		expect(
			await restricted(
				'src/analyses/rfm/index.ts',
				"import type { Component } from 'svelte';\nimport { sql } from '../../core/sql';\nexport type C = Component;\nexport const s = sql;\n"
			)
		).toEqual([]);
	});

	it('allowed imports pass: core from nested core, db or charts; db from state', async () => {
		expect(
			await restricted(
				'src/db/fine.ts',
				"import { sql } from '../core/sql';\nexport const s = sql;\n"
			)
		).toEqual([]);
		expect(
			await restricted(
				'src/analyses/rfm/chart.ts',
				"import * as Plot from '@observablehq/plot';\nimport { sql } from '../../core/sql';\nexport const p = [Plot, sql];\n"
			)
		).toEqual([]);
		expect(
			await restricted(
				'src/core/ingest/fine.ts',
				"import { sql } from '../sql';\nexport const s = sql;\n"
			)
		).toEqual([]);
		expect(
			await restricted(
				'src/state/fine.ts',
				"import type { Engine } from '../db/engine';\nexport type E = Engine;\n"
			)
		).toEqual([]);
	});
});
