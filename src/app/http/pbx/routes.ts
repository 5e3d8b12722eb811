import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CallCommand } from '../../../domain/pbx/capabilities';
import type { PbxUseCases } from '../../use-cases/pbx';
import { IdempotencyHeaders, IdParams, pageOf, problems, publicProblems } from '../common';
import { hasScope } from '../../use-cases/api-keys/api-keys';
import { bearerOf, type ApiKeyVerifier } from '../auth';
import { createAgentStreamHub } from './agent-streams';
import { seesPersonalData } from '../personal-data';
import { problem, sendDomainError, sendProblem } from '../errors';
import { respond, respondPage } from '../respond';
import {
  AgentQuery,
  AgentView,
  agentView,
  AttachCustomerBody,
  CallQuery,
  CallSummaryView,
  callSummaryView,
  CallView_,
  callView,
  ClickToCallBody,
  ContactView,
  contactView,
  CreateAgentBody,
  CreateContactBody,
  CreatedPbxView,
  createdPbxView,
  CreatePbxBody,
  CreateTrafficSourceBody,
  EventsBody,
  EventsParams,
  EventsReceipt,
  ExtensionStatusView,
  extensionStatusView,
  ListQuery,
  PbxTestView,
  PlaybackBody,
  PlaybackView,
  PbxView,
  pbxView,
  TrafficSourceView,
  trafficSourceView,
  TransferBody,
  UpdateAgentBody,
  UpdateContactBody,
  UpdatePbxBody,
} from './schemas';

const registryTags = ['PBX'];
const tags = ['Calls'];
const OFF = 'While the PBX integration is off (settings `pbx.enabled`), answers 409 PBX_MODULE_DISABLED.';

