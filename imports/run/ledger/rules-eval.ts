/**
 * A ledger order's rules, evaluated with the order complete (orders.ts decides when): every line's rules and
 * its slip's, the findings written as staged findings and report rows (findingSink).
 *
 * A new order is evaluated where its rows are staged (WindowEvaluator, staging-store.ts): in a big import
 * that is the staging thread, so the rules run on the second core while the import thread reads on. The
 * order travels as the rows it is staged as (StagedWindow: no second copy of its lines); the evaluator
 * turns them back into the records the rules read. Orders read back from the staging file or the database
 * (scattered, re-imported) are evaluated in the import thread (orders.ts).
 */
import {
  createMemoryContext,
  rulesFor,
  saleLineViewsFor,
  type Finding,
  type Loose,
  type MemoryContext,
  type MemoryData,
  type OutboundSlipRow,
  type RuleContext,
  type SalesLineRow,
  type SalesOrderRow,
  type SpecialCheckRow,
} from '../../../schema/rules';
import type { Lang } from '../../../schema/messages';
import { detailOf, type FindingDetail } from '../../../server/services/rules/finding-text';
import { LEDGER_FIELDS } from '../../headers/ledger-fields';
import type { KindInfo } from '../../headers/kinds';
import type { HeaderMapping } from '../../headers/map';
import { headerLookup, ledgerFindingHeaders, type HeaderOf } from '../fields';
import { INSERT_COLS } from './staging-tables';

/** What the rules of one order read: the order, its lines and slips (with the ledger rows on each), invoices, check. */
export interface EvalWindow {
  ref: number;
  order: SalesOrderRow;
  lines: ReadonlyArray<{ ref: number; row: number; data: Loose<SalesLineRow> }>;
  slips: ReadonlyArray<{ ref: number; data: Loose<OutboundSlipRow>; rows: readonly number[]; isNew: boolean }>;
  /** the invoices linked to a slip of the order (what the line view shows, as the database view does) */
  invoices: ReadonlyArray<{ id: number; invoice_no: string; invoice_date: string | null }>;
  check: Loose<SpecialCheckRow> | null;
  /** lines of the order already in the database (a re-imported order) */
  prior?: readonly Loose<SalesLineRow>[];
}

/** Where findings go: the staging file (DB findings + report rows). */
export interface FindingSink {
  line(f: Finding, lineRef: number, row: number, orderRef: number): void;
  slip(f: Finding, slipRef: number | null, rows: readonly number[], orderRef: number): void;
}

/** The staged findings and report rows (Staging, or a window evaluator's own lists). */
export interface FindingRows {
  finding(
    rule: string,
    severity: string,
    resource: string,
    recordId: number,
    row: number | null,
    fields: string[],
    message: string,
    detail: FindingDetail,
  ): void;
  reportFinding(row: number, rule: string, severity: string, fields: string[], message: string, order: number | null): void;
}

const LEDGER_KEYS = new Set(LEDGER_FIELDS.map((f) => f.key));

/** The ledger's findings as staged: the DB finding in Chinese, the report row in the import's language under the file's headers. */
export function findingSink(out: FindingRows, lang: Lang, headerOf: HeaderOf): FindingSink {
  const message = (f: Finding) => (lang === 'en' ? f.message.en : f.message.zh);
  const headerCache = new Map<string, string[]>();
  const headersOf = (fields: string[]) => {
    const k = fields.join('\u0001');
    let h = headerCache.get(k);
    if (!h) headerCache.set(k, (h = ledgerFindingHeaders(fields, headerOf, LEDGER_KEYS)));
    return h;
  };
  return {
    line(f, ref, row, order) {
      out.finding(f.code, f.severity, 'sales_lines', ref, row, f.fields, f.message.zh, detailOf(f));
      out.reportFinding(row, f.code, f.severity, headersOf(f.fields), message(f), order);
    },
    slip(f, ref, rows, order) {
      if (ref != null) out.finding(f.code, f.severity, 'outbound_slips', ref, rows[0], f.fields, f.message.zh, detailOf(f));
      const fields = headersOf(f.fields);
      for (const row of rows) out.reportFinding(row, f.code, f.severity, fields, message(f), order);
    },
  };
}

// What a sales-ledger import evaluates per row (RULES.md): the line's rules and its slip's (OUTBOUND_NOT_REVIEWED,
// RECEIPT_UNCONFIRMED, SPECIAL_ARRIVAL_UNCONFIRMED); CONTRACT_TERMS_MISSING only when a contract itself is imported.
const LINE_RULES = rulesFor('sales_lines');
const SLIP_RULES = rulesFor('outbound_slips');

