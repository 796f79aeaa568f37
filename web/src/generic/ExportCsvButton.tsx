/**
 * 导出 for a whole list: the server streams the CSV (GET /api/:res/export.csv, server/crud/export-csv.ts) with
 * the list's filters and sort, the same columns and cells as the export of selected rows, in the UI language.
 * The browser downloads it as it arrives (a link, not a fetch into memory): a list of any length.
 */
import DownloadIcon from '@mui/icons-material/GetApp';
import { Button, useListContext } from 'react-admin';
import { currentLocale } from '../providers/locale';
import { exportUrl } from './export-url';

export const ExportCsvButton = () => {
  const { resource, filter, filterValues, sort, total } = useListContext();
  const download = () => {
    const link = document.createElement('a');
    link.href = exportUrl(resource, { ...filterValues, ...filter }, sort, currentLocale());
    link.download = '';
    document.body.appendChild(link);
    link.click();
    link.remove();
  };
  return (
    <Button label="ra.action.export" onClick={download} disabled={total === 0}>
      <DownloadIcon />
    </Button>
  );
};
