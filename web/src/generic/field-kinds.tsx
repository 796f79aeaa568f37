/**
 * The one place a registry field kind becomes react-admin components: every generic screen renders
 * fields and inputs through KIND_UI, so a new kind or a display change is made here once.
 */
import type { ComponentType, MouseEvent, ReactNode } from 'react';
import { InputAdornment } from '@mui/material';
import {
  AutocompleteArrayInput,
  BooleanField,
  BooleanInput,
  DateInput,
  DateTimeInput,
  NumberInput,
  Link,
  PasswordInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
  required,
  useCanAccess,
  useFieldValue,
  useGetManyAggregate,
  useLocaleState,
  type Identifier,
  type RaRecord,
} from 'react-admin';
import type { FieldKind } from '../../../schema/define';
import type { FieldMeta } from '../meta/meta-store';
import { choicesOf, displayOf, pick } from '../meta/labels';
import { findResource } from '../meta/meta-store';
import {
  DayField,
  dayText,
  HiddenField,
  JsonField,
  ListChipsField,
  MoneyField,
  moneyText,
  NumberValueField,
  numberValueText,
  TimestampField,
  timestampText,
} from './value-fields';
import { FreeListInput, JsonInput } from './text-backed-inputs';
import { RefInput } from './reference-inputs';
import { useRefColumn, type RefColumn } from './ref-table';
import { fieldOverride } from '../resources/field-overrides';
import type { KindFieldProps, KindInputProps } from './kind-props';

const present = <T,>(value: T): value is NonNullable<T> => value !== null && value !== undefined && value !== '';
const yuan = { input: { startAdornment: <InputAdornment position="start">¥</InputAdornment> } };

const EnumField = ({ field, ...props }: KindFieldProps) => {
  const [locale] = useLocaleState();
  return <SelectField {...props} choices={choicesOf(field.options, locale)} />;
};
const EnumInput = ({ field, ...props }: KindInputProps) => {
  const [locale] = useLocaleState();
  return <SelectInput {...props} choices={choicesOf(field.options, locale)} sx={{ minWidth: 200 }} />;
};
const ListInput = ({ field, defaultValue: _d, ...props }: KindInputProps) => {
  const [locale] = useLocaleState();
  if (field.options) return <AutocompleteArrayInput {...props} choices={choicesOf(field.options, locale)} sx={{ minWidth: 280 }} />;
  return <FreeListInput {...props} label={props.label || undefined} suggestions={field.vocabulary} />;
};
/**
 * The referenced record's registry `display`, linked to its page when the role may open it. What
 * react-admin's ReferenceField shows, without its layers per cell (contexts, path and access hooks,
 * styled Typography): ≈ 4 of a list row's columns are references. In a list table the page's records come
 * from the table (generic/ref-table.tsx: one getMany per referenced resource); elsewhere (a show page)
 * the field asks itself (useGetManyAggregate still gathers the ids of one render into one request).
 */
const RefField = ({ field, source }: KindFieldProps) => {
  const id = useFieldValue({ source }) as Identifier | null | undefined;
  const column = useRefColumn(field.ref!);
  if (!present(id)) return null;
  if (column) return <RefLink reference={field.ref!} id={id} record={column.records.get(String(id))} canShow={column.canShow} />;
  return <RefFieldQuery reference={field.ref!} id={id} />;
};
const RefFieldQuery = ({ reference, id }: { reference: string; id: Identifier }) => {
  const { data } = useGetManyAggregate(reference, { ids: [id] });
  const { canAccess } = useCanAccess({ resource: reference, action: 'show' });
  return <RefLink reference={reference} id={id} record={data?.[0]} canShow={!!canAccess} />;
};
const RefLink = ({ reference, id, record, canShow }: { reference: string; id: Identifier; record: RaRecord | undefined; canShow: boolean }) => {
  if (!record) return null;
  const text = displayOf(findResource(reference), record);
  if (!canShow) return <span>{text}</span>;
  return (
    <Link to={`/${reference}/${encodeURIComponent(String(id))}/show`} onClick={stopPropagation}>
      {text}
    </Link>
  );
};
const stopPropagation = (e: MouseEvent) => e.stopPropagation();

const plain =
  (Field: ComponentType<Omit<KindFieldProps, 'field'>>): ComponentType<KindFieldProps> =>
  ({ field: _f, ...props }) => <Field {...props} />;
const plainInput =
  (Input: ComponentType<Omit<KindInputProps, 'field'>>, extra: object = {}): ComponentType<KindInputProps> =>
  ({ field: _f, ...props }) => <Input {...extra} {...props} />;

/**
 * A list cell of a column: its record in, plain elements out — no component, hook or styled element per
 * cell (the rows of a list page, generic/ListBody.tsx: ≈ 200 cells, each a field component with a context
 * read, a store subscription and an emotion-styled Typography or Link before). What every cell of the
 * column shares (the UI language's labels, the page's referenced records) is looked up once per column.
 */
export type Cell = (record: RaRecord) => ReactNode;
export interface CellContext {
  locale: string;
  /** the page's records per referenced resource (generic/ref-table.tsx) */
  refs: ReadonlyMap<string, RefColumn> | null;
  /** react-admin's labels of true / false (ra.boolean.*) */
  yes: string;
  no: string;
}
/** undefined: the column renders its field component per row instead */
type CellOf = (field: FieldMeta, ctx: CellContext) => Cell | undefined;

const valueText = (value: unknown) => (value == null ? null : typeof value === 'string' ? value : String(value));
const textCell: CellOf = (f) => (r) => valueText(r[f.key]);
const formatted =
  (format: (value: unknown) => string | null): CellOf =>
  (f) =>
  (r) =>
    format(r[f.key]);
