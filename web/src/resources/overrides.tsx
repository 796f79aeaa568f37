/** Screens that replace a generic one, per resource. Everything not listed here is generated from /api/meta. */
import type { ReactElement } from 'react';
import { GenericCreate, GenericEdit } from '../generic/GenericEditCreate';
import { FindingsList } from '../qa/FindingsList';
import { SalesOrderForm } from './sales_orders/SalesOrderForm';
import { SettingForm } from './settings/SettingForm';
import { UserForm } from './users/UserForm';

export interface ScreenOverrides {
  list?: ReactElement;
  show?: ReactElement;
  edit?: ReactElement;
  create?: ReactElement;
}

export const OVERRIDES: Record<string, ScreenOverrides> = {
  sales_orders: {
    edit: <GenericEdit form={<SalesOrderForm mode="edit" />} />,
    create: <GenericCreate form={<SalesOrderForm mode="create" />} />,
  },
  findings: { list: <FindingsList /> },
  settings: {
    edit: <GenericEdit form={<SettingForm mode="edit" />} />,
    create: <GenericCreate form={<SettingForm mode="create" />} />,
  },
  users: {
    edit: <GenericEdit form={<UserForm mode="edit" />} />,
    create: <GenericCreate form={<UserForm mode="create" />} />,
  },
};
