/**
 * The shape of a workflow verb (schema/verbs.ts holds the catalogue): apart from it so that each workflow's
 * declarations (schema/workflows/) can use the type without importing the catalogue that imports them.
 */
import type { Role } from './permissions';

export interface I18nText {
  zh: string;
  en: string;
}
type Rec = Record<string, unknown>;

export interface VerbSpec {
  resource: string;
  verb: string;
  /** the signature's meaning (signatures.meaning) */
  meaning: string;
  roles: Role[];
  signed: boolean;
  commentRequired: boolean;
  /** the signer may not sign a record they created */
  noSelfApproval: boolean;
  label: I18nText;
  /** what the signer is told they sign when the meanings of /api/meta do not have it yet */
  meaningLabel?: I18nText;
  /** extra values the dialog asks for (sent in the verb's body beside password and comment) */
  inputs?: readonly VerbInput[];
  /** offered by its workflow's own panel, not the show page's toolbar (its state needs more than the record) */
  inPanel?: boolean;
  ready(record: Rec): boolean;
  /** why the verb does not apply when ready() says no (instead of the generic "not in this state") */
  notReady?: I18nText;
}

/** One extra value of a verb's dialog, e.g. the quantity returned or the notification method. */
export interface VerbInput {
  key: string;
  label: I18nText;
  kind: 'text' | 'number' | 'date' | 'select';
  required?: boolean;
  /** for kind 'select': the choices (usually an enum's keys and labels) */
  options?: readonly { id: string; label: I18nText }[];
}
