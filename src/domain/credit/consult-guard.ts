import { ok, type Result } from '../shared/result';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PreviousConsult {
  readonly id: string;
  readonly consultedAt: Date;
}

/**
 * Seed 000, "Intervalo de dias para consultar o mesmo CPF/CNPJ": consulting a document again less
 * than `intervalDays` days (of 24 hours) after its last consult needs an explicit confirmation.
 * From the moment the interval has fully passed, no confirmation is needed. No interval (null or
 * 0): no guard.
 */
export function checkReconsult(input: {
  readonly previous: PreviousConsult | null;
  readonly intervalDays: number | null;
  readonly confirmed: boolean;
  readonly now: Date;
}): Result<void> {
  const { previous, intervalDays, confirmed, now } = input;
  if (previous === null || intervalDays === null || intervalDays <= 0 || confirmed) return ok(undefined);
  const until = previous.consultedAt.getTime() + intervalDays * DAY_MS;
  if (now.getTime() >= until) return ok(undefined);
  return {
    ok: false,
    error: {
      code: 'CONFIRMATION_REQUIRED',
      message: `This document was consulted on ${previous.consultedAt.toISOString()}, less than ${intervalDays} day(s) ago: send the consult again with confirm: true to consult it anyway.`,
      errors: [{ field: 'confirm', message: 'Required to consult the same document again inside the interval.' }],
      previous: { id: previous.id, at: previous.consultedAt.toISOString() },
    },
  };
}
