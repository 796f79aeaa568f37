/**
 * What a new password must be: kept exactly as typed (no trimming), at least MIN_LENGTH characters, not one
 * of the most common passwords (common-passwords.txt, compared ignoring case), not a single repeated
 * character or a plain run such as 1234567890 / abcdefghij, and not the username (either way round).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MessageKey } from '../../schema/messages';
import { ROOT } from '../root';

export const MIN_LENGTH = 10;
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!common) {
    const text = fs.readFileSync(path.join(ROOT, 'server/auth/common-passwords.txt'), 'utf8');
    common = new Set(
      text
        .split('\n')
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return common;
}

/** 1111111111, 1234567890, 9876543210, abcdefghij: every step the same (0 or ±1). */
function isRun(s: string): boolean {
  const codes = [...s].map((ch) => ch.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]);
}

export function passwordProblem(password: string, username?: string | null): MessageKey | null {
  if ([...password].length < MIN_LENGTH) return 'password_short';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || isRun(lower)) return 'password_common';
  const name = username?.trim().toLowerCase();
  if (name && (lower === name || lower === [...name].reverse().join(''))) return 'password_username';
  return null;
}