/** Labels of an enum's options in the UI language (a value that is no option shows nothing, as SelectField). */
const optionLabels = (field: FieldMeta, locale: string) => new Map((field.options ?? []).map((o) => [o.id, pick(o, locale)]));

// MUI's Done / Clear icons (BooleanField's), drawn as plain SVG
const YES_PATH = 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z';
const NO_PATH = 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z';
const BoolIcon = ({ value, label }: { value: boolean; label: string }) => (
  <span className="gsp-bool" title={label}>
    <svg className="gsp-icon" focusable="false" role="img" aria-label={label} viewBox="0 0 24 24" data-testid={String(value)}>
      <path d={value ? YES_PATH : NO_PATH} />
    </svg>
  </span>
);

const refCell: CellOf = (f, ctx) => {
  const reference = f.ref!;
  const column = ctx.refs?.get(reference);
  if (!column) return undefined; // no table above looked the page's records up: the field asks itself
  const target = findResource(reference);
  return (r) => {
    const id = r[f.key];
    if (!present(id)) return null;
    const record = column.records.get(String(id));
    if (!record) return null;
    const text = displayOf(target, record);
    if (!column.canShow) return <span>{text}</span>;
    const path = `/${reference}/${encodeURIComponent(String(id))}/show`;
    // followed by the table's click handler (a router navigation; ListBody.tsx), not the row's
    return (
      <a className="gsp-ref" href={`#${path}`} data-nav={path}>
        {text}
      </a>
    );
  };
};

export const KIND_UI: Record<FieldKind, { Field: ComponentType<KindFieldProps>; Input: ComponentType<KindInputProps>; cell: CellOf }> = {
  text: { Field: plain(TextField), Input: plainInput(TextInput), cell: textCell },
  textarea: {
    Field: plain((p) => <TextField {...p} sx={{ whiteSpace: 'pre-wrap' }} />),
    Input: plainInput(TextInput, { multiline: true, minRows: 2, fullWidth: true }),
    cell: (f) => (r) => (present(r[f.key]) ? <span className="gsp-pre">{valueText(r[f.key])}</span> : null),
  },
  int: { Field: plain(NumberValueField), Input: plainInput(NumberInput, { step: 1 }), cell: formatted(numberValueText) },
  number: { Field: plain(NumberValueField), Input: plainInput(NumberInput), cell: formatted(numberValueText) },
  money: {
    Field: plain(MoneyField),
    Input: plainInput(NumberInput, { step: 0.01, slotProps: yuan }),
    cell: formatted(moneyText),
  },
  date: { Field: plain(DayField), Input: plainInput(DateInput), cell: formatted(dayText) },
  datetime: { Field: plain(TimestampField), Input: plainInput(DateTimeInput), cell: formatted(timestampText) },
  bool: {
    Field: plain(BooleanField),
    Input: plainInput(BooleanInput),
    cell: (f, ctx) => (r) => (typeof r[f.key] === 'boolean' ? <BoolIcon value={r[f.key]} label={r[f.key] ? ctx.yes : ctx.no} /> : null),
  },
  enum: {
    Field: EnumField,
    Input: EnumInput,
    cell: (f, ctx) => {
      const labels = optionLabels(f, ctx.locale);
      return (r) => (r[f.key] == null ? null : (labels.get(String(r[f.key])) ?? null));
    },
  },
  list: {
    Field: (p) => <ListChipsField {...p} />,
    Input: ListInput,
    cell: (f, ctx) => {
      const labels = optionLabels(f, ctx.locale);
      return (r) => {
        const value = r[f.key];
        const items: unknown[] = Array.isArray(value) ? value : present(value) ? [value] : [];
        return items.map((item, i) => (
          <span key={i} className="gsp-chip">
            {labels.get(String(item)) ?? valueText(item)}
          </span>
        ));
      };
    },
  },
  ref: {
    Field: RefField,
    Input: ({ field, defaultValue: _d, validate, ...props }) => <RefInput {...props} validate={validate} reference={field.ref!} />,
    cell: refCell,
  },
  json: {
    Field: (p) => <JsonField {...p} />,
    Input: ({ field: _f, defaultValue: _d, ...props }) => <JsonInput {...props} label={props.label || undefined} />,
    // pretty-printed in a scrolling box: the field itself
    cell: () => undefined,
  },
  password: { Field: HiddenField, Input: plainInput(PasswordInput), cell: () => () => null },
};

/** Timestamps outside the registry's fields (system fields: created_at, …) */
export const timestampCell =
  (source: string): Cell =>
  (r) =>
    timestampText(r[source]);

/** Columns whose values have no meaningful order. */
const UNSORTABLE = new Set<FieldKind>(['list', 'json', 'password']);

/** A field of the registry as a read-only element (list column, show row). */
export const renderField = (field: FieldMeta, extra: Partial<KindFieldProps> = {}, resource?: string) => {
  const Field = (resource && fieldOverride(resource, field.key)?.Field) || KIND_UI[field.kind].Field;
  return <Field key={field.key} field={field} source={field.key} sortable={!UNSORTABLE.has(field.kind)} {...extra} />;
};

const requiredValidator = [required()];

/** A field of the registry as a form input, with the registry's required flag, default and read-only flag. */
export const renderInput = (field: FieldMeta, extra: Partial<KindInputProps> = {}) => {
  const { Input } = KIND_UI[field.kind];
  return (
    <Input
      key={field.key}
      field={field}
      source={field.key}
      // A number the server assigns when left empty (complaints, feedback forms, recalls) is not demanded.
      validate={field.required && !field.readOnly && !field.autoNumber ? requiredValidator : undefined}
      {...(field.autoNumber && { helperText: 'gsp.form.auto_number' })}
      readOnly={field.readOnly}
      defaultValue={field.default}
      {...extra}
    />
  );
};
