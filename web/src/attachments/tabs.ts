/** The 扫描件 tab on the show page of every resource that carries scans (GET /api/meta `attachments`). */
import { findResource } from '../meta/meta-store';
import type { WorkflowTab } from '../workflows/types';
import { AttachmentsTab } from './AttachmentsTab';
import { T } from './texts';

const TAB: WorkflowTab = { path: 'attachments', label: T.tab, Component: AttachmentsTab };

export const attachmentTabsOf = (resource: string): WorkflowTab[] => (findResource(resource)?.attachments ? [TAB] : []);
