/** The documents flow's additions to the console (see ./types.ts). */
import type { WorkflowExtension } from './types';

export const documentsWorkflow: WorkflowExtension = {};
