/**
 * 打印 (the document's HTML in a new tab, printed from the browser) and 下载 PDF (rendered by the server's
 * Chromium; its refusal — e.g. 503 without Chromium — is shown as a notification) for one document kind.
 */
import { useState, type ComponentType } from 'react';
import PrintIcon from '@mui/icons-material/Print';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Button, useLocaleState, useNotify, useRecordContext } from 'react-admin';
import { pick } from '../../meta/labels';
import { documentUrl, downloadFile, pdfUrl } from './download';
import { T } from './texts';

/** Shows the server's message, or says where the file went. */
export function useDownload() {
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [busy, setBusy] = useState(false);
  const run = async (url: string, fallback: string) => {
    setBusy(true);
    try {
      const name = await downloadFile(url, fallback);
      notify(pick(T.downloaded, locale).replace('{name}', name), { type: 'info' });
    } catch (err) {
      notify((err as Error).message, { type: 'error', autoHideDuration: 12_000 });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export const PrintButton = ({ docKey, query }: { docKey: string; query?: Record<string, string> }) => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Button
      label={pick(T.print, locale)}
      onClick={() => window.open(documentUrl(docKey, record.id, query), '_blank', 'noopener')}
      data-testid={`doc-print-${docKey}`}
      sx={{ ml: 1 }}
    >
      <PrintIcon />
    </Button>
  );
};

export const PdfButton = ({ docKey }: { docKey: string }) => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const { busy, run } = useDownload();
  if (!record) return null;
  return (
    <Button
      label={pick(busy ? T.preparing : T.pdf, locale)}
      disabled={busy}
      onClick={() => run(pdfUrl(docKey, record.id), `${docKey}-${record.id}.pdf`)}
      data-testid={`doc-pdf-${docKey}`}
      sx={{ ml: 1 }}
    >
      <PictureAsPdfIcon />
    </Button>
  );
};

/** The two toolbar buttons of one document kind, as WorkflowExtension.showActions entries. */
export function documentActions(docKey: string): ComponentType[] {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per document kind when the toolbar is declared, not in a render
  const Print = () => <PrintButton docKey={docKey} />;
  // biome-ignore lint/correctness/noComponentHookFactories: as Print
  const Pdf = () => <PdfButton docKey={docKey} />;
  return [Print, Pdf];
}
