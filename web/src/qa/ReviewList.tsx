/**
 * A review list over a registry resource: the resource's generic columns and filters, limited by a fixed
 * filter (pending approval, no reviewer, not notified...), with the bulk verbs QA's roles may sign.
 */
import type { ReactElement } from 'react';
import { Datagrid, List, ResourceContextProvider } from 'react-admin';
import { findResource } from '../meta/meta-store';
import { listColumns } from '../generic/columns';
import { LIST_BODY } from '../generic/ListBody';
import { exportResource } from '../generic/exporter';
import { useListFilters } from '../generic/list-filters';
import { BULK, ListActions } from '../generic/GenericList';
import { EmptyReview } from './EmptyReview';

interface ReviewListProps {
  resource: string;
  filter: Record<string, unknown>;
  storeKey: string;
  /** filters that make no sense with the fixed filter (its own keys are always left out) */
  omitFilters?: string[];
  /** columns after the registry's list columns */
  extra?: ReactElement[];
  sort?: { field: string; order: 'ASC' | 'DESC' };
}

const baseKey = (key: string) => key.replace(/_(gte|lte|gt|lt|neq|q)$/, '');

const Inner = ({ resource, filter, storeKey, omitFilters = [], extra = [], sort }: ReviewListProps) => {
  const meta = findResource(resource)!;
  const fixed = new Set([...Object.keys(filter).map(baseKey), ...omitFilters]);
  const filters = useListFilters(meta).filter((f) => !fixed.has(baseKey(String(f.key))) && f.key !== 'voided');
  return (
    <List
      resource={resource}
      filter={filter}
      filters={filters}
      storeKey={storeKey}
      disableSyncWithLocation
      sort={sort ?? { field: meta.sort[0], order: meta.sort[1] }}
      perPage={25}
      exporter={exportResource}
      actions={<ListActions canCreate={false} />}
      title={false}
      empty={<EmptyReview />}
    >
      <Datagrid rowClick="show" {...BULK} body={LIST_BODY}>
        {listColumns(meta)}
        {extra}
      </Datagrid>
    </List>
  );
};

export const ReviewList = (props: ReviewListProps) =>
  findResource(props.resource) ? (
    <ResourceContextProvider value={props.resource}>
      <Inner {...props} />
    </ResourceContextProvider>
  ) : null;
