/** 下载完整档案: the customer's complete file for an inspection (a ZIP of PDFs, generated for a few seconds). */
import { Tooltip } from '@mui/material';
import FolderZipIcon from '@mui/icons-material/FolderZip';
import { Button, useLocaleState, useRecordContext } from 'react-admin';
import { pick } from '../../meta/labels';
import { useDownload } from './DocumentButtons';
import { DOCUMENTS_URL } from './download';
import { T } from './texts';

export const CustomerFileButton = () => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const { busy, run } = useDownload();
  if (!record) return null;
  return (
    <Tooltip title={pick(T.customerFileHint, locale)}>
      <span>
        <Button
          label={pick(busy ? T.preparing : T.customerFile, locale)}
          disabled={busy}
          onClick={() => run(`${DOCUMENTS_URL}/customer-file/${record.id}`, `customer-file-${record.id}.zip`)}
          data-testid="doc-customer-file"
          sx={{ ml: 1 }}
        >
          <FolderZipIcon />
        </Button>
      </span>
    </Tooltip>
  );
};
