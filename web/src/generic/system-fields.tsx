/** The bookkeeping fields every record carries (id, version, created/updated/voided by and at). */
import { FunctionField, NumberField, TextField } from 'react-admin';
import type { ReactElement } from 'react';
import { TimestampField } from './value-fields';
import { UserName } from './UserName';

export const SYSTEM_FIELDS = [
  'id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'voided_at', 'voided_by', 'void_reason',
] as const;

const isSystemField = (key: string): key is (typeof SYSTEM_FIELDS)[number] => (SYSTEM_FIELDS as readonly string[]).includes(key);

/** A system field as a list column or show row; undefined when `key` is not one. Lists sort by id only of these. */
export function renderSystemField(key: string): ReactElement | undefined {
  if (!isSystemField(key)) return undefined;
  const sortable = key === 'id';
  if (key.endsWith('_at')) return <TimestampField key={key} source={key} sortable={sortable} />;
  if (key.endsWith('_by'))
    return <FunctionField key={key} source={key} sortable={sortable} render={(r: Record<string, any>) => (r[key] == null ? '' : <UserName id={r[key]} />)} />;
  if (key === 'version') return <NumberField key={key} source={key} sortable={sortable} />;
  return <TextField key={key} source={key} sortable={sortable} />;
}

/** Shown under a record's fields on its show page. */
export const AUDIT_TRAIL_FIELDS = ['created_at', 'created_by', 'updated_at', 'updated_by', 'version'];
