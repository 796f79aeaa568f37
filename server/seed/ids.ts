/** Identifiers that pass schema/checks.ts: GB 32100 credit codes and GB 11643 resident ID numbers. */
import type { Rng } from './random';

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A unified social credit code: registration authority + type (`91` company, `12` public institution,
 * `52` private non-profit, `92` sole trader), the 6-digit region code, a 9-character organisation code, the mod-31 check.
 */
export function creditCode(rng: Rng, prefix: '91' | '92' | '12' | '52', regionCode: string): string {
  let org = rng.digits(8);
  org += CREDIT_CHARS[rng.int(0, 30)];
  const body = prefix + regionCode + org;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(body[i]) * CREDIT_WEIGHTS[i];
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A resident ID number: region, birth date, sequence (odd for men, even for women), ISO 7064 check. */
export function idNumber(rng: Rng, regionCode: string, birth: string, male: boolean): string {
  let seq = rng.int(0, 99) * 10 + rng.int(0, 4) * 2 + (male ? 1 : 0);
  seq = Math.min(seq, 999);
  const body = regionCode + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}
