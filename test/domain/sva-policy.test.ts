import fc from 'fast-check';
import { CONTRACT_EVENT_TYPES, type ContractEventType } from '../../src/domain/contracts/contract';
import { outcomeOfFailure } from '../../src/domain/deliveries/delivery';
import type { Customer } from '../../src/domain/customers/customer';
import { SVA_USER_STATUSES, type SvaPlatformName, type SvaUserStatus } from '../../src/domain/sva/sva';
import { contractSlotTaken, resolveSvaUserData } from '../../src/domain/sva/sva-user-data';
import {
  activateSvaUser,
  deactivateSvaUser,
  initialSvaUserStatus,
  svaUserChangeFor,
} from '../../src/domain/sva/sva-user-transitions';

// docs/business-rules.md, "SVA users": contract event → what becomes of an active user on each platform.
const TABLE: readonly [ContractEventType, SvaUserStatus, SvaUserStatus][] = [
  ['activate', 'active', 'active'],
  ['report_late_payment', 'active', 'blocked'],
  ['block', 'blocked', 'blocked'],
  ['unblock', 'active', 'active'],
  ['trust_release', 'active', 'active'],
  ['cancel', 'deactivated', 'blocked'],
  ['negativate', 'deactivated', 'blocked'],
  ['withdraw', 'deactivated', 'blocked'],
  // The contract stays closed: its users stay as they are, whatever they are.
  ['remove_negativation', 'active', 'active'],
];

/** Where the user ends after the event, starting from `from`. */
const after = (platform: SvaPlatformName, from: SvaUserStatus, event: ContractEventType) =>
  svaUserChangeFor(platform, from, event)?.to ?? from;

describe('SVA user policy (docs/business-rules.md, seeds 002 and 003)', () => {
  test('when the table is read, then it covers every contract event', () => {
    expect(TABLE.map(([event]) => event).sort()).toEqual([...CONTRACT_EVENT_TYPES].sort());
  });

  describe.each(TABLE)('when the contract gets %s', (event, saberPlus, exa) => {
    test.each(['active', 'blocked'] as const)(`then a Saber+ user that was %s ends ${saberPlus}`, (from) => {
      // "stays active" on late payment: a user blocked before stays blocked.
      const expected = event === 'report_late_payment' || event === 'remove_negativation' ? from : saberPlus;
      expect(after('saber_plus', from, event)).toBe(expected);
    });
    test.each(['active', 'blocked'] as const)(`then an EXA user that was %s ends ${exa}`, (from) => {
      expect(after('exa', from, event)).toBe(event === 'remove_negativation' ? from : exa);
    });
  });

  test('when a change happens, then the platform call matches the new status', () => {
    expect(svaUserChangeFor('exa', 'active', 'block')).toEqual({ to: 'blocked', action: 'block_user' });
    expect(svaUserChangeFor('exa', 'blocked', 'unblock')).toEqual({ to: 'active', action: 'unblock_user' });
    expect(svaUserChangeFor('saber_plus', 'blocked', 'cancel')).toEqual({
      to: 'deactivated',
      action: 'deactivate_user',
    });
    expect(svaUserChangeFor('saber_plus', 'active', 'report_late_payment')).toBeNull();
    expect(svaUserChangeFor('exa', 'blocked', 'block')).toBeNull();
  });

  test('when a user was deactivated by hand, then no contract event brings it back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SvaPlatformName>('saber_plus', 'exa'),
        fc.constantFrom(...CONTRACT_EVENT_TYPES),
        (platform, event) => {
          expect(svaUserChangeFor(platform, 'deactivated', event)).toBeNull();
        },
      ),
    );
  });

  test('when a user is activated by hand, then it is refused while the contract is inactive, negativated or withdrawn', () => {
    for (const status of ['inactive', 'negativated', 'withdrawn'] as const) {
      const result = activateSvaUser({ status, accessStatus: 'disabled' }, 'deactivated');
      expect(result.ok ? null : result.error.code).toBe('SVA_USER_ACTIVATION_NOT_ALLOWED');
    }
    expect(activateSvaUser({ status: 'active', accessStatus: 'manual_block' }, 'deactivated')).toEqual({
      ok: true,
      value: { to: 'active', action: 'unblock_user' },
    });
    expect(activateSvaUser({ status: 'active', accessStatus: 'active' }, 'active')).toEqual({ ok: true, value: null });
  });

  test('when a user is deactivated by hand, then only that user changes', () => {
    for (const from of SVA_USER_STATUSES)
      expect(deactivateSvaUser(from)).toEqual(
        from === 'deactivated' ? null : { to: 'deactivated', action: 'deactivate_user' },
      );
  });

  test("when a user is created, then it starts as the contract's state says", () => {
    expect(initialSvaUserStatus('exa', { status: 'active', accessStatus: 'active' })).toEqual({
      ok: true,
      value: 'active',
    });
    expect(initialSvaUserStatus('exa', { status: 'active', accessStatus: 'late_payment' })).toEqual({
      ok: true,
      value: 'blocked',
    });
    expect(initialSvaUserStatus('saber_plus', { status: 'active', accessStatus: 'late_payment' })).toEqual({
      ok: true,
      value: 'active',
    });
    expect(initialSvaUserStatus('saber_plus', { status: 'active', accessStatus: 'automatic_block' })).toEqual({
      ok: true,
      value: 'blocked',
    });
    expect(initialSvaUserStatus('saber_plus', { status: 'pre_contract', accessStatus: 'awaiting_signature' })).toEqual({
      ok: true,
      value: 'active',
    });
    const closed = initialSvaUserStatus('exa', { status: 'inactive', accessStatus: 'disabled' });
    expect(closed.ok ? null : closed.error.code).toBe('SVA_USER_ACTIVATION_NOT_ALLOWED');
  });
});

