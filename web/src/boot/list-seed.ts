/**
 * The list the page opened on, in react-admin's query cache before its screen first renders (issue 13 items
 * 1 and 7). The answer asked for as the page started (boot/list-prefetch.ts) usually arrives while the
 * console's code still loads; put in the cache under the key the list screen's getList query uses, the
 * screen draws its rows in its first render instead of drawing an empty table, waiting for a timer of
 * react-query's and drawing everything again (one render and one layout pass of the whole screen less).
 */
import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { DataProvider } from 'react-admin';
import { prefetchedList } from './list-prefetch';

let seededHash: string | undefined;

/** Runs the prefetched list's getList into the cache (the data provider takes the early answer, once). */
export function seedPrefetchedList(queryClient: QueryClient, dataProvider: DataProvider): void {
  const request = prefetchedList();
  if (!request) return;
  const { resource, pagination, sort, filter } = request;
  // ra-core's useGetList key and result shape (meta undefined: absent from the hash)
  const queryKey = [resource, 'getList', { pagination, sort, filter, meta: undefined }];
  seededHash = hashKey(queryKey);
  void queryClient
    .prefetchQuery({
      queryKey,
      queryFn: () => dataProvider.getList(resource, { pagination, sort, filter }).then(({ data, total, pageInfo, meta }) => ({ data, total, pageInfo, meta })),
    })
    .catch(() => undefined);
  // The first screen that shows it takes it as fresh (below); once shown, the query is an ordinary one again.
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'observerAdded' && event.query.queryHash === seededHash) {
      seededHash = undefined;
      unsubscribe();
    }
  });
}

/** The seeded answer counts as fresh for the screen that mounts on it (without this it would ask again at once). */
export function isSeededList(queryHash: string | undefined): boolean {
  return queryHash !== undefined && queryHash === seededHash;
}