/**
 * The rules of every row of the window: the line's, and its slip's (reported on each row of the slip). `ctx`
 * answers order/orderLines for the window itself (windowContext). `all`: every staged slip gets its findings
 * (an order evaluated again at the end), else only the slips this window created.
 */
export function evaluateWindow(w: EvalWindow, ctx: RuleContext, sink: FindingSink, all: boolean): void {
  // the same views the server builds from the database (schema/rules/sale-line-view.ts)
  const views = saleLineViewsFor(
    w.order,
    w.lines.map((l) => l.data),
    { outbounds: w.slips.map((s) => s.data), invoices: w.invoices.map((i) => ({ ...i, payments: [] })), special_check: w.check },
  );
  for (let j = 0; j < views.length; j++) {
    const l = w.lines[j];
    for (const r of LINE_RULES) {
      const found = r.check(views[j], ctx);
      for (let i = 0; i < found.length; i++) sink.line(found[i], l.ref, l.row, w.ref);
    }
  }
  for (const s of w.slips) {
    if (!s.rows.length) continue;
    const dbRef = s.ref < 0 && (s.isNew || all) ? s.ref : null;
    for (const r of SLIP_RULES) for (const f of r.check(s.data, ctx)) sink.slip(f, dbRef, s.rows, w.ref);
  }
}

/** A rule context that answers the window's own order and lines (orderLines: prior + new) from `current()`. */
export function windowContext(base: RuleContext, current: () => EvalWindow | null): RuleContext {
  let cached: { w: EvalWindow; n: number; lines: Loose<SalesLineRow>[] } | null = null;
  return {
    ...base,
    order: (id) => {
      const w = current();
      return w && id === w.ref ? w.order : base.order(id);
    },
    orderLines: (id) => {
      const w = current();
      if (!w || id !== w.ref) return base.orderLines(id);
      const n = (w.prior?.length ?? 0) + w.lines.length;
      if (!cached || cached.w !== w || cached.n !== n) cached = { w, n, lines: [...(w.prior ?? []), ...w.lines.map((l) => l.data)] };
      return cached.lines;
    },
  };
}

/**
 * A new order as staged: its rows in INSERT_COLS order (lines with their staging-only row, slip, invoice),
 * the invoices its slips link to, and where its findings go among the findings and report rows staged
 * beside it (counts of rows before them, in the same hand-over).
 */
export interface StagedWindow {
  order: unknown[];
  /** outbound slips, flat */
  slips: unknown[];
  check: unknown[] | null;
  /** sales lines, flat */
  lines: unknown[];
  invoices: EvalWindow['invoices'];
  findingsAt: number;
  reportAt: number;
}

/** What a staging thread needs to evaluate: the master data the import loaded, the language, the file's headers. */
/** What every legacy fact of one import names: its file and the importing user. */
export interface FactsSource {
  file: string;
  by: string;
}

/**
 * A step record's legacy facts (guard.ts factsFor: file, row, user, trusted, fields) as a window carries them:
 * `[row, trusted, field, value, …]` — the file and the user are the same for every record of the import, and
 * the staging thread makes the facts (for the rules) and their JSON text (for the file) from it. Anything
 * else: its JSON text, as staged.
 */
export function factsToken(f: unknown, src: FactsSource): unknown {
  if (f == null || typeof f === 'string') return f ?? null;
  const x = f as { file?: unknown; rows?: unknown; by?: unknown; trusted?: unknown; fields?: Record<string, unknown> };
  if (
    x.file === src.file &&
    x.by === src.by &&
    Array.isArray(x.rows) &&
    x.rows.length === 1 &&
    typeof x.trusted === 'boolean' &&
    x.fields &&
    Object.keys(x).length === 5
  ) {
    const t: unknown[] = [x.rows[0], x.trusted];
    for (const k in x.fields) t.push(k, x.fields[k]);
    return t;
  }
  return JSON.stringify(f);
}

/**
 * A legacy document's facts (a ledger order: `{ file, rows: [row], state }`, its state as the ledger shows it) as
 * a window carries them: `[row, state]` — made the object and the JSON text where the order is evaluated, as a
 * step record's token is.
 */
export const documentFactsToken = (row: number, state: string): unknown[] => [row, state];

/** The facts a token stands for: the same object factsFor made, or a document's (its JSON text the same). */
function factsOfToken(t: readonly unknown[], src: FactsSource): Record<string, unknown> {
  if (t.length === 2) return { file: src.file, rows: [t[0]], state: t[1] };
  const fields: Record<string, unknown> = {};
  for (let i = 2; i < t.length; i += 2) fields[t[i] as string] = t[i + 1];
  return { file: src.file, rows: [t[0]], by: src.by, trusted: t[1], fields };
}

