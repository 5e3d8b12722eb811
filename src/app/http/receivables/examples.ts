import { at, ids, later, page } from '../example-story';

const payment = {
  id: ids.payment,
  amountCents: 5000,
  paidAt: '2026-11-12T10:15:00.000Z',
  recordedAt: '2026-11-12T10:16:02.000Z',
  actor: 'erp-integration',
};

const charge = {
  id: ids.charge,
  contractId: ids.contract,
  amountCents: 9990,
  paidCents: 5000,
  remainingCents: 4990,
  dueDate: '2026-11-10',
  competence: '2026-11',
  description: 'Fibra 500 Mega — novembro/2026',
  status: 'open',
  overdue: true,
  paidAt: null,
  cancelledAt: null,
  payments: [payment],
  createdAt: at,
  updatedAt: later,
};

/** An example per named schema of the receivables area, from the one story (src/app/http/example-story.ts). */
export const RECEIVABLES_EXAMPLES: Readonly<Record<string, unknown>> = {
  Charge: charge,
  ChargePage: page({ ...charge, payments: [] }),
  ChargePayment: payment,
  CreateChargeRequest: {
    amountCents: 9990,
    dueDate: '2026-11-10',
    competence: '2026-11',
    description: 'Fibra 500 Mega — novembro/2026',
  },
  ChargePaymentRequest: { amountCents: 5000, paidAt: '2026-11-12T10:15:00.000Z' },
};
