/** The CSV rules live in schema/csv.ts, shared with the server's streamed export. */
export { BOM, csvCell, escapeFormula, toCsv } from '../../../schema/csv';
