/**
 * Derives from the rules' code which columns of each master resource a sales-line rule may read, and how:
 * the rule modules (schema/rules), the legacy-facts and lifecycle declarations they consult, the record
 * views and finding context built for them, each compiled to JS (types and comments gone) and cut into
 * identifiers and quoted words. A column named anywhere there is read (a superset by design: `name`,
 * `type`… count wherever they appear), except in a dotted string — `'customer.address'` is how a finding
 * names a field, not a read. A column named only as `has(….column)` is read for being filled or not
 * (RECORD_INCOMPLETE's checklist): changing one filled value for another cannot change a finding.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { getTableColumns } from 'drizzle-orm';
import { registry } from '../../../schema/resources';
import { MASTER_OF_LINES, type RuleReads } from '../../../server/services/rules/rule-reads';

const ROOT = path.resolve(__dirname, '../../..');
const SOURCES = [
  ...fs
    .readdirSync(path.join(ROOT, 'schema/rules'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `schema/rules/${f}`),
  'schema/legacy.ts',
  'schema/lifecycle.ts',
  'schema/enums.ts',
  'server/services/rules/views.ts',
  'server/services/rules/finding-context.ts',
];

function ruleCode(): string {
  return SOURCES.map((f) => transformSync(fs.readFileSync(path.join(ROOT, f), 'utf8'), { loader: 'ts', format: 'esm' }).code)
    .join('\n')
    .replace(/(['"`])[A-Za-z_]\w*(\.[A-Za-z_]\w*)+\1/g, "''"); // finding field paths
}

export function scanRuleReads(): Record<string, RuleReads> {
  const code = ruleCode();
  const count = (re: RegExp) => code.match(re)?.length ?? 0;
  return Object.fromEntries(
    MASTER_OF_LINES.map((name) => {
      const value: string[] = [];
      const presence: string[] = [];
      for (const c of Object.keys(getTableColumns(registry.get(name)!.table as never)).sort()) {
        const all = count(new RegExp(`(?<![\\w$])${c}(?![\\w$])`, 'g'));
        if (!all) continue;
        const filled = count(new RegExp(`\\bhas\\([\\w$?.]*\\.${c}\\)`, 'g'));
        (filled === all ? presence : value).push(c);
      }
      return [name, { value, presence }];
    }),
  );
}
