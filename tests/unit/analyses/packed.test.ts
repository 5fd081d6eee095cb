// The packed lists the basket and loyalty jobs receive (src/analyses/packed.ts).
import { describe, expect, it } from 'vitest';
import { expectCount, splitPacked } from '../../../src/analyses/packed';

describe('splitPacked', () => {
	it('splits a line per entry, empty lines kept', () => {
		expect(splitPacked('a\n\nb')).toEqual(['a', '', 'b']);
		expect(splitPacked('a\n\nb', 3)).toEqual(['a', '', 'b']);
	});
	it('reads empty text as no line, or one empty line when one is expected', () => {
		expect(splitPacked('')).toEqual([]);
		expect(splitPacked('', 0)).toEqual([]);
		expect(splitPacked('', 1)).toEqual(['']);
	});
	it('refuses a count other than the one expected, naming what', () => {
		expect(() => splitPacked('a\nb', 3, 'members')).toThrow(
			'members differ in number: 2 given, 3 expected'
		);
		expect(() => splitPacked('', 2, 'members')).toThrow(/differ in number/);
		expect(() => expectCount([1], 2, 'lists')).toThrow(/lists differ in number/);
		expect(expectCount([1, 2], undefined, 'lists')).toEqual([1, 2]);
	});
});
