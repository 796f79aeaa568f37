/**
 * The audit-chain check (GET /api/system/audit-verify, the same check as `npm run audit:verify`): how many
 * audit rows were checked and whether the hash chain is intact, or which rows break it.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, AlertTitle, Box, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Button, LinkBase as Link, Loading, Title, useTranslate } from 'react-admin';
import { verifyAudit } from '../providers/api';
import { formatTimestamp } from '../generic/format';

export const AuditVerifyPage = () => {
  const translate = useTranslate();
  const { data, error, isFetching, refetch } = useQuery({ queryKey: ['system', 'audit-verify'], queryFn: verifyAudit, retry: false, staleTime: 0 });
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('gsp.audit_verify.title')} />
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 2 }}>
            <Typography variant="body2" color="text.secondary">
              {translate('gsp.audit_verify.help')}
            </Typography>
            <Button label="gsp.audit_verify.run" onClick={() => refetch()} disabled={isFetching} data-testid="audit-verify-run">
              <RefreshIcon />
            </Button>
          </Box>
          {isFetching && !data ? <Loading /> : null}
          {error ? <Alert severity="error">{String((error as Error).message ?? error)}</Alert> : null}
          {data && (
            <Box data-testid="audit-verify-result">
              {data.intact ? (
                <Alert severity="success" data-testid="audit-intact">
                  <AlertTitle>✔ {translate('gsp.audit_verify.intact')}</AlertTitle>
                  {translate('gsp.audit_verify.summary', { rows: data.rows, at: formatTimestamp(data.checked_at), ms: data.ms })}
                </Alert>
              ) : (
                <>
                  <Alert severity="error" data-testid="audit-broken">
                    <AlertTitle>✖ {translate('gsp.audit_verify.broken', { smart_count: data.breaks.length })}</AlertTitle>
                    {translate('gsp.audit_verify.summary', { rows: data.rows, at: formatTimestamp(data.checked_at), ms: data.ms })}
                  </Alert>
                  <Table size="small" sx={{ mt: 2 }}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{translate('gsp.audit_verify.row')}</TableCell>
                        <TableCell>{translate('gsp.audit_verify.problem')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {data.breaks.map((b) => (
                        <TableRow key={`${b.id}-${b.problem}`}>
                          <TableCell>
                            <Link to={`/audit_log/${b.id}/show`}>#{b.id}</Link>
                          </TableCell>
                          <TableCell>{translate(`gsp.audit_verify.problem_${b.problem}`, { _: b.problem })}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </>
              )}
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
