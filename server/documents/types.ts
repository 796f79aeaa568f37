/** One printable document: where its data comes from and how it is drawn (one module per document). */
import type { Lang } from '../../schema/messages';
import type { Db } from '../db';
import type { Actor } from '../services/context';
import type { Row } from '../services/records';
import type { Company } from './company';
import type { SafeHtml } from './html';

export interface DocContext {
  db: Db;
  actor: Actor;
  /** the language of error messages (the documents themselves are Chinese) */
  lang: Lang;
  /** the business date (the clock's today) */
  today: string;
  /** the clock's current instant (ISO) */
  now: string;
  company: Company;
}

export type DocQuery = Record<string, string | undefined>;

export interface DocumentTemplate<D = unknown> {
  /** the URL segment: /api/workflows/documents/<key>/<id> */
  key: string;
  /** the record it prints: the document is readable exactly when this record is (matrix + own-record scope) */
  resource: string;
  /** 购货者档案, 出库单, … */
  title: string;
  landscape?: boolean;
  /** reads everything the document shows; throws badRequest for unusable query parameters */
  gather(ctx: DocContext, row: Row, query: DocQuery): Promise<D>;
  /** the download's name without extension, e.g. 出库单-CK2025060101 */
  fileName(data: D): string;
  /** one or more `.sheet` sections */
  render(data: D, ctx: DocContext): SafeHtml | Promise<SafeHtml>;
}
