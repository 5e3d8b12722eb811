import { checkReconsult } from '../../src/domain/credit/consult-guard';
import { RAW_ANSWER_LIMIT_BYTES, rawToKeep } from '../../src/domain/credit/credit';

/* Seed 000, "Intervalo de dias para consultar o mesmo CPF/CNPJ": the guard, edges included. */
describe('the consult-interval guard', () => {
  const previous = { id: '0193a4fb-8a01-7c3d-9e4f-5a6b7c8d9e0f', consultedAt: new Date('2026-11-01T12:00:00Z') };
  const at = (iso: string) => new Date(iso);

  test('when the document was never consulted, then no confirmation is needed', () => {
    expect(
      checkReconsult({ previous: null, intervalDays: 30, confirmed: false, now: at('2026-11-01T12:00:00Z') }).ok,
    ).toBe(true);
  });

  test.each([
    ['the same instant', '2026-11-01T12:00:00Z'],
    ['one day later', '2026-11-02T12:00:00Z'],
    ['one millisecond before the interval ends', '2026-12-01T11:59:59.999Z'],
  ])(
    'when it is consulted again %s inside a 30-day interval, then confirmation is required, naming the earlier consult',
    (_when, now) => {
      const result = checkReconsult({ previous, intervalDays: 30, confirmed: false, now: at(now) });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'CONFIRMATION_REQUIRED',
          previous: { id: previous.id, at: '2026-11-01T12:00:00.000Z' },
          errors: [{ field: 'confirm' }],
        },
      });
    },
  );

  test.each([
    ['exactly when the interval ends', '2026-12-01T12:00:00Z'],
    ['after the interval', '2026-12-15T08:00:00Z'],
  ])('when it is consulted again %s, then no confirmation is needed', (_when, now) => {
    expect(checkReconsult({ previous, intervalDays: 30, confirmed: false, now: at(now) }).ok).toBe(true);
  });

  test('when the request confirms, then a consult inside the interval goes through', () => {
    expect(checkReconsult({ previous, intervalDays: 30, confirmed: true, now: at('2026-11-02T12:00:00Z') }).ok).toBe(
      true,
    );
  });

  test.each([[null], [0]])('when the interval is %s, then there is no guard', (intervalDays) => {
    expect(checkReconsult({ previous, intervalDays, confirmed: false, now: at('2026-11-01T12:00:01Z') }).ok).toBe(true);
  });

  test('when the interval is one day, then 23:59:59 later needs confirmation and 24 hours later does not', () => {
    expect(checkReconsult({ previous, intervalDays: 1, confirmed: false, now: at('2026-11-02T11:59:59Z') }).ok).toBe(
      false,
    );
    expect(checkReconsult({ previous, intervalDays: 1, confirmed: false, now: at('2026-11-02T12:00:00Z') }).ok).toBe(
      true,
    );
  });
});

describe("what a consult keeps of the bureau's raw answer", () => {
  test('when the answer fits the limit, then it is kept whole; past it, only its size is', () => {
    const small = { resultado: { consumidor: { nome: 'Maria' } } };
    expect(rawToKeep(small)).toBe(small);
    const big = { filler: 'x'.repeat(RAW_ANSWER_LIMIT_BYTES) };
    expect(rawToKeep(big)).toEqual({
      omitted: expect.stringMatching(/^The bureau's answer was 257 KiB, more than the 256 KiB kept of it/),
    });
  });
});
