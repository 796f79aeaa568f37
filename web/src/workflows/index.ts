/** Every workflow's additions, merged: GenericShow, the routes and the menu read them from here. */
import type { ComponentType } from 'react';
import type { WorkflowExtension, WorkflowPage, WorkflowTab } from './types';
import { firstBusinessWorkflow } from './first-business';
import { contractsWorkflow } from './contracts';
import { fulfilmentWorkflow } from './fulfilment';
import { recallWorkflow } from './recall';
import { aftersalesWorkflow } from './aftersales';
import { documentsWorkflow } from './documents';
import { attachmentTabsOf } from '../attachments/tabs';
import { afterSalesRecordsWorkflow } from './after-sales-records';
import { staffQualityWorkflow } from './staff-quality';

const WORKFLOWS: WorkflowExtension[] = [
  firstBusinessWorkflow,
  contractsWorkflow,
  fulfilmentWorkflow,
  recallWorkflow,
  aftersalesWorkflow,
  documentsWorkflow,
  afterSalesRecordsWorkflow,
  staffQualityWorkflow,
];

export const showActionsOf = (resource: string): ComponentType[] => WORKFLOWS.flatMap((w) => w.showActions?.[resource] ?? []);
export const showTabsOf = (resource: string): WorkflowTab[] => [...WORKFLOWS.flatMap((w) => w.showTabs?.[resource] ?? []), ...attachmentTabsOf(resource)];
export const WORKFLOW_PAGES: WorkflowPage[] = WORKFLOWS.flatMap((w) => w.pages ?? []);
