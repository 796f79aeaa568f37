/**
 * The 首营审核 tab of a customer or product: every qualification check as of today, and whether QA may
 * approve (the approve button refuses while a blocking check fails; the server says which).
 */
import { Alert, Box, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useResourceContext } from 'react-admin';
import { useWorkflowRead, type Checklist } from './api';
import { ChecklistTable } from './ChecklistTable';

export const FirstBusinessTab = () => {
  const record = useRecordContext();
  const resource = useResourceContext()!;
  const [locale] = useLocaleState();
  const en = locale === 'en';
  const { data, error } = useWorkflowRead<Checklist>(`first-business/${resource}/${record?.id}`, record?.id, record?.version);
  if (!record) return null;
  if (error) return <Alert severity="error">{String((error as Error).message ?? error)}</Alert>;
  if (!data) return null;
  const failing = data.checks.filter((c) => c.blocking && c.status === 'fail');
  const warnings = data.checks.filter((c) => c.status === 'warn');
  return (
    <Box sx={{ width: '100%' }} data-testid="first-business-tab">
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {en ? `First-business review as of ${data.asOf}` : `首营审核（截至 ${data.asOf}）`}
      </Typography>
      {data.ready ? (
        <Alert severity={warnings.length ? 'warning' : 'success'} sx={{ mb: 1 }} data-testid="first-business-summary">
          {en
            ? `All required checks pass${warnings.length ? `; ${warnings.length} need attention` : ''}. QA may approve.`
            : `所有必审项目均已通过${warnings.length ? `，${warnings.length} 项需注意` : ''}，质管部可以审核批准。`}
        </Alert>
      ) : (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="first-business-summary">
          {en ? `${failing.length} required check(s) fail: approval is refused until they pass.` : `${failing.length} 项必审项目未通过，补齐资料前不能批准。`}
        </Alert>
      )}
      <ChecklistTable checks={data.checks} />
    </Box>
  );
};
