/** The server's refusals as react-hook-form holds them (setSubmissionErrors: type 'server'), flattened. */
import type { FieldErrors } from 'react-hook-form';

/** A rule that names no field of the form comes back under this key. */
export const RULES_KEY = '_rules';

export interface ServerMessage {
  path: string;
  message: string;
}

/** Every server-set error of the form, depth first (`sales_lines.0.batch`), root excluded. */
export function serverMessages(errors: FieldErrors | Record<string, unknown>, prefix = ''): ServerMessage[] {
  const out: ServerMessage[] = [];
  for (const [key, value] of Object.entries(errors ?? {})) {
    if (!value || typeof value !== 'object' || key === 'root' || key === 'ref') continue;
    const entry = value as { type?: unknown; message?: unknown };
    if (entry.type === 'server' && typeof entry.message === 'string') out.push({ path: `${prefix}${key}`, message: entry.message });
    else out.push(...serverMessages(value as Record<string, unknown>, `${prefix}${key}.`));
  }
  return out;
}

/** The distinct messages to show at the form's foot: one rule named on several fields is said once. */
export function refusalTexts(errors: FieldErrors | Record<string, unknown>): string[] {
  return [
    ...new Set(
      serverMessages(errors)
        .flatMap((m) => m.message.split('；'))
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
