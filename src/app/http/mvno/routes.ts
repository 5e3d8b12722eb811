import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { MvnoUseCases } from '../../use-cases/mvno';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { respond, respondPage } from '../respond';
import { CreateMvnoLineBody, MvnoLineQuery, MvnoLineView, mvnoLineView, UpdateMvnoLineBody } from './schemas';

const tags = ['MVNO lines'];

export function mvnoRoutes(app: FastifyInstance, useCases: MvnoUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/contracts/:id/mvno-lines',
    {
      schema: {
        tags,
        operationId: 'createMvnoLine',
        summary: 'Add a TeleCall mobile line to a contract',
        description:
          'The number is stored as E.164 and the ICCID checked (Luhn); a number or SIM of another live line answers 409. The line starts pending and is activated on TeleCall through the outbox; on a blocked or late contract it takes the block the MVNO settings give.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateMvnoLineBody,
        response: {
          201: MvnoLineView,
          ...problems(
            'CONTRACT_NOT_FOUND',
            'CONTRACT_CLOSED',
            'MVNO_MSISDN_TAKEN',
            'MVNO_ICCID_TAKEN',
            'INVALID_PHONE',
            'INVALID_ICCID',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.createMvnoLine(request.params.id, request.body), 201, mvnoLineView),
  );

  r.get(
    '/v1/contracts/:id/mvno-lines',
    {
      schema: {
        tags,
        operationId: 'listMvnoLines',
        summary: "List a contract's TeleCall lines",
        description: 'Every line of the contract with its status and `syncStatus`.',
        params: IdParams,
        querystring: MvnoLineQuery,
        response: { 200: pageOf(MvnoLineView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listMvnoLines(request.params.id, page), mvnoLineView),
  );

  r.get(
    '/v1/mvno-lines/:id',
    {
      schema: {
        tags,
        operationId: 'getMvnoLine',
        summary: 'Get a TeleCall line',
        description: 'The line with its status in Ponte and `syncStatus` on TeleCall.',
        params: IdParams,
        response: { 200: MvnoLineView, ...problems('MVNO_LINE_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => respond(reply, await useCases.getMvnoLine(request.params.id), 200, mvnoLineView),
  );

  r.patch(
    '/v1/mvno-lines/:id',
    {
      schema: {
        tags,
        operationId: 'updateMvnoLine',
        summary: "Change a TeleCall line's plan, or block or release it by hand",
        description:
          'A cancelled line cannot change (409 MVNO_LINE_CANCELLED). A status change goes to TeleCall through the outbox.',
        params: IdParams,
        body: UpdateMvnoLineBody,
        response: { 200: MvnoLineView, ...problems('MVNO_LINE_NOT_FOUND', 'MVNO_LINE_CANCELLED', 413, 415) },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateMvnoLine(request.params.id, request.body), 200, mvnoLineView),
  );

  r.delete(
    '/v1/mvno-lines/:id',
    {
      schema: {
        tags,
        operationId: 'deleteMvnoLine',
        summary: 'Cancel a TeleCall line and remove it',
        description: 'The line is removed at once; TeleCall cancels it through the outbox.',
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...problems('MVNO_LINE_NOT_FOUND') },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) => respond(reply, await useCases.deleteMvnoLine(request.params.id), 204, () => undefined),
  );
}
