/**
 * What a workflow adds to the generated console: buttons on a record's show page, extra tabs there, and
 * pages of its own (a menu entry under a registry area, a route guarded by canAccess with the page's key;
 * who may open a page is declared in ./page-access.ts, which stays free of React for the access tests).
 */
import type { ComponentType } from 'react';
import type { SvgIconComponent } from '@mui/icons-material';
import type { I18nText } from '../../../schema/verbs';

export interface WorkflowTab {
  /** the tab's URL segment on the show page */
  path: string;
  label: I18nText;
  Component: ComponentType;
}

export interface WorkflowPage {
  /** the canAccess key, also a key of PAGE_ACCESS in ./page-access.ts */
  key: string;
  /** the route, e.g. '/workflows/receivables' */
  path: string;
  label: I18nText;
  icon: SvgIconComponent;
  /** the registry area whose menu group lists the page */
  area: string;
  Page: ComponentType;
}

export interface WorkflowExtension {
  /** buttons in the show page toolbar, per resource (they read the record from the record context) */
  showActions?: Record<string, ComponentType[]>;
  /** tabs added to the show page, per resource */
  showTabs?: Record<string, WorkflowTab[]>;
  pages?: WorkflowPage[];
}
