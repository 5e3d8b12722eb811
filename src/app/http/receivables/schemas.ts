import { Type } from 'typebox';
import { CHARGE_STATUSES, isOverdue, remainingCents } from '../../../domain/receivables/charge';
import type { ChargeWithPayments } from '../../use-cases/receivables/charges';
import { FreeText, Id, Nullable, PageQuery, RequestTimestamp, StringEnum, Timestamp, YEARS_ACCEPTED } from '../common';

const Cents = (description: string) => Type.Integer({ minimum: 1, maximum: 2_000_000_000, description });
export const CalendarDate = (description: string) =>
  Type.String({ format: 'date', pattern: YEARS_ACCEPTED, description, examples: ['2026-11-10'] });
const Competence = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'The month the charge bills, YYYY-MM.',
  examples: ['2026-11'],
});
const Status = StringEnum(CHARGE_STATUSES, { description: 'open until paid in full (paid) or cancelled.' });

export const CreateChargeBody = Type.Object(
  {
    amountCents: Cents('The amount due, in centavos (BRL).'),
    dueDate: CalendarDate('The day it falls due (YYYY-MM-DD); overdue from the next day while open.'),
    competence: Competence,
    description: Type.Optional(Nullable(FreeText({ maxLength: 500 }))),
  },
  { title: 'CreateChargeRequest', additionalProperties: false },
);

export const ChargeQuery = Type.Object(
  { ...PageQuery, competence: Type.Optional(Competence), status: Type.Optional(Status) },
  { additionalProperties: false },
);

export const PayChargeBody = Type.Object(
  {
    amountCents: Cents('What was paid, in centavos; at most what is still due (422 PAYMENT_EXCEEDS_BALANCE).'),
    paidAt: Type.Optional(RequestTimestamp('When the customer paid; now when not sent.')),
  },
  { title: 'ChargePaymentRequest', additionalProperties: false },
);

export const ChargePaymentView = Type.Object(
  {
    id: Id,
    amountCents: Type.Integer(),
    paidAt: Timestamp,
    recordedAt: Timestamp,
    actor: Type.String({ description: 'The API key that recorded it.' }),
  },
  { title: 'ChargePayment' },
);

export const ChargeView = Type.Object(
  {
    id: Id,
    contractId: Id,
    amountCents: Type.Integer(),
    paidCents: Type.Integer({ description: 'What the payments add up to.' }),
    remainingCents: Type.Integer({ description: 'What is still due (0 once paid or cancelled).' }),
    dueDate: Type.String({ format: 'date' }),
    competence: Type.String(),
    description: Nullable(Type.String()),
    status: Status,
    overdue: Type.Boolean({ description: "Open after its due date, today in the provider's time zone." }),
    paidAt: Nullable(Timestamp),
    cancelledAt: Nullable(Timestamp),
    payments: Type.Array(ChargePaymentView, {
      description: 'Oldest first. Lists leave them out (empty); GET the charge to read them.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Charge', description: 'A receivable of a contract.' },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const chargeView =
  (today: () => string) =>
  ({ charge, payments }: ChargeWithPayments) => ({
    id: charge.id,
    contractId: charge.contractId,
    amountCents: charge.amountCents,
    paidCents: charge.paidCents,
    remainingCents: charge.status === 'open' ? remainingCents(charge) : 0,
    dueDate: charge.dueDate,
    competence: charge.competence,
    description: charge.description,
    status: charge.status,
    overdue: isOverdue(charge, today()),
    paidAt: iso(charge.paidAt),
    cancelledAt: iso(charge.cancelledAt),
    payments: payments.map((p) => ({
      id: p.id,
      amountCents: p.amountCents,
      paidAt: p.paidAt.toISOString(),
      recordedAt: p.recordedAt.toISOString(),
      actor: p.actor,
    })),
    createdAt: charge.createdAt.toISOString(),
    updatedAt: charge.updatedAt.toISOString(),
  });
