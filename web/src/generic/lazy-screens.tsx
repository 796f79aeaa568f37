/**
 * The resource screens (generic list/show/edit/create and the per-resource overrides) as one lazily loaded
 * chunk: <Resource> elements are declared up front for every resource, the code behind them loads on the
 * first visit of a list, record or form.
 */
import { lazy, Suspense } from 'react';
import { Loading } from 'react-admin';
import type { ScreenKind } from './screens';

const Screen = lazy(() => import('./screens'));

export const LazyScreen = ({ kind }: { kind: ScreenKind }) => (
  <Suspense fallback={<Loading />}>
    <Screen kind={kind} />
  </Suspense>
);
