/**
 * A checklist as a table: each check ✓ / ✗ / ! / — with what it found and the regulation it comes from.
 * Used by the 首营审核 tab (customers, products) and the contract's terms panel.
 */
import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useLocaleState } from 'react-admin';
import { pick } from '../../meta/labels';
import type { Check, CheckStatus } from './api';

const MARK: Record<CheckStatus, { mark: string; color: 'success' | 'error' | 'warning' | 'default'; zh: string; en: string }> = {
  pass: { mark: '✓', color: 'success', zh: '通过', en: 'Pass' },
  fail: { mark: '✗', color: 'error', zh: '未通过', en: 'Fail' },
  warn: { mark: '!', color: 'warning', zh: '注意', en: 'Attention' },
  na: { mark: '—', color: 'default', zh: '不适用', en: 'N/A' },
};

export const ChecklistTable = ({ checks }: { checks: Check[] }) => {
  const [locale] = useLocaleState();
  const en = locale === 'en';
  return (
    <Table size="small" data-testid="checklist">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 110 }}>{en ? 'Result' : '结果'}</TableCell>
          <TableCell sx={{ width: 260 }}>{en ? 'Check' : '审核项目'}</TableCell>
          <TableCell>{en ? 'Finding' : '审核情况'}</TableCell>
          <TableCell sx={{ width: 170 }}>{en ? 'Source' : '依据'}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {checks.map((c) => {
          const m = MARK[c.status];
          return (
            <TableRow key={c.key} data-testid={`check-${c.key}`} data-status={c.status}>
              <TableCell>
                <Chip size="small" color={m.color} label={`${m.mark} ${en ? m.en : m.zh}`} />
              </TableCell>
              <TableCell>
                {pick(c.label, locale)}
                {!c.blocking && <span style={{ color: '#888', fontSize: 12 }}>{en ? ' (advisory)' : '（提示项）'}</span>}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{pick(c.detail, locale)}</TableCell>
              <TableCell sx={{ color: 'text.secondary', fontSize: 13 }}>{c.source}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
