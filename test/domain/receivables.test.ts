import { cancelCharge, isOverdue, payCharge, type Charge } from '../../src/domain/receivables/charge';
import { addDays, calendarDate, daysBetween, isTimeZone } from '../../src/domain/shared/calendar';

const at = new Date('2026-11-10T12:00:00.000Z');
const charge = (over: Partial<Charge> = {}): Charge => ({
  id: 'c1',
  contractId: 'k1',
  amountCents: 10_000,
  paidCents: 0,
  dueDate: '2026-11-10',
  competence: '2026-11',
  description: null,
  status: 'open',
  paidAt: null,
  cancelledAt: null,
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('charges and payments', () => {
  test('when partial payments are made, then they add up and the one that reaches the amount settles the charge', () => {
    const first = payCharge(charge(), 4_000, at);
    expect(first).toEqual({ ok: true, value: { paidCents: 4_000, status: 'open', paidAt: null } });
    const second = payCharge(charge({ paidCents: 4_000 }), 6_000, at);
    expect(second).toEqual({ ok: true, value: { paidCents: 10_000, status: 'paid', paidAt: at } });
  });

  test('when a payment is more than what remains, then it is refused naming the field and the balance', () => {
    const result = payCharge(charge({ paidCents: 9_000 }), 1_001, at);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('PAYMENT_EXCEEDS_BALANCE');
      expect(result.error.errors).toEqual([{ field: 'amountCents', message: 'At most 1000 (what is still due).' }]);
    }
  });

  test.each(['paid', 'cancelled'] as const)('when the charge is %s, then a payment is refused', (status) => {
    const result = payCharge(charge({ status, paidCents: status === 'paid' ? 10_000 : 0 }), 1, at);
    expect(result.ok ? null : result.error.code).toBe('CHARGE_NOT_OPEN');
  });

  test('when a charge is cancelled, then an open one is, a cancelled one stays and a paid one is refused', () => {
    expect(cancelCharge(charge())).toEqual({ ok: true, value: 'cancel' });
    expect(cancelCharge(charge({ paidCents: 3_000 }))).toEqual({ ok: true, value: 'cancel' });
    expect(cancelCharge(charge({ status: 'cancelled' }))).toEqual({ ok: true, value: null });
    const paid = cancelCharge(charge({ status: 'paid', paidCents: 10_000 }));
    expect(paid.ok ? null : paid.error.code).toBe('CHARGE_NOT_OPEN');
  });

  test('when the due date is today, then the charge is not overdue yet; from the next day it is, while open', () => {
    expect(isOverdue(charge(), '2026-11-10')).toBe(false);
    expect(isOverdue(charge(), '2026-11-11')).toBe(true);
    expect(isOverdue(charge({ status: 'paid' }), '2026-12-31')).toBe(false);
    expect(isOverdue(charge({ status: 'cancelled' }), '2026-12-31')).toBe(false);
  });
});

describe('calendar days', () => {
  test("when an instant is read in the provider's time zone, then late evening in São Paulo is still the same day there", () => {
    expect(calendarDate(new Date('2026-11-11T02:30:00.000Z'), 'America/Sao_Paulo')).toBe('2026-11-10');
    expect(calendarDate(new Date('2026-11-11T02:30:00.000Z'), 'UTC')).toBe('2026-11-11');
  });

  test('when days are counted across months and a leap day, then whole days come out', () => {
    expect(daysBetween('2026-11-10', '2026-11-11')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });

  test('when a time zone is unknown, then it is said so', () => {
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
