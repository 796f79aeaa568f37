/**
 * The import API (DESIGN.md "Importer"): POST /api/imports (multipart) answers with the JSON report;
 * downloads (template, stored file, report, problem rows) are plain same-origin GET links (the session
 * cookie goes with them). The upload runs over XMLHttpRequest for its upload progress; when the server
 * streams its answer as NDJSON (progress lines, then the report) its phase, rows and bytes read are too.
 */
import { API_URL } from '../providers/http-client';
import { currentLocale } from '../providers/locale';
import type { ImportPhase } from '../../../imports/run/progress';
import type { Counts, ReportFinding, ReportHead, ReportReject, ReportTotals } from '../../../imports/run/types';

export type { ReportFinding, ReportReject, ReportTotals };

/** The report's head is the importer's own type (imports/run/types.ts): one definition for both sides. */
export type ImportCounts = Counts;

export interface ImportReport extends ReportHead {
  findings: ReportFinding[];
  rejected: ReportReject[];
  /** exact counts over the whole file (per rule, severity, distinct rows); the lists above may be capped */
  totals?: ReportTotals;
  created?: Record<string, Array<{ row: number; name: string; [k: string]: unknown }>>;
  unresolved?: Record<string, Array<{ row: number; value: string }>>;
  skipped?: Array<{ row: number; reason: string }>;
  duplicateOf?: number;
  records?: Record<string, number>;
  /** the date the rules judged against, and a ledger's latest sale date */
  asOf?: string;
  latestDate?: string;
  /** the policies the import followed (imports/run/types.ts ReportTail.policy) */
  policy?: { guards: string; errors: string; legacy: string };
  /** set by the server when findings/rejected were capped in the response */
  truncated?: boolean;
}

export interface ImportRequest {
  file: Blob & { name?: string };
  kind: string;
  dryRun: boolean;
  sheet?: string | null;
  /** a header row chosen by the user (1-based, as in Excel) */
  headerRow?: number | null;
  force?: boolean;
  /** header text → field key, or null to ignore the column (the importer's mapping preset) */
  mapping?: Record<string, string | null> | null;
  /** YYYY-MM-DD: time-based rules judge the rows as of this date (default: the server's today) */
  asOf?: string | null;
}

/** What the server streams while it imports (imports/run/progress.ts): one definition for both sides. */
export type ServerPhase = ImportPhase;

export interface ImportProgress {
  /** bytes sent / total, 0..1 */
  upload?: number;
  /** the server's phase: reading → checking → merging → done */
  phase?: ServerPhase;
  /** rows read by the server so far, when it reports them */
  rows?: number;
  /** bytes of the file the server has read, of its size (CSV) */
  bytes?: number;
  totalBytes?: number;
}

/** An answer that is not a report: the server's (Chinese by default) message. */
export class ImportRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ImportRequestError';
  }
}

const enc = encodeURIComponent;
export const importUrls = {
  create: `${API_URL}/imports`,
  template: (kind: string) => `${API_URL}/import-templates/${enc(kind)}.xlsx`,
  record: (id: number) => `${API_URL}/imports/${id}`,
  /** the imports record with its report (GET /api/imports/:id) */
  report: (id: number) => `${API_URL}/imports/${id}`,
  problems: (id: number) => `${API_URL}/imports/${id}/report.xlsx`,
  file: (id: number) => `${API_URL}/imports/${id}/file`,
};

export function formData(req: ImportRequest): FormData {
  const fd = new FormData();
  fd.append('file', req.file, req.file.name ?? 'upload');
  fd.append('kind', req.kind);
  if (req.dryRun) fd.append('dryRun', 'true');
  if (req.force) fd.append('force', 'true');
  if (req.sheet) fd.append('sheet', req.sheet);
  if (req.headerRow) fd.append('headerRow', String(req.headerRow));
  if (req.asOf) fd.append('asOf', req.asOf);
  if (req.mapping && Object.keys(req.mapping).length) fd.append('mapping', JSON.stringify(req.mapping));
  return fd;
}

const isReport = (v: unknown): v is ImportReport =>
  !!v && typeof v === 'object' && 'import' in v && 'counts' in v && typeof (v as ImportReport).import === 'object';

/** The report from a JSON answer: the report itself, or `{ report, truncated }`. */
export function reportOf(json: unknown): ImportReport | undefined {
  if (isReport(json)) return { ...json, findings: json.findings ?? [], rejected: json.rejected ?? [], unmapped: json.unmapped ?? [] };
  if (json && typeof json === 'object' && isReport((json as { report?: unknown }).report)) {
    const { report, truncated } = json as { report: ImportReport; truncated?: boolean };
    return reportOf({ ...report, truncated: truncated ?? report.truncated });
  }
  return undefined;
}

