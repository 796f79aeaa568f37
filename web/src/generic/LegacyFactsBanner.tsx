/**
 * What a legacy system recorded about this record's approvals (schema/legacy.ts), brought in by an import:
 * shown as text with its source, never as our approval or signature.
 */
import { Alert, AlertTitle } from '@mui/material';
import { useLocaleState, useRecordContext, useResourceContext } from 'react-admin';
import { findField } from '../meta/meta-store';
import { pick } from '../meta/labels';

interface Facts {
  file: string;
  rows: number[];
  by?: string;
  trusted?: boolean;
  fields?: Record<string, unknown>;
  state?: string;
}

const parse = (v: unknown): Facts | null => {
  if (!v) return null;
  try {
    return (typeof v === 'string' ? JSON.parse(v) : v) as Facts;
  } catch {
    return null;
  }
};

export const LegacyFactsBanner = () => {
  const record = useRecordContext();
  const resource = useResourceContext() ?? '';
  const [locale] = useLocaleState();
  const facts = parse(record?.legacy_facts);
  if (!facts) return null;
  const en = locale === 'en';
  const by = facts.by ? (en ? `, imported by ${facts.by}` : `，导入人 ${facts.by}`) : '';
  const source = en ? `${facts.file}, row ${facts.rows.join(', ')}${by}` : `${facts.file} 第 ${facts.rows.join('、')} 行${by}`;
  const values = Object.entries(facts.fields ?? {}).map(([k, v]) => {
    const f = findField(resource, k);
    const label = f ? pick(f.label, locale) : k;
    const option = f?.options?.find((o) => o.id === v);
    return `${label}：${option ? pick(option, locale) : String(v)}`;
  });
  const title = facts.state
    ? en
      ? 'A document of the legacy system: blocked from our workflow'
      : '旧系统的历史单据：不能在本系统中继续流转'
    : en
      ? 'Recorded by the legacy system (not our approval)'
      : '旧系统记录（不是本系统的审批或签名）';
  const trust = facts.trusted !== false ? '' : en ? ' — unverified: the importer could not grant it' : '——未经核实：导入人无权作出该审批';
  return (
    <Alert severity={facts.trusted !== false ? 'info' : 'warning'} sx={{ mb: 1 }} data-testid="legacy-facts">
      <AlertTitle>{title}</AlertTitle>
      {[...values, ...(facts.state ? [en ? `legacy state: ${facts.state}` : `旧系统状态：${facts.state}`] : [])].join(en ? '; ' : '；')}
      {values.length || facts.state ? (en ? '. ' : '。') : ''}
      {en ? `Source: ${source}` : `来源：${source}`}
      {trust}
    </Alert>
  );
};
