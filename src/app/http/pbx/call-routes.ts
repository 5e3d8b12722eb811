import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CallCommand } from '../../../domain/pbx/capabilities';
import type { PbxUseCases } from '../../use-cases/pbx';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { seesPersonalData } from '../personal-data';
import { sendDomainError } from '../errors';
import { respond, respondPage } from '../respond';
import {
  AttachCustomerBody,
  CallQuery,
  CallSummaryView,
  callSummaryView,
  CallView_,
  callView,
  ClickToCallBody,
  ContactView,
  contactView,
  CreateContactBody,
  CreateTrafficSourceBody,
  PlaybackBody,
  PlaybackView,
  TrafficSourceView,
  trafficSourceView,
  TransferBody,
  UpdateContactBody,
} from './call-schemas';
import { ListQuery } from './schemas';

const tags = ['Calls'];
const OFF = 'While the PBX integration is off (settings `pbx.enabled`), answers 409 PBX_MODULE_DISABLED.';

/** Calls and what follows them: click-to-call, commands, recordings, caller identification, contacts, DDR traffic sources (seed 004). */
export function callRoutes(app: FastifyInstance, useCases: PbxUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/traffic-sources',
    {
      schema: {
        tags,
        operationId: 'createTrafficSource',
        summary: 'Register a traffic source (with its DDR)',
        description:
          'Seed 004: a number customers dial (one per advertisement); a contact opened from a call to it takes it as its traffic source, for good. The DDR is unique (409).',
        headers: IdempotencyHeaders,
        body: CreateTrafficSourceBody,
        response: {
          201: TrafficSourceView,
          ...problems(413, 415, 'INVALID_PHONE', 'TRAFFIC_SOURCE_DDR_TAKEN', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'integrations:write', idempotent: true },
    },
    async (request, reply) => respond(reply, await useCases.createTrafficSource(request.body), 201, trafficSourceView),
  );

  r.get(
    '/v1/traffic-sources',
    {
      schema: {
        tags,
        operationId: 'listTrafficSources',
        summary: 'List traffic sources',
        description: 'With their DDRs.',
        querystring: ListQuery,
        response: { 200: pageOf(TrafficSourceView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listTrafficSources(page), trafficSourceView),
  );

  r.post(
    '/v1/calls',
    {
      schema: {
        tags,
        operationId: 'clickToCall',
        summary: 'Click-to-call: ring the agent, then the number',
        description: `\`{agentId, to}\` dials any valid number; \`{agentId, customerId, phone}\` one of the customer's phones (mobile, other, phones/N). The agent's extension rings first, then the customer; answered 202 with the call, followed by the PBX's events. ${OFF}`,
        body: ClickToCallBody,
        response: {
          202: CallView_,
          ...problems(
            'PBX_MODULE_DISABLED',
            'UNKNOWN_AGENT',
            'UNKNOWN_CUSTOMER',
            'INVALID_PHONE',
            'CUSTOMER_PHONE_MISSING',
            'PBX_INACTIVE',
            'PARTNER_UNAVAILABLE',
            'PARTNER_THROTTLED',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
        },
      },
      config: { scope: 'customers:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.clickToCall(request.body), 202, callView(seesPersonalData(request))),
  );

  r.get(
    '/v1/calls',
    {
      schema: {
        tags,
        operationId: 'listCalls',
        summary: 'Call history',
        description: `Filters: agent, extension, direction, period (\`from\`, \`to\`), \`unanswered\`, \`number\`, customer. Each call with its direction, duration, whether it went unanswered, and its contact. ${OFF}`,
        querystring: CallQuery,
        response: { 200: pageOf(CallSummaryView), ...problems('PBX_MODULE_DISABLED') },
      },
      config: { scope: 'customers:read' },
    },
    async (request, reply) => {
      const { agentId, extension, direction, from, to, unanswered, number, customerId } = request.query;
      const filter = {
        ...(agentId ? { agentId } : {}),
        ...(extension ? { extension } : {}),
        ...(direction ? { direction } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        ...(unanswered !== undefined ? { unanswered } : {}),
        ...(number ? { numberAsWritten: number } : {}),
        ...(customerId ? { customerId } : {}),
      };
      return respondPage(
        reply,
        request.query,
        (page) => useCases.listCalls(filter, page),
        callSummaryView(seesPersonalData(request)),
      );
    },
  );

  r.get(
    '/v1/calls/:id',
    {
      schema: {
        tags,
        operationId: 'getCall',
        summary: 'A call, with every customer its number belongs to',
        description: `Caller identification (seed 004): every customer with the call's number is listed (several: all of them); with none, \`customerDraft\` starts a new customer with the phone filled in. ${OFF}`,
        params: IdParams,
        response: { 200: CallView_, ...problems('CALL_NOT_FOUND', 'PBX_MODULE_DISABLED') },
      },
      config: { scope: 'customers:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getCall(request.params.id), 200, callView(seesPersonalData(request))),
  );

  const command = (name: CallCommand, summary: string, body?: typeof TransferBody) =>
    r.post(
      `/v1/calls/:id/${name}`,
      {
        schema: {
          tags,
          operationId: `${name}Call`,
          summary,
          description: `Where the PBX supports it: otherwise 409 PBX_COMMAND_NOT_SUPPORTED naming the PBX type (\`commands\` on the PBX lists them). ${OFF}`,
          params: IdParams,
          ...(body ? { body } : {}),
          response: {
            202: CallView_,
            ...problems(
              'CALL_NOT_FOUND',
              'PBX_MODULE_DISABLED',
              'PBX_COMMAND_NOT_SUPPORTED',
              'CALL_ENDED',
              'PARTNER_UNAVAILABLE',
              'PARTNER_THROTTLED',
              'PARTNER_REJECTED',
              'PARTNER_AUTH_FAILED',
            ),
          },
        },
        config: { scope: 'customers:write' },
      },
      async (request, reply) =>
        respond(
          reply,
          await useCases.callCommand(request.params.id, name, (request.body as { to?: string } | undefined) ?? {}),
          202,
          callView(true),
        ),
    );
  command('hangup', 'Hang up a call');
  command('transfer', 'Transfer a call', TransferBody);
  command('hold', 'Put a call on hold');
  command('resume', 'Take a call off hold');

  r.get(
    '/v1/calls/:id/recording',
    {
      schema: {
        tags,
        operationId: 'getCallRecording',
        summary: "The call's recording (audio)",
        description: `Streamed from the PBX where it records (Asterisk; Dígitro with EasyCall Record; others 409 PBX_COMMAND_NOT_SUPPORTED). 409 RECORDING_NOT_READY while the call goes on or for a few minutes after it, while the PBX stores it; 404 RECORDING_NOT_FOUND after that. ${OFF}`,
        params: IdParams,
        response: {
          200: {
            description: 'The audio, as the PBX stores it.',
            content: {
              'audio/wav': { schema: Type.String({ format: 'binary' }) },
              'audio/mpeg': { schema: Type.String({ format: 'binary' }) },
            },
          },
          ...problems(
            'CALL_NOT_FOUND',
            'RECORDING_NOT_FOUND',
            'PBX_MODULE_DISABLED',
            'PBX_COMMAND_NOT_SUPPORTED',
            'RECORDING_NOT_READY',
            'PARTNER_UNAVAILABLE',
            'PARTNER_THROTTLED',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
        },
      },
      config: { scope: 'customers:read' },
    },
    async (request, reply) => {
      const result = await useCases.getCallRecording(request.params.id);
      if (!result.ok) return sendDomainError(reply, result.error);
      // Bytes go out as they are: fastify serialises no Buffer.
      return reply
        .code(200)
        .type(result.value.contentType)
        .send(result.value.audio as unknown as string);
    },
  );

  r.post(
    '/v1/calls/:id/recording/playback',
    {
      schema: {
        tags,
        operationId: 'playCallRecording',
        summary: 'Call a number and play the recording when answered',
        description: `Seed 004: "uma chamada será iniciada, e, ao atender a ligação, a gravação será reproduzida automaticamente". \`to\`: a phone number or an extension. ${OFF}`,
        params: IdParams,
        body: PlaybackBody,
        response: {
          202: PlaybackView,
          ...problems(
            'CALL_NOT_FOUND',
            'PBX_MODULE_DISABLED',
            'PBX_COMMAND_NOT_SUPPORTED',
            'RECORDING_NOT_READY',
            'INVALID_PHONE',
            'PARTNER_UNAVAILABLE',
            'PARTNER_THROTTLED',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
        },
      },
      config: { scope: 'customers:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.playCallRecording(request.params.id, request.body.to), 202, (v) => v),
  );

  r.post(
    '/v1/calls/:id/customer',
    {
      schema: {
        tags,
        operationId: 'attachCallCustomer',
        summary: "Attach the call's number to a customer",
        description: `Seed 004: the number goes to the chosen phone of an existing customer (\`mobilePhone\`, \`phones/N\` replaced, or \`phones/-\` added), and the call is theirs — also how a wrong match is corrected. ${OFF}`,
        params: IdParams,
        body: AttachCustomerBody,
        response: {
          200: CallView_,
          ...problems(
            'CALL_NOT_FOUND',
            'PBX_MODULE_DISABLED',
            'UNKNOWN_CUSTOMER',
            'CALL_NUMBER_UNKNOWN',
            'INVALID_PHONE',
            413,
            415,
          ),
        },
      },
      config: { scope: 'customers:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.attachCallCustomer(request.params.id, request.body), 200, callView(true)),
  );

  r.post(
    '/v1/calls/:id/contact',
    {
      schema: {
        tags,
        operationId: 'createCallContact',
        summary: 'Open a contact from a call (one per call)',
        description: `A CRM note: subject, text, traffic source. A call to a registered DDR sets the traffic source, which cannot be changed (409 TRAFFIC_SOURCE_FIXED). A call has at most one contact (409 CALL_HAS_CONTACT). ${OFF}`,
        params: IdParams,
        body: CreateContactBody,
        response: {
          201: ContactView,
          ...problems(
            'CALL_NOT_FOUND',
            'PBX_MODULE_DISABLED',
            'CALL_HAS_CONTACT',
            'TRAFFIC_SOURCE_FIXED',
            'UNKNOWN_TRAFFIC_SOURCE',
            'UNKNOWN_CUSTOMER',
            413,
            415,
          ),
        },
      },
      config: { scope: 'customers:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.createCallContact(request.params.id, request.body, request.apiKey!.name),
        201,
        contactView,
      ),
  );

  r.get(
    '/v1/contacts/:id',
    {
      schema: {
        tags,
        operationId: 'getContact',
        summary: 'Get a contact',
        description: 'With its call and traffic source.',
        params: IdParams,
        response: { 200: ContactView, ...problems('CONTACT_NOT_FOUND') },
      },
      config: { scope: 'customers:read' },
    },
    async (request, reply) => respond(reply, await useCases.getContact(request.params.id), 200, contactView),
  );

  r.patch(
    '/v1/contacts/:id',
    {
      schema: {
        tags,
        operationId: 'updateContact',
        summary: 'Change a contact',
        description: 'Subject, text, traffic source — not a traffic source the DDR set (409 TRAFFIC_SOURCE_FIXED).',
        params: IdParams,
        body: UpdateContactBody,
        response: {
          200: ContactView,
          ...problems('CONTACT_NOT_FOUND', 'TRAFFIC_SOURCE_FIXED', 'UNKNOWN_TRAFFIC_SOURCE', 413, 415),
        },
      },
      config: { scope: 'customers:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateContact(request.params.id, request.body), 200, contactView),
  );
}
