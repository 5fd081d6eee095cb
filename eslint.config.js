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
	// Layering (DESIGN.md §2): core is pure; ui never talks SQL/DuckDB/Plot directly.
	{
		files: ['src/core/**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						'svelte',
						'svelte/*',
						'@duckdb/*',
						'@observablehq/*',
						'../db/*',
						'../ui/*',
						'../state/*',
						'../charts/*',
						'../export/*'
					]
				}
			]
		}
	},
	{
		files: ['src/ui/**', 'src/App.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['@duckdb/*', '@observablehq/*'], allowTypeImports: true }] }
			]
		}
	}
);