const customer = (fields: Partial<Customer> = {}): Customer => ({
  id: 'c1',
  name: 'Maria Silva',
  document: '52998224725',
  documentType: 'cpf',
  email: 'maria@example.com',
  mobilePhone: '+5511912345678',
  phones: [],
  address: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...fields,
});

describe('SVA user data (required fields per platform)', () => {
  test('when Saber+ uses the customer data, then the user name is the CPF', () => {
    const result = resolveSvaUserData('saber_plus', customer(), { useCustomerData: true });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        username: '52998224725',
        document: '52998224725',
        mobilePhone: '+5511912345678',
      }),
    });
  });

  test('when EXA uses the customer data, then the user name is the e-mail', () => {
    const result = resolveSvaUserData('exa', customer({ document: '11222333000181', documentType: 'cnpj' }), {
      useCustomerData: true,
    });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ username: 'maria@example.com', document: '11222333000181' }),
    });
  });

  test('when the customer lacks what EXA needs, then every missing field is listed', () => {
    const result = resolveSvaUserData('exa', customer({ email: null, mobilePhone: null }), { useCustomerData: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('SVA_USER_MISSING_DATA');
    expect(result.error.errors?.map((e) => e.field)).toEqual(['customer/mobilePhone', 'customer/email']);
  });

  test('when the data is typed in without document or phone, then both are listed', () => {
    const result = resolveSvaUserData('saber_plus', customer(), { useCustomerData: false });
    expect(result.ok ? [] : result.error.errors?.map((e) => e.field)).toEqual(['document', 'mobilePhone']);
  });

  test('when a Saber+ user would be keyed by a CNPJ, then it is refused', () => {
    const result = resolveSvaUserData('saber_plus', customer({ document: '11222333000181', documentType: 'cnpj' }), {
      useCustomerData: true,
    });
    expect(result.ok ? null : result.error.errors?.[0]?.field).toBe('customer/document');
  });

  test('when a phone is typed in with customer data, then the typed phone wins', () => {
    const result = resolveSvaUserData('saber_plus', customer(), {
      useCustomerData: true,
      mobilePhone: '(21) 98888-7777',
    });
    expect(result.ok && result.value.mobilePhone).toBe('+5521988887777');
  });
});

describe('delivery retries', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };
  const now = new Date('2026-11-22T12:00:00Z');
  const delayOf = (outcome: ReturnType<typeof outcomeOfFailure>) =>
    outcome.status === 'pending' ? outcome.nextAttemptAt.getTime() - now.getTime() : null;

  test('when a retryable failure repeats, then the wait doubles within its jitter band and is capped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (attempts, random) => {
          const full = Math.min(60_000, 1_000 * 2 ** (attempts - 1));
          const delay = delayOf(
            outcomeOfFailure({ kind: 'retryable', message: '503' }, attempts, policy, now, random),
          )!;
          expect(delay).toBeGreaterThanOrEqual(full / 2);
          expect(delay).toBeLessThanOrEqual(full);
        },
      ),
    );
    expect(
      delayOf(
        outcomeOfFailure(
          { kind: 'retryable', message: '503' },
          4,
          { ...policy, maxAttempts: 50, maxDelayMs: 3_000 },
          now,
          0.999,
        ),
      ),
    ).toBeLessThanOrEqual(3_000);
  });

  test('when the partner says Retry-After, then the next try waits at least that long', () => {
    expect(
      delayOf(outcomeOfFailure({ kind: 'retryable', message: '429', retryAfterMs: 30_000 }, 1, policy, now, 0)),
    ).toBe(30_000);
  });

  test('when the attempts run out, or the partner rejects, or refuses the credentials, then the delivery is dead', () => {
    expect(outcomeOfFailure({ kind: 'retryable', message: '503' }, 5, policy, now, 0.5)).toEqual({ status: 'dead' });
    expect(outcomeOfFailure({ kind: 'rejected', message: 'E-mail já em uso' }, 1, policy, now, 0.5)).toEqual({
      status: 'dead',
    });
    expect(outcomeOfFailure({ kind: 'auth', message: '401' }, 1, policy, now, 0.5)).toEqual({ status: 'dead' });
  });
});

describe("a contract's rule of one user per … (seeds 002 and 003)", () => {
  const user = (platform: SvaPlatformName, productId: string, document = '52998224725') => ({
    platform,
    productId,
    document,
  });

  test('when a Saber+ user of the CPF exists on the contract, then another Saber+ product is "CPF já cadastrado"', () => {
    expect(contractSlotTaken([user('saber_plus', 'p1')], user('saber_plus', 'p2'))).toMatchObject({
      ok: false,
      error: { code: 'SVA_USER_CPF_TAKEN', message: 'CPF já cadastrado' },
    });
  });

  test('when an EXA product of the contract has its user, then another EXA product of the same customer is free, the same product is taken', () => {
    expect(contractSlotTaken([user('exa', 'p1')], user('exa', 'p2'))).toBeNull();
    expect(contractSlotTaken([user('exa', 'p1')], user('exa', 'p1'))).toMatchObject({
      ok: false,
      error: { code: 'SVA_USER_PRODUCT_TAKEN' },
    });
  });

  test("when the contract's users are of the other platform, then nothing is taken", () => {
    expect(contractSlotTaken([user('exa', 'p1')], user('saber_plus', 'p1'))).toBeNull();
    expect(contractSlotTaken([user('saber_plus', 'p1')], user('exa', 'p1'))).toBeNull();
  });
});
