/** What the verbs of schema/workflows/aftersales.ts change — After-sales: complaints, quality feedback, adverse reactions. */
import { adverseSteps, complaintSteps, feedbackSteps } from '../workflows/aftersales/steps';
import { verb, type VerbDef } from './types';

export const AFTERSALES_VERB_DEFS: VerbDef[] = [
  verb('complaints', 'investigate', complaintSteps.investigate),
  verb('complaints', 'handle', complaintSteps.handle),
  verb('complaints', 'follow-up', complaintSteps.followUp),
  verb('complaints', 'report-qa', complaintSteps.reportQa),
  verb('quality_feedback', 'report', feedbackSteps.report),
  verb('quality_feedback', 'handle', feedbackSteps.handle),
  verb('quality_feedback', 'close', feedbackSteps.close),
  verb('adverse_reactions', 'forward', adverseSteps.forward),
  verb('adverse_reactions', 'report-regulator', adverseSteps.reportRegulator),
];
