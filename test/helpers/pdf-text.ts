/** The text of a PDF (all pages, in reading order), for asserting what a printed document says. */
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfText(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(doc, { mergePages: true })).text as string;
}
