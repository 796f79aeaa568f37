/** Read-only renderings that react-admin lacks: list chips, pretty JSON, the registry's date format. */
import { Box, Chip } from '@mui/material';
import { DateField, useFieldValue, useLocaleState, type DateFieldProps } from 'react-admin';
import type { FieldMeta } from '../meta/meta-store';
import { optionLabel } from '../meta/labels';
import { timestampOptions } from './format';

interface ValueFieldProps {
  field: FieldMeta;
  source: string;
  label?: string | false;
  sortable?: boolean;
}

/** A `list` value (JSON array) as chips, enum keys shown by their label. */
export const ListChipsField = ({ field, source }: ValueFieldProps) => {
  const value = useFieldValue({ source });
  const [locale] = useLocaleState();
  const items: unknown[] = Array.isArray(value) ? value : value == null || value === '' ? [] : [value];
  return (
    <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 0.5 }}>
      {items.map((item, i) => (
        <Chip key={i} size="small" label={optionLabel(field, item, locale)} />
      ))}
    </Box>
  );
};

export const JsonField = ({ source }: ValueFieldProps) => {
  const value = useFieldValue({ source });
  if (value == null) return null;
  return (
    <Box component="pre" sx={{ m: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 240, overflow: 'auto' }}>
      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
    </Box>
  );
};

/** 'YYYY-MM-DD' strings (and ISO timestamps) shown as 2024/03/05 in both languages: unambiguous in China. */
export const DayField = (props: DateFieldProps) => <DateField locales="zh-CN" options={{ year: 'numeric', month: '2-digit', day: '2-digit' }} {...props} />;

export const TimestampField = (props: DateFieldProps) => <DateField locales="zh-CN" showTime options={timestampOptions()} {...props} />;

/** writeOnly values (passwords) are never rendered. */
export const HiddenField = (_props: ValueFieldProps) => null;
