/**
 * What every field and input component of a registry field kind receives: apart from field-kinds.tsx so the
 * per-field overrides (resources/field-overrides.tsx, qa/finding-fields.tsx) that it renders can use them.
 */
import type { Validator } from 'react-admin';
import type { FieldMeta } from '../meta/meta-store';

export interface KindFieldProps {
  field: FieldMeta;
  source: string;
  label?: string | false;
  sortable?: boolean;
}
export interface KindInputProps {
  field: FieldMeta;
  source: string;
  label?: string | false;
  validate?: Validator[];
  readOnly?: boolean;
  defaultValue?: unknown;
  helperText?: string | false;
}
