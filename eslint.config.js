import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['dist/', 'node_modules/', 'bench/', 'coverage/', '.scratch/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig, extraFileExtensions: ['.svelte'] }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-at-html-tags': 'error',
			// Local Date/Set values used for computation only are not state; this rule flags them all.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	// Layering (DESIGN.md §2, GUIDE.md §2): ui → state → {db, charts, export} → core, one way.
	// Patterns are globs on the import path, so they hold at any folder depth. An analysis folder
	// (src/analyses/<id>/) splits by file: sql.ts obeys core's rule, chart.ts the charts rule and
	// Section.svelte the ui rule. Each file matches exactly one block below (a later block would
	// replace an earlier one's rule options, not add to them).
	...layers()
);

/**
 * One no-restricted-imports block per layer. `layer(name)` matches an import of that folder at
 * any depth; `allowTypeImports` lets the ui name DuckDB/Plot types without importing their code.
 */
function layers() {
	const banned = (message, group, allowTypeImports = false) => ({
		group,
		message,
		allowTypeImports
	});
	const layer = (name) => [`**/${name}/**`, `**/${name}`];
	const svelteRuntime = ['svelte', 'svelte/*', '*.svelte', '**/*.svelte'];
	const duck = ['@duckdb/*', 'apache-arrow'];
	const plot = ['@observablehq/*'];
	const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
	const analysis = (file) => `src/analyses/*/${file}`;
	// An analysis folder's other .ts files (presets.ts, messages.ts, sql/…) are core code; its
	// chart files follow the charts rule, its manifest (index.ts) the registry rule.
	const chartFiles = [analysis('chart.ts'), analysis('chart/**/*.ts')];
	const registryFiles = ['src/analyses/*.ts', analysis('index.ts')];
	return [
		{
			files: ['src/core/**/*.ts', analysis('**/*.ts')],
			ignores: [...chartFiles, ...registryFiles],
			rules: {
				'@typescript-eslint/no-explicit-any': 'error',
				...rule(
					banned('core is pure: no Svelte.', svelteRuntime),
					banned('core is pure: no DuckDB or Arrow.', duck),
					banned('core is pure: no Plot.', plot),
					banned(
						'core imports only core (no db, ui, state, charts, export, i18n).',
						['db', 'ui', 'state', 'charts', 'export', 'i18n'].flatMap(layer)
					)
				)
			}
		},
		{
			files: ['src/db/**/*.ts'],
			rules: rule(
				banned('db imports only core (no Svelte, no Plot).', [...svelteRuntime, ...plot]),
				banned(
					'db imports only core (no ui, state, charts, export, i18n).',
					['ui', 'state', 'charts', 'export', 'i18n'].flatMap(layer)
				)
			)
		},
		{
			// The registry and the manifests: core's rule, plus Svelte component types (a manifest's
			// section is a lazy import(), which this rule does not see).
			files: registryFiles,
			rules: {
				'@typescript-eslint/no-explicit-any': 'error',
				...rule(
					banned('a manifest imports no Svelte code (types are fine).', svelteRuntime, true),
					banned('a manifest imports no DuckDB, Arrow or Plot.', [...duck, ...plot]),
					banned(
						'a manifest imports only core and its folder (no db, ui, state, charts, export, i18n).',
						['db', 'ui', 'state', 'charts', 'export', 'i18n'].flatMap(layer)
					)
				)
			}
		},
		{
			files: ['src/charts/**/*.ts', ...chartFiles],
			rules: rule(
				banned('charts import only core and Plot (no Svelte, no DuckDB).', [
					...svelteRuntime,
					...duck
				]),
				banned(
					'charts import only core and Plot (no db, ui, state, export, i18n).',
					['db', 'ui', 'state', 'export', 'i18n'].flatMap(layer)
				)
			)
		},
		{
			files: ['src/export/**/*.ts'],
			rules: rule(
				banned('export imports only core and charts (no Svelte, no DuckDB).', [
					...svelteRuntime,
					...duck
				]),
				banned(
					'export imports only core and charts (no db, ui, state, i18n).',
					['db', 'ui', 'state', 'i18n'].flatMap(layer)
				)
			)
		},
		{
			files: ['src/state/**/*.ts'],
			rules: rule(banned('state never imports ui (its modules or components).', layer('ui')))
		},
		{
			files: [
				'src/ui/**/*.{ts,svelte}',
				'src/App.svelte',
				'src/main.ts',
				analysis('Section.svelte'),
				analysis('*.svelte')
			],
			rules: rule(
				banned('ui talks to the engine through state, never db.', layer('db')),
				banned('ui never uses DuckDB or Plot values (types are fine).', [...duck, ...plot], true)
			)
		}
	];
}
