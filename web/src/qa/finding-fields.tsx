/** How a finding's rule, severity and status read: the rule with its title and source, coloured chips. */
import { Box, Chip, Typography } from '@mui/material';
import { AutocompleteInput, useFieldValue, useLocaleState, useRecordContext } from 'react-admin';
import type { KindFieldProps } from '../generic/kind-props';
import { findField, getMeta } from '../meta/meta-store';
import { optionLabel, pick } from '../meta/labels';
import { ruleChoices, ruleInfo } from './rules';

export const RuleField = ({ source }: KindFieldProps) => {
  const code = useFieldValue({ source }) as string | undefined;
  const [locale] = useLocaleState();
  const info = ruleInfo(code);
  if (!code) return null;
  return (
    // The rule's name leads (in the UI language); the code stays visible for reference.
    <Box component="span" sx={{ display: 'inline-flex', flexDirection: 'column' }}>
      {info && (
        <Typography component="span" variant="body2" sx={{ fontWeight: 600 }} data-testid="rule-title">
          {pick(info.title, locale)}
        </Typography>
      )}
      <Typography component="span" variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {code}
      </Typography>
      {info && (
        <Typography component="span" variant="caption" sx={{ color: 'text.disabled' }} data-testid="rule-source">
          {info.source}
        </Typography>
      )}
    </Box>
  );
};

const SEVERITY_COLOR: Record<string, 'error' | 'warning'> = { error: 'error', warning: 'warning' };
const STATUS_COLOR: Record<string, 'error' | 'info' | 'success' | 'default'> = {
  open: 'error',
  acknowledged: 'info',
  resolved: 'success',
  waived: 'default',
};

// built at module load, once per enum (SeverityChip, FindingStatusChip), not in a render
const enumChip = (resource: string, colors: Record<string, string>) =>
  // biome-ignore lint/correctness/noComponentHookFactories: see above
  function EnumChip({ source }: KindFieldProps) {
    const value = useFieldValue({ source }) as string | undefined;
    const [locale] = useLocaleState();
    const field = findField(resource, source);
    if (!value) return null;
    return <Chip size="small" variant="outlined" color={(colors[value] ?? 'default') as 'default'} label={field ? optionLabel(field, value, locale) : value} />;
  };

export const SeverityChip = enumChip('findings', SEVERITY_COLOR);
export const FindingStatusChip = enumChip('findings', STATUS_COLOR);

/**
 * A finding's field by its label: on the record's resource, else on the records the rule sees joined to it
 * (a sales line's `salesperson` is its order's 销售人员); `customer.name` reads 购货单位·单位名称.
 */
function findingFieldLabel(resource: string, path: string, locale: string): string | undefined {
  const [head, ...rest] = path.split('.');
  const lookup = (key: string) =>
    findField(resource, key) ??
    getMeta()
      ?.resources.flatMap((r) => r.fields)
      .find((f) => f.key === key);
  const field = lookup(head);
  if (!field) return rest.length ? lookup(rest[rest.length - 1]) && pick(lookup(rest[rest.length - 1])!.label, locale) : undefined;
  if (!rest.length || !field.ref) return pick(field.label, locale);
  const inner = findField(field.ref, rest[rest.length - 1]);
  return inner ? `${pick(field.label, locale)}·${pick(inner.label, locale)}` : pick(field.label, locale);
}

/** The finding's fields, by their labels in the record's resource (notified_at → 通知日期). */
export const FindingFieldsField = ({ source }: KindFieldProps) => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const value = record?.[source];
  const keys: unknown[] = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 0.5 }}>
      {keys.map((key) => {
        const path = String(key);
        return <Chip key={path} size="small" label={findingFieldLabel(String(record?.resource ?? ''), path, locale) ?? path} />;
      })}
    </Box>
  );
};

export const RuleFilter = ({ source, label, only }: { source: string; label?: string; alwaysOn?: boolean; only?: readonly string[] }) => {
  const [locale] = useLocaleState();
  return <AutocompleteInput source={source} label={label} choices={ruleChoices(locale, only)} sx={{ minWidth: 300 }} helperText={false} />;
};
