import type { Credential } from '../bootstrap';
import type { Clock } from '../clock';
import type { Db } from '../db';

/** Placeholder until the demo generator lands: seeds nothing. */
export function seedDemo(_db: Db, _clock: Clock): Credential[] {
  return [];
}
