/** Download names: Chinese in filename* (RFC 5987/6266), an ASCII fallback for old clients. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

export const safeFileName = (name: string) => name.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().slice(0, 150);

const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(kind: 'attachment' | 'inline', name: string, asciiFallback: string): string {
  return `${kind}; filename="${asciiFallback.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${rfc5987(safeFileName(name))}`;
}
