/**
 * The referenced records of a list page, asked for once per referenced resource for the whole table
 * (issue 13 item 7). A reference cell that asked itself (a getMany hook and an access hook per cell: ≈ 75
 * cells × 2 queries on a 25-row page of sales lines) cost more than the rest of its row; inside this
 * provider a cell only looks its record up.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useCanAccess, useGetManyAggregate, useListContext, type RaRecord } from 'react-admin';

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

/** The referenced resources of a table's columns, each with the columns (sources) that point at it. */
export type TableRefs = ReadonlyArray<readonly [reference: string, sources: string[]]>;

/** Around a list's rows (generic/ListBody.tsx): the records its reference columns point at. */
export const RefTable = ({ refs, children }: { refs: TableRefs; children: ReactNode }) =>
  refs.reduceRight<ReactNode>(
    (inner, [reference, sources]) => (
      <RefColumnProvider key={reference} reference={reference} sources={sources}>
        {inner}
      </RefColumnProvider>
    ),
    children,
  );

/** Every table-level lookup above (reference → its page's records), or null outside a table. */
export const useRefColumns = (): ReadonlyMap<string, RefColumn> | null => useContext(RefTableContext);
