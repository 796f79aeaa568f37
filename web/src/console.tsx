/**
 * Everything a signed-in user sees, loaded after sign-in (App.tsx imports it lazily): the resources'
 * screens, the console's and the importer's routes. The login page and the providers stay in the initial
 * bundle; the screens themselves are split further (generic/lazy-screens.tsx, the import wizard).
 */
import type { Meta } from './meta/meta-store';
import { resourceElements } from './generic/resource-elements';
import { consoleRoutes } from './qa/qa-routes';
import { importRoutes } from './imports/import-routes';

export const consoleElements = (meta: Meta) => [...resourceElements(meta), consoleRoutes(), importRoutes()];
