/**
 * The audit rows of a record and of its child records (an order's lines, a customer's licences), newest
 * first. Children are looked up including voided ones, since a removed line is part of the order's story.
 */
import { useEffect, useMemo, useState } from 'react';
import { useDataProvider, useGetList, type Identifier } from 'react-admin';
import { findResource } from '../meta/meta-store';
import type { AuditRow } from './audit-diff';

const MAX_ROWS = 500;

function useChildIds(resourceName: string, id: Identifier | undefined, version: unknown) {
  const dataProvider = useDataProvider();
  const children = findResource(resourceName)?.children ?? [];
  const [ids, setIds] = useState<Record<string, Identifier[]> | undefined>(children.length ? undefined : {});
  // biome-ignore lint/correctness/useExhaustiveDependencies: `children` follows resourceName; `version` refetches after a save
  useEffect(() => {
    if (id == null || !children.length) return;
    let live = true;
    Promise.all(
      children.map((c) =>
        dataProvider
          .getList(c.resource, {
            filter: { [c.field]: id, voided: 'any' },
            pagination: { page: 1, perPage: MAX_ROWS },
            sort: { field: 'id', order: 'ASC' },
          })
          .then(({ data }) => [c.resource, data.map((r) => r.id)] as const)
          .catch(() => [c.resource, []] as const),
      ),
    ).then((entries) => live && setIds(Object.fromEntries(entries)));
    return () => {
      live = false;
    };
    // `version` refetches after the record (and so possibly its children) was saved.
  }, [dataProvider, resourceName, id, version]);
  return ids;
}

export function useAuditTrail(resourceName: string, record: { id: Identifier; version?: unknown } | undefined) {
  const childIds = useChildIds(resourceName, record?.id, record?.version);
  const wanted = useMemo(() => {
    const pairs = new Set<string>();
    if (record) pairs.add(`${resourceName}#${record.id}`);
    for (const [child, ids] of Object.entries(childIds ?? {})) for (const id of ids) pairs.add(`${child}#${id}`);
    return pairs;
  }, [resourceName, record, childIds]);
  const resources = [resourceName, ...Object.keys(childIds ?? {}).filter((c) => childIds![c].length)];
  const recordIds = [...new Set([record?.id, ...Object.values(childIds ?? {}).flat()])];
  // The API filters each key separately (IN on both), so keep only the exact (resource, id) pairs.
  const query = useGetList<AuditRow & { id: number }>(
    'audit_log',
    {
      filter: { resource: resources.length === 1 ? resources[0] : resources, record_id: recordIds.length === 1 ? recordIds[0] : recordIds },
      sort: { field: 'id', order: 'DESC' },
      pagination: { page: 1, perPage: MAX_ROWS },
    },
    { enabled: record != null && childIds !== undefined },
  );
  const rows = useMemo(() => query.data?.filter((row) => wanted.has(`${row.resource}#${row.record_id}`)), [query.data, wanted]);
  return { rows, isPending: query.isPending || childIds === undefined, error: query.error };
}
