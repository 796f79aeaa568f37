/** Screens that replace a generic one, per resource. Everything not listed here is generated from /api/meta. */
import type { ReactElement } from 'react';
import { GenericCreate, GenericEdit } from '../generic/GenericEditCreate';
import { SalesOrderForm } from './sales_orders/SalesOrderForm';

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
};
