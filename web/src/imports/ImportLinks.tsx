/** The downloads of one import: the JSON report, the problem rows (XLSX with 错误原因/规则), the stored original. */
import { Button, Stack } from '@mui/material';
import DataObjectIcon from '@mui/icons-material/DataObject';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import { useTranslate } from 'react-admin';
import { importUrls } from './api';

interface ImportLinksProps {
  id: number;
  /** the problem-rows file only makes sense when some row was rejected or flagged */
  problems?: boolean;
  size?: 'small' | 'medium';
  variant?: 'text' | 'outlined';
}

export const ImportLinks = ({ id, problems = true, size = 'medium', variant = 'outlined' }: ImportLinksProps) => {
  const translate = useTranslate();
  // plain links: the browser downloads with the session cookie; the server names the files
  const common = { size, variant, component: 'a' as const, sx: { whiteSpace: 'nowrap' } };
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid={`import-links-${id}`}>
      <Button {...common} href={importUrls.report(id)} target="_blank" rel="noopener" startIcon={<DataObjectIcon />} data-testid="link-report">
        {translate('gsp.import.links.report')}
      </Button>
      {problems && (
        <Button {...common} href={importUrls.problems(id)} download color="warning" startIcon={<ReportProblemIcon />} data-testid="link-problems">
          {translate('gsp.import.links.problems')}
        </Button>
      )}
      <Button {...common} href={importUrls.file(id)} download startIcon={<AttachFileIcon />} data-testid="link-file">
        {translate('gsp.import.links.file')}
      </Button>
    </Stack>
  );
};
