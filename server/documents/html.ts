/**
 * Safe HTML for the printed documents: `html` escapes every interpolated value unless it is already
 * `SafeHtml` (a fragment built the same way), so record text can never inject markup into a document.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part == null || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Text with line breaks kept (textarea fields). */
export const multiline = (text: unknown) => (text == null || text === '' ? '' : html`<span class="pre">${String(text)}</span>`);

/** Markup written by our own code (never record text). */
export const raw = (markup: string) => new SafeHtml(markup);
