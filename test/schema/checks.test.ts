/** schema/checks.ts: GB 32100 credit codes and GB 11643 ID numbers. */
import { describe, expect, test } from 'vitest';
import { isCreditCode, isIdNumber } from '../../schema/checks';

describe('isCreditCode (GB 32100-2015, mod-31 check character)', () => {
  test.each([
    '91350100M000100Y43', // the standard's own example
    '914403001922038216',
    '91110000802100433B',
    '91420100MA4K0000XJ',
    '9142010100481MA4KY', // check character Y (the last of the 31)
    '9142010100851MA4K0', // check character 0 ((31 - 0) % 31)
    '9142010102553MA4K1',
  ])('valid: %s', (code) => expect(isCreditCode(code)).toBe(true));

  test.each([
    ['91350100M000100Y44', 'wrong check character'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y430', '19 characters'],
    ['91350100m000100y43', 'lower case (the API upper-cases before checking)'],
    ['91350100I000100Y43', 'I is not in the alphabet'],
    ['91350100O000100Y43', 'O is not in the alphabet'],
    ['9135010SM000100Y43', 'letter in the division code'],
    ['91350100M000100Y4Z', 'Z is not in the alphabet'],
    ['', 'empty'],
    ['91350100M 00100Y43', 'space'],
  ])('invalid: %s (%s)', (code) => expect(isCreditCode(code)).toBe(false));
});

describe('isIdNumber (GB 11643, ISO 7064 MOD 11-2)', () => {
  test.each([
    '11010519491231002X', // the standard's own example
    '11010519491231002x', // lower-case x
    '110101199003074696',
    '440308199001011239',
    '420102199001011041',
    '420102199001011180', // check digit 0
    '42010219900101105X',
  ])('valid: %s', (id) => expect(isIdNumber(id)).toBe(true));

  test.each([
    ['110101199003074690', 'wrong check digit'],
    ['110105194912310021', 'X expected'],
    ['11010519491231002', '17 characters'],
    ['110105491231002', 'old 15-digit number'],
    ['1101051949123100X2', 'X not last'],
    ['11010519491231002Y', 'Y as check'],
    ['A1010519491231002X', 'letter in the body'],
    ['', 'empty'],
  ])('invalid: %s (%s)', (id) => expect(isIdNumber(id)).toBe(false));
});
