/** The bookkeeping fields every record carries (id, version, created/updated/voided by and at). */
import { FunctionField, NumberField, TextField } from 'react-admin';
import type { ReactElement } from 'react';
import { isSystemField } from '../../../schema/system-fields';
import { TimestampField } from './value-fields';
import { UserName } from './UserName';

/** A system field as a list column or show row; undefined when `key` is not one (the legacy facts have their banner). Lists sort by id only of these. */
export function renderSystemField(key: string): ReactElement | undefined {
  if (!isSystemField(key) || key === 'legacy_facts') return undefined;
  const sortable = key === 'id';
  if (key.endsWith('_at')) return <TimestampField key={key} source={key} sortable={sortable} />;
  if (key.endsWith('_by'))
    return (
      <FunctionField
        key={key}
        source={key}
        sortable={sortable}
        render={(r: Record<string, unknown>) => (r[key] == null ? '' : <UserName id={r[key] as number | string} />)}
      />
    );
  if (key === 'version' || key === 'import_id') return <NumberField key={key} source={key} sortable={sortable} />;
  return <TextField key={key} source={key} sortable={sortable} />;
}

/** Shown under a record's fields on its show page. */
export const AUDIT_TRAIL_FIELDS = ['created_at', 'created_by', 'updated_at', 'updated_by', 'version'];
