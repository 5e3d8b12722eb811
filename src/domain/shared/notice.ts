/**
 * Something a change left undone on purpose, said with its answer instead of failing it: an SVA
 * user that automatic creation did not make, and why.
 */
export interface Notice {
  readonly code: 'SVA_AUTO_CREATE_SKIPPED';
  readonly message: string;
  /** The product whose user was not created. */
  readonly productId: string;
  /** The code of the rule that stopped it (SVA_USER_MISSING_DATA, SVA_USER_CPF_TAKEN, SVA_USER_EMAIL_TAKEN…). */
  readonly reason: string;
  /** For missing data: the fields the customer record lacks. */
  readonly missingFields?: readonly string[];
}
