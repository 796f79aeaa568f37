/**
 * The one place a registry field kind becomes react-admin components: every generic screen renders
 * fields and inputs through KIND_UI, so a new kind or a display change is made here once.
 */
import type { ComponentType, MouseEvent } from 'react';
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
import { choicesOf, displayOf } from '../meta/labels';
import { findResource } from '../meta/meta-store';
import { DayField, HiddenField, JsonField, ListChipsField, MoneyField, NumberValueField, TimestampField } from './value-fields';
import { FreeListInput, JsonInput } from './text-backed-inputs';
import { RefInput } from './reference-inputs';
import { useRefColumn } from './ref-table';
import { fieldOverride } from '../resources/field-overrides';
import type { KindFieldProps, KindInputProps } from './kind-props';

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
  const present = id !== null && id !== undefined && id !== '';
  if (!present) return null;
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

export const KIND_UI: Record<FieldKind, { Field: ComponentType<KindFieldProps>; Input: ComponentType<KindInputProps> }> = {
  text: { Field: plain(TextField), Input: plainInput(TextInput) },
  textarea: {
    Field: plain((p) => <TextField {...p} sx={{ whiteSpace: 'pre-wrap' }} />),
    Input: plainInput(TextInput, { multiline: true, minRows: 2, fullWidth: true }),
  },
  int: { Field: plain(NumberValueField), Input: plainInput(NumberInput, { step: 1 }) },
  number: { Field: plain(NumberValueField), Input: plainInput(NumberInput) },
  money: {
    Field: plain(MoneyField),
    Input: plainInput(NumberInput, { step: 0.01, slotProps: yuan }),
  },
  date: { Field: plain(DayField), Input: plainInput(DateInput) },
  datetime: { Field: plain(TimestampField), Input: plainInput(DateTimeInput) },
  bool: { Field: plain(BooleanField), Input: plainInput(BooleanInput) },
  enum: { Field: EnumField, Input: EnumInput },
  list: { Field: (p) => <ListChipsField {...p} />, Input: ListInput },
  ref: {
    Field: RefField,
    Input: ({ field, defaultValue: _d, validate, ...props }) => <RefInput {...props} validate={validate} reference={field.ref!} />,
  },
  json: { Field: (p) => <JsonField {...p} />, Input: ({ field: _f, defaultValue: _d, ...props }) => <JsonInput {...props} label={props.label || undefined} /> },
  password: { Field: HiddenField, Input: plainInput(PasswordInput) },
};

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
