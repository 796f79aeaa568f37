/** The page every document is printed on: A4, Chinese font stack, a print button that is not printed. */
import { FONT_FAMILY, fontFaceCss } from './fonts';
import { html, SafeHtml } from './html';

export const PRINT_SCRIPT_URL = '/api/workflows/documents/print.js';
/** Served as a file: the console's Content-Security-Policy allows no inline script. */
export const PRINT_SCRIPT = `document.getElementById('print-button').addEventListener('click', function () { window.print(); });
// The PDF link: a refusal (no Chromium on the server: 503) is told in words, not shown as raw JSON.
var pdf = document.getElementById('pdf-link');
if (pdf) pdf.addEventListener('click', function (event) {
  event.preventDefault();
  fetch(pdf.href, { credentials: 'same-origin' }).then(function (res) {
    if (!res.ok) return res.json().then(function (body) { window.alert(body.message || res.statusText); }, function () { window.alert(res.statusText); });
    var name = /filename\\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') || '');
    return res.blob().then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name ? decodeURIComponent(name[1]) : 'document.pdf';
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  });
});
`;

const FONT_STACK = `'${FONT_FAMILY}', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'SimSun', sans-serif`;

const STYLE = (landscape: boolean) => `
@page { size: A4${landscape ? ' landscape' : ''}; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.5; color: #000; background: #e9ebee; }
.sheet { background: #fff; width: ${landscape ? '297mm' : '210mm'}; min-height: ${landscape ? '210mm' : '297mm'}; margin: 12px auto; padding: 14mm 12mm 16mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.sheet + .sheet { page-break-before: always; break-before: page; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; gap: 12px; align-items: center; justify-content: center; padding: 8px; background: #263238; color: #fff; font-size: 10pt; }
.toolbar button, .toolbar a { font: inherit; padding: 6px 18px; border: 0; border-radius: 4px; background: #1976d2; color: #fff; cursor: pointer; text-decoration: none; }
.toolbar a { background: #455a64; }
@media print {
  body { background: #fff; }
  .toolbar { display: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
.company { text-align: center; font-size: 12pt; letter-spacing: 1px; }
h1 { text-align: center; font-size: 18pt; font-weight: 700; margin: 2mm 0 1mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; padding-left: 2mm; border-left: 3px solid #000; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin: 2mm 0; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eef0f2; font-weight: 600; white-space: nowrap; }
table.kv th { width: 17%; }
table.list th, table.list td { font-size: 9pt; padding: 1mm 1.2mm; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tr.total td { font-weight: 600; }
.pre { white-space: pre-wrap; }
.empty { color: #555; text-align: center; }
.note { font-size: 9pt; color: #333; margin-top: 2mm; }
.warn { color: #b00020; font-weight: 600; }
.signs { display: grid; grid-template-columns: repeat(var(--cols, 3), 1fr); gap: 4mm; margin-top: 8mm; page-break-inside: avoid; }
.signs div { border-top: 0.6pt solid #000; padding-top: 1mm; min-height: 14mm; }
.signs b { display: block; font-weight: 600; }
.letter p { text-indent: 2em; margin: 2mm 0; font-size: 11.5pt; line-height: 1.9; }
.letter p.flush { text-indent: 0; }
.right { text-align: right; }
.stamp { display: inline-block; border: 1.5pt solid #b00020; color: #b00020; border-radius: 50%; padding: 6mm 4mm; transform: rotate(-12deg); font-weight: 600; }
.cut { border-top: 1pt dashed #000; margin: 8mm 0 3mm; text-align: center; font-size: 9pt; }
.void-mark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 64pt; font-weight: 700; color: rgba(176,0,32,.18); transform: rotate(-25deg); pointer-events: none; }
`;

export interface PageOptions {
  title: string;
  landscape?: boolean;
  /** the PDF download of the same document, offered next to the print button */
  pdfUrl?: string;
  /** the record is voided: every printed page says so (with the reason) */
  voided?: string;
}

/** A whole document: one or more `.sheet` sections (each starts on a new page). */
export function documentPage(body: SafeHtml, opts: PageOptions): string {
  return `<!doctype html>\n${html`<html lang="zh-CN"><head><meta charset="utf-8"><title>${opts.title}</title>
<style>${new SafeHtml(fontFaceCss() + STYLE(!!opts.landscape))}</style></head>
<body><div class="toolbar"><span>${opts.title}</span><button id="print-button" type="button">打印</button>${opts.pdfUrl ? html`<a id="pdf-link" href="${opts.pdfUrl}">下载 PDF</a>` : ''}</div>
${opts.voided != null ? html`<div class="void-mark">已作废 ${opts.voided}</div>` : ''}${body}
<script src="${PRINT_SCRIPT_URL}"></script></body></html>`}`;
}
