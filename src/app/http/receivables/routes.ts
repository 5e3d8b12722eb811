import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ReceivablesUseCases } from '../../use-cases/receivables';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { respond, respondPage } from '../respond';
import { ChargeQuery, ChargeView, chargeView, CreateChargeBody, PayChargeBody } from './schemas';

const tags = ['Receivables'];

export function receivablesRoutes(app: FastifyInstance, useCases: ReceivablesUseCases, today: () => string) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const view = chargeView(today);

  r.post(
    '/v1/contracts/:id/charges',
    {
      schema: {
        tags,
        operationId: 'createCharge',
        summary: 'Add a charge to a contract',
        description:
          'An open charge of `amountCents` due on `dueDate` for the `competence` month. It is overdue from the day after its due date while open, and from then on counts for the overdue policy. Send an `Idempotency-Key` to retry safely.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateChargeBody,
        response: { 201: ChargeView, ...problems('CONTRACT_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED') },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) => respond(reply, await useCases.createCharge(request.params.id, request.body), 201, view),
  );

  r.get(
    '/v1/contracts/:id/charges',
    {
      schema: {
        tags,
        operationId: 'listContractCharges',
        summary: "List a contract's charges",
        description:
          'Filter by `competence` (YYYY-MM) and `status`. Payments are left out of the list (GET the charge).',
        params: IdParams,
        querystring: ChargeQuery,
        response: { 200: pageOf(ChargeView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => {
      const { competence, status } = request.query;
      return respondPage(
        reply,
        request.query,
        (page) =>
          useCases.listContractCharges(
            request.params.id,
            { ...(competence ? { competence } : {}), ...(status ? { status } : {}) },
            page,
          ),
        (charge) => view({ charge, payments: [] }),
      );
    },
  );

  r.get(
    '/v1/charges/:id',
    {
      schema: {
        tags,
        operationId: 'getCharge',
        summary: 'Get a charge with its payments',
        description: 'Its balance, whether it is overdue today, and every payment.',
        params: IdParams,
        response: { 200: ChargeView, ...problems('CHARGE_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => respond(reply, await useCases.getCharge(request.params.id), 200, view),
  );

  r.post(
    '/v1/charges/:id/payments',
    {
      schema: {
        tags,
        operationId: 'payCharge',
        summary: 'Record a payment towards a charge',
        description:
          'Partial payments add up; the one that reaches the amount marks the charge paid. More than what is still due answers 422 PAYMENT_EXCEEDS_BALANCE; a paid or cancelled charge answers 409 CHARGE_NOT_OPEN. When no overdue charge of the contract is left, a contract blocked by the overdue policy (or shown late) is released at once, in the same transaction (event `unblock`, mode automatic, actor `system:overdue-policy`); a block made by hand stays. Answers the charge with its payments. Send an `Idempotency-Key` to retry safely.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: PayChargeBody,
        response: {
          201: ChargeView,
          ...problems('CHARGE_NOT_FOUND', 'CHARGE_NOT_OPEN', 'PAYMENT_EXCEEDS_BALANCE', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.payCharge(request.params.id, request.body, request.apiKey!.name), 201, view),
  );

  r.post(
    '/v1/charges/:id/cancel',
    {
      schema: {
        tags,
        operationId: 'cancelCharge',
        summary: 'Cancel a charge',
        description:
          'Writes off what remains of an open charge (partly paid or not); cancelling a cancelled charge changes nothing. A paid charge answers 409 CHARGE_NOT_OPEN. Like a payment, it may leave the contract with no overdue charge and release it.',
        params: IdParams,
        response: { 200: ChargeView, ...problems('CHARGE_NOT_FOUND', 'CHARGE_NOT_OPEN') },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) => respond(reply, await useCases.cancelCharge(request.params.id), 200, view),
  );
}
