import { COMMON_ERRORS } from './shared/errors';
import { API_KEYS_ERRORS } from './api-keys/errors';
import { CUSTOMERS_ERRORS } from './customers/errors';
import { PRODUCTS_ERRORS } from './products/errors';
import { CONTRACTS_ERRORS } from './contracts/errors';
import { SVA_ERRORS } from './sva/errors';
import { STFC_ERRORS } from './stfc/errors';
import { DELIVERIES_ERRORS } from './deliveries/errors';
import { VOIP_ERRORS } from './voip/errors';
import { MVNO_ERRORS } from './mvno/errors';
import { RECEIVABLES_ERRORS } from './receivables/errors';
import { CREDIT_ERRORS } from './credit/errors';
import { NOTIFICATIONS_ERRORS } from './notifications/errors';
import { PBX_ERRORS } from './pbx/errors';
import { OVERDUE_ERRORS } from './overdue/errors';
import { WEBHOOKS_ERRORS } from './webhooks/errors';
import { RECONCILIATION_ERRORS } from './reconciliation/errors';
import type { ErrorRecord } from './shared/error-record';

/* Every error code Ponte answers with, assembled from the areas' own records. */

const ALL = {
  ...COMMON_ERRORS,
  ...API_KEYS_ERRORS,
  ...CUSTOMERS_ERRORS,
  ...PRODUCTS_ERRORS,
  ...CONTRACTS_ERRORS,
  ...SVA_ERRORS,
  ...STFC_ERRORS,
  ...DELIVERIES_ERRORS,
  ...VOIP_ERRORS,
  ...MVNO_ERRORS,
  ...RECEIVABLES_ERRORS,
  ...CREDIT_ERRORS,
  ...NOTIFICATIONS_ERRORS,
  ...PBX_ERRORS,
  ...OVERDUE_ERRORS,
  ...WEBHOOKS_ERRORS,
  ...RECONCILIATION_ERRORS,
} as const;

/** A code of the catalogue: `DomainError.code` is one, so a mistyped code does not compile. */
export type ErrorCode = keyof typeof ALL;

/** The catalogue, by status and then by code (the order the problem pages and the contract list them in). */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorRecord>> = Object.freeze(
  Object.fromEntries(Object.entries(ALL).sort(([a, x], [b, y]) => x.status - y.status || (a < b ? -1 : 1))) as Record<
    ErrorCode,
    ErrorRecord
  >,
);

/** How many codes the areas define between them: more than the catalogue holds means two define one code. */
export const DEFINED_CODES = [
  COMMON_ERRORS,
  API_KEYS_ERRORS,
  CUSTOMERS_ERRORS,
  PRODUCTS_ERRORS,
  CONTRACTS_ERRORS,
  SVA_ERRORS,
  STFC_ERRORS,
  DELIVERIES_ERRORS,
  VOIP_ERRORS,
  MVNO_ERRORS,
  RECEIVABLES_ERRORS,
  CREDIT_ERRORS,
  NOTIFICATIONS_ERRORS,
  PBX_ERRORS,
  OVERDUE_ERRORS,
  WEBHOOKS_ERRORS,
  RECONCILIATION_ERRORS,
].reduce((n, records) => n + Object.keys(records).length, 0);