export function pbxRoutes(
  app: FastifyInstance,
  useCases: PbxUseCases,
  { verifier, streamsPerKey }: { verifier: ApiKeyVerifier; streamsPerKey: number },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const streams = createAgentStreamHub({
    source: { activity: useCases.agentStreamActivity },
    log: app.log,
    streamsPerKey,
  });
  app.addHook('preClose', async () => streams.closeAll());

  r.post(
    '/v1/pbx',
    {
      schema: {
        tags: registryTags,
        operationId: 'createPbx',
        summary: 'Register a PBX (Dígitro, Planetfone, ForIP or Asterisk)',
        description:
          'With the fields of its type (seed 004); credentials sealed and write-only. The PBX posts its call events to `eventsUrl` with the event secret (made and shown once when not given). Its addresses follow the partner address rules (422 PARTNER_URL_NOT_ALLOWED). Send an `Idempotency-Key` to retry safely.',
        headers: IdempotencyHeaders,
        body: CreatePbxBody,
        response: { 201: CreatedPbxView, ...problems(413, 415, 'PARTNER_URL_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED') },
      },
      config: { scope: 'integrations:write', idempotent: true, shownOnce: ['eventSecret'] },
    },
    async (request, reply) => respond(reply, await useCases.createPbx(request.body), 201, createdPbxView),
  );

  r.get(
    '/v1/pbx',
    {
      schema: {
        tags: registryTags,
        operationId: 'listPbxs',
        summary: 'List PBXs',
        description: 'Without credentials.',
        querystring: ListQuery,
        response: { 200: pageOf(PbxView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) => respondPage(reply, request.query, (page) => useCases.listPbxs(page), pbxView),
  );

  r.get(
    '/v1/pbx/:id',
    {
      schema: {
        tags: registryTags,
        operationId: 'getPbx',
        summary: 'Get a PBX',
        description: 'Its fields and the call commands its type takes.',
        params: IdParams,
        response: { 200: PbxView, ...problems('PBX_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) => respond(reply, await useCases.getPbx(request.params.id), 200, pbxView),
  );

  r.patch(
    '/v1/pbx/:id',
    {
      schema: {
        tags: registryTags,
        operationId: 'updatePbx',
        summary: 'Change a PBX',
        description:
          'The fields must still fit its type, its addresses the partner address rules; `active` switches it on and off.',
        params: IdParams,
        body: UpdatePbxBody,
        response: { 200: PbxView, ...problems('PBX_NOT_FOUND', 'PARTNER_URL_NOT_ALLOWED', 413, 415) },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) => respond(reply, await useCases.updatePbx(request.params.id, request.body), 200, pbxView),
  );

  r.delete(
    '/v1/pbx/:id',
    {
      schema: {
        tags: registryTags,
        operationId: 'deletePbx',
        summary: 'Delete a PBX',
        description: 'Refused while agents or calls belong to it (409 PBX_IN_USE: deactivate it instead).',
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...problems('PBX_NOT_FOUND', 'PBX_IN_USE') },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) => respond(reply, await useCases.deletePbx(request.params.id), 204, () => undefined),
  );

  r.post(
    '/v1/pbx/:id/test',
    {
      schema: {
        tags: registryTags,
        operationId: 'testPbx',
        summary: 'Check the connection to a PBX',
        description: 'Calls the PBX with its credentials; a failure says what failed (502).',
        params: IdParams,
        response: {
          200: PbxTestView,
          ...problems('PBX_NOT_FOUND', 'PARTNER_UNAVAILABLE', 'PARTNER_REJECTED', 'PARTNER_AUTH_FAILED'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) => respond(reply, await useCases.testPbx(request.params.id), 200, (v) => v),
  );

  r.post(
    '/v1/pbx/:id/events',
    {
      schema: {
        tags,
        operationId: 'receivePbxEvents',
        summary: 'Call events pushed by a PBX (called by the PBX)',
        description: `Authenticated by the PBX's event secret (\`Authorization: Bearer <secret>\`), not an API key. Each PBX's shape is normalised to one event; repeated and out-of-order events converge to the same call record. ${OFF}`,
        params: EventsParams,
        body: EventsBody,
        response: { 200: EventsReceipt, ...publicProblems(400, 401, 413, 415, 'PBX_NOT_FOUND', 'PBX_MODULE_DISABLED') },
      },
      bodyLimit: 256 * 1024,
    },
    async (request, reply) => {
      const secret = bearerOf(request.headers.authorization);
      return respond(reply, await useCases.receivePbxEvents(request.params.id, secret, request.body), 200, (v) => v);
    },
  );

  r.post(
    '/v1/agents',
    {
      schema: {
        tags: registryTags,
        operationId: 'createAgent',
        summary: 'Register an agent at an extension',
        description:
          'A seller or attendant, their PBX, extension and its password (write-only). One agent per extension of a PBX. Send an `Idempotency-Key` to retry safely.',
        headers: IdempotencyHeaders,
        body: CreateAgentBody,
        response: {
          201: AgentView,
          ...problems(413, 415, 'UNKNOWN_PBX', 'AGENT_EXTENSION_TAKEN', 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'integrations:write', idempotent: true },
    },
    async (request, reply) => respond(reply, await useCases.createAgent(request.body), 201, agentView),
  );

  r.get(
    '/v1/agents',
    {
      schema: {
        tags: registryTags,
        operationId: 'listAgents',
        summary: 'List agents',
        description: 'Filter: `pbxId`.',
        querystring: AgentQuery,
        response: { 200: pageOf(AgentView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listAgents(request.query.pbxId, page), agentView),
  );

  r.get(
    '/v1/agents/:id',
    {
      schema: {
        tags: registryTags,
        operationId: 'getAgent',
        summary: 'Get an agent',
        description: 'Without the extension password.',
        params: IdParams,
        response: { 200: AgentView, ...problems('AGENT_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) => respond(reply, await useCases.getAgent(request.params.id), 200, agentView),
  );

  r.patch(
    '/v1/agents/:id',
    {
      schema: {
        tags: registryTags,
        operationId: 'updateAgent',
        summary: 'Change an agent',
        description: 'Name, extension, password (null removes it).',
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: AgentView, ...problems('AGENT_NOT_FOUND', 'AGENT_EXTENSION_TAKEN', 413, 415) },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateAgent(request.params.id, request.body), 200, agentView),
  );

  r.delete(
    '/v1/agents/:id',
    {
      schema: {
        tags: registryTags,
        operationId: 'deleteAgent',
        summary: 'Delete an agent',
        description: 'Their calls stay, without an agent.',
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...problems('AGENT_NOT_FOUND') },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) => respond(reply, await useCases.deleteAgent(request.params.id), 204, () => undefined),
  );

  r.get(
    '/v1/agents/:id/extension-status',
    {
      schema: {
        tags,
        operationId: 'getExtensionStatus',
        summary: "The agent's extension status, asked of the PBX now",
        description: `idle, in_use, busy, unavailable, ringing, on_hold (502 when the PBX fails; ForIP does not report it). ${OFF}`,
        params: IdParams,
        response: {
          200: ExtensionStatusView,
          ...problems(
            'AGENT_NOT_FOUND',
            'PBX_MODULE_DISABLED',
            'PARTNER_UNAVAILABLE',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
        },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.extensionStatus(request.params.id), 200, extensionStatusView),
  );

  r.get(
    '/v1/agents/:id/stream',
    {
      schema: {
        tags,
        operationId: 'streamAgentEvents',
        summary: "The agent's screen, live (Server-Sent Events)",
        description: `Seed 004's "tarja" and pop-up without polling: \`extension\` events (the extension's status) and \`call\` events (a call's state; an incoming call starts ringing with every customer its number belongs to, the screen pop). Each event has an \`id\`: a client that reconnects with \`Last-Event-ID\` resumes after it (events are kept a day); without it, the stream starts from what comes next. A comment line every 15 s keeps it open. The stream ends within seconds once its API key is deleted; one key holds at most \`STREAMS_PER_KEY\` streams on a process (429 TOO_MANY_STREAMS). ${OFF}`,
        params: IdParams,
        response: {
          200: {
            description: 'An event stream: `id`, `event` (extension | call) and `data` (JSON) per event.',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...problems('AGENT_NOT_FOUND', 'PBX_MODULE_DISABLED', 'TOO_MANY_STREAMS'),
        },
      },
      config: { scope: 'customers:read' },
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      const stream = await useCases.agentStream(
        request.params.id,
        typeof lastEventId === 'string' ? lastEventId : null,
      );
      if (!stream.ok) return sendDomainError(reply, stream.error);
      // The key is read again while the stream lasts: deleting it ends the stream within seconds.
      const secret = bearerOf(request.headers.authorization)!;
      const key = request.apiKey!;
      const keyStillValid = async () => {
        const now = await verifier.reread(secret);
        return now !== null && now.id === key.id && hasScope(now.scopes, 'customers:read');
      };
      const out = reply.raw;
      const opened = streams.open({
        agentId: stream.value.agentId,
        keyId: key.id,
        keyStillValid,
        startAfter: stream.value.startAfter,
        next: stream.value.next,
        out,
      });
      if (!opened)
        return sendProblem(
          reply,
          problem(
            'TOO_MANY_STREAMS',
            `This API key holds ${streamsPerKey} open streams on this process already; close one first.`,
          ),
        );
      reply.hijack();
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-request-id': request.id,
      });
      out.write(': connected\n\n');
      request.raw.on('close', () => streams.close(out));
    },
  );

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
