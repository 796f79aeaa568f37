/**
 * The 资质 tab of a salesperson: authorisation letters (varieties, regions, term, sealed), labour contract,
 * permit and trainings, each valid / expiring / expired as of today by the settings' warning windows.
 */
import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useRecordContext } from 'react-admin';
import { pick } from '../../meta/labels';
import { useWorkflowRead, type I18n } from '../first-business/api';

type State = 'valid' | 'expiring' | 'expired' | 'not_yet' | 'missing' | 'invalid';
interface Item {
  kind: 'letter' | 'contract' | 'permit' | 'training';
  id: number | null;
  title: string;
  detail: I18n;
  valid_from: string | null;
  valid_to: string | null;
  state: State;
  daysLeft: number | null;
}
interface Qualification {
  salesperson: { name: string; id_no: string | null };
  asOf: string;
  windows: number[];
  qualified: boolean;
  items: Item[];
}

const KIND: Record<Item['kind'], I18n> = {
  letter: { zh: '授权书', en: 'Authorisation letter' },
  contract: { zh: '劳动合同', en: 'Labour contract' },
  permit: { zh: '上岗证', en: 'Sales permit' },
  training: { zh: '培训记录', en: 'Training' },
};
const STATE: Record<State, { label: I18n; color: 'success' | 'warning' | 'error' | 'default' }> = {
  valid: { label: { zh: '有效', en: 'Valid' }, color: 'success' },
  expiring: { label: { zh: '即将到期', en: 'Expiring' }, color: 'warning' },
  expired: { label: { zh: '已过期', en: 'Expired' }, color: 'error' },
  not_yet: { label: { zh: '未生效', en: 'Not yet valid' }, color: 'default' },
  missing: { label: { zh: '缺失', en: 'Missing' }, color: 'error' },
  invalid: { label: { zh: '无效', en: 'Invalid' }, color: 'error' },
};

export const QualificationTab = () => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const en = locale === 'en';
  const { data, error } = useWorkflowRead<Qualification>(`authorisation/salespeople/${record?.id}`, record?.id, record?.version);
  if (!record) return null;
  if (error) return <Alert severity="error">{String((error as Error).message ?? error)}</Alert>;
  if (!data) return null;
  const days = (i: Item) =>
    i.daysLeft == null
      ? ''
      : i.daysLeft < 0
        ? en
          ? `ended ${-i.daysLeft} days ago`
          : `已过期 ${-i.daysLeft} 天`
        : en
          ? `${i.daysLeft} days left`
          : `剩余 ${i.daysLeft} 天`;
  return (
    <Box sx={{ width: '100%' }} data-testid="qualification-tab">
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {en ? `Qualifications of ${data.salesperson.name} as of ${data.asOf}` : `${data.salesperson.name} 的资质（截至 ${data.asOf}）`}
      </Typography>
      <Alert severity={data.qualified ? 'success' : 'error'} sx={{ mb: 1 }} data-testid="qualification-summary">
        {data.qualified
          ? en
            ? 'Qualified to sell: a sealed letter, a labour contract and a permit are valid today.'
            : '具备销售资格：今天有有效的已盖章授权书、劳动合同和上岗证。'
          : en
            ? 'Not qualified to sell: a valid sealed letter, labour contract, permit or passed training is missing (第二篇 3.3, 3.6.4, 3.12; 第四篇 一.1).'
            : '不具备销售资格：缺少有效的已盖章授权书、劳动合同、上岗证或考核合格的培训（第二篇 3.3、3.6.4、3.12；第四篇 一.1）。'}{' '}
        {en ? `Warning windows: ${data.windows.join(' / ')} days.` : `预警天数：${data.windows.join(' / ')} 天。`}
      </Alert>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{en ? 'Document' : '资料'}</TableCell>
            <TableCell>{en ? 'No. / topic' : '编号/内容'}</TableCell>
            <TableCell>{en ? 'Details' : '说明'}</TableCell>
            <TableCell>{en ? 'From' : '起'}</TableCell>
            <TableCell>{en ? 'To' : '止'}</TableCell>
            <TableCell>{en ? 'Status' : '状态'}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.items.map((i, n) => (
            <TableRow key={`${i.kind}-${i.id ?? n}`} data-testid={`qualification-${i.kind}`} data-state={i.state}>
              <TableCell>{pick(KIND[i.kind], locale)}</TableCell>
              <TableCell>{i.title}</TableCell>
              <TableCell>{pick(i.detail, locale)}</TableCell>
              <TableCell>{i.valid_from ?? ''}</TableCell>
              <TableCell>{i.valid_to ?? ''}</TableCell>
              <TableCell>
                <Chip size="small" color={STATE[i.state].color} label={`${pick(STATE[i.state].label, locale)}${days(i) ? ` · ${days(i)}` : ''}`} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