const PHASES: readonly ServerPhase[] = ['reading', 'checking', 'merging', 'done'];

/**
 * The progress of one NDJSON line: `{"phase","rows","bytes","totalBytes"}` (ours), or a bare count
 * (`{"rows": n}`, `{"progress": n}`, `{"type":"progress","progress":{…}}`). Undefined for other lines.
 */
export function progressOf(line: unknown): Omit<ImportProgress, 'upload'> | undefined {
  if (!line || typeof line !== 'object' || isReport(line)) return undefined;
  const o = line as Record<string, unknown>;
  if (o.progress && typeof o.progress === 'object') return progressOf(o.progress);
  const rows = ['rows', 'progress', 'read'].map((k) => o[k]).find((v): v is number => typeof v === 'number');
  if (rows === undefined) return undefined;
  const p: Omit<ImportProgress, 'upload'> = { rows };
  if (PHASES.includes(o.phase as ServerPhase)) p.phase = o.phase as ServerPhase;
  if (typeof o.bytes === 'number' && typeof o.totalBytes === 'number' && o.totalBytes > 0) {
    p.bytes = o.bytes;
    p.totalBytes = o.totalBytes;
  }
  return p;
}

/** The error text of a failed answer: `{ message }` (our API), `{ error }`, or the text itself. */
export function errorMessage(status: number, text: string, fallback: string): string {
  try {
    const json = JSON.parse(text) as { message?: unknown; error?: unknown; errors?: { root?: { serverError?: unknown } } };
    const m = json.message ?? json.errors?.root?.serverError ?? json.error;
    if (typeof m === 'string' && m.trim()) return m;
  } catch {
    /* not JSON */
  }
  const plain = text.trim();
  if (plain && plain.length < 500 && !plain.startsWith('<')) return plain;
  return fallback.replace('%{status}', String(status));
}

/** Splits an NDJSON stream read so far into complete lines (the partial last line stays in `rest`). */
export function splitLines(text: string, from: number): { lines: string[]; next: number } {
  const end = text.lastIndexOf('\n');
  if (end < from) return { lines: [], next: from };
  const lines = text
    .slice(from, end)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { lines, next: end + 1 };
}

/** The report of a finished NDJSON answer: its last report line. */
function reportFromNdjson(text: string): ImportReport | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const r = reportOf(JSON.parse(lines[i]));
      if (r) return r;
    } catch {
      /* a partial or foreign line */
    }
  }
  return undefined;
}

export interface PostOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** the fallback message for an answer without one ("HTTP %{status}") */
  httpError?: string;
  networkError?: string;
}

export function postImport(req: ImportRequest, opts: PostOptions = {}): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrls.create);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/x-ndjson');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    let seen = 0;
    const ndjson = () => /ndjson|jsonl|event-stream/i.test(xhr.getResponseHeader('Content-Type') ?? '');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.({ upload: e.loaded / e.total });
    };
    xhr.upload.onload = () => opts.onProgress?.({ upload: 1 });
    xhr.onprogress = () => {
      if (xhr.status >= 400 || !ndjson()) return;
      const { lines, next } = splitLines(xhr.responseText, seen);
      seen = next;
      for (const line of lines) {
        try {
          const p = progressOf(JSON.parse(line.replace(/^data:\s*/, '')));
          if (p) opts.onProgress?.({ upload: 1, ...p });
        } catch {
          /* not a JSON line */
        }
      }
    };
    xhr.onload = () => {
      const text = xhr.responseText ?? '';
      if (xhr.status >= 400 || xhr.status === 0) {
        reject(new ImportRequestError(errorMessage(xhr.status, text, opts.httpError ?? 'HTTP %{status}'), xhr.status, text));
        return;
      }
      let report: ImportReport | undefined;
      if (ndjson()) report = reportFromNdjson(text.replace(/^data:\s*/gm, ''));
      else {
        try {
          report = reportOf(JSON.parse(text));
        } catch {
          report = reportFromNdjson(text);
        }
      }
      if (report) resolve(report);
      else {
        // A stream that ended with an error line instead of the report.
        reject(new ImportRequestError(errorMessage(xhr.status, text.trim().split('\n').pop() ?? '', opts.httpError ?? 'HTTP %{status}'), xhr.status, text));
      }
    };
    xhr.onerror = () => reject(new ImportRequestError(opts.networkError ?? 'network error', 0));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(formData(req));
  });
}

/** 1536 → "1.5 KB". */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10} ${units[u]}`;
}
