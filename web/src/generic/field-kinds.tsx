/**
 * The one place a registry field kind becomes react-admin components: every generic screen renders
 * fields and inputs through KIND_UI, so a new kind or a display change is made here once.
 */
import type { ComponentType } from 'react';
import { InputAdornment } from '@mui/material';
import {
  AutocompleteArrayInput,
  BooleanField,
  BooleanInput,
  DateInput,
  DateTimeInput,
  NumberField,
  NumberInput,
  PasswordInput,
  ReferenceField,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
  required,
  useLocaleState,
} from 'react-admin';
import type { FieldKind } from '../../../schema/define';
import type { FieldMeta } from '../meta/meta-store';
import { choicesOf } from '../meta/labels';
import { DayField, HiddenField, JsonField, ListChipsField, TimestampField } from './value-fields';
import { FreeListInput, JsonInput } from './text-backed-inputs';
import { RefInput } from './reference-inputs';
import { fieldOverride } from '../resources/field-overrides';
import type { KindFieldProps, KindInputProps } from './kind-props';

const money = { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 } as const;
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
const RefField = ({ field, ...props }: KindFieldProps) => <ReferenceField {...props} reference={field.ref!} link="show" emptyText="" />;

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
  int: { Field: plain(NumberField), Input: plainInput(NumberInput, { step: 1 }) },
  number: { Field: plain(NumberField), Input: plainInput(NumberInput) },
  money: {
    Field: plain((p) => <NumberField {...p} locales="zh-CN" options={money} />),
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
