/**
 * The ledger import's write side, chosen by engine (issue #17): phase 1 (reading, resolving, grouping, the
 * rules, staging — orders.ts, staging.ts) is shared; what differs is how phase 1 reads the main database
 * synchronously and how the staging file is merged.
 * - SQLite: phase 1 reads the main connection itself; the merge is the bulk merge of ledger-merge.ts (the
 *   writer held with exclusive(), its own short synchronous transactions, the read connection closed meanwhile).
 * - PostgreSQL: phase 1 reads an in-memory mirror (pg-mirror.ts); the merge streams the staging file by COPY and
 *   merges it in one transaction that holds the advisory write lock only to reserve its id ranges and to finish
 *   (server/services/bulk/pg-merge.ts).
 */
import type Database from 'better-sqlite3';
import { type Db, engineOf, exclusive, soleWriter } from '../../../server/db';
import { mergeStaging } from '../../../server/services/bulk';
import { pgMergeStaging } from '../../../server/services/bulk/pg-merge';
import type { ImportRowValues } from '../../../server/services/bulk';
import type { ServiceContext } from '../../../server/services/context';
import type { Written } from '../finish';
import { mirrorForPhase1 } from './pg-mirror';
import type { Staging } from './staging';

export interface LedgerWriter {
  /** the main database as phase 1's order builder reads it: synchronous statements */
  readonly main: Database.Database;
  merge(ctx: ServiceContext, staging: Staging, values: ImportRowValues, opts: { force: boolean; reason: string }): Promise<Written>;
  close(): void;
}

export async function ledgerWriter(db: Db): Promise<LedgerWriter> {
  if (engineOf(db).dialect === 'postgres') {
    const main = await mirrorForPhase1(db);
    return {
      main,
      merge: (ctx, staging, values, opts) => {
        staging.commit();
        return pgMergeStaging(ctx, staging.db, values, opts);
      },
      close: () => main.close(),
    };
  }
  return {
    main: db.$client,
    merge: (ctx, staging, values, opts) =>
      exclusive(ctx.db, () =>
        soleWriter(ctx.db, () => {
          staging.commit();
          return mergeStaging(ctx, staging.file, values, opts);
        }),
      ),
    close: () => {},
  };
}