/** A collection of the rule context that the import adds records to. */
export type ContextCollection = Parameters<MemoryContext['add']>[0];

export interface RulesInit {
  data: MemoryData;
  /** the file and the importing user every step record's legacy facts name (guard.ts factsFor) */
  facts: FactsSource;
  lang: Lang;
  kindFields: Array<{ key: string; label: string }>;
  columns: HeaderMapping['columns'];
}

type RecordOf = (rows: readonly unknown[], at: number) => Record<string, unknown>;
/**
 * A staged row as the record the rules read: its first `width` columns, the id as the import references it
 * (negated). Made as one object literal of a fixed shape (a function per table, built once): a window's
 * lines are turned back into records at the rate they are read. Its legacy facts are made an object after.
 */
function recordOf(table: string, width: number): RecordOf {
  const cols = INSERT_COLS.get(table)!.slice(0, width);
  const body = cols.map((c, i) => `${JSON.stringify(c)}: ${c === 'id' ? '-' : ''}r[at + ${i}]`).join(', ');
  return new Function('r', 'at', `return { ${body} };`) as RecordOf;
}

/** The staged tables' record makers (made on first use, from the columns staging-tables.ts defines). */
let shapes: ReturnType<typeof makeShapes> | null = null;
function makeShapes() {
  const width = (t: string) => INSERT_COLS.get(t)!.length;
  // a staged line's own columns, without the staging-only row, slip, invoice that follow them
  const lineOwn = width('sales_lines') - 3;
  const factsAt = (t: string) => INSERT_COLS.get(t)!.indexOf('legacy_facts');
  return {
    factsAt: { order: factsAt('sales_orders'), slip: factsAt('outbound_slips'), check: factsAt('special_checks'), line: factsAt('sales_lines') },
    order: recordOf('sales_orders', width('sales_orders')),
    slipWidth: width('outbound_slips'),
    slip: recordOf('outbound_slips', width('outbound_slips')),
    check: recordOf('special_checks', width('special_checks')),
    lineWidth: width('sales_lines'),
    lineOwn,
    line: recordOf('sales_lines', lineOwn),
  };
}

/**
 * A record's legacy facts as the rules read them (an object), and in its staged row as the file keeps them
 * (JSON text): a token (factsToken, orderFactsToken) is made both, a text parsed.
 */
function factsIn(rec: Record<string, unknown>, rows: unknown[], at: number, src: FactsSource) {
  const v = rec.legacy_facts;
  if (Array.isArray(v)) {
    rows[at] = factsText(v, src);
    rec.legacy_facts = factsOfToken(v, src);
  } else if (typeof v === 'string') rec.legacy_facts = JSON.parse(v);
}

/** The file and the user as JSON text, once per import (factsText). */
const srcJson = new WeakMap<FactsSource, { file: string; by: string }>();

/**
 * A token's facts as JSON text: what JSON.stringify gives of the object factsOfToken makes, written straight
 * for the two shapes every record has (a document's, a step record's one field: half the CPU of building
 * and stringifying the object); any other token through the object.
 */
function factsText(t: readonly unknown[], src: FactsSource): string {
  let j = srcJson.get(src);
  if (!j) srcJson.set(src, (j = { file: JSON.stringify(src.file), by: JSON.stringify(src.by) }));
  if (t.length === 2 && typeof t[1] === 'string') return `{"file":${j.file},"rows":[${JSON.stringify(t[0])}],"state":${JSON.stringify(t[1])}}`;
  if (t.length === 4 && typeof t[1] === 'boolean' && typeof t[2] === 'string' && t[3] !== undefined)
    return `{"file":${j.file},"rows":[${JSON.stringify(t[0])}],"by":${j.by},"trusted":${t[1]},"fields":{${JSON.stringify(t[2])}:${JSON.stringify(t[3])}}}`;
  return JSON.stringify(factsOfToken(t, src));
}

/** A staged line (at `at` of flat line rows) as the record the rules read; its legacy facts made JSON text in the row. */
export function lineRecord(rows: unknown[], at: number, src: FactsSource): Loose<SalesLineRow> {
  const sh = (shapes ??= makeShapes());
  const data = sh.line(rows, at);
  factsIn(data, rows, at + sh.factsAt.line, src);
  return data as Loose<SalesLineRow>;
}

/** A staged outbound slip, the same way. */
export function slipRecord(rows: unknown[], at: number, src: FactsSource): Loose<OutboundSlipRow> & { id: number } {
  const sh = (shapes ??= makeShapes());
  const data = sh.slip(rows, at);
  factsIn(data, rows, at + sh.factsAt.slip, src);
  return data as Loose<OutboundSlipRow> & { id: number };
}

