/**
 * The referenced records of a list page, asked for once per referenced resource for the whole table
 * (issue 13 item 7). A reference cell that asked itself (a getMany hook and an access hook per cell: ≈ 75
 * cells × 2 queries on a 25-row page of sales lines) cost more than the rest of its row; inside this
 * provider a cell only looks its record up.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useCanAccess, useGetManyAggregate, useListContext, type RaRecord } from 'react-admin';
import type { ResourceMeta } from '../meta/meta-store';

export interface RefColumn {
  records: ReadonlyMap<string, RaRecord>;
  canShow: boolean;
}

const RefTableContext = createContext<ReadonlyMap<string, RefColumn> | null>(null);

/** The page's records of `reference`, when a table above fetched them (else undefined: the cell asks itself). */
export const useRefColumn = (reference: string): RefColumn | undefined => useContext(RefTableContext)?.get(reference);

const EMPTY: RaRecord[] = [];

/** One referenced resource: the ids its columns hold on this page, in one getMany. */
const RefColumnProvider = ({ reference, sources, children }: { reference: string; sources: string[]; children: ReactNode }) => {
  const { data = EMPTY } = useListContext();
  const ids = useMemo(() => {
    const seen = new Set<string>();
    for (const record of data) for (const source of sources) if (record[source] != null && record[source] !== '') seen.add(String(record[source]));
    return [...seen];
  }, [data, sources]);
  const { data: records } = useGetManyAggregate(reference, { ids }, { enabled: ids.length > 0 });
  const { canAccess } = useCanAccess({ resource: reference, action: 'show' });
  const outer = useContext(RefTableContext);
  const value = useMemo(() => {
    const byId = new Map<string, RaRecord>();
    for (const record of records ?? EMPTY) if (record) byId.set(String(record.id), record);
    return new Map(outer).set(reference, { records: byId, canShow: !!canAccess });
  }, [outer, reference, records, canAccess]);
  return <RefTableContext.Provider value={value}>{children}</RefTableContext.Provider>;
};

/** Around a list's table: the records its reference columns (`columns`, registry keys) point at. */
export const RefTable = ({ resource, columns, children }: { resource: ResourceMeta; columns: string[]; children: ReactNode }) => {
  const byReference = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const key of columns) {
      const field = resource.fields.find((f) => f.key === key);
      if (field?.kind === 'ref' && field.ref) map.set(field.ref, [...(map.get(field.ref) ?? []), key]);
    }
    return [...map];
  }, [resource, columns]);
  return byReference.reduceRight<ReactNode>(
    (inner, [reference, sources]) => (
      <RefColumnProvider key={reference} reference={reference} sources={sources}>
        {inner}
      </RefColumnProvider>
    ),
    children,
  );
};
