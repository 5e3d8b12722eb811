import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { VoipUseCases } from '../../use-cases/voip';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { respond, respondPage } from '../respond';
import { CreateSipLineBody, SipLineQuery, SipLineView, sipLineView, UpdateSipLineBody } from './schemas';

const tags = ['VoIP lines'];

export function voipRoutes(app: FastifyInstance, useCases: VoipUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/contracts/:id/voip-lines',
    {
      schema: {
        tags,
        operationId: 'createVoipLine',
        summary: 'Add a SIP line to a contract',
        description:
          'The number is stored as E.164; an extension or number of another live line answers 409. With voip.sipPasswordRequired the password is required (422 SIP_PASSWORD_REQUIRED). The first line of a contract adds the VoIP default product when one is configured. The line is created on the softswitch through the outbox; on a contract blocked with voip.blockLinesWithContract it starts blocked.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateSipLineBody,
        response: {
          201: SipLineView,
          ...problems(
            'CONTRACT_NOT_FOUND',
            'CONTRACT_CLOSED',
            'SIP_EXTENSION_TAKEN',
            'SIP_NUMBER_TAKEN',
            'INVALID_PHONE',
            'SIP_PASSWORD_REQUIRED',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.createSipLine(request.params.id, request.body), 201, sipLineView),
  );

  r.get(
    '/v1/contracts/:id/voip-lines',
    {
      schema: {
        tags,
        operationId: 'listVoipLines',
        summary: "List a contract's SIP lines",
        description: 'Every line of the contract, cancelled ones included, each with its `syncStatus`.',
        params: IdParams,
        querystring: SipLineQuery,
        response: { 200: pageOf(SipLineView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listSipLines(request.params.id, page), sipLineView),
  );

  r.get(
    '/v1/voip-lines/:id',
    {
      schema: {
        tags,
        operationId: 'getVoipLine',
        summary: 'Get a SIP line',
        description: 'The line with its status in Ponte and `syncStatus` on the softswitch.',
        params: IdParams,
        response: { 200: SipLineView, ...problems('SIP_LINE_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => respond(reply, await useCases.getSipLine(request.params.id), 200, sipLineView),
  );

  r.patch(
    '/v1/voip-lines/:id',
    {
      schema: {
        tags,
        operationId: 'updateVoipLine',
        summary: "Change a SIP line's password, or block or release it by hand",
        description:
          'A cancelled line cannot change (409 SIP_LINE_CANCELLED). The change goes to the softswitch through the outbox.',
        params: IdParams,
        body: UpdateSipLineBody,
        response: { 200: SipLineView, ...problems('SIP_LINE_NOT_FOUND', 'SIP_LINE_CANCELLED', 413, 415) },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateSipLine(request.params.id, request.body), 200, sipLineView),
  );

  r.delete(
    '/v1/voip-lines/:id',
    {
      schema: {
        tags,
        operationId: 'deleteVoipLine',
        summary: 'Delete a SIP line here and on the softswitch',
        description: 'The line is removed at once; the softswitch follows through the outbox.',
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...problems('SIP_LINE_NOT_FOUND') },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) => respond(reply, await useCases.deleteSipLine(request.params.id), 204, () => undefined),
  );
}