/** The legacy facts' JSON text in every staged row of a flat list whose facts may still be tokens. */
export function factsAsText(table: 'sales_lines' | 'outbound_slips', rows: unknown[], from: number, src: FactsSource): void {
  const width = INSERT_COLS.get(table)!.length;
  const c = INSERT_COLS.get(table)!.indexOf('legacy_facts');
  for (let at = from + c; at < rows.length; at += width) {
    const v = rows[at];
    if (Array.isArray(v)) rows[at] = factsText(v, src);
  }
}

/**
 * A staged window turned back into the records the rules read (one object literal per row, of a fixed shape);
 * its rows made ready to insert (legacy facts as JSON text).
 */
export function windowRecords(sw: Omit<StagedWindow, 'findingsAt' | 'reportAt'>, src: FactsSource): EvalWindow {
  const sh = (shapes ??= makeShapes());
  const order = sh.order(sw.order, 0) as unknown as SalesOrderRow;
  factsIn(order as unknown as Record<string, unknown>, sw.order, sh.factsAt.order, src);
  const ref = order.id as number;
  const lines: Array<{ ref: number; row: number; data: Loose<SalesLineRow> }> = [];
  const slipRows = new Map<number, number[]>();
  for (let at = 0; at < sw.lines.length; at += sh.lineWidth) {
    const data = lineRecord(sw.lines, at, src);
    const row = sw.lines[at + sh.lineOwn] as number;
    const slip = sw.lines[at + sh.lineOwn + 1] as number | null;
    lines.push({ ref: data.id as number, row, data });
    if (slip != null) {
      const r = slipRows.get(slip);
      if (r) r.push(row);
      else slipRows.set(slip, [row]);
    }
  }
  const slips: EvalWindow['slips'][number][] = [];
  for (let at = 0; at < sw.slips.length; at += sh.slipWidth) {
    const data = slipRecord(sw.slips, at, src);
    slips.push({ ref: data.id, data, rows: slipRows.get(data.id) ?? [], isNew: true });
  }
  const check = sw.check ? (sh.check(sw.check, 0) as Loose<SpecialCheckRow>) : null;
  if (check && sw.check) factsIn(check as Record<string, unknown>, sw.check, sh.factsAt.check, src);
  return { ref, order, lines, slips, invoices: sw.invoices, check };
}

/** Findings and report rows of the windows evaluated, in the order made, each list flat in INSERT_COLS order. */
class Collected implements FindingRows {
  findings: unknown[] = [];
  report: unknown[] = [];
  finding(rule: string, severity: string, resource: string, recordId: number, row: number | null, fields: string[], message: string, detail: FindingDetail) {
    this.findings.push(rule, severity, resource, recordId, row, JSON.stringify(fields), message, JSON.stringify(detail));
  }
  reportFinding(row: number, rule: string, severity: string, fields: string[], message: string, order: number | null) {
    this.report.push(row, rule, severity, JSON.stringify(fields), message, order);
  }
}

/** Evaluates staged windows in the staging thread (the import thread evaluates its own through windowRecords: orders.ts). */
export class WindowEvaluator {
  private window: EvalWindow | null = null;
  private readonly ctx: RuleContext;
  private readonly out = new Collected();
  private readonly sink: FindingSink;

  constructor(
    readonly base: MemoryContext,
    lang: Lang,
    headerOf: HeaderOf,
    private readonly src: FactsSource,
  ) {
    this.ctx = windowContext(base, () => this.window);
    this.sink = findingSink(this.out, lang, headerOf);
  }

  /** In a staging thread: the master data sent over (records the import creates follow as `add`s). */
  static fromInit(init: RulesInit): WindowEvaluator {
    return new WindowEvaluator(
      createMemoryContext(init.data),
      init.lang,
      headerLookup({ fields: init.kindFields } as unknown as KindInfo, init.columns),
      init.facts,
    );
  }

  /**
   * The window's findings and report rows (flat, in INSERT_COLS order of findings / report_findings); its
   * rows made ready to insert (legacy facts as JSON text).
   */
  evaluate(sw: StagedWindow): { findings: unknown[]; report: unknown[] } {
    this.window = windowRecords(sw, this.src);
    try {
      evaluateWindow(this.window, this.ctx, this.sink, false);
    } finally {
      this.window = null;
    }
    const r = { findings: this.out.findings, report: this.out.report };
    this.out.findings = [];
    this.out.report = [];
    return r;
  }
}
