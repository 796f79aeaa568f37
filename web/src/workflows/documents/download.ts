/** URLs of the printed documents (server/http/workflows/documents.ts) and a download that reports errors. */
import { API_URL } from '../../providers/http-client';
import { currentLocale } from '../../providers/locale';

export const DOCUMENTS_URL = `${API_URL}/workflows/documents`;

export const documentUrl = (key: string, id: string | number, query?: Record<string, string>) =>
  `${DOCUMENTS_URL}/${key}/${encodeURIComponent(String(id))}${query ? `?${new URLSearchParams(query)}` : ''}`;
export const pdfUrl = (key: string, id: string | number, query?: Record<string, string>) =>
  `${DOCUMENTS_URL}/${key}/${encodeURIComponent(String(id))}/pdf${query ? `?${new URLSearchParams(query)}` : ''}`;

/** The name in Content-Disposition (filename* first: the Chinese one). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = disposition && /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Fetches a file and saves it under the server's name. A refusal (403, 404, 503 without Chromium) is
 * thrown with the server's message, so the page can show it instead of a broken download.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const res = await fetch(url, { credentials: 'include', headers: { 'Accept-Language': currentLocale() } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body.message || `HTTP ${res.status}`);
  }
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}
