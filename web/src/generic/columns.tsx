/** A resource's list columns (registry `list`), for its own list and for child tables on a parent's page. */
import type { ReactElement } from 'react';
import type { ResourceMeta } from '../meta/meta-store';
import { renderField } from './field-kinds';
import { renderSystemField } from './system-fields';

/** Whether the list may sort by `key`: the server refuses any other sort (schema/define.ts `sortable`). */
export const canSort = (resource: ResourceMeta, key: string) => key === 'id' || resource.sortable.includes(key);

export function listColumns(resource: ResourceMeta, omit: string[] = []): ReactElement[] {
  return resource.list
    .filter((key) => !omit.includes(key))
    .flatMap((key) => {
      const field = resource.fields.find((f) => f.key === key);
      if (field) return field.writeOnly ? [] : [renderField(field, { sortable: canSort(resource, key) }, resource.name)];
      const system = renderSystemField(key);
      return system ? [system] : [];
    });
}
