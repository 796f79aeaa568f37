/**
 * isWellFormed (schema/unicode.ts) is the engine's own String.prototype.isWellFormed where it has one (every
 * import cell and API string passes it): the same answers as the definition it replaced — no lone surrogate —
 * on the edge cases and on random strings dense in surrogates.
 */
import { describe, expect, it } from 'vitest';
import { isWellFormed, toWellFormed } from '../../schema/unicode';

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const byDefinition = (s: string) => !LONE.test(s);

describe('isWellFormed', () => {
  it('answers as the definition: lone high or low surrogates anywhere, pairs in order, none', () => {
    const cases = [
      '',
      'abc',
      '张三',
      '𠀀',
      '\ud840\udc00',
      '\ud800',
      '\udc00',
      'a\ud800',
      '\udc00a',
      '\udc00\ud800',
      '\ud800\ud800\udc00',
      '00123',
      '𠀀\ud800',
    ];
    for (const s of cases) expect(isWellFormed(s)).toBe(byDefinition(s));
    expect(isWellFormed('何娟𠀀')).toBe(true);
    expect(isWellFormed('lone \ud800 surrogate')).toBe(false);
  });

  it('on random strings of surrogates and letters', () => {
    const units = [0x41, 0x5f20, 0xd800, 0xdbff, 0xdc00, 0xdfff];
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 5000; i++) {
      const s = String.fromCharCode(...Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => units[Math.floor(rnd() * units.length)]));
      expect(isWellFormed(s)).toBe(byDefinition(s));
      expect(isWellFormed(toWellFormed(s))).toBe(true);
    }
  });
});
