import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { PbxUseCases } from '../../use-cases/pbx';
import { IdempotencyHeaders, IdParams, pageOf, problems, publicProblems } from '../common';
import { hasScope } from '../../use-cases/api-keys/api-keys';
import { bearerOf, type ApiKeyVerifier } from '../auth';
import { createAgentStreamHub } from './agent-streams';
import { problem, sendDomainError, sendProblem } from '../errors';
import { respond, respondPage } from '../respond';
import {
  AgentQuery,
  AgentView,
  agentView,
  CreateAgentBody,
  CreatedPbxView,
  createdPbxView,
  CreatePbxBody,
  EventsBody,
  EventsParams,
  EventsReceipt,
  ExtensionStatusView,
  extensionStatusView,
  ListQuery,
  PbxTestView,
  PbxView,
  pbxView,
  UpdateAgentBody,
  UpdatePbxBody,
} from './schemas';

const registryTags = ['PBX'];
const tags = ['Calls'];
const OFF = 'While the PBX integration is off (settings `pbx.enabled`), answers 409 PBX_MODULE_DISABLED.';

/** PBXs and their agents, the events PBXs push, and the agents' live screens (seed 004). */
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
          ...problems(
            'PBX_NOT_FOUND',
            'PARTNER_UNAVAILABLE',
            'PARTNER_THROTTLED',
            'PARTNER_REJECTED',
            'PARTNER_AUTH_FAILED',
          ),
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
      config: { guard: 'partner' },
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
            'PARTNER_THROTTLED',
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
}
