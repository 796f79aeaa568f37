/** Size limits every reader enforces; the CLI and the upload route may lower or raise them. */
export interface ReaderLimits {
  /** the file itself (CSV or XLSX) */
  maxFileBytes: number;
  /** sum of the uncompressed sizes of the XLSX parts we read (declared and actual) */
  maxUncompressedBytes: number;
  /** one XLSX part that is read into memory (styles, workbook) or kept as its strings (sharedStrings) */
  maxPartBytes: number;
  /**
   * the shared-strings table an XLSX sheet is read with: its characters plus 16 per string (each string's own
   * memory) — what the reader keeps for the whole read, so it bounds memory however the part compresses
   */
  maxSharedStringUnits: number;
  /** uncompressed ÷ compressed, checked for parts larger than `ratioFloorBytes` */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** entries in the zip central directory */
  maxZipEntries: number;
  /** one CSV record (guards against an unterminated quote swallowing the file) */
  maxRecordChars: number;
  /** columns in one row */
  maxColumns: number;
}

export const DEFAULT_LIMITS: Readonly<ReaderLimits> = Object.freeze({
  maxFileBytes: 1024 * 1024 * 1024,
  maxUncompressedBytes: 4 * 1024 * 1024 * 1024,
  maxPartBytes: 512 * 1024 * 1024,
  maxSharedStringUnits: 96_000_000,
  maxCompressionRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
  maxZipEntries: 20_000,
  maxRecordChars: 4 * 1024 * 1024,
  maxColumns: 16_384,
});

export function resolveLimits(partial?: Partial<ReaderLimits>): ReaderLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}
