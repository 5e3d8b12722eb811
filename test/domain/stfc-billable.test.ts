import {
  BILLABLE_RULES,
  brokenRules,
  competenceDays,
  insideBillingValidity,
  isBillable,
  type BillableRule,
  type BillingFacts,
} from '../../src/domain/stfc/billable';

const COMPETENCE = '2026-11';

/** A contract that meets every rule of seed 001 for November 2026. */
const billable: BillingFacts = {
  contract: { approved: true, status: 'active', accessStatus: 'active', billingStart: '2026-01-01', billingEnd: null },
  service: { status: 'active', deleted: false },
  billed: false,
  hasCharge: false,
  hasOneOffValue: false,
  hasZeroBilling: false,
};

/** One way to break each rule, and only that rule. */
const BREAKS: Record<BillableRule, BillingFacts> = {
  approved: { ...billable, contract: { ...billable.contract, approved: false } },
  status_normal: { ...billable, contract: { ...billable.contract, accessStatus: 'manual_block' } },
  summit_service_active: { ...billable, service: { status: 'active', deleted: true } },
  inside_billing_validity: { ...billable, contract: { ...billable.contract, billingEnd: '2026-10-31' } },
  not_billed_in_competence: { ...billable, billed: true },
  no_charge_for_competence: { ...billable, hasCharge: true },
  no_one_off_value: { ...billable, hasOneOffValue: true },
  no_zero_billing_event: { ...billable, hasZeroBilling: true },
};

describe('seed 001: which contracts the STFC dashboard bills for a competence', () => {
  test('when a contract meets the eight rules, then it is billable', () => {
    expect(brokenRules(billable, COMPETENCE)).toEqual([]);
    expect(isBillable(billable, COMPETENCE)).toBe(true);
  });

  test.each(BILLABLE_RULES)(
    'when only the rule "%s" is broken, then the contract is not billable and that rule alone is named',
    (rule) => {
      expect(brokenRules(BREAKS[rule], COMPETENCE)).toEqual([rule]);
      expect(isBillable(BREAKS[rule], COMPETENCE)).toBe(false);
    },
  );

  test.each([
    ['pre_contract', 'awaiting_signature'],
    ['active', 'manual_block'],
    ['active', 'automatic_block'],
    ['inactive', 'disabled'],
    ['negativated', 'disabled'],
  ] as const)('when the contract is %s with access %s, then it is not in status Normal', (status, accessStatus) => {
    expect(brokenRules({ ...billable, contract: { ...billable.contract, status, accessStatus } }, COMPETENCE)).toEqual([
      'status_normal',
    ]);
  });

  test('when the contract is merely late (financeiro em atraso, still served), then it is in status Normal and billable (Voalle: Normal is not suspended nor blocked)', () => {
    expect(
      brokenRules({ ...billable, contract: { ...billable.contract, accessStatus: 'late_payment' } }, COMPETENCE),
    ).toEqual([]);
  });

  test('when the contract has no Summit service, or its service is still being provisioned, then the service rule is broken', () => {
    expect(brokenRules({ ...billable, service: null }, COMPETENCE)).toEqual(['summit_service_active']);
    expect(brokenRules({ ...billable, service: { status: 'pending', deleted: false } }, COMPETENCE)).toEqual([
      'summit_service_active',
    ]);
  });

  test.each([
    [null, null, true],
    ['2026-11-30', null, true],
    ['2026-12-01', null, false],
    [null, '2026-11-01', true],
    [null, '2026-10-31', false],
    ['2026-11-15', '2026-11-15', true],
  ])(
    'when the billing validity runs from %s to %s, then November 2026 is inside it: %s',
    (billingStart, billingEnd, inside) => {
      expect(insideBillingValidity({ billingStart, billingEnd }, COMPETENCE)).toBe(inside);
    },
  );

  test('when a competence is given, then its first and last days are those of its month, leap years included', () => {
    expect(competenceDays('2026-11')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(competenceDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(competenceDays('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });
});
