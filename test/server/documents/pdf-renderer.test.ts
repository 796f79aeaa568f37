/**
 * The PDF renderer reuses its pages from document to document (server/documents/pdf.ts): each PDF holds its own
 * document and nothing of the one before, at once or one after another; a render that times out gives its page
 * up and the next render still works.
 */
import { describe, expect, it } from 'vitest';
import { documentPage } from '../../../server/documents/layout';
import { html } from '../../../server/documents/html';
import { PdfTimeout, renderPdf } from '../../../server/documents/pdf';
import { pdfText } from '../../helpers/pdf-text';

const doc = (title: string, line: string, landscape = false) =>
  documentPage(html`<div class="sheet"><h1>${title}</h1><p>${line}</p></div>`, { title, landscape });
const textOf = async (pdf: Buffer) => (await pdfText(pdf)).replace(/\s+/g, '');

describe('PDF renderer', () => {
  it('renders each document on its own, side by side and one after another, on reused pages', async () => {
    const docs = ['出库单 CK-1 甲', '召回通知 ZH-2 乙', '销售记录 XS-3 丙', '购货者档案 GH-4 丁', '授权书 SQ-5 戊'].map((t) => t.split(' '));
    // five at once: two render, three queue and take the pages the first two leave
    const pdfs = await Promise.all(docs.map(([title, no, mark], i) => renderPdf(doc(title, `${no} ${mark}`, i === 2), { landscape: i === 2 })));
    for (const [i, pdf] of pdfs.entries()) {
      const text = await textOf(pdf);
      expect(text).toContain(`${docs[i][0]}`);
      expect(text).toContain(`${docs[i][1]}${docs[i][2]}`);
      for (const [j, other] of docs.entries()) if (j !== i) expect(text).not.toContain(other[1]);
    }
    // one after another on the same pages: the second holds nothing of the first
    const first = await textOf(await renderPdf(doc('第一份', '只在第一份里的字：壹')));
    const second = await textOf(await renderPdf(doc('第二份', '第二份的字：贰')));
    expect(first).toContain('壹');
    expect(second).toContain('贰');
    expect(second).not.toContain('壹');
    expect(second).not.toContain('第一份');
  }, 60_000);

  it('gives up a page that timed out; the next document renders', async () => {
    const saved = process.env.GSP_PDF_TIMEOUT_MS;
    process.env.GSP_PDF_TIMEOUT_MS = '1';
    try {
      await expect(renderPdf(doc('超时', '不会完成'))).rejects.toBeInstanceOf(PdfTimeout);
    } finally {
      if (saved === undefined) delete process.env.GSP_PDF_TIMEOUT_MS;
      else process.env.GSP_PDF_TIMEOUT_MS = saved;
    }
    expect(await textOf(await renderPdf(doc('超时之后', '照常打印')))).toContain('照常打印');
  }, 60_000);
});
