/**
 * The resource screens (generic list/show/edit/create and the per-resource overrides) as one lazily loaded
 * chunk: <Resource> elements are declared up front for every resource, the code behind them loads on the
 * first visit of a list, record or form (or earlier: App.tsx preloads it once signed in).
 */
import { Loading } from 'react-admin';
import { preloadable } from '../boot/preloadable';
import type { ScreenKind } from './screens';

const Screen = preloadable(() => import('./screens').then((m) => m.default), <Loading />);

export const preloadScreens = Screen.preload;

export const LazyScreen = ({ kind }: { kind: ScreenKind }) => <Screen.Component kind={kind} />;
