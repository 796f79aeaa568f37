/**
 * The importer's pages: 数据导入 (the wizard, for roles that may create some importable resource) and
 * 导入记录 (the history, for roles that may list imports), each guarded like the server guards its routes.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Route } from 'react-router';
import { AccessDenied, CustomRoutes, Loading } from 'react-admin';
import { canAccessFor } from '../auth/access';
import { useRoles } from '../auth/use-roles';
import { getMeta } from '../meta/meta-store';
import { canImport } from './kinds';

// The wizard (with the browser-side CSV/XLSX readers) and the history load when first opened.
const ImportHistory = lazy(() => import('./ImportHistory').then((m) => ({ default: m.ImportHistory })));
const ImportWizard = lazy(() => import('./ImportWizard').then((m) => ({ default: m.ImportWizard })));
import { HISTORY_PATH, WIZARD_PATH } from './paths';

export const mayViewImports = (roles: readonly string[]) => canAccessFor(roles, { resource: 'imports', action: 'list' });

const Guard = ({ allow, children }: { allow: (roles: readonly string[]) => boolean; children: ReactNode }) => {
  const roles = useRoles();
  return allow(roles) ? <Suspense fallback={<Loading />}>{children}</Suspense> : <AccessDenied />;
};

export const importRoutes = () => (
  <CustomRoutes key="import-routes">
    <Route
      path={WIZARD_PATH}
      element={
        <Guard allow={(roles) => canImport(getMeta(), roles)}>
          <ImportWizard />
        </Guard>
      }
    />
    <Route
      path={HISTORY_PATH}
      element={
        <Guard allow={mayViewImports}>
          <ImportHistory />
        </Guard>
      }
    />
  </CustomRoutes>
);
