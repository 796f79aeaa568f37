/** The console's custom routes: the QA review pages and the audit-chain check, each behind canAccess. */
import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { AccessDenied, CanAccess, CustomRoutes } from 'react-admin';
import { AuditVerifyPage } from '../system/AuditVerifyPage';
import { QA_PAGES } from './qa-pages';
import { WORKFLOW_PAGES } from '../workflows';

const guarded = (key: string, page: ReactNode) => (
  <CanAccess resource={key} action="list" accessDenied={<AccessDenied />}>
    {page}
  </CanAccess>
);

export const consoleRoutes = () => (
  <CustomRoutes key="console-routes">
    {QA_PAGES.filter((p) => p.Page).map(({ key, path, Page }) => (
      <Route key={key} path={path} element={guarded(key, Page ? <Page /> : null)} />
    ))}
    <Route path="/audit-verify" element={guarded('audit-verify', <AuditVerifyPage />)} />
    {WORKFLOW_PAGES.map(({ key, path, Page }) => (
      <Route key={key} path={path} element={guarded(key, <Page />)} />
    ))}
  </CustomRoutes>
);
