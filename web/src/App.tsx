/**
 * The console. Resources come from GET /api/meta, which needs a session: <Admin>'s child function runs once
 * the user's permissions are known (i.e. after sign-in) and resolves to the <Resource>s; until then only the
 * login page (which needs no meta) can render.
 */
import type { ReactNode } from 'react';
import { Admin, Loading, Resource } from 'react-admin';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { i18nProvider } from './providers/i18n-provider';
import { store } from './providers/locale';
import { queryClient } from './providers/query-client';
import { loadMeta } from './meta/meta-store';
import { LoginPage } from './layout/LoginPage';
import { MetaError } from './layout/MetaError';
import { theme } from './layout/theme';
import { preloadable } from './boot/preloadable';
import { preloadScreens } from './generic/lazy-screens';
import { seedPrefetchedList } from './boot/list-seed';

// Split by route: the initial bundle is the sign-in and the providers; the layout (menu), the dashboard and
// the screens load once signed in, in parallel with /api/meta (issue 13 item 7).
const loadConsole = () => import('./console');
const Layout = preloadable(() => import('./layout/ConsoleLayout').then((m) => m.ConsoleLayout), <Loading />);
const Dashboard = preloadable(() => import('./qa/Dashboard').then((m) => m.Dashboard), <Loading />);
// Every signed-in page needs these: fetched in parallel as soon as this module loads (while the user signs
// in, or while /api/meta answers), not one after the other as each is first rendered.
void Promise.all([loadConsole(), Layout.preload(), Dashboard.preload(), preloadScreens()]).catch(() => undefined);
// The list the page opens on goes into the query cache as its answer arrives (boot/list-seed.ts).
seedPrefetchedList(queryClient, dataProvider);
const ConsoleLayout = Layout.Component as (props: { children: ReactNode }) => ReactNode;

// Not signed in yet: stay "loading" (react-admin redirects to the login page meanwhile).
const never = new Promise<never>(() => undefined);

const renderResources = async (permissions: unknown) => {
  if (permissions == null) return never;
  try {
    const [{ consoleElements }, meta] = await Promise.all([loadConsole(), loadMeta()]);
    return consoleElements(meta);
  } catch (error) {
    console.error('GET /api/meta failed', error);
    // A lone pseudo-resource: the admin opens it first, so the error is what the user sees.
    return <Resource name="meta_error" list={MetaError} />;
  }
};

export const App = () => (
  <Admin
    title="GSP"
    dataProvider={dataProvider}
    authProvider={authProvider}
    queryClient={queryClient}
    i18nProvider={i18nProvider}
    store={store}
    layout={ConsoleLayout}
    dashboard={Dashboard.Component}
    loginPage={LoginPage}
    theme={theme}
    requireAuth
    disableTelemetry
  >
    {renderResources}
  </Admin>
);

/** Signed in (boot/Boot.tsx knows it before react-admin does): /api/meta is asked for at once. */
export const prefetchSignedIn = () => {
  void loadMeta().catch(() => undefined);
};
