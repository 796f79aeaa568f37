/** Read-only renderings that react-admin lacks: list chips, pretty JSON, the registry's date format. */
import { Box, Chip } from '@mui/material';
import { useFieldValue, useLocaleState } from 'react-admin';
import type { FieldMeta } from '../meta/meta-store';
import { optionLabel } from '../meta/labels';
import { businessTimeZone, timestampOptions } from './format';

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

/*
 * Dates, times and numbers as plain text in a span (the table cell or the label already sets the type).
 * react-admin's DateField and NumberField build an Intl formatter for every value and wrap it in a styled
 * Typography: ≈ 1 ms a cell, the bulk of drawing a 25-row list (issue 13 item 7). One formatter each here.
 */
interface PlainFieldProps {
  source: string;
  label?: string | false;
  sortable?: boolean;
}

const Plain = ({ text }: { text: string | null }) => (text === null ? null : <span>{text}</span>);
const present = (value: unknown) => value !== null && value !== undefined && value !== '';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Made on first use: an Intl formatter costs ≈ 1–5 ms to build, and a page shows few kinds of value. */
const once = <T,>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};
const dayFormat = once(() => new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }));

/** 'YYYY-MM-DD' strings (and ISO timestamps) as 2024/03/05 in both languages: unambiguous in China. */
export const dayText = (value: unknown): string | null => {
  if (!present(value)) return null;
  // a calendar day is that day wherever the browser is (not UTC midnight moved into its zone)
  const day = typeof value === 'string' ? DAY.exec(value) : null;
  if (day) return `${day[1]}/${day[2]}/${day[3]}`;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? String(value) : dayFormat().format(date);
};
export const DayField = ({ source }: PlainFieldProps) => <Plain text={dayText(useFieldValue({ source }))} />;

const timestampFormats = new Map<string, Intl.DateTimeFormat>();
const timestampFormat = () => {
  const zone = businessTimeZone();
  let format = timestampFormats.get(zone);
  if (!format) timestampFormats.set(zone, (format = new Intl.DateTimeFormat('zh-CN', timestampOptions())));
  return format;
};

/** A timestamp in the business time zone: 2024/03/05 14:07. */
export const timestampText = (value: unknown): string | null => {
  if (!present(value)) return null;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? String(value) : timestampFormat().format(date);
};
export const TimestampField = ({ source }: PlainFieldProps) => <Plain text={timestampText(useFieldValue({ source }))} />;

const numberFormat = once(() => new Intl.NumberFormat());
const moneyFormat = once(() => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 }));

const numberText = (value: unknown, format: () => Intl.NumberFormat) => {
  if (!present(value)) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isNaN(n) ? String(value) : format().format(n);
};
/** A number in the browser's locale (1,234.5). */
export const numberValueText = (value: unknown) => numberText(value, numberFormat);
/** Yuan with two decimals (¥1,234.50). */
export const moneyText = (value: unknown) => numberText(value, moneyFormat);

export const NumberValueField = ({ source }: PlainFieldProps) => <Plain text={numberValueText(useFieldValue({ source }))} />;
export const MoneyField = ({ source }: PlainFieldProps) => <Plain text={moneyText(useFieldValue({ source }))} />;

/** writeOnly values (passwords) are never rendered. */
export const HiddenField = (_props: ValueFieldProps) => null;
