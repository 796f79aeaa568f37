/**
 * Everything a rule may look up besides its own record: synchronous, by id, returning live (not voided)
 * rows only. The server implements it over SQL (one cached query per id per request); the importer and
 * the tests over in-memory maps (memory-context.ts).
 */
import type { IsoDate } from './dates';
import type { RuleSettings } from './settings';
import type {
  AuthorizationRow,
  BatchRow,
  CompanyLicenseRow,
  ContractRow,
  CustomerAgentRow,
  CustomerLicenseRow,
  CustomerRow,
  Id,
  Loose,
  ProductRow,
  RecallRow,
  SalespersonRow,
  SalesLineRow,
  SalesOrderRow,
  TrainingRow,
} from './types';

/** The trainings held on a date: the latest dated on or before it (by date, then id), and whether any of those passed. */
export interface TrainingsHeld {
  latest: Loose<TrainingRow> | undefined;
  passed: boolean;
}

export interface RuleContext {
  /** the clock rules run against: today, `--as-of`, or GSP_TODAY */
  readonly asOf: IsoDate;
  readonly settings: RuleSettings;
  /** our own licences (本企业证照), all of them: rules pick the ones valid on the date they need */
  companyLicenses(): readonly CompanyLicenseRow[];
  customer(id: Id): CustomerRow | undefined;
  customerLicenses(customerId: Id): readonly CustomerLicenseRow[];
  customerAgents(customerId: Id): readonly CustomerAgentRow[];
  salesperson(id: Id): SalespersonRow | undefined;
  authorizations(salespersonId: Id): readonly AuthorizationRow[];
  /**
   * the salesperson's trainings held on `date` (SALESPERSON_UNQUALIFIED: a failed training): the latest dated on
   * or before it, and whether any of those passed — not every record (a salesperson may have thousands)
   */
  trainingsHeld(salespersonId: Id, date: IsoDate): TrainingsHeld;
  product(id: Id): ProductRow | undefined;
  batch(id: Id): BatchRow | undefined;
  /** recalls of the product whose batch list contains batchNo (any status, with started_at) */
  recallsCovering(productId: Id, batchNo: string): readonly RecallRow[];
  recall(id: Id): RecallRow | undefined;
  contract(id: Id): ContractRow | undefined;
  order(id: Id): SalesOrderRow | undefined;
  /** the lines of an order: the goods of its outbound slips (SPECIAL_ARRIVAL_UNCONFIRMED, INVOICE_MISMATCH) */
  orderLines(orderId: Id): readonly Loose<SalesLineRow>[];
  /**
   * the day a batch was found nonconforming (its earliest live 已售不合格品处理 case), which dates a 不合格 status as a
   * recall's start dates a recall (BATCH_BLOCKED); null when the batch has no case
   */
  nonconformingSince?(batchId: Id): string | null;
}
