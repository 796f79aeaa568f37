/**
 * 导入记录: the imports (GET /api/imports, the generic list API), newest first, with status, counts, format
 * and encoding, who and when, and each import's downloads (report, problem rows, stored original).
 */
import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import {
  Datagrid,
  FunctionField,
  List,
  ResourceContextProvider,
  TextField,
  TopToolbar,
  FilterButton,
  useGetList,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router';
import { findField, findResource, getMeta } from '../meta/meta-store';
import { optionLabel } from '../meta/labels';
import { formatTimestamp } from '../generic/format';
import { UserName } from '../generic/UserName';
import { useListFilters } from '../generic/list-filters';
import { formatSize, type ImportCounts } from './api';
import { ImportLinks } from './ImportLinks';
import { VerbButtons } from '../signatures/VerbButtons';
import { kindLabel } from './kinds';
import { WIZARD_PATH } from './paths';

export interface ImportRecord {
  id: number;
  kind: string;
  file_name: string;
  size?: number | null;
  format?: string | null;
  encoding?: string | null;
  sheet?: string | null;
  header_row?: number | null;
  counts?: ImportCounts | string | null;
  status: string;
  stored_path?: string | null;
  created_at?: string;
  created_by?: number | null;
}

export function countsOf(value: ImportRecord['counts']): ImportCounts | null {
  if (!value) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as ImportCounts;
    } catch {
      return null;
    }
  }
  return value;
}

const STATUS_COLOR: Record<string, 'success' | 'error' | 'info' | 'default'> = { done: 'success', failed: 'error', running: 'info' };

/**
 * The downloads of one import; 问题行下载 only when it has problem rows: rejected rows (in its counts) or
 * rows with findings (one count query, only asked when nothing was rejected).
 */
const HistoryLinks = ({ r }: { r: ImportRecord }) => {
  const rejected = countsOf(r.counts)?.rejected ?? 0;
  const { total } = useGetList('findings', { filter: { import: r.id }, pagination: { page: 1, perPage: 1 } }, { enabled: rejected === 0 });
  return <ImportLinks id={r.id} size="small" variant="text" problems={rejected > 0 || (total ?? 0) > 0} />;
};

const HistoryActions = () => {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <FilterButton />
      <Button component={Link} to={WIZARD_PATH} startIcon={<AddIcon />} size="small" data-testid="history-new-import">
        {translate('gsp.import.new_import')}
      </Button>
    </TopToolbar>
  );
};

const Inner = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const meta = findResource('imports')!;
  const statusField = findField('imports', 'status');
  const filters = useListFilters(meta).filter((f) => f.key !== 'voided');
  return (
    <List
      resource="imports"
      title={translate('gsp.import.history_title')}
      sort={{ field: 'id', order: 'DESC' }}
      perPage={25}
      filters={filters}
      exporter={false}
      actions={<HistoryActions />}
      storeKey="import-history"
      disableSyncWithLocation
      empty={
        <Typography sx={{ p: 3 }} color="text.secondary">
          {translate('gsp.import.history.empty')}
        </Typography>
      }
    >
      <Datagrid
        rowClick={false}
        bulkActionButtons={false}
        data-testid="import-history"
        sx={{
          '& th, & td': { whiteSpace: 'nowrap' },
          '& td': { py: 0.5 },
          '& td.column-file_name': { whiteSpace: 'normal', minWidth: '10em', wordBreak: 'break-all' },
        }}
      >
        <FunctionField source="id" label={translate('gsp.import.history.id')} render={(r: ImportRecord) => `#${r.id}`} />
        <TextField source="file_name" label={translate('gsp.import.history.file')} />
        <FunctionField source="kind" label={translate('gsp.import.history.kind')} render={(r: ImportRecord) => kindLabel(getMeta(), r.kind, locale)} />
        <FunctionField
          source="status"
          label={translate('gsp.import.history.status')}
          render={(r: ImportRecord) => (
            <Chip size="small" color={STATUS_COLOR[r.status] ?? 'default'} label={statusField ? optionLabel(statusField, r.status, locale) : r.status} />
          )}
        />
        <FunctionField
          sortable={false}
          label={translate('gsp.import.history.counts')}
          render={(r: ImportRecord) => {
            const c = countsOf(r.counts);
            return c ? (
              <span style={{ whiteSpace: 'nowrap' }}>
                {c.rows} / <b>{c.imported}</b> / <span style={{ color: c.rejected ? '#d32f2f' : undefined }}>{c.rejected}</span> / {c.duplicates}
              </span>
            ) : (
              ''
            );
          }}
        />
        <FunctionField
          source="encoding"
          label={translate('gsp.import.history.encoding')}
          render={(r: ImportRecord) => (
            <Stack spacing={0.25}>
              <span>{[r.format?.toUpperCase(), r.encoding?.toUpperCase()].filter(Boolean).join(' · ')}</span>
              <Typography variant="caption" color="text.secondary">
                {[r.sheet, r.size != null ? formatSize(r.size) : null].filter(Boolean).join(' · ')}
              </Typography>
            </Stack>
          )}
        />
        <FunctionField source="created_by" label={translate('gsp.import.history.by')} render={(r: ImportRecord) => <UserName id={r.created_by} />} />
        <FunctionField source="created_at" label={translate('gsp.import.history.at')} render={(r: ImportRecord) => formatTimestamp(r.created_at)} />
        <FunctionField
          sortable={false}
          label={translate('gsp.import.history.links')}
          // a voided import keeps its report and original (the history of what was imported and undone)
          render={(r: ImportRecord) => (r.status === 'done' || r.status === 'voided' ? <HistoryLinks r={r} /> : null)}
        />
        {/* 撤销导入 (signed; admin and QA): the verb buttons of the row's record */}
        <FunctionField
          sortable={false}
          label={translate('gsp.import.history.actions')}
          render={() => (
            <Box sx={{ whiteSpace: 'nowrap' }}>
              <VerbButtons />
            </Box>
          )}
        />
      </Datagrid>
    </List>
  );
};

export const ImportHistory = () =>
  findResource('imports') ? (
    <ResourceContextProvider value="imports">
      <Inner />
    </ResourceContextProvider>
  ) : null;
